#!/usr/bin/perl
# F-1, mariadbd killed (SIGKILL) during the worker's batch jobs (scripts/faults runs it on
# the faults stack), in an office of its own ("falhas1"):
#
#   the import: a CSV of N rows (generated here: valid CNPJs, deterministic) uploaded,
#     checked and imported through the pages; while the worker imports it, mariadbd is
#     killed at a random moment (a delay drawn within the import's remaining time,
#     measured from its progress), restarted (scripts/stack db-kill, db-restart), and the
#     worker carries on. One import may take several kills, each at a fresh moment; a new
#     import (new documents) starts when one ends before the runs are done.
#   the fee generation: M fees (one month for M clients of the import, more than a request
#     makes inline: the worker does it, 500 clients a batch) generated through the pages;
#     one run unkilled measures how long its batches take after the first, then each run
#     kills mariadbd at a delay drawn within that, counted from its first batch.
#
# Checked by SQL after every kill (in one consistent snapshot, the worker going on):
# every batch whole or absent (the import's rows_done = its result rows, a multiple of the
# batch; a generation's done clients = the clients with its fees, created = its fees, done
# + clients left = its total), the clients of the office = the rows recorded as created, no
# document twice; the job resumes (moves on within 120 s). When each job ends: done, every
# line in the result (rows 2..N+1 once each, and GET /importacao/N/resultado has N + 1
# lines), every client of the generation with exactly one fee of the month.
#
# F1_RUNS (kills of each job; 2 short, 20 full), F1_ROWS (import size; 10,000 short, 50,000
# full), F1_FEES (generation size; 2,500 short, 5,000 full), F1_SEED (printed: replays the
# delays).
use strict;
use warnings;
use utf8;
use FindBin;
use lib "$FindBin::Bin/../http/lib";
use Portal::Test qw(:DEFAULT :cadastro :importacao);
use Encode qw(encode);
use Time::HiRes qw(time sleep);

$| = 1;
my $ROOT = $ENV{ROOT} or die "run me through scripts/faults\n";
my $INSTANCE = $ENV{FAULTS_INSTANCE} // 'faults';
my $SHORT = ($ENV{FAULTS_SHORT} // '0') eq '1';
my $RUNS = $ENV{F1_RUNS} // ($SHORT ? 2 : 20);
my $ROWS = $ENV{F1_ROWS} // ($SHORT ? 10000 : 50000);
my $FEES = $ENV{F1_FEES} // ($SHORT ? 2500 : 5000);
my $SEED = $ENV{F1_SEED} // int(time * 1000) % 1000000;
my $BATCH = 500;   # IMPORTPASS_BATCH, GEN_BATCH
die "F1_FEES ($FEES) must be at most F1_ROWS ($ROWS)\n" if $FEES > $ROWS;
print "F1: seed $SEED (F1_SEED=$SEED replays the delays), $RUNS kills of each job, import of $ROWS rows,"
    . " generation of $FEES fees\n";
srand($SEED);

my $HOST = 'falhas1.localhost';
my $EMAIL = 'fabio@falhas1.com.br';

sub reset_office {
    my $id = office_id('falhas1');
    if (!$id) {
        sql("INSERT INTO offices (slug, name) VALUES ('falhas1', 'Falhas Um Contabilidade')");
        $id = office_id('falhas1');
        sql("INSERT INTO staff_users (office_id, name, email, password_hash, role)"
            . " SELECT $id, 'Fábio Falhas', " . sql_quote($EMAIL) . ", password_hash, 'admin'"
            . " FROM staff_users WHERE email = 'ana\@demo.com.br'");
    }
    sql("DELETE FROM fee_payments WHERE office_id = $id; DELETE FROM fees WHERE office_id = $id;"
        . " DELETE FROM fee_open_days WHERE office_id = $id; DELETE FROM fee_generations WHERE office_id = $id;"
        . " DELETE FROM selections WHERE office_id = $id;"
        . " DELETE FROM import_rows WHERE import_id IN (SELECT id FROM imports WHERE office_id = $id);"
        . " DELETE FROM imports WHERE office_id = $id; DELETE FROM import_files WHERE office_id = $id;"
        . " DELETE FROM clients WHERE office_id = $id; DELETE FROM tags WHERE office_id = $id;"
        . " UPDATE client_counts SET active = 0, inactive = 0, trashed = 0, version = version + 1,"
        . " fee_version = fee_version + 1 WHERE office_id = $id");
    return $id;
}
my $OFFICE = reset_office();
clean_login_attempts();
my $c = staff_login($EMAIL, host => $HOST);

my @bad;
my %fig = (kills => 0, restart => [], resume => []);

sub stack_cmd {
    my ($cmd) = @_;
    my $out = `'$ROOT/scripts/stack' $cmd '$INSTANCE' 2>&1`;
    die "scripts/stack $cmd failed:\n$out" if $?;
}

# SIGKILL mariadbd, then start it again; the time it took to answer again.
sub kill_and_restart {
    my ($what, $delay) = @_;
    stack_cmd('db-kill');
    my $t = time;
    stack_cmd('db-restart');
    my $up = time - $t;
    $fig{kills}++;
    push @{ $fig{restart} }, $up;
    printf "kill %d (%s): mariadbd SIGKILL after %.2f s; back in %.1f s\n", $fig{kills}, $what, $delay, $up;
    # The programs' connections were lost with the server: they reconnect on their next
    # request (the session cookie stays good).
}

sub median {
    my @v = sort { $a <=> $b } @_;
    return 0 unless @v;
    return @v % 2 ? $v[$#v / 2] : ($v[@v / 2 - 1] + $v[@v / 2]) / 2;
}

# Several statements in one consistent snapshot: one row of values per SELECT.
sub snapshot {
    my @selects = @_;
    my @rows = sql(join('; ', 'START TRANSACTION WITH CONSISTENT SNAPSHOT', @selects, 'COMMIT'));
    return @rows;
}

sub no_duplicates {
    my ($when) = @_;
    my $dups = sql_value("SELECT COUNT(*) FROM (SELECT document FROM clients WHERE office_id = $OFFICE"
        . " AND document <> '' GROUP BY document HAVING COUNT(*) > 1) d");
    push @bad, "$when: $dups document(s) on more than one client" if $dups;
    my $fdups = sql_value("SELECT COUNT(*) FROM (SELECT client_id FROM fees WHERE office_id = $OFFICE"
        . " GROUP BY client_id, competencia, kind HAVING COUNT(*) > 1) d");
    push @bad, "$when: $fdups fee(s) twice (client, month, kind)" if $fdups;
}

# ------------------------------------------------------------------ the import

sub dv {
    my ($vals, $weights) = @_;
    my $s = 0;
    $s += $vals->[$_] * $weights->[$_] for 0 .. $#$weights;
    my $r = $s % 11;
    return $r < 2 ? 0 : 11 - $r;
}

sub cnpj_of {    # a valid numeric CNPJ for a sequence number, masked
    my ($n) = @_;
    my @d = split //, sprintf('%08d0001', $n);
    push @d, dv(\@d, [ 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2 ]);
    push @d, dv(\@d, [ 6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2 ]);
    return doc_mask(join '', @d);
}

# The CSV of import number K: N rows, the first $FEES named "Lote5k ..." (the generation's).
sub csv_of {
    my ($k) = @_;
    my @uf = qw(PR SP RJ MG RS SC BA);
    my $s = "Tipo,Nome/Razão Social,CPF/CNPJ,E-mail,Cidade,UF\n";
    for my $i (1 .. $ROWS) {
        my $word = $i <= $FEES && $k == 1 ? 'Lote5k' : 'Outra';
        $s .= sprintf("PJ,%s Comércio %d %06d Ltda,%s,contato.%d.%d\@exemplo.com.br,Curitiba,%s\n",
            $word, $k, $i, cnpj_of($k * 1000000 + $i), $k, $i, $uf[ $i % @uf ]);
    }
    return encode('UTF-8', $s);
}

sub import_state {
    my ($id) = @_;
    my ($row) = sql("SELECT status, rows_done, COALESCE(total_rows, 0), phase, error FROM imports WHERE id = $id");
    return @$row;
}

sub wait_import {
    my ($id, $secs, @want) = @_;
    my %w = map { $_ => 1 } @want;
    my $until = time + $secs;
    my $s;
    while (time < $until) {
        $s = eval { status_of($id) } // '';
        return $s if $w{$s};
        sleep(0.2);
    }
    return $s;
}

my $imports = 0;
sub start_import {
    $imports++;
    my $t = time;
    my $r = upload($c, "falhas-$imports.csv", csv_of($imports));
    my $id = import_id_of($r) or die "upload of import $imports: " . dump_res($r);
    my $page = $c->get("/importacao/$id");
    my $f = form_fields($page, "/importacao/$id/mapa") or die "no mapping form on /importacao/$id\n";
    $r = $c->post("/importacao/$id/mapa", $f);
    die "mapping of import $id: " . dump_res($r) unless $r->{status} == 303;
    my $s = wait_import($id, 600, 'checked', 'draft');
    die "import $id: the check ended as '$s'\n" unless $s eq 'checked';
    my (undef, undef, $total) = import_state($id);
    die "import $id: the check counted $total rows, not $ROWS\n" unless $total == $ROWS;
    $r = $c->post("/importacao/$id/importar", [ csrf => $c->{csrf} ]);
    die "import $id: importar: " . dump_res($r) unless $r->{status} == 303;
    printf "import %d (id %d): %d rows uploaded and checked in %.1f s; importing\n", $imports, $id, $ROWS, time - $t;
    return ($id, time);
}

# Batches whole or absent, in one snapshot.
sub check_import {
    my ($id, $when) = @_;
    my ($st, $created_rows, $clients) = snapshot(
        "SELECT status, rows_done, phase FROM imports WHERE id = $id",
        "SELECT COUNT(*), COUNT(DISTINCT r.line), SUM(r.status = 'criado') FROM import_rows r JOIN imports i"
            . " ON i.id = r.import_id AND r.phase = i.phase WHERE i.id = $id",
        "SELECT (SELECT COUNT(*) FROM import_rows r JOIN imports i ON i.id = r.import_id AND r.phase = i.phase"
            . " WHERE i.office_id = $OFFICE AND r.status = 'criado'),"
            . " (SELECT COUNT(*) FROM clients WHERE office_id = $OFFICE)");
    my ($status, $done) = @$st;
    my ($nrows, $distinct, $created) = @$created_rows;
    $created //= 0;
    push @bad, "$when: import $id records $done rows done but has $nrows result rows" if $done != $nrows;
    push @bad, "$when: import $id has $nrows result rows for $distinct lines" if $distinct != $nrows;
    push @bad, "$when: import $id stopped mid-batch ($done rows done)" if $done % $BATCH && $status ne 'done';
    push @bad, "$when: the office has $clients->[1] clients, its imports record $clients->[0] created"
        if $clients->[0] != $clients->[1];
    push @bad, "$when: import $id is '$status'" if $status =~ /^(failed|draft)$/;
    no_duplicates($when);
    return ($status, $done);
}

sub finish_import {
    my ($id, $t0) = @_;
    my $s = wait_import($id, 900, 'done', 'failed');
    my $secs = time - $t0;
    my ($status, $done, $total, undef, $error) = import_state($id);
    push @bad, "import $id ended '$status' ($error)" unless $status eq 'done';
    check_import($id, "import $id at its end");
    my ($n, $min, $max, $created) = @{ (sql("SELECT COUNT(DISTINCT r.line), MIN(r.line), MAX(r.line),"
        . " SUM(r.status = 'criado') FROM import_rows r JOIN imports i ON i.id = r.import_id AND r.phase = i.phase"
        . " WHERE i.id = $id"))[0] };
    push @bad, "import $id: result lines $n ($min..$max), expected $ROWS (2.." . ($ROWS + 1) . ")"
        unless $n == $ROWS && $min == 2 && $max == $ROWS + 1;
    push @bad, "import $id: $created rows created, expected $ROWS" unless ($created // 0) == $ROWS;
    my $r = $c->get("/importacao/$id/resultado");
    # The file's rows with the result's columns: each data row must say it was created.
    my $body = $r->{content} // '';
    my $lines = () = $body =~ /\n/g;
    my $said = () = $body =~ /(?:^|[,;"])criado(?:[,;"]|\r?$)/mg;
    push @bad, "import $id: GET /importacao/$id/resultado: $r->{status}, $lines lines ($said saying criado),"
        . " expected " . ($ROWS + 1) . " lines, $ROWS saying criado"
        unless $r->{status} == 200 && $lines == $ROWS + 1 && $said == $ROWS;
    printf "import %d ended %s in %.1f s: %d result rows; result file %d lines, %d saying criado\n", $id, $status,
        $secs, $n, $lines, $said;
    push @{ $fig{import_s} }, $secs;
}

# Waits for the job to move on after a restart: its progress moves, or it ends.
sub wait_moves {
    my ($progress, $from, $done_re, $what) = @_;
    my $t = time;
    while (time - $t < 120) {
        my ($status, $now) = $progress->();
        if ($now != $from || $status =~ $done_re) {
            push @{ $fig{resume} }, time - $t;
            return 1;
        }
        sleep(0.2);
    }
    push @bad, "$what did not move on within 120 s after the restart";
    return 0;
}

my $import_kills = 0;
{
    my ($id, $t0) = start_import();
    while ($import_kills < $RUNS) {
        my ($status, $done) = import_state($id);
        if ($status eq 'done' || $status eq 'failed') {
            finish_import($id, $t0);
            last if @bad;
            ($id, $t0) = start_import();
            next;
        }
        die "F1: $imports imports ended before $RUNS kills could be made\n" if $imports > 3 * $RUNS + 2;
        # The rate over a short window, then a delay within the time it has left.
        my $t = time;
        sleep(0.3);
        my ($s2, $d2) = import_state($id);
        next if $s2 ne 'running' || $d2 == $done;
        my $rate = ($d2 - $done) / (time - $t);
        my $left = ($ROWS - $d2) / $rate;
        if ($left < 0.5) { sleep(0.2); next }
        my $delay = 0.05 + rand(0.9 * $left);
        sleep($delay);
        my ($s3, $d3) = import_state($id);
        next if $s3 ne 'running';
        kill_and_restart("import $id at about row $d3 of $ROWS", $delay);
        $import_kills++;
        my ($s4, $d4) = check_import($id, "after kill $fig{kills} (import $id)");
        wait_moves(sub { (import_state($id))[ 0, 1 ] }, $d4, qr/^(done|failed)$/, "import $id");
        last if @bad;
    }
    finish_import($id, $t0) unless @bad;
}
printf "import: %d kills over %d import(s)\n", $import_kills, $imports;

# ------------------------------------------------------------------ the generation

my $gen_runs = 0;
my ($sel, $gen_s);
if (!@bad) {
    my $r = $c->post('/clientes/lote', [ acao => 'honorarios', todos => 1, q => 'Lote5k', csrf => $c->{csrf} ]);
    ($sel) = ($r->location // '') =~ m{^/honorarios/gerar\?selecao=(\d+)$};
    die "no selection of the Lote5k clients: " . dump_res($r) unless $sel;
}

sub gen_state {
    my ($gid) = @_;
    my ($row) = sql("SELECT status, done, created, total FROM fee_generations WHERE id = $gid");
    return @$row;
}

sub check_gen {
    my ($gid, $when) = @_;
    my ($g, $fees, $left) = snapshot("SELECT status, done, created, total FROM fee_generations WHERE id = $gid",
        "SELECT COUNT(*), COUNT(DISTINCT client_id) FROM fees WHERE generation_id = $gid",
        "SELECT COUNT(*) FROM fee_generation_items WHERE generation_id = $gid");
    my ($status, $done, $created, $total) = @$g;
    push @bad, "$when: generation $gid records $created fees, has $fees->[0]" if $created != $fees->[0];
    push @bad, "$when: generation $gid records $done clients done, $fees->[1] have its fees" if $done != $fees->[1];
    push @bad, "$when: generation $gid: $done done + $left->[0] left != $total" if $done + $left->[0] != $total;
    push @bad, "$when: generation $gid stopped mid-batch ($done clients)" if $done % $BATCH && $status ne 'done';
    push @bad, "$when: generation $gid '$status'" if $status eq 'failed';
    no_duplicates($when);
    return ($status, $done);
}

# One generation of the month K; with a delay, mariadbd killed that long after the POST.
sub generation {
    my ($k, $delay) = @_;
    my ($mes, $ano) = ($k % 12 + 1, 2030 + int($k / 12));
    my $t0 = time;
    my $r = $c->post('/honorarios/gerar', [ selecao => $sel, mes => $mes, ano => $ano, repetir => 'sim', meses => 1,
        valor_modo => 'informado', valor => '99,90', dia => 15, csrf => $c->{csrf} ]);
    my ($number) = ($r->location // '') =~ m{^/honorarios/geracoes/(\d+)$};
    die "generation $k: " . dump_res($r) unless $number;
    my $gid = sql_value("SELECT id FROM fee_generations WHERE office_id = $OFFICE AND number = $number");
    # The worker's first batch committed (status running): from then on, its batches.
    my $t_run;
    while (time - $t0 < 60) {
        my ($s) = gen_state($gid);
        if ($s ne 'queued') { $t_run = time; last }
        sleep(0.01);
    }
    push @bad, "generation $number: still queued after 60 s" unless defined $t_run;
    if (defined $delay && defined $t_run) {
        sleep($delay - (time - $t_run)) if $delay > time - $t_run;
        my ($s, $done) = gen_state($gid);
        kill_and_restart("generation $number at $done of $FEES clients ($s)", $delay);
        my ($s2, $d2) = check_gen($gid, "after kill $fig{kills} (generation $number)");
        wait_moves(sub { (gen_state($gid))[ 0, 1 ] }, $d2, qr/^(done|failed)$/, "generation $number");
    }
    my $until = time + 600;
    my $s;
    while (time < $until) {
        ($s) = gen_state($gid);
        last if $s eq 'done' || $s eq 'failed';
        sleep(0.1);
    }
    my $secs = time - $t0;
    check_gen($gid, "generation $number at its end");
    my ($status, $done, $created, $total) = gen_state($gid);
    my $month = sprintf('%04d-%02d-01', $ano, $mes);
    my ($n, $clients) = @{ (sql("SELECT COUNT(*), COUNT(DISTINCT client_id) FROM fees WHERE office_id = $OFFICE"
        . " AND competencia = '$month'"))[0] };
    push @bad, "generation $number: '$status', $created fees for $done of $total clients; $n fees of $month"
        . " for $clients clients, expected $FEES" unless $status eq 'done' && $n == $FEES && $clients == $FEES
        && $created == $FEES && $total == $FEES;
    printf "generation %d (%02d/%d): %s, %d fees in %.1f s (%.2f s after its first batch)\n", $number, $mes, $ano,
        $status, $n, $secs, time - ($t_run // $t0);
    return wantarray ? ($secs, time - ($t_run // $t0)) : $secs;
}

if (!@bad) {
    my $run_s;
    ($gen_s, $run_s) = generation(0, undef);   # unkilled: its duration
    printf "generation measured: %.1f s for %d fees, %.2f s of them after the first batch\n", $gen_s, $FEES, $run_s;
    for my $k (1 .. $RUNS) {
        last if @bad;
        # A moment within the batches after the first (a kill before it, while the
        # generation waits for the worker, would test little).
        my $secs = generation($k, rand(0.9 * $run_s));
        push @{ $fig{gen_s} }, $secs;
        $gen_runs++;
    }
}

print "$_\n" for @bad;
if (@bad) { print "F1: seed $SEED: " . scalar(@bad) . " violation(s)\n"; exit 1 }
# The office's data stays (emptied at the next run's start; scripts/faults starts every run
# from an empty database): deleting 300,000 clients here would take longer than the fault.

print "FAULT-RUNS: " . ($import_kills + $gen_runs) . "\n";
print "FAULT-INJECTED: SIGKILL of mariadbd at a random moment (seed $SEED), then restarted: $import_kills times"
    . " during a $ROWS-row import ($imports import(s)), $gen_runs times during a $FEES-fee generation\n";
print "FAULT-CHECKED: after each kill (one snapshot): every batch whole or absent, office clients = rows"
    . " created, no document twice, no fee twice; the job moves on; at the end: done, every line in the result"
    . " (and the result file), every client with its fee\n";
printf "FAULT-FIGURE: F1: %d kills; mariadbd back in %.1f s (median), the job moving again %.1f s after it (median)\n",
    $fig{kills}, median(@{ $fig{restart} }), median(@{ $fig{resume} });
printf "FAULT-FIGURE: F1: import of %d rows with kills: %.1f s (median of %d); generation of %d fees: %.1f s"
    . " unkilled, %.1f s with a kill (median of %d)\n", $ROWS, median(@{ $fig{import_s} || [] }),
    scalar @{ $fig{import_s} || [] }, $FEES, $gen_s, median(@{ $fig{gen_s} || [] }), $gen_runs;
exit 0;
