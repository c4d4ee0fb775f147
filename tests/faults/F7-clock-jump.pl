#!/usr/bin/perl
# F-7 (the worker's part), clock jumps: the worker runs under libfaketime (scripts/stack
# worker-start with WORKER_FAKETIME: its wall clock is moved by writing an offset into a
# file, its monotonic clock stays real, as with an NTP step). Its time-scheduled work, the
# sweep of what expired (Worker.SweepSeconds, set to 2 s for this run), is watched over a
# window at the real time, then with the clock set forward an hour, then back two (an hour
# before the real time). Every 0.25 s an expired row is written (link_rate, a slot two
# hours old by MariaDB's clock), so each sweep logs what it deleted.
#
# Checked, per window: the sweeps ran neither more often than once per SweepSeconds (the
# worker log's "sweep:" lines, at most window/every + 1) nor stopped (at least
# window/every - 1), and by SQL no expired row is left older than every + 2 s (the slots
# are whole seconds).
# The other scheduled work of the worker (fee generations, imports, bulk jobs) is claimed
# by row status (SELECT ... FOR UPDATE SKIP LOCKED), never by the clock; there are no
# timed reminders. MariaDB keeps the real clock: every expiry is decided there
# (UTC_TIMESTAMP(6)), not in the programs.
#
# FAULTS_SHORT=1: 8 s windows; otherwise 30 s.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/../http/lib";
use Portal::Test;
use Time::HiRes qw(time sleep);
use File::Copy qw(copy);

$| = 1;
my $ROOT = $ENV{ROOT} or die "run me through scripts/faults\n";
my $INSTANCE = $ENV{FAULTS_INSTANCE} // 'faults';
my $VAR = $ENV{VAR};
my $SHORT = ($ENV{FAULTS_SHORT} // '0') eq '1';
my $WINDOW = $ENV{F7_WINDOW} // ($SHORT ? 8 : 30);
my $EVERY = 2;

my $hdf = "$VAR/worker.hdf";
my $clock = "$VAR/run/f7-faketime";
my $log = "$VAR/log/error.log";   # the worker's log_error lines

sub run {
    my (@cmd) = @_;
    my $out = `@{[ join ' ', map { "'$_'" } @cmd ]} 2>&1`;
    print $out;
    die "failed (exit " . ($? >> 8) . "): @cmd\n" if $?;
}
sub set_clock { open(my $f, '>', "$clock.tmp") or die; print $f "$_[0]\n"; close $f; rename("$clock.tmp", $clock) or die }
sub sweeps_logged { open(my $f, '<', $log) or die "$log: $!\n"; my $n = grep { /sweep: \d+ expired rows deleted/ } <$f>; return $n }

copy($hdf, "$hdf.f7") or die "$hdf: $!\n";
END {
    my $rc = $?;
    if (-e "$hdf.f7") {
        rename("$hdf.f7", $hdf);
        system("$ROOT/scripts/stack", 'worker-kill', $INSTANCE);
        system("$ROOT/scripts/stack", 'worker-start', $INSTANCE);
    }
    unlink $clock;
    $? = $rc;
}
open(my $h, '>>', $hdf) or die;
print $h "\n# fault F-7\nWorker.SweepSeconds = $EVERY\n";
close $h;
set_clock('+0');
run("$ROOT/scripts/stack", 'worker-kill', $INSTANCE);
{
    local $ENV{WORKER_FAKETIME} = $clock;
    run("$ROOT/scripts/stack", 'worker-start', $INSTANCE);
}
sleep 1;
# The program's pid (worker.proc; worker.pid is its supervising loop's).
my $pid = do { open(my $f, '<', "$VAR/run/worker.proc") or die "$VAR/run/worker.proc: $!\n"; local $/; <$f> };
chomp $pid;
open(my $env, '<', "/proc/$pid/environ") or die "worker $pid: $!\n";
my $environ = do { local $/; <$env> };
die "the worker does not run under libfaketime\n" unless $environ =~ /LD_PRELOAD=[^\0]*libfaketime/;

sql("DELETE FROM link_rate WHERE address LIKE 'f7-%'");
my (@why, @fig);
my $n = 0;
for my $w (['real time', '+0'], ['set forward 1 h', '+1h'], ['set back 1 h (2 h back)', '-1h']) {
    my ($name, $offset) = @$w;
    set_clock($offset);
    sleep 0.5;
    my $before = sweeps_logged();
    my $oldest = 0;
    my $end = time + $WINDOW;
    while (time < $end) {
        $n++;
        sql("INSERT INTO link_rate (address, slot, hits) VALUES ('f7-$n', UNIX_TIMESTAMP() - 7200, 1)");
        my $age = sql_value("SELECT COALESCE(MAX(TIMESTAMPDIFF(MICROSECOND, FROM_UNIXTIME(slot + 7200), NOW(6))), 0)"
            . " FROM link_rate WHERE address LIKE 'f7-%'") / 1e6;
        $oldest = $age if $age > $oldest;
        sleep 0.25;
    }
    my $runs = sweeps_logged() - $before;
    my ($lo, $hi) = (int($WINDOW / $EVERY) - 1, int($WINDOW / $EVERY) + 1);
    push @fig, sprintf("%s: %d sweeps in %d s (expected %d..%d), oldest expired row %.1f s", $name, $runs, $WINDOW, $lo, $hi, $oldest);
    print "$fig[-1]\n";
    push @why, "$name: $runs sweeps in ${WINDOW}s, expected $lo..$hi" if $runs < $lo || $runs > $hi;
    push @why, sprintf("%s: an expired row waited %.1f s (sweep every %d s)", $name, $oldest, $EVERY) if $oldest > $EVERY + 2;
}
sql("DELETE FROM link_rate WHERE address LIKE 'f7-%'");

print "FAULT-RUNS: 2\n";
print "FAULT-INJECTED: the worker's wall clock (libfaketime) set forward 1 h, then back 2 h, sweeping every ${EVERY}s\n";
print "FAULT-CHECKED: sweeps per ${WINDOW}s window (worker log) neither doubled nor stopped; "
    . "by SQL no expired row older than every + 2 s\n";
print "FAULT-FIGURE: $_\n" for @fig;
if (@why) { print "FAIL: $_\n" for @why; exit 1 }
exit 0;
