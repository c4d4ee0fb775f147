#!/usr/bin/perl
# Honorários, issue 26 (items 8, 9, 10, 12, 13 and a part of 22): the registry's search
# in "Gerar" and "Recebimentos", a reajuste that takes open 13º fees along, the
# proportional 13º, writing off a partly paid fee's rest and cancelling it keeping its
# payments, "Gerar" for every client with an active plan and across pages, runs that
# make nothing, generation numbers in URLs — in an office of its own ("honorc").
use strict;
use warnings;
use utf8;

use lib 'tests/http/lib';
use Portal::Test qw(:DEFAULT :cadastro);
use Test::More;

my $HOST = 'honorc.localhost';
my $EMAIL = 'helena@honorc.com.br';

sub reset_office {
    my $id = office_id('honorc');
    if (!$id) {
        sql("INSERT INTO offices (slug, name) VALUES ('honorc', 'Honorc Contabilidade')");
        $id = office_id('honorc');
        sql("INSERT INTO staff_users (office_id, name, email, password_hash, role)"
            . " SELECT $id, 'Helena Honorc', " . sql_quote($EMAIL) . ", password_hash, 'admin'"
            . " FROM staff_users WHERE email = 'ana\@demo.com.br'");
    }
    sql("DELETE FROM fee_payments WHERE office_id = $id; DELETE FROM fees WHERE office_id = $id;"
        . " DELETE FROM fee_open_days WHERE office_id = $id;"
        . " DELETE FROM fee_generations WHERE office_id = $id; DELETE FROM fee_plans WHERE office_id = $id;"
        . " DELETE FROM selections WHERE office_id = $id;"
        . " DELETE FROM audit_events WHERE office_id = $id;"
        . " DELETE FROM client_notes WHERE office_id = $id;"
        . " DELETE FROM clients WHERE office_id = $id;"
        . " UPDATE client_counts SET active = 0, inactive = 0, trashed = 0, version = version + 1,"
        . " fee_version = fee_version + 1 WHERE office_id = $id");
    return $id;
}

my $OFFICE = reset_office();
END { reset_office() if $OFFICE; clean_login_attempts() }
clean_login_attempts();
my $h = staff_login($EMAIL, host => $HOST);

sub new_plan {
    my ($client, %f) = @_;
    my %form = (descricao => 'Honorários contábeis', valor => '450,00', dia => 10,
                inicio => '01/2026', ativo => 1, decimo => 'nao', decimo_mes => 12, %f);
    delete $form{$_} for grep { !defined $form{$_} } keys %form;
    return $h->post("/honorarios/clientes/$client/planos", [ %form, csrf => $h->{csrf} ]);
}

sub select_clients {
    my @ids = @_;
    my $r = $h->post('/clientes/lote', [ acao => 'honorarios', (map { (ids => $_) } @ids),
                                         csrf => $h->{csrf} ]);
    my ($sel) = ($r->location // '') =~ m{^/honorarios/gerar\?selecao=(\d+)$};
    diag(dump_res($r)) unless $sel;
    return $sel;
}

sub run_fields {
    my ($sel, %f) = @_;
    my %p = (selecao => $sel, mes => 1, ano => 2026, repetir => 'sim', meses => 12,
             valor_modo => 'plano', %f);
    return [ %p, csrf => $h->{csrf} ];
}

# The run's page path, or undef (the answer in list context too).
sub generate {
    my ($sel, %f) = @_;
    my $r = $h->post('/honorarios/gerar', run_fields($sel, %f));
    my ($gen) = ($r->location // '') =~ m{^/honorarios/geracoes/(\d+)$};
    return wantarray ? ($gen, $r) : $gen;
}

my $cnpj = cnpj_random(1);
my $julia = create_client($h, nome => '55.359.739 Júlia Peixoto', documento => $cnpj,
                          fantasia => 'Doceria Flor de Lis', regime => 'mei');
my $cpf = cpf_random();
my $rogerio = create_client($h, tipo => 'PF', nome => 'Rogério Nunes', documento => $cpf);
my $other = create_client($h, nome => 'Outra Empresa Ltda', documento => cnpj_random());
ok($julia && $rogerio && $other, 'three clients');

subtest 'item 8: "Gerar" and "Recebimentos" find a client as the registry does' => sub {
    status_is(new_plan($julia), 303, 'a plan for Júlia');
    status_is(new_plan($rogerio), 303, 'a plan for Rogério');
    status_is(new_plan($other), 303, 'a plan for the other');
    ok(generate(select_clients($julia, $rogerio, $other), meses => 2), 'their fees');
    my @searches = (
        [ 'Peixoto', 'Júlia Peixoto', 'a word in the middle of the name' ],
        [ 'júlia', 'Júlia Peixoto', 'a first name with its accent' ],
        [ 'julia', 'Júlia Peixoto', 'without the accent' ],
        [ 'Flor de Lis', 'Júlia Peixoto', 'the fantasia' ],
        [ doc_mask($cnpj), 'Júlia Peixoto', 'the CNPJ with its mask' ],
        [ $cnpj, 'Júlia Peixoto', 'the CNPJ without it' ],
        [ doc_mask($cpf), 'Rogério Nunes', 'a CPF with its mask' ],
        [ $cpf, 'Rogério Nunes', 'a CPF without it' ],
    );
    for my $s (@searches) {
        my ($q, $who, $what) = @$s;
        my $pick = $h->get('/honorarios/gerar' . query_string(q => $q));
        status_is($pick, 200, "Gerar: \"$q\"");
        text_has($pick, $who, "Gerar finds $who by $what");
        text_lacks($pick, 'Outra Empresa', 'and not the other client');
        my $rec = $h->get('/honorarios/recebimentos' . query_string(q => $q, situacao => 'todos'));
        status_is($rec, 200, "Recebimentos: \"$q\"");
        my @ids = html_of($rec) =~ m{name="ids" value="(\d+)"}g;
        is(scalar @ids, 2, "Recebimentos lists the two fees of $who by $what");
        text_lacks($rec, 'Outra Empresa', 'and none of the other');
    }
    my $none = $h->get('/honorarios/gerar' . query_string(q => 'Xyzzy'));
    text_has($none, 'Nenhum cliente ativo encontrado por esta busca.', 'a search that finds nobody says so');
    my $rec = $h->get('/honorarios/recebimentos' . query_string(q => 'Xyzzy', situacao => 'todos'));
    text_has($rec, 'Nenhum honorário com este filtro.', 'so do the receivables');
};

subtest 'item 9: a reajuste on open fees takes the open 13º along' => sub {
    my $dora = create_client($h, nome => 'Dora Reajuste', documento => cnpj_random());
    status_is(new_plan($dora, valor => '1.000,00', decimo => 'integral', decimo_mes => 12), 303,
              'a plan of R$ 1.000,00 with an integral 13º in December');
    ok(generate(select_clients($dora)), '2026: twelve monthly fees and the 13º');
    is(sql_value("SELECT amount FROM fees WHERE client_id = $dora AND kind = '13'"), 100000, 'the 13º: R$ 1.000,00');
    my $r = $h->post('/clientes/lote', [ acao => 'reajuste', ids => $dora, csrf => $h->{csrf} ]);
    my ($s) = ($r->location // '') =~ m{^/honorarios/reajuste\?selecao=(\d+)$};
    ok($s, 'a reajuste of her plan');
    my @form = (selecao => $s, a_partir => '07/2026', percentual => '10', honorarios_abertos => 1,
                csrf => $h->{csrf});
    $r = $h->post('/honorarios/reajuste/previa', \@form);
    status_is($r, 200, 'the preview');
    like(html_of($r), qr{id="reajuste-honorarios">7<}, 'counts July..December and the 13º: 7 open fees');
    like(html_of($r), qr{R\$ 7\.000,00 → R\$ 7\.700,00}, 'their values before and after');
    $r = $h->post('/honorarios/reajuste', \@form);
    location_is($r, '/honorarios/reajuste?planos=1&honorarios=7', 'applied to 7 fees');
    is(sql_value("SELECT amount FROM fees WHERE client_id = $dora AND kind = '13'"), 110000,
       'the open 13º follows: R$ 1.100,00');
    is(sql_value("SELECT COUNT(*) FROM fees WHERE client_id = $dora AND kind = 'mensal' AND amount = 110000"), 6,
       'so do July..December');
    is(sql_value("SELECT COUNT(*) FROM audit_events e JOIN fees f ON f.id = e.entity_id WHERE e.entity = 'fee'"
                 . " AND e.action = 'reajuste' AND f.client_id = $dora AND f.kind = '13'"), 1, 'the 13º\'s change audited');
};

subtest "item 10: the proportional 13º counts the plan's months up to the 13º, and a plan's end" => sub {
    my $Y = sql_value('SELECT YEAR(CURDATE())');
    my $eva = create_client($h, nome => 'Eva Treze', documento => cnpj_random());
    status_is(new_plan($eva, descricao => 'Curto', valor => '1.200,00', inicio => "04/$Y", fim => "09/$Y",
                       decimo => 'proporcional', decimo_mes => 6), 303, "a plan 04/$Y–09/$Y, the 13º in June");
    ok(generate(select_clients($eva), ano => $Y), "$Y generated");
    is_deeply([ sql("SELECT competencia, amount FROM fees WHERE client_id = $eva AND kind = '13'") ],
              [ [ "$Y-06-01", 30000 ] ], 'its 13º: June, 3/12 (April..June) of R$ 1.200,00 = R$ 300,00');
    my $plan = sql_value("SELECT id FROM fee_plans WHERE client_id = $eva");
    my $form = $h->get("/honorarios/planos/$plan");
    text_has($form, 'meses do ano em que o plano está ativo até o mês do 13º (inclusive) ÷ 12', 'the form states the rule');
    text_has($form, "13º de $Y, competência 06/$Y: <strong>R\$ 300,00</strong> (3/12 de R\$ 1.200,00)", 'with what it gives for this plan');

    my $N = $Y + 1;
    my $fim = create_client($h, nome => 'Fim Antes do Treze', documento => cnpj_random());
    status_is(new_plan($fim, descricao => 'Proporcional', valor => '1.200,00', inicio => "01/$Y", fim => "09/$N",
                       decimo => 'proporcional', decimo_mes => 12), 303, "a proportional plan ending 09/$N, the 13º in December");
    status_is(new_plan($fim, descricao => 'Integral', valor => '600,00', inicio => "01/$Y", fim => "09/$N",
                       decimo => 'integral', decimo_mes => 12), 303, 'an integral one, too');
    ok(generate(select_clients($fim), ano => $N), "$N generated");
    is_deeply([ sql("SELECT p.description, f.competencia, f.amount FROM fees f JOIN fee_plans p ON p.id = f.plan_id"
                    . " WHERE f.client_id = $fim AND f.kind = '13' ORDER BY p.description") ],
              [ [ 'Integral', "$N-09-01", 45000 ], [ 'Proporcional', "$N-09-01", 90000 ] ],
              'a plan ending before its 13º bills 9/12 with its last month, integral or proportional');
    is(sql_value("SELECT due_date FROM fees WHERE client_id = $fim AND kind = '13' LIMIT 1"),
       sql_value("SELECT due_date FROM fees WHERE client_id = $fim AND kind = 'mensal' AND competencia = '$N-09-01' LIMIT 1"),
       'due with that last monthly fee');
    my $pf = sql_value("SELECT id FROM fee_plans WHERE client_id = $fim AND description = 'Proporcional'");
    text_has($h->get("/honorarios/planos/$pf"), "13º de $N, competência 09/$N (o último mês do plano): <strong>R\$ 900,00</strong> (9/12 de R\$ 1.200,00)",
             'its form says so');
    # The end moves later: the 13º billed with September stays the year's only one.
    sql("UPDATE fee_plans SET end_month = NULL WHERE id = $pf");
    my $s = select_clients($fim);
    my $r = $h->post('/honorarios/gerar/previa', run_fields($s, ano => $N));
    like(html_of($r), qr{id="previa-honorarios">3<}, 'October..December of the plan that now goes on');
    like(html_of($r), qr{id="previa-total">R\$ 3\.600,00<}, 'and no second 13º for the year');
};

subtest 'item 12: the rest of a partly paid fee written off; a partly paid fee cancelled keeping its payments' => sub {
    my $gil = create_client($h, nome => 'Gil Parcial', documento => cnpj_random());
    status_is(new_plan($gil), 303, 'a plan of R$ 450,00');
    ok(generate(select_clients($gil), meses => 3), 'three fees');
    my ($a, $b, $c) = map { $_->[0] } sql("SELECT id FROM fees WHERE client_id = $gil ORDER BY competencia");
    status_is($h->post("/honorarios/$a/pagamento", [ data => '05/01/2026', valor => '300,00', forma => 'pix', csrf => $h->{csrf} ]),
              303, 'R$ 300,00 of the first paid');
    my $page = $h->get("/honorarios/$a");
    like(html_of($page), qr{action="/honorarios/$a/abater"}, 'its page offers "Abater o saldo"');
    text_has($page, 'Abater o saldo de R$ 150,00', 'naming the rest');
    like(html_of($page), qr{action="/honorarios/$a/cancelar"}, 'and cancelling, too');
    my $r = $h->post("/honorarios/$a/abater", [ motivo_abater => '', csrf => $h->{csrf} ]);
    status_is($r, 400, 'a write-off needs its reason');
    ok(field_error($r, 'motivo_abater'), 'said beside the field');
    is(sql_value("SELECT status FROM fees WHERE id = $a"), 'aberto', 'nothing changed');
    $r = $h->post("/honorarios/$a/abater", [ motivo_abater => 'Desconto negociado', csrf => $h->{csrf} ]);
    location_is($r, "/honorarios/$a?aviso=abatido", 'written off');
    is(sql_value("SELECT CONCAT(status, ' ', paid, ' ', written_off, ' ', writeoff_reason, ' ', paid_on) FROM fees WHERE id = $a"),
       'recebido 30000 15000 Desconto negociado 2026-01-05', 'settled with what was paid (on its payment\'s day), the rest written off, the reason kept');
    is(sql_value("SELECT COUNT(*) FROM fee_payments WHERE fee_id = $a"), 1, 'the payment stays');
    is(sql_value("SELECT COUNT(*) FROM audit_events e JOIN audit_changes c ON c.event_id = e.id WHERE e.entity = 'fee'"
                 . " AND e.entity_id = $a AND e.action = 'write_off' AND c.field = 'writeoff_reason' AND c.new_value = 'Desconto negociado'"),
       1, "audited (action write_off) with its reason");
    like(sql_value("SELECT body FROM client_notes WHERE client_id = $gil ORDER BY id DESC LIMIT 1"),
         qr/Honorário 01\/2026: saldo de R\$ 150,00 abatido \(pagos R\$ 300,00\): Desconto negociado/, "on the client's timeline");
    $page = $h->get("/honorarios/$a");
    like(html_of($page), qr{id="abatido">R\$ 150,00 — Desconto negociado<}, 'its page says what was written off and why');
    like(html_of($page), qr{id="em-aberto">R\$ 0,00<}, 'nothing open');
    $r = $h->post("/honorarios/$b/abater", [ motivo_abater => 'x', csrf => $h->{csrf} ]);
    status_is($r, 409, 'a fee without a payment has nothing to write off');
    text_has($r, 'para não cobrá-lo, cancele-o', 'saying what to do instead');
    status_is($h->post("/honorarios/$a/reabrir", [ csrf => $h->{csrf} ]), 303, 'reopening the written-off fee');
    is(sql_value("SELECT CONCAT(status, ' ', paid, ' ', written_off) FROM fees WHERE id = $a"), 'aberto 30000 0',
       'undoes the write-off, not the payment');

    status_is($h->post("/honorarios/$b/pagamento", [ data => '05/02/2026', valor => '100,00', forma => 'dinheiro', csrf => $h->{csrf} ]),
              303, 'R$ 100,00 of the second paid');
    $r = $h->post("/honorarios/$b/cancelar", [ motivo => 'Contrato encerrado', csrf => $h->{csrf} ]);
    location_is($r, "/honorarios/$b?aviso=cancelado", 'a partly paid fee cancelled');
    is(sql_value("SELECT CONCAT(status, ' ', paid, ' ', cancel_reason) FROM fees WHERE id = $b"), 'cancelado 10000 Contrato encerrado',
       'its payment kept');
    is(sql_value("SELECT COUNT(*) FROM fee_payments WHERE fee_id = $b"), 1, 'the payment row stays');
    like(sql_value("SELECT body FROM client_notes WHERE client_id = $gil ORDER BY id DESC LIMIT 1"),
         qr/Honorário 02\/2026 cancelado \(mantidos os pagamentos de R\$ 100,00\): Contrato encerrado/, "on the timeline");
    my $rec = $h->get("/honorarios/recebimentos?cliente=$gil&situacao=todos");
    like(html_of($rec), qr{id="total-recebido">R\$ 400,00<}, 'the receivables count both payments as received');
    like(html_of($rec), qr{id="total-a-receber">R\$ 600,00<}, 'and owe 150 of the first and the third');
    status_is($h->post("/honorarios/$b/reabrir", [ csrf => $h->{csrf} ]), 303, 'reopened');
    is(sql_value("SELECT CONCAT(status, ' ', paid) FROM fees WHERE id = $b"), 'aberto 10000', 'with its payment');
    my %real = map { ($_->[0] => "$_->[1] $_->[2]") } sql("SELECT due_date, COUNT(*), SUM(amount - paid) FROM fees"
        . " WHERE office_id = $OFFICE AND unpaid = 1 GROUP BY due_date");
    my %kept = map { ($_->[0] => "$_->[1] $_->[2]") } sql("SELECT due_date, fees, open_sum FROM fee_open_days"
        . " WHERE office_id = $OFFICE AND fees <> 0");
    is_deeply(\%kept, \%real, 'the open totals per due date still agree with the fees');
};

subtest 'item 13: "Gerar" for every client with an active plan; ticks across pages; select-all' => sub {
    my $with_plan = sql_value("SELECT COUNT(*) FROM clients c WHERE c.office_id = $OFFICE AND c.active AND NOT c.trashed"
                              . " AND EXISTS (SELECT 1 FROM fee_plans p WHERE p.client_id = c.id AND p.active)");
    ok($with_plan >= 5, "$with_plan clients with an active plan");
    my $page = $h->get('/honorarios/gerar');
    text_has($page, "Todos os clientes com plano ativo ($with_plan)", 'the picker offers them all in one step');
    my $r = $h->post('/honorarios/gerar/selecao', [ ir => 'plano', csrf => $h->{csrf} ]);
    my ($all) = ($r->location // '') =~ m{^/honorarios/gerar\?selecao=(\d+)$};
    ok($all, 'straight to the run form');
    is(sql_value("SELECT total FROM selections WHERE id = " . ($all // 0)), $with_plan, 'with every one of them');
    text_has($h->get("/honorarios/gerar?selecao=" . ($all // 0)), "$with_plan clientes selecionados", 'the form says how many');

    my @p = map { scalar create_client($h, nome => sprintf('Paginado %02d', $_), documento => cnpj_random()) } 1 .. 53;
    is(scalar(grep { $_ } @p), 53, '53 clients: two pages of the picker');
    $page = $h->get('/honorarios/gerar' . query_string(q => 'Paginado'));
    my @first = html_of($page) =~ m{name="pagina_ids" value="(\d+)"}g;
    is(scalar @first, 50, 'a page of 50');
    like(html_of($page), qr{name="ir" value="2"}, 'and the next page, as a button of the form (the ticks go with it)');
    text_has($page, 'Marcar todos os 53 clientes desta busca', 'select-all over every page');
    $r = $h->post('/honorarios/gerar/selecao', [ q => 'Paginado', pagina => 1, (map { (pagina_ids => $_) } @first),
                                                 ids => $first[0], ids => $first[1], ir => 2, csrf => $h->{csrf} ]);
    my ($draft) = ($r->location // '') =~ m{^/honorarios/gerar\?q=Paginado&pagina=2&marcados=(\d+)$};
    ok($draft, 'page 2, the ticks kept') or diag($r->location);
    $page = $h->get($r->location);
    my @second = html_of($page) =~ m{name="pagina_ids" value="(\d+)"}g;
    is(scalar @second, 3, 'the last 3');
    text_has($page, '<strong>2</strong> marcados em todas as páginas', 'two ticked so far');
    $r = $h->post('/honorarios/gerar/selecao', [ q => 'Paginado', pagina => 2, marcados => $draft,
                                                 (map { (pagina_ids => $_) } @second), ids => $second[2], ir => 1, csrf => $h->{csrf} ]);
    location_is($r, "/honorarios/gerar?q=Paginado&marcados=$draft", 'back to page 1');
    $page = $h->get($r->location);
    my %checked = map { ($_ => 1) } html_of($page) =~ m{name="ids" value="(\d+)" checked}g;
    is_deeply([ sort keys %checked ], [ sort ($first[0], $first[1]) ], "page 1's ticks survived the paging");
    text_has($page, '<strong>3</strong> marcados em todas as páginas', 'three in all');
    $r = $h->post('/honorarios/gerar/selecao', [ q => 'Paginado', pagina => 1, marcados => $draft,
                                                 (map { (pagina_ids => $_) } @first), ids => $first[0], ir => 'continuar', csrf => $h->{csrf} ]);
    location_is($r, "/honorarios/gerar?selecao=$draft", 'continue: the ticked clients go to the run form');
    is_deeply([ map { $_->[0] } sql("SELECT client_id FROM selection_items WHERE selection_id = $draft ORDER BY client_id") ],
              [ sort { $a <=> $b } ($first[0], $second[2]) ], 'the unticked one left, the others of both pages in');

    $r = $h->post('/honorarios/gerar/selecao', [ q => 'Paginado', pagina => 1, ir => 'todos', csrf => $h->{csrf} ]);
    my ($every) = ($r->location // '') =~ m{marcados=(\d+)$};
    ok($every, 'select-all');
    is(sql_value("SELECT total FROM selections WHERE id = " . ($every // 0)), 53, 'ticks all 53 of the search, both pages');
    text_has($h->get($r->location), '<strong>53</strong> marcados em todas as páginas', 'the page says so');
    $r = $h->post('/honorarios/gerar/selecao', [ q => 'Paginado', pagina => 1, marcados => $every, ir => 'nenhum', csrf => $h->{csrf} ]);
    is(sql_value("SELECT total FROM selections WHERE id = $every"), 0, 'and "desmarcar todos" clears them');
    $r = $h->post('/honorarios/gerar/selecao', [ q => 'Paginado', pagina => 1, marcados => $every, ir => 'continuar', csrf => $h->{csrf} ]);
    location_is($r, "/honorarios/gerar?q=Paginado&marcados=$every&aviso=nenhum", 'nothing ticked: not continued');
    text_has($h->get($r->location), 'Marque ao menos um cliente para continuar.', 'saying why');
    $r = $h->post('/honorarios/gerar/selecao', [ q => 'Paginado', pagina => 1, marcados => $every, (map { (pagina_ids => $_) } @first),
                                                 ids => $first[5], busca => 'Paginado 53', ir => 'buscar', csrf => $h->{csrf} ]);
    like($r->location // '', qr{^/honorarios/gerar\?q=Paginado(%20|\+)53&marcados=$every$}, 'a new search from the list');
    is(sql_value("SELECT client_id FROM selection_items WHERE selection_id = $every"), $first[5], 'keeps the ticks of the page it left');
    $page = $h->get($r->location);
    like(html_of($page), qr{Paginado 53}, 'and shows what it found');
    text_has($page, '<strong>1</strong> marcado em todas as páginas', 'with the tick counted');
    sql("DELETE FROM clients WHERE id IN (" . join(',', @p) . ")");
};

subtest "item 13: a run that makes nothing is no generation; a generation's number is its address" => sub {
    my $s = select_clients($julia);
    my $before = sql_value("SELECT COUNT(*) FROM fee_generations WHERE office_id = $OFFICE");
    my $r = $h->post('/honorarios/gerar', run_fields($s, meses => 2));
    location_is($r, "/honorarios/gerar?selecao=$s&aviso=nada", 'the months made already: back to the form');
    text_has($h->get($r->location), 'Nada foi gerado', 'which says so');
    is(sql_value("SELECT COUNT(*) FROM fee_generations WHERE office_id = $OFFICE"), $before, 'no generation recorded');
    my ($gen) = generate($s, mes => 3, meses => 1);
    ok($gen, 'March is new');
    is($gen, sql_value("SELECT number FROM fee_generations WHERE office_id = $OFFICE ORDER BY id DESC LIMIT 1"),
       "the address carries the office's number ($gen)");
    is($gen, $before + 1, 'the next number: no gap left by the run that made nothing');
    my $g = $h->get("/honorarios/geracoes/$gen");
    like(html_of($g), qr{<h1>Geração de honorários nº $gen</h1>}, 'the page shows that number');
    like(html_of($g), qr{href="/honorarios/recebimentos\?geracao=$gen&amp;situacao=todos"}, 'and lists its fees by it');
    my $rec = $h->get("/honorarios/recebimentos?geracao=$gen&situacao=todos");
    my @ids = html_of($rec) =~ m{name="ids" value="(\d+)"}g;
    is(scalar @ids, 1, "the generation's one fee");
    text_has($rec, "geração nº $gen", 'named by its number');
    my $fee = sql_value("SELECT id FROM fees WHERE client_id = $julia AND competencia = '2026-03-01'");
    like(html_of($h->get("/honorarios/$fee")), qr{href="/honorarios/geracoes/$gen">nº $gen<}, "the fee links its generation by the number");
};

subtest 'item 22: the receivables of an unknown generation say so' => sub {
    my $r = $h->get('/honorarios/recebimentos?geracao=999999&situacao=todos');
    status_is($r, 404, 'not found');
    text_has($r, 'A geração nº 999999 não existe neste escritório: nada foi listado.', 'said on the page');
    unlike(html_of($r), qr{name="ids"}, 'and nothing listed');
    my $demo = office_id('demo');
    my $other = sql_value("SELECT MAX(number) FROM fee_generations WHERE office_id = $demo");
    my $mine = sql_value("SELECT MAX(number) FROM fee_generations WHERE office_id = $OFFICE");
    if ($other && $other > $mine) {
        status_is($h->get("/honorarios/recebimentos?geracao=$other&situacao=todos"), 404,
                  "another office's generation number is not this office's");
    }
};

done_testing();
