#!/usr/bin/perl
# A message the mail server refuses for good (issue 27, F-4): a permanent 5xx ends the
# retries (outbox.failed_at) and staff see it on the client's profile, beside the portal
# access it carried; a 4xx is tried again and shown as waiting. Every attempt at one
# message carries the Message-ID stored with it (outbox.message_id). The refusals are
# the mail catcher's fault controls (scripts/mailcatcher.py, /api/control).
use strict;
use warnings;
use utf8;

use lib 'tests/http/lib';
use Portal::Test qw(:DEFAULT :cadastro);
use Test::More;
use HTTP::Tiny;
use JSON::PP;
use Time::HiRes qw(sleep time);

(my $CONTROL = $Portal::Test::MAIL_API) =~ s{/messages$}{/control};
my $http = HTTP::Tiny->new(timeout => 10);

sub control {
    my ($method, $what, $body) = @_;
    my $r = $http->request($method, "$CONTROL/$what",
        { content => encode_json($body // {}), headers => { 'Content-Type' => 'application/json' } });
    die "catcher control $method $what: $r->{status} $r->{content}\n" unless $r->{success};
    return decode_json($r->{content});
}
END { eval { control('DELETE', 'refuse') } }

my $tag = rand_tag();
my $REFUSED = "recusado.$tag\@exemplo.com.br";
my $LATER = "depois.$tag\@exemplo.com.br";
my $ana = staff_login('ana@demo.com.br');

control('PUT', 'refuse', { code => 550, stage => 'rcpt', to => $REFUSED });
control('PUT', 'refuse', { code => 451, stage => 'rcpt', to => $LATER });

sub grant {
    my ($client, $email) = @_;
    my $r = $ana->post("/clientes/$client/portal",
        [ nome => "Contato $tag", email => $email, enviar => 1, csrf => $ana->{csrf} ]);
    is($r->{status}, 303, "access e-mail for $email queued");
    return sql_value("SELECT t.outbox_id FROM portal_tokens t JOIN portal_users u ON u.id = t.user_id"
        . " WHERE u.email = " . sql_quote($email) . " ORDER BY t.created_at DESC LIMIT 1");
}

sub row {
    my ($id) = @_;
    my @r = sql("SELECT attempts, sent_at, failed_at, last_error, message_id FROM outbox WHERE id = $id");
    return $r[0] || [];
}

my $A = create_client($ana, nome => "Recusado $tag Ltda", documento => cnpj_random(), email => $REFUSED);
my $B = create_client($ana, nome => "Depois $tag Ltda", documento => cnpj_random(), email => $LATER);
my $ma = grant($A, $REFUSED);
my $mb = grant($B, $LATER);
ok($ma && $mb, 'both messages are in the outbox') or BAIL_OUT('no outbox rows');
like(row($ma)->[4], qr/^[0-9a-f]{32}$/, 'the message has its Message-ID from the start');

# The worker (MAIL_RETRY_SECONDS=1 on the test stacks) tries both: the 550 once, the 451 again and again.
my $until = time + 20;
sleep 0.2 while time < $until && (!defined row($ma)->[2] || (row($mb)->[0] // 0) < 2);
my ($attempts, $sent, $failed, $err) = @{ row($ma) };
ok(defined $failed, '550: the message is marked failed') or diag explain row($ma);
is($attempts, 1, '... after one attempt');
ok(!defined $sent, '... and not sent');
like($err // '', qr/SMTP 550/, '... the reason is kept');
my $b = row($mb);
cmp_ok($b->[0], '>=', 2, '451: tried again');
ok(!defined $b->[2], '... and not marked failed');

sleep 2.5;
is(row($ma)->[0], 1, 'the failed message is not tried again');

my $p = $ana->get("/clientes/$A");
status_is($p, 200);
text_has($p, 'não entregue');
text_has($p, 'O servidor de e-mail recusou a mensagem');
text_has($p, 'SMTP 550');
like(html_of($p), qr{<span class="selo-erro">não entregue</span>}, 'marked as an error');
my $q = $ana->get("/clientes/$B");
text_has($q, 'aguardando entrega');
text_lacks($q, 'não entregue');

# The 4xx ends: the message goes out, with its stored Message-ID.
my $seen = mail_ids($LATER);
control('DELETE', 'refuse');
my $m = mail_wait($LATER, $seen, 40);
ok($m, 'the deferred message arrives once the server accepts it') or diag explain row($mb);
like($m->{message_id} // '', qr/^<\Q$b->[4]\E@[^>]+>$/, 'with the Message-ID stored at enqueue') if $m;
ok(!grep({ lc($_) eq lc($REFUSED) } map { @{ $_->{to} } } mail_list($REFUSED)), 'the refused one never arrives');
text_has($ana->get("/clientes/$B"), 'entregue em');

sql("DELETE FROM portal_users WHERE client_id IN ($A, $B)");
done_testing;
