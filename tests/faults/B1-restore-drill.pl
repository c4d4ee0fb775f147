#!/usr/bin/perl
# B-1, the restore drill (scripts/faults runs it on the faults stack): clients written
# through the pages, a full backup (scripts/backup backup) taken while the stack serves,
# more clients, the moment noted (every table's CHECKSUM TABLE taken then), more clients,
# the binary log archived (scripts/backup binlogs); then the database is lost (stack
# stopped, data directory deleted) and restored into the fresh data directory up to the
# noted moment (scripts/backup restore --until). Checked: every table's checksum equals
# the noted one, and through the web server the clients written before the moment are
# there and those written after it are not (404).
#
# The noted moment is a whole second with no writer running: the worker is stopped across
# it (the binary log's times are whole seconds, so a commit in the same second as the
# moment could fall on either side). The checksums are taken twice inside that second and
# must agree, which shows nothing wrote.
#
# BACKUP_BENCH=1: first the bench office (office demo up to 100,000 clients, 1,000,000
# fees, as scripts/bench seeds them), so that the figures are those of a large office.
use strict;
use warnings;
use utf8;
use FindBin;
use lib "$FindBin::Bin/../http/lib";
use Portal::Test qw(:DEFAULT :cadastro);
use POSIX qw(strftime floor);
use Time::HiRes qw(time sleep);

$| = 1;
my $ROOT = $ENV{ROOT} or die "run me through scripts/faults\n";
my $INSTANCE = $ENV{FAULTS_INSTANCE} // 'faults';
my $BUILD = $ENV{BUILD};
my $VAR = $ENV{VAR};

sub run {
    my (@cmd) = @_;
    print "\$ @cmd\n";
    my $out = `@{[ join ' ', map { "'$_'" } @cmd ]} 2>&1`;
    print $out;
    die "failed (exit " . ($? >> 8) . "): @cmd\n" if $?;
    return $out;
}

# Each table's state: its CHECKSUM TABLE, or, for a table with a stored generated column
# (fees.unpaid), the values' fingerprint below. MariaDB 10.11's CHECKSUM TABLE of such a
# table is not a function of its values: with a PERSISTENT column followed by other
# columns, the same rows give a different checksum after a server restart, and again
# after another one, with nothing written in between (seen with 300,000 rows on a private
# server: a table without the generated column, or with it last, kept its checksum).
sub checksums {
    my @tables = map { $_->[0] } sql("SELECT table_name FROM information_schema.tables "
        . "WHERE table_schema = 'portal' AND table_type = 'BASE TABLE' ORDER BY table_name");
    my %sum = map { $_->[0] => $_->[1] } sql('CHECKSUM TABLE ' . join(', ', map { "`$_`" } @tables));
    my @generated = map { $_->[0] } sql("SELECT DISTINCT table_name FROM information_schema.columns "
        . "WHERE table_schema = 'portal' AND is_generated = 'ALWAYS'");
    my $fp = fingerprints(@generated);
    $sum{"portal.$_"} = "values $fp->{\"portal.$_\"}" for @generated;
    return \%sum;
}

# A second view of a table (of each, or of those named), by its values rather than its
# stored rows: the row count and the sum of each row's CRC32 over every column (NULLs
# marked). Printed beside a checksum that differs, to tell changed values from a
# differently stored row.
sub fingerprints {
    my (@only) = @_;
    my %cols;
    push @{ $cols{ $_->[0] } }, $_->[1] for sql("SELECT table_name, column_name FROM information_schema.columns "
        . "WHERE table_schema = 'portal' AND table_name IN (SELECT table_name FROM information_schema.tables "
        . "WHERE table_schema = 'portal' AND table_type = 'BASE TABLE') ORDER BY table_name, ordinal_position");
    my %fp;
    for my $t (@only ? @only : sort keys %cols) {
        my @c = map { "`$_`" } @{ $cols{$t} };
        my $row = 'CONCAT_WS(0x1f, ' . join(', ', @c) . ', CONCAT(' . join(', ', map { "ISNULL($_)" } @c) . '))';
        $fp{"portal.$t"} = join(' ', @{ (sql("SELECT COUNT(*), COALESCE(SUM(CRC32($row)), 0) FROM `$t`"))[0] });
    }
    return \%fp;
}

# Each row's CRC32 over every column, by primary key, for the tables with an `id` column:
# taken at the noted second too, so that a table whose checksum differs can name the rows
# that differ and show both versions.
sub row_crcs {
    my ($table, $cols) = @_;
    my @c = map { "`$_`" } @$cols;
    my $row = 'CONCAT_WS(0x1f, ' . join(', ', @c) . ', CONCAT(' . join(', ', map { "ISNULL($_)" } @c) . '))';
    return { map { $_->[0] => $_->[1] } sql("SELECT id, CRC32($row) FROM `$table`") };
}

sub columns_of {
    my %cols;
    push @{ $cols{ $_->[0] } }, $_->[1] for sql("SELECT table_name, column_name FROM information_schema.columns "
        . "WHERE table_schema = 'portal' ORDER BY table_name, ordinal_position");
    return \%cols;
}

sub utc { strftime('%Y-%m-%d %H:%M:%S', gmtime($_[0])) }
sub sleep_until { my $t = shift; my $d = $t - time; sleep($d) if $d > 0 }

if (($ENV{BACKUP_BENCH} // '') eq '1') {
    my $have = sql_value("SELECT COUNT(*) FROM clients c JOIN offices o ON o.id = c.office_id WHERE o.slug = 'demo'");
    run("$BUILD/bin/portalctl", '-c', "$VAR/portal.hdf", 'seed-clients', 'demo', 100000 - $have) if $have < 100000;
    my $t = time;
    # As scripts/bench writes them: ten competências of each client (2025-01 to 2025-10).
    sql(q{SET @o = (SELECT id FROM offices WHERE slug = 'demo');
        SET @portal_bulk_insert = 1;
        INSERT INTO fees (office_id, client_id, plan_id, competencia, kind, description, amount, paid,
            due_date, status, paid_on, cancel_reason, created_at, updated_at)
        SELECT c.office_id, c.id, 0, DATE_ADD('2025-01-01', INTERVAL m.n MONTH), 'mensal',
            'Honorários contábeis', 30000 + (c.id % 40) * 2500,
            IF((c.id + m.n) % 10 < 7, 30000 + (c.id % 40) * 2500, 0),
            DATE_ADD('2025-01-10', INTERVAL m.n MONTH),
            IF((c.id + m.n) % 10 < 7, 'recebido', 'aberto'),
            IF((c.id + m.n) % 10 < 7, DATE_ADD('2025-01-08', INTERVAL m.n MONTH), NULL),
            '', UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)
        FROM clients c JOIN (SELECT 0 n UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3
            UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7
            UNION ALL SELECT 8 UNION ALL SELECT 9) m
        WHERE c.office_id = @o AND NOT c.trashed AND c.id NOT IN (SELECT client_id FROM fees WHERE office_id = @o)
        LIMIT 1000000;
        SET @portal_bulk_insert = NULL;
        DELETE FROM fee_open_days WHERE office_id = @o;
        INSERT INTO fee_open_days (office_id, due_date, fees, open_sum)
        SELECT office_id, due_date, COUNT(*), SUM(amount - paid) FROM fees
        WHERE office_id = @o AND unpaid = 1 GROUP BY office_id, due_date;
        UPDATE client_counts SET fee_version = fee_version + 1 WHERE office_id = @o});
    printf "bench office: %d clients, %d fees (fees written in %.1f s)\n",
        sql_value("SELECT COUNT(*) FROM clients c JOIN offices o ON o.id = c.office_id WHERE o.slug = 'demo'"),
        sql_value("SELECT COUNT(*) FROM fees f JOIN offices o ON o.id = f.office_id WHERE o.slug = 'demo'"),
        time - $t;
}

my $tag = sprintf('%06d', $$ % 1000000);
my $c = staff_login('ana@demo.com.br');
my %ids;    # phase => [ids]
sub write_clients {
    my ($phase, $n) = @_;
    for my $i (1 .. $n) {
        my $name = "Restauro $phase $tag $i";
        my $id = create_client($c, nome => $name, tipo => 'PJ', documento => cnpj_random(),
            email => lc("restauro.$phase.$tag.$i\@exemplo.com.br"), cidade => 'Curitiba', uf => 'PR')
            or die "could not create client $name\n";
        push @{ $ids{$phase} }, [$id, $name];
    }
    print "written: $n clients '$phase' (ids @{[ map { $_->[0] } @{ $ids{$phase} } ]})\n";
}

# 1. Data, then the backup while the stack serves.
write_clients('antes', 3);
my $out = run("$ROOT/scripts/backup", 'backup', $INSTANCE);
my ($size, $backup_s) = $out =~ /: ([0-9.]+\s*\S+) in ([0-9.]+)s/ or die "no size and time in the backup's output\n";

# 2. More data, only in the binary log.
write_clients('meio', 3);

# 3. The noted moment: no writer (the worker stopped, no request), a whole second.
run("$ROOT/scripts/stack", 'worker-kill', $INSTANCE);
my $moment = floor(time) + 2;
sleep_until($moment + 0.05);
my $noted = checksums();
my $again = checksums();
my @moved = grep { ($noted->{$_} // '') ne ($again->{$_} // '') } sort keys %$noted;
die "something wrote during the noted second (tables @moved): the drill needs a quiet moment\n" if @moved;
my $noted_fp = fingerprints();
my $cols = columns_of();
my %noted_rows = map { ("portal.$_" => row_crcs($_, $cols->{$_})) } grep { grep { $_ eq 'id' } @{ $cols->{$_} } } sort keys %$cols;
sleep_until($moment + 1.05);
my $until = utc($moment);
printf "noted moment: %s UTC; %d tables checksummed\n", $until, scalar keys %$noted;

# 4. More data after it, the worker back, the binary log archived.
run("$ROOT/scripts/stack", 'worker-start', $INSTANCE);
write_clients('depois', 3);
run("$ROOT/scripts/backup", 'binlogs', $INSTANCE);

# 5. The database lost, and restored to the moment.
run("$ROOT/scripts/stack", 'reset', $INSTANCE);
my $t0 = time;
$out = run("$ROOT/scripts/backup", 'restore', $INSTANCE, '--until', $until);
my $restore_s = time - $t0;
my $restored = checksums();
my @differ = grep { ($noted->{$_} // 'none') ne ($restored->{$_} // 'none') }
    sort(keys %{ { %$noted, %$restored } });
if (@differ) {
    my $fp = fingerprints();
    for my $t (@differ) {
        printf "checksum of %s: noted %s, restored %s; rows and values (count, sum of CRC32): noted %s, restored %s\n",
            $t, $noted->{$t} // 'none', $restored->{$t} // 'none', $noted_fp->{$t} // 'none', $fp->{$t} // 'none';
        my $before = $noted_rows{$t} or next;
        (my $name = $t) =~ s/^portal\.//;
        my $now = row_crcs($name, $cols->{$name});
        my @ids = grep { ($before->{$_} // '') ne ($now->{$_} // '') } sort { $a <=> $b } keys %{ { %$before, %$now } };
        printf "  %d row(s) of %s differ by value; first ids: %s\n", scalar @ids, $t, join(' ', @ids[0 .. ($#ids < 9 ? $#ids : 9)]);
        print "  restored row $_: ", join(' | ', map { $_ // 'NULL' } @{ (sql("SELECT * FROM `$name` WHERE id = $_"))[0] // [] }), "\n"
            for @ids[0 .. ($#ids < 2 ? $#ids : 2)];
        print "  SHOW CREATE TABLE: ", (sql("SHOW CREATE TABLE `$name`"))[0][1], "\n";
    }
}
die scalar(@differ) . " table(s) differ from the noted moment: @differ\n" if @differ;
print "every table's checksum equals the noted one\n";

# 6. The programs serve the restored data.
run("$ROOT/scripts/stack", 'start', $INSTANCE);
my $rto = time - $t0;
$c = staff_login('ana@demo.com.br');
my $bad = 0;
for my $phase (qw(antes meio depois)) {
    for my $row (@{ $ids{$phase} }) {
        my ($id, $name) = @$row;
        my $r = $c->get("/clientes/$id");
        my $want = $phase eq 'depois' ? 404 : 200;
        my $shown = $r->{status} == 200 && index($r->{text} // $r->{content} // '', $name) >= 0;
        my $ok = $phase eq 'depois' ? $r->{status} == 404 : $shown;
        printf "GET /clientes/%d (%s, %s): %d%s\n", $id, $name, $phase, $r->{status},
            $ok ? '' : " — expected $want" . ($want == 200 ? " showing the name" : '');
        $bad++ unless $ok;
    }
}
die "$bad page(s) did not show the restored data\n" if $bad;

my $clients = sql_value('SELECT COUNT(*) FROM clients');
my $fees = sql_value('SELECT COUNT(*) FROM fees');
print "FAULT-RUNS: 1\n";
print "FAULT-INJECTED: database lost after a hot backup (mariabackup) + archived binary log; restored to a noted second\n";
my $by_values = grep { /^values / } values %$noted;
printf "FAULT-CHECKED: all %d tables = at the noted second (CHECKSUM TABLE; %d with a generated column by every row's values); "
    . "clients before it served (200), after it 404\n", scalar keys %$noted, $by_values;
printf "FAULT-FIGURE: data: %d clients, %d fees; backup %s in %s s (hot, while serving)\n", $clients, $fees, $size, $backup_s;
printf "FAULT-FIGURE: restore (prepare, move back, binary log to the second) %.1f s; RTO (restore + stack start, serving) %.1f s\n",
    $restore_s, $rto;
print "FAULT-FIGURE: RPO: 0 s of what the archived binary log holds (every commit up to the noted second came back); "
    . "a lost disk loses what was written since the last scripts/backup binlogs\n";
exit 0;
