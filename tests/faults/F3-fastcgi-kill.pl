#!/usr/bin/perl
# F-3, a FastCGI program killed mid-POST (scripts/faults runs it on the faults stack): wrk
# keeps POSTing new clients (/clientes/novo, a logged-in session with its CSRF token, each
# with a fresh CNPJ) while the program that serves them (cadastro) is killed with SIGKILL
# at random moments: every other kill its whole process group (the parent and the forked
# workers, so the POSTs in flight die mid-transaction), the others its parent only (its
# workers are left behind, as when the OOM killer picks the parent). scripts/stack
# supervises the programs as conf/systemd/portal@.service does in production (Restart=
# always, RestartSec=500ms, the unit's leftovers stopped before the restart).
#
# Checked:
#   - while the program is down the web server answers our page (Portuguese, "Portal em
#     manutenção") with status 503: the prober's every non-200 and every wrk response that
#     is not the save's 303;
#   - the program serves again within 2 s of each kill (a GET it answers with 200, from a
#     new process), median and max printed;
#   - no old process of the program is left (the workers of a killed parent stopped);
#   - by SQL, no partial rows: every client the load wrote has its one "create" audit event
#     with its changes and its search words; no "create" event without its client; the
#     office's client counters (client_counts) equal the rows; every save wrk saw
#     acknowledged (303 to /clientes/ID?criado=1) is there.
#
# Full form: 4 runs of wrk, 6 kills each (24 kills); FAULTS_SHORT=1: 1 run, 3 kills.
use strict;
use warnings;
use utf8;
use FindBin;
use lib "$FindBin::Bin/../http/lib";
use Portal::Test qw(:DEFAULT :cadastro);
use POSIX qw(WNOHANG);
use Time::HiRes qw(time sleep);

$| = 1;
binmode STDOUT, ':encoding(UTF-8)';
my $ROOT = $ENV{ROOT} or die "run me through scripts/faults\n";
my $VAR = $ENV{VAR};
my $PORT = $ENV{HTTPS_PORT};
my $SHORT = ($ENV{FAULTS_SHORT} // '0') eq '1';
my $RUNS = $SHORT ? 1 : 4;
my $KILLS = $SHORT ? 3 : 6;
my $AREA = 'cadastro';
my $RECOVERY_LIMIT = 2.0;
my $OUR_503 = 'Portal em manutenção';
my $RUN = "$VAR/run";
my $TMP = "$VAR/tmp/f3";
system('rm', '-rf', $TMP);
mkdir $TMP or die "$TMP: $!\n";

sub read_pid {
    my ($f) = @_;
    open(my $fh, '<', $f) or return undef;
    my $p = <$fh> // '';
    return $p =~ /^(\d+)$/ ? $1 : undef;
}

# The processes whose command line starts with the program's path: [pid, pgid].
sub program_processes {
    my $exe = "$ENV{BUILD}/cgi-bin/$AREA";
    my @p;
    for my $d (glob '/proc/[0-9]*') {
        open(my $fh, '<', "$d/cmdline") or next;
        my $cmd = do { local $/; <$fh> } // '';
        next unless ((split /\0/, $cmd)[0] // '') eq $exe;
        open(my $st, '<', "$d/stat") or next;
        my $s = <$st> // '';
        my ($state, $ppid, $pgrp) = $s =~ /\)\s+(\S)\s+(\d+)\s+(\d+)/ or next;
        next if $state eq 'Z';
        push @p, [ $d =~ m{(\d+)$}, $pgrp ];
    }
    return @p;
}

my $c = staff_login('ana@demo.com.br');
die "no session\n" unless $c->session && $c->{csrf};
my $cookie = join '; ', map {"$_=$c->{jar}{$_}"} sort keys %{ $c->{jar} };
my $office = office_id('demo');
# The events before this fault's load are not its own (another fault may have purged its
# clients, whose audit stays).
my $events_before = sql_value('SELECT COALESCE(MAX(id), 0) FROM audit_events');
my $tag = sprintf('F3x%06d', $$ % 1000000);

# The load: wrk, each response one line in its thread's file (status, the new id, ours?).
open(my $lua, '>', "$TMP/post.lua") or die "$TMP/post.lua: $!\n";
print $lua <<'LUA';
local threads = {}
function setup(thread)
	table.insert(threads, thread)
	thread:set("tid", #threads)
end
local env = os.getenv
local cookie, csrf, tag, out = env("F3_COOKIE"), env("F3_CSRF"), env("F3_TAG"), env("F3_OUT")
local n, f = 0, nil
local function dv(d, w)
	local s = 0
	for i = 1, #w do s = s + d[i] * w[i] end
	local r = s % 11
	if r < 2 then return 0 end
	return 11 - r
end
local function cnpj()
	local d = {}
	for i = 1, 12 do d[i] = math.random(0, 9) end
	d[13] = dv(d, {5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2})
	d[14] = dv(d, {6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2})
	return table.concat(d)
end
function init(args)
	math.randomseed(os.time() * 1000 + tid)
	f = assert(io.open(out .. "." .. tid, "w"))
end
function request()
	n = n + 1
	local body = "tipo=PJ&nome=Falha+" .. tag .. "+" .. tid .. "+" .. n .. "&documento=" .. cnpj()
		.. "&cidade=Curitiba&uf=PR&cliente=1&ativo=1&csrf=" .. csrf
	return wrk.format("POST", "/clientes/novo", {
		["Host"] = "localhost:" .. env("F3_PORT"),
		["Cookie"] = cookie,
		["Content-Type"] = "application/x-www-form-urlencoded",
	}, body)
end
function response(status, headers, body)
	local id = "-"
	local loc = headers["Location"] or headers["location"] or ""
	if status == 303 then id = loc:match("^/clientes/(%d+)%?criado=1$") or "bad:" .. loc end
	local ours = (status == 503 and body:find("Portal em manuten", 1, true)) and 1 or 0
	f:write(status, " ", id, " ", ours, "\n")
	f:flush()
end
LUA
close $lua;

# The prober: a GET the program answers (200), or the web server's page while it is down.
my $probe = Portal::Test::Client->new(timeout => 5);
$probe->{jar} = { %{ $c->{jar} } };
my (@recovery, @bad, %probe_status);
my $kills = 0;
my $mode_group = 0;

sub one_kill {
    my $old = read_pid("$RUN/$AREA.proc") or die "no $RUN/$AREA.proc: is the program supervised?\n";
    my @before = program_processes();
    $mode_group = !$mode_group;
    my $t0 = time;
    if ($mode_group) {
        kill 'KILL', -$old or die "kill -KILL -$old: $!\n";
    } else {
        kill 'KILL', $old or die "kill -KILL $old: $!\n";
    }
    $kills++;
    my ($back, $saw503) = (undef, 0);
    while (time - $t0 < 10) {
        my $r = $probe->get('/clientes/novo');
        my $new = read_pid("$RUN/$AREA.proc") // 0;
        $probe_status{ $r->{status} }++;
        if ($r->{status} == 200 && $new && $new != $old) {
            $back = time - $t0;
            last;
        }
        if ($r->{status} == 503 && index($r->{text}, $OUR_503) >= 0) {
            $saw503++;
        } elsif ($r->{status} != 200) {
            push @bad, "probe: GET /clientes/novo answered $r->{status} without our page";
        }
        sleep 0.02;
    }
    $back //= 99;
    push @recovery, $back;
    printf "kill %d: %s of pid %d (%d processes); served again after %.3f s; our 503 page seen %d time(s)\n",
        $kills, $mode_group ? 'the whole group' : 'the parent only', $old, scalar @before, $back, $saw503;
    push @bad, sprintf('kill %d: not serving again within %.1f s (%.3f s)', $kills, $RECOVERY_LIMIT, $back)
        if $back > $RECOVERY_LIMIT;
    # No process of the killed program may stay: its group (the orphaned workers) goes.
    my $left;
    for (1 .. 100) {
        $left = grep { $_->[1] == $old } program_processes();
        last unless $left;
        sleep 0.1;
    }
    push @bad, "kill $kills: $left process(es) of the killed program (group $old) still there after 10 s" if $left;
}

my (%status, @acked, $ours503);
for my $run (1 .. $RUNS) {
    my $secs = $KILLS * 3 + 4;
    my $out = "$TMP/wrk$run";
    my $pid = fork() // die "fork: $!\n";
    if (!$pid) {
        $ENV{F3_COOKIE} = $cookie;
        $ENV{F3_CSRF} = $c->{csrf};
        $ENV{F3_TAG} = "$tag+r$run";
        $ENV{F3_OUT} = $out;
        $ENV{F3_PORT} = $PORT;
        open(STDOUT, '>', "$out.txt") or die;
        open(STDERR, '>&', \*STDOUT) or die;
        exec('wrk', '-t2', '-c8', "-d${secs}s", '--timeout', '10s', '-s', "$TMP/post.lua",
            "https://localhost:$PORT/clientes/novo") or die "wrk: $!\n";
    }
    sleep 1.5;    # the load under way
    for my $k (1 .. $KILLS) {
        one_kill();
        sleep(0.3 + rand(1.5));    # a random moment of the load
    }
    waitpid($pid, 0);
    die "wrk failed (exit " . ($? >> 8) . "):\n" . `cat '$out.txt'` if $?;
    print "run $run: wrk ", `grep -E 'requests in|Socket errors|Non-2xx' '$out.txt' | tr -s ' ' | paste -sd ';'`;
    for my $f (glob "$out.[0-9]*") {
        open(my $fh, '<', $f) or die "$f: $!\n";
        while (<$fh>) {
            my ($s, $id, $ours) = split;
            $status{$s}++;
            if ($s == 303) {
                if ($id =~ /^\d+$/) { push @acked, $id } else { push @bad, "wrk: a 303 to $id" }
            } elsif ($s == 503 && $ours) {
                $ours503++;
            } else {
                push @bad, "wrk: a response $s" . ($s == 503 ? ' without our page' : '');
            }
        }
    }
}

# ---- the invariants, by SQL
my $like = sql_quote("Falha $tag %");
my $written = sql_value("SELECT COUNT(*) FROM clients WHERE office_id = $office AND name LIKE $like");
my @partial = sql(qq{SELECT c.id,
        (SELECT COUNT(*) FROM audit_events e WHERE e.office_id = c.office_id AND e.entity = 'client'
            AND e.entity_id = c.id AND e.action = 'create') AS events,
        (SELECT COUNT(*) FROM audit_events e JOIN audit_changes ch ON ch.event_id = e.id
            WHERE e.office_id = c.office_id AND e.entity = 'client' AND e.entity_id = c.id
            AND e.action = 'create') AS changes,
        (SELECT COUNT(*) FROM client_words w WHERE w.client_id = c.id) AS words
    FROM clients c WHERE c.office_id = $office AND c.name LIKE $like
    HAVING events <> 1 OR changes = 0 OR words = 0});
push @bad, "client $_->[0]: $_->[1] create event(s), $_->[2] change(s), $_->[3] search word(s)" for @partial;
my $orphans = sql_value(qq{SELECT COUNT(*) FROM audit_events e LEFT JOIN clients c ON c.id = e.entity_id
    WHERE e.office_id = $office AND e.id > $events_before AND e.entity = 'client' AND e.action = 'create'
    AND c.id IS NULL AND e.channel = 'staff'});
push @bad, "$orphans create event(s) without their client" if $orphans;
my ($counted) = sql(qq{SELECT CONCAT(active, '/', inactive, '/', trashed) FROM client_counts WHERE office_id = $office});
my ($real) = sql(qq{SELECT CONCAT(COALESCE(SUM(active AND NOT trashed), 0), '/',
    COALESCE(SUM(NOT active AND NOT trashed), 0), '/', COALESCE(SUM(trashed), 0)) FROM clients WHERE office_id = $office});
push @bad, "client_counts says $counted->[0] (active/inactive/trashed), the rows $real->[0]"
    if $counted->[0] ne $real->[0];
my %have;
if (@acked) {
    for (my $i = 0; $i < @acked; $i += 1000) {
        my $list = join ',', @acked[ $i .. ($i + 999 < $#acked ? $i + 999 : $#acked) ];
        $have{ $_->[0] } = 1 for sql("SELECT id FROM clients WHERE office_id = $office AND id IN ($list)");
    }
}
my @lost = grep { !$have{$_} } @acked;
push @bad, scalar(@lost) . " acknowledged save(s) missing (ids @lost[0 .. ($#lost < 9 ? $#lost : 9)])" if @lost;

printf "wrk responses: %s; acknowledged saves %d; clients written %d\n",
    join(', ', map {"$_: $status{$_}"} sort keys %status), scalar @acked, $written;
printf "prober responses: %s\n", join(', ', map {"$_: $probe_status{$_}"} sort keys %probe_status);
my %seen;
my @uniq = grep { !$seen{$_}++ } @bad;
print "PROBLEM: $_\n" for @uniq;

my @s = sort { $a <=> $b } @recovery;
my $median = @s % 2 ? $s[$#s / 2] : ($s[@s / 2 - 1] + $s[@s / 2]) / 2;
print "FAULT-RUNS: $kills\n";
print "FAULT-INJECTED: kill -9 of the $AREA FastCGI program (its group or its parent) at random moments under wrk POST load ($RUNS run(s) of wrk -t2 -c8)\n";
print "FAULT-CHECKED: 503 with our page while down, back within ${RECOVERY_LIMIT}s, no leftover workers, "
    . "by SQL every client with its audit event, changes and search words, counters = rows, every 303 saved\n";
printf "FAULT-FIGURE: back in service after a kill: median %.3f s, max %.3f s (limit %.1f s) over %d kills\n",
    $median, $s[-1], $RECOVERY_LIMIT, $kills;
printf "FAULT-FIGURE: wrk: %d POSTs answered, %d saved (303), %d our 503 page, %d other; prober: %d our 503 page\n",
    (sum(values %status)), $status{303} // 0, $ours503 // 0,
    sum(map { $status{$_} } grep { $_ != 303 && $_ != 503 } keys %status), $probe_status{503} // 0;
printf "FAULT-FIGURE: by SQL: %d clients written under the kills, %d partial, %d orphan events, %d acknowledged and missing\n",
    $written, scalar @partial, $orphans, scalar @lost;
exit(@uniq ? 1 : 0);

sub sum { my $t = 0; $t += $_ // 0 for @_; return $t }
