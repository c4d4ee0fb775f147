#!/usr/bin/perl
# What has expired goes (lib/acesso/sweep.c): `portalctl sweep` deletes expired and idle
# sessions, expired login challenges, password links a week past their expiry and login
# attempts older than a day, registry selections older than a day, and leaves everything
# still in use.
use strict;
use warnings;
use Test::More;
use Portal::Test qw(:DEFAULT :cadastro);

my $BUILD = $ENV{BUILD} || 'build/release';
my $CTL = "$ROOT/$BUILD/bin/portalctl";
my $HDF = "$ROOT/var/test/portal.hdf";
clean_login_attempts();

my $live = staff_login('bruno@demo.com.br');
status_is($live->get('/'), 200, 'a live session');
my $office = office_id('demo');
my $user = staff_id('bruno@demo.com.br');
my $mark = 'sw' . $$;
# Rows made old by hand: one of each kind that must go, one of each that must stay.
sql("INSERT INTO sessions (id_hash, office_id, user_id, csrf_token, created_at, last_seen_at, expires_at)
     SELECT UNHEX(SHA2('$mark-expired', 256)), $office, $user, REPEAT('a', 64), UTC_TIMESTAMP(6) - INTERVAL 3 DAY,
            UTC_TIMESTAMP(6) - INTERVAL 1 MINUTE, UTC_TIMESTAMP(6) - INTERVAL 1 SECOND
     UNION ALL SELECT UNHEX(SHA2('$mark-idle', 256)), $office, $user, REPEAT('b', 64), UTC_TIMESTAMP(6) - INTERVAL 1 DAY,
            UTC_TIMESTAMP(6) - INTERVAL 1 DAY, UTC_TIMESTAMP(6) + INTERVAL 1 DAY;
     INSERT INTO login_challenges (id_hash, office_id, user_id, next_path, created_at, expires_at)
     VALUES (UNHEX(SHA2('$mark-old', 256)), $office, $user, '/', UTC_TIMESTAMP(6) - INTERVAL 10 MINUTE,
             UTC_TIMESTAMP(6) - INTERVAL 5 MINUTE),
            (UNHEX(SHA2('$mark-new', 256)), $office, $user, '/', UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) + INTERVAL 5 MINUTE);
     INSERT INTO password_tokens (token_hash, office_id, user_id, purpose, created_at, expires_at)
     VALUES (UNHEX(SHA2('$mark-week', 256)), $office, $user, 'reset', UTC_TIMESTAMP(6) - INTERVAL 9 DAY,
             UTC_TIMESTAMP(6) - INTERVAL 8 DAY),
            (UNHEX(SHA2('$mark-day', 256)), $office, $user, 'reset', UTC_TIMESTAMP(6) - INTERVAL 2 DAY,
             UTC_TIMESTAMP(6) - INTERVAL 1 DAY);
     INSERT INTO login_attempts (office_id, login, address, success, at)
     VALUES ($office, '$mark-old\@x.br', '192.0.2.1', 0, UTC_TIMESTAMP(6) - INTERVAL 2 DAY),
            ($office, '$mark-new\@x.br', '192.0.2.1', 0, UTC_TIMESTAMP(6) - INTERVAL 1 MINUTE);
     INSERT INTO selections (office_id, user_id, total, created_at)
     VALUES ($office, $user, 7001, UTC_TIMESTAMP(6) - INTERVAL 25 HOUR), ($office, $user, 7002, UTC_TIMESTAMP(6) - INTERVAL 1 HOUR)");

my $out = `$CTL -c $HDF sweep 2>&1`;
is($?, 0, 'portalctl sweep') or diag $out;
like($out, qr/^sweep: \d+ expired rows deleted$/m, 'says how many');
my $has = sub { sql_value("SELECT COUNT(*) FROM $_[0] WHERE $_[1]") };
is($has->('sessions', "id_hash = UNHEX(SHA2('$mark-expired', 256))"), 0, 'an expired session: gone');
is($has->('sessions', "id_hash = UNHEX(SHA2('$mark-idle', 256))"), 0, 'a session idle past the limit: gone');
status_is($live->get('/'), 200, 'the live session: kept');
is($has->('login_challenges', "id_hash = UNHEX(SHA2('$mark-old', 256))"), 0, 'an expired login challenge: gone');
is($has->('login_challenges', "id_hash = UNHEX(SHA2('$mark-new', 256))"), 1, 'a pending one: kept');
is($has->('password_tokens', "token_hash = UNHEX(SHA2('$mark-week', 256))"), 0, 'a password link a week past its expiry: gone');
is($has->('password_tokens', "token_hash = UNHEX(SHA2('$mark-day', 256))"), 1, 'one a day past it: kept');
is($has->('login_attempts', "login = '$mark-old\@x.br'"), 0, 'a login attempt of two days ago: gone');
is($has->('login_attempts', "login = '$mark-new\@x.br'"), 1, 'a recent one: kept (the throttle counts it)');
is($has->('selections', "user_id = $user AND total = 7001"), 0, 'a registry selection of yesterday: gone');
is($has->('selections', "user_id = $user AND total = 7002"), 1, 'one of an hour ago: kept');
$out = `$CTL -c $HDF sweep 2>&1`;
like($out, qr/^sweep: 0 expired rows deleted$/m, 'a second sweep finds nothing');

sql("DELETE FROM login_challenges WHERE id_hash = UNHEX(SHA2('$mark-new', 256));
     DELETE FROM password_tokens WHERE token_hash = UNHEX(SHA2('$mark-day', 256));
     DELETE FROM selections WHERE user_id = $user AND total = 7002");
clean_login_attempts();
done_testing();
