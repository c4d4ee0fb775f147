#!/usr/bin/perl
# Least privilege (issue 27): the programs and the worker reach MariaDB each with its own
# account (made by `portalctl migrate`), which may read and write the portal's rows and
# nothing else — no DROP, no files (INTO OUTFILE), no mysql.user, no triggers of its own,
# not the migrations' record; the migrations' and the backup's accounts have only what
# they need; the passwords live in files only their owner reads; and the triggers the
# migrations' account created run when the programs' account writes.
use strict;
use warnings;
use Test::More;
use File::Temp qw(tempdir);
use Portal::Test qw(:DEFAULT :cadastro);

my $VAR = "$ROOT/var/test";

# Db.* of a rendered configuration.
sub db_conf {
    my ($file) = @_;
    open(my $fh, '<', $file) or die "$file: $!\n";
    my (%db, $in);
    while (my $line = <$fh>) {
        if ($line =~ /^Db\s*\{/) { $in = 1; next }
        if ($in && $line =~ /^\}/) { $in = 0; next }
        $db{$1} = $2 if $in && $line =~ /^\s*([A-Za-z.]+)\s*=\s*(.*?)\s*$/;
    }
    close $fh;
    return \%db;
}

my $tmp = tempdir(CLEANUP => 1);
chmod 0700, $tmp;

# Runs SQL as an account; returns (exit status, output).
sub sql_as {
    my ($db, $stmt) = @_;
    my $cnf = "$tmp/$db->{User}.cnf";
    open(my $fh, '>', $cnf) or die "$cnf: $!\n";
    chmod 0600, $cnf;
    print $fh "[client]\nuser = $db->{User}\npassword = $db->{Password}\nsocket = \"$db->{Socket}\"\n";
    close $fh;
    my $out = `mariadb --defaults-file=$cnf portal -N -B -e "$stmt" 2>&1`;
    return ($? >> 8, $out);
}

my %file = (
    programs => "$VAR/portal.hdf",
    worker   => "$VAR/worker.hdf",
    migrate  => "$VAR/secrets/admin.hdf",
);
my %db = map { $_ => db_conf($file{$_}) } keys %file;
my $admin = $db{migrate};

# ---------------------------------------------------------------- the files
for my $f (values %file, "$VAR/secrets/db-passwords", "$VAR/secrets/backup.cnf") {
    ok(-f $f, "$f exists") or next;
    is((stat $f)[2] & 07777, 0600, "$f: its owner's only");
}
is((stat "$VAR/secrets")[2] & 07777, 0700, 'the secrets folder: its owner\'s only');
open(my $pf, '<', "$VAR/secrets/db-passwords") or die $!;
my %pw = map { /^(\w+)=([0-9a-f]{64})$/ ? ($1 => $2) : () } <$pf>;
close $pf;
is(scalar(keys %pw), 4, 'four passwords of 256 bits (64 hex digits)');

is($db{programs}{User}, 'portal_app', 'the programs\' configuration names their account');
is($db{worker}{User}, 'portal_worker', 'the worker\'s names its own');
is($db{migrate}{User}, 'portal_migrate', 'the runner\'s names the migrations\' account');
is($db{programs}{Password}, $pw{programs}, 'with its password');
is($db{worker}{Password}, $pw{worker}, 'the worker\'s with its own');
for my $role (qw(programs worker)) {
    my $text = do { local (@ARGV, $/) = $file{$role}; <> };
    my @others = grep { $_ ne $role } keys %pw;
    ok(!(grep { index($text, $pw{$_}) >= 0 } @others), "the $role' configuration holds no other account's password");
    unlike($text, qr/^\s*(User\s*=\s*root|Admin)/m, "nor root's");
}

# ---------------------------------------------------------------- who connects as whom
status_is(Portal::Test::Client->new->get('/entrar'), 200, 'a page, so every program has its connection');
my %seen = map { $_->[0] => $_->[1] }
    sql("SELECT user, COUNT(*) FROM information_schema.processlist WHERE db = 'portal' GROUP BY user");
ok($seen{portal_app}, 'the programs are connected as portal_app');
ok($seen{portal_worker}, 'the worker as portal_worker');
ok(!$seen{portal_migrate}, 'nobody stays connected as the migrations\' account');

# ---------------------------------------------------------------- the grants
my $grants = sub {
    my ($user) = @_;
    return join "\n", map { $_->[0] } sql("SHOW GRANTS FOR '$user'\@'localhost'");
};
for my $user (qw(portal_app portal_worker)) {
    my $g = $grants->($user);
    like($g, qr/^GRANT USAGE ON \*\.\* TO/m, "$user: nothing server-wide");
    unlike($g, qr/ON `portal`\.\* /, "$user: nothing database-wide (so no table it was not given)");
    my @tables = ($g =~ /^GRANT SELECT, INSERT, UPDATE, DELETE ON `portal`\.`(\w+)` TO/mg);
    my @all = map { $_->[0] } sql("SELECT table_name FROM information_schema.tables
        WHERE table_schema = 'portal' AND table_name <> 'schema_migrations'");
    is(scalar(@tables), scalar(@all), "$user: rows of every table but the migrations' record (" . scalar(@all) . ')');
    unlike($g, qr/\b(FILE|SUPER|DROP|CREATE|ALTER|TRIGGER|GRANT OPTION|ALL PRIVILEGES)\b/, "$user: no FILE, SUPER, DDL or GRANT OPTION");
}
my $g = $grants->('portal_migrate');
like($g, qr/^GRANT USAGE ON \*\.\* TO/m, 'portal_migrate: nothing server-wide');
like($g, qr/^GRANT [A-Z ,]*\bDROP\b[A-Z ,]*\bTRIGGER ON `portal`\.\* TO/m, 'portal_migrate: DDL on the portal\'s database');
unlike($g, qr/\b(FILE|SUPER|GRANT OPTION|ALL PRIVILEGES)\b/, 'portal_migrate: no FILE, SUPER or GRANT OPTION');
$g = $grants->('portal_backup');
like($g, qr/^GRANT RELOAD, PROCESS, LOCK TABLES, BINLOG MONITOR ON \*\.\* TO/m, 'portal_backup: what mariabackup needs');
is(scalar(() = $g =~ /^GRANT/mg), 1, 'portal_backup: and nothing else');

# ---------------------------------------------------------------- refused
my $outfile = "$tmp/out-" . $$;
for my $role (qw(programs worker)) {
    my $db = $db{$role};
    # Never run a destructive probe as an account that could do it.
    if ($db->{User} eq 'root' || $grants->($db->{User}) =~ /\bDROP\b|ALL PRIVILEGES/) {
        fail("$role: the account $db->{User} could drop tables; the probes are not run");
        next;
    }
    my ($rc, $out) = sql_as($db, 'SELECT COUNT(*) FROM clients');
    is($rc, 0, "$role: reads the clients") or diag $out;
    ($rc, $out) = sql_as($db, 'DROP TABLE clients');
    like($out, qr/ERROR 1142 .*DROP command denied/, "$role: DROP TABLE clients refused");
    is(sql_value("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'portal' AND table_name = 'clients'"),
        1, 'the table is there');
    ($rc, $out) = sql_as($db, "SELECT id, name FROM clients LIMIT 1 INTO OUTFILE '$outfile-$role'");
    like($out, qr/ERROR 1227 .*FILE privilege/, "$role: SELECT ... INTO OUTFILE refused (no FILE)");
    ok(!-e "$outfile-$role", 'no file written');
    ($rc, $out) = sql_as($db, 'SELECT user, password FROM mysql.user');
    like($out, qr/ERROR 1142 .*SELECT command denied/, "$role: reading mysql.user refused");
    ($rc, $out) = sql_as($db, "SELECT LOAD_FILE('/etc/passwd') IS NULL");
    is($out, "1\n", "$role: LOAD_FILE reads nothing");
    ($rc, $out) = sql_as($db, "INSERT INTO schema_migrations (version, checksum) VALUES ('999_x.sql', REPEAT('0', 64))");
    like($out, qr/ERROR 1142 .*INSERT command denied/, "$role: cannot mark a migration applied");
    ($rc, $out) = sql_as($db, 'CREATE TRIGGER x_probe BEFORE INSERT ON tags FOR EACH ROW SET NEW.name = NEW.name');
    like($out, qr/ERROR 1142 .*TRIGGER command denied/, "$role: cannot create a trigger (which would run with its definer's rights)");
    ($rc, $out) = sql_as($db, 'CREATE TABLE probe_x (a INT)');
    like($out, qr/ERROR 1142 .*CREATE command denied/, "$role: cannot create a table");
    ($rc, $out) = sql_as($db, "GRANT SELECT ON portal.clients TO 'portal_backup'\@'localhost'");
    like($out, qr/ERROR (1142|1044)/, "$role: cannot grant");
}

# ---------------------------------------------------------------- the triggers
my @definers = map { $_->[0] } sql("SELECT DISTINCT definer FROM information_schema.triggers WHERE trigger_schema = 'portal'");
ok(@definers && !(grep { $_ ne 'portal_migrate@localhost' && $_ ne 'root@localhost' } @definers),
    'every trigger is the migrations\' account\'s (or root\'s, from before the accounts)') or diag "@definers";
my $office = office_id('demo');
my $before = sql_value("SELECT choices_version FROM client_counts WHERE office_id = $office");
my ($rc, $out) = sql_as($db{programs}, "INSERT INTO tags (office_id, name, created_at) VALUES ($office, 'priv-$$', UTC_TIMESTAMP(6))");
is($rc, 0, 'the programs\' account writes a row whose table has triggers') or diag $out;
is(sql_value("SELECT choices_version FROM client_counts WHERE office_id = $office"), $before + 1,
    'and the trigger ran (as its definer) in its statement');
($rc, $out) = sql_as($db{programs}, "DELETE FROM tags WHERE office_id = $office AND name = 'priv-$$'");
is($rc, 0, 'and deletes it') or diag $out;

done_testing();
