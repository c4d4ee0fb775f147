#!/usr/bin/perl
# A new office's start page (issue 26 #21): a first-steps list (office data, PIX key,
# clients, fee plans, team), each step linked to its page and marked done when it is,
# the list gone when all are; no cards of zeros while the office has no fee.
use strict;
use warnings;
use utf8;
use Test::More;
use Portal::Test qw(:DEFAULT :cadastro);

my $BUILD = $ENV{BUILD} || 'build/release';
my $SLUG = 'novo' . $$ . int(rand(1000));
my $HOST = "$SLUG.localhost";
my $ADMIN = "dono\@$SLUG.com.br";
my $STAFF = "equipe\@$SLUG.com.br";

system("$ROOT/$BUILD/bin/portalctl", '-c', "$ROOT/var/test/portal.hdf", 'office', 'create',
    '--slug', $SLUG, '--name', 'Novo Escritório Contábil', '--admin', $ADMIN) == 0
    or BAIL_OUT('portalctl office create failed');
my $office = sql_value("SELECT id FROM offices WHERE slug = '$SLUG'");
my $hash = sql_quote(sql_value("SELECT password_hash FROM staff_users WHERE email = 'ana\@demo.com.br'"));
sql("UPDATE staff_users SET password_hash = $hash WHERE office_id = $office");
clean_login_attempts();
my $a = staff_login($ADMIN, host => $HOST);

my @STEPS = (
    [escritorio => '/escritorio#t-dados', 'Dados do escritório'],
    [pix => '/escritorio#t-pix', 'Chave PIX'],
    [clientes => '/importacao', 'Importar os clientes'],
    [planos => '/clientes', 'Planos de honorários'],
    [equipe => '/equipe', 'Equipe'],
);

sub step_html {
    my ($page, $id) = @_;
    my ($li) = html_of($page) =~ m{(<li id="passo-$id".*?</li>)}s;
    return $li;
}

my $r = $a->get('/');
status_is($r, 200, "a new office's start page");
text_has($r, 'Primeiros passos', 'shows the first steps');
text_has($r, '0 de 5 feitos', '... none done yet');
for my $s (@STEPS) {
    my ($id, $href, $title) = @$s;
    my $li = step_html($r, $id);
    ok($li, "the step $id is listed") or next;
    like($li, qr{<a class="passo-titulo" href="\Q$href\E">\Q$title\E</a>}, "... linked to $href");
    (my $path = $href) =~ s/#.*//;
    status_is($a->get($path), 200, "... a page that opens");
}
unlike(html_of($r), qr{id="inicio-a-receber"}, 'no cards of zeros');
text_lacks($r, 'Clientes sem plano', '... none of them');

# Each step done in its own way: marked done, the others still linked.
sql("UPDATE offices SET cnpj = '11222333000181', address = 'Rua das Flores, 100', city = 'Campinas' WHERE id = $office");
$r = $a->get('/');
like(step_html($r, 'escritorio') // '', qr{class="feito".*selo-ok">feito<}s, 'the office data filled in: that step done');
text_has($r, '1 de 5 feitos', '... counted');
like(step_html($r, 'pix') // '', qr{href="/escritorio#t-pix"}, '... the PIX key still to do');

# A member of the team (not an admin) sees the admin's steps without a link.
sql("INSERT INTO staff_users (office_id, name, email, password_hash, role) VALUES ($office, 'Edu Equipe', '$STAFF', $hash, 'staff')");
my $e = staff_login($STAFF, host => $HOST);
$r = $e->get('/');
text_has($r, '2 de 5 feitos', 'a second member: the team step done');
my $pix = step_html($r, 'pix') // '';
unlike($pix, qr{<a }, "a non-admin: the PIX step (an admin's) is not a link");
like($pix, qr{Peça a uma pessoa administradora}, '... and says who can do it');
like(step_html($r, 'clientes') // '', qr{href="/importacao"}, '... the import is linked for anyone');

sql("UPDATE offices SET pix_key = 'contato\@novo.com.br', pix_key_type = 'E-mail' WHERE id = $office");
my $client = create_client($a, nome => "Primeiro Cliente $SLUG");
ok($client, 'a first client');
$r = $a->get('/');
text_has($r, '4 de 5 feitos', 'PIX and clients done');
# An office already billing with a step left: its day first, then only what is left.
sql("INSERT INTO fees (office_id, client_id, competencia, description, amount, due_date, created_at, updated_at)"
    . " VALUES ($office, $client, '2026-01-01', 'Honorários 01/2026', 45000, '2026-02-10', UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))");
sql("UPDATE offices SET cnpj = '' WHERE id = $office");
$r = $a->get('/');
like(html_of($r), qr{id="inicio-a-receber".*Falta configurar}s, 'an office with fees: the day, then "Falta configurar"');
text_lacks($r, 'Primeiros passos', '... not the first-steps list');
like(step_html($r, 'escritorio') // '', qr{href="/escritorio#t-dados"}, '... the office data left to do');
ok(!step_html($r, 'pix') && !step_html($r, 'equipe'), '... and none of the steps done');
sql("UPDATE offices SET cnpj = '11222333000181' WHERE id = $office");
sql("INSERT INTO fee_plans (office_id, client_id, description, amount, due_day, start_month, created_at, updated_at)"
    . " VALUES ($office, $client, 'Honorários mensais', 45000, 10, '2026-01-01', UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))");
$r = $a->get('/');
status_is($r, 200, 'every step done');
text_lacks($r, 'Primeiros passos', '... the list is gone');
text_lacks($r, 'Falta configurar', '... all of it');
like(html_of($r), qr{class="atalho" href="/clientes"}, '... the areas remain');

sql("UPDATE offices SET active = FALSE WHERE id = $office");
done_testing();
