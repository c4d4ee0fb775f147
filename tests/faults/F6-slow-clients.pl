#!/usr/bin/perl
# F-6, slow clients (scripts/faults runs it on the faults stack): slowhttptest (Debian)
# holds 1,000 connections that send their request slowly, first slowloris (-H: the header
# a line every few seconds, never finished), then slow body (-B: a POST declaring a large
# body sent a few bytes at a time), each for 60 s (short form: 15 s each). slowhttptest
# gives up when the server has closed every connection, so it is started again until the
# time is over. Meanwhile a prober GETs the login page over HTTPS once a second, each
# time on a new connection as a new visitor would.
#
# Checked: at least 99% of the probes get the login page (200 with its form) within 5 s;
# the attack really held its connections (slowhttptest's own count of connected sockets,
# at least 500 at a time: an attack that could not connect proves nothing); the stack
# serves afterwards. The timeouts and limits that make it hold are in the web servers'
# files (conf/nginx-site.conf, conf/nginx-local.conf, conf/apache-site.conf,
# conf/apache-local.conf) and the README ("Slow clients").
use strict;
use warnings;
use utf8;
use FindBin;
use lib "$FindBin::Bin/../http/lib";
use Portal::Test;
use POSIX qw(WNOHANG);
use Time::HiRes qw(time sleep);

$| = 1;
binmode STDOUT, ':encoding(UTF-8)';
my $VAR = $ENV{VAR} or die "run me through scripts/faults\n";
my $PORT = $ENV{HTTPS_PORT};
my $SHORT = ($ENV{FAULTS_SHORT} // '0') eq '1';
my $SECONDS = $SHORT ? 15 : 60;
my $CONNECTIONS = 1000;
my $MIN_HELD = 500;
my $PROBE_TIMEOUT = 5;
my $TMP = "$VAR/tmp/f6";
system('rm', '-rf', $TMP);
mkdir $TMP or die "$TMP: $!\n";
my $web = $ENV{WEB} // 'nginx';

# 1,000 sockets and then some: the limit of open files of this process and slowhttptest.
my $nofile = `sh -c 'ulimit -n'` + 0;
die "ulimit -n is $nofile: slowhttptest needs more than $CONNECTIONS descriptors\n" if $nofile < $CONNECTIONS + 100;

my %attack = (
    slowloris => [ '-H', '-i', 5, '-x', 24, '-u', "https://localhost:$PORT/entrar" ],
    'slow body' => [ '-B', '-i', 5, '-s', 65536, '-x', 10, '-t', 'POST', '-u', "https://localhost:$PORT/entrar" ],
);

my $probe = Portal::Test::Client->new(timeout => $PROBE_TIMEOUT);

# slowhttptest again and again until the time is over; its CSV (-g) gives, each second,
# the sockets connected. Returns the highest count and how many times it was started.
sub attack {
    my ($name, $deadline) = @_;
    my ($max, $rounds) = (0, 0);
    (my $file = $name) =~ s/\W+/_/g;
    while (time < $deadline - 2) {
        $rounds++;
        my $left = int($deadline - time);
        my $out = "$TMP/$file.$rounds";
        my $rc = system("slowhttptest @{ $attack{$name} } -c $CONNECTIONS -r 200 -l $left -p 3 -g -o '$out' "
            . ">'$out.log' 2>&1");
        die "slowhttptest failed (exit " . ($rc >> 8) . "): " . `tail -n 20 '$out.log'` if $rc && !-s "$out.csv";
        if (open(my $csv, '<', "$out.csv")) {
            <$csv>;    # seconds,closed,pending,connected,service available
            while (<$csv>) {
                my @f = split /,/;
                $max = $f[3] if defined $f[3] && $f[3] =~ /^\d+$/ && $f[3] > $max;
            }
        }
    }
    return ($max, $rounds);
}

my (@lines, @bad, $probes_total, $ok_total);
for my $name ('slowloris', 'slow body') {
    my $t0 = time;
    my $deadline = $t0 + $SECONDS;
    pipe(my $r, my $w) or die "pipe: $!\n";
    my $pid = fork() // die "fork: $!\n";
    if (!$pid) {
        close $r;
        my @res = attack($name, $deadline);
        print $w "@res\n";
        close $w;
        POSIX::_exit(0);
    }
    close $w;
    # The probes, once a second from the second second (the attack under way).
    my ($n, $ok, @lat, %st) = (0, 0);
    for (my $i = 1; $t0 + $i < $deadline; $i++) {
        my $wait = $t0 + $i - time;
        sleep $wait if $wait > 0;
        my $s = time;
        my $res = $probe->get('/entrar');
        my $d = time - $s;
        $n++;
        $st{ $res->{status} }++;
        my $good = $res->{status} == 200 && has_form($res, '/entrar') && $d <= $PROBE_TIMEOUT;
        $ok++ if $good;
        push @lat, $d;
        printf "%s probe %d: %d in %.3f s%s\n", $name, $n, $res->{status}, $d,
            $good ? '' : " — FAILED" . ($res->{status} == 599 ? ": $res->{content}" : '');
    }
    waitpid($pid, 0);
    my $got = <$r> // '';
    my ($held, $rounds) = split ' ', $got;
    die "the $name attack did not report\n" unless defined $rounds;
    my @s = sort { $a <=> $b } @lat;
    my $p99 = $s[ int(0.99 * $#s + 0.5) ];
    my $share = $n ? 100 * $ok / $n : 0;
    push @lines, sprintf('%s (%d connections, %d s, slowhttptest started %d time(s), at most %d connected at once): '
        . 'login page %d of %d probes (%.1f%%), p99 %.3f s, max %.3f s; statuses %s',
        $name, $CONNECTIONS, $SECONDS, $rounds, $held, $ok, $n, $share, $p99, $s[-1],
        join(' ', map {"$_:$st{$_}"} sort keys %st));
    push @bad, sprintf('%s: %.1f%% of the probes succeeded (at least 99%%)', $name, $share) if $share < 99;
    push @bad, "$name: slowhttptest held at most $held connections (at least $MIN_HELD): the attack did not happen"
        if $held < $MIN_HELD;
    $probes_total += $n;
    $ok_total += $ok;
}

my $after = $probe->get('/entrar');
push @bad, "after the attacks: GET /entrar answered $after->{status}" unless $after->{status} == 200;

print "$_\n" for @lines;
print "PROBLEM: $_\n" for @bad;
print "FAULT-RUNS: 2\n";
printf "FAULT-INJECTED: slowhttptest slowloris (-H) then slow body (-B), %d connections, %d s each, on %s\n",
    $CONNECTIONS, $SECONDS, $web;
print "FAULT-CHECKED: a login-page probe once a second over HTTPS: at least 99% answered 200 within ${PROBE_TIMEOUT}s; "
    . "the attack held at least $MIN_HELD connections\n";
print "FAULT-FIGURE: $_\n" for @lines;
exit(@bad ? 1 : 0);
