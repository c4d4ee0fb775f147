#!/usr/bin/perl
# Portal do cliente (issue 11): access e-mails and their single-use links, the client's
# login (throttled, never a staff's), the start page with fees and PIX, the receipts,
# "Meus dados" (audited, shown inert on the staff profile), and every id of another
# client or office answered 404 — in an office of its own ("clientela"), emptied before
# and after.
use strict;
use warnings;
use utf8;

use lib 'tests/http/lib';
use Portal::Test qw(:DEFAULT :cadastro);
use Test::More;

my $HOST = 'clientela.localhost';
my $EMAIL = 'paula@clientela.com.br';

sub reset_office {
    my $id = office_id('clientela');
    if (!$id) {
        sql("INSERT INTO offices (slug, name) VALUES ('clientela', 'Clientela & Cia Contábil')");
        $id = office_id('clientela');
        sql("INSERT INTO staff_users (office_id, name, email, password_hash, role)"
            . " SELECT $id, 'Paula Prado', " . sql_quote($EMAIL) . ", password_hash, 'admin'"
            . " FROM staff_users WHERE email = 'ana\@demo.com.br'");
    }
    sql("DELETE FROM portal_users WHERE office_id = $id;"
        . " DELETE FROM fee_payments WHERE office_id = $id; DELETE FROM fees WHERE office_id = $id;"
        . " DELETE FROM fee_open_days WHERE office_id = $id; DELETE FROM audit_events WHERE office_id = $id;"
        . " UPDATE offices SET pix_key = '', pix_key_type = '', pix_name = '', pix_city = '' WHERE id = $id;"
        . " DELETE FROM clients WHERE office_id = $id;"
        . " UPDATE client_counts SET active = 0, inactive = 0, trashed = 0, version = version + 1,"
        . " fee_version = fee_version + 1 WHERE office_id = $id");
    return $id;
}

my $OFFICE = reset_office();
my @OTHER_CLIENTS;   # made in office "outra": removed at the end
END {
    reset_office() if $OFFICE;
    sql('DELETE FROM portal_users WHERE client_id = ' . int($_) . '; DELETE FROM clients WHERE id = ' . int($_))
        for @OTHER_CLIENTS;
    clean_login_attempts();
}
clean_login_attempts();
my $paula = staff_login($EMAIL, host => $HOST);
my $PASSWORD = 'Frase secreta do cliente 1';

sub client_of { Portal::Test::Client->new(host => $HOST) }

# The access link of the newest message to ADDRESS not in SEEN.
sub link_of {
    my ($to, $seen) = @_;
    my $m = mail_wait($to, $seen);
    return (undef, undef) unless $m;
    my ($t) = ($m->{text} // '') =~ m{/portal/acesso\?t=([0-9a-f]{64})};
    return ($t, $m);
}

# A fee row straight into the table (the generation has tests of its own).
sub add_fee {
    my ($client, %f) = @_;
    my %v = (competencia => '2026-10-01', amount => 45000, due => '2026-10-10', status => 'aberto',
             paid => 0, paid_on => undef, plan => 0, %f);
    sql("INSERT INTO fees (office_id, client_id, plan_id, competencia, kind, description, amount, paid,"
        . " due_date, status, paid_on, created_at, updated_at) VALUES ($OFFICE, $client, $v{plan}, "
        . sql_quote($v{competencia}) . ", 'mensal', 'Honorários contábeis', $v{amount}, $v{paid}, "
        . sql_quote($v{due}) . ", " . sql_quote($v{status}) . ", "
        . (defined $v{paid_on} ? sql_quote($v{paid_on}) : 'NULL') . ", UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))");
    my $id = sql_value("SELECT MAX(id) FROM fees WHERE client_id = $client");
    sql("INSERT INTO fee_payments (office_id, fee_id, paid_on, amount, method, created_at)"
        . " VALUES ($OFFICE, $id, " . sql_quote($v{paid_on}) . ", $v{amount}, 'pix', UTC_TIMESTAMP(6))")
        if $v{status} eq 'recebido';
    return $id;
}

# Logs a client in: the browser, with the session's csrf in {csrf}, and the POST's answer.
sub portal_login {
    my ($email, $password, %opt) = @_;
    my $c = Portal::Test::Client->new(host => $HOST, %opt);
    my $p = $c->get('/portal/entrar');
    my $r = $c->post('/portal/entrar', [ email => $email, senha => $password, csrf => csrf_of($p) // '' ]);
    $c->{csrf} = csrf_of($c->get('/portal')) // '';
    return wantarray ? ($c, $r) : $c;
}

# Sets a password through a link: the POST's answer.
sub set_password {
    my ($c, $token, $pw, $pw2) = @_;
    my $p = $c->get("/portal/acesso?t=$token");
    # An unusable link's page has no form: the login page's token then (as a forged form).
    my $csrf = csrf_of($p) // csrf_of($c->get('/portal/entrar'));
    return $c->post('/portal/acesso', [ t => $token, senha => $pw, senha2 => $pw2 // $pw,
                                        csrf => $csrf // '' ]);
}

sub grant {
    my ($client, $name, $email, $send) = @_;
    return $paula->post("/clientes/$client/portal",
        [ nome => $name, email => $email, ($send ? (enviar => 1) : ()), csrf => $paula->{csrf} ]);
}

my $A = create_client($paula, nome => 'Alfa Comércio de Peças Ltda', documento => cnpj_random(),
                      email => 'financeiro@alfa.com.br');
my $B = create_client($paula, nome => 'Beta Serviços Ltda', documento => cnpj_random());
sql("UPDATE offices SET pix_key = 'pix\@clientela.com.br', pix_key_type = 'email',"
    . " pix_name = 'CLIENTELA CONTABIL', pix_city = 'SAO PAULO' WHERE id = $OFFICE");
my $OPEN = add_fee($A, competencia => '2026-11-01', due => '2099-12-10');
my $LATE = add_fee($A, competencia => '2026-09-01', due => '2026-09-10', amount => 30000);
my $PAID = add_fee($A, competencia => '2026-08-01', due => '2026-08-10', status => 'recebido',
                   paid => 45000, paid_on => '2026-08-09');
my $B_FEE = add_fee($B, competencia => '2026-11-01', due => '2099-12-10');

my ($token, $mail);
subtest 'the profile offers the access, with the record\'s e-mail and no password' => sub {
    my $p = $paula->get("/clientes/$A");
    status_is($p, 200);
    ok(has_form($p, "/clientes/$A/portal"), 'the access form');
    is(input_value($p, 'email'), 'financeiro@alfa.com.br', 'the access e-mail is the main one');
    text_has($p, 'Enviar e-mail com dados de acesso');
    text_has($p, 'Nenhuma senha vai por e-mail');
};

subtest 'the access e-mail arrives: login and a link, HTML and text, never a password' => sub {
    my $seen = mail_ids('financeiro@alfa.com.br');
    my $r = grant($A, 'Ana Alfa', 'financeiro@alfa.com.br', 1);
    status_is($r, 303);
    like($r->location, qr{/clientes/$A\?portal=enviado}, 'back to the profile');
    ($token, $mail) = link_of('financeiro@alfa.com.br', $seen);
    ok($token, 'the message carries a link') or return;
    like($mail->{subject}, qr/Seu acesso ao portal de Clientela & Cia Contábil/, 'subject');
    like($mail->{text}, qr/Seu login: financeiro\@alfa\.com\.br/, 'the login');
    like($mail->{text}, qr/72 horas/, 'how long it lasts');
    like($mail->{text}, qr/nenhuma senha é enviada por e-mail/, 'says why there is no password');
    like($mail->{html} // '', qr{<a href="[^"]*/portal/acesso\?t=$token"[^>]*>Criar minha senha</a>}, 'HTML with a button');
    unlike($mail->{text}, qr/senha:\s*\S+/i, 'no password in it');
    my $p = $paula->get("/clientes/$A");
    text_has($p, 'Ana Alfa');
    text_has($p, 'Aguardando senha');
    text_has($p, 'E-mail enviado em');
};

subtest 'a scanner opening the link twice uses nothing up; the POST sets the password once' => sub {
    my $c = client_of();
    for (1 .. 2) {
        my $p = $c->get("/portal/acesso?t=$token");
        status_is($p, 200);
        text_has($p, 'Clientela & Cia Contábil');
        text_has($p, 'financeiro@alfa.com.br');
    }
    my $r = set_password($c, $token, $PASSWORD, 'outra coisa qualquer');
    status_is($r, 422);
    text_has($r, 'As duas senhas não são iguais.');
    $r = set_password($c, $token, 'curta');
    status_is($r, 422);
    $r = set_password($c, $token, $PASSWORD);
    status_is($r, 303);
    is($r->location, '/portal?aviso=bem-vindo', 'logged in');
    my $home = $c->get($r->location);
    status_is($home, 200);
    text_has($home, 'Senha criada');
    my $again = client_of()->get("/portal/acesso?t=$token");
    status_is($again, 410);
    text_has($again, 'Este link já foi usado');
    text_has($again, 'Peça um novo acesso ao escritório');
    $r = set_password(client_of(), $token, 'Outra frase bem secreta');
    status_is($r, 410, 'a second use is refused');
    ok(!portal_login('financeiro@alfa.com.br', 'Outra frase bem secreta')->cookie('portal'),
       'and changed nothing');
    my $p = $paula->get("/clientes/$A");
    text_has($p, 'link usado em');
    text_has($p, 'criou a senha do portal');
};

subtest 'a newer e-mail replaces the older link; an expired one is refused' => sub {
    my $outbox = "SELECT COUNT(*) FROM outbox WHERE to_address = 'bruno\@contadores.com.br'";
    my $queued = sql_value($outbox);
    my $r = grant($A, 'Bruno Contador', 'bruno@contadores.com.br', 0);
    like($r->location, qr/portal=criado/, 'created without an e-mail');
    my $user = sql_value("SELECT id FROM portal_users WHERE email = 'bruno\@contadores.com.br'");
    is(sql_value($outbox), $queued, 'no e-mail was sent');
    my $seen = mail_ids('bruno@contadores.com.br');
    $paula->post("/clientes/$A/portal/acao", [ usuario => $user, acao => 'reenviar', csrf => $paula->{csrf} ]);
    my ($first) = link_of('bruno@contadores.com.br', $seen);
    $seen = mail_ids('bruno@contadores.com.br');
    $r = $paula->post("/clientes/$A/portal/acao", [ usuario => $user, acao => 'reenviar', csrf => $paula->{csrf} ]);
    like($r->location, qr/portal=reenviado/);
    my ($second) = link_of('bruno@contadores.com.br', $seen);
    ok($first && $second && $first ne $second, 'two links') or return;
    my $old = client_of()->get("/portal/acesso?t=$first");
    status_is($old, 410);
    text_has($old, 'substituído');
    sql("UPDATE portal_tokens SET expires_at = UTC_TIMESTAMP(6) - INTERVAL 1 MINUTE"
        . " WHERE token_hash = UNHEX(SHA2('$second', 256))");
    my $exp = client_of()->get("/portal/acesso?t=$second");
    status_is($exp, 410);
    text_has($exp, 'expirou');
    status_is(set_password(client_of(), $second, $PASSWORD), 410, 'its POST too');
    status_is(client_of()->get('/portal/acesso?t=' . ('ab' x 32)), 410, 'an unknown token');
    status_is(client_of()->get('/portal/acesso?t=nada'), 410, 'a malformed one');
};

subtest 'login: wrong password and unknown account alike, throttled, never a staff login' => sub {
    clean_login_attempts();
    my (undef, $bad) = portal_login('financeiro@alfa.com.br', 'errada errada');
    status_is($bad, 401);
    text_has($bad, 'E-mail ou senha incorretos.');
    my (undef, $none) = portal_login('ninguem@alfa.com.br', 'errada errada');
    status_is($none, 401);
    text_has($none, 'E-mail ou senha incorretos.');
    my (undef, $staff) = portal_login($EMAIL, DEMO_PASSWORD);
    status_is($staff, 401, 'staff credentials do not open the portal');
    portal_login('financeiro@alfa.com.br', 'errada errada') for 1 .. 4;
    my (undef, $t) = portal_login('financeiro@alfa.com.br', $PASSWORD);
    status_is($t, 429, 'the sixth try is throttled, even with the right password');
    text_has($t, 'Muitas tentativas');
    my $s = Portal::Test::Client->new(host => $HOST)->login($EMAIL, DEMO_PASSWORD);
    status_is($s, 303, 'the staff realm has its own count');
    clean_login_attempts();
    my ($c, $ok) = portal_login('financeiro@alfa.com.br', $PASSWORD);
    status_is($ok, 303);
    is($ok->location, '/portal');
    ok($c->cookie('portal') && !$c->cookie('sessao'), 'a cookie of its own');
    my $staff_page = $c->get('/clientes');
    status_is($staff_page, 303, "a client's session never opens the staff pages");
    like($staff_page->location, qr{^/entrar});
    my $s2 = $paula->get('/portal');
    status_is($s2, 303, "a staff session never opens the portal");
    like($s2->location, qr{^/portal/entrar});
};

my $ana = portal_login('financeiro@alfa.com.br', $PASSWORD);

subtest 'the start page: overdue to pay with its PIX, later ones a list, the latest paid' => sub {
    my $p = $ana->get('/portal');
    status_is($p, 200);
    text_has($p, 'Clientela & Cia Contábil');
    text_has($p, 'Alfa Comércio de Peças Ltda');
    text_has($p, 'R$ 450,00');          # a vencer: due in 2099
    text_has($p, 'R$ 300,00');          # overdue, to pay now
    text_has($p, 'Venceu em 10/09/2026');
    text_has($p, 'vence 10/12/2099');
    my @codes = html_of($p) =~ m{<p[^>]*class="pix-codigo"[^>]*>(000201[^<]+)</p>}g;
    is(scalar @codes, 1, 'a PIX copia e cola for the fee to pay now') or return;
    like($codes[0], qr/pix\@clientela\.com\.br/, "the office's key");
    like($codes[0], qr/5406300\.00/, 'the overdue fee, with its value');
    my @later = html_of($ana->get("/portal/honorarios/$OPEN")) =~ m{<p[^>]*class="pix-codigo"[^>]*>(000201[^<]+)</p>}g;
    like($later[0] // '', qr/5406450\.00/, 'the later one has its PIX on its page');
    text_has($p, 'Copiar código PIX');
    my $png = $ana->get("/portal/honorarios/$OPEN/pix.png");
    status_is($png, 200);
    is($png->header('content-type'), 'image/png');
    text_has($p, 'Pagos recentemente');
    like(html_of($p), qr{/portal/honorarios/$PAID/recibo}, "the paid fee's receipt");
    text_lacks($p, 'Beta Serviços');
};

subtest 'the start page is remembered, yet a payment or a new PIX key shows at once' => sub {
    my $p = $ana->get('/portal');
    text_has($p, 'Venceu em 10/09/2026');
    is($ana->get('/portal')->{text} =~ s/name="csrf" value="[0-9a-f]+"//r, $p->{text} =~ s/name="csrf" value="[0-9a-f]+"//r,
       'the same page again');
    my $r = $paula->post("/honorarios/$LATE/pagamento", [ data => '01/10/2026', valor => '300,00', forma => 'pix',
                                                          versao => sql_value("SELECT version FROM fees WHERE id = $LATE"),
                                                          csrf => $paula->{csrf} ]);
    status_is($r, 303, 'the staff register a payment');
    $p = $ana->get('/portal');
    text_lacks($p, 'Venceu em 10/09/2026', 'the paid fee left the list');
    text_has($p, 'R$ 450,00');
    like(html_of($p), qr{/portal/honorarios/$LATE/recibo}, 'its receipt is among the latest paid');
    $r = $paula->post('/escritorio/pix', [ pix_chave => 'cobranca@clientela.com.br', pix_nome => 'Clientela', pix_cidade => 'Sao Paulo',
                                           csrf => $paula->{csrf} ]);
    status_is($r, 303, 'a new PIX key');
    like(html_of($ana->get("/portal/honorarios/$OPEN")), qr{cobranca\@clientela\.com\.br}, 'the codes carry it at once');
    # Back as it was for what follows: the key, and the fee open again, by SQL (the version moved).
    sql("UPDATE offices SET pix_key = 'pix\@clientela.com.br', pix_key_type = 'email' WHERE id = $OFFICE;"
        . " DELETE FROM fee_payments WHERE fee_id = $LATE; UPDATE fees SET paid = 0, status = 'aberto', paid_on = NULL"
        . " WHERE id = $LATE; UPDATE client_counts SET fee_version = fee_version + 1 WHERE office_id = $OFFICE");
};

subtest 'Honorários: the history with a status filter; the receipt of a paid fee' => sub {
    my $all = $ana->get('/portal/honorarios');
    status_is($all, 200);
    text_has($all, '11/2026');
    text_has($all, '08/2026');
    my $paid = $ana->get('/portal/honorarios?situacao=recebido');
    text_has($paid, '08/2026');
    text_lacks($paid, '11/2026');
    my $late = $ana->get('/portal/honorarios?situacao=vencido');
    text_has($late, '09/2026');
    text_lacks($late, '11/2026');
    status_is($ana->get('/portal/honorarios?situacao=qualquer'), 400, 'an unknown status is refused');
    my $r = $ana->get("/portal/honorarios/$PAID/recibo");
    status_is($r, 200);
    text_has($r, 'Recibo');
    like($r->{text}, qr{Recebemos de <strong>Alfa Comércio de Peças Ltda</strong>}, 'from whom');
    text_has($r, 'R$ 450,00');
    text_has($r, '09/08/2026');
    status_is($ana->get("/portal/honorarios/$OPEN/recibo"), 404, 'an open fee has no receipt');
    status_is($ana->get("/portal/honorarios/$PAID/pix.png"), 404, 'a paid fee has no PIX');
};

# Another client of the same office and a client of another office, each logged in.
my $beto_user;
{
    grant($B, 'Beto Beta', 'beto@beta.com.br', 0);
    $beto_user = sql_value("SELECT id FROM portal_users WHERE email = 'beto\@beta.com.br'");
    sql("UPDATE portal_users SET password_hash = (SELECT password_hash FROM staff_users WHERE email = 'ana\@demo.com.br')"
        . " WHERE id = $beto_user");
}
my $beto = portal_login('beto@beta.com.br', DEMO_PASSWORD);
my $carla = staff_login('carla@outra.com.br', host => 'outra.localhost');
my $C = create_client($carla, nome => 'Gama de Outra Ltda', documento => cnpj_random());
push @OTHER_CLIENTS, $C;
{
    my $outra = office_id('outra');
    sql("INSERT INTO portal_users (office_id, client_id, name, email, password_hash, created_at)"
        . " SELECT $outra, $C, 'Gil Gama', 'gil\@gama.com.br', password_hash, UTC_TIMESTAMP(6)"
        . " FROM staff_users WHERE email = 'ana\@demo.com.br'");
}
my $gil = portal_login('gil@gama.com.br', DEMO_PASSWORD, host => 'outra.localhost');

subtest "every portal URL with an id: another client's session of this office or another office -> 404" => sub {
    ok($beto->cookie('portal') && $gil->cookie('portal'), 'both logged in') or return;
    my $before = sql_value("SELECT CONCAT(COUNT(*), '/', SUM(status = 'recebido')) FROM fees WHERE client_id = $A");
    for my $path ("/portal/honorarios/$OPEN/pix.png", "/portal/honorarios/$PAID/recibo",
                  "/portal/honorarios/$LATE/pix.png") {
        status_is($beto->get($path), 404, "$path as another client of the office");
        status_is($gil->get($path), 404, "$path as a client of another office");
        status_is($ana->get($path =~ s/\d+/$B_FEE/r), 404, "$path of another client's fee as Ana");
    }
    status_is($ana->get('/portal/honorarios/999999999/recibo'), 404, 'a fee that does not exist');
    text_lacks($beto->get('/portal'), 'Alfa Comércio');
    text_lacks($beto->get('/portal/honorarios'), '08/2026');
    text_lacks($gil->get('/portal/dados'), 'Alfa');
    my $x = client_of();
    $x->set_cookie(portal => $gil->cookie('portal'));
    status_is($x->get('/portal'), 303, "another office's session is no session here");
    is(sql_value("SELECT CONCAT(COUNT(*), '/', SUM(status = 'recebido')) FROM fees WHERE client_id = $A"),
       $before, 'nothing changed');
    # The staff side: another office's client and login ids change nothing.
    my $r = $paula->post("/clientes/$C/portal", [ nome => 'X', email => 'x@x.com.br', csrf => $paula->{csrf} ]);
    status_is($r, 404, "another office's client gets no login");
    my $gil_user = sql_value("SELECT id FROM portal_users WHERE email = 'gil\@gama.com.br'");
    $r = $paula->post("/clientes/$A/portal/acao", [ usuario => $gil_user, acao => 'bloquear', csrf => $paula->{csrf} ]);
    is(sql_value("SELECT blocked FROM portal_users WHERE id = $gil_user"), 0, "another office's login is not blocked");
    $r = $paula->post("/clientes/$A/portal/acao", [ usuario => $beto_user, acao => 'bloquear', csrf => $paula->{csrf} ]);
    is(sql_value("SELECT blocked FROM portal_users WHERE id = $beto_user"), 0, "another client's login is not blocked from this profile");
};

subtest 'Meus dados: contacts and address editable, errors by field, audited, the rest read-only' => sub {
    my $p = $ana->get('/portal/dados');
    status_is($p, 200);
    text_has($p, 'Alfa Comércio de Peças Ltda');
    ok(!has_input($p, 'nome') && !has_input($p, 'documento'), 'name and document are not fields');
    my $v = input_value($p, 'versao');
    my @base = (versao => $v, email => 'financeiro@alfa.com.br', csrf => $ana->{csrf});
    my $r = $ana->post('/portal/dados', [ @base, celular => '123', cep => '999' ]);
    status_is($r, 422);
    like(field_error($r, 'celular') // '', qr/Telefone inválido/, 'the phone says why');
    like(field_error($r, 'cep') // '', qr/CEP inválido/, 'the CEP says why');
    is(client_row($A)->{phone_mobile}, '', 'nothing saved');
    $r = $ana->post('/portal/dados', [ @base, celular => '(11) 98765-4321', cidade => 'Campinas', uf => 'SP',
                                       nome => 'Nome Trocado', documento => '11.111.111/1111-11' ]);
    status_is($r, 303);
    my $row = client_row($A);
    is($row->{phone_mobile}, '11987654321', 'the phone saved');
    is($row->{city}, 'Campinas');
    is($row->{name}, 'Alfa Comércio de Peças Ltda', 'the name is not the client\'s to change');
    my ($ev) = grep { $_->{action} eq 'update' } audit_events($A);
    ok($ev, 'an audit event') or return;
    is($ev->{channel}, 'portal', 'channel portal');
    is($ev->{actor}, 'Ana Alfa', 'by the login');
    my $ch = audit_changes_of($ev->{id});
    is($ch->{phone_mobile}[1], '11987654321');
    ok(!exists $ch->{name}, 'the name did not change');
    my $f = $paula->get("/clientes/$A");
    text_has($f, 'portal do cliente');
    my $stale = $ana->post('/portal/dados', [ @base, celular => '(11) 91111-2222' ]);
    status_is($stale, 409, 'a form older than the record is refused');
    is(client_row($A)->{phone_mobile}, '11987654321', 'and changed nothing');
    # The client's own save made it old (issue 26 #20): said so, not blamed on the office.
    text_has($stale, 'Você já salvou os seus dados depois de abrir este formulário', '... saying the client saved it since');
    text_lacks($stale, 'O escritório alterou', '... not that the office changed it');
    # After the office's change, the office.
    my $v2 = input_value($ana->get('/portal/dados'), 'versao');
    my $fields = form_fields($paula->get("/clientes/$A/editar"), "/clientes/$A/editar");
    ok($fields, 'the office opens the record');
    $r = $paula->post("/clientes/$A/editar", pairs_set($fields, contato => 'Contato do Escritório', csrf => $paula->{csrf}));
    status_is($r, 303, '... and saves it');
    $stale = $ana->post('/portal/dados', [ versao => $v2, email => 'financeiro@alfa.com.br', csrf => $ana->{csrf}, celular => '(11) 92222-3333' ]);
    status_is($stale, 409, 'a form older than the office\'s save');
    text_has($stale, 'O escritório alterou os seus dados', '... says the office changed them');
    # A CEP of zeros is no address.
    $v = input_value($ana->get('/portal/dados'), 'versao');
    $r = $ana->post('/portal/dados', [ versao => $v, email => 'financeiro@alfa.com.br', csrf => $ana->{csrf}, cep => '00000-000' ]);
    status_is($r, 422, 'CEP 00000-000 is refused');
    like(field_error($r, 'cep') // '', qr/CEP não existe/, '... beside the field');
    isnt(client_row($A)->{cep}, '00000000', '... and not saved');
};

subtest 'what a client types is inert on the staff pages' => sub {
    my @xss = ('<script>alert(1)</script>', '"><img src=x onerror=alert(2)>', "'><svg onload=alert(3)>");
    my $v = input_value($ana->get('/portal/dados'), 'versao');
    my $r = $ana->post('/portal/dados', [ versao => $v, email => 'financeiro@alfa.com.br', contato => $xss[0],
        logradouro => $xss[1], complemento => $xss[2], bairro => $xss[0], cidade => $xss[1],
        numero => '<b>1</b>', csrf => $ana->{csrf} ]);
    status_is($r, 303) or return;
    for my $page ($paula->get("/clientes/$A"), $paula->get("/clientes/$A/historico"), $ana->get('/portal/dados'),
                  $paula->get('/clientes?q=Alfa')) {
        my $html = html_of($page);
        unlike($html, qr/<script>alert|<img src=x|<svg onload|<b>1<\/b>/, 'escaped: ' . $page->{req_line});
    }
    text_has($paula->get("/clientes/$A"), '<script>alert(1)</script>');
    # The fields with a format take no markup at all: refused beside each field.
    $v = input_value($ana->get('/portal/dados'), 'versao');
    $r = $ana->post('/portal/dados', [ versao => $v, email => $xss[0], outros_emails => $xss[1], celular => $xss[2],
        fone_comercial => $xss[0], fone_residencial => $xss[1], cep => $xss[2], uf => $xss[0], csrf => $ana->{csrf} ]);
    status_is($r, 422);
    for my $f (qw(email outros_emails celular fone_comercial fone_residencial cep uf)) {
        ok(field_error($r, $f), "$f refused with its message");
    }
    unlike(html_of($r), qr/<script>alert|<img src=x|<svg onload/, 'and shown back escaped');
};

subtest 'forgotten password: the same answer for anyone, a one-hour link' => sub {
    clean_login_attempts();
    my $c = client_of();
    my $seen = mail_ids('financeiro@alfa.com.br');
    my $p = $c->get('/portal/senha');
    my $r = $c->post('/portal/senha', [ email => 'financeiro@alfa.com.br', csrf => csrf_of($p) ]);
    status_is($r, 200);
    my $n = $c->post('/portal/senha', [ email => 'ninguem@nada.com.br', csrf => csrf_of($p) ]);
    status_is($n, 200);
    (my $t1 = $r->{text}) =~ s/financeiro\@alfa\.com\.br/X/g;
    (my $t2 = $n->{text}) =~ s/ninguem\@nada\.com\.br/X/g;
    is($t1, $t2, 'the same page whether or not the login exists');
    my ($t, $m) = link_of('financeiro@alfa.com.br', $seen);
    ok($t, 'the link arrives') or return;
    like($m->{text}, qr/1 hora/, 'valid for an hour');
    my $s = set_password(client_of(), $t, 'Nova frase do cliente 2');
    status_is($s, 303);
    is($s->location, '/portal?aviso=senha-alterada');
    my (undef, $old) = portal_login('financeiro@alfa.com.br', $PASSWORD);
    status_is($old, 401, 'the old password no longer works');
    status_is($ana->get('/portal'), 303, 'sessions of the old password ended');
    $PASSWORD = 'Nova frase do cliente 2';
    $ana = portal_login('financeiro@alfa.com.br', $PASSWORD);
    ok($ana->cookie('portal'), 'the new one does');
};

subtest 'blocked: the session ends and login is refused; unblocked, it works again' => sub {
    my $user = sql_value("SELECT id FROM portal_users WHERE email = 'financeiro\@alfa.com.br'");
    my $r = $paula->post("/clientes/$A/portal/acao", [ usuario => $user, acao => 'bloquear', csrf => $paula->{csrf} ]);
    like($r->location, qr/portal=bloqueado/);
    status_is($ana->get('/portal'), 303, 'the session ended');
    my (undef, $l) = portal_login('financeiro@alfa.com.br', $PASSWORD);
    status_is($l, 401);
    text_has($paula->get("/clientes/$A"), 'Bloqueado');
    $r = $paula->post("/clientes/$A/portal/acao", [ usuario => $user, acao => 'reenviar', csrf => $paula->{csrf} ]);
    like($r->location, qr/portal=nao-envia/, 'no link for a blocked login');
    $paula->post("/clientes/$A/portal/acao", [ usuario => $user, acao => 'desbloquear', csrf => $paula->{csrf} ]);
    clean_login_attempts();
    $ana = portal_login('financeiro@alfa.com.br', $PASSWORD);
    ok($ana->cookie('portal'), 'logs in again');
};

subtest 'the same e-mail is one login in the office' => sub {
    my $r = grant($B, 'Outra Pessoa', 'financeiro@alfa.com.br', 1);
    like($r->location, qr/portal=em-uso/, "another client's login");
    $r = grant($A, 'Ana de Novo', 'financeiro@alfa.com.br', 1);
    like($r->location, qr/portal=ja-tem/, "already this client's");
    $r = grant($A, 'Sem Email', 'nao-e-email', 1);
    like($r->location, qr/portal=email/, 'a bad e-mail');
};

subtest 'the client form: the access e-mail (the main one by default) and "Enviar e-mail com dados de acesso"' => sub {
    my $form = $paula->get('/clientes/novo');
    ok(has_input($form, 'portal_email', 'email') && has_input($form, 'portal_enviar', 'checkbox'), 'both on the form');
    text_has($form, 'nenhuma senha vai por e-mail');
    my $seen = mail_ids('dono@delta.com.br');
    my ($id, $r) = (undef, $paula->post('/clientes/novo', [ @{ client_form(nome => 'Delta Distribuidora Ltda',
        documento => cnpj_random(), email => 'dono@delta.com.br', contato => 'Davi Delta') },
        portal_enviar => 1, csrf => $paula->{csrf} ]));
    status_is($r, 303);
    ($id) = ($r->location // '') =~ m{^/clientes/(\d+)\?criado=1&portal=enviado$};
    ok($id, 'created, and the access e-mail sent') or return;
    my ($t, $m) = link_of('dono@delta.com.br', $seen);
    ok($t, 'the e-mail arrives with its link');
    like($m->{text}, qr/Olá, Davi Delta\./, 'to the contact');
    my $before = count_clients("office_id = $OFFICE");
    $r = $paula->post('/clientes/novo', [ @{ client_form(nome => 'Épsilon Ltda', documento => cnpj_random()) },
        portal_enviar => 1, portal_email => 'dono@delta.com.br', csrf => $paula->{csrf} ]);
    status_is($r, 422, "another client's login is refused");
    like(field_error($r, 'portal_email') // '', qr/já é o login de outro cliente/, 'beside its field');
    $r = $paula->post('/clientes/novo', [ @{ client_form(nome => 'Épsilon Ltda', documento => cnpj_random()) },
        portal_enviar => 1, csrf => $paula->{csrf} ]);
    status_is($r, 422, 'no e-mail at all is refused');
    like(field_error($r, 'portal_email') // '', qr/Informe o e-mail de acesso/);
    $r = $paula->post('/clientes/novo', [ @{ client_form(nome => 'Épsilon Ltda', documento => cnpj_random()) },
        portal_enviar => 1, portal_email => 'isto não', csrf => $paula->{csrf} ]);
    status_is($r, 422);
    like(field_error($r, 'portal_email') // '', qr/E-mail de acesso inválido/);
    is(count_clients("office_id = $OFFICE"), $before, 'nothing saved');
    # The edit form sends it too.
    my $e = create_client($paula, nome => 'Épsilon Ltda', documento => cnpj_random(), email => 'eps@epsilon.com.br');
    my $page = $paula->get("/clientes/$e/editar");
    $seen = mail_ids('eps@epsilon.com.br');
    $r = $paula->post("/clientes/$e/editar", [ @{ client_form(nome => 'Épsilon Ltda', documento => input_value($page, 'documento'),
        email => 'eps@epsilon.com.br') }, versao => input_value($page, 'versao'), portal_enviar => 1, csrf => $paula->{csrf} ]);
    like($r->location // '', qr/salvo=1&portal=enviado/, 'saved and sent');
    ok((link_of('eps@epsilon.com.br', $seen))[0], 'the e-mail arrives');
};

subtest 'the registry\'s bulk action "Enviar acesso ao portal": on checked rows, and as a job with progress' => sub {
    my $f = create_client($paula, nome => 'Foxtrot Ltda', documento => cnpj_random(), email => 'fox@foxtrot.com.br');
    my $g = create_client($paula, nome => 'Golf Sem Email Ltda', documento => cnpj_random());
    my $seen = mail_ids('fox@foxtrot.com.br');
    my $r = $paula->post('/clientes/lote', [ ids => $f, ids => $g, ids => $A, acao => 'portal', csrf => $paula->{csrf} ]);
    status_is($r, 303);
    like($r->location, qr{/clientes\?feito=1$}, 'one sent: no e-mail, and a login with a password, skipped');
    ok((link_of('fox@foxtrot.com.br', $seen))[0], 'the e-mail arrives');
    # Many records: a job for the worker.
    system("$ROOT/" . ($ENV{BUILD} || 'build/release') . "/bin/portalctl -c $ROOT/var/test/portal.hdf"
        . " seed-clients clientela 210 7 >/dev/null") == 0 or return fail('seed-clients');
    my $want = sql_value("SELECT COUNT(*) FROM clients c WHERE office_id = $OFFICE AND NOT trashed AND email <> ''"
        . " AND NOT EXISTS (SELECT 1 FROM portal_users u WHERE u.office_id = $OFFICE AND u.email = c.email)");
    $r = $paula->post('/clientes/lote', [ todos => 1, acao => 'portal', csrf => $paula->{csrf} ]);
    my ($job) = ($r->location // '') =~ m{^/clientes/tarefas/(\d+)$};
    ok($job, 'a job') or return;
    my $page = $paula->get("/clientes/tarefas/$job");
    text_has($page, 'Enviar acesso ao portal');
    for (my $i = 0; $page->{text} !~ /Concluída/ && $i < 240; $i++) {
        select(undef, undef, undef, 0.5);
        $page = $paula->get("/clientes/tarefas/$job");
    }
    text_has($page, 'Concluída');
    my $made = sql_value("SELECT COUNT(*) FROM portal_users WHERE office_id = $OFFICE AND created_at > UTC_TIMESTAMP(6) - INTERVAL 10 MINUTE"
        . " AND email NOT IN ('financeiro\@alfa.com.br', 'bruno\@contadores.com.br', 'beto\@beta.com.br', 'dono\@delta.com.br',"
        . " 'eps\@epsilon.com.br', 'fox\@foxtrot.com.br')");
    ok($want > 150, "many clients with an e-mail ($want)");
    # Seeded records may share an e-mail: the second one's is then the first one's login.
    cmp_ok($made, '<=', $want, 'at most one login per e-mail');
    cmp_ok($made, '>=', $want - 5, 'a login for (nearly) every one');
    is(sql_value("SELECT COUNT(*) FROM portal_tokens t JOIN portal_users u ON u.id = t.user_id"
        . " WHERE u.office_id = $OFFICE AND t.outbox_id IS NULL"), 0, 'each link with its message');
};

subtest 'logout ends the session; the token never reaches the access log' => sub {
    my $r = $ana->post('/portal/sair', [ csrf => $ana->{csrf} ]);
    status_is($r, 303);
    is($r->location, '/portal/entrar?aviso=saiu');
    my $p = $ana->get('/portal');
    status_is($p, 303);
    like($p->location, qr{^/portal/entrar\?next=});
    open(my $fh, '<', "$ROOT/var/test/log/portal-access.log") or return fail('access log');
    my $log = do { local $/; <$fh> };
    unlike($log, qr/$token/, 'the token is not in the log');
    like($log, qr{/portal/honorarios}, 'other portal requests are');
    open(my $ph, '<', "$ROOT/var/test/log/access.log") or return fail('the programs\' access log');
    my $programs = do { local $/; <$ph> };
    like($programs, qr{ \S+ portal:financeiro\@alfa\.com\.br GET /portal/honorarios 200 },
         'the programs\' log names the client\'s login, marked as a portal one');
};

subtest 'the sweep takes idle client sessions and long-expired links' => sub {
    clean_login_attempts();
    my $c = portal_login('financeiro@alfa.com.br', $PASSWORD);
    my $where = session_where($c->cookie('portal') // '');
    is(sql_value("SELECT COUNT(*) FROM portal_sessions WHERE $where"), 1, 'a session');
    # Started by the staff's mechanism (lib/web/session_realm.c): the browser recorded too.
    is(sql_value("SELECT user_agent FROM portal_sessions WHERE $where"), 'portal-http-tests/1',
       'the session records the browser, as a staff session does');
    sql("UPDATE portal_sessions SET last_seen_at = UTC_TIMESTAMP(6) - INTERVAL 5 MINUTE WHERE $where");
    status_is($c->get('/portal'), 200, 'five minutes idle: still in');
    is(sql_value("SELECT last_seen_at > UTC_TIMESTAMP(6) - INTERVAL 1 MINUTE FROM portal_sessions WHERE $where"), 1,
       'and the session was seen again');
    sql("UPDATE portal_sessions SET last_seen_at = UTC_TIMESTAMP(6) - INTERVAL 2 HOUR WHERE $where;"
        . " UPDATE portal_tokens SET expires_at = UTC_TIMESTAMP(6) - INTERVAL 40 DAY WHERE office_id = $OFFICE");
    system("$ROOT/" . ($ENV{BUILD} || 'build/release') . "/bin/portalctl -c $ROOT/var/test/portal.hdf sweep >/dev/null") == 0
        or return fail('portalctl sweep');
    is(sql_value("SELECT COUNT(*) FROM portal_sessions WHERE $where"), 0, 'the idle session is gone');
    is(sql_value("SELECT COUNT(*) FROM portal_tokens WHERE office_id = $OFFICE"), 0, 'and the old links');
    status_is($c->get('/portal'), 303, 'the browser is logged out');
};

done_testing;
