#!/usr/bin/perl
# Atualizar cadastro (issue 12): the signed link sent from a client's profile, through the
# local SMTP server; the scanner's GETs, "Continuar" and the form; a byte changed in the
# payload and in the signature, no signature, a good signature by another key of the
# keyring; expiry, replay after use, revoked by a newer link or by staff; staged changes;
# XSS shown inert to staff; the rate limit; the token out of the access log — in an
# office of its own ("atualiza"), emptied before and after.
use strict;
use warnings;
use utf8;

use lib 'tests/http/lib';
use Portal::Test qw(:DEFAULT :cadastro);
use Test::More;
use MIME::Base64 qw(encode_base64url decode_base64url);

my $HOST = 'atualiza.localhost';
my $EMAIL = 'rita@atualiza.com.br';
my $GNUPG = "$ROOT/var/test/gnupg";

sub reset_office {
    my $id = office_id('atualiza');
    if (!$id) {
        sql("INSERT INTO offices (slug, name) VALUES ('atualiza', 'Atualiza Contábil')");
        $id = office_id('atualiza');
        sql("INSERT INTO staff_users (office_id, name, email, password_hash, role)"
            . " SELECT $id, 'Rita Reis', " . sql_quote($EMAIL) . ", password_hash, 'admin'"
            . " FROM staff_users WHERE email = 'ana\@demo.com.br'");
    }
    sql("DELETE FROM update_requests WHERE office_id = $id; DELETE FROM audit_events WHERE office_id = $id;"
        . " UPDATE offices SET update_approval = FALSE, update_message = NULL WHERE id = $id;"
        . " DELETE FROM clients WHERE office_id = $id; DELETE FROM custom_fields WHERE office_id = $id;"
        . " DELETE FROM link_rate;"
        . " UPDATE client_counts SET active = 0, inactive = 0, trashed = 0, version = version + 1,"
        . " fee_version = fee_version + 1 WHERE office_id = $id");
    return $id;
}

my $OFFICE = reset_office();
my $OTHER_KEY;
END {
    reset_office() if $OFFICE;
    clean_login_attempts();
    system("gpg --homedir $GNUPG --batch --yes --delete-secret-and-public-key $OTHER_KEY >/dev/null 2>&1")
        if $OTHER_KEY;
}
clean_login_attempts();
my $rita = staff_login($EMAIL, host => $HOST);

sub visitor { Portal::Test::Client->new(host => $HOST) }

# Sends the link from the profile; returns its token (and the message).
sub send_link {
    my ($client, $to) = @_;
    my $seen = mail_ids($to);
    my $r = $rita->post("/clientes/$client/atualizar", [ csrf => $rita->{csrf} ]);
    return (undef, $r) unless ($r->location // '') =~ /atualizar=enviado/;
    my $m = mail_wait($to, $seen);
    my ($t) = ($m->{text} // '') =~ m{/portal/atualizar\?l=([A-Za-z0-9_.-]+)};
    return ($t, $m);
}

# The link's pages as a browser goes through them: GET, then "Continuar" (POST).
sub open_form {
    my ($c, $token) = @_;
    my $p = $c->get("/portal/atualizar?l=$token");
    return $p unless $p->{status} == 200;
    return $c->post('/portal/atualizar', [ l => $token, csrf => csrf_of($p) // '' ]);
}

sub submit_form {
    my ($c, $form, $token, %set) = @_;
    my @fields = map { $_ => (input_value($form, $_) // '') }
        qw(nome email celular fone_comercial fone_residencial contato cep logradouro numero complemento bairro cidade);
    my %f = (@fields, uf => selected_value($form, 'uf') // '', %set);
    return $c->post('/portal/atualizar/salvar', [ %f, l => $token, versao => input_value($form, 'versao'),
                                                 csrf => csrf_of($form) // '' ]);
}

my $A = create_client($rita, nome => 'Ômega Alimentos Ltda', documento => cnpj_random(),
                      email => 'contato@omega.com.br', celular => '(11) 91234-5678');

my ($token, $mail);
subtest 'the profile sends the link; the e-mail arrives with it, text and HTML' => sub {
    ($token, $mail) = send_link($A, 'contato@omega.com.br');
    ok($token, 'a link in the message') or return;
    like($mail->{subject}, qr/Atualize o seu cadastro em Atualiza Contábil/);
    like($mail->{text}, qr/Estamos atualizando o nosso cadastro de clientes/, "the office's text");
    like($mail->{html} // '', qr{>Atualizar meus dados</a>}, 'a button');
    my $p = $rita->get("/clientes/$A");
    text_has($p, 'Enviado em');
    like($p->{text}, qr/(enviado|entregue)/, 'its state');
};

subtest 'a scanner opening the link twice uses nothing up; "Continuar" shows the prefilled form' => sub {
    my $c = visitor();
    for (1 .. 2) {
        my $p = $c->get("/portal/atualizar?l=$token");
        status_is($p, 200);
        text_has($p, 'Atualiza Contábil');
        text_has($p, 'Continuar');
    }
    is(sql_value("SELECT opened_at IS NULL FROM update_requests WHERE client_id = $A"), 1, 'not opened by the GETs');
    my $f = open_form($c, $token);
    status_is($f, 200);
    is(input_value($f, 'nome'), 'Ômega Alimentos Ltda', 'the name');
    is(input_value($f, 'celular'), '(11) 91234-5678', 'the phone');
    ok(!has_input($f, 'documento'), 'the document is not a field');
    text_has($f, doc_mask(client_row($A)->{document}));
    like($rita->get("/clientes/$A")->{text}, qr/aberto/, 'the profile says it was opened');
};

subtest 'the form: errors by field, then the changes applied, audited as the client' => sub {
    my $c = visitor();
    my $f = open_form($c, $token);
    my $r = submit_form($c, $f, $token, celular => '12', cep => 'abc');
    status_is($r, 422);
    like(field_error($r, 'celular') // '', qr/Telefone inválido/);
    like(field_error($r, 'cep') // '', qr/CEP inválido/);
    is(client_row($A)->{phone_mobile}, '11912345678', 'nothing saved');
    $r = submit_form($c, $r, $token, celular => '(21) 99876-1234', cep => '24220-000', cidade => 'Niterói', uf => 'RJ');
    status_is($r, 200);
    text_has($r, 'Os seus dados foram atualizados');
    my $row = client_row($A);
    is($row->{phone_mobile}, '21998761234');
    is($row->{city}, 'Niterói');
    my ($ev) = grep { $_->{action} eq 'update' } audit_events($A);
    ok($ev, 'an audit event') or return;
    is($ev->{channel}, 'link', 'channel "link de atualização"');
    is($ev->{actor}, 'Ômega Alimentos Ltda', 'by the client');
    is(sql_value("SELECT address FROM audit_events WHERE id = $ev->{id}"), '127.0.0.1', "the client's address");
    my $p = $rita->get("/clientes/$A");
    text_has($p, 'link de atualização');
    text_has($p, 'concluído');
};

subtest 'a used link is refused; a newer one replaces the older; staff revoke; expiry' => sub {
    my $c = visitor();
    my $again = open_form($c, $token);
    status_is($again, 410, 'replay after use');
    text_has($again, 'Este link já foi usado');
    text_has($again, 'Peça um novo link ao escritório');
    my ($t1) = send_link($A, 'contato@omega.com.br');
    my ($t2) = send_link($A, 'contato@omega.com.br');
    ok($t1 && $t2 && $t1 ne $t2, 'two links') or return;
    my $old = open_form(visitor(), $t1);
    status_is($old, 410);
    text_has($old, 'Este link foi substituído');
    my $id = sql_value("SELECT MAX(id) FROM update_requests WHERE client_id = $A");
    my $r = $rita->post("/clientes/$A/atualizar/revogar", [ pedido => $id, csrf => $rita->{csrf} ]);
    like($r->location, qr/atualizar=revogado/);
    status_is(open_form(visitor(), $t2), 410, 'revoked by staff');
    my ($t3) = send_link($A, 'contato@omega.com.br');
    sql("UPDATE update_requests SET expires_at = UTC_TIMESTAMP(6) - INTERVAL 1 MINUTE WHERE client_id = $A"
        . " AND completed_at IS NULL AND revoked_at IS NULL");
    my $e = open_form(visitor(), $t3);
    status_is($e, 410);
    text_has($e, 'Este link expirou');
};

subtest 'tampered: a byte of the payload, of the signature; no signature; another key of the keyring' => sub {
    my ($t) = send_link($A, 'contato@omega.com.br');
    ok($t, 'a fresh link') or return;
    my ($payload, $sig) = split /\./, $t;
    my $text = decode_base64url($payload);
    (my $other_client = $text) =~ s/client=(\d+)/'client=' . ($1 + 1)/e;
    my @bad = (
        [ 'a byte of the payload', encode_base64url($other_client) . ".$sig" ],
        [ 'a byte of the signature', $payload . '.' . encode_base64url(do { my $s = decode_base64url($sig); substr($s, -5, 1) ^= "\x01"; $s }) ],
        [ 'no signature', "$payload." ],
        [ 'no dot', $payload ],
    );
    # A good signature by another key of the same keyring.
    system("gpg --homedir $GNUPG --batch --passphrase '' --pinentry-mode loopback --quick-gen-key"
        . " 'Outra chave <outra\@test.invalid>' ed25519 sign never >/dev/null 2>&1");
    ($OTHER_KEY) = map { (split /:/)[9] } grep { /^fpr:/ }
        `gpg --homedir $GNUPG --batch --with-colons --list-secret-keys outra\@test.invalid 2>/dev/null`;
    ok($OTHER_KEY, 'another key in the keyring') or return;
    open(my $fh, '>', "/tmp/payload.$$") or die; binmode $fh; print $fh $text; close $fh;
    my $other_sig = `gpg --homedir $GNUPG --batch --local-user $OTHER_KEY --detach-sign -o - /tmp/payload.$$ 2>/dev/null`;
    unlink "/tmp/payload.$$";
    ok(length $other_sig > 50, 'signed by it');
    push @bad, [ 'a good signature by another key', $payload . '.' . encode_base64url($other_sig) ];
    for my $b (@bad) {
        my $r = open_form(visitor(), $b->[1]);
        ok($r->{status} == 410 && $r->{text} =~ /Este link não confere|Link inválido/, "$b->[0]: refused")
            or diag(dump_res($r));
    }
    my $good = open_form(visitor(), $t);
    status_is($good, 200, 'the real one still works');
};

subtest 'the office\'s settings: its own text, and "aprovar alterações"' => sub {
    my $r = $rita->post('/escritorio/atualizar', [ mensagem => "Oi! Confira os seus dados, por favor.\nObrigada.",
                                                   aprovar => 1, csrf => $rita->{csrf} ]);
    status_is($r, 303);
    is(sql_value("SELECT CONCAT(update_message, '|', update_approval) FROM offices WHERE id = $OFFICE"),
       "Oi! Confira os seus dados, por favor.\nObrigada.|1", 'saved');
    my $p = $rita->get('/escritorio');
    is(textarea_value($p, 'mensagem'), "Oi! Confira os seus dados, por favor.\nObrigada.", 'shown');
    $r = $rita->post('/escritorio/atualizar', [ mensagem => 'x' x 2001, csrf => $rita->{csrf} ]);
    status_is($r, 422, 'too long');
    is(sql_value("SELECT update_approval FROM offices WHERE id = $OFFICE"), 1, 'nothing changed');
};

subtest 'staged for approval: the record unchanged, each change pending; then decided field by field' => sub {
    my ($t, $m) = send_link($A, 'contato@omega.com.br');
    like($m->{text} // '', qr/Oi! Confira os seus dados, por favor\./, "the office's own text");
    my $c = visitor();
    my $f = open_form($c, $t);
    text_has($f, 'O escritório confere as alterações');
    my $r = submit_form($c, $f, $t, bairro => 'Icaraí', numero => '100');
    status_is($r, 200);
    text_has($r, 'vai conferi-las');
    is(client_row($A)->{district}, '', 'not applied');
    my $req = sql_value("SELECT MAX(id) FROM update_requests WHERE client_id = $A");
    is(sql_value("SELECT GROUP_CONCAT(CONCAT(field, '=', new_value, ':', state) ORDER BY field) FROM update_changes"
        . " WHERE request_id = $req"), 'district=Icaraí:pendente,number=100:pendente', 'each change pending');
    my $p = $rita->get("/clientes/$A");
    text_has($p, 'à espera de aprovação');
    text_has($p, 'Icaraí');
    $r = $rita->post("/clientes/$A/atualizar/decidir", [ pedido => $req, d_district => 'aprovar', d_number => 'recusar',
                                                         csrf => $rita->{csrf} ]);
    like($r->location // '', qr/atualizar=decidido/);
    my $row = client_row($A);
    is($row->{district}, 'Icaraí', 'the approved field applied');
    is($row->{number}, '', 'the refused one not');
    is(sql_value("SELECT GROUP_CONCAT(CONCAT(field, ':', state, ':', decided_by IS NOT NULL) ORDER BY field)"
        . " FROM update_changes WHERE request_id = $req"), 'district:aprovada:1,number:rejeitada:1', 'each decision kept');
    my ($ev) = grep { $_->{action} eq 'update' } reverse audit_events($A);
    is($ev->{channel}, 'link', 'applied as a change from the link');
    is($ev->{actor}, 'Rita Reis', 'by who approved it');
    my $after = $rita->get("/clientes/$A");
    text_lacks($after, 'Aplicar decisões', 'nothing left waiting on the profile');
    like($after->{text}, qr{<li><strong>Número:</strong> <span class="discreto">\(vazio\)</span> → 100 <span class="selo">recusada</span></li>},
         "the link's changes on the profile, each with its decision");
    $r = $rita->post("/clientes/$A/atualizar/decidir", [ pedido => $req, csrf => $rita->{csrf} ]);
    like($r->location // '', qr/nada-pendente/, 'nothing left to decide');
    sql("UPDATE offices SET update_approval = FALSE, update_message = NULL WHERE id = $OFFICE");
};

subtest 'the custom attributes the office lets clients change: on the form, applied, staged and decided' => sub {
    my $r = $rita->post('/clientes/campos', [ nome => 'Regime de apuração', tipo => 'lista',
                                              opcoes => "Simples Nacional\nLucro Presumido\nLucro Real",
                                              cliente => 1, csrf => $rita->{csrf} ]);
    status_is($r, 303, 'a field the client may change');
    $r = $rita->post('/clientes/campos', [ nome => 'Risco interno', tipo => 'texto', csrf => $rita->{csrf} ]);
    status_is($r, 303, 'and one only staff see');
    my $regime = sql_value("SELECT id FROM custom_fields WHERE office_id = $OFFICE AND name = 'Regime de apuração'");
    my $risco = sql_value("SELECT id FROM custom_fields WHERE office_id = $OFFICE AND name = 'Risco interno'");
    is(sql_value("SELECT CONCAT(client_editable) FROM custom_fields WHERE id = $regime"), '1', 'marked');
    sql("INSERT INTO client_custom_values (client_id, field_id, value) VALUES ($A, $risco, 'alto')");
    my $campos = $rita->get('/clientes/campos');
    text_has($campos, 'O cliente altera pelo link');

    my ($t) = send_link($A, 'contato@omega.com.br');
    my $c = visitor();
    my $f = open_form($c, $t);
    text_has($f, 'Regime de apuração');
    text_has($f, 'Lucro Presumido');
    text_lacks($f, 'Risco interno', 'a field the office keeps to itself is not on the form');
    text_lacks($f, 'alto');
    $r = submit_form($c, $f, $t, "extra_$regime" => 'Lucro Inventado');
    status_is($r, 422, 'a value the list does not have');
    text_has($r, 'Escolha uma opção da lista');
    $r = submit_form($c, $f, $t, "extra_$regime" => 'Lucro Presumido', "extra_$risco" => 'baixo');
    status_is($r, 200, 'sent');
    is(sql_value("SELECT value FROM client_custom_values WHERE client_id = $A AND field_id = $regime"), 'Lucro Presumido',
       'applied');
    is(sql_value("SELECT value FROM client_custom_values WHERE client_id = $A AND field_id = $risco"), 'alto',
       'a field not on the form cannot be changed by posting it');
    my ($ev) = grep { $_->{action} eq 'update' } reverse audit_events($A);
    is($ev->{channel}, 'link', 'one event of the link');
    is_deeply(audit_changes_of($ev->{id})->{'extra.Regime de apuração'}, [ undef, 'Lucro Presumido' ],
              'naming the field, before and after');

    sql("UPDATE offices SET update_approval = TRUE WHERE id = $OFFICE");
    ($t) = send_link($A, 'contato@omega.com.br');
    $c = visitor();
    $f = open_form($c, $t);
    $r = submit_form($c, $f, $t, "extra_$regime" => 'Lucro Real');
    status_is($r, 200);
    is(sql_value("SELECT value FROM client_custom_values WHERE client_id = $A AND field_id = $regime"), 'Lucro Presumido',
       'staged, not applied');
    my $req = sql_value("SELECT MAX(id) FROM update_requests WHERE client_id = $A");
    is(sql_value("SELECT CONCAT(field, '=', new_value, ':', state) FROM update_changes WHERE request_id = $req"),
       "extra:$regime=Lucro Real:pendente", 'pending under the attribute');
    my $p = $rita->get("/clientes/$A");
    like($p->{text}, qr{<th scope="row">Regime de apuração</th><td class="antes">Lucro Presumido</td><td class="novo">Lucro Real</td>},
         'staff see it by name, old and new');
    $r = $rita->post("/clientes/$A/atualizar/decidir", [ pedido => $req, "d_extra:$regime" => 'aprovar',
                                                         csrf => $rita->{csrf} ]);
    like($r->location // '', qr/atualizar=decidido/);
    is(sql_value("SELECT value FROM client_custom_values WHERE client_id = $A AND field_id = $regime"), 'Lucro Real',
       'approved and applied');
    is(sql_value("SELECT state FROM update_changes WHERE request_id = $req"), 'aprovada');
    sql("UPDATE offices SET update_approval = FALSE WHERE id = $OFFICE");
    $r = $rita->post("/clientes/campos/$regime/cliente", [ valor => 0, csrf => $rita->{csrf} ]);
    status_is($r, 303, 'the office takes it back');
    ($t) = send_link($A, 'contato@omega.com.br');
    text_lacks(open_form(visitor(), $t), 'Regime de apuração', 'and it leaves the form');
};

subtest 'what a client types is inert on the staff pages' => sub {
    my ($t) = send_link($A, 'contato@omega.com.br');
    my $c = visitor();
    my $f = open_form($c, $t);
    my $r = submit_form($c, $f, $t, contato => '<script>alert(1)</script>', logradouro => '"><img src=x onerror=alert(2)>',
                        nome => 'Ômega <b>Alimentos</b> Ltda');
    status_is($r, 200) or return;
    for my $page ($rita->get("/clientes/$A"), $rita->get("/clientes/$A/historico"), $rita->get('/clientes?q=omega')) {
        unlike(html_of($page), qr/<script>alert|<img src=x|<b>Alimentos/, 'escaped: ' . $page->{req_line});
    }
    text_has($rita->get("/clientes/$A"), '<script>alert(1)</script>');
};

subtest 'the rate limit per address, before any signature is checked' => sub {
    sql("DELETE FROM link_rate; INSERT INTO link_rate (address, slot, hits) VALUES ('127.0.0.1', UNIX_TIMESTAMP() DIV 600 * 600, 60)");
    my $r = visitor()->get('/portal/atualizar?l=abc.def');
    status_is($r, 429);
    text_has($r, 'Muitas tentativas');
    sql('DELETE FROM link_rate');
    status_is(visitor()->get('/portal/atualizar?l=abc.def'), 410, 'below the limit again: the link itself is judged');
};

subtest 'the confirmation of many names the first 50 and "e mais N"' => sub {
    my $tag = 'lote' . $$;
    my @ids = map { scalar create_client($rita, nome => sprintf('Destinatario %s %02d Ltda', $tag, $_), documento => cnpj_random(),
        email => "d$_\@$tag.com.br") } 1 .. 53;
    my $r = $rita->post('/clientes/lote', [ (map { (ids => $_) } @ids), acao => 'atualizar', csrf => $rita->{csrf} ]);
    my ($sel) = ($r->location // '') =~ m{^/clientes/atualizar\?selecao=(\d+)$};
    ok($sel, 'a selection of 53') or return;
    my $p = $rita->get("/clientes/atualizar?selecao=$sel");
    text_has($p, '53 clientes vão receber');
    my @named = html_of($p) =~ m{>Destinatario \Q$tag\E (\d\d) Ltda</a>}g;
    is(scalar @named, 50, 'fifty are named');
    is($named[0], '01', '... in name order');
    text_has($p, 'e mais 3.', '... and "e mais 3"');
    sql('UPDATE clients SET trashed = TRUE, deleted_at = UTC_TIMESTAMP(6) WHERE id IN (' . join(',', @ids) . ')');
};

subtest 'the token never reaches the access log' => sub {
    open(my $fh, '<', "$ROOT/var/test/log/portal-access.log") or return fail('access log');
    my $log = do { local $/; <$fh> };
    my $sig = (split /\./, $token)[1];
    unlike($log, qr/\Q$sig\E/, 'not the token');
    like($log, qr{/clientes/$A/atualizar}, 'other requests are logged');
};

subtest 'many at once: the registry\'s selection, a confirmation page, a worker job with progress' => sub {
    my $x = create_client($rita, nome => 'Xis Lote Ltda', documento => cnpj_random(), email => 'xis@lote.com.br');
    my $y = create_client($rita, nome => 'Ypsilon Lote Ltda', documento => cnpj_random(), email => 'y@lote.com.br');
    my $z = create_client($rita, nome => 'Zeta Sem Email Ltda', documento => cnpj_random());
    my $seen = mail_ids('xis@lote.com.br');
    my $r = $rita->post('/clientes/lote', [ ids => $x, ids => $y, ids => $z, acao => 'atualizar', csrf => $rita->{csrf} ]);
    my ($sel) = ($r->location // '') =~ m{^/clientes/atualizar\?selecao=(\d+)$};
    ok($sel, 'to the confirmation page') or return;
    my $p = $rita->get("/clientes/atualizar?selecao=$sel");
    status_is($p, 200);
    text_has($p, '2 clientes vão receber');
    text_has($p, '1 cliente sem e-mail fica de fora');
    text_has($p, 'Zeta Sem Email Ltda');
    text_has($p, 'Estamos atualizando o nosso cadastro');
    # Who receives it, by name (issue 26 #22).
    like(html_of($p), qr{<a href="/clientes/$x">Xis Lote Ltda</a> <span class="discreto email">xis<wbr>\@lote\.com\.br</span>}, 'the confirmation names a recipient, linked, with the e-mail');
    like(html_of($p), qr{<a href="/clientes/$y">Ypsilon Lote Ltda</a>}, '... and the other');
    status_is(Portal::Test::Client->new(host => 'outra.localhost')->get("/clientes/atualizar?selecao=$sel"), 303,
              'not for anyone else');
    $r = $rita->post('/clientes/atualizar', [ selecao => $sel, csrf => $rita->{csrf} ]);
    my ($job) = ($r->location // '') =~ m{^/clientes/tarefas/(\d+)$};
    ok($job, 'a job') or return;
    my $page = $rita->get("/clientes/tarefas/$job");
    text_has($page, 'Enviar link de atualização de cadastro');
    for (my $i = 0; $page->{text} !~ /Enviado:/ && $i < 60; $i++) {
        select(undef, undef, undef, 0.5);
        $page = $rita->get("/clientes/tarefas/$job");
    }
    text_has($page, 'Enviado: 2 links na fila de e-mail');
    is(sql_value("SELECT COUNT(*) FROM update_requests WHERE client_id IN ($x, $y, $z) AND outbox_id IS NOT NULL"), 2,
       'a request and a message for each with an e-mail');
    my $m = mail_wait('xis@lote.com.br', $seen);
    my ($t) = ($m->{text} // '') =~ m{/portal/atualizar\?l=([A-Za-z0-9_.-]+)};
    ok($t, 'the e-mail arrives') or return;
    status_is(open_form(visitor(), $t), 200, 'its link, signed in the worker, opens the form');
    is(sql_value("SELECT actor FROM update_requests WHERE client_id = $x"), 'Rita Reis', 'in the name of who sent it');

    # The sending's page: each link's state, the totals, whom to chase; resend to them.
    my $v = visitor();
    my $f = open_form($v, $t);
    status_is(submit_form($v, $f, $t, bairro => 'Centro'), 200, 'Xis completes');
    $page = $rita->get("/clientes/tarefas/$job");
    text_has($page, 'Como está cada link');
    # A <wbr> (where an e-mail may break) is no space on the screen.
    (my $words = $page->{text}) =~ s/<wbr>//g;
    $words =~ s/<[^>]*>/ /g;
    $words =~ s/\s+/ /g;
    like($words, qr/Todos 2 /, 'the total');
    like($words, qr/ concluído 1 /, 'one completed');
    text_has($page, 'Lembrar quem não concluiu (1)');
    like(html_of($page), qr{<button type="submit" class="botao">Lembrar quem não concluiu}, '... a secondary button (it revokes the links just sent)');
    # Whom the button counts is whom the resend reaches: not a client left without e-mail.
    sql("UPDATE clients SET email = '' WHERE id = $y");
    my $none = $rita->get("/clientes/tarefas/$job");
    text_lacks($none, 'Lembrar quem não concluiu', 'a client left without e-mail: no one to remind');
    text_has($none, '1 cliente com link em aberto não será lembrado: está na lixeira ou sem e-mail');
    sql("UPDATE clients SET email = 'y\@lote.com.br' WHERE id = $y");
    like($words, qr/Xis Lote Ltda xis\@lote\.com\.br concluído \d\d\/\d\d\/\d{4} \d\d:\d\d \(1 alteração\)/,
         'the row of who completed, with when and what');
    my $only = $rita->get("/clientes/tarefas/$job?estado=conclu%C3%ADdo");
    text_has($only, 'Xis Lote Ltda');
    text_lacks($only, 'Ypsilon Lote Ltda', 'the filter leaves the others out');
    my $bad = $rita->get("/clientes/tarefas/$job?estado=qualquer");
    status_is($bad, 400, 'a state that does not exist');
    text_has($bad, 'Situação desconhecida');
    my $old = sql_value("SELECT id FROM update_requests WHERE client_id = $y AND job_id = $job");
    my $seen_y = mail_ids('y@lote.com.br');
    $r = $rita->post("/clientes/tarefas/$job/reenviar", [ csrf => $rita->{csrf} ]);
    my ($again) = ($r->location // '') =~ m{^/clientes/tarefas/(\d+)$};
    ok($again && $again != $job, 'resending is a new sending') or return;
    is(sql_value("SELECT GROUP_CONCAT(client_id) FROM job_items WHERE job_id = $again")
       // sql_value("SELECT GROUP_CONCAT(client_id) FROM update_requests WHERE job_id = $again"), $y,
       'to the one who did not complete only');
    ok(mail_wait('y@lote.com.br', $seen_y), 'who gets a new e-mail');
    ok(sql_value("SELECT revoked_at IS NOT NULL FROM update_requests WHERE id = $old"), 'and the old link stops working');
    $r = $rita->post("/clientes/tarefas/$job/reenviar", [ csrf => $rita->{csrf} ]);
    like($r->location // '', qr{/clientes/tarefas/$job\?aviso=nada$}, 'nobody left to chase in the first sending');
    text_has($rita->get($r->location), 'Ninguém para lembrar');
    text_has($rita->get("/clientes/$y"), 'ver o envio', 'the profile links each link to its sending');
    status_is($rita->post("/clientes/tarefas/$job/reenviar", []), 403, 'resending needs the CSRF token');
};

subtest 'a client without an e-mail gets no link' => sub {
    my $b = create_client($rita, nome => 'Sem Email Ltda', documento => cnpj_random());
    my $r = $rita->post("/clientes/$b/atualizar", [ csrf => $rita->{csrf} ]);
    like($r->location, qr/atualizar=sem-email/);
    is(sql_value("SELECT COUNT(*) FROM update_requests WHERE client_id = $b"), 0, 'no request');
};

done_testing;
