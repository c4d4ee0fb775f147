#!/usr/bin/perl
# A program worker keeps the staff sessions it has checked (lib/web/session.c, for up to a
# minute): nothing the session query depends on may outlive its change in any worker.
# Each case first opens pages enough times for every worker of acesso and cadastro to
# keep the session, then changes one thing and asks again, several times.
use strict;
use warnings;
use utf8;
use Test::More;
use Portal::Test;

my $BRUNO = 'bruno@demo.com.br';
my $PW    = DEMO_PASSWORD;
my $WARM  = 24;   # requests before a change: the 4 workers of each program keep it
my $AFTER = 12;   # requests after it, each of which must see the change

clean_login_attempts();
my ($bruno_id) = sql_value("SELECT id FROM staff_users WHERE email = '$BRUNO'");
my $restore = "UPDATE staff_users SET active = 1, role = 'staff', name = 'Bruno Costa'"
    . " WHERE id = $bruno_id; UPDATE offices SET require_second_factor = 0 WHERE slug = 'demo'";
my ($bruno_name) = sql_value("SELECT name FROM staff_users WHERE id = $bruno_id");
$restore =~ s/Bruno Costa/$bruno_name/;
END { eval { sql($restore); clean_login_attempts() } }

sub bruno {
    my $c = Portal::Test::Client->new;
    my $r = $c->login($BRUNO, $PW);
    die 'login as bruno failed: ' . dump_res($r) unless $r->{status} == 303;
    return $c;
}

sub warm {
    my ($c, @paths) = @_;
    @paths = ('/', '/clientes') unless @paths;
    for my $i (1 .. $WARM) {
        my $r = $c->get($paths[$i % @paths]);
        return fail("warm-up $paths[$i % @paths]: $r->{status}") unless $r->{status} == 200;
    }
    return 1;
}

# Every one of $AFTER requests to each path answers as $check says.
sub every_after {
    my ($c, $what, $check, @paths) = @_;
    @paths = ('/', '/clientes') unless @paths;
    my @bad;
    for my $i (1 .. $AFTER) {
        my $p = $paths[$i % @paths];
        my $r = $c->get($p);
        push @bad, "$p: $r->{status}" unless $check->($r);
    }
    ok(!@bad, $what) or diag join ', ', @bad;
}

my $to_login = sub { $_[0]{status} == 303 && ($_[0]->location // '') =~ m{^/entrar} };

subtest 'logout in another tab ends the session in every worker' => sub {
    my $c = bruno();
    warm($c);
    my $other = Portal::Test::Client->new;
    $other->set_cookie(sessao => $c->cookie('sessao'));
    my $r = $other->post('/sair', [csrf => csrf_of($other->get('/sair'))]);
    status_is($r, 303, 'POST /sair from the other tab: 303');
    every_after($c, 'every later request goes to /entrar', $to_login);
};

subtest 'a session deleted in the database' => sub {
    my $c = bruno();
    warm($c);
    sql('DELETE FROM sessions WHERE ' . session_where($c->cookie('sessao')));
    every_after($c, 'every later request goes to /entrar', $to_login);
};

subtest 'a session past its absolute expiry' => sub {
    my $c = bruno();
    warm($c);
    sql('UPDATE sessions SET expires_at = UTC_TIMESTAMP(6) - INTERVAL 1 SECOND WHERE '
        . session_where($c->cookie('sessao')));
    every_after($c, 'every later request goes to /entrar', $to_login);
};

subtest 'a staff member deactivated' => sub {
    my $c = bruno();
    warm($c);
    sql("UPDATE staff_users SET active = 0 WHERE id = $bruno_id");
    every_after($c, 'every later request goes to /entrar', $to_login);
    sql("UPDATE staff_users SET active = 1 WHERE id = $bruno_id");
};

subtest 'a staff member renamed: every page shows the new name' => sub {
    my $c = bruno();
    warm($c);
    sql("UPDATE staff_users SET name = 'Bruno Renomeado' WHERE id = $bruno_id");
    every_after($c, 'every later page names "Bruno Renomeado"',
        sub { $_[0]{status} == 200 && $_[0]{text} =~ /Bruno Renomeado/ });
    sql("UPDATE staff_users SET name = " . sql_quote($bruno_name) . " WHERE id = $bruno_id");
};

subtest 'an admin made staff loses the admin pages at once' => sub {
    sql("UPDATE staff_users SET role = 'admin' WHERE id = $bruno_id");
    my $c = bruno();
    warm($c, '/equipe');
    sql("UPDATE staff_users SET role = 'staff' WHERE id = $bruno_id");
    every_after($c, 'every later /equipe answers 403', sub { $_[0]{status} == 403 }, '/equipe');
};

subtest 'the office starts requiring a second factor' => sub {
    my $c = bruno();
    warm($c);
    sql("UPDATE offices SET require_second_factor = 1 WHERE slug = 'demo'");
    every_after($c, 'every later page sends to /conta/segundo-fator',
        sub { $_[0]{status} == 303 && ($_[0]->location // '') eq '/conta/segundo-fator' });
    sql("UPDATE offices SET require_second_factor = 0 WHERE slug = 'demo'");
};

subtest 'a preference changed elsewhere (the card view)' => sub {
    my $c = bruno();
    warm($c, '/clientes');
    sql("INSERT INTO user_prefs (user_id, client_view) VALUES ($bruno_id, 'cartoes')"
        . " ON DUPLICATE KEY UPDATE client_view = 'cartoes'");
    every_after($c, 'every later list shows the cards',
        sub { $_[0]{status} == 200 && $_[0]{text} =~ /<ul class="cartoes"/ }, '/clientes');
    sql("UPDATE user_prefs SET client_view = 'lista' WHERE user_id = $bruno_id");
    every_after($c, 'and then the list again',
        sub { $_[0]{status} == 200 && $_[0]{text} !~ /<ul class="cartoes"/ }, '/clientes');
    sql("DELETE FROM user_prefs WHERE user_id = $bruno_id");
};

subtest 'the office deactivated' => sub {
    my $c = bruno();
    warm($c);
    sql("UPDATE offices SET active = 0 WHERE slug = 'demo'");
    my @status;
    for (1 .. $AFTER) { push @status, $c->get('/clientes')->{status} }
    sql("UPDATE offices SET active = 1 WHERE slug = 'demo'");
    ok(!grep({ $_ == 200 } @status), 'no page of the office while it is deactivated')
        or diag "@status";
};

subtest 'what does not change a session does not make workers check it again' => sub {
    my $c = bruno();
    warm($c);
    my $before = sql_value("SELECT auth_version FROM client_counts cc JOIN offices o"
        . " ON o.id = cc.office_id WHERE o.slug = 'demo'");
    sql('UPDATE sessions SET last_seen_at = UTC_TIMESTAMP(6) WHERE '
        . session_where($c->cookie('sessao')));
    sql("UPDATE staff_users SET last_login_at = UTC_TIMESTAMP(6) WHERE id = $bruno_id");
    is(sql_value("SELECT auth_version FROM client_counts cc JOIN offices o"
        . " ON o.id = cc.office_id WHERE o.slug = 'demo'"), $before,
        'last_seen_at and last_login_at leave auth_version alone');
    every_after($c, 'the session still opens every page', sub { $_[0]{status} == 200 });
};

subtest 'a kept session is not taken on another office host' => sub {
    my $c = bruno();
    warm($c);
    my $cross = Portal::Test::Client->new(host => 'outra.localhost');
    $cross->set_cookie(sessao => $c->cookie('sessao'));
    every_after($cross, "demo's session on outra.localhost: /entrar",
        $to_login);
};

done_testing;
