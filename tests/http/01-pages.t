#!/usr/bin/perl
# Pages without a login: the login form, redirects, error pages, limits, headers.
use strict;
use warnings;
use utf8;
use Test::More;
use Portal::Test;

clean_login_attempts();

my $c = Portal::Test::Client->new;

# ---- login page
my $r = $c->get('/entrar');
status_is($r, 200, 'GET /entrar: 200');
like($r->header('content-type') // '', qr{^text/html;\s*charset=utf-8$}i, 'GET /entrar: text/html; charset=utf-8');
ok($r->{utf8_ok}, 'GET /entrar: body is valid UTF-8');
like($r->{content}, qr/<html[^>]*\blang="pt/i, "GET /entrar: html lang pt");
ok(has_form($r, '/entrar'), 'login page: <form method="post" action="/entrar">') or diag dump_res($r);
ok(has_input($r, 'email'), 'login page: input email');
ok(has_input($r, 'senha'), 'login page: input senha');
ok(has_input($r, 'senha', 'password'), 'login page: senha is type=password');
ok(has_input($r, 'csrf', 'hidden'), 'login page: hidden csrf');
my $field = csrf_of($r);
my $ck = $r->set_cookies->{'__Host-csrf'};
ok($ck, 'GET /entrar sets cookie __Host-csrf') or diag dump_res($r);
if ($ck) {
    ok(length($ck->{value}) >= 32, 'csrf cookie has a long value');
    is($field, $ck->{value}, 'hidden csrf field repeats the csrf cookie');
    ok($ck->{attrs}{httponly}, 'csrf cookie HttpOnly') or diag $ck->{raw};
    is(lc($ck->{attrs}{samesite} // ''), 'lax', 'csrf cookie SameSite=Lax') or diag $ck->{raw};
    ok($ck->{attrs}{secure}, 'csrf cookie Secure (HTTPS, as in production)') or diag $ck->{raw};
    is($ck->{attrs}{path}, '/', 'csrf cookie Path=/ (a __Host- cookie)') or diag $ck->{raw};
    ok(!exists $ck->{attrs}{domain}, 'csrf cookie has no Domain (a __Host- cookie)') or diag $ck->{raw};
}
ok(!$r->set_cookies->{'__Host-sessao'} && !$r->set_cookies->{sessao}, 'GET /entrar sets no session cookie');
security_headers_ok($r, '200 GET /entrar');
my $server = $r->header('server');
ok(!defined $server || $server !~ /\d/, 'Server header has no version') or diag "Server: $server";

# A second visit with the cookie keeps a consistent pair.
my $r2 = $c->get('/entrar');
is(csrf_of($r2), $c->cookie('csrf'), 'second GET /entrar: hidden csrf matches the cookie in the jar');

# ---- forgotten password form
$r = $c->get('/senha');
status_is($r, 200, 'GET /senha: 200');
text_has($r, 'Esqueci minha senha', 'GET /senha: title');
ok(has_form($r, '/senha'), 'GET /senha: form post /senha') or diag dump_res($r);
ok(has_input($r, 'email'), 'GET /senha: input email');
ok(has_input($r, 'csrf', 'hidden'), 'GET /senha: hidden csrf');
security_headers_ok($r, '200 GET /senha');

# ---- start page when logged out
my $anon = Portal::Test::Client->new;
$r = $anon->get('/');
status_is($r, 303, 'GET / logged out: 303');
location_is($r, '/entrar', 'GET / logged out: Location /entrar');
security_headers_ok($r, '303 GET /');

# ---- 404
$r = $anon->get('/nao-existe');
status_is($r, 404, 'GET /nao-existe: 404');
text_has($r, 'Página não encontrada', '404 page text');
like($r->header('content-type') // '', qr{^text/html}i, '404 is HTML');
security_headers_ok($r, '404 GET /nao-existe');

$r = $anon->get('/entrar/nao-existe');
status_is($r, 404, 'GET /entrar/nao-existe: 404');

# ---- 405 with Allow
$r = $anon->request('PUT', '/entrar', content => 'x=1', headers => { 'content-type' => 'application/x-www-form-urlencoded' });
status_is($r, 405, 'PUT /entrar: 405');
my $allow = $r->header('allow') // '';
ok($allow =~ /\bGET\b/ && $allow =~ /\bPOST\b/, 'PUT /entrar: Allow names GET and POST') or diag dump_res($r);
ok($allow !~ /\bPUT\b/, 'PUT /entrar: Allow does not name PUT') or diag "Allow: $allow";
security_headers_ok($r, '405 PUT /entrar');

$r = $anon->request('DELETE', '/entrar');
status_is($r, 405, 'DELETE /entrar: 405');
ok(defined $r->header('allow'), 'DELETE /entrar: Allow header');

# POST / with a valid anonymous csrf pair: the route only knows GET.
my $csrf = csrf_of($anon->get('/entrar'));
$r = $anon->post('/', [csrf => $csrf]);
status_is($r, 405, 'POST / (with csrf): 405');
$allow = $r->header('allow') // '';
like($allow, qr/\bGET\b/, 'POST /: Allow names GET') or diag dump_res($r);
unlike($allow, qr/\bPOST\b/, 'POST /: Allow does not name POST');
security_headers_ok($r, '405 POST /');

# ---- 400: malformed percent-escape
$r = $anon->get('/entrar?x=%zz');
status_is($r, 400, 'GET /entrar?x=%zz: 400');
like($r->header('content-type') // '', qr{^text/html}i, '400 is HTML');
security_headers_ok($r, '400 GET /entrar?x=%zz');

$r = $anon->get('/entrar?x=%4');
status_is($r, 400, 'GET /entrar?x=%4 (truncated escape): 400');

# A malformed urlencoded body is also 400 (with a valid csrf pair).
$csrf = csrf_of($anon->get('/entrar'));
$r = $anon->post('/entrar', "csrf=$csrf&email=a%zz&senha=x");
status_is($r, 400, 'POST /entrar with email=a%zz: 400');

# ---- 413: urlencoded body over 64 KiB
$csrf = csrf_of($anon->get('/entrar'));
my $big = "csrf=$csrf&email=ana%40demo.com.br&senha=" . ('a' x (70 * 1024));
$r = $anon->post('/entrar', $big);
status_is($r, 413, 'POST /entrar with a 70 KiB body: 413');
like($r->header('content-type') // '', qr{^text/html}i, '413 is HTML');
security_headers_ok($r, '413 POST /entrar');

# Just under the limit the form is read (not 413, not a server error).
$csrf = csrf_of($anon->get('/entrar'));
my $body = "csrf=$csrf&email=ninguem%40demo.com.br&senha=";
$body .= 'a' x (65536 - 200 - length $body);
$r = $anon->post('/entrar', $body);
ok($r->{status} != 413 && $r->{status} < 500, 'POST /entrar with a body just under 64 KiB: not 413, not 5xx')
    or diag dump_res($r);

# ---- static files
$r = $anon->get('/static/erro/413.html');
status_is($r, 200, 'GET /static/erro/413.html: 200');
security_headers_ok($r, 'static file', static => 1);

# ---- no server version anywhere
for my $p ('/entrar', '/nao-existe', '/static/erro/413.html') {
    my $x = $anon->get($p);
    my $s = $x->header('server');
    ok(!defined $s || $s !~ m{/|\d}, "Server header without version on $p") or diag "Server: $s";
}

clean_login_attempts();
done_testing();
