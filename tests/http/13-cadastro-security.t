#!/usr/bin/perl
# Cadastro (issue 3): security — another office's client answers 404 exactly like a
# missing id (pages and every POST action), CSRF on every POST route, login required,
# XSS payloads in every text field rendered as inert text in the list, the profile, the
# edit form and the history.
use strict;
use warnings;
use utf8;
use Test::More;
use Portal::Test qw(:DEFAULT :cadastro);

my $TAG = rand_tag('s');
my $DEMO = office_id('demo');
my $OUTRA = office_id('outra');

clean_login_attempts();
END { eval { purge_marked($TAG) } }

my $ana = staff_login('ana@demo.com.br');
my $bruno = staff_login('bruno@demo.com.br');
my $carla = staff_login('carla@outra.com.br', host => 'outra.localhost');

my $cpf = cpf_random();
my $D = create_client($ana, tipo => 'PF', nome => "Demo Sigiloso $TAG", documento => doc_mask($cpf),
    email => "sigilo.$TAG\@example.com", observacao => "Segredo do escritório $TAG");
my $T = create_client($ana, tipo => 'PJ', nome => "Demo Lixeira $TAG", documento => doc_mask(cnpj_random()));
if (!$D || !$T) { fail('could not create the records'); done_testing; exit 1 }
$ana->post("/clientes/$T/lixeira", [ csrf => $ana->{csrf} ]);
my $MISSING = (sql_value('SELECT COALESCE(MAX(id), 0) FROM clients') // 0) + 1_000_000;

# The state of a record that no refused request may change.
sub snapshot {
    my ($id) = @_;
    my $row = client_row($id) or return 'gone';
    return join '|', @$row{qw(name version active trashed updated_at)},
        sql_value("SELECT COUNT(*) FROM client_notes WHERE client_id = $id"),
        sql_value("SELECT COUNT(*) FROM audit_events WHERE entity = 'client' AND entity_id = $id"),
        sql_value("SELECT COUNT(*) FROM client_tags WHERE client_id = $id");
}

# ---------------------------------------------------------------- login required
subtest 'not logged in' => sub {
    my $anon = Portal::Test::Client->new;
    my $r = $anon->get('/clientes');
    status_is($r, 303, 'GET /clientes: 303');
    location_is($r, '/entrar?next=%2Fclientes', 'to the login, coming back after');
    security_headers_ok($r, '303 GET /clientes anonymous');
    for my $p ("/clientes/$D", "/clientes/$D/editar", '/clientes/novo', '/clientes/lixeira') {
        $r = $anon->get($p);
        status_is($r, 303, "GET $p: 303");
        like($r->location // '', qr{^/entrar}, "GET $p: to the login");
    }
    for my $p ('/clientes/novo', "/clientes/$D/editar", "/clientes/$D/notas", "/clientes/$D/lixeira", '/clientes/lote') {
        $r = $anon->post($p, [ nome => 'x', texto => 'x', acao => 'lixeira', ids => $D, csrf => 'x' ]);
        status_is($r, 403, "POST $p anonymous: 403");
    }
    is(count_clients("name = 'x' AND created_at > NOW() - INTERVAL 1 HOUR AND office_id = $DEMO AND document = ''") // 0, 0, 'nothing created');
    is(client_row($D)->{trashed}, 0, 'nothing trashed');
};

# ---------------------------------------------------------------- cross-office
subtest "another office's client: 404 exactly like a missing id" => sub {
    my $snap = snapshot($D);
    my $tsnap = snapshot($T);
    my @reqs = (
        [ GET => '/clientes/%d' ],
        [ GET => '/clientes/%d/editar' ],
        [ GET => '/clientes/%d/historico' ],
        [ POST => '/clientes/%d/editar', [ @{ client_form(tipo => 'PF', nome => "Invadido $TAG", documento => doc_mask($cpf)) }, versao => 1 ] ],
        [ POST => '/clientes/%d/notas', [ texto => "Nota invasora $TAG" ] ],
        [ POST => '/clientes/%d/lixeira', [] ],
        [ POST => '/clientes/%d/restaurar', [] ],
        [ POST => '/clientes/%d/ativar', [] ],
        [ POST => '/clientes/%d/desativar', [] ],
        [ POST => '/clientes/%d/excluir', [ confirmar => 1 ] ],
    );
    for my $q (@reqs) {
        my ($method, $fmt, $body) = @$q;
        for my $target ([ demo => $D ], [ 'demo (trashed)' => $T ]) {
            my ($label, $id) = @$target;
            next if $label =~ /trashed/ && $fmt !~ /restaurar|excluir|^\/clientes\/%d$/;
            my ($path, $miss) = (sprintf($fmt, $id), sprintf($fmt, $MISSING));
            my ($r, $m);
            if ($method eq 'GET') {
                $r = $carla->get($path);
                $m = $carla->get($miss);
            } else {
                $r = $carla->post($path, [ @$body, csrf => $carla->{csrf} ]);
                $m = $carla->post($miss, [ @$body, csrf => $carla->{csrf} ]);
            }
            status_is($r, 404, "carla (outra) $method $path of a $label client: 404");
            status_is($m, 404, "carla $method of a missing id: 404");
            is($r->{text}, $m->{text}, "$method $fmt: the same page as for a missing id");
            is($r->header('content-type'), $m->header('content-type'), "$method $fmt: same Content-Type");
            text_lacks($r, $TAG, "$method $fmt: nothing of the record shown");
            security_headers_ok($r, "404 $method $fmt cross-office");
        }
    }
    is(snapshot($D), $snap, 'the demo record unchanged');
    is(snapshot($T), $tsnap, 'the trashed demo record unchanged (not restored, not purged)');

    # Lists, search and bulk actions of office outra do not reach it.
    my $r = $carla->get('/clientes' . query_string(q => $TAG));
    status_is($r, 200, 'carla searches the tag: 200');
    is_deeply([ list_ids($r) ], [], 'no demo records in her list');
    text_lacks($r, "Demo Sigiloso", 'no demo names');
    $r = $carla->get('/clientes' . query_string(q => doc_mask($cpf)));
    is_deeply([ list_ids($r) ], [], 'searching the CPF: nothing');
    $r = $carla->get('/clientes/lixeira' . query_string(q => $TAG));
    is_deeply([ linked_ids($r) ], [], 'her trash: no demo records');
    for my $acao (qw(lixeira desativar etiquetar)) {
        $r = $carla->post('/clientes/lote', [ acao => $acao, etiqueta_nome => "Invasora $TAG", ids => $D, csrf => $carla->{csrf} ]);
        ok($r->{status} == 303 && ($r->location // '') =~ /^\/clientes\?(?:feito=0|aviso=nenhum)$/,
            "carla bulk $acao on the demo id: nothing done (" . ($r->location // $r->{status}) . ')') or diag dump_res($r);
    }
    $r = $carla->post('/clientes/lote', [ acao => 'restaurar', ids => $T, csrf => $carla->{csrf} ]);
    ok($r->{status} != 303 || ($r->location // '') !~ /feito=[1-9]/, 'carla bulk on the trashed demo id: nothing');
    is(snapshot($D), $snap, 'still unchanged');
    is(snapshot($T), $tsnap, 'the trashed one still unchanged');
    is(sql_value("SELECT COUNT(*) FROM tags WHERE office_id = $DEMO AND name = " . sql_quote("Invasora $TAG")), 0,
        'no tag created in office demo');

    # The duplicate check stays inside the office: carla may register the same CPF, and
    # is not shown the demo record.
    my %f = (tipo => 'PF', nome => "Outra Pessoa $TAG", documento => doc_mask($cpf));
    $r = $carla->post('/clientes/novo', [ @{ client_form(%f) }, csrf => $carla->{csrf} ]);
    status_is($r, 303, "the demo record's CPF in office outra: no duplicate warning, saved");
    text_lacks($r, 'Demo Sigiloso', 'the demo name is not shown');
    my ($oid) = ($r->location // '') =~ m{^/clientes/(\d+)};
    is($oid ? client_row($oid)->{office_id} : undef, $OUTRA, 'saved in office outra');
    # And ana does not reach carla's.
    if ($oid) {
        my $a = $ana->get("/clientes/$oid");
        my $am = $ana->get("/clientes/$MISSING");
        status_is($a, 404, "ana GET outra's record: 404");
        is($a->{text}, $am->{text}, '... the same page as a missing id');
        my $d = $ana->post('/clientes/novo', [ @{ client_form(%f, nome => "Duplicado Demo $TAG") }, csrf => $ana->{csrf} ]);
        status_is($d, 409, "ana with the same CPF: the warning for the demo record");
        unlike($d->{text}, qr{href="/clientes/$oid"}, "... not listing outra's record");
        text_lacks($d, "Outra Pessoa $TAG", "... nor its name");
    }
};

# ---------------------------------------------------------------- CSRF
subtest 'CSRF: every POST route without the token answers 403 and changes nothing' => sub {
    my $ok_form = client_form(tipo => 'PF', nome => "CSRF Novo $TAG");
    my $v = client_row($D)->{version};
    my @routes = (
        [ '/clientes/novo', $ok_form, sub { count_clients('name = ' . sql_quote("CSRF Novo $TAG")) } ],
        [ "/clientes/$D/editar", [ @{ client_form(tipo => 'PF', nome => "CSRF Editado $TAG", documento => doc_mask($cpf)) }, versao => $v ], sub { snapshot($D) } ],
        [ "/clientes/$D/notas", [ texto => "CSRF nota $TAG" ], sub { snapshot($D) } ],
        [ "/clientes/$D/lixeira", [], sub { snapshot($D) } ],
        [ "/clientes/$D/desativar", [], sub { snapshot($D) } ],
        [ "/clientes/$T/restaurar", [], sub { snapshot($T) } ],
        [ "/clientes/$T/excluir", [ confirmar => 1 ], sub { snapshot($T) } ],
        [ '/clientes/lote', [ acao => 'lixeira', ids => $D ], sub { snapshot($D) } ],
        [ '/clientes/lote', [ acao => 'etiquetar', etiqueta_nome => "CSRF $TAG", ids => $D ], sub { snapshot($D) } ],
    );
    # ativar needs an inactive record.
    my $I = create_client($ana, tipo => 'PF', nome => "CSRF Inativo $TAG", ativo => 0);
    push @routes, [ "/clientes/$I/ativar", [], sub { snapshot($I) } ] if $I;
    for my $rt (@routes) {
        my ($path, $fields, $state) = @$rt;
        my $before = $state->();
        my @tries = (
            [ 'no csrf field', [@$fields] ],
            [ 'an empty csrf', [ @$fields, csrf => '' ] ],
            [ 'a wrong csrf', [ @$fields, csrf => 'x' . $ana->{csrf} ] ],
            [ "another session's csrf", [ @$fields, csrf => $bruno->{csrf} ] ],
        );
        for my $t (@tries) {
            my ($what, $body) = @$t;
            my $r = $ana->post($path, $body);
            status_is($r, 403, "POST $path with $what: 403");
        }
        my $r = $ana->post($path, [@$fields]);
        security_headers_ok($r, "403 POST $path without csrf");
        is($state->(), $before, "POST $path: nothing changed");
    }
    # The token in the query string does not count either.
    my $r = $ana->post("/clientes/$D/desativar?csrf=$ana->{csrf}", []);
    status_is($r, 403, 'csrf in the query string only: 403');
    # With the token, the same requests work (the 403s were about the token).
    $r = $ana->post("/clientes/$D/notas", [ texto => "Com token $TAG", csrf => $ana->{csrf} ]);
    status_is($r, 303, 'with the token: the note is saved');
    is(count_clients('name = ' . sql_quote("CSRF Novo $TAG")), 0, 'no record created by the refused posts');
    is(sql_value('SELECT COUNT(*) FROM tags WHERE name = ' . sql_quote("CSRF $TAG")), 0, 'no tag created by the refused posts');
};

# ---------------------------------------------------------------- XSS
my $S = '<script>alert(1)</script>';
my $I = '"><img src=x onerror=alert(1)>';
my $V = "'><svg/onload=alert(1)>";
my $N = '"><svg/onload=1>';
# Every text field of the record, each with a payload that fits its length.
my %XSS = (
    nome => "$S $TAG",
    fantasia => "$I fantasia",
    documento => $I,                      # free form for a foreign client (EX)
    pais => "$S país",
    inscricao_estadual => $I,             # 30 characters
    inscricao_municipal => $S,
    logradouro => "$S rua",
    numero => $N,                         # 16 of 20
    complemento => "$V compl",
    bairro => "$I bairro",
    cidade => "$S cidade",
    contato => "$V contato",
    observacao => "$S\n$I obs",
);

# The markup of a response holds no live tag or attribute of the payloads, and its text
# shows them.
sub inert {
    my ($r, $where, @shown) = @_;
    local $Test::Builder::Level = $Test::Builder::Level + 1;
    my $html = html_of($r);
    # No tag the pages never use, and no event-handler attribute in any real tag (an
    # escaped payload inside a quoted value is text, not an attribute).
    my @live = map { "<$_" } $html =~ /<(script|img|svg|iframe|object)\b/gi;
    while ($html =~ /<([a-zA-Z][\w-]*)((?:\s+[^\s=>\/"']+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+))?)*)\s*\/?>/g) {
        my ($tag, $attrs) = ($1, $2);
        while ($attrs =~ /\s+([^\s=>\/"']+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+))?/g) {
            push @live, "$1 in <$tag>" if $1 =~ /^on/i;
        }
    }
    ok(!@live, "$where: no live markup from the payloads") or diag "found: @live\n" . dump_res($r);
    for my $s (@shown) {
        ok(index($r->{text}, $s) >= 0, "$where: shows " . substr($s, 0, 40) . ' as text')
            or diag "missing: $s\n" . dump_res($r);
    }
}

subtest 'XSS: payloads in every text field are inert text' => sub {
    # Created plain, then edited into the payloads: the history shows them as new values.
    my $X = create_client($ana, tipo => 'EX', nome => "Plano $TAG", pais => 'Chile', cidade => 'Santiago');
    ok($X, 'a foreign record') or return;
    my $e = $ana->get("/clientes/$X/editar");
    my $r = $ana->post("/clientes/$X/editar", pairs_set(form_fields($e, "/clientes/$X/editar"), %XSS));
    status_is($r, 303, 'edited into the payloads: saved') or return;
    my $row = client_row($X);
    is($row->{name}, $XSS{nome}, 'stored as typed (escaping is the page\'s job)');
    is($row->{document}, $I, 'foreign document stored as typed');

    # A payload note and a payload tag.
    my $tagname = "<img src=x onerror=alert(1)> $TAG";
    status_is($ana->post("/clientes/$X/notas", [ texto => "$S nota $I", csrf => $ana->{csrf} ]), 303, 'payload note saved');
    my $lr = $ana->post('/clientes/lote', [ acao => 'etiquetar', etiqueta_nome => $tagname, ids => $X, csrf => $ana->{csrf} ]);
    status_is($lr, 303, 'payload tag added');

    # Profile: every field, the note, the tag, the history, the title.
    $r = $ana->get("/clientes/$X");
    status_is($r, 200, 'profile: 200');
    inert($r, 'profile', (map { $XSS{$_} } grep { $_ ne 'observacao' } sort keys %XSS),
        $S, "$I obs", "$S nota $I", $tagname);
    like($r->{text}, qr{<title>\Q$XSS{nome}\E}, 'profile: the title shows the name as text');
    my ($hist) = html_of($r) =~ /(<section class="cartao historico">.*?<\/section>)/s;
    ok($hist, 'profile: history section') or return;
    my $htext = Portal::Test::Client::_entities($hist);
    for my $f (qw(nome fantasia documento logradouro numero contato cidade)) {
        ok(index($htext, $XSS{$f}) >= 0, "history: $f shown as its new value") or diag $hist;
    }
    ok(index($htext, $tagname) >= 0, 'history: the tag name') or diag $hist;
    unlike($hist, qr/<(?:script|img|svg)\b/i, 'history: no live markup');

    # Edit form: every value in its input, escaped.
    $r = $ana->get("/clientes/$X/editar");
    status_is($r, 200, 'edit form: 200');
    inert($r, 'edit form');
    for my $f (sort keys %XSS) {
        my $got = $f eq 'observacao' ? textarea_value($r, $f) : input_value($r, $f);
        is($got, $XSS{$f}, "edit form: $f holds the payload as its value");
    }

    # List, table and cards.
    $r = $ana->get('/clientes' . query_string(q => $TAG, visao => 'lista'));
    status_is($r, 200, 'list: 200');
    ok(grep({ $_ == $X } list_ids($r)), 'list: the record is listed');
    inert($r, 'list (table)', $XSS{nome}, $XSS{fantasia}, $XSS{documento}, $XSS{cidade}, $tagname);
    $r = $ana->get('/clientes' . query_string(q => $TAG, visao => 'cartoes'));
    inert($r, 'list (cards)', $XSS{nome}, $XSS{fantasia}, $XSS{documento}, $XSS{cidade});
    $ana->get('/clientes?visao=lista');

    # The search box and the URLs the list builds from the search.
    $r = $ana->get('/clientes' . query_string(q => "$I $TAG"));
    status_is($r, 200, 'a payload search: 200');
    inert($r, 'list with a payload search');
    is(input_value($r, 'q'), "$I $TAG", 'the search box holds the payload as its value');
    $r = $ana->get('/clientes/lixeira' . query_string(q => "$S $TAG"));
    inert($r, 'trash with a payload search');

    # The duplicate warning lists names: a payload name there too.
    my $c2 = cpf_random();
    my $Y = create_client($ana, tipo => 'PF', nome => "$I dup $TAG", documento => doc_mask($c2));
    ok($Y, 'a PF record with a payload name') or return;
    $r = $ana->post('/clientes/novo', [ @{ client_form(tipo => 'PF', nome => "$S segundo $TAG", documento => $c2) }, csrf => $ana->{csrf} ]);
    status_is($r, 409, 'duplicate warning: 409');
    inert($r, 'duplicate warning', "$I dup $TAG", "$S segundo $TAG");

    # Values that fail validation come back in the form: escaped too.
    my %bad = (email => "$I\@x.com", celular => $N, fone_comercial => $V, fone_residencial => $S,
        cep => $N, nascimento => $N, documento => $I, outros_emails => "$S\@x.com");
    $r = $ana->post('/clientes/novo', [ @{ client_form(tipo => 'PF', nome => "$S inválido $TAG", %bad) }, csrf => $ana->{csrf} ]);
    status_is($r, 422, 'invalid payload values: 422');
    inert($r, 'the form sent back with errors');
    for my $f (sort keys %bad) {
        my $got = $f eq 'outros_emails' ? textarea_value($r, $f) : input_value($r, $f);
        my $want = $f =~ /email/ ? lc $bad{$f} : $bad{$f};
        is($got, $want, "sent back: $f holds the typed payload as text");
        ok(defined field_error($r, $f), "sent back: $f marked as an error");
    }
    # Same for the trash and the profile of a trashed record.
    status_is($ana->post("/clientes/$X/lixeira", [ csrf => $ana->{csrf} ]), 303, 'to the trash');
    $r = $ana->get('/clientes/lixeira' . query_string(q => $TAG));
    ok(grep({ $_ == $X } linked_ids($r)), 'trash: listed');
    inert($r, 'trash', $XSS{nome}, $XSS{documento});
    inert($ana->get("/clientes/$X"), 'profile in the trash', $XSS{nome});
};

done_testing;
