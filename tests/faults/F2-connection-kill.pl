#!/usr/bin/perl
# F-2, the database connection killed under load (scripts/faults runs it on the faults
# stack): several clients (forked, each with its own session, fees and client record) POST
# state-changing forms as a browser would — a payment on a fee (the form's idempotency key
# and version), a client's record saved (its version), a note on a client (the form's
# key) — while a killer
# runs KILL CONNECTION (as root, over MYCNF's socket) on the programs' connections (user
# portal_app) at random moments: half of the time a busy one (in a statement, or with an
# open transaction: information_schema.innodb_trx), else any. Every request and its answer is recorded; a
# request that got an error (5xx, or no answer) is sent again, the same form, until it gets
# an answer that is not an error (up to 8 times).
#
# Checked by SQL afterwards:
#   - every 303 is in the database: a payment answered 303 is there exactly once (by its
#     key), a saved value answered 303 is in the record's audit exactly once, a note
#     answered 303 is on the client's timeline exactly once;
#   - a request that got errors and then, sent again, an answer: changed things exactly
#     once (303) — or, refused (409: its first try had committed after all), exactly once
#     too; a request refused without an error before changed nothing;
#   - each fee's paid equals the sum of its payments, and the sum of the 303 payments;
#   - no more 5xx answers than kills of a busy connection (in a statement or a transaction):
#     a kill fails at most the request it interrupted, and a connection killed while idle
#     is opened again for the next request without an error.
#
# F2_SECONDS (default 20 short, 120 full), F2_CLIENTS (default 4), F2_SEED (printed).
use strict;
use warnings;
use utf8;
use FindBin;
use lib "$FindBin::Bin/../http/lib";
use Portal::Test qw(:DEFAULT :cadastro);
use Time::HiRes qw(time sleep);
use Digest::SHA qw(sha256_hex);
use POSIX qw(_exit);

$| = 1;
$ENV{ROOT} or die "run me through scripts/faults\n";
my $SHORT = ($ENV{FAULTS_SHORT} // '0') eq '1';
my $SECONDS = $ENV{F2_SECONDS} // ($SHORT ? 20 : 120);
my $NCLIENTS = $ENV{F2_CLIENTS} // 4;
my $SEED = $ENV{F2_SEED} // int(time * 1000) % 1000000;
my $VAR = $ENV{VAR};
print "F2: seed $SEED (F2_SEED=$SEED replays the choices), $NCLIENTS clients, $SECONDS s\n";
srand($SEED);

my $OFFICE = office_id('demo');
my $tag = rand_tag('falhaf2');
my $ana = staff_login('ana@demo.com.br');

# Each load client's own record and fees (large, so that small payments never settle them).
my (@records, @fees);
for my $i (1 .. $NCLIENTS) {
    my $id = create_client($ana, nome => "F2 $tag $i Ltda", tipo => 'PJ', documento => cnpj_random(),
        cidade => 'Curitiba', uf => 'PR') or die "could not create client $i\n";
    push @records, $id;
    my @mine;
    for my $m (1 .. 3) {
        sql("INSERT INTO fees (office_id, client_id, plan_id, competencia, kind, description, amount,"
            . " paid, due_date, status, paid_on, cancel_reason, created_at, updated_at) VALUES ($OFFICE,"
            . " $id, 0, '2026-0$m-01', 'mensal', 'Honorários contábeis', 100000000, 0, '2026-0$m-10',"
            . " 'aberto', NULL, '', UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))");
        push @mine, sql_value("SELECT MAX(id) FROM fees WHERE client_id = $id");
    }
    push @fees, \@mine;
}
sql("UPDATE client_counts SET fee_version = fee_version + 1 WHERE office_id = $OFFICE");
END {
    if (@records && ($ENV{F2_KEEP} // '') ne '1' && $$ == $main::PARENT) {
        my $in = join ',', map {@$_} @fees;
        eval {
            sql("DELETE FROM fee_payments WHERE fee_id IN ($in); DELETE FROM fees WHERE id IN ($in);"
                . " UPDATE client_counts SET fee_version = fee_version + 1 WHERE office_id = $OFFICE");
            purge_clients(@records);
        };
    }
}
our $PARENT = $$;

my $dir = "$VAR/tmp/f2-$$";
mkdir $dir or die "$dir: $!\n";

# ------------------------------------------------------------------ the load clients

# One line per request: kind, id, what, tries, the answers (status list), final.
sub load_client {
    my ($n, $until) = @_;
    srand($SEED + $n);
    my $c = staff_login('ana@demo.com.br');
    my $rec = $records[ $n - 1 ];
    my @myfees = @{ $fees[ $n - 1 ] };
    open(my $log, '>', "$dir/client-$n.log") or die "$!";
    $log->autoflush(1);
    my $seq = 0;
    while (time < $until) {
        my $kind = (qw(pay pay save note))[ int rand 4 ];
        my ($path, $form, $what);
        if ($kind eq 'pay') {
            my $fee = $myfees[ int rand @myfees ];
            my $page = $c->get("/honorarios/$fee");
            next unless $page->{status} == 200;
            my $cents = 100 + int rand 900;
            $form = form_fields($page, "/honorarios/$fee/pagamento") or die "no payment form on /honorarios/$fee\n";
            $form = pairs_set($form, valor => sprintf('%d,%02d', $cents / 100, $cents % 100), forma => 'pix');
            $path = "/honorarios/$fee/pagamento";
            $what = join ':', $fee, $cents, pairs_get($form, 'chave');
        } elsif ($kind eq 'save') {
            my $page = $c->get("/clientes/$rec/editar");
            next unless $page->{status} == 200;
            $form = form_fields($page, "/clientes/$rec/editar") or die "no edit form on /clientes/$rec/editar\n";
            my $v = sprintf('f2 %s %d %d', $tag, $n, ++$seq);
            $form = pairs_set($form, contato => $v);
            $path = "/clientes/$rec/editar";
            $what = "$rec:$v";
        } else {
            my $page = $c->get("/clientes/$rec");
            next unless $page->{status} == 200;
            my $v = sprintf('Nota f2 %s %d %d', $tag, $n, ++$seq);
            $form = form_fields($page, "/clientes/$rec/notas") or die "no note form on /clientes/$rec\n";
            $form = pairs_set($form, texto => $v);
            $path = "/clientes/$rec/notas";
            $what = "$rec:$v";
        }
        my @answers;
        for my $try (1 .. 8) {
            my $r = $c->post($path, $form);
            push @answers, $r->{status};
            last if $r->{status} < 500;
            sleep(0.05 * $try);
        }
        print $log join("\t", $kind, $what, join(',', @answers)), "\n";
    }
    close $log;
}

# ------------------------------------------------------------------ the killer

sub root_sql {
    my ($stmt) = @_;
    my $out = `mariadb --defaults-file=$ENV{MYCNF} -N -B -e "$stmt" 2>&1`;
    return $? ? undef : $out;
}

sub killer {
    my ($until) = @_;
    srand($SEED + 1000);
    my ($kills, $in_tx) = (0, 0);
    while (time < $until) {
        sleep(0.05 + rand 0.25);
        # Each connection of the programs, and whether it is busy (in a statement or a
        # transaction); half of the time only the busy ones are candidates.
        my $want_busy = rand() < 0.5;
        my $out = root_sql("SELECT p.id, (p.command <> 'Sleep' OR t.trx_id IS NOT NULL)"
            . " FROM information_schema.processlist p LEFT JOIN information_schema.innodb_trx t"
            . " ON t.trx_mysql_thread_id = p.id WHERE p.user = 'portal_app'") // next;
        my @conns = grep { !$want_busy || $_->[1] } map { [split /\t/] } grep {/^\d+\t[01]$/} split /\n/, $out;
        next unless @conns;
        my $pick = $conns[ int rand @conns ];
        if (defined root_sql("KILL CONNECTION $pick->[0]")) {
            $kills++;
            $in_tx++ if $pick->[1];
        }
    }
    open(my $fh, '>', "$dir/killer") or die "$!";
    print $fh "$kills $in_tx\n";
    close $fh;
}

my $t0 = time;
my $until = $t0 + $SECONDS;
my @pids;
for my $n (1 .. $NCLIENTS) {
    my $pid = fork() // die "fork: $!";
    if (!$pid) { load_client($n, $until); _exit(0) }
    push @pids, $pid;
}
my $kpid = fork() // die "fork: $!";
if (!$kpid) { killer($until); _exit(0) }
waitpid($_, 0) for @pids, $kpid;
my $elapsed = time - $t0;

# ------------------------------------------------------------------ the checks

my ($kills, $kills_tx) = split ' ', do { open(my $f, '<', "$dir/killer") or die "no killer figures\n"; <$f> };
my (%n, @bad);
my %paid_303;
for my $n (1 .. $NCLIENTS) {
    open(my $log, '<', "$dir/client-$n.log") or die "$!";
    while (my $line = <$log>) {
        chomp $line;
        my ($kind, $what, $answers) = split /\t/, $line;
        my @a = split /,/, $answers;
        my $final = $a[-1];
        my $errors = grep { $_ >= 500 } @a;
        $n{requests}++;
        $n{ok}++ if $final == 303;
        $n{errors} += $errors;
        $n{retried}++ if $errors && @a > 1;
        $n{gave_up}++ if $final >= 500;
        $n{"refused_$final"}++ if $final != 303 && $final < 500;
        my $count;
        if ($kind eq 'pay') {
            my ($fee, $cents, $key) = split /:/, $what;
            $count = sql_value("SELECT COUNT(*) FROM fee_payments WHERE office_id = $OFFICE AND fee_id = $fee"
                . " AND form_key = UNHEX(SHA2(" . sql_quote($key) . ", 256)) AND amount = $cents");
            $paid_303{$fee} += $cents if $final == 303;
        } elsif ($kind eq 'save') {
            my ($rec, $v) = split /:/, $what, 2;
            $count = sql_value("SELECT COUNT(*) FROM audit_changes ch JOIN audit_events e ON e.id = ch.event_id"
                . " WHERE e.entity = 'client' AND e.entity_id = $rec AND ch.field = 'contact_name'"
                . " AND ch.new_value = " . sql_quote($v));
        } else {
            my ($rec, $v) = split /:/, $what, 2;
            $count = sql_value("SELECT COUNT(*) FROM client_notes WHERE client_id = $rec AND body = " . sql_quote($v));
        }
        # What the answers allow: 303 -> exactly once; refused after an error (its first
        # try committed) -> exactly once; refused with no error before -> nothing; still an
        # error after every try -> at most once.
        my $want = $final == 303 ? '1' : $final >= 500 ? '0-1' : $errors ? '1' : '0';
        my $ok = $want eq '0-1' ? $count <= 1 : $count == $want;
        push @bad, "$kind $what: answers $answers, found $count time(s), expected $want" unless $ok;
    }
}
# Each fee: paid = its payments; and the 303 payments are all of them (an error never paid).
for my $fee (map {@$_} @fees) {
    my ($paid, $sum) = @{ (sql("SELECT f.paid, COALESCE(SUM(p.amount), 0) FROM fees f LEFT JOIN fee_payments p"
        . " ON p.fee_id = f.id WHERE f.id = $fee GROUP BY f.id"))[0] };
    push @bad, "fee $fee: paid $paid but its payments sum $sum" if $paid != $sum;
    push @bad, "fee $fee: payments sum $sum, the 303 answers paid " . ($paid_303{$fee} // 0)
        if $sum != ($paid_303{$fee} // 0) && !$n{gave_up};
}
# A kill fails at most the request it interrupted: a connection killed while idle is
# reopened without an error to the next request that finds it so.
push @bad, "$n{errors} 5xx answers for $kills_tx kills of a busy connection ($kills in all): requests that"
    . " the kills did not interrupt failed too" if ($n{errors} // 0) > $kills_tx;
# The stack still serves after the kills.
my $after = $ana->get('/clientes');
push @bad, "GET /clientes after the kills: $after->{status}" unless $after->{status} == 200;

print "$_\n" for @bad;
printf "requests %d: %d answered 303, %d errors (5xx) seen, %d requests retried, %d still failing"
    . " after 8 tries, refused: %s\n", $n{requests} // 0, $n{ok} // 0, $n{errors} // 0, $n{retried} // 0,
    $n{gave_up} // 0, join(' ', map {"$_=$n{$_}"} sort grep {/^refused_/} keys %n) || 'none';
# (exit 1, not die: die's exit status is $! or $? when set, which may be 0.)
sub fail_with { print "F2: $_[0] (seed $SEED)\n"; exit 1 }
fail_with(scalar(@bad) . " violation(s)") if @bad;
fail_with("no connection was killed") unless $kills;
fail_with("too few requests ($n{requests})") unless ($n{requests} // 0) >= 20;

print "FAULT-RUNS: $kills\n";
print "FAULT-INJECTED: KILL CONNECTION of the programs' connections (portal_app) at random moments"
    . " ($kills_tx of them busy: in a statement or a transaction) under $NCLIENTS concurrent clients POSTing payments,"
    . " client saves and notes for ${SECONDS}s (seed $SEED)\n";
print "FAULT-CHECKED: every 303 durable exactly once (payment by its key, save in the audit, note);"
    . " an error then retried changed things exactly once, a refusal without error nothing;"
    . " fee paid = its payments = the 303 payments\n";
printf "FAULT-FIGURE: F2: %d kills (%d of a busy connection) in %.0f s; %d requests, %d answered 303, %d 5xx answers,"
    . " %d requests retried (same form), %d still failing after 8 tries\n",
    $kills, $kills_tx, $elapsed, $n{requests}, $n{ok} // 0, $n{errors} // 0, $n{retried} // 0, $n{gave_up} // 0;
exit 0;
