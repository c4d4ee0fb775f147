#!/usr/bin/perl
# The import's figures for make bench (scripts/bench runs this on the bench instance, whose
# office demo holds BENCH_CLIENTS clients already): a generated 100,000-row Windows-1252
# ';' file imported as a person does it — upload, the check (dry run), the import — timed
# end to end beside LOAD DATA LOCAL INFILE of the same file into a bare table; the
# worker's peak memory (VmHWM, the worker restarted before each import) for 100,000 and
# 1,000,000 rows; the same file again with "update existing records"; the same figures
# for a 100,000-row XLSX; the rows one imported client costs in each table; and, in a
# separate run with MariaDB's slow log on (so that the timed runs are not slowed by it),
# the share of the database's time each table takes.
#
#   perl tests/bench/import.pl            (the bench instance must be up: scripts/bench)
#
# Environment: BENCH_IMPORT_ROWS (100000), BENCH_IMPORT_MILLION (1: also the 1,000,000-
# row file; 0 skips it), BENCH_LOAD_RUNS (3). Prints "bench: ..." lines and the limits
# with PASS or FAIL; its last line is "IMPORT_FAILED=N" (the limits that failed).
use strict;
use warnings;
use utf8;

use FindBin;
# The bench instance: its HTTPS port, plain port, mail API and the certificate to trust.
BEGIN {
    $ENV{PORTAL_TEST_PORT}      ||= 28443;
    $ENV{PORTAL_TEST_HTTP_PORT} ||= 28080;
    $ENV{PORTAL_TEST_MAIL_PORT} ||= 28025;
    $ENV{PORTAL_TEST_CA}        ||= "$FindBin::Bin/../../var/bench/tls/cert.pem";
}
use lib "$FindBin::Bin/../http/lib";
use Portal::Test ();
use Time::HiRes qw(time sleep);

binmode STDOUT, ':encoding(UTF-8)';
binmode STDERR, ':encoding(UTF-8)';
$| = 1;

my $ROOT = $Portal::Test::ROOT;
my $VAR = "$ROOT/var/bench";
my $TMP = "$VAR/tmp/import";
my $ROWS = $ENV{BENCH_IMPORT_ROWS} // 100000;
my $MILLION = $ENV{BENCH_IMPORT_MILLION} // 1;
my $LOAD_RUNS = $ENV{BENCH_LOAD_RUNS} // 3;
my $failed = 0;

sub say { print 'bench: ', @_, "\n" }
sub fmt { my ($n) = @_; 1 while $n =~ s/^(\d+)(\d{3})/$1.$2/; return $n }

sub sql {
    my ($stmt) = @_;
    open(my $fh, '-|', 'mariadb', "--defaults-file=$VAR/my.cnf", '--local-infile=1', 'portal', '-N', '-B', '-e', $stmt)
        or die "mariadb: $!";
    binmode $fh, ':encoding(UTF-8)';
    my @rows = map { chomp; [ split /\t/, $_, -1 ] } <$fh>;
    close $fh or die "sql failed: $stmt\n";
    return @rows;
}
sub sql_value { my @r = sql($_[0]); return @r ? $r[0][0] : undef }

sub check {
    my ($text, $ok) = @_;
    print "bench: ", ($ok ? 'PASS' : 'FAIL'), "  $text\n";
    $failed++ unless $ok;
}

sub median { my @s = sort { $a <=> $b } @_; return $s[ int(@s / 2) ] }

sub stack { system("$ROOT/scripts/stack", $_[0], 'bench') == 0 or die "scripts/stack $_[0] bench failed\n" }

# A fresh worker: its VmHWM is then this import's peak.
sub fresh_worker {
    stack('worker-kill');
    stack('worker-start');
    sleep 0.3;
}

sub worker_hwm_kb {
    # The program's pid (worker.pid is its supervising loop's).
    open(my $p, '<', "$VAR/run/worker.proc") or return 0;
    my $pid = <$p>;
    chomp $pid;
    open(my $s, '<', "/proc/$pid/status") or return 0;
    while (<$s>) { return $1 if /^VmHWM:\s+(\d+)/ }
    return 0;
}

sub generate {
    my ($format, $n, $from, $name) = @_;
    my $path = "$TMP/$name";
    system("perl '$ROOT/tests/bench/import_file.pl' $format $n 1 $from > '$path'") == 0 or die "generate $name\n";
    return $path;
}

# ------------------------------------------------------------------ the import, timed

my $office = sql_value("SELECT id FROM offices WHERE slug = 'demo'");
sql('DELETE FROM login_attempts');
my $c = Portal::Test::staff_login('ana@demo.com.br');
die "bench: login failed\n" unless $c->{csrf};

sub wait_status {
    my ($id, @want) = @_;
    my %w = map { $_ => 1 } @want;
    for (;;) {
        my $s = sql_value("SELECT status FROM imports WHERE id = $id");
        return $s if $w{$s};
        sleep 0.05;
    }
}

# Upload, check with the page's choices (update as asked), import: the times.
sub run_import {
    my ($path, $update) = @_;
    open(my $fh, '<:raw', $path) or die "$path: $!";
    my $bytes = do { local $/; <$fh> };
    close $fh;
    (my $name = $path) =~ s{.*/}{};
    my $bd = 'benchBoundary' . int(rand(1e9));
    my $body = "--$bd\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n$c->{csrf}\r\n"
        . "--$bd\r\nContent-Disposition: form-data; name=\"arquivo\"; filename=\"$name\"\r\n"
        . "Content-Type: application/octet-stream\r\n\r\n$bytes\r\n--$bd--\r\n";
    my $t0 = time;
    my $r = $c->post('/importacao', $body, headers => { 'content-type' => "multipart/form-data; boundary=$bd" });
    my ($id) = ($r->{status} == 303 && ($r->location // '') =~ m{^/importacao/(\d+)$});
    die "bench: upload of $name answered $r->{status}\n" unless $id;
    my $t1 = time;
    my $f = Portal::Test::form_fields($c->get("/importacao/$id"), "/importacao/$id/mapa");
    $f = Portal::Test::pairs_set($f, atualizar => $update ? 'sim' : 'nao');
    $r = $c->post("/importacao/$id/mapa", $f);
    die "bench: check of $name answered $r->{status}\n" unless $r->{status} == 303;
    my $s = wait_status($id, 'checked', 'draft');
    die "bench: the check of $name stopped: " . sql_value("SELECT error FROM imports WHERE id = $id") . "\n"
        unless $s eq 'checked';
    my $t2 = time;
    $r = $c->post("/importacao/$id/importar", [ csrf => $c->{csrf} ]);
    die "bench: import of $name answered $r->{status}\n" unless $r->{status} == 303;
    $s = wait_status($id, 'done', 'failed');
    die "bench: the import of $name failed\n" unless $s eq 'done';
    my $t3 = time;
    my ($row) = sql("SELECT total_rows, n_created, n_updated, n_unchanged, n_rejected FROM imports WHERE id = $id");
    return { id => $id, upload => $t1 - $t0, check => $t2 - $t1, import => $t3 - $t2, total => $t3 - $t0,
             rows => $row->[0], created => $row->[1], updated => $row->[2], unchanged => $row->[3],
             rejected => $row->[4], hwm => worker_hwm_kb(), size => length $bytes };
}

sub report {
    my ($what, $x) = @_;
    say(sprintf('import %-10s %s rows (%s created, %s updated, %s unchanged, %s rejected): upload %.2f s,'
        . ' check %.2f s, import %.2f s = %.2f s end to end (%s rows/s); worker peak %d MB (the file: %d MB)',
        $what, fmt($x->{rows}), fmt($x->{created}), fmt($x->{updated}), fmt($x->{unchanged}), fmt($x->{rejected}),
        $x->{upload}, $x->{check}, $x->{import}, $x->{total}, fmt(int($x->{rows} / $x->{total})),
        $x->{hwm} / 1024, $x->{size} / 1048576));
}

system('mkdir', '-p', $TMP);
my $csv = generate('csv', $ROWS, 1, 'clientes.csv');
my $xlsx = generate('xlsx', $ROWS, 5_000_001, 'clientes.xlsx');

# LOAD DATA LOCAL INFILE of the same file into a bare table: the floor of writing rows.
my @load;
for (1 .. $LOAD_RUNS) {
    sql('DROP TABLE IF EXISTS bench_load');
    sql('CREATE TABLE bench_load (id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY, tipo VARCHAR(10),'
        . ' nome VARCHAR(200), fantasia VARCHAR(200), documento VARCHAR(40), email VARCHAR(254),'
        . ' telefone VARCHAR(30), celular VARCHAR(30), endereco VARCHAR(200), cidade VARCHAR(100),'
        . ' uf VARCHAR(2), cep VARCHAR(10), situacao VARCHAR(20)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4');
    my $t0 = time;
    sql("LOAD DATA LOCAL INFILE '$csv' INTO TABLE bench_load CHARACTER SET cp1250 FIELDS TERMINATED BY ';'"
        . " OPTIONALLY ENCLOSED BY '\"' LINES TERMINATED BY '\\r\\n' IGNORE 1 LINES"
        . ' (tipo, nome, fantasia, documento, email, telefone, celular, endereco, cidade, uf, cep, situacao)');
    push @load, time - $t0;
}
my $loaded = sql_value('SELECT COUNT(*) FROM bench_load');
sql('DROP TABLE bench_load');
my $load = median(@load);
say(sprintf('import LOAD DATA LOCAL INFILE of the same %s rows into a bare table: %.2f s [%s]', fmt($loaded),
    $load, join(' ', map { sprintf '%.2f', $_ } @load)));

# The rows of each table, before and after the timed import.
my @tables = qw(clients client_words client_prefixes client_prefix_counts audit_events audit_changes import_rows);
sub table_rows { return { map { $_ => sql_value("SELECT COUNT(*) FROM $_") } @tables } }
my $before_rows = table_rows();
my $clients_before = sql_value("SELECT COUNT(*) FROM clients WHERE office_id = $office AND NOT trashed");

fresh_worker();
my $first = run_import($csv, 0);
report('csv', $first);
my $after_rows = table_rows();
my $ratio = $first->{total} / $load;
check(sprintf('import 100k CSV end to end %.2f s / LOAD DATA %.2f s = %.1fx (limit 8x; onto %s clients)',
    $first->{total}, $load, $ratio, fmt($clients_before)), $ratio <= 8);
my $per = $first->{created} || 1;
say('import rows one imported client costs: ' . join(', ', map {
    sprintf '%s %.2f', $_, ($after_rows->{$_} - $before_rows->{$_}) / $per } @tables)
    . ' (import_rows: the import\'s; the check wrote as many, deleted when the import began)');

fresh_worker();
my $again = run_import($csv, 1);
report('again', $again);
check(sprintf('import the same file with update on: %s created (limit 0)', fmt($again->{created})), $again->{created} == 0);
check(sprintf('import the same file again %.2f s vs the first %.2f s (limit: at least as fast)',
    $again->{total}, $first->{total}), $again->{total} <= $first->{total});

fresh_worker();
my $x = run_import($xlsx, 0);
report('xlsx', $x);
check(sprintf('import 100k XLSX end to end %.2f s / LOAD DATA %.2f s = %.1fx (limit 8x)',
    $x->{total}, $load, $x->{total} / $load), $x->{total} / $load <= 8);

if ($MILLION) {
    my $m = generate('min', 1_000_000, 10_000_001, 'clientes-1m.csv');
    fresh_worker();
    my $small = run_import(generate('min', 100_000, 20_000_001, 'clientes-100k-min.csv'), 0);
    report('min 100k', $small);
    fresh_worker();
    my $big = run_import($m, 0);
    report('min 1M', $big);
    unlink $m;
    # The file is in the worker's memory, and so is its text in UTF-8 (a Windows-1252
    # file is converted whole before it is read): two copies, each at most
    # Import.MaxBytes. The rest must not grow with the rows.
    my ($a, $b) = map { ($_->{hwm} - 2 * $_->{size} / 1024) / 1024 } $small, $big;
    check(sprintf('import worker peak without the file and its UTF-8 copy: %.0f MB for 1,000,000 rows'
        . ' vs %.0f MB for 100,000 (limit: +8 MB)', $b, $a), $b <= $a + 8);
} else {
    say('import 1,000,000 rows skipped (BENCH_IMPORT_MILLION=0)');
}

# ------------------------------------------------------------------ where the time goes

# A separate import of 20,000 new rows with the slow log catching every statement of
# the worker (restarted so that its session logs), summed per table written.
my $slow = "$VAR/log/import-slow.log";
unlink $slow;
sql("SET GLOBAL slow_query_log_file = '$slow'; SET GLOBAL long_query_time = 0; SET GLOBAL slow_query_log = 1");
fresh_worker();
my $p = run_import(generate('csv', 20000, 30_000_001, 'clientes-20k.csv'), 0);
sql('SET GLOBAL slow_query_log = 0; SET GLOBAL long_query_time = 10');
fresh_worker();
my (%t, $all);
if (open(my $fh, '<:raw', $slow)) {
    my ($qt, $want) = (0, 0);
    while (<$fh>) {
        if (/^# Query_time: ([\d.]+)/) { ($qt, $want) = ($1, 1); next }
        next if /^SET timestamp/ || /^#/ || !$want;
        $want = 0;
        my $k = /^(?:INSERT(?: IGNORE)? INTO|UPDATE|DELETE FROM) (\w+)/ ? "write $1"
            : /^SELECT .* FROM (\w+)/ ? "read $1" : /^COMMIT/ ? 'COMMIT' : 'other';
        $t{$k} += $qt;
        $all += $qt;
    }
}
$all ||= 1;
my @top = (sort { $t{$b} <=> $t{$a} } keys %t)[0 .. 9];
say(sprintf('import where the database time goes (20,000 rows, %.2f s import, %.2f s in statements): ', $p->{import}, $all)
    . join(', ', map { sprintf '%s %.0f%%', $_, 100 * $t{$_} / $all } grep { defined } @top));

print "IMPORT_FAILED=$failed\n";
