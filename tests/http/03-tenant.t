#!/usr/bin/perl
# Offices (tenants) from the Host header: logins, sessions and reset links stay in their office.
use strict;
use warnings;
use utf8;
use Test::More;
use Portal::Test;

my $PW    = DEMO_PASSWORD;
my $ANA   = 'ana@demo.com.br';
my $CARLA = 'carla@outra.com.br';
my $OUTRA = 'outra.localhost';

clean_login_attempts();
END { eval { clean_login_attempts() } }

subtest 'carla logs in at outra.localhost' => sub {
    my $o = Portal::Test::Client->new(host => $OUTRA);
    my $r = $o->get('/entrar');
    status_is($r, 200, 'GET https://outra.localhost/entrar: 200');
    $r = $o->login($CARLA, $PW);
    status_is($r, 303, 'carla at outra.localhost: 303');
    location_is($r, '/', 'Location /');
    ok($o->session, 'session cookie');
    $r = $o->get('/');
    status_is($r, 200, 'GET / at outra.localhost: 200');
    text_has($r, 'Outra Contabilidade', 'office name Outra Contabilidade');
    text_has($r, 'Carla Dias', 'user name Carla Dias');
    text_lacks($r, 'Escritório Demonstração', 'not the demo office');
    security_headers_ok($r, '200 GET / at outra.localhost');

    # Her session is no session at the default host.
    my $d = Portal::Test::Client->new;
    $d->set_cookie(sessao => $o->session);
    $r = $d->get('/');
    status_is($r, 303, "carla's session cookie at the default host: 303");
    location_is($r, '/entrar', '... to /entrar');
};

subtest 'users of the other office cannot log in' => sub {
    clean_login_attempts();
    my $o = Portal::Test::Client->new(host => $OUTRA);
    my $r = $o->login($ANA, $PW);
    status_is($r, 401, 'ana@demo.com.br at outra.localhost: 401');
    text_has($r, 'E-mail ou senha incorretos.', '... the usual wrong-login text');
    ok(!$o->session, '... no session');

    my $d = Portal::Test::Client->new;
    $r = $d->login($CARLA, $PW);
    status_is($r, 401, 'carla at the default host: 401');
    text_has($r, 'E-mail ou senha incorretos.', '... the usual wrong-login text');
    ok(!$d->session, '... no session');

    my $l = Portal::Test::Client->new(host => 'localhost');
    $r = $l->login($CARLA, $PW);
    status_is($r, 401, 'carla at Host localhost (default office): 401');
    clean_login_attempts();
};

subtest 'a demo session is not a session at outra.localhost' => sub {
    clean_login_attempts();
    my $d = Portal::Test::Client->new;
    status_is($d->login($ANA, $PW), 303, 'ana logs in at the default host');
    status_is($d->get('/'), 200, 'GET / at the default host: 200');
    my $o = Portal::Test::Client->new(host => $OUTRA);
    $o->set_cookie(sessao => $d->session);
    my $r = $o->get('/');
    status_is($r, 303, "ana's session cookie sent to outra.localhost: 303");
    location_is($r, '/entrar', '... to /entrar');
    $r = $o->get('/entrar');
    status_is($r, 200, 'GET /entrar at outra.localhost with that cookie: the login form (not logged in)');
    status_is($d->get('/'), 200, 'the session still works at its own host');
};

subtest 'password reset links name their office and only work there' => sub {
    clean_login_attempts();
    my $o = Portal::Test::Client->new(host => $OUTRA);
    my $seen = mail_ids($CARLA);
    my $r = $o->submit('/senha', '/senha', [email => $CARLA]);
    status_is($r, 200, 'POST /senha for carla at outra.localhost: 200');
    text_has($r, 'Se o e-mail estiver cadastrado', '... the neutral text');
    my $m = mail_wait($CARLA, $seen, 15);
    ok($m, 'a mail to carla arrives') or return;
    my ($link, $tok) = ($m->{text} // '') =~ m{(https?://\S+?/senha/nova\?t=([0-9a-fA-F]{64}))\b};
    ok($link, 'the mail has a reset link') or return diag $m->{text};
    is(substr($link, 0, length "https://$OUTRA:$BASE_PORT/senha/nova?t="), "https://$OUTRA:$BASE_PORT/senha/nova?t=",
        'the link points at https://outra.localhost');

    my $d = Portal::Test::Client->new;
    $r = $d->get("/senha/nova?t=$tok");
    status_is($r, 410, "carla's token at the default host: 410");
    text_has($r, 'Link inválido', "... 'Link inválido'");

    $r = $o->get("/senha/nova?t=$tok");
    status_is($r, 200, "carla's token at outra.localhost: 200 form");
    ok(has_input($r, 'senha') && has_input($r, 'senha2'), '... with senha and senha2');

    # A reset asked at outra.localhost for a user of the demo office writes no mail.
    my $before = sql_value("SELECT COUNT(*) FROM outbox WHERE to_address = 'ana\@demo.com.br'");
    $r = $o->submit('/senha', '/senha', [email => $ANA]);
    status_is($r, 200, 'POST /senha for ana at outra.localhost: 200');
    text_has($r, 'Se o e-mail estiver cadastrado', '... the same neutral text');
    is(sql_value("SELECT COUNT(*) FROM outbox WHERE to_address = 'ana\@demo.com.br'"), $before,
        '... and no outbox row for ana');
};

clean_login_attempts();
done_testing();
