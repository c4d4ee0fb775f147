#!/usr/bin/perl
# F-4, the mail server's outage (scripts/faults runs it on the faults stack, whose
# Mail.RetrySeconds is 1: the outbox's back-off 1, 2, 4 ... s compresses the hours of a
# real outage into seconds). Through the product's bulk sender (the registry's selection,
# "Atualizar cadastro", a worker job that queues one signed link per client), N messages
# are queued while the mail catcher answers 451 to every RCPT TO; one more client's
# address is refused for good (550). After the 451 period the catcher stores each message
# but holds its 250, and the worker (with its mail process) is killed (SIGKILL) while a
# message waits for that 250, then started again — KILLS times; then the replies flow.
#
# Checked, by SQL and the catcher's messages (by Message-ID): every message of the sending
# delivered (sent_at set, its Message-ID in the catcher), none lost; copies only with the
# same Message-ID, one per kill at most; the 550 message failed (failed_at, one attempt,
# never in the catcher) and the staff's sending page and the client's profile say
# "não entregue"; no message failed for the 451s.
#
# FAULTS_SHORT=1: 200 messages, 12 s of 451; otherwise 1,000, 120 s; one kill (F4_KILLS=N: N).
# F4_MESSAGES, F4_REFUSE_SECONDS, F4_KILLS override.
use strict;
use warnings;
use utf8;
use FindBin;
use lib "$FindBin::Bin/../http/lib";
use Portal::Test qw(:DEFAULT :cadastro);
use HTTP::Tiny;
use JSON::PP;
use Time::HiRes qw(time sleep);

$| = 1;
binmode STDOUT, ":encoding(UTF-8)";
my $ROOT = $ENV{ROOT} or die "run me through scripts/faults\n";
my $INSTANCE = $ENV{FAULTS_INSTANCE} // 'faults';
my $SHORT = ($ENV{FAULTS_SHORT} // '0') eq '1';
my $N = $ENV{F4_MESSAGES} // ($SHORT ? 200 : 1000);
my $REFUSE_S = $ENV{F4_REFUSE_SECONDS} // ($SHORT ? 12 : 120);
my $KILLS = $ENV{F4_KILLS} // 1;

my $MAIL = "http://127.0.0.1:$ENV{MAIL_PORT}/api";
my $http = HTTP::Tiny->new(timeout => 30);
sub api {
    my ($method, $path, $body) = @_;
    my $r = $http->request($method, "$MAIL/$path", defined $body
        ? { content => encode_json($body), headers => { 'Content-Type' => 'application/json' } } : {});
    die "catcher $method $path: $r->{status} $r->{content}\n" unless $r->{success};
    return decode_json($r->{content});
}
sub say_ { printf "[%6.1f] %s\n", time - $^T, join '', @_ }
sub run {
    my (@cmd) = @_;
    my $out = `@{[ join ' ', map { "'$_'" } @cmd ]} 2>&1`;
    print $out;
    die "failed (exit " . ($? >> 8) . "): @cmd\n" if $?;
    return $out;
}
sub wait_for {
    my ($what, $secs, $cond) = @_;
    my $until = time + $secs;
    while (time < $until) { my $v = $cond->(); return $v if $v; sleep 0.2 }
    die "timed out after ${secs}s waiting for $what\n";
}
END { eval { api('DELETE', 'control/refuse'); api('DELETE', 'control/hold') } }

# 1. An office of its own (portalctl office create, its admin given ana's password) with
#    N - 1 generated clients with an e-mail (portalctl seed-clients, as scripts/bench seeds;
#    the generator leaves some without one, and the e-mails of those past N - 1 are
#    cleared), and one more client, through the pages, whose address is refused for good.
my $SLUG = 'correio';
my $HOST = "$SLUG.localhost";
my $ADMIN = "admin\@$SLUG.com.br";
my $o = office_id($SLUG);
if (!$o) {
    run("$ENV{BUILD}/bin/portalctl", '-c', "$ENV{VAR}/portal.hdf", 'office', 'create', '--slug', $SLUG,
        '--name', 'Correio Contábil', '--admin', $ADMIN, '--admin-name', 'Otília Correia');
    $o = office_id($SLUG) or die "office $SLUG was not created\n";
    sql("UPDATE staff_users SET password_hash = (SELECT password_hash FROM"
        . " (SELECT password_hash FROM staff_users WHERE email = 'ana\@demo.com.br') x)"
        . " WHERE office_id = $o AND email = " . sql_quote($ADMIN));
}
my $with_email = "SELECT COUNT(*) FROM clients WHERE office_id = $o AND NOT trashed AND email <> ''";
for (my $i = 0; $i < 5 && sql_value($with_email) < $N - 1; $i++) {
    run("$ENV{BUILD}/bin/portalctl", '-c', "$ENV{VAR}/portal.hdf", 'seed-clients', $SLUG,
        int(($N - 1 - sql_value($with_email)) * 1.5) + 20, 4000 + $i);
}
my $extra = sql_value($with_email) - ($N - 1);
die "could not seed $N clients with an e-mail\n" if $extra < 0;
sql("UPDATE clients SET email = '' WHERE office_id = $o AND NOT trashed AND email <> '' ORDER BY id DESC LIMIT $extra")
    if $extra > 0;
my $tag = rand_tag();
my $REFUSED = "recusado.$tag\@exemplo.com.br";
my $ana = staff_login($ADMIN, host => $HOST);
my $bad = create_client($ana, nome => "Recusado $tag Ltda", documento => cnpj_random(), email => $REFUSED)
    or die "could not create the refused client\n";
die "the office has " . sql_value($with_email) . " clients with an e-mail, not $N\n" if sql_value($with_email) != $N;

api('DELETE', 'messages');
api('PUT', 'control/refuse', { code => 550, stage => 'rcpt', to => $REFUSED });
api('PUT', 'control/refuse', { code => 451, stage => 'rcpt' });   # until told
say_("catcher: 451 to every RCPT TO, 550 to $REFUSED");

# 2. The bulk sending, through the pages.
my $t_queue = time;
# All the office's clients (the list's "select all"): those without an e-mail are left out.
my $r = $ana->post('/clientes/lote', [ todos => 1, acao => 'atualizar', csrf => $ana->{csrf} ]);
my ($sel) = ($r->location // '') =~ m{^/clientes/atualizar\?selecao=(\d+)$} or die "no selection:\n" . dump_res($r);
$r = $ana->post('/clientes/atualizar', [ selecao => $sel, csrf => $ana->{csrf} ]);
my ($job) = ($r->location // '') =~ m{^/clientes/tarefas/(\d+)$} or die "no job:\n" . dump_res($r);
wait_for("job $job", 600, sub { sql_value("SELECT status FROM jobs WHERE id = $job") =~ /^(done|failed)$/ });
my $rows = "SELECT m.id FROM update_requests q JOIN outbox m ON m.id = q.outbox_id WHERE q.job_id = $job";
my $queued = sql_value("SELECT COUNT(*) FROM ($rows) t");
my $bad_mail = sql_value("SELECT m.id FROM update_requests q JOIN outbox m ON m.id = q.outbox_id"
    . " WHERE q.job_id = $job AND q.client_id = $bad");
say_(sprintf "job %d: %d messages queued in %.1f s", $job, $queued, time - $t_queue);
die "the sending queued $queued messages, not $N\n" unless $queued == $N && $bad_mail;

# 3. The outage goes on (the catcher keeps refusing) for REFUSE_S from the queueing.
my $left = $t_queue + $REFUSE_S - time;
sleep $left if $left > 0;
my ($tried, $max_att, $sent_during, $failed_during) = @{ (sql("SELECT SUM(attempts > 0), MAX(attempts),"
    . " SUM(sent_at IS NOT NULL), SUM(failed_at IS NOT NULL) FROM outbox WHERE id IN ($rows)"))[0] };
say_("after ${REFUSE_S}s of 451: $tried tried, at most $max_att attempts, $sent_during sent, $failed_during failed");
die "messages were sent while every RCPT was refused\n" if $sent_during;

# 4. The server takes each message but holds its 250; the worker dies waiting for it.
api('PUT', 'control/hold', { seconds => 600 });
api('DELETE', 'control/refuse');
api('PUT', 'control/refuse', { code => 550, stage => 'rcpt', to => $REFUSED });
my $t_up = time;
for my $k (1 .. $KILLS) {
    # The k-th reply held (those held before ended with their killed connections).
    wait_for("a held reply", 120, sub { my $c = api('GET', 'control'); $c->{held} >= 1 && $c->{holds} >= $k });
    my $stored = scalar @{ api('GET', 'messages') };
    say_("kill $k: a message stored, its 250 held ($stored stored); SIGKILL the worker and its mail process");
    run("$ROOT/scripts/stack", 'worker-kill', $INSTANCE);
    run("$ROOT/scripts/stack", 'worker-start', $INSTANCE);
    sleep 0.5;
}

# 5. The replies flow again; everything due goes out.
api('DELETE', 'control/hold');
say_('catcher: replies flow again');
wait_for("every message sent or failed", $SHORT ? 60 : 600, sub {
    sql_value("SELECT COUNT(*) FROM outbox WHERE id IN ($rows) AND sent_at IS NULL AND failed_at IS NULL") == 0 });
my $drain = time - $t_up;
sleep 3;   # a wrongly repeated message would arrive now

# 6. The invariant.
my %want;   # Message-ID's local part => outbox id, for the messages that must arrive
$want{ $_->[1] } = $_->[0] for sql("SELECT id, message_id FROM outbox WHERE id IN ($rows) AND id <> $bad_mail");
my %other = map { $_->[0] => 1 } sql("SELECT message_id FROM outbox WHERE id NOT IN ($rows) AND message_id <> ''");
my @msgs = @{ api('GET', 'messages') };
my (%got, @strange);
for my $m (@msgs) {
    my ($local) = ($m->{message_id} // '') =~ /^<([0-9a-f]{32})@[^>]+>$/;
    next if defined $local && $other{$local};   # mail of no concern here (the admin's invitation)
    if (!defined $local || !$want{$local}) { push @strange, $m->{message_id} // '(none)'; next }
    $got{$local}++;
}
my @lost = grep { !$got{$_} } sort keys %want;
my $dups = 0;
$dups += $_ - 1 for values %got;
my @bad_row = @{ (sql("SELECT sent_at IS NULL, failed_at IS NOT NULL, attempts, last_error FROM outbox WHERE id = $bad_mail"))[0] };
my $not_sent = sql_value("SELECT COUNT(*) FROM outbox WHERE id IN ($rows) AND id <> $bad_mail AND sent_at IS NULL");
my $failed_other = sql_value("SELECT COUNT(*) FROM outbox WHERE id IN ($rows) AND id <> $bad_mail AND failed_at IS NOT NULL");
my $to_bad = grep { grep { lc($_) eq lc($REFUSED) } @{ $_->{to} } } @msgs;
my @msgs_job = grep { my ($l) = ($_->{message_id} // '') =~ /^<([0-9a-f]{32})@/; !($l && $other{$l}) } @msgs;

# Staff see it: the sending's page (filtered by state) and the client's profile.
my $page = $ana->get("/clientes/tarefas/$job?estado=" . 'n%C3%A3o%20entregue');
my $on_job = $page->{status} == 200 && index($page->{text}, "Recusado $tag Ltda") >= 0
    && html_of($page) =~ /selo-erro">não entregue/;
my $profile = $ana->get("/clientes/$bad");
my $on_profile = $profile->{status} == 200 && index($profile->{text}, 'não entregue') >= 0;

my @why;
push @why, scalar(@lost) . " message(s) lost (not in the catcher): " . join(' ', map { "outbox $want{$_}" } @lost[0 .. ($#lost < 4 ? $#lost : 4)]) if @lost;
push @why, scalar(@strange) . " message(s) in the catcher with a Message-ID no outbox row has (a repeat with a new Message-ID?): @strange[0 .. ($#strange < 4 ? $#strange : 4)]" if @strange;
push @why, "$dups repeat(s) for $KILLS kill(s)" if $dups > $KILLS;
push @why, "no repeat after $KILLS kill(s) between DATA and 250: the fault was not injected" if $dups < 1;
push @why, "$not_sent message(s) not sent" if $not_sent;
push @why, "$failed_other message(s) marked failed by a 4xx" if $failed_other;
push @why, "the 550 message: sent_at NULL=$bad_row[0] failed=$bad_row[1] attempts=$bad_row[2] ($bad_row[3])"
    unless $bad_row[0] && $bad_row[1] && $bad_row[2] == 1;
push @why, "the 550 message reached the catcher" if $to_bad;
push @why, "the sending's page does not show the refused client as 'não entregue'" unless $on_job;
push @why, "the client's profile does not say 'não entregue'" unless $on_profile;

my $att = join ' ', map { $_->[0] } sql("SELECT attempts FROM outbox WHERE id IN ($rows) AND id <> $bad_mail ORDER BY attempts");
my @a = split ' ', $att;
print "FAULT-RUNS: $KILLS\n";
print "FAULT-INJECTED: $N messages queued by the bulk update-link sending while SMTP answered 451 for ${REFUSE_S}s "
    . "(back-off 1 s x 2^n), one address 550; worker SIGKILLed $KILLS time(s) between DATA and 250\n";
print "FAULT-CHECKED: outbox+catcher by Message-ID: every message delivered, none lost, repeats only with the same "
    . "Message-ID (<= kills); the 550 one failed after 1 attempt, 'não entregue' on the sending and the profile\n";
printf "FAULT-FIGURE: %d messages: %d delivered (%d copies in the catcher, %d repeat(s) after %d kill(s)); %d lost\n",
    $N - 1, scalar(keys %got), scalar(@msgs_job), $dups, $KILLS, scalar(@lost);
printf "FAULT-FIGURE: 451 for %ds: median %d attempts per message (max %d); drained in %.1f s after the server came back\n",
    $REFUSE_S, $a[$#a / 2] // 0, $a[-1] // 0, $drain;
if (@why) { print "FAIL: $_\n" for @why; exit 1 }
exit 0;
