#!/usr/bin/perl
# Two admins changing each other's role at the same moment (issue 26 #18): the rows were
# locked in opposite orders and one request got HTTP 500 (1213 deadlock). Repeated many
# times, each pair of requests sent at once from two processes: never a 500, and the
# office always keeps an active admin.
use strict;
use warnings;
use utf8;
use Test::More;
use Time::HiRes qw(time sleep);
use Portal::Test qw(:DEFAULT :cadastro);

my $BUILD = $ENV{BUILD} || 'build/release';
my $SLUG = 'conc' . $$ . int(rand(1000));
my $HOST = "$SLUG.localhost";
my $ANA = "ana\@$SLUG.com.br";
my $BIA = "bia\@$SLUG.com.br";
my $CAIO = "caio\@$SLUG.com.br";

system("$ROOT/$BUILD/bin/portalctl", '-c', "$ROOT/var/test/portal.hdf", 'office', 'create',
    '--slug', $SLUG, '--name', 'Concorrência Contábil', '--admin', $ANA) == 0
    or BAIL_OUT('portalctl office create failed');
my $office = sql_value("SELECT id FROM offices WHERE slug = '$SLUG'");
# Two more admins; all three with the demo password (its hash copied from demo's ana).
my $hash = sql_quote(sql_value("SELECT password_hash FROM staff_users WHERE email = 'ana\@demo.com.br'"));
sql("UPDATE staff_users SET password_hash = $hash WHERE office_id = $office;"
    . " INSERT INTO staff_users (office_id, name, email, password_hash, role) VALUES"
    . " ($office, 'Bia Admin', '$BIA', $hash, 'admin'), ($office, 'Caio Admin', '$CAIO', $hash, 'admin')");
my %id = map { $_->[1] => $_->[0] } sql("SELECT id, email FROM staff_users WHERE office_id = $office");
clean_login_attempts();

my $a = staff_login($ANA, host => $HOST);
my $b = staff_login($BIA, host => $HOST);
status_is($a->get('/equipe'), 200, 'the first admin sees the team');
status_is($b->get('/equipe'), 200, 'the second too');

# Each process posts its change at the instant `at`; returns the HTTP status through a pipe.
sub at_once {
    my ($at, @jobs) = @_;
    my @kids;
    for my $job (@jobs) {
        my ($c, $path, $fields) = @$job;
        pipe(my $rd, my $wr) or die "pipe: $!";
        my $pid = fork() // die "fork: $!";
        if (!$pid) {
            close $rd;
            # A kept-alive connection (TLS done), then a spin to the instant: the two
            # requests leave within microseconds of each other.
            $c->{http}{keep_alive} = 1;
            $c->get('/equipe');
            1 while time < $at;
            my $r = $c->post($path, [@$fields, csrf => $c->{csrf}]);
            print $wr $r->{status}, "\n";
            close $wr;
            exec('true') or exit 0;   # no END blocks of Test::More in the child
        }
        close $wr;
        push @kids, [$pid, $rd];
    }
    my @status;
    for my $k (@kids) {
        my $fh = $k->[1];
        my $s = <$fh> // 'none';
        chomp $s;
        push @status, $s;
        waitpid($k->[0], 0);
    }
    return @status;
}

my $ROUNDS = 60;
my (%seen, $bad, $no_admin) = ();
for my $round (1 .. $ROUNDS) {
    sql("UPDATE staff_users SET role = 'admin' WHERE office_id = $office");
    # The csrf token of each session (the session is kept; the role back to admin).
    $a->{csrf} = csrf_of($a->get("/equipe/$id{$BIA}")) // '';
    $b->{csrf} = csrf_of($b->get("/equipe/$id{$ANA}")) // '';
    my @s = at_once(time + 0.3,
        [$a, "/equipe/$id{$BIA}/papel", [papel => 'staff']],
        [$b, "/equipe/$id{$ANA}/papel", [papel => 'staff']]);
    $seen{$_}++ for @s;
    $bad++ if grep { !/^(303|403)$/ } @s;
    $no_admin++ unless sql_value("SELECT COUNT(*) FROM staff_users WHERE office_id = $office AND role = 'admin' AND active");
}
ok(!$bad, "$ROUNDS pairs of simultaneous role changes: no error status")
    or diag('statuses: ' . join(', ', map {"$_ x$seen{$_}"} sort keys %seen));
ok(!$seen{500}, '... never a 500');
ok(!$no_admin, '... and the office always kept an active admin');
ok($seen{303}, '... the changes went through (' . join(', ', map {"$_ x$seen{$_}"} sort keys %seen) . ')');
is(sql_value("SELECT COUNT(*) FROM audit_events WHERE office_id = $office AND action = 'role_change'"),
    $seen{303} // 0, 'each change that went through is audited once (a retried transaction writes once)');

# The same race when both would leave the office without admin: demote Caio first, then
# each of the two remaining admins demotes the other at once: one wins, the other is told
# it would leave the office without an admin.
my $both_refused = 0;
for my $round (1 .. 10) {
    sql("UPDATE staff_users SET role = 'admin' WHERE office_id = $office;"
        . " UPDATE staff_users SET role = 'staff' WHERE id = $id{$CAIO}");
    $a->{csrf} = csrf_of($a->get("/equipe/$id{$BIA}")) // '';
    $b->{csrf} = csrf_of($b->get("/equipe/$id{$ANA}")) // '';
    my @s = at_once(time + 0.3,
        [$a, "/equipe/$id{$BIA}/papel", [papel => 'staff']],
        [$b, "/equipe/$id{$ANA}/papel", [papel => 'staff']]);
    $seen{"last-$_"}++ for @s;
    $no_admin++ unless sql_value("SELECT COUNT(*) FROM staff_users WHERE office_id = $office AND role = 'admin' AND active");
}
ok(!$seen{'last-500'}, 'two last admins demoting each other at once: never a 500');
ok(!$no_admin, '... and one of them stays admin');

# The retry itself (lib/base/db.c db_transaction): another transaction (this test's own
# database session, made heavier with rows it inserts, so that InnoDB picks the request
# as the deadlock's victim) holds Bia's row, and asks for Ana's once the request holds it
# and waits for Bia's: a real 1213 in the request, which runs its transaction once more
# and succeeds when the other one ends.
{
    sql("UPDATE staff_users SET role = 'admin' WHERE office_id = $office");
    $a->{csrf} = csrf_of($a->get("/equipe/$id{$CAIO}")) // '';
    my $log = "$ROOT/var/test/log/error.log";
    my $audits = sql_value("SELECT COUNT(*) FROM audit_events WHERE office_id = $office AND action = 'role_change' AND entity_id = $id{$CAIO}");
    my $before = -s $log // 0;
    my $script = "START TRANSACTION;\n"
        . join('', map { "INSERT INTO login_attempts (office_id, login, address, success, at) VALUES ($office, 'peso$_', 'deadlock', FALSE, UTC_TIMESTAMP(6));\n" } 1 .. 200)
        . "SELECT id FROM staff_users WHERE id = $id{$BIA} FOR UPDATE;\n"
        . "SELECT SLEEP(1.5);\n"
        . "SELECT id FROM staff_users WHERE id = $id{$ANA} FOR UPDATE;\n"
        . "SELECT SLEEP(1);\nROLLBACK;\n";
    my $pid = open(my $m, '|-') // die "fork: $!";
    if (!$pid) {
        open(STDOUT, '>', '/dev/null');
        exec('mariadb', "--defaults-file=$ROOT/var/test/my.cnf", '--force', 'portal') or exit 127;
    }
    print $m $script;
    $m->flush;
    sleep(0.8);   # the other session holds Bia's row and waits
    my $r = $a->post("/equipe/$id{$CAIO}/papel", [papel => 'staff', csrf => $a->{csrf}]);
    close $m;
    status_is($r, 303, 'a request that lost a deadlock: its transaction ran again and went through');
    is(sql_value("SELECT role FROM staff_users WHERE id = $id{$CAIO}"), 'staff', '... the change is made');
    is(sql_value("SELECT COUNT(*) FROM audit_events WHERE office_id = $office AND action = 'role_change' AND entity_id = $id{$CAIO}"),
        $audits + 1, '... audited once');
    open(my $fh, '<', $log) or die "$log: $!";
    seek($fh, $before, 0);
    my $new = do { local $/; <$fh> } // '';
    like($new, qr/1213 Deadlock/, '... the deadlock happened (the log)');
    like($new, qr/lost to another one \(1213\): run again/, '... and the transaction ran again');
}

sql("UPDATE offices SET active = FALSE WHERE id = $office");
done_testing();
