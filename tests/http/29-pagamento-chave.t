#!/usr/bin/perl
# The payment form's idempotency key (issue 27, F-2): the fee page's payment form carries
# a random key (hidden field "chave"); the payment is recorded with it in the same
# transaction, unique in the office. The same form sent twice — a double click, or the
# retry of a request whose answer was lost after its commit — pays once, and the second
# answer is the first one's (303 to the same place). The client page's note form too.
use strict;
use warnings;
use utf8;

use lib 'tests/http/lib';
use Portal::Test qw(:DEFAULT :cadastro);
use Test::More;
use POSIX ();

my $OFFICE = office_id('demo');
my $tag = rand_tag('chave');
my $ana = staff_login('ana@demo.com.br');
my $client = create_client($ana, nome => "Pagamento $tag Ltda", tipo => 'PJ', documento => cnpj_random());
ok($client, 'a client') or BAIL_OUT('no client');

my @fees;
sub new_fee {
    my ($amount) = @_;
    sql("INSERT INTO fees (office_id, client_id, plan_id, competencia, kind, description, amount, paid,"
        . " due_date, status, paid_on, cancel_reason, created_at, updated_at) VALUES ($OFFICE, $client, 0,"
        . " '2026-0" . (@fees + 1) . "-01', 'mensal', 'Honorários contábeis', $amount, 0, '2026-01-10',"
        . " 'aberto', NULL, '', UTC_TIMESTAMP(6), UTC_TIMESTAMP(6));"
        . " UPDATE client_counts SET fee_version = fee_version + 1 WHERE office_id = $OFFICE");
    my $id = sql_value("SELECT MAX(id) FROM fees WHERE client_id = $client");
    push @fees, $id;
    return $id;
}
END {
    if (@fees) {
        my $in = join ',', @fees;
        sql("DELETE FROM fee_payments WHERE fee_id IN ($in); DELETE FROM fees WHERE id IN ($in);"
            . " UPDATE client_counts SET fee_version = fee_version + 1 WHERE office_id = $OFFICE");
    }
    purge_clients($client) if $client;
}

sub payment_form {
    my ($fee, %set) = @_;
    my $page = $ana->get("/honorarios/$fee");
    my $f = form_fields($page, "/honorarios/$fee/pagamento") or return undef;
    return pairs_set($f, %set);
}
sub paid_of { sql_value("SELECT paid FROM fees WHERE id = $_[0]") }
sub payments_of { sql_value("SELECT COUNT(*) FROM fee_payments WHERE fee_id = $_[0]") }

my $fee = new_fee(45000);

subtest 'the form carries a fresh key each time it is shown' => sub {
    my $a = payment_form($fee);
    my $b = payment_form($fee);
    like(pairs_get($a, 'chave') // '', qr/^[0-9a-f]{64}$/, 'a 64-hex key');
    isnt(pairs_get($a, 'chave'), pairs_get($b, 'chave'), 'another one at the next showing');
};

subtest 'a partial payment sent twice is paid once, both answers the same' => sub {
    my $f = payment_form($fee, valor => '100,00', forma => 'pix');
    my $r1 = $ana->post("/honorarios/$fee/pagamento", $f);
    status_is($r1, 303, 'the first: 303');
    location_is($r1, "/honorarios/$fee?aviso=pago");
    my $r2 = $ana->post("/honorarios/$fee/pagamento", $f);
    status_is($r2, 303, 'the same form again: 303, not a refusal');
    location_is($r2, "/honorarios/$fee?aviso=pago");
    is(paid_of($fee), 10000, 'R$ 100,00 paid, not R$ 200,00');
    is(payments_of($fee), 1, 'one payment row');
    is(sql_value("SELECT COUNT(*) FROM audit_events WHERE entity = 'fee' AND entity_id = $fee AND action = 'pay'"),
        1, 'one audit event');
};

subtest 'the settling payment sent twice: once, both answers "quitado"' => sub {
    my $f = payment_form($fee, valor => '350,00', forma => 'boleto');
    my $r1 = $ana->post("/honorarios/$fee/pagamento", $f);
    status_is($r1, 303, 'the first: 303');
    location_is($r1, "/honorarios/$fee?aviso=quitado");
    my $r2 = $ana->post("/honorarios/$fee/pagamento", $f);
    status_is($r2, 303, 'again: 303');
    location_is($r2, "/honorarios/$fee?aviso=quitado");
    is(paid_of($fee), 45000, 'settled');
    is(payments_of($fee), 2, 'two payments in all');
    is(sql_value("SELECT status FROM fees WHERE id = $fee"), 'recebido', 'recebido');
};

subtest 'the same form sent at once by two connections: paid once' => sub {
    my $other = new_fee(20000);
    my $f = payment_form($other, valor => '50,00', forma => 'pix');
    my @pids;
    for my $i (1 .. 4) {
        my $pid = fork() // die "fork: $!";
        if (!$pid) {
            my $r = $ana->post("/honorarios/$other/pagamento", $f);
            # _exit: the END blocks (which delete the test's rows) are the parent's.
            POSIX::_exit($r->{status} == 303 && ($r->location // '') eq "/honorarios/$other?aviso=pago" ? 0 : 1);
        }
        push @pids, $pid;
    }
    my $bad = 0;
    for (@pids) { waitpid($_, 0); $bad++ if $? }
    is($bad, 0, 'all four answered 303 to the same place');
    is(paid_of($other), 5000, 'R$ 50,00 paid once');
    is(payments_of($other), 1, 'one payment row');
};

subtest 'a key is per form: two forms pay twice; a broken key is refused' => sub {
    my $third = new_fee(30000);
    status_is($ana->post("/honorarios/$third/pagamento", payment_form($third, valor => '10,00')), 303, 'one form');
    status_is($ana->post("/honorarios/$third/pagamento", payment_form($third, valor => '10,00')), 303, 'another');
    is(paid_of($third), 2000, 'both paid');
    my $r = $ana->post("/honorarios/$third/pagamento", payment_form($third, valor => '10,00', chave => 'xyz'));
    status_is($r, 400, 'a key that is not one of ours: 400');
    text_has($r, 'recarregue a página', 'saying what to do');
    is(paid_of($third), 2000, 'nothing paid');
    # Without a key (an old page): the version still refuses the same form twice.
    my $f = payment_form($third, valor => '10,00', chave => undef);
    status_is($ana->post("/honorarios/$third/pagamento", $f), 303, 'a form without a key pays');
    status_is($ana->post("/honorarios/$third/pagamento", $f), 409, 'sent again: refused by its version');
    is(paid_of($third), 3000, 'once');
};

subtest "a client's note sent twice is written once" => sub {
    my $page = $ana->get("/clientes/$client");
    my $f = form_fields($page, "/clientes/$client/notas") or return fail('no note form');
    like(pairs_get($f, 'chave') // '', qr/^[0-9a-f]{64}$/, 'the note form carries a key');
    $f = pairs_set($f, texto => "Nota $tag uma vez");
    my $r1 = $ana->post("/clientes/$client/notas", $f);
    status_is($r1, 303, 'the first: 303');
    my $r2 = $ana->post("/clientes/$client/notas", $f);
    status_is($r2, 303, 'the same form again: 303');
    is($r2->location, $r1->location, 'to the same place');
    is(sql_value("SELECT COUNT(*) FROM client_notes WHERE client_id = $client AND body = 'Nota $tag uma vez'"),
        1, 'one note');
    my $g = form_fields($ana->get("/clientes/$client"), "/clientes/$client/notas");
    status_is($ana->post("/clientes/$client/notas", pairs_set($g, texto => "Nota $tag uma vez")), 303,
        'the same text from a new form');
    is(sql_value("SELECT COUNT(*) FROM client_notes WHERE client_id = $client AND body = 'Nota $tag uma vez'"),
        2, 'is another note');
};

done_testing;
