#!/usr/bin/perl
# Honorários (issue 10): plans, generating fees from a registry selection (preview, run,
# idempotence, two runs at once), due dates over holidays, the 13º, payments, cancel and
# reopen, the receivables filters, and other offices' ids — in an office of its own
# ("honora"), emptied before and after.
use strict;
use warnings;
use utf8;

use lib 'tests/http/lib';
use Portal::Test qw(:DEFAULT :cadastro);
use Test::More;
use POSIX ();
use Encode ();

my $HOST = 'honora.localhost';
my $EMAIL = 'hugo@honora.com.br';

sub reset_office {
    my $id = office_id('honora');
    if (!$id) {
        sql("INSERT INTO offices (slug, name) VALUES ('honora', 'Honora Contabilidade')");
        $id = office_id('honora');
        sql("INSERT INTO staff_users (office_id, name, email, password_hash, role)"
            . " SELECT $id, 'Hugo Honorato', " . sql_quote($EMAIL) . ", password_hash, 'admin'"
            . " FROM staff_users WHERE email = 'ana\@demo.com.br'");
    }
    sql("DELETE FROM fee_payments WHERE office_id = $id; DELETE FROM fees WHERE office_id = $id;"
        . " DELETE FROM fee_open_days WHERE office_id = $id;"
        . " DELETE FROM fee_generations WHERE office_id = $id; DELETE FROM fee_plans WHERE office_id = $id;"
        . " DELETE FROM office_holidays WHERE office_id = $id; DELETE FROM selections WHERE office_id = $id;"
        . " DELETE FROM audit_events WHERE office_id = $id;"
        . " UPDATE offices SET pix_key = '', pix_key_type = '', pix_name = '', pix_city = '' WHERE id = $id;"
        . " DELETE FROM clients WHERE office_id = $id;"
        # The counts row stays and its versions move on: a version never comes back, so
        # what the programs remember of an earlier run is never shown again.
        . " UPDATE client_counts SET active = 0, inactive = 0, trashed = 0, version = version + 1,"
        . " fee_version = fee_version + 1 WHERE office_id = $id");
    return $id;
}

my $OFFICE = reset_office();
END { reset_office() if $OFFICE; clean_login_attempts() }
clean_login_attempts();
my $hugo = staff_login($EMAIL, host => $HOST);

sub new_client {
    my ($name) = @_;
    return create_client($hugo, nome => $name, documento => cnpj_random());
}

sub new_plan {
    my ($client, %f) = @_;
    my %form = (descricao => 'Honorários contábeis', valor => '450,00', dia => 10,
                inicio => '01/2026', ativo => 1, decimo => 'nao', decimo_mes => 12, %f);
    delete $form{$_} for grep { !defined $form{$_} } keys %form;
    return $hugo->post("/honorarios/clientes/$client/planos", [ %form, csrf => $hugo->{csrf} ]);
}

# Checked rows of the registry -> "Gerar honorários" -> the selection's id.
sub select_clients {
    my @ids = @_;
    my $r = $hugo->post('/clientes/lote', [ acao => 'honorarios', (map { (ids => $_) } @ids),
                                            csrf => $hugo->{csrf} ]);
    my ($sel) = ($r->location // '') =~ m{^/honorarios/gerar\?selecao=(\d+)$};
    diag(dump_res($r)) unless $sel;
    return $sel;
}

sub run_fields {
    my ($sel, %f) = @_;
    my %h = (selecao => $sel, mes => 1, ano => 2026, repetir => 'sim', meses => 12,
             valor_modo => 'plano', %f);
    return [ %h, csrf => $hugo->{csrf} ];
}

sub fees_of {
    my ($client) = @_;
    return [ sql("SELECT competencia, kind, amount, due_date, status FROM fees WHERE client_id = $client"
                 . " ORDER BY competencia, kind") ];
}

sub generate {
    my ($sel, %f) = @_;
    my $r = $hugo->post('/honorarios/gerar', run_fields($sel, %f));
    my ($gen) = ($r->location // '') =~ m{^/honorarios/geracoes/(\d+)$};
    diag(dump_res($r)) unless $gen;
    return $gen;
}

my $ana = new_client('Ana Padaria Ltda');
my $bia = new_client('Bia Oficina ME');
my $caio = new_client('Caio sem plano');

subtest 'a plan is validated and saved with its audit' => sub {
    my $r = new_plan($ana, valor => 'quatrocentos');
    status_is($r, 400, 'a value that is not money');
    is(field_error($r, 'valor'), 'Informe o valor em reais, como 450,00.', 'its message');
    $r = new_plan($ana, inicio => '13/2026');
    status_is($r, 400, 'month 13');
    like(field_error($r, 'inicio') // '', qr/mm\/aaaa/, 'its message');
    $r = new_plan($ana, inicio => '05/2026', fim => '01/2026');
    status_is($r, 400, 'an end before the start');
    $r = new_plan($ana);
    status_is($r, 303, 'saved');
    location_is($r, "/honorarios/clientes/$ana?aviso=plano");
    my $page = $hugo->get("/honorarios/clientes/$ana");
    text_has($page, 'R$ 450,00', 'the profile lists it');
    is(sql_value("SELECT COUNT(*) FROM audit_events WHERE office_id = $OFFICE AND entity = 'fee_plan'"
                 . " AND action = 'create'"), 1, 'audited');
    status_is(new_plan($bia, valor => '1.200,00', dia => 31, decimo => 'proporcional',
                       inicio => '04/2026'), 303, "Bia's plan: day 31, proportional 13º from April");
};

my $sel;
subtest 'registry selection -> preview (January × 12) -> run' => sub {
    $sel = select_clients($ana, $bia, $caio);
    ok($sel, 'the registry hands over a selection');
    my $page = $hugo->get("/honorarios/gerar?selecao=$sel");
    status_is($page, 200, 'the generation page');
    text_has($page, '3 clientes selecionados', 'says how many');
    text_has($page, 'sem plano', 'a client without a plan is shown as such');
    my $r = $hugo->post('/honorarios/gerar/previa', run_fields($sel));
    status_is($r, 200, 'the preview');
    my $html = html_of($r);
    # Ana: 12 × 450 = 5.400; Bia: 9 months (April..December) × 1.200 + 13º 9/12 × 1.200 = 900
    like($html, qr{id="previa-honorarios">22<}, '12 + 9 monthly + one 13º = 22');
    like($html, qr{id="previa-total">R\$ 17\.100,00<}, '5.400 + 9 × 1.200 + 900');
    like($html, qr{id="previa-sem-plano">1<}, 'one client without a plan');
    is(sql_value("SELECT COUNT(*) FROM fees WHERE office_id = $OFFICE"), 0, 'the preview writes nothing');
    my $gen = generate($sel);
    ok($gen, 'generated');
    my $g = $hugo->get("/honorarios/geracoes/$gen");
    like(html_of($g), qr{<h1>Geração de honorários nº 1</h1>}, "numbered as the office counts (the office's first)");
    like(html_of($g), qr{id="gerados">22<}, 'the run made what the preview said');
    like(html_of($g), qr{id="gerados-total">R\$ 17\.100,00<}, 'for the same total');
    my @a = @{ fees_of($ana) };
    is(scalar @a, 12, 'Ana: twelve fees');
    is($a[0][0], '2026-01-01', 'from January');
    is($a[11][0], '2026-12-01', 'to December 2026');
    is((grep { $_->[2] == 45000 } @a), 12, 'each R$ 450,00 in centavos');
};

subtest 'due dates move to the next business day' => sub {
    my %due = map { ($_->[0] . $_->[1]) => $_->[3] } @{ fees_of($bia) };
    # Bia's due day is 31.
    is($due{'2026-04-01mensal'}, '2026-04-30', 'April has 30 days: the 30th (a Thursday)');
    is($due{'2026-05-01mensal'}, '2026-06-01', '31 May 2026 is a Sunday: Monday 1 June');
    is($due{'2026-10-01mensal'}, '2026-11-03', '31 October is a Saturday, 2 November a holiday: the 3rd');
    is($due{'2026-12-01mensal'}, '2026-12-31', '31 December 2026, a Thursday');
    is($due{'2026-12-0113'}, '2026-12-31', 'the 13º falls with the December fee');
    my %ana = map { $_->[0] => $_->[3] } @{ fees_of($ana) };
    is($ana{'2026-01-01'}, '2026-01-12', '10 January 2026 is a Saturday: Monday the 12th');
    # Plans that land on the holidays themselves.
    my $dan = new_client('Dan Feriados');
    for my $day (16, 3, 20, 25, 28) {
        status_is(new_plan($dan, dia => $day, descricao => "dia $day", inicio => '01/2026'), 303, "plan due on day $day");
    }
    status_is(new_plan($dan, dia => 31, descricao => 'dia 31 fev', inicio => '02/2026'), 303, 'plan due on day 31');
    my $s = select_clients($dan);
    ok(generate($s, mes => 1, ano => 2026, meses => 14), 'January 2026 × 14');
    my $rows = [ sql("SELECT f.description, f.competencia, f.due_date FROM fees f WHERE f.client_id = $dan") ];
    my %by = map { ("$_->[0] $_->[1]") => $_->[2] } @$rows;
    is($by{'dia 16 2026-02-01'}, '2026-02-18', 'Carnival 2026 (16 and 17 February): Wednesday the 18th');
    is($by{'dia 3 2026-04-01'}, '2026-04-06', 'Good Friday 2026 (3 April): Monday the 6th');
    is($by{'dia 20 2026-11-01'}, '2026-11-23', '20 November 2026 (Consciência Negra, a Friday): the 23rd');
    is($by{'dia 25 2026-12-01'}, '2026-12-28', 'Christmas 2026 (a Friday): the 28th');
    is($by{'dia 31 fev 2026-02-01'}, '2026-03-02', 'day 31 in February: 28 February 2026 is a Saturday: 2 March');
    is($by{'dia 28 2027-02-01'}, '2027-03-01', '28 February 2027 is a Sunday: 1 March');
    sql("INSERT INTO office_holidays (office_id, year, month, day, name) VALUES ($OFFICE, 0, 3, 2, 'Aniversário da cidade')");
    my $eve = new_client('Eve Municipal');
    status_is(new_plan($eve, dia => 2, inicio => '03/2027'), 303, 'a plan due on the 2nd');
    ok(generate(select_clients($eve), mes => 3, ano => 2027, repetir => 'nao'), 'March 2027');
    is(sql_value("SELECT due_date FROM fees WHERE client_id = $eve"), '2027-03-03',
       "the office's own holiday (2 March, every year) moves it to the 3rd");
    my $fev = new_client('Fev Carnaval 2027');
    status_is(new_plan($fev, dia => 8, inicio => '02/2027'), 303, 'a plan due on the 8th');
    ok(generate(select_clients($fev), mes => 2, ano => 2027, repetir => 'nao'), 'February 2027');
    is(sql_value("SELECT due_date FROM fees WHERE client_id = $fev"), '2027-02-10',
       'Carnival 2027 (8 and 9 February): Wednesday the 10th');
};

subtest 'one plan for many clients from the registry' => sub {
    my @new = map { scalar new_client("Plano em lote $_") } 1 .. 2;
    my $r = $hugo->post('/clientes/lote', [ acao => 'plano', (map { (ids => $_) } @new, $ana), csrf => $hugo->{csrf} ]);
    my ($s) = ($r->location // '') =~ m{^/honorarios/planos/lote\?selecao=(\d+)$};
    ok($s, 'the registry hands the selection over');
    text_has($hugo->get("/honorarios/planos/lote?selecao=$s"), '3 clientes selecionados', 'the form says for how many');
    $r = $hugo->post('/honorarios/planos/lote', [ selecao => $s, descricao => 'Honorários', valor => 'x', dia => 5, inicio => '01/2026', ativo => 1, csrf => $hugo->{csrf} ]);
    status_is($r, 400, 'a wrong value');
    $r = $hugo->post('/honorarios/planos/lote', [ selecao => $s, descricao => 'Honorários em lote', valor => '300,00', dia => 5, inicio => '01/2026', ativo => 1, decimo => 'nao', csrf => $hugo->{csrf} ]);
    location_is($r, "/honorarios/planos/lote?selecao=$s&criados=2&mantidos=1", 'two made; Ana keeps hers');
    is(sql_value("SELECT COUNT(*) FROM fee_plans WHERE client_id IN ($new[0], $new[1]) AND amount = 30000 AND due_day = 5"), 2, 'stored');
    is(sql_value("SELECT COUNT(*) FROM fee_plans WHERE client_id = $ana"), 1, 'Ana still has one plan');
    sql("DELETE FROM fee_plans WHERE client_id IN ($new[0], $new[1])");
};

subtest "the office's holidays on its page" => sub {
    my $r = $hugo->post('/escritorio/feriados', [ feriado_data => '31/02', feriado_nome => 'Nunca', csrf => $hugo->{csrf} ]);
    status_is($r, 422, 'a day that does not exist');
    like(field_error($r, 'feriado_data') // '', qr/dd\/mm para todo ano/, 'its message');
    $r = $hugo->post('/escritorio/feriados', [ feriado_data => '25/01', feriado_nome => 'Aniversário de São Paulo', csrf => $hugo->{csrf} ]);
    location_is($r, '/escritorio?aviso=feriado#t-feriados', 'every year');
    $r = $hugo->post('/escritorio/feriados', [ feriado_data => '20/06/2025', feriado_nome => 'Ponto facultativo', csrf => $hugo->{csrf} ]);
    status_is($r, 303, 'one date');
    my $page = $hugo->get('/escritorio');
    like(html_of($page), qr{25/01 \(todo ano\)</strong> Aniversário de São Paulo}, 'listed, every year');
    like(html_of($page), qr{20/06/2025</strong> Ponto facultativo}, 'listed, one date');
    is(sql_value("SELECT COUNT(*) FROM office_holidays WHERE office_id = $OFFICE AND ((year = 0 AND month = 1 AND day = 25) OR (year = 2025 AND month = 6 AND day = 20))"), 2, 'stored');
    $r = $hugo->post('/escritorio/feriados/remover', [ ano => 2025, mes => 6, dia => 20, csrf => $hugo->{csrf} ]);
    status_is($r, 303, 'removed');
    is(sql_value("SELECT COUNT(*) FROM office_holidays WHERE office_id = $OFFICE AND year = 2025"), 0, 'gone');
    my $zed = new_client('Zed Aniversário');
    status_is(new_plan($zed, dia => 25, inicio => '01/2027'), 303, 'a plan due on the 25th');
    ok(generate(select_clients($zed), mes => 1, ano => 2027, repetir => 'nao'), 'January 2027');
    is(sql_value("SELECT due_date FROM fees WHERE client_id = $zed"), '2027-01-26', '25 January 2027 (a Monday, the city\'s holiday): the 26th');
};

subtest 'generating again makes nothing twice; the 13º is proportional' => sub {
    my $runs = sql_value("SELECT COUNT(*) FROM fee_generations WHERE office_id = $OFFICE");
    my $r0 = $hugo->post('/honorarios/gerar', run_fields($sel));
    location_is($r0, "/honorarios/gerar?selecao=$sel&aviso=nada", 'nothing new: back to the form (issue 26 #13)');
    text_has($hugo->get($r0->location), 'Nada foi gerado', 'which says so');
    is(sql_value("SELECT COUNT(*) FROM fee_generations WHERE office_id = $OFFICE"), $runs, 'and no generation recorded');
    is(sql_value("SELECT COUNT(*) FROM fees WHERE client_id IN ($ana, $bia)"), 22, "still 22 fees");
    is(sql_value("SELECT amount FROM fees WHERE client_id = $bia AND kind = '13'"), 90000,
       '13º: 1.200,00 × 9/12 = 900,00');
    my $r = $hugo->post('/honorarios/gerar/previa', run_fields($sel, mes => 12, ano => 2026, meses => 2));
    like(html_of($r), qr{id="previa-existentes">3<}, 'a preview counts what exists (Ana Dec, Bia Dec + 13º)');
    like(html_of($r), qr{id="previa-honorarios">2<}, 'and what is new (January 2027)');
};

subtest 'two runs at the same time make each fee once' => sub {
    my @kids;
    for my $k (1 .. 3) {
        my $pid = fork();
        die "fork: $!" unless defined $pid;
        if (!$pid) {
            my $r = $hugo->post('/honorarios/gerar', run_fields($sel, mes => 1, ano => 2028, meses => 12));
            POSIX::_exit($r->{status} == 303 ? 0 : 1);   # no END blocks in the child
        }
        push @kids, $pid;
    }
    my $ok = 0;
    for (@kids) { waitpid($_, 0); $ok++ if $? == 0 }
    is($ok, 3, 'all three answered');
    is(sql_value("SELECT COUNT(*) FROM fees WHERE client_id IN ($ana, $bia) AND competencia BETWEEN '2028-01-01' AND '2028-12-01'"),
       25, '12 + 12 + one 13º, once each');
    is(sql_value("SELECT SUM(created) FROM fee_generations WHERE office_id = $OFFICE AND first_month = '2028-01-01'"),
       25, 'the runs together say they made 25');
};

subtest "a large run is the worker's: progress, then every fee once" => sub {
    my @many = map { scalar new_client(sprintf('Lote %02d Serviços', $_)) } 1 .. 41;
    is(scalar(grep { $_ } @many), 41, '41 clients');
    my $s = select_clients(@many);
    my $gen = generate($s, valor_modo => 'informado', valor => '99,90', dia => 15, mes => 1, ano => 2030, meses => 60);
    ok($gen, '41 × 60 = 2.460 fees: more than a request writes');
    my $status = sql_value("SELECT status FROM fee_generations WHERE office_id = $OFFICE AND number = $gen");
    like($status, qr/^(queued|running|done)$/, "queued for the worker ($status)");
    my $page = $hugo->get("/honorarios/geracoes/$gen");
    like(html_of($page), qr{Gerando|Concluída}, 'its page says how it goes');
    for (1 .. 300) {
        $status = sql_value("SELECT status FROM fee_generations WHERE office_id = $OFFICE AND number = $gen");
        last if $status eq 'done' || $status eq 'failed';
        select(undef, undef, undef, 0.1);
    }
    is($status, 'done', 'the worker finished it');
    is(sql_value("SELECT CONCAT(created, ' ', skipped, ' ', done, ' ', total) FROM fee_generations WHERE office_id = $OFFICE AND number = $gen"), '2460 0 41 41', 'its counts');
    is(sql_value("SELECT COUNT(*) FROM fees WHERE generation_id = (SELECT id FROM fee_generations WHERE office_id = $OFFICE AND number = $gen)"), 2460, 'every fee');
    is(sql_value("SELECT SUM(amount) FROM fees WHERE generation_id = (SELECT id FROM fee_generations WHERE office_id = $OFFICE AND number = $gen)"), 2460 * 9990, 'of R$ 99,90');
    like(html_of($hugo->get("/honorarios/geracoes/$gen")), qr{id="gerados">2\.460<}, 'the page says so');
    my $p1 = html_of($hugo->get("/honorarios/recebimentos?geracao=$gen&situacao=todos"));
    my @ids1 = $p1 =~ m{name="ids" value="(\d+)"}g;
    is(scalar @ids1, 50, 'a page lists 50 fees');
    like($p1, qr{pagina=2">Próxima}, 'and links the next');
    my @ids2 = html_of($hugo->get("/honorarios/recebimentos?geracao=$gen&situacao=todos&pagina=2")) =~ m{name="ids" value="(\d+)"}g;
    is(scalar @ids2, 50, 'so does the second');
    my %first = map { ($_ => 1) } @ids1;
    is(scalar(grep { $first{$_} } @ids2), 0, 'with none of the first page');
    my $runs = sql_value("SELECT COUNT(*) FROM fee_generations WHERE office_id = $OFFICE");
    location_is($hugo->post('/honorarios/gerar', run_fields($s, valor_modo => 'informado', valor => '99,90', dia => 15, mes => 1, ano => 2030, meses => 60)),
                "/honorarios/gerar?selecao=$s&aviso=nada", 'again: nothing to make, nothing queued (issue 26 #13)');
    is(sql_value("SELECT COUNT(*) FROM fee_generations WHERE office_id = $OFFICE"), $runs, 'no generation recorded');
    for (1 .. 300) {
        last if sql_value("SELECT COUNT(*) FROM fee_generations WHERE office_id = $OFFICE AND status IN ('queued', 'running')") == 0;
        select(undef, undef, undef, 0.1);
    }
    is(sql_value("SELECT COUNT(*) FROM fees WHERE client_id IN (" . join(',', @many) . ")"), 2460, 'still once each');
    sql("DELETE FROM fees WHERE client_id IN (" . join(',', @many) . ")");
};

subtest 'a typed value for clients without a plan' => sub {
    my $s = select_clients($caio);
    my $r = $hugo->post('/honorarios/gerar/previa', run_fields($s, valor_modo => 'informado', valor => '', dia => 5));
    status_is($r, 400, 'a typed run needs its value');
    my $gen = generate($s, valor_modo => 'informado', valor => '300,00', dia => 5, meses => 3,
                       descricao => 'Honorários avulsos');
    ok($gen, 'generated');
    my @c = @{ fees_of($caio) };
    is(scalar @c, 3, 'three fees');
    is($c[0][2], 30000, 'of R$ 300,00');
    location_is($hugo->post('/honorarios/gerar', run_fields($s, valor_modo => 'informado', valor => '300,00', dia => 5, meses => 3)),
                "/honorarios/gerar?selecao=$s&aviso=nada", 'again: nothing new');
    is(scalar @{ fees_of($caio) }, 3, 'still three');
    status_is(new_plan($caio, inicio => '01/2026'), 303, 'Caio gets a plan from January');
    my $r0 = $hugo->post('/honorarios/gerar', run_fields($s, meses => 3));
    location_is($r0, "/honorarios/gerar?selecao=$s&aviso=nada", 'a plan run makes no second monthly fee where a typed one exists');
    is(scalar @{ fees_of($caio) }, 3, 'still three');
    my $plan = sql_value("SELECT id FROM fee_plans WHERE client_id = $caio");
    my $ver = sql_value("SELECT version FROM fee_plans WHERE id = $plan");
    my $r2 = $hugo->post("/honorarios/planos/$plan", [ descricao => 'Honorários contábeis', valor => '999,00', dia => 10, inicio => '01/2026', ativo => 1, decimo => 'nao', versao => $ver + 5, csrf => $hugo->{csrf} ]);
    status_is($r2, 409, 'a plan form older than the plan is refused');
    is(sql_value("SELECT amount FROM fee_plans WHERE id = $plan"), 45000, 'nothing overwritten');
    status_is(new_plan($caio, inicio => '01/2026'), 303, 'the same new plan sent again');
    is(sql_value("SELECT COUNT(*) FROM fee_plans WHERE client_id = $caio"), 1, 'makes no second plan');
};

subtest 'everything a registry search matches' => sub {
    my $r = $hugo->post('/clientes/lote', [ acao => 'honorarios', todos => 1, q => 'Lote', csrf => $hugo->{csrf} ]);
    my ($s) = ($r->location // '') =~ m{^/honorarios/gerar\?selecao=(\d+)$};
    ok($s, 'a selection of the search');
    my $lote = sql_value("SELECT COUNT(*) FROM clients WHERE office_id = $OFFICE AND NOT trashed AND name LIKE '%lote%'");
    my $all = sql_value("SELECT COUNT(*) FROM clients WHERE office_id = $OFFICE AND NOT trashed");
    ok($lote >= 41 && $lote < $all, "the search matches $lote of $all");
    is(sql_value("SELECT total FROM selections WHERE id = $s"), $lote, "the selection is those $lote, not the whole registry");
    $r = $hugo->post('/clientes/lote', [ acao => 'honorarios', todos => 1, q => ('x' x 101), csrf => $hugo->{csrf} ]);
    isnt($r->{status}, 303, 'a refused search hands nothing over') or diag($r->location);
};

subtest 'the last scheduled fee column' => sub {
    my $page = $hugo->get("/honorarios/gerar?selecao=$sel");
    like(html_of($page), qr{Ana Padaria Ltda.*?12/2028.*?R\$ 450,00.*?11/12/2028}s,
         "Ana's last fee: 12/2028, R\$ 450,00, due 11/12/2028 (the 10th is a Sunday)");
};

my $fee = sql_value("SELECT id FROM fees WHERE client_id = $ana AND competencia = '2026-03-01'");
subtest 'payments: partial, over the balance refused, settled' => sub {
    my $r = $hugo->post("/honorarios/$fee/pagamento", [ data => '05/03/2026', valor => '100,00', forma => 'pix', csrf => $hugo->{csrf} ]);
    status_is($r, 303, 'a partial payment');
    my $page = $hugo->get("/honorarios/$fee");
    like(html_of($page), qr{id="em-aberto">R\$ 350,00<}, 'R$ 350,00 left');
    my $v = sql_value("SELECT version FROM fees WHERE id = $fee") - 1;   # the version the form showed
    $r = $hugo->post("/honorarios/$fee/pagamento", [ data => '05/03/2026', valor => '100,00', forma => 'pix', versao => $v, csrf => $hugo->{csrf} ]);
    status_is($r, 409, 'the same form sent again is refused');
    text_has($r, 'mudou desde que a página foi aberta', 'saying why');
    is(sql_value("SELECT paid FROM fees WHERE id = $fee"), 10000, 'one payment, not two');
    $r = $hugo->post("/honorarios/$fee/pagamento", [ data => '06/03/2026', valor => '350,01', forma => 'pix', csrf => $hugo->{csrf} ]);
    status_is($r, 409, 'more than the balance is refused');
    text_has($r, 'O valor é maior que o saldo em aberto deste honorário.', 'with its message');
    is(sql_value("SELECT paid FROM fees WHERE id = $fee"), 10000, 'nothing written');
    $r = $hugo->post("/honorarios/$fee/pagamento", [ data => '06/03/2026', valor => '1,5', forma => 'xx', csrf => $hugo->{csrf} ]);
    status_is($r, 400, 'an unknown method');
    $r = $hugo->post("/honorarios/$fee/pagamento", [ data => '31/02/2026', valor => '10,00', forma => 'pix', csrf => $hugo->{csrf} ]);
    status_is($r, 400, 'an impossible date');
    $r = $hugo->post("/honorarios/$fee/pagamento", [ data => '06/03/2026', valor => '350,00', forma => 'boleto', csrf => $hugo->{csrf} ]);
    status_is($r, 303, 'the rest');
    location_is($r, "/honorarios/$fee?aviso=quitado");
    is(sql_value("SELECT CONCAT(status, ' ', paid, ' ', paid_on) FROM fees WHERE id = $fee"), 'recebido 45000 2026-03-06', 'received');
    is(sql_value("SELECT COUNT(*) FROM fee_payments WHERE fee_id = $fee"), 2, 'two payments');
    $r = $hugo->post("/honorarios/$fee/pagamento", [ data => '06/03/2026', valor => '1,00', forma => 'pix', csrf => $hugo->{csrf} ]);
    status_is($r, 409, 'a received fee takes no more');
    like(sql_value("SELECT GROUP_CONCAT(body SEPARATOR '|') FROM client_notes WHERE client_id = $ana"),
         qr/Honorário 03\/2026: pagamento de R\$ 350,00 em 06\/03\/2026 \(Boleto\), quitado/, 'a note on the timeline');
    $r = $hugo->post("/honorarios/$fee/reabrir", [ csrf => $hugo->{csrf} ]);
    status_is($r, 303, 'reopened');
    is(sql_value("SELECT CONCAT(status, ' ', paid) FROM fees WHERE id = $fee"), 'aberto 0', 'open again, payments undone');
    is(sql_value("SELECT COUNT(*) FROM fee_payments WHERE fee_id = $fee"), 0, 'no payments left');
};

subtest 'cancel needs a reason; collection statuses' => sub {
    my $r = $hugo->post("/honorarios/$fee/cancelar", [ motivo => '', csrf => $hugo->{csrf} ]);
    status_is($r, 400, 'no reason');
    $r = $hugo->post("/honorarios/$fee/cancelar", [ motivo => 'Cliente encerrou o contrato', csrf => $hugo->{csrf} ]);
    status_is($r, 303, 'cancelled');
    is(sql_value("SELECT CONCAT(status, ' ', cancel_reason) FROM fees WHERE id = $fee"), 'cancelado Cliente encerrou o contrato', 'with its reason');
    $r = $hugo->post("/honorarios/$fee/pagamento", [ data => '06/03/2026', valor => '1,00', forma => 'pix', csrf => $hugo->{csrf} ]);
    status_is($r, 409, 'a cancelled fee takes no payment');
    status_is($hugo->post("/honorarios/$fee/reabrir", [ csrf => $hugo->{csrf} ]), 303, 'reopened');
    status_is($hugo->post("/honorarios/$fee/situacao", [ situacao => 'negativado', csrf => $hugo->{csrf} ]), 303, 'negativado');
    is(sql_value("SELECT status FROM fees WHERE id = $fee"), 'negativado', 'stored');
    status_is($hugo->post("/honorarios/$fee/nota", [ texto => 'Ligar dia 10', csrf => $hugo->{csrf} ]), 303, 'a note');
    is(sql_value("SELECT COUNT(*) FROM audit_events WHERE office_id = $OFFICE AND entity = 'fee' AND entity_id = $fee"),
       7, 'every action audited (two payments, reopen, cancel, reopen, negativado, note)');
};

subtest 'receivables: filters and totals' => sub {
    # Ana: 2026 (12, one negativado), 2028 (12); all unpaid. Today is after every 2026 due date.
    my $r = $hugo->get("/honorarios/recebimentos?cliente=$ana&comp_de=01/2026&comp_ate=12/2026");
    status_is($r, 200, 'the list');
    like(html_of($r), qr{id="total-a-receber">R\$ 5\.400,00<}, 'TOTAL A RECEBER for 2026');
    $r = $hugo->get("/honorarios/recebimentos?cliente=$ana&situacao=vencido&comp_de=01/2026&comp_ate=12/2026");
    my $n = () = html_of($r) =~ /selo-aviso">Vencido</g;
    ok($n >= 1, 'overdue fees listed as Vencido');
    $r = $hugo->get("/honorarios/recebimentos?cliente=$ana&situacao=aberto&comp_de=01/2028&comp_ate=12/2028");
    like(html_of($r), qr{Em aberto}, '2028 fees are open, not overdue');
    unlike(html_of($r), qr{selo-aviso">Vencido}, 'none of them overdue');
    $r = $hugo->get('/honorarios/recebimentos?comp_de=13/2026');
    status_is($r, 400, 'a refused filter');
    unlike(html_of($r), qr{/honorarios/\d+"}, 'lists nothing rather than everything');
    $r = $hugo->get('/honorarios/recebimentos?situacao=negativado');
    like(html_of($r), qr{/honorarios/$fee"}, 'the negativado filter');
};

subtest "the start page: the office's day, changed at once by a payment" => sub {
    my $home = $hugo->get('/');
    my $list = $hugo->get('/honorarios/recebimentos');
    my ($total) = html_of($list) =~ m{id="total-a-receber">([^<]+)<};
    like(html_of($home), qr{id="inicio-a-receber">\Q$total\E<}, "TOTAL A RECEBER as the receivables say ($total)");
    like(html_of($home), qr{id="inicio-vencido">R\$ [1-9]}, 'something overdue');
    like(html_of($home), qr{Últimos recebimentos}, 'the payments section');
    like(html_of($home), qr{Geração de honorários nº \d+}, 'the latest generations');
    my $other = sql_value("SELECT id FROM fees WHERE client_id = $bia AND status = 'aberto' ORDER BY competencia LIMIT 1");
    my $open = sql_value("SELECT amount - paid FROM fees WHERE id = $other");
    status_is($hugo->post("/honorarios/$other/pagamento", [ data => '01/06/2026', valor => '10,00', forma => 'dinheiro', csrf => $hugo->{csrf} ]), 303, 'a payment of R$ 10,00');
    $home = $hugo->get('/');
    my ($after) = html_of($home) =~ m{id="inicio-a-receber">([^<]+)<};
    my $cents = sub { my $v = shift; $v =~ s/[^\d]//g; $v };
    is($cents->($after), $cents->($total) - 1000, 'the total moved by R$ 10,00 at once');
    my $owed = sql_value("SELECT SUM(amount - paid) FROM fees WHERE client_id = $bia AND status IN ('aberto', 'negativado', 'cobranca')");
    my $profile = $hugo->get("/clientes/$bia");
    my ($card) = html_of($profile) =~ m{id="ficha-a-receber">([^<]+)<};
    is($cents->($card // ''), $owed, "the client's profile shows what it owes ($card)");
    like(html_of($profile), qr{1 plano ativo: R\$ 1\.200,00 por mês}, 'and its plan');
    like(html_of($home), qr{01/06/2026</a></td><td><a href="/honorarios/clientes/$bia">Bia Oficina ME</a></td><td class="num">R\$ 10,00}, 'and the payment is listed');
};

subtest 'PIX: the office key, the copia e cola of an open fee, its QR read back' => sub {
    my $page = $hugo->get("/honorarios/$fee");
    text_has($page, 'ainda não cadastrou a chave PIX', 'without a key: says so');
    my $r = $hugo->post('/escritorio/pix', [ pix_chave => '123.456.789-00', pix_nome => 'Honora', pix_cidade => 'Campinas', csrf => $hugo->{csrf} ]);
    status_is($r, 422, 'a CPF with wrong check digits');
    like(field_error($r, 'pix_chave') // '', qr/Chave PIX inválida/, 'its message');
    $r = $hugo->post('/escritorio/pix', [ pix_chave => 'financeiro@honora.com.br', pix_nome => '', pix_cidade => 'Campinas', csrf => $hugo->{csrf} ]);
    status_is($r, 422, 'a key needs the beneficiary name');
    $r = $hugo->post('/escritorio/pix', [ pix_chave => '123E4567-E12B-12D1-A456-426655440000', pix_nome => 'Honora', pix_cidade => 'Campinas', csrf => $hugo->{csrf} ]);
    status_is($r, 303, 'a random key');
    is(sql_value("SELECT CONCAT(pix_key, '|', pix_key_type) FROM offices WHERE id = $OFFICE"), '123e4567-e12b-12d1-a456-426655440000|Chave aleatória', 'lowercased, its type named');
    $r = $hugo->post('/escritorio/pix', [ pix_chave => ' Financeiro@Honora.com.br ', pix_nome => 'Honora Contábil', pix_cidade => 'São Paulo', csrf => $hugo->{csrf} ]);
    status_is($r, 303, 'saved');
    is(sql_value("SELECT CONCAT(pix_key, '|', pix_key_type) FROM offices WHERE id = $OFFICE"), 'financeiro@honora.com.br|E-mail', 'normalised');
    $page = $hugo->get("/honorarios/$fee");
    my ($code) = html_of($page) =~ m{<textarea id="pix-copia"[^>]*>([^<]+)</textarea>};
    ok($code, 'the fee page has the copia e cola');
    $code = Portal::Test::Client::_entities($code // '');
    like($code, qr/^000201/, 'an EMV payload');
    like($code, qr/0014br\.gov\.bcb\.pix0124financeiro\@honora\.com\.br/, 'with the key');
    like($code, qr/5406450\.00/, 'the amount open, R$ 450,00');
    like($code, qr/5915Honora Contabil6009Sao Paulo/, 'name and city without accents');
    my $id = sprintf('HON%d', $fee);
    like($code, qr/62\d\d05\d\d\Q$id\E/, 'the fee as the txid');
    my $png = $hugo->get("/honorarios/$fee/pix.png");
    status_is($png, 200, 'the QR image');
    my $file = "/tmp/honorarios-qr-$$.png";
    open(my $fh, '>:raw', $file) or die $!;
    print $fh $png->{content};
    close $fh;
    my $read = `zbarimg --raw -q $file 2>/dev/null`;
    unlink $file;
    chomp $read;
    is($read, $code, 'zbarimg reads the same code back');
    status_is($hugo->get("/honorarios/999999999/pix.png"), 404, 'an unknown fee has none');
};

subtest 'actions on checked fees' => sub {
    my @two = map { $_->[0] } sql("SELECT id FROM fees WHERE client_id = $ana AND status = 'aberto' ORDER BY competencia LIMIT 2");
    my $back = "/honorarios/recebimentos?cliente=$ana&situacao=a_receber";
    my $r = $hugo->post('/honorarios/recebimentos/lote', [ acao => 'cancelar', motivo => '', (map { (ids => $_) } @two), voltar => $back, csrf => $hugo->{csrf} ]);
    location_is($r, "$back&lote=motivo", 'cancelling needs a reason');
    $r = $hugo->get("$back&lote=motivo");
    text_has($r, 'Escreva o motivo do cancelamento.', 'said on the list');
    is(sql_value("SELECT COUNT(*) FROM fees WHERE id IN ($two[0], $two[1]) AND status = 'aberto'"), 2, 'nothing changed');
    $r = $hugo->post('/honorarios/recebimentos/lote', [ acao => 'receber', data => '10/02/2026', forma => 'transferencia', (map { (ids => $_) } @two), voltar => $back, csrf => $hugo->{csrf} ]);
    location_is($r, "$back&feitos=2&ignorados=0", 'both received');
    is(sql_value("SELECT COUNT(*) FROM fees WHERE id IN ($two[0], $two[1]) AND status = 'recebido' AND paid = amount AND paid_on = '2026-02-10'"), 2, 'in full, on that date');
    $r = $hugo->post('/honorarios/recebimentos/lote', [ acao => 'receber', data => '10/02/2026', forma => 'pix', (map { (ids => $_) } @two), voltar => $back, csrf => $hugo->{csrf} ]);
    location_is($r, "$back&feitos=0&ignorados=2", 'again: nothing to receive');
    text_has($hugo->get("$back&feitos=0&ignorados=2"), '0 honorários alterados; 2 ignorados', 'said on the list');
    is(sql_value("SELECT COUNT(*) FROM fee_payments WHERE fee_id IN ($two[0], $two[1])"), 2, 'one payment each, not two');
    my $demo = office_id('demo');
    sql("INSERT INTO fees (office_id, client_id, competencia, description, amount, due_date, created_at, updated_at)"
        . " SELECT office_id, id, '2001-01-01', 'teste 19', 100, '2001-01-10', NOW(), NOW() FROM clients WHERE office_id = $demo LIMIT 1");
    my $demo_fee = sql_value("SELECT id FROM fees WHERE office_id = $demo AND description = 'teste 19'");
    $r = $hugo->post('/honorarios/recebimentos/lote', [ acao => 'cancelar', motivo => 'x', ids => $demo_fee, ids => 999999999, voltar => $back, csrf => $hugo->{csrf} ]);
    location_is($r, "$back&feitos=0&ignorados=2", "another office's fee is not touched");
    is(sql_value("SELECT status FROM fees WHERE id = $demo_fee"), 'aberto', 'still open');
    sql("DELETE FROM fees WHERE id = $demo_fee");
    $r = $hugo->post('/honorarios/recebimentos/lote', [ acao => 'nota', texto => 'x', ids => $two[0], voltar => 'https://example.com/', csrf => $hugo->{csrf} ]);
    location_is($r, '/honorarios/recebimentos?lote=erro', 'a return path elsewhere is refused');
};

subtest 'the filtered list exported as CSV and XLSX' => sub {
    my $r = $hugo->get("/honorarios/recebimentos/exportar?formato=csv&cliente=$ana&situacao=todos&comp_de=01/2026&comp_ate=12/2026");
    status_is($r, 200, 'CSV');
    like($r->header('content-disposition') // '', qr/recebimentos.*\.csv/, 'a download');
    my $csv = Encode::decode('UTF-8', $r->{content});
    my @lines = split /\r\n/, $csv;
    like($lines[0], qr/Cliente;CPF\/CNPJ;Competência;Descrição;Vencimento;Valor \(R\$\)/, 'the header row, Excel pt-BR style');
    is(scalar(@lines) - 1, 12, "Ana's twelve 2026 fees");
    like($lines[1], qr/^Ana Padaria Ltda;[^;]+;01\/2026;Honorários contábeis;12\/01\/2026;450,00;/, 'a row');
    $r = $hugo->get("/honorarios/recebimentos/exportar?formato=xlsx&cliente=$ana&situacao=todos");
    status_is($r, 200, 'XLSX');
    is(substr($r->{content}, 0, 2), 'PK', 'a zip (XLSX)');
    status_is($hugo->get('/honorarios/recebimentos/exportar?formato=csv&comp_de=99/2026'), 400, 'a refused filter exports nothing');
};

subtest 'reajuste: the preview is what is applied' => sub {
    my $r = $hugo->post('/clientes/lote', [ acao => 'reajuste', ids => $ana, ids => $bia, csrf => $hugo->{csrf} ]);
    my ($s) = ($r->location // '') =~ m{^/honorarios/reajuste\?selecao=(\d+)$};
    ok($s, 'the registry hands the selection to the reajuste');
    my @form = (selecao => $s, a_partir => '01/2028', honorarios_abertos => 1, csrf => $hugo->{csrf});
    $r = $hugo->post('/honorarios/reajuste/previa', [ @form, percentual => 'dez' ]);
    status_is($r, 400, 'a percentage that is not one');
    like(field_error($r, 'percentual') // '', qr/duas casas/, 'its message');
    # Monthly fees and 13ºs (issue 26 #9: an open 13º follows its plan too).
    my $open_2028 = sql_value("SELECT COUNT(*) FROM fees WHERE client_id IN ($ana, $bia) AND status = 'aberto' AND paid = 0 AND competencia >= '2028-01-01'");
    my $sum_2028 = sql_value("SELECT SUM(amount) FROM fees WHERE client_id IN ($ana, $bia) AND status = 'aberto' AND paid = 0 AND competencia >= '2028-01-01'");
    $r = $hugo->post('/honorarios/reajuste/previa', [ @form, percentual => '10' ]);
    status_is($r, 200, 'the preview');
    my $html = html_of($r);
    like($html, qr{id="reajuste-planos">2<}, 'two active plans');
    like($html, qr{id="reajuste-antes">R\$ 1\.650,00<}, '450 + 1.200 today');
    like($html, qr{id="reajuste-depois">R\$ 1\.815,00<}, '495 + 1.320 after');
    like($html, qr{id="reajuste-honorarios">$open_2028<}, "$open_2028 open fees from 01/2028");
    like($html, qr{R\$ 450,00</td><td class="num">R\$ 495,00}, "Ana's line");
    is(sql_value("SELECT SUM(amount) FROM fee_plans WHERE client_id IN ($ana, $bia)"), 165000, 'the preview writes nothing');
    my $fee_2026 = sql_value("SELECT SUM(amount) FROM fees WHERE client_id IN ($ana, $bia) AND competencia < '2028-01-01'");
    $r = $hugo->post('/honorarios/reajuste', [ @form, percentual => '10' ]);
    location_is($r, "/honorarios/reajuste?planos=2&honorarios=$open_2028", 'applied');
    $r = $hugo->post('/honorarios/reajuste', [ @form, percentual => '10' ]);
    status_is($r, 409, 'the same confirmation again is refused');
    text_has($r, 'já foi aplicado', 'saying why');
    is(sql_value("SELECT GROUP_CONCAT(amount ORDER BY client_id) FROM fee_plans WHERE client_id IN ($ana, $bia)"), '49500,132000', 'the plans as previewed');
    is(sql_value("SELECT SUM(amount) FROM fees WHERE client_id IN ($ana, $bia) AND status = 'aberto' AND paid = 0 AND competencia >= '2028-01-01'"),
       $sum_2028 * 11 / 10, 'the open fees from 01/2028, 10% more');
    is(sql_value("SELECT SUM(amount) FROM fees WHERE client_id IN ($ana, $bia) AND competencia < '2028-01-01'"), $fee_2026, 'fees before it keep their value');
    is(sql_value("SELECT COUNT(*) FROM audit_events WHERE office_id = $OFFICE AND action = 'reajuste'"), $open_2028, 'each fee audited');
    like(sql_value("SELECT GROUP_CONCAT(c.new_value) FROM audit_events e JOIN audit_changes c ON c.event_id = e.id WHERE e.entity = 'fee_plan' AND e.entity_id = (SELECT id FROM fee_plans WHERE client_id = $ana) AND c.field = 'amount'"),
         qr/49500/, 'the plan too');
    my $r2 = $hugo->post('/clientes/lote', [ acao => 'reajuste', ids => $ana, csrf => $hugo->{csrf} ]);
    my ($s2) = ($r2->location // '') =~ m{selecao=(\d+)};
    $r2 = $hugo->post('/honorarios/reajuste/previa', [ selecao => $s2, a_partir => '06/2027', percentual => '5', csrf => $hugo->{csrf} ]);
    status_is($r2, 400, 'a reajuste before the last one is refused');
    like(field_error($r2, 'a_partir') // '', qr/depois do último reajuste/, 'its message');
    # Months generated after the reajuste take the value of their time.
    ok(generate(select_clients($ana), mes => 3, ano => 2027, repetir => 'nao'), 'March 2027, before the reajuste');
    is(sql_value("SELECT amount FROM fees WHERE client_id = $ana AND competencia = '2027-03-01' AND kind = 'mensal'"), 45000, 'keeps R$ 450,00');
    ok(generate(select_clients($ana), mes => 3, ano => 2029, repetir => 'nao'), 'March 2029, after it');
    is(sql_value("SELECT amount FROM fees WHERE client_id = $ana AND competencia = '2029-03-01' AND kind = 'mensal'"), 49500, 'gets R$ 495,00');
};

subtest "other offices' ids are 404" => sub {
    my $ana_demo = staff_login('ana@demo.com.br');
    status_is($ana_demo->get("/honorarios/$fee"), 404, 'a fee');
    status_is($ana_demo->get("/honorarios/clientes/$ana"), 404, 'a client');
    my $plan = sql_value("SELECT id FROM fee_plans WHERE client_id = $ana LIMIT 1");
    status_is($ana_demo->get("/honorarios/planos/$plan"), 404, 'a plan');
    status_is($ana_demo->post("/honorarios/$fee/pagamento", [ data => '05/03/2026', valor => '1,00', forma => 'pix', csrf => $ana_demo->{csrf} ]), 404, 'a payment');
    status_is($ana_demo->get("/honorarios/gerar?selecao=$sel"), 404, 'a selection');
    # Generations go by the office's own numbers: one the other office never reached is 404.
    my $gen = sql_value("SELECT MAX(number) FROM fee_generations WHERE office_id = $OFFICE")
            + sql_value("SELECT COALESCE(MAX(number), 0) FROM fee_generations WHERE office_id = " . office_id('demo'));
    status_is($ana_demo->get("/honorarios/geracoes/$gen"), 404, 'a generation');
    my $r = $ana_demo->post("/honorarios/clientes/$ana/planos", [ descricao => 'x', valor => '1,00', dia => 1, inicio => '01/2026', csrf => $ana_demo->{csrf} ]);
    status_is($r, 404, 'a plan for another office\'s client');
};

subtest 'a client with fees is never purged; one with only a plan is' => sub {
    status_is($hugo->post("/clientes/$caio/lixeira", [ csrf => $hugo->{csrf} ]), 303, 'Caio to the trash');
    my $r = $hugo->post("/clientes/$caio/excluir", [ confirmar => 1, csrf => $hugo->{csrf} ]);
    location_is($r, "/clientes/$caio?excluir=honorarios", 'purging is refused');
    text_has($hugo->get("/clientes/$caio?excluir=honorarios"), 'tem honorários registrados', 'with the reason');
    is(sql_value("SELECT COUNT(*) FROM clients WHERE id = $caio"), 1, 'the record stays');
    my $gil = new_client('Gil só plano');
    status_is(new_plan($gil), 303, 'a plan, no fees');
    status_is($hugo->post("/clientes/$gil/lixeira", [ csrf => $hugo->{csrf} ]), 303, 'to the trash');
    $r = $hugo->post("/clientes/$gil/excluir", [ confirmar => 1, csrf => $hugo->{csrf} ]);
    location_is($r, '/clientes/lixeira?excluido=1', 'purged');
    is(sql_value("SELECT COUNT(*) FROM fee_plans WHERE client_id = $gil"), 0, 'its plan went with it');
};

subtest 'the open totals per due date agree with the fees' => sub {
    my %real = map { ($_->[0] => "$_->[1] $_->[2]") } sql("SELECT due_date, COUNT(*), SUM(amount - paid) FROM fees"
        . " WHERE office_id = $OFFICE AND unpaid = 1 GROUP BY due_date");
    my %kept = map { ($_->[0] => "$_->[1] $_->[2]") } sql("SELECT due_date, fees, open_sum FROM fee_open_days"
        . " WHERE office_id = $OFFICE AND fees <> 0");
    ok(keys(%real) > 10, 'many due dates');
    is_deeply(\%kept, \%real, 'fee_open_days is what the fees add up to, after generations, payments, cancellations, reopenings and a reajuste');
};

subtest 'money is integer centavos: no float or double in money code' => sub {
    my @files = (glob("$ROOT/lib/honorarios/*.[ch]"), glob("$ROOT/cgi-bin/honorarios/*.[ch]"),
                 "$ROOT/lib/br/money.c", "$ROOT/lib/br/money.h", glob("$ROOT/lib/br/pix.[ch]"));
    ok(@files > 5, 'the files exist');
    for my $f (@files) {
        open(my $fh, '<', $f) or die "$f: $!";
        my $src = do { local $/; <$fh> };
        $src =~ s{/\*.*?\*/}{}gs;
        unlike($src, qr/\b(float|double|long double|strtod|atof)\b/, "$f has no floating point");
    }
};

done_testing();
