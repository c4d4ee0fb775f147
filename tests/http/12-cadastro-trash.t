#!/usr/bin/perl
# Cadastro (issue 3): the trash — trashed records leave the list and the search, appear
# in /clientes/lixeira, come back on restore; permanent purge only for admins, only from
# the trash, only confirmed, audited. Bulk move to the trash.
use strict;
use warnings;
use utf8;
use Test::More;
use Portal::Test qw(:DEFAULT :cadastro);

my $TAG = rand_tag('t');
my $DEMO = office_id('demo');
my $ANA_ID = staff_id('ana@demo.com.br');

clean_login_attempts();
END { eval { purge_marked($TAG) } }

my $ana = staff_login('ana@demo.com.br');
my $bruno = staff_login('bruno@demo.com.br');

sub list { my ($c, $path, @q) = @_; return $c->get($path . query_string(@q)) }
sub ids_of { my ($r) = @_; return [ sort { $a <=> $b } list_ids($r) ] }
sub trash_ids { my ($r) = @_; return [ sort { $a <=> $b } linked_ids($r) ] }

my $cpf1 = cpf_random();
my %id;
$id{A} = create_client($ana, tipo => 'PF', nome => "Ana Lixo $TAG", documento => doc_mask($cpf1), email => "lixo.$TAG\@example.com");
$id{B} = create_client($ana, tipo => 'PJ', nome => "Bela Purga $TAG", documento => doc_mask(cnpj_random()), ativo => 0);
$id{C} = create_client($ana, tipo => 'PF', nome => "Caio Lote $TAG", documento => doc_mask(cpf_random()));
$id{D} = create_client($ana, tipo => 'PF', nome => "Davi Lote $TAG", documento => doc_mask(cpf_random()));
$id{E} = create_client($ana, tipo => 'PJ', nome => "Eva Todos $TAG", documento => doc_mask(cnpj_random()));
$id{F} = create_client($ana, tipo => 'PJ', nome => "Fabio Todos $TAG", documento => doc_mask(cnpj_random()), ativo => 0);
if (grep { !$id{$_} } keys %id) { fail('could not create the records'); done_testing; exit 1 }

# ---------------------------------------------------------------- trash
subtest 'move to the trash: leaves the list and the search' => sub {
    my $before = client_counts_of($DEMO);
    my $v = client_row($id{A})->{version};
    my $r = $ana->post("/clientes/$id{A}/lixeira", [ csrf => $ana->{csrf} ]);
    status_is($r, 303, 'POST /clientes/N/lixeira: 303');
    like($r->location // '', qr{^/clientes/$id{A}(?:\?|$)}, 'back to the profile');
    security_headers_ok($r, '303 POST lixeira');
    my $row = client_row($id{A});
    is($row->{trashed}, 1, 'trashed');
    ok(defined $row->{deleted_at}, 'deleted_at set');
    is($row->{version}, $v + 1, 'version bumped (an open edit form is now stale)');
    my $after = client_counts_of($DEMO);
    is_deeply([ map { $after->[$_] - $before->[$_] } 0 .. 2 ], [ -1, 0, 1 ], 'client_counts: active -1, trashed +1');
    my @ev = audit_events($id{A});
    is($ev[-1]{action}, 'trash', 'audit: trash');
    is_deeply(audit_changes_of($ev[-1]{id})->{trashed}, [ '0', '1' ], 'audit change trashed 0 → 1');

    ok(!grep({ $_ == $id{A} } @{ ids_of(list($ana, '/clientes', q => $TAG)) }), 'not in the list (search by tag)');
    ok(!grep({ $_ == $id{A} } @{ ids_of(list($ana, '/clientes', q => doc_mask($cpf1))) }), 'not found by CPF');
    ok(!grep({ $_ == $id{A} } @{ ids_of(list($ana, '/clientes', q => $cpf1)) }), 'not found by bare CPF');
    ok(!grep({ $_ == $id{A} } @{ ids_of(list($ana, '/clientes', q => "lixo.$TAG\@example.com")) }), 'not found by e-mail');
    ok(!grep({ $_ == $id{A} } @{ ids_of(list($ana, '/clientes', q => $TAG, status => 'inativos')) }), 'not among the inactive');
    my $first = list($ana, '/clientes', q => $TAG);
    text_has($first, '5 resultados', 'the count leaves it out');
    my $words = sql_value("SELECT COUNT(*) FROM client_words WHERE client_id = $id{A}");
    ok($words > 0, 'it has search words');
    is(sql_value("SELECT COUNT(*) FROM client_words WHERE client_id = $id{A} AND trashed"), $words,
        'each says it is in the trash (they alone count a one-word search)');

    $r = list($ana, '/clientes/lixeira', q => $TAG);
    status_is($r, 200, 'GET /clientes/lixeira: 200');
    security_headers_ok($r, '200 GET /clientes/lixeira');
    is_deeply(trash_ids($r), [ $id{A} ], 'the trash lists it');
    ok(has_form($r, "/clientes/$id{A}/restaurar"), 'with a restore button');
    like($r->{text}, qr{<td class="doc">\Q${\ doc_mask($cpf1)}\E</td>}, 'the trash shows the CPF masked');
    like($r->{text}, qr{<td class="email">lixo\.\Q$TAG\E\@<wbr>example\.com</td>}i, 'and the e-mail');
    text_has($r, 'exclua-os definitivamente', 'admin: the trash mentions the purge');
    my $rb = list($bruno, '/clientes/lixeira', q => $TAG);
    text_lacks($rb, 'exclua-os definitivamente', 'staff: no mention of the purge');
    my $all = $ana->get('/clientes/lixeira');
    status_is($all, 200, 'the whole trash: 200');
    my $n = client_counts_of($DEMO)->[2];
    text_has($all, $n == 1 ? '1 cadastro' : (($n =~ s/(\d)(?=(\d{3})+$)/$1./gr) . ' cadastros'), "the trash counts $n (client_counts)");

    # The profile of a trashed record.
    $r = $ana->get("/clientes/$id{A}");
    status_is($r, 200, 'profile of a trashed record: 200');
    text_has($r, 'Este cadastro está na lixeira', 'profile: says it is in the trash');
    ok(has_form($r, "/clientes/$id{A}/restaurar"), 'profile: restore button');
    ok(has_form($r, "/clientes/$id{A}/excluir"), 'profile (admin): purge form');
    ok(!has_form($r, "/clientes/$id{A}/lixeira"), 'profile: no "move to trash" again');
    unlike($r->{text}, qr{href="/clientes/$id{A}/editar"}, 'profile: no edit link');
    $r = $bruno->get("/clientes/$id{A}");
    ok(!has_form($r, "/clientes/$id{A}/excluir"), 'profile (staff): no purge form');
    ok(has_form($r, "/clientes/$id{A}/restaurar"), 'profile (staff): restore button');

    # Not editable while in the trash.
    $r = $ana->get("/clientes/$id{A}/editar");
    status_is($r, 409, 'GET edit of a trashed record: 409');
    text_has($r, 'restaure-o para editar', 'the page says why');
    $r = $ana->post("/clientes/$id{A}/editar", [ @{ client_form(tipo => 'PF', nome => "Editado $TAG", versao => client_row($id{A})->{version}) },
        csrf => $ana->{csrf} ]);
    status_is($r, 409, 'POST edit of a trashed record: 409');
    is(client_row($id{A})->{name}, "Ana Lixo $TAG", 'not changed');
    # Nor (de)activated.
    $ana->post("/clientes/$id{A}/desativar", [ csrf => $ana->{csrf} ]);
    is(client_row($id{A})->{active}, 1, 'deactivate on a trashed record: no change');
    # Trashing again: nothing more.
    my $events = scalar audit_events($id{A});
    $r = $ana->post("/clientes/$id{A}/lixeira", [ csrf => $ana->{csrf} ]);
    ok($r->{status} == 303 || $r->{status} == 404 || $r->{status} == 409, "trashing again: $r->{status}");
    is(scalar audit_events($id{A}), $events, 'trashing again: no audit event');
    is_deeply(client_counts_of($DEMO), $after, 'trashing again: counts unchanged');
};

subtest 'restore: back in the list and the search' => sub {
    my $before = client_counts_of($DEMO);
    my $trash = list($ana, '/clientes/lixeira', q => $TAG);
    my $f = form_fields($trash, "/clientes/$id{A}/restaurar");
    ok($f, 'the restore form of the trash page') or return;
    my $r = $ana->post("/clientes/$id{A}/restaurar", $f);
    status_is($r, 303, 'POST restaurar: 303');
    my $row = client_row($id{A});
    is($row->{trashed}, 0, 'not trashed');
    is($row->{deleted_at}, undef, 'deleted_at cleared');
    my $after = client_counts_of($DEMO);
    is_deeply([ map { $after->[$_] - $before->[$_] } 0 .. 2 ], [ 1, 0, -1 ], 'client_counts: active +1, trashed -1');
    is((audit_events($id{A}))[-1]{action}, 'restore', 'audit: restore');
    ok(grep({ $_ == $id{A} } @{ ids_of(list($ana, '/clientes', q => $TAG)) }), 'back in the list');
    text_has(list($ana, '/clientes', q => $TAG), '6 resultados', 'and in the count');
    is(sql_value("SELECT COUNT(*) FROM client_words WHERE client_id = $id{A} AND trashed"), 0,
        'its search words are out of the trash too');
    is_deeply(ids_of(list($ana, '/clientes', q => doc_mask($cpf1))), [ $id{A} ], 'found by CPF again');
    is_deeply(trash_ids(list($ana, '/clientes/lixeira', q => $TAG)), [], 'gone from the trash');
    $r = $ana->get("/clientes/$id{A}");
    text_lacks($r, 'Este cadastro está na lixeira', 'profile: no trash warning');
    like($r->{text}, qr{href="/clientes/$id{A}/editar"}, 'profile: editable again');
    for my $note ('Movido para a lixeira.', 'Restaurado da lixeira.') {
        like($r->{text}, qr{<p class="linhas">\Q$note\E</p>}, "profile: automatic note '$note'");
    }
    status_is($ana->get("/clientes/$id{A}/editar"), 200, 'edit form: 200 again');
    # Restoring what is not in the trash: nothing.
    my $events = scalar audit_events($id{A});
    $ana->post("/clientes/$id{A}/restaurar", [ csrf => $ana->{csrf} ]);
    is(scalar audit_events($id{A}), $events, 'restoring a record outside the trash: no event');
    is_deeply(client_counts_of($DEMO), $after, '... counts unchanged');
};

# ---------------------------------------------------------------- purge
subtest 'purge: admin only, only from the trash, only confirmed, audited' => sub {
    my $b = $id{B};
    my $name = "Bela Purga $TAG";
    my $doc = client_row($b)->{document};
    # Not from outside the trash.
    my $r = $ana->post("/clientes/$b/excluir", [ confirmar => 1, csrf => $ana->{csrf} ]);
    ok($r->{status} =~ /^(?:303|409|422)$/, "purge of a record outside the trash refused ($r->{status})") or diag dump_res($r);
    ok(client_row($b), 'outside the trash: still there');

    my $before = client_counts_of($DEMO);
    status_is($ana->post("/clientes/$b/lixeira", [ csrf => $ana->{csrf} ]), 303, 'B (inactive) to the trash');
    my $mid = client_counts_of($DEMO);
    is_deeply([ map { $mid->[$_] - $before->[$_] } 0 .. 2 ], [ 0, -1, 1 ], 'client_counts: inactive -1, trashed +1');
    my $notes = sql_value("SELECT COUNT(*) FROM client_notes WHERE client_id = $b");

    # Staff: 403.
    $r = $bruno->post("/clientes/$b/excluir", [ confirmar => 1, csrf => $bruno->{csrf} ]);
    status_is($r, 403, 'bruno (staff): 403');
    security_headers_ok($r, '403 purge by staff');
    text_has($r, 'Só administradores', 'the 403 says only admins');
    ok(client_row($b), 'staff: not purged');

    # Admin without confirmation.
    for my $c ([], [ confirmar => 0 ], [ confirmar => '' ], [ confirmar => 'x' ]) {
        my $label = @$c ? "confirmar=$c->[1]" : 'without confirmar';
        $r = $ana->post("/clientes/$b/excluir", [ @$c, csrf => $ana->{csrf} ]);
        ok($r->{status} =~ /^(?:303|422)$/, "ana $label: refused ($r->{status})") or diag dump_res($r);
        ok(client_row($b), "ana $label: not purged");
    }
    my $p = $ana->get("/clientes/$b");
    like($p->{text}, qr{<input type="checkbox" name="confirmar" value="1" required> Excluir para sempre}, 'the purge form asks for confirmation');

    # Admin, confirmed.
    my $f = form_fields($p, "/clientes/$b/excluir");
    $r = $ana->post("/clientes/$b/excluir", pairs_set($f, confirmar => 1));
    status_is($r, 303, 'ana confirmed: 303');
    location_is($r, '/clientes/lixeira?excluido=1', 'to the trash, excluido=1');
    ok(!client_row($b), 'purged: the row is gone');
    is(sql_value("SELECT COUNT(*) FROM client_words WHERE client_id = $b"), 0, 'its search words gone');
    is(sql_value("SELECT COUNT(*) FROM client_notes WHERE client_id = $b"), 0, 'its notes gone');
    my $after = client_counts_of($DEMO);
    is_deeply([ map { $after->[$_] - $mid->[$_] } 0 .. 2 ], [ 0, 0, -1 ], 'client_counts: trashed -1');
    my @ev = audit_events($b);
    is($ev[-1]{action}, 'purge', 'audit: purge');
    is($ev[-1]{user_id}, $ANA_ID, 'audit: by ana');
    is($ev[-1]{actor}, 'Ana Souza', 'audit: actor');
    my $ch = audit_changes_of($ev[-1]{id});
    is_deeply($ch->{name}, [ $name, undef ], 'audit keeps the purged name');
    is_deeply($ch->{document}, [ $doc, undef ], 'audit keeps the purged document');
    text_has($ana->get('/clientes/lixeira?excluido=1'), 'Cadastro excluído definitivamente.', 'flash on the trash page');
    status_is($ana->get("/clientes/$b"), 404, 'profile of the purged record: 404');
    $r = $ana->post("/clientes/$b/excluir", [ confirmar => 1, csrf => $ana->{csrf} ]);
    status_is($r, 404, 'purging it again: 404');
};

# ---------------------------------------------------------------- bulk trash
subtest 'bulk: move checked records to the trash' => sub {
    my $before = client_counts_of($DEMO);
    my $r = $ana->post('/clientes/lote', [ acao => 'lixeira', ids => $id{C}, ids => $id{D}, csrf => $ana->{csrf} ]);
    status_is($r, 303, 'lote lixeira C, D: 303');
    location_is($r, '/clientes?feito=2', 'feito=2');
    is_deeply([ map { client_row($_)->{trashed} } @id{qw(C D)} ], [ 1, 1 ], 'both trashed');
    my $after = client_counts_of($DEMO);
    is_deeply([ map { $after->[$_] - $before->[$_] } 0 .. 2 ], [ -2, 0, 2 ], 'client_counts follow');
    for my $k (qw(C D)) {
        is(sql_value("SELECT COUNT(*) FROM client_notes WHERE client_id = $id{$k} AND automatic AND body = 'Movido para a lixeira.'"), 1,
            "$k: automatic note");
        is((audit_events($id{$k}))[-1]{action}, 'trash', "$k: audit trash");
    }
    my $list = ids_of(list($ana, '/clientes', q => $TAG));
    ok(!grep({ $_ == $id{C} || $_ == $id{D} } @$list), 'gone from the list');
    my $trash = trash_ids(list($ana, '/clientes/lixeira', q => $TAG));
    is_deeply($trash, [ sort { $a <=> $b } @id{qw(C D)} ], 'in the trash');
    # Trashed ones are not touched by further bulk actions.
    $r = $ana->post('/clientes/lote', [ acao => 'desativar', ids => $id{C}, csrf => $ana->{csrf} ]);
    location_is($r, '/clientes?feito=0', 'bulk deactivate of a trashed record: nothing');
    is(client_row($id{C})->{active}, 1, 'still active (in the trash)');
};

subtest 'bulk: move every record of a search to the trash' => sub {
    my $r = $ana->post('/clientes/lote', [ q => "todos $TAG", todos => 1, acao => 'lixeira', csrf => $ana->{csrf} ]);
    status_is($r, 303, 'todos=1 q="todos TAG" lixeira: 303');
    location_is($r, '/clientes?feito=2', 'feito=2 (E active, F inactive)');
    is_deeply([ map { client_row($_)->{trashed} } @id{qw(E F A)} ], [ 1, 1, 0 ], 'E and F trashed, A (outside the search) not');
    is_deeply(ids_of(list($ana, '/clientes', q => $TAG)), [ $id{A} ], 'only A left in the list');
    is_deeply(trash_ids(list($ana, '/clientes/lixeira', q => $TAG)), [ sort { $a <=> $b } @id{qw(C D E F)} ], 'the trash: C, D, E, F');
    # The trash has its own pages and search: restoring from it one by one.
    for my $k (qw(E F)) {
        status_is($ana->post("/clientes/$id{$k}/restaurar", [ csrf => $ana->{csrf} ]), 303, "restore $k");
    }
    is_deeply(ids_of(list($ana, '/clientes', q => "todos $TAG")), [ sort { $a <=> $b } @id{qw(E F)} ], 'E and F back');
    is(client_row($id{F})->{active}, 0, 'F came back inactive, as it was');
};

done_testing;
