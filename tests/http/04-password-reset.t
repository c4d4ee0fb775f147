#!/usr/bin/perl
# Forgotten password: neutral answer, the mail, the link, the new password, single use.
use strict;
use warnings;
use utf8;
use Test::More;
use Portal::Test;

my $BRUNO = 'bruno@demo.com.br';
my $PW    = DEMO_PASSWORD;
my $NEW   = 'Outra#Senha-' . join('', map { ('a' .. 'z')[rand 26] } 1 .. 6) . '-2026';
my $BASE  = "https://localhost:$BASE_PORT";

clean_login_attempts();
# Bruno's password is put back at the end whatever happens, so other files still work.
my $saved_hash = sql_value("SELECT password_hash FROM staff_users WHERE email = '$BRUNO'");
die "no demo user $BRUNO (seed-demo?)\n" unless defined $saved_hash;
END {
    if (defined $saved_hash) {
        eval {
            sql('UPDATE staff_users SET password_hash = ' . sql_quote($saved_hash)
                    . ", active = 1 WHERE email = 'bruno\@demo.com.br'");
            clean_login_attempts();
        };
    }
}

# Asks for a reset of EMAIL and returns (response, mail, link, token).
sub ask_reset {
    my ($c, $email) = @_;
    my $seen = mail_ids($email);
    my $r = $c->submit('/senha', '/senha', [email => $email]);
    my $m = mail_wait($email, $seen, 15);
    my ($link, $tok) = $m ? (($m->{text} // '') =~ m{(https?://[^\s<>"]+?/senha/nova\?t=([0-9a-fA-F]{64}))(?![0-9a-fA-F])}) : ();
    return ($r, $m, $link, $tok);
}

my $c = Portal::Test::Client->new;

# ---- the neutral answer
my $unknown = 'ninguem-' . time . '@demo.com.br';
my $ru = $c->submit('/senha', '/senha', [email => $unknown]);
status_is($ru, 200, 'POST /senha for an unknown address: 200');
text_has($ru, 'Se o e-mail estiver cadastrado', '... neutral text');
security_headers_ok($ru, '200 POST /senha');

# A session of bruno from before the reset: it must not survive the password change.
my $old_session = Portal::Test::Client->new;
status_is($old_session->login($BRUNO, $PW), 303, 'bruno logs in before the reset');

my ($rb, $m, $link, $tok) = ask_reset($c, $BRUNO);
status_is($rb, 200, "POST /senha for $BRUNO: 200");
text_has($rb, 'Se o e-mail estiver cadastrado', '... neutral text');
(my $tu = $ru->{text}) =~ s/[0-9a-fA-F]{16,}|[A-Za-z0-9_\-]{32,}/TOKEN/g;
(my $tb = $rb->{text}) =~ s/[0-9a-fA-F]{16,}|[A-Za-z0-9_\-]{32,}/TOKEN/g;
$tu =~ s/\Q$unknown\E/EMAIL/g;
$tb =~ s/\Q$BRUNO\E/EMAIL/g;
is($tb, $tu, 'unknown address and existing user: the same page');

# ---- the mail
unless (ok($m && $tok, "a mail with a reset link to $BRUNO arrives at the catcher")) {
    diag($m ? "mail text: $m->{text}" : 'no mail in 15 s; outbox: '
            . join(' | ', map { join ',', map { $_ // 'NULL' } @$_ }
                sql("SELECT id, attempts, sent_at, last_error FROM outbox WHERE to_address = '$BRUNO' ORDER BY id DESC LIMIT 3")));
    done_testing();
    exit;
}
like($m->{subject} // '', qr/^Redefinição de senha/, 'subject "Redefinição de senha"') or diag "subject: $m->{subject}";
ok((grep { lc $_ eq $BRUNO } @{ $m->{to} || [] }), 'envelope recipient is bruno') or diag explain $m->{to};
my $raw = mail_raw($m->{id}) // '';
like($raw, qr/^Subject:\s*=\?utf-8\?[bq]\?/im, 'the Subject header is RFC 2047 encoded');
ok($link, 'the body has a /senha/nova?t=<64 hex> link') or diag $m->{text};
is(substr($link // '', 0, length "$BASE/senha/nova?t="), "$BASE/senha/nova?t=", "the link starts with $BASE");
unlike($m->{text} // '', qr/\Q$PW\E/, 'the mail does not contain the password');
unlike($raw, qr/\Q$PW\E/, 'the raw message does not contain the password');
is(scalar(mail_list($unknown)), 0, 'no mail to the unknown address');
is(sql_value("SELECT COUNT(*) FROM outbox WHERE to_address = " . sql_quote($unknown)), 0, 'no outbox row for the unknown address');

# ---- the form behind the link
my $r = $c->get("/senha/nova?t=$tok");
status_is($r, 200, 'GET the link: 200');
ok(has_form($r, '/senha/nova'), 'form POST /senha/nova') or diag dump_res($r);
ok(has_input($r, 't', 'hidden'), 'hidden t');
ok(has_input($r, 'csrf', 'hidden'), 'hidden csrf');
ok(has_input($r, 'senha'), 'input senha');
ok(has_input($r, 'senha2'), 'input senha2');
like($r->{content}, qr/<input\b[^>]*\bname=["']t["'][^>]*\bvalue=["']\Q$tok\E["']|<input\b[^>]*\bvalue=["']\Q$tok\E["'][^>]*\bname=["']t["']/i,
    'hidden t carries the token');
security_headers_ok($r, '200 GET /senha/nova');
my $csrf = csrf_of($r);

# Opening the link (as a mail scanner would) does not use it up.
status_is($c->get("/senha/nova?t=$tok"), 200, 'GET the link again: still 200');

# ---- refused passwords: 422, token kept
for my $case (
    ['1234567',       'under 8 characters'],
    ['12345678',      'common password 12345678'],
    ['password',      'common password "password"'],
    ['senha123',      'common password senha123'],
    ['x' x 129,       'over 128 characters'],
) {
    my ($pw, $what) = @$case;
    $r = $c->post('/senha/nova', [t => $tok, senha => $pw, senha2 => $pw, csrf => $csrf]);
    status_is($r, 422, "weak password ($what): 422");
    ok(has_input($r, 'senha') && has_input($r, 'senha2'), '... the form again');
    $csrf = csrf_of($r) // $csrf;
}
$r = $c->post('/senha/nova', [t => $tok, senha => $NEW, senha2 => $NEW . 'x', csrf => $csrf]);
status_is($r, 422, 'passwords that differ: 422');
ok(has_input($r, 'senha2'), '... the form again');
security_headers_ok($r, '422 POST /senha/nova');
$csrf = csrf_of($r) // $csrf;

$r = $c->post('/senha/nova', [t => $tok, senha => $NEW, senha2 => $NEW]);
status_is($r, 403, 'POST /senha/nova without csrf: 403');

# ---- the good password
$r = $c->post('/senha/nova', [t => $tok, senha => $NEW, senha2 => $NEW, csrf => $csrf]);
status_is($r, 303, 'a good new password: 303');
location_is($r, '/entrar?senha=ok', 'Location /entrar?senha=ok');
security_headers_ok($r, '303 POST /senha/nova');
$r = $c->get('/entrar?senha=ok');
status_is($r, 200, 'GET /entrar?senha=ok: 200');
text_has($r, 'Senha alterada', "... says 'Senha alterada'");

my $os = $old_session->get('/');
status_is($os, 303, "bruno's session from before the reset is gone (GET / 303)");

clean_login_attempts();
my $n = Portal::Test::Client->new;
status_is($n->login($BRUNO, $PW), 401, 'the old password no longer works');
status_is($n->login($BRUNO, $NEW), 303, 'the new password works');

# ---- single use, garbage
$r = $c->get("/senha/nova?t=$tok");
status_is($r, 410, 'the link a second time: 410');
text_has($r, 'Link inválido', "... 'Link inválido'");
security_headers_ok($r, '410 GET /senha/nova');
$csrf = csrf_of($c->get('/entrar')) // '';
$r = $c->post('/senha/nova', [t => $tok, senha => 'Mais#Uma-Senha9', senha2 => 'Mais#Uma-Senha9', csrf => $csrf]);
status_is($r, 410, 'POST with the used token: 410');
clean_login_attempts();
status_is(Portal::Test::Client->new->login($BRUNO, 'Mais#Uma-Senha9'), 401, '... and that password was not set');

$r = $c->get('/senha/nova?t=garbage');
status_is($r, 410, 'a garbage token: 410');
text_has($r, 'Link inválido', "... 'Link inválido'");
my $random = join '', map { sprintf '%02x', int rand 256 } 1 .. 32;
status_is($c->get("/senha/nova?t=$random"), 410, 'a random 64-hex token: 410');
$r = $c->get('/senha/nova');
ok($r->{status} == 410 || $r->{status} == 400, 'no token: 410 (or 400)') or diag dump_res($r);

# ---- an expired link
my ($r2, $m2, $link2, $tok2) = ask_reset($c, $BRUNO);
ok($tok2, 'a second reset mail') or diag dump_res($r2);
if ($tok2) {
    isnt($tok2, $tok, 'a new token');
    my @x = sql("UPDATE password_tokens SET created_at = created_at - INTERVAL 2 HOUR, "
            . "expires_at = expires_at - INTERVAL 2 HOUR WHERE token_hash IN "
            . "(UNHEX(SHA2('$tok2', 256)), UNHEX(SHA2(UNHEX('$tok2'), 256))); SELECT ROW_COUNT()");
    is($x[-1][0], 1, 'aged the token by 2 hours');
    $r = $c->get("/senha/nova?t=$tok2");
    status_is($r, 410, 'an expired link: 410');
    text_has($r, 'Link inválido', "... 'Link inválido'");
}

# ---- back to the demo password through the same flow
my ($r3, $m3, $link3, $tok3) = ask_reset($c, $BRUNO);
ok($tok3, 'a third reset mail, to restore the demo password') or diag dump_res($r3);
if ($tok3) {
    $r = $c->get("/senha/nova?t=$tok3");
    status_is($r, 200, 'GET the link');
    $r = $c->post('/senha/nova', [t => $tok3, senha => $PW, senha2 => $PW, csrf => csrf_of($r) // '']);
    status_is($r, 303, 'set the demo password back: 303');
    clean_login_attempts();
    status_is(Portal::Test::Client->new->login($BRUNO, $PW), 303, 'the demo password works again');
}

# ---- a mailbox is not flooded: Login.MaxResetMailsPerHour (3) per account
{
    clean_login_attempts();
    for my $n (1 .. 3) {
        my ($r4, $m4) = ask_reset($c, $BRUNO);
        ok($m4, "reset mail $n of the hour is sent");
    }
    my $seen = mail_ids($BRUNO);
    my $throttled = "SELECT COUNT(*) FROM audit_events WHERE action = 'password_reset_throttled' AND actor = '$BRUNO'";
    my $before = sql_value($throttled);
    my $r5 = $c->submit('/senha', '/senha', [email => $BRUNO]);
    status_is($r5, 200, 'a fourth request: 200');
    text_has($r5, 'Se o e-mail estiver cadastrado', '... the same neutral page');
    ok(!mail_wait($BRUNO, $seen, 3), '... and no mail');
    is(sql_value($throttled), $before + 1, 'the audit trail records it');
}

clean_login_attempts();
done_testing();
