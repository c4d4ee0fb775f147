#!/usr/bin/perl
# Fees as a client and the office read them (issue 26 #11, #14, #22): the 13º named
# wherever fees are listed; the portal splits "a pagar" (overdue or due within 30 days)
# from "a vencer" with their own totals, shows the first fees with their PIX and the rest
# as a list, each open fee linked to its own page with its PIX; the receipt (portal and
# staff) with the office's data, the amount in words, city and date and a readable
# number. An office of its own ("recibos"), emptied before and after.
use strict;
use warnings;
use utf8;

use lib 'tests/http/lib';
use Portal::Test qw(:DEFAULT :cadastro);
use Test::More;

my $HOST = 'recibos.localhost';
my $EMAIL = 'rita@recibos.com.br';
my $CLIENT_EMAIL = 'financeiro@gama.com.br';

sub reset_office {
    my $id = office_id('recibos');
    if (!$id) {
        sql("INSERT INTO offices (slug, name) VALUES ('recibos', 'Recibos & Contas Contabilidade')");
        $id = office_id('recibos');
        sql("INSERT INTO staff_users (office_id, name, email, password_hash, role)"
            . " SELECT $id, 'Rita Reis', " . sql_quote($EMAIL) . ", password_hash, 'admin'"
            . " FROM staff_users WHERE email = 'ana\@demo.com.br'");
    }
    sql("DELETE FROM portal_sessions WHERE office_id = $id; DELETE FROM portal_users WHERE office_id = $id;"
        . " DELETE FROM fee_payments WHERE office_id = $id; DELETE FROM fees WHERE office_id = $id;"
        . " DELETE FROM fee_open_days WHERE office_id = $id; DELETE FROM audit_events WHERE office_id = $id;"
        . " DELETE FROM client_notes WHERE office_id = $id;"
        . " UPDATE offices SET pix_key = 'pix\@recibos.com.br', pix_key_type = 'email',"
        . " pix_name = 'RECIBOS CONTAS', pix_city = 'SAO PAULO', cnpj = '11222333000181',"
        . " address = 'Rua Augusta, 1500, sala 12', city = 'São Paulo', uf = 'SP', cep = '01304001'"
        . " WHERE id = $id;"
        . " DELETE FROM clients WHERE office_id = $id;"
        . " UPDATE client_counts SET active = 0, inactive = 0, trashed = 0, version = version + 1,"
        . " fee_version = fee_version + 1 WHERE office_id = $id");
    return $id;
}

my $OFFICE = reset_office();
END { reset_office() if $OFFICE; clean_login_attempts(); }
clean_login_attempts();
my $rita = staff_login($EMAIL, host => $HOST);

# A day relative to the office's today (Brasília, UTC-3), as the programs count it.
my $TODAY = sql_value("SELECT DATE(UTC_TIMESTAMP() - INTERVAL 3 HOUR)");
sub day { my ($n) = @_; return sql_value("SELECT " . sql_quote($TODAY) . " + INTERVAL $n DAY") }
sub br { my ($iso) = @_; my ($y, $m, $d) = split /-/, $iso; return "$d/$m/$y" }
my ($YEAR) = $TODAY =~ /^(\d{4})/;

sub add_fee {
    my ($client, %f) = @_;
    my %v = (competencia => "$YEAR-01-01", kind => 'mensal', amount => 45000, due => day(10),
             status => 'aberto', paid => 0, paid_on => undef, description => 'Honorários contábeis', %f);
    sql("INSERT INTO fees (office_id, client_id, plan_id, competencia, kind, description, amount, paid,"
        . " due_date, status, paid_on, created_at, updated_at) VALUES ($OFFICE, $client, 0, "
        . sql_quote($v{competencia}) . ", " . sql_quote($v{kind}) . ", " . sql_quote($v{description})
        . ", $v{amount}, $v{paid}, " . sql_quote($v{due}) . ", " . sql_quote($v{status}) . ", "
        . (defined $v{paid_on} ? sql_quote($v{paid_on}) : 'NULL') . ", UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))");
    my $id = sql_value("SELECT MAX(id) FROM fees WHERE client_id = $client");
    sql("INSERT INTO fee_payments (office_id, fee_id, paid_on, amount, method, created_at)"
        . " VALUES ($OFFICE, $id, " . sql_quote($v{paid_on}) . ", $v{amount}, 'pix', UTC_TIMESTAMP(6))")
        if $v{status} eq 'recebido';
    sql("UPDATE client_counts SET fee_version = fee_version + 1 WHERE office_id = $OFFICE");
    return $id;
}

# What a reader sees: the page's text without its tags, spaces collapsed.
sub plain {
    my ($res) = @_;
    my $t = $res->{text} // '';
    $t =~ s/<[^>]*>//g;
    $t =~ s/\s+/ /g;
    return $t;
}
sub reads {
    my ($res, $frag, $name) = @_;
    local $Test::Builder::Level = $Test::Builder::Level + 1;
    my $ok = ok(index(plain($res), $frag) >= 0, $name // "reads: $frag");
    diag("missing text: $frag\nin: " . plain($res)) unless $ok;
    return $ok;
}

# A client's portal login with the demo password (its hash copied, as the staff's above).
sub portal_user {
    my ($client, $email) = @_;
    sql("INSERT INTO portal_users (office_id, client_id, name, email, password_hash, created_at,"
        . " password_set_at) SELECT $OFFICE, $client, 'Gabriel Gama', " . sql_quote($email)
        . ", password_hash, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) FROM staff_users WHERE email = 'ana\@demo.com.br'");
    my $c = Portal::Test::Client->new(host => $HOST);
    my $p = $c->get('/portal/entrar');
    my $r = $c->post('/portal/entrar', [ email => $email, senha => DEMO_PASSWORD, csrf => csrf_of($p) // '' ]);
    is($r->{status}, 303, "$email logs in") or diag(dump_res($r));
    return $c;
}

my $G = create_client($rita, nome => 'Gama Indústria de Móveis Ltda', documento => cnpj_random(1),
                      email => $CLIENT_EMAIL);
my $H = create_client($rita, nome => 'Hotel Horizonte Ltda', documento => cnpj_random(1));
my $DEC = "$YEAR-12-01";
# A monthly fee and the 13º of the same competência, due the same day (within the week).
my $MONTHLY = add_fee($G, competencia => $DEC, due => day(3), amount => 45000);
my $THIRTEENTH = add_fee($G, competencia => $DEC, kind => '13', description => '13º honorário',
                         due => day(3), amount => 45000);
my $LATE = add_fee($G, competencia => "$YEAR-01-01", due => day(-5), amount => 30000);
my @LATER = map { add_fee($G, competencia => sprintf('%d-%02d-01', $YEAR + 1, $_), due => day(40 + 30 * $_),
                          amount => 45000) } 1 .. 3;
my $PAID = add_fee($G, competencia => "$YEAR-02-01", due => "$YEAR-03-10", status => 'recebido',
                   amount => 45030, paid => 45030, paid_on => "$YEAR-03-09");
my $H_FEE = add_fee($H, competencia => $DEC, due => day(10));
my $gama = portal_user($G, $CLIENT_EMAIL);

subtest '#11 the 13º is named on the staff pages that list fees' => sub {
    my $label = "13º honorário $YEAR";
    text_has($rita->get('/'), $label, 'the start page (due this week)');
    text_has($rita->get("/clientes/$G"), $label, "the profile's fee card");
    text_has($rita->get('/honorarios/recebimentos?situacao=a_receber'), $label, 'receivables');
    text_has($rita->get("/honorarios/clientes/$G"), $label, "the client's fees");
    my $fee = $rita->get("/honorarios/$THIRTEENTH");
    status_is($fee, 200);
    text_has($fee, $label, 'the fee page');
    my $monthly = $rita->get("/honorarios/$MONTHLY");
    text_lacks($monthly, $label, 'a monthly fee keeps its description');
    text_has($monthly, 'Honorários contábeis');
};

subtest '#11 the portal: the 13º named, "a pagar" and "a vencer" each with its total' => sub {
    my $p = $gama->get('/portal');
    status_is($p, 200);
    text_has($p, "13º honorário $YEAR");
    text_has($p, 'A pagar até ' . br(day(30)));
    like(html_of($p), qr{id="total-a-pagar">R\$ 1\.200,00<}, 'a pagar: 450 + 450 + the overdue 300');
    like(html_of($p), qr{id="total-vencido">R\$ 300,00<}, 'vencido: 300');
    like(html_of($p), qr{id="total-a-vencer">R\$ 1\.350,00<}, 'a vencer: the three later ones');
    text_lacks($p, 'R$ 2.550,00', 'never one total of everything');
    text_has($p, 'A vencer depois de ' . br(day(30)));
    my $h = $gama->get('/portal/honorarios');
    text_has($h, "13º honorário $YEAR", 'the history too');
};

subtest '#22 open fees link to their PIX; a fee page with its PIX, only the client\'s own' => sub {
    my $h = html_of($gama->get('/portal/honorarios'));
    for my $id ($MONTHLY, $THIRTEENTH, $LATE, @LATER) {
        like($h, qr{<a class="pagar-pix" href="/portal/honorarios/$id">Pagar com PIX</a>}, "open fee $id links to its PIX");
    }
    unlike($h, qr{href="/portal/honorarios/$PAID">Pagar com PIX}, 'a paid one does not');
    like($h, qr{href="/portal/honorarios/$PAID/recibo"}, 'it has its receipt');
    my $p = $gama->get("/portal/honorarios/$LATER[2]");
    status_is($p, 200);
    my ($code) = html_of($p) =~ m{class="pix-codigo"[^>]*>(000201[^<]+)</p>};
    ok($code, 'its PIX copia e cola') or return;
    like($code, qr/5406450\.00/, 'for its value');
    like($code, qr/HON0*$LATER[2]/, 'identified by the fee');
    like(html_of($p), qr{src="/portal/honorarios/$LATER[2]/pix\.png"}, 'and its QR code');
    my $paid = $gama->get("/portal/honorarios/$PAID");
    status_is($paid, 200);
    unlike(html_of($paid), qr/pix-codigo/, 'a paid fee has no PIX');
    like(html_of($paid), qr{/portal/honorarios/$PAID/recibo}, 'but its receipt');
    status_is($gama->get("/portal/honorarios/$H_FEE"), 404, "another client's fee");
    status_is($gama->get('/portal/honorarios/999999999'), 404, 'a fee that does not exist');
};

subtest '#22 the start page: the first fees to pay with their PIX, the rest a list' => sub {
    my @more = map { add_fee($G, competencia => sprintf('%d-%02d-01', $YEAR - 3 + int(($_ - 1) / 12), ($_ - 1) % 12 + 1),
                             due => day(-40 - $_),
                             amount => 10000 + $_) } 1 .. 13;
    push @more, map { add_fee($G, competencia => sprintf('%d-%02d-01', $YEAR + 2, $_), due => day(200 + 30 * $_),
                              amount => 20000) } 1 .. 6;
    my $open = sql_value("SELECT COUNT(*) FROM fees WHERE client_id = $G AND unpaid = 1");
    is($open, 25, '25 open fees');
    my $h = html_of($gama->get('/portal'));
    my @codes = $h =~ m{class="pix-codigo"[^>]*>000201}g;
    is(scalar @codes, 3, 'three of them with their PIX on the page');
    my @rows = $h =~ m{<li(?: class="vencido")?><a href="/portal/honorarios/(\d+)">}g;
    is(scalar @rows, 22, 'the other 22 one a line, each linked to its page');
    my %listed = map { $_ => 1 } @rows;
    ok($listed{$_}, "later fee $_ listed") for @LATER;
    sql("DELETE FROM fees WHERE id IN (" . join(',', @more) . ");"
        . " UPDATE client_counts SET fee_version = fee_version + 1 WHERE office_id = $OFFICE");
};

subtest '#14 the portal receipt: office, amount in words, city and date, its number' => sub {
    my $r = $gama->get("/portal/honorarios/$PAID/recibo");
    status_is($r, 200);
    my $number = sprintf('%d/%06d', $YEAR, $PAID);
    reads($r, "Nº $number", 'a readable number');
    reads($r, 'Recibos & Contas Contabilidade');
    reads($r, 'CNPJ 11.222.333/0001-81');
    reads($r, 'Rua Augusta, 1500, sala 12');
    reads($r, 'São Paulo/SP · CEP 01304-001');
    reads($r, 'R$ 450,30');
    reads($r, '(quatrocentos e cinquenta reais e trinta centavos)', 'the amount in words');
    reads($r, 'Gama Indústria de Móveis Ltda');
    reads($r, 'Honorários contábeis');
    reads($r, "competência 02/$YEAR");
    reads($r, "São Paulo/SP, 9 de março de $YEAR.", 'city and date');
    is(html_of($gama->get("/portal/honorarios/$PAID/recibo")), html_of($r), 'the same number every time');
    status_is($gama->get("/portal/honorarios/$MONTHLY/recibo"), 404, 'an open fee has none');
};

subtest '#14 the staff receipt, from the fee page' => sub {
    my $fee = $rita->get("/honorarios/$PAID");
    like(html_of($fee), qr{href="/honorarios/$PAID/recibo"}, 'the paid fee links to its receipt');
    unlike(html_of($rita->get("/honorarios/$MONTHLY")), qr{/honorarios/$MONTHLY/recibo}, 'an open one does not');
    my $r = $rita->get("/honorarios/$PAID/recibo");
    status_is($r, 200);
    reads($r, sprintf('Nº %d/%06d', $YEAR, $PAID));
    reads($r, '(quatrocentos e cinquenta reais e trinta centavos)');
    reads($r, "São Paulo/SP, 9 de março de $YEAR.");
    reads($r, 'CNPJ 11.222.333/0001-81');
    status_is($rita->get("/honorarios/$MONTHLY/recibo"), 404, 'an open fee has none');
    status_is($rita->get("/honorarios/999999999/recibo"), 404, 'nor one that does not exist');
    my $demo = staff_login('ana@demo.com.br');
    status_is($demo->get("/honorarios/$PAID/recibo"), 404, "another office's fee");
};

subtest '#14 a fee settled with its rest written off: the receipt states what was received' => sub {
    my $w = add_fee($G, competencia => "$YEAR-04-01", due => "$YEAR-04-10", status => 'recebido',
                    amount => 40000, paid => 40000, paid_on => "$YEAR-04-12");
    sql("UPDATE fees SET amount = 45000, written_off = 5000 WHERE id = $w");
    my $r = $gama->get("/portal/honorarios/$w/recibo");
    reads($r, 'a importância de R$ 400,00 (quatrocentos reais)');
    reads($rita->get("/honorarios/$w/recibo"), 'a importância de R$ 400,00 (quatrocentos reais)', 'the staff one too');
    sql("DELETE FROM fee_payments WHERE fee_id = $w; DELETE FROM fees WHERE id = $w");
};

subtest 'the 13º in words, for a 13º receipt' => sub {
    my $t = add_fee($G, competencia => ($YEAR - 1) . "-12-01", kind => '13', description => '13º honorário',
                    due => "$YEAR-12-20", status => 'recebido', amount => 100000000, paid => 100000000,
                    paid_on => "$YEAR-12-01");
    my $r = $gama->get("/portal/honorarios/$t/recibo");
    reads($r, '(um milhão de reais)');
    reads($r, "referente a 13º honorário " . ($YEAR - 1));
    sql("DELETE FROM fee_payments WHERE fee_id = $t; DELETE FROM fees WHERE id = $t");
};

done_testing();
