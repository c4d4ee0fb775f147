#!/usr/bin/perl
# The outbox: a mail server that is down loses nothing, and a message goes out once.
use strict;
use warnings;
use utf8;
use Test::More;
use Time::HiRes qw(sleep time);
use Portal::Test;

my $ANA = 'ana@demo.com.br';

clean_login_attempts();
# The catcher always comes back, whatever happens here.
END {
    my $rc = $?;
    stack('smtp-start');
    eval { clean_login_attempts() };
    $? = $rc;
}

my $seen = mail_ids($ANA);
my $max_id = sql_value('SELECT COALESCE(MAX(id), 0) FROM outbox');

ok(stack('smtp-stop'), 'mail catcher stopped');

my $c = Portal::Test::Client->new;
my $r = $c->submit('/senha', '/senha', [email => $ANA]);
status_is($r, 200, "POST /senha for $ANA with the mail server down: 200");
text_has($r, 'Se o e-mail estiver cadastrado', '... the usual text');

my @rows = sql("SELECT id, sent_at, attempts FROM outbox WHERE id > $max_id AND to_address = '$ANA' ORDER BY id");
is(scalar @rows, 1, 'one outbox row for ana was written') or diag explain \@rows;
my $id = @rows ? $rows[0][0] : 0;
ok(@rows && !defined $rows[0][1], 'sent_at is NULL');

# The worker tries, fails and notes it.
my ($attempts, $err, $sent);
my $until = time + 10;
while (time < $until) {
    ($attempts, $err, $sent) = @{ (sql("SELECT attempts, last_error, sent_at FROM outbox WHERE id = $id"))[0] || [] };
    last if ($attempts // 0) >= 1 && defined $err && length $err;
    sleep 0.2;
}
cmp_ok($attempts // 0, '>=', 1, 'after a couple of seconds: attempts >= 1');
ok(defined $err && length $err, 'last_error is filled') and note "last_error: $err";
ok(!defined $sent, 'still not sent');
unlike($err // '', qr/Contabil#Demo2026/, 'last_error has no secret in it');

ok(stack('smtp-start'), 'mail catcher started again');
my $t0 = time;
my $m = mail_wait($ANA, $seen, 40);
ok($m, 'the message arrives once the server is back') or diag "outbox row: "
    . join(',', map { $_ // 'NULL' } @{ (sql("SELECT attempts, next_attempt_at, sent_at, last_error FROM outbox WHERE id = $id"))[0] || [] });
note sprintf 'arrived %.1f s after the catcher came back', time - $t0 if $m;
like($m->{subject} // '', qr/^Redefinição de senha/, 'it is the reset mail') if $m;

# No second copy: give the worker time to (wrongly) send it again.
sleep 4;
my @new = grep { !$seen->{ $_->{id} } } mail_list($ANA);
is(scalar @new, 1, 'exactly one message to ana arrived')
    or diag join "\n", map {"$_->{id} $_->{subject}"} @new;
my $sent_at = sql_value("SELECT sent_at FROM outbox WHERE id = $id");
ok(defined $sent_at, 'the outbox row has sent_at set') and note "sent_at: $sent_at";

done_testing();
