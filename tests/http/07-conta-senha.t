#!/usr/bin/perl
# Changing one's own password (/conta/senha): the current one is required, guessing it
# from an open session is throttled like the login form, and a change ends the other
# sessions and works at the next login.
use strict;
use warnings;
use utf8;
use Test::More;
use Portal::Test qw(:DEFAULT :cadastro);

my $EMAIL = 'troca' . $$ . '@demo.com.br';
my $NEW = 'Outra#Senha-Forte-2026';
my $OFFICE = office_id('demo');
sql("INSERT INTO staff_users (office_id, name, email, password_hash, role)
     SELECT $OFFICE, 'Teresa Troca', '$EMAIL', password_hash, 'staff'
     FROM staff_users WHERE email = 'ana\@demo.com.br'");
clean_login_attempts();

END {
    sql("DELETE FROM staff_users WHERE email = '$EMAIL'");
    clean_login_attempts();
}

my $a = staff_login($EMAIL);
my $b = staff_login($EMAIL);   # another browser of the same person
my $form = sub { my ($atual, $senha) = @_;
    return [csrf => $a->{csrf}, atual => $atual, senha => $senha, senha2 => $senha] };

my $r = $a->post('/conta/senha', $form->('errada-1', $NEW));
status_is($r, 422, 'a wrong current password: 422');
is(field_error($r, 'atual'), 'A senha atual não confere.', '... says so beside it');
is(sql_value("SELECT COUNT(*) FROM login_attempts WHERE login = '$EMAIL' AND NOT success"), 1,
   '... and counts as a failed login');
$a->post('/conta/senha', $form->("errada-$_", $NEW)) for 2 .. 5;
$r = $a->post('/conta/senha', $form->(DEMO_PASSWORD, $NEW));
status_is($r, 429, 'after five wrong guesses even the right one waits: 429');
like(field_error($r, 'atual') // '', qr/Aguarde 15 minutos/, '... with how long');
status_is(Portal::Test::Client->new->login($EMAIL, DEMO_PASSWORD), 429,
          '... and the login form waits too (same account)');
is(sql_value("SELECT password_hash = (SELECT password_hash FROM staff_users WHERE email = 'ana\@demo.com.br')
              FROM staff_users WHERE email = '$EMAIL'"), 1, 'the password did not change');

clean_login_attempts();
$r = $a->post('/conta/senha', $form->(DEMO_PASSWORD, $NEW));
location_is($r, '/conta?aviso=senha', 'the right current password: changed');
status_is($a->get('/conta'), 200, 'this session goes on');
isnt($b->get('/conta')->{status}, 200, 'the other session ended');
is(Portal::Test::Client->new->login($EMAIL, $NEW)->{status}, 303, 'the new password logs in');
is(Portal::Test::Client->new->login($EMAIL, DEMO_PASSWORD)->{status}, 401, 'the old one does not');

done_testing();
