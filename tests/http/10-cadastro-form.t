#!/usr/bin/perl
# Cadastro (issue 3): the client form — create PF and PJ (documents stored bare, shown
# masked), validation errors beside each field with the typed values kept, the
# duplicate-document warning, edit with optimistic locking, audit rows and the history on
# the profile, notes (staff and automatic).
use strict;
use warnings;
use utf8;
use Test::More;
use Portal::Test qw(:DEFAULT :cadastro);

my $TAG = rand_tag('f');
my $DEMO = office_id('demo');
my $ANA_ID = staff_id('ana@demo.com.br');
my $BRUNO_ID = staff_id('bruno@demo.com.br');
my $CARLA_ID = staff_id('carla@outra.com.br');

# The two documents the issue names: rows of earlier runs holding them would turn the
# first create into a duplicate warning, so the office starts without them.
my $CPF_FIXED = '12345678909';
my $CNPJ_FIXED = '12ABC34501DE35';
sub purge_fixed_docs {
    purge_clients(map { $_->[0] } sql("SELECT id FROM clients WHERE office_id = $DEMO"
        . " AND document IN ('$CPF_FIXED', '$CNPJ_FIXED')"));
}

clean_login_attempts();
purge_fixed_docs();
END { eval { purge_marked($TAG); purge_fixed_docs() } }

my $ana = staff_login('ana@demo.com.br');
my $bruno = staff_login('bruno@demo.com.br');

# ---------------------------------------------------------------- the empty form
subtest 'GET /clientes/novo: the form' => sub {
    my $r = $ana->get('/clientes/novo');
    status_is($r, 200, 'GET /clientes/novo: 200');
    security_headers_ok($r, '200 GET /clientes/novo');
    ok(has_form($r, '/clientes/novo'), 'a form POST /clientes/novo');
    is(csrf_of($r), $ana->{csrf}, "hidden csrf: the session's token");
    for my $f (qw(nome fantasia documento nascimento inscricao_estadual inscricao_municipal
        pais email celular fone_comercial fone_residencial contato cep logradouro numero
        complemento bairro cidade)) {
        ok(has_input($r, $f, 'text'), "text input $f") or diag "no input $f";
    }
    for my $f (qw(cliente fornecedor prestador prospect ativo)) {
        ok(has_input($r, $f, 'checkbox'), "checkbox $f");
    }
    ok(defined textarea_value($r, 'observacao'), 'textarea observacao');
    ok(defined textarea_value($r, 'outros_emails'), 'textarea outros_emails');
    is(selected_value($r, 'uf'), '', 'select uf, nothing chosen');
    like($r->{text}, qr/<option value="SP"/, 'uf offers SP');
    my @ufs = html_of($r) =~ /<select id="uf".*?<\/select>/s ? (html_of($r) =~ /<select id="uf"(.*?)<\/select>/s)[0] =~ /<option value="([A-Z]{2})"/g : ();
    is(scalar @ufs, 27, 'uf: the 27 states');
    ok(defined selected_value($r, 'regime'), 'select regime');
    ok(defined selected_value($r, 'responsavel'), 'select responsavel');
    like($r->{text}, qr/<option value="$ANA_ID"[^>]*>Ana Souza</, 'responsavel offers Ana Souza');
    unlike($r->{text}, qr/Carla Dias/, "responsavel does not offer another office's staff");
    my $f = form_fields($r, '/clientes/novo');
    is(pairs_get($f, 'tipo'), 'PJ', 'tipo: PJ checked by default');
    is(pairs_get($f, 'cliente'), '1', 'cliente checked by default');
    is(pairs_get($f, 'ativo'), '1', 'ativo checked by default');
};

# ---------------------------------------------------------------- create PF
my ($pf_id, $pj_id);
subtest 'create PF with CPF 123.456.789-09' => sub {
    my $name = "João da Silva $TAG";
    my $before = client_counts_of($DEMO);
    my ($id, $r) = create_client($ana,
        tipo => 'PF', nome => $name, documento => '123.456.789-09',
        nascimento => '15/03/1980', email => "Joao.Silva.$TAG\@Example.com.br",
        outros_emails => "financeiro.$TAG\@example.com\r\nCONTABIL.$TAG\@example.com",
        celular => '(11) 98765-4321', fone_comercial => '11 3456-7890',
        fone_residencial => '+55 21 2345-6789', cep => '01310-100',
        logradouro => 'Avenida Paulista', numero => '1000', complemento => 'conjunto 12',
        bairro => 'Bela Vista', cidade => 'São Paulo', uf => 'sp', contato => 'Maria Souza',
        regime => 'na', responsavel => $ANA_ID, prospect => 1, inscricao_municipal => 'IM-77',
        observacao => "Cliente desde 2010 $TAG");
    status_is($r, 303, 'POST /clientes/novo: 303');
    like($r->location // '', qr{^/clientes/\d+\?criado=1$}, 'Location: /clientes/N?criado=1');
    security_headers_ok($r, '303 POST /clientes/novo');
    ok($id, 'created') or return;
    $pf_id = $id;

    my $row = client_row($id);
    is($row->{office_id}, $DEMO, 'in office demo');
    is($row->{kind}, 'PF', 'kind PF');
    is($row->{name}, $name, 'name as typed');
    is($row->{document}, '12345678909', 'CPF stored bare');
    is($row->{birth_date}, '1980-03-15', 'birth date stored ISO');
    is($row->{email}, lc "joao.silva.$TAG\@example.com.br", 'e-mail stored lowercase');
    is($row->{other_emails}, "financeiro.$TAG\@example.com\ncontabil.$TAG\@example.com", 'other e-mails: one per line, lowercase');
    is($row->{phone_mobile}, '11987654321', 'mobile stored as digits');
    is($row->{phone_work}, '1134567890', 'work phone stored as digits');
    is($row->{phone_home}, '2123456789', 'home phone (+55) stored as national digits');
    is($row->{cep}, '01310100', 'CEP stored as digits');
    is($row->{uf}, 'SP', 'UF uppercase');
    is($row->{tax_regime}, 'na', 'regime');
    is($row->{responsible_id}, $ANA_ID, 'responsável');
    is_deeply([ @$row{qw(is_client is_supplier is_provider is_prospect active trashed)} ], [ 1, 0, 0, 1, 1, 0 ],
        'types cliente+prospect, active, not trashed');
    is($row->{version}, 1, 'version 1');
    my $after = client_counts_of($DEMO);
    is($after->[0] - $before->[0], 1, 'client_counts: one more active');

    my @words = map { $_->[0] } sql("SELECT word FROM client_words WHERE client_id = $id");
    ok((grep { $_ eq 'joao' } @words), "search words: 'joao' (folded)") or diag "@words";
    ok((grep { $_ eq '12345678909' } @words), 'search words: the bare CPF') or diag "@words";

    my @ev = audit_events($id);
    is(scalar @ev, 1, 'one audit event');
    is($ev[0]{action}, 'create', 'audit: create');
    is($ev[0]{channel}, 'staff', 'audit channel staff');
    is($ev[0]{user_id}, $ANA_ID, 'audit user: ana');
    my $ch = audit_changes_of($ev[0]{id});
    is_deeply($ch->{document}, [ undef, '12345678909' ], 'audit change: document');
    is_deeply($ch->{name}, [ undef, $name ], 'audit change: name');

    $r = $ana->get("/clientes/$id?criado=1");
    status_is($r, 200, 'profile: 200');
    security_headers_ok($r, '200 profile');
    text_has($r, 'Cliente cadastrado.', 'flash: Cliente cadastrado.');
    like($r->{text}, qr/<h1>\Q$name\E<\/h1>/, 'profile: name in the heading');
    like($r->{text}, qr/<dt>CPF<\/dt><dd class="doc">123\.456\.789-09<\/dd>/, 'profile: CPF shown masked');
    text_has($r, '15/03/1980', 'profile: date dd/mm/aaaa');
    text_has($r, '(11) 98765-4321', 'profile: mobile masked');
    text_has($r, '(11) 3456-7890', 'profile: work phone masked');
    text_has($r, '(21) 2345-6789', 'profile: home phone masked');
    text_has($r, 'CEP 01310-100', 'profile: CEP masked');
    text_has($r, 'São Paulo/SP', 'profile: city/UF');
    text_has($r, 'Pessoa física', 'profile: kind');
    text_has($r, 'Prospect', 'profile: registration type prospect');
    like($r->{text}, qr/<dt>Responsável<\/dt><dd>Ana Souza<\/dd>/, 'profile: responsável by name');
    like($r->{text}, qr/<dt>Regime tributário<\/dt><dd>Não se aplica<\/dd>/, 'profile: regime label');
    like($r->{text}, qr/<div class="observacao-fixa">.*Cliente desde 2010 \Q$TAG\E/s, 'profile: the fixed observation');
    my $obs_at = index($r->{text}, 'observacao-fixa');
    my $data_at = index($r->{text}, '<h2>Dados</h2>');
    ok($obs_at >= 0 && $obs_at < $data_at, 'the fixed observation is shown above the data');
    text_has($r, lc "joao.silva.$TAG\@example.com.br", 'profile: e-mail');
    text_has($r, "contabil.$TAG\@example.com", 'profile: other e-mails');
};

# ---------------------------------------------------------------- create PJ
subtest 'create PJ with the alphanumeric CNPJ 12.ABC.345/01DE-35' => sub {
    my $name = "Alfa Comércio $TAG Ltda";
    my ($id, $r) = create_client($ana,
        tipo => 'PJ', nome => $name, fantasia => "Alfa $TAG", documento => '12.ABC.345/01DE-35',
        nascimento => '01/02/2024', regime => 'simples', inscricao_estadual => '110.042.490.114',
        email => "contato.$TAG\@alfa.com.br", fone_comercial => '(11) 3456-7890',
        cidade => 'Campinas', uf => 'SP', fornecedor => 1, cliente => 0);
    status_is($r, 303, 'POST /clientes/novo PJ: 303');
    ok($id, 'created') or return;
    $pj_id = $id;
    my $row = client_row($id);
    is($row->{kind}, 'PJ', 'kind PJ');
    is($row->{document}, '12ABC34501DE35', 'CNPJ stored bare, letters kept');
    is($row->{birth_date}, '2024-02-01', 'opening date stored ISO');
    is_deeply([ @$row{qw(is_client is_supplier)} ], [ 0, 1 ], 'fornecedor, not cliente');
    $r = $ana->get("/clientes/$id");
    status_is($r, 200, 'profile: 200');
    like($r->{text}, qr/<dt>CNPJ<\/dt><dd class="doc">12\.ABC\.345\/01DE-35<\/dd>/, 'profile: CNPJ shown masked');
    like($r->{text}, qr/<dt>Abertura<\/dt><dd>01\/02\/2024<\/dd>/, 'profile: opening date');
    text_has($r, 'Simples Nacional', 'profile: regime label');
    text_has($r, 'Fornecedor', 'profile: fornecedor');
    text_has($r, "Alfa $TAG", 'profile: nome fantasia');
    text_has($r, '110.042.490.114', 'profile: inscrição estadual');

    # The list shows it masked too.
    $r = $ana->get('/clientes' . query_string(q => $TAG));
    status_is($r, 200, 'list: 200');
    like($r->{text}, qr/<td class="doc">12\.ABC\.345\/01DE-35<\/td>/, 'list: CNPJ masked');
    like($r->{text}, qr/<td class="doc">123\.456\.789-09<\/td>/, 'list: CPF masked');

    # Typed in lowercase and without punctuation: the same document (and a duplicate).
    ($r) = $ana->post('/clientes/novo', [ @{ client_form(tipo => 'PJ', nome => "Alfa Minúsculas $TAG",
        documento => '12abc34501de35') }, csrf => $ana->{csrf} ]);
    status_is($r, 409, 'the same CNPJ typed lowercase and bare: recognised (409 duplicate)');
};

# ---------------------------------------------------------------- validation
subtest 'validation: each error beside its field, in Portuguese, typed values kept, 422, nothing saved' => sub {
    my %base = (tipo => 'PF', documento => doc_mask(cpf_random()), email => "ok.$TAG\@example.com",
        celular => '(11) 98765-4321', cep => '01310-100', nascimento => '10/10/1990', uf => 'RJ',
        logradouro => "Rua das Flores $TAG", cidade => 'Niterói', regime => 'mei');
    my @cases = (
        [ 'CPF with wrong check digits', documento => '123.456.789-00', 'documento', qr/^CPF inválido/ ],
        [ 'a CNPJ given for a PF', documento => '12.ABC.345/01DE-35', 'documento', qr/^Isto é um CNPJ: para pessoa física, informe o CPF\.$/ ],
        [ 'a CPF given for a PJ', tipo => 'PJ', documento => '529.982.247-25', 'documento', qr/^Isto é um CPF: para pessoa jurídica, informe o CNPJ\.$/ ],
        [ 'bad CNPJ', tipo => 'PJ', documento => '12.ABC.345/01DE-36', 'documento', qr/^CNPJ inválido/ ],
        [ 'bad e-mail', email => 'joao@@exemplo', 'email', qr/^E-mail inválido/ ],
        [ 'bad e-mail in the others', outros_emails => "bom.$TAG\@example.com\nsem-arroba", 'outros_emails', qr/e-mail inválido/ ],
        [ 'bad mobile', celular => '1234', 'celular', qr/^Telefone inválido/ ],
        [ 'bad work phone', fone_comercial => '(11) 1234-567', 'fone_comercial', qr/^Telefone inválido/ ],
        [ 'bad CEP', cep => '1234-56', 'cep', qr/^CEP inválido/ ],
        [ 'bad date', nascimento => '31/02/2020', 'nascimento', qr/^Data inválida/ ],
        [ 'not a date', nascimento => 'ontem', 'nascimento', qr/^Data inválida/ ],
        [ 'bad UF', uf => 'XX', 'uf', qr/^UF inválida/ ],
        [ 'missing name', nome => '', 'nome', qr/^Preencha este campo\.$/ ],
        [ 'name of spaces only', nome => '   ', 'nome', qr/^Preencha este campo\.$/ ],
        [ 'unknown regime', regime => 'xpto', 'regime', qr/^Escolha um regime da lista\.$/ ],
        [ "another office's staff as responsável", responsavel => $CARLA_ID, 'responsavel', qr/^Escolha um responsável da lista\.$/ ],
    );
    my $n = 0;
    for my $case (@cases) {
        my ($what, @rest) = @$case;
        my $re = pop @rest;
        my $field = pop @rest;
        my %over = @rest;
        my $name = 'Validação ' . ++$n . " $TAG";
        my %f = (%base, nome => $name, %over);
        my $r = $ana->post('/clientes/novo', [ @{ client_form(%f) }, csrf => $ana->{csrf} ]);
        subtest $what => sub {
            status_is($r, 422, "$what: 422");
            my $err = field_error($r, $field);
            ok(defined $err, "$what: an error beside $field") or diag dump_res($r);
            like($err // '', $re, "$what: message") if defined $err;
            text_has($r, 'Corrija o campo indicado abaixo.', "$what: flash");
            my @errs = html_of($r) =~ /<p class="campo-erro"/g;
            is(scalar @errs, 1, "$what: only that field is marked");
            ok(has_form($r, '/clientes/novo'), "$what: the form again");
            is(csrf_of($r), $ana->{csrf}, "$what: csrf in the form");
            # Typed values kept: the bad one (text inputs; a select keeps only its options)
            # and the good ones.
            my $typed = $f{$field};
            if ($field eq 'outros_emails') {
                is(textarea_value($r, $field), $typed, "$what: $field keeps what was typed");
            } elsif ($field ne 'uf' && $field ne 'regime' && $field ne 'responsavel') {
                my $want = $typed;
                $want =~ s/^\s+|\s+$//g;
                $want = lc $want if $field eq 'email';
                is(input_value($r, $field), $want, "$what: $field keeps what was typed");
            }
            is(input_value($r, 'nome'), $f{nome} =~ s/^\s+|\s+$//gr, "$what: nome kept") unless $field eq 'nome';
            is(input_value($r, 'logradouro'), $f{logradouro}, "$what: logradouro kept");
            is(input_value($r, 'cidade'), $f{cidade}, "$what: cidade kept");
            is(selected_value($r, 'uf'), $f{uf}, "$what: uf kept") unless $field eq 'uf';
            is(selected_value($r, 'regime'), $f{regime}, "$what: regime kept") unless $field eq 'regime';
            is(pairs_get(form_fields($r, '/clientes/novo'), 'tipo'), $f{tipo}, "$what: tipo kept");
            is(count_clients("office_id = $DEMO AND (name = " . sql_quote($name)
                . ' OR street = ' . sql_quote($f{logradouro}) . ')'), 0, "$what: nothing saved");
        };
    }

    # Several at once: all marked.
    my %f = (%base, nome => '', email => 'x@', cep => '123', uf => 'ZZ');
    my $r = $ana->post('/clientes/novo', [ @{ client_form(%f) }, csrf => $ana->{csrf} ]);
    status_is($r, 422, 'several errors: 422');
    text_has($r, 'Corrija os campos indicados abaixo.', 'several errors: flash in the plural');
    for my $field (qw(nome email cep uf)) {
        ok(defined field_error($r, $field), "several errors: $field marked");
    }
    like($r->{text}, qr/<input id="email" name="email" type="text" value="x@"[^>]*aria-invalid="true" aria-describedby="email-erro"/,
        'the field names its error (aria-describedby)');
    is(count_clients('street = ' . sql_quote($base{logradouro})), 0, 'several errors: nothing saved');

    # Optional fields may stay empty: only the name and the kind are required.
    my ($id, $ok) = create_client($ana, tipo => 'PF', nome => "Só o nome $TAG", cliente => 0, ativo => 0);
    status_is($ok, 303, 'only name and kind: saved');
    my $row = $id ? client_row($id) : {};
    is($row->{birth_date}, undef, 'empty date stored NULL');
    is($row->{responsible_id}, undef, 'no responsável stored NULL');
    is($row->{active}, 0, 'ativo unchecked: inactive');
};

# ---------------------------------------------------------------- duplicates
subtest 'duplicate document: warning, nothing saved until confirmed' => sub {
    my $cpf = cpf_random();
    my $first_name = "Primeiro Dono $TAG";
    my $first = create_client($ana, tipo => 'PF', nome => $first_name, documento => doc_mask($cpf));
    ok($first, 'the first record with the CPF') or return;

    my %f = (tipo => 'PF', nome => "Segundo Dono $TAG", documento => $cpf, cidade => 'Recife', uf => 'PE');
    my $r = $ana->post('/clientes/novo', [ @{ client_form(%f) }, csrf => $ana->{csrf} ]);
    status_is($r, 409, 'same CPF (typed without punctuation): 409');
    security_headers_ok($r, '409 duplicate');
    text_has($r, 'Já existe cadastro com este CPF (' . doc_mask($cpf) . ')', 'the warning names the CPF, masked');
    like($r->{text}, qr{<a href="/clientes/$first"[^>]*>\Q$first_name\E</a> — ativo}, 'lists the existing record with a link and its status');
    text_has($r, 'Nada foi salvo.', 'says nothing was saved');
    like($r->{text}, qr{<button type="submit" name="confirmar_duplicado" value="1"[^>]*>Continuar mesmo assim</button>}, '"Continuar mesmo assim" button');
    is(input_value($r, 'nome'), $f{nome}, 'typed name kept');
    is(input_value($r, 'cidade'), 'Recife', 'typed city kept');
    is(input_value($r, 'documento'), doc_mask($cpf), 'the document shown masked');
    is(count_clients("office_id = $DEMO AND document = '$cpf'"), 1, 'nothing saved');

    # Continuing: the page's form plus the button.
    my $fields = form_fields($r, '/clientes/novo');
    my $c = $ana->post('/clientes/novo', [ @$fields, confirmar_duplicado => '1' ]);
    status_is($c, 303, 'confirmar_duplicado=1: saved (303)');
    my ($second) = ($c->location // '') =~ m{^/clientes/(\d+)};
    is(count_clients("office_id = $DEMO AND document = '$cpf'"), 2, 'now two records with the CPF');
    my $row = $second ? client_row($second) : {};
    is($row->{name}, $f{nome}, 'the second record has the typed name');
    is($row->{city}, 'Recife', '... and the typed city');

    # The warning lists both now; an inactive one says so.
    status_is($ana->post("/clientes/$second/desativar", [ csrf => $ana->{csrf} ]), 303, 'the second deactivated') if $second;
    $r = $ana->post('/clientes/novo', [ @{ client_form(%f, nome => "Terceiro Dono $TAG") }, csrf => $ana->{csrf} ]);
    status_is($r, 409, 'third: 409');
    like($r->{text}, qr{href="/clientes/$first"}, 'lists the first');
    like($r->{text}, qr{href="/clientes/$second"[^>]*>[^<]*</a> — inativo}, 'lists the second, inactive');

    # The existing one in the trash: still a duplicate.
    my $cnpj = cnpj_random();
    my $trashed_name = "Na Lixeira $TAG";
    my $t = create_client($ana, tipo => 'PJ', nome => $trashed_name, documento => doc_mask($cnpj));
    ok($t, 'a PJ record') or return;
    status_is($ana->post("/clientes/$t/lixeira", [ csrf => $ana->{csrf} ]), 303, 'moved to the trash');
    is(client_row($t)->{trashed}, 1, 'it is in the trash');
    my %g = (tipo => 'PJ', nome => "Nova Empresa $TAG", documento => $cnpj);
    $r = $ana->post('/clientes/novo', [ @{ client_form(%g) }, csrf => $ana->{csrf} ]);
    status_is($r, 409, 'CNPJ of a record in the trash: 409');
    text_has($r, 'Já existe cadastro com este CNPJ (' . doc_mask($cnpj) . ')', 'the warning names the CNPJ');
    like($r->{text}, qr{<a href="/clientes/$t"[^>]*>\Q$trashed_name\E</a> — na lixeira}, 'lists the trashed record, "na lixeira"');
    is(count_clients("office_id = $DEMO AND document = '$cnpj'"), 1, 'nothing saved');
    $c = $ana->post('/clientes/novo', [ @{ form_fields($r, '/clientes/novo') }, confirmar_duplicado => '1' ]);
    status_is($c, 303, 'confirmed: saved');
    is(count_clients("office_id = $DEMO AND document = '$cnpj' AND NOT trashed"), 1, 'the new one is saved, outside the trash');

    # Editing a record into another's document: the same warning.
    my $other = create_client($ana, tipo => 'PF', nome => "Outro Documento $TAG", documento => doc_mask(cpf_random()));
    ok($other, 'another PF') or return;
    my $e = $ana->get("/clientes/$other/editar");
    my $ef = pairs_set(form_fields($e, "/clientes/$other/editar"), documento => doc_mask($cpf));
    $r = $ana->post("/clientes/$other/editar", $ef);
    status_is($r, 409, "edit to another record's CPF: 409");
    like($r->{text}, qr{href="/clientes/$first"}, 'lists the record with that CPF');
    unlike($r->{text}, qr{href="/clientes/$other"[^>]*target}, 'does not list the record itself');
    is(client_row($other)->{version}, 1, 'nothing saved (version unchanged)');
    # Saving it unchanged is not a duplicate of itself.
    $r = $ana->post("/clientes/$other/editar", form_fields($e, "/clientes/$other/editar"));
    status_is($r, 303, 'saving a record with its own document: no warning');
};

# ---------------------------------------------------------------- edit
subtest 'edit: form filled, saved, audit rows per changed field, history on the profile' => sub {
    ok($pf_id, 'the PF record exists') or return;
    my $r = $ana->get("/clientes/$pf_id/editar");
    status_is($r, 200, 'GET edit: 200');
    security_headers_ok($r, '200 GET edit');
    ok(has_form($r, "/clientes/$pf_id/editar"), "a form POST /clientes/$pf_id/editar");
    my $row = client_row($pf_id);
    is(input_value($r, 'versao'), $row->{version}, 'hidden versao: the stored version');
    is(input_value($r, 'nome'), $row->{name}, 'nome filled');
    is(input_value($r, 'documento'), '123.456.789-09', 'documento masked');
    is(input_value($r, 'nascimento'), '15/03/1980', 'date dd/mm/aaaa');
    is(input_value($r, 'celular'), '(11) 98765-4321', 'mobile masked');
    is(input_value($r, 'cep'), '01310-100', 'CEP masked');
    is(selected_value($r, 'uf'), 'SP', 'UF selected');
    is(selected_value($r, 'responsavel'), $ANA_ID, 'responsável selected');
    is(textarea_value($r, 'observacao'), "Cliente desde 2010 $TAG", 'observação');
    my $f = form_fields($r, "/clientes/$pf_id/editar");
    is(pairs_get($f, 'tipo'), 'PF', 'tipo PF checked');
    is(pairs_get($f, 'prospect'), '1', 'prospect checked');
    ok(!defined pairs_get($f, 'fornecedor'), 'fornecedor unchecked');

    my $events = scalar audit_events($pf_id);
    my $new_name = "João da Silva Filho $TAG";
    my $post = $ana->post("/clientes/$pf_id/editar", pairs_set($f,
        nome => $new_name, email => "novo.$TAG\@example.com", celular => '21 99876-5432',
        cidade => 'Rio de Janeiro', uf => 'RJ', prospect => undef, responsavel => $BRUNO_ID));
    status_is($post, 303, 'POST edit: 303');
    location_is($post, "/clientes/$pf_id?salvo=1", 'Location: the profile, ?salvo=1');
    my $now = client_row($pf_id);
    is($now->{name}, $new_name, 'name saved');
    is($now->{phone_mobile}, '21998765432', 'mobile saved as digits');
    is($now->{version}, $row->{version} + 1, 'version + 1');
    is($now->{document}, '12345678909', 'document unchanged');

    my @ev = audit_events($pf_id);
    is(scalar @ev, $events + 1, 'one more audit event');
    is($ev[-1]{action}, 'update', 'audit: update');
    is($ev[-1]{actor}, 'Ana Souza', 'audit actor: Ana Souza');
    is($ev[-1]{channel}, 'staff', 'audit channel: staff');
    my $ch = audit_changes_of($ev[-1]{id});
    is_deeply([ sort keys %$ch ], [ sort qw(name email phone_mobile city uf is_prospect responsible_id) ],
        'one audit row per changed field, none for the others');
    is_deeply($ch->{name}, [ $row->{name}, $new_name ], 'name: old and new');
    is_deeply($ch->{email}, [ $row->{email}, "novo.$TAG\@example.com" ], 'email: old and new');
    is_deeply($ch->{phone_mobile}, [ '11987654321', '21998765432' ], 'mobile: old and new (digits)');
    is_deeply($ch->{city}, [ 'São Paulo', 'Rio de Janeiro' ], 'city: old and new');
    is_deeply($ch->{is_prospect}, [ '1', '0' ], 'prospect: old and new');
    is_deeply($ch->{responsible_id}, [ $ANA_ID, $BRUNO_ID ], 'responsável: old and new');

    $r = $ana->get("/clientes/$pf_id?salvo=1");
    status_is($r, 200, 'profile: 200');
    text_has($r, 'Alterações salvas.', 'flash: Alterações salvas.');
    my ($hist) = $r->{text} =~ /(<section class="cartao historico">.*?<\/section>)/s;
    ok($hist, 'profile: the history section') or return;
    like($hist, qr/Ana Souza \(equipe\)/, 'history: who and channel');
    like($hist, qr/<p>alterou<\/p>/, 'history: the change');
    like($hist, qr/<p>criou o cadastro<\/p>/, 'history: the creation');
    like($hist, qr/\d\d\/\d\d\/\d{4} \d\d:\d\d/, 'history: when');
    like($hist, qr{<th>Nome / razão social</th><td class="antes">\Q$row->{name}\E</td><td class="seta">→</td><td>\Q$new_name\E</td>},
        'history: name old → new');
    like($hist, qr{<th>Celular</th><td class="antes">\(11\) 98765-4321</td><td class="seta">→</td><td>\(21\) 99876-5432</td>},
        'history: mobile old → new, masked');
    like($hist, qr{<th>Cidade</th><td class="antes">São Paulo</td><td class="seta">→</td><td>Rio de Janeiro</td>},
        'history: city old → new');
    like($hist, qr{<th>Prospect</th><td class="antes">Sim</td><td class="seta">→</td><td>Não</td>},
        'history: yes/no shown as Sim/Não');
    unlike($hist, qr{<th>CPF / CNPJ</th>}, 'history: unchanged fields not listed');
    like($hist, qr{<th>Responsável</th><td class="antes">Ana Souza</td><td class="seta">→</td><td>Bruno Lima</td>},
        'history: responsável old → new, by name (as people read it)');

    # Saving without changes writes no audit rows.
    my $count = scalar audit_events($pf_id);
    my $same = $ana->get("/clientes/$pf_id/editar");
    $post = $ana->post("/clientes/$pf_id/editar", form_fields($same, "/clientes/$pf_id/editar"));
    status_is($post, 303, 'saving unchanged: 303');
    is(scalar audit_events($pf_id), $count, 'saving unchanged: no audit event');

    # Validation on edit too.
    my $bad = $ana->post("/clientes/$pf_id/editar", pairs_set(form_fields($same, "/clientes/$pf_id/editar"),
        email => 'sem arroba', versao => client_row($pf_id)->{version}));
    status_is($bad, 422, 'edit with a bad e-mail: 422');
    like(field_error($bad, 'email') // '', qr/^E-mail inválido/, 'edit: error beside the e-mail');
    is(input_value($bad, 'email'), 'sem arroba', 'edit: typed value kept');
    is(client_row($pf_id)->{email}, "novo.$TAG\@example.com", 'edit: nothing saved');

    # Missing and trashed records.
    my $missing = (sql_value('SELECT COALESCE(MAX(id), 0) FROM clients') // 0) + 100000;
    status_is($ana->get("/clientes/$missing/editar"), 404, 'GET edit of a missing id: 404');
    status_is($ana->get("/clientes/$missing"), 404, 'GET profile of a missing id: 404');
};

# ---------------------------------------------------------------- optimistic locking
subtest 'optimistic locking: the second save is refused, nothing overwritten' => sub {
    my $id = create_client($ana, tipo => 'PJ', nome => "Concorrência $TAG", documento => doc_mask(cnpj_random()),
        cidade => 'Santos', uf => 'SP');
    ok($id, 'a record') or return;
    my $fa = $ana->get("/clientes/$id/editar");
    my $fb = $bruno->get("/clientes/$id/editar");
    status_is($fb, 200, 'bruno loads the edit form too');
    my $va = form_fields($fa, "/clientes/$id/editar");
    my $vb = form_fields($fb, "/clientes/$id/editar");
    is(pairs_get($va, 'versao'), pairs_get($vb, 'versao'), 'both forms carry the same version');

    my $r = $ana->post("/clientes/$id/editar", pairs_set($va, nome => "Concorrência Ana $TAG"));
    status_is($r, 303, 'ana saves first: 303');
    my $after_ana = client_row($id);
    my $events = scalar audit_events($id);

    $r = $bruno->post("/clientes/$id/editar", pairs_set($vb, nome => "Concorrência Bruno $TAG", cidade => 'Guarujá'));
    status_is($r, 409, 'bruno saves the stale form: 409');
    security_headers_ok($r, '409 stale edit');
    text_has($r, 'Outra pessoa alterou este cadastro enquanto você editava.', 'the "Outra pessoa alterou" message');
    is(input_value($r, 'nome'), "Concorrência Bruno $TAG", "bruno's typed name kept in the form");
    is(input_value($r, 'cidade'), 'Guarujá', "bruno's typed city kept");
    my $row = client_row($id);
    is($row->{name}, "Concorrência Ana $TAG", "ana's name not overwritten");
    is($row->{city}, 'Santos', 'city not overwritten');
    is($row->{version}, $after_ana->{version}, 'version unchanged');
    is(scalar audit_events($id), $events, 'no audit event for the refused save');
    is(input_value($r, 'versao'), $row->{version}, 'the form now carries the current version');

    # Stale in the other order (a version from before) with the same user.
    $r = $ana->post("/clientes/$id/editar", pairs_set($va, nome => "Concorrência Velha $TAG"));
    status_is($r, 409, 'the same user posting an old form again: 409');
    is(client_row($id)->{name}, "Concorrência Ana $TAG", 'still not overwritten');

    # Having seen the message, saving the shown form applies it.
    $r = $bruno->post("/clientes/$id/editar", form_fields(
        $bruno->post("/clientes/$id/editar", pairs_set($vb, nome => "Concorrência Bruno $TAG")), "/clientes/$id/editar"));
    status_is($r, 303, 'saving again from the refreshed form: 303');
    is(client_row($id)->{name}, "Concorrência Bruno $TAG", 'now saved');

    # A form without versao is not a way around the lock.
    my $nov = pairs_set($vb, versao => undef, nome => "Sem Versão $TAG");
    $r = $bruno->post("/clientes/$id/editar", $nov);
    ok($r->{status} == 409 || $r->{status} == 422, "edit without versao refused ($r->{status})") or diag dump_res($r);
    is(client_row($id)->{name}, "Concorrência Bruno $TAG", 'without versao: nothing saved');
};

# ---------------------------------------------------------------- notes
subtest 'notes: staff notes and automatic ones on the profile' => sub {
    my $id = create_client($ana, tipo => 'PF', nome => "Notas $TAG", documento => doc_mask(cpf_random()));
    ok($id, 'a record') or return;
    my $r = $ana->get("/clientes/$id");
    ok(has_form($r, "/clientes/$id/notas"), 'profile: the note form');
    text_has($r, 'Nenhuma nota ainda.', 'no notes yet');

    my $text = "Ligou pedindo a 2ª via do boleto $TAG\nRetornar amanhã.";
    $r = $ana->post("/clientes/$id/notas", [ texto => $text, csrf => $ana->{csrf} ]);
    status_is($r, 303, 'POST note: 303');
    like($r->location // '', qr{^/clientes/$id(?:#notas|\?|$)}, 'back to the profile');
    my @n = sql("SELECT body, automatic, user_id, author FROM client_notes WHERE client_id = $id");
    is(scalar @n, 1, 'one note stored');
    is_deeply($n[0], [ $text, 0, $ANA_ID, 'Ana Souza' ], 'note: text, staff, author');
    $r = $ana->get("/clientes/$id");
    text_has($r, "Ligou pedindo a 2ª via do boleto $TAG", 'profile shows the note');
    like($r->{text}, qr{<span class="quando">\d\d/\d\d/\d{4} \d\d:\d\d · Ana Souza</span>}, 'note: when and who');

    $r = $ana->post("/clientes/$id/notas", [ texto => '', csrf => $ana->{csrf} ]);
    ok($r->{status} == 303 || $r->{status} == 422, "empty note: refused or sent back ($r->{status})");
    is(sql_value("SELECT COUNT(*) FROM client_notes WHERE client_id = $id"), 1, 'empty note: not stored');
    $r = $ana->post("/clientes/$id/notas", [ texto => "   \r\n  ", csrf => $ana->{csrf} ]);
    is(sql_value("SELECT COUNT(*) FROM client_notes WHERE client_id = $id"), 1, 'a note of only spaces and line breaks: not stored');

    my @steps = (
        [ desativar => 'Cadastro desativado.', 'deactivate', sub { is(client_row($id)->{active}, 0, 'inactive') } ],
        [ ativar => 'Cadastro ativado.', 'activate', sub { is(client_row($id)->{active}, 1, 'active') } ],
        [ lixeira => 'Movido para a lixeira.', 'trash', sub { is(client_row($id)->{trashed}, 1, 'trashed') } ],
        [ restaurar => 'Restaurado da lixeira.', 'restore', sub { is(client_row($id)->{trashed}, 0, 'restored') } ],
    );
    for my $s (@steps) {
        my ($action, $note, $event, $check) = @$s;
        my $before = client_counts_of($DEMO);
        $r = $ana->post("/clientes/$id/$action", [ csrf => $ana->{csrf} ]);
        status_is($r, 303, "POST $action: 303");
        like($r->location // '', qr{^/clientes/$id(?:\?|$)}, "$action: back to the profile");
        $check->();
        is(sql_value("SELECT COUNT(*) FROM client_notes WHERE client_id = $id AND automatic = 1 AND body = "
            . sql_quote($note)), 1, "$action: automatic note '$note'");
        my @ev = audit_events($id);
        is($ev[-1]{action}, $event, "$action: audit event $event");
        my $after = client_counts_of($DEMO);
        my %delta = (desativar => [ -1, 1, 0 ], ativar => [ 1, -1, 0 ], lixeira => [ -1, 0, 1 ], restaurar => [ 1, 0, -1 ]);
        is_deeply([ map { $after->[$_] - $before->[$_] } 0 .. 2 ], $delta{$action}, "$action: client_counts follow");
    }
    $r = $ana->get("/clientes/$id");
    status_is($r, 200, 'profile: 200');
    for my $note ('Cadastro desativado.', 'Cadastro ativado.', 'Movido para a lixeira.', 'Restaurado da lixeira.') {
        like($r->{text}, qr{<li class="automatica">\s*<span class="quando">[^<]*</span>\s*<p class="linhas">\Q$note\E</p>},
            "profile timeline: automatic note '$note'");
    }
    my ($hist) = $r->{text} =~ /(<section class="cartao historico">.*?<\/section>)/s;
    for my $label ('desativou', 'ativou', 'moveu para a lixeira', 'restaurou da lixeira') {
        like($hist // '', qr{<p>\Q$label\E</p>}, "history: $label");
    }
    # Newest first.
    my $i_restore = index($r->{text}, 'Restaurado da lixeira.');
    my $i_staff = index($r->{text}, "Ligou pedindo");
    ok($i_restore >= 0 && $i_restore < $i_staff, 'timeline: newest first');

    # Deactivating twice: the second does nothing (no second note).
    $ana->post("/clientes/$id/desativar", [ csrf => $ana->{csrf} ]);
    $ana->post("/clientes/$id/desativar", [ csrf => $ana->{csrf} ]);
    is(sql_value("SELECT COUNT(*) FROM client_notes WHERE client_id = $id AND body = 'Cadastro desativado.'"), 2,
        'deactivating an inactive record adds no note');
};

done_testing;
