#!/usr/bin/perl
# Staff login: success, failures, CSRF, logout, session expiry, throttling.
use strict;
use warnings;
use utf8;
use Test::More;
use Portal::Test;

my $ANA   = 'ana@demo.com.br';
my $BRUNO = 'bruno@demo.com.br';
my $PW    = DEMO_PASSWORD;
my $WRONG_TEXT = 'E-mail ou senha incorretos.';

clean_login_attempts();
sql("UPDATE staff_users SET active = 1 WHERE email = '$BRUNO'");
END {
    eval { sql("UPDATE staff_users SET active = 1 WHERE email = 'bruno\@demo.com.br'"); clean_login_attempts() };
}

# ---------------------------------------------------------------- success
subtest 'login success' => sub {
    my $c = Portal::Test::Client->new;
    # A session id planted before login must not survive it (no fixation).
    my $planted = join '', map { sprintf '%02x', int rand 256 } 1 .. 32;
    $c->set_cookie(sessao => $planted);
    my $r = $c->login($ANA, $PW);
    status_is($r, 303, 'POST /entrar with the right password: 303');
    location_is($r, '/', 'Location: /');
    security_headers_ok($r, '303 POST /entrar');
    my $sc = $r->set_cookies->{'__Host-sessao'};
    ok($sc, 'Set-Cookie __Host-sessao') or return diag dump_res($r);
    like($sc->{value}, qr/^[0-9a-f]{64}$/i, 'session id: 64 hex');
    isnt($sc->{value}, $planted, 'a new session id (the planted one is not adopted)');
    ok($sc->{attrs}{httponly}, 'sessao HttpOnly') or diag $sc->{raw};
    is(lc($sc->{attrs}{samesite} // ''), 'lax', 'sessao SameSite=Lax') or diag $sc->{raw};
    is($sc->{attrs}{path}, '/', 'sessao Path=/') or diag $sc->{raw};
    ok($sc->{attrs}{secure}, 'sessao Secure (HTTPS, as in production)') or diag $sc->{raw};
    ok(!exists $sc->{attrs}{domain}, 'sessao has no Domain (a __Host- cookie)') or diag $sc->{raw};
    ok(!$r->set_cookies->{sessao}, 'no cookie without the __Host- prefix');
    is(sql_value('SELECT COUNT(*) FROM sessions WHERE ' . session_where($sc->{value})), 1,
        'the session row exists (hash of the id)');
    # Over HTTPS only the __Host- cookie counts: one without the prefix could have been
    # planted by a sibling subdomain or by plain HTTP.
    my $bare = Portal::Test::Client->new;
    my $b = $bare->request('GET', '/', headers => { cookie => "sessao=$sc->{value}" });
    status_is($b, 303, 'the same id in a cookie without the __Host- prefix: not logged in (303)');

    $r = $c->get('/');
    status_is($r, 200, 'GET / logged in: 200');
    text_has($r, 'Escritório Demonstração', 'start page: office name');
    text_has($r, 'Ana Souza', 'start page: user name');
    like($r->{content}, qr/<a\b[^>]*\bhref=["']\/clientes["']/i, 'start page links to /clientes');
    # Areas not built yet are named, not linked (a link would lead to a 404).
    for my $area ('Importação', 'Honorários') {
        text_has($r, $area, "start page names $area");
    }
    ok(has_form($r, '/sair'), 'start page: logout form POST /sair') or diag dump_res($r);
    my $csrf = csrf_of($r);
    ok(defined $csrf && length $csrf, 'start page: hidden csrf in the logout form');
    is($csrf, sql_value('SELECT csrf_token FROM sessions WHERE ' . session_where($c->session)),
        "logged-in forms carry the session's csrf token");
    security_headers_ok($r, '200 GET / logged in');

    $r = $c->get('/entrar');
    status_is($r, 303, 'GET /entrar logged in: 303');
    location_is($r, '/', 'GET /entrar logged in: Location /');

    # next: a local path is followed; another site is not.
    my $n = Portal::Test::Client->new;
    $r = $n->login($ANA, $PW, next => '/clientes');
    status_is($r, 303, 'login with next=/clientes: 303');
    location_is($r, '/clientes', 'login with next=/clientes: Location /clientes');
    for my $evil ('//evil.example/', 'http://evil.example/', '/\\evil.example/') {
        my $e = Portal::Test::Client->new;
        $r = $e->login($ANA, $PW, next => $evil);
        my $loc = $r->location // '';
        ok(!($r->{status} =~ /^3/ && $loc !~ m{^/(?![/\\])}),
            "login with next=$evil does not send the browser off the site ($r->{status} Location $loc)")
            or diag dump_res($r);
    }
};

# ---------------------------------------------------------------- failures
subtest 'wrong password, unknown e-mail, inactive user: the same 401' => sub {
    clean_login_attempts();
    my %body;
    my @cases = (
        [wrong_password => $ANA, 'Errada#Senha2026'],
        [unknown_email  => 'ninguem@demo.com.br', $PW],
    );
    sql("UPDATE staff_users SET active = 0 WHERE email = '$BRUNO'");
    push @cases, [inactive_user => $BRUNO, $PW];
    for my $case (@cases) {
        my ($what, $email, $pw) = @$case;
        my $c = Portal::Test::Client->new;
        my $r = $c->login($email, $pw);
        status_is($r, 401, "$what: 401");
        text_has($r, $WRONG_TEXT, "$what: '$WRONG_TEXT'");
        ok(has_form($r, '/entrar'), "$what: the form again");
        ok(!$r->set_cookies->{'__Host-sessao'}, "$what: no session cookie");
        security_headers_ok($r, "401 $what");
        # The page, with the typed e-mail and the tokens blanked out.
        (my $norm = $r->{text}) =~ s/\Q$email\E/EMAIL/g;
        $norm =~ s/[0-9a-fA-F]{16,}/HEX/g;
        $norm =~ s/[A-Za-z0-9_\-]{32,}={0,2}/TOKEN/g;
        $body{$what} = $norm;
    }
    sql("UPDATE staff_users SET active = 1 WHERE email = '$BRUNO'");
    is($body{unknown_email}, $body{wrong_password}, 'unknown e-mail and wrong password: identical pages');
    is($body{inactive_user}, $body{wrong_password}, 'inactive user and wrong password: identical pages');
    clean_login_attempts();
};

# ---------------------------------------------------------------- CSRF
subtest 'CSRF' => sub {
    clean_login_attempts();
    my $c = Portal::Test::Client->new;
    my $page = $c->get('/entrar');
    my $csrf = csrf_of($page);

    my $r = $c->post('/entrar', [email => $ANA, senha => $PW]);
    status_is($r, 403, 'POST /entrar without the csrf field: 403');
    ok(!$r->set_cookies->{'__Host-sessao'}, '... and no session');
    security_headers_ok($r, '403 POST /entrar');

    $r = $c->post('/entrar', [email => $ANA, senha => $PW, csrf => 'x' . $csrf]);
    status_is($r, 403, 'POST /entrar with a wrong csrf field: 403');
    ok(!$r->set_cookies->{'__Host-sessao'}, '... and no session');

    $r = $c->post('/entrar', [email => $ANA, senha => $PW, csrf => '']);
    status_is($r, 403, 'POST /entrar with an empty csrf field: 403');

    # The field alone, without the cookie it must match.
    my $nocookie = Portal::Test::Client->new;
    $r = $nocookie->post('/entrar', [email => $ANA, senha => $PW, csrf => $csrf]);
    status_is($r, 403, 'POST /entrar with a csrf field but no csrf cookie: 403');
    # Both empty.
    $nocookie->set_cookie(csrf => '');
    $r = $nocookie->request('POST', '/entrar', content => [email => $ANA, senha => $PW, csrf => ''],
        headers => { cookie => '__Host-csrf=' });
    status_is($r, 403, 'POST /entrar with an empty csrf cookie and field: 403');

    $r = $c->post('/senha', [email => $BRUNO]);
    status_is($r, 403, 'POST /senha without csrf: 403');

    # Logged in: POST /sair with a wrong or missing token.
    my $u = Portal::Test::Client->new;
    status_is($u->login($ANA, $PW), 303, 'login');
    my $home = $u->get('/');
    my $token = csrf_of($home);
    $r = $u->post('/sair', [csrf => 'x' . ($token // '')]);
    status_is($r, 403, 'POST /sair with a wrong csrf: 403');
    security_headers_ok($r, '403 POST /sair');
    $r = $u->post('/sair', []);
    status_is($r, 403, 'POST /sair without csrf: 403');
    status_is($u->get('/'), 200, 'the session still works after the refused logouts');
    # While logged in, only the session's token counts: the anonymous double-submit
    # cookie (which a sibling subdomain could plant) is refused.
    $r = $u->post('/sair', [csrf => $u->cookie('csrf') // 'none']);
    status_is($r, 403, 'logged-in POST /sair with the anonymous csrf cookie value instead of the session token: 403')
        unless defined $u->cookie('csrf') && defined $token && $u->cookie('csrf') eq $token;
    clean_login_attempts();
};

# ---------------------------------------------------------------- logout
subtest 'logout' => sub {
    clean_login_attempts();
    my $c = Portal::Test::Client->new;
    status_is($c->login($ANA, $PW), 303, 'login');
    my $sid = $c->session;
    ok($sid, 'have a session cookie') or return;

    my $r = $c->get('/sair');
    status_is($r, 200, 'GET /sair: 200');
    ok(has_form($r, '/sair'), 'GET /sair: form POST /sair') or diag dump_res($r);
    text_has($r, 'Sair', 'GET /sair: button Sair');
    like($r->{content}, qr/<button\b[^>]*>[^<]*Sair|<input\b[^>]*type=["']submit["'][^>]*value=["']Sair/i,
        'GET /sair: a button labelled Sair');
    my $csrf = csrf_of($r);
    ok(defined $csrf && length $csrf, 'GET /sair: hidden csrf');

    $r = $c->post('/sair', [csrf => $csrf]);
    status_is($r, 303, 'POST /sair: 303');
    location_is($r, '/entrar', 'POST /sair: Location /entrar');
    my $sc = $r->set_cookies->{'__Host-sessao'};
    ok($sc && ($sc->{value} eq '' || (defined $sc->{attrs}{'max-age'} && $sc->{attrs}{'max-age'} <= 0)
            || defined $sc->{attrs}{expires}), 'POST /sair clears the session cookie')
        or diag dump_res($r);
    security_headers_ok($r, '303 POST /sair');
    is(sql_value('SELECT COUNT(*) FROM sessions WHERE ' . session_where($sid)), 0, 'the session row is gone');

    my $replay = Portal::Test::Client->new;
    $replay->set_cookie(sessao => $sid);
    $r = $replay->get('/');
    status_is($r, 303, 'the old session cookie replayed: GET / 303');
    location_is($r, '/entrar', '... to /entrar');
    $r = $replay->post('/sair', [csrf => $csrf]);
    ok($r->{status} == 303 || $r->{status} == 403, 'the old session cookie and token: POST /sair is refused or just redirects')
        or diag dump_res($r);
};

# ---------------------------------------------------------------- expiry
subtest 'idle expiry' => sub {
    clean_login_attempts();
    my $c = Portal::Test::Client->new;
    status_is($c->login($BRUNO, $PW), 303, 'login');
    my $w = session_where($c->session // ('0' x 64));
    status_is($c->get('/'), 200, 'GET /: 200');

    my @x = sql("UPDATE sessions SET last_seen_at = last_seen_at - INTERVAL 1 HOUR WHERE $w; SELECT ROW_COUNT()");
    is($x[-1][0], 1, 'aged last_seen_at by 1 hour');
    status_is($c->get('/'), 200, 'idle 1 hour (< 120 min): still logged in');

    @x = sql("UPDATE sessions SET last_seen_at = last_seen_at - INTERVAL 3 HOUR WHERE $w; SELECT ROW_COUNT()");
    is($x[-1][0], 1, 'aged last_seen_at by 3 hours');
    my $r = $c->get('/');
    status_is($r, 303, 'idle 3 hours: GET / 303');
    location_is($r, '/entrar', '... to /entrar');
};

subtest 'absolute expiry' => sub {
    clean_login_attempts();
    my $c = Portal::Test::Client->new;
    status_is($c->login($BRUNO, $PW), 303, 'login');
    my $w = session_where($c->session // ('0' x 64));
    status_is($c->get('/'), 200, 'GET /: 200');
    my @x = sql("UPDATE sessions SET created_at = created_at - INTERVAL 13 HOUR, "
            . "expires_at = expires_at - INTERVAL 13 HOUR WHERE $w; SELECT ROW_COUNT()");
    is($x[-1][0], 1, 'aged created_at and expires_at by 13 hours (last_seen_at fresh)');
    my $r = $c->get('/');
    status_is($r, 303, 'session older than 12 hours: GET / 303');
    location_is($r, '/entrar', '... to /entrar');
};

# ---------------------------------------------------------------- throttling
subtest 'throttling per account' => sub {
    clean_login_attempts();
    my $c = Portal::Test::Client->new;
    for my $i (1 .. 5) {
        my $r = $c->login($ANA, "Errada#$i-2026");
        status_is($r, 401, "failure $i for $ANA: 401");
    }
    my $r = $c->login($ANA, $PW);
    status_is($r, 429, 'after 5 failures the right password: 429');
    text_has($r, 'Muitas tentativas', "429 says 'Muitas tentativas'");
    ok(!$r->set_cookies->{'__Host-sessao'}, '429: no session cookie');
    security_headers_ok($r, '429 POST /entrar');

    # Another account from the same address is not blocked by it.
    my $b = Portal::Test::Client->new;
    status_is($b->login($BRUNO, $PW), 303, "$BRUNO still logs in (per-account limit)");

    clean_login_attempts();
    for my $i (1 .. 5) {
        status_is($c->login('ninguem@demo.com.br', "Errada#$i-2026"), 401, "failure $i for a nonexistent e-mail: 401");
    }
    $r = $c->login('ninguem@demo.com.br', $PW);
    status_is($r, 429, 'nonexistent e-mail after 5 failures: 429 as well');
    text_has($r, 'Muitas tentativas', "429 says 'Muitas tentativas'");

    clean_login_attempts();
    status_is($c->login($ANA, $PW), 303, 'with the attempts cleared, the right password works again');
};

subtest 'throttling per address' => sub {
    clean_login_attempts();
    my $c = Portal::Test::Client->new;
    for my $i (1 .. 20) {
        my $r = $c->login("naoexiste$i\@demo.com.br", 'Errada#2026');
        status_is($r, 401, "failure $i (a different e-mail each time): 401");
    }
    my $r = $c->login($BRUNO, $PW);
    status_is($r, 429, 'after 20 failures from this address, the right password of another account: 429');
    text_has($r, 'Muitas tentativas', "429 says 'Muitas tentativas'");
    ok(!$r->set_cookies->{'__Host-sessao'}, '429: no session cookie');
    clean_login_attempts();
    status_is($c->login($BRUNO, $PW), 303, 'with the attempts cleared, login works again');
};

clean_login_attempts();
done_testing();
