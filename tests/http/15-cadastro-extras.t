#!/usr/bin/perl
# Tags on the profile, a long history (the profile's latest changes, the history's own
# pages), the office's custom attributes (admin page, form, validation, profile,
# history, export) and the office audit log page.
use strict;
use warnings;
use utf8;

use lib 'tests/http/lib';
use Encode qw(decode);
use Portal::Test qw(:DEFAULT :cadastro);
use Test::More;

clean_login_attempts();
my $tag = rand_tag('Ext');
my $ana = staff_login('ana@demo.com.br');
my $bruno = staff_login('bruno@demo.com.br');
my @fields;

END {
    purge_marked($tag) if $tag;
    sql('DELETE FROM custom_fields WHERE id IN (' . join(',', @fields) . ')') if @fields;
    clean_login_attempts();
}

subtest 'tags on the profile' => sub {
    my $id = create_client($ana, nome => "Cliente $tag");
    ok($id, 'created') or return;
    my $r = $ana->post("/clientes/$id/etiquetas", [etiqueta_nome => "VIP $tag", csrf => $ana->{csrf}]);
    status_is($r, 303, 'tag added');
    like(html_of($ana->get("/clientes/$id")), qr/VIP \Q$tag\E/, 'shown on the profile');
    is(sql_value("SELECT COUNT(*) FROM client_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.client_id = $id"), 1, 'stored');
    my ($tid) = sql_value('SELECT id FROM tags WHERE name = ' . sql_quote("VIP $tag"));
    like(html_of($ana->get("/clientes?etiqueta=$tid")), qr/Cliente \Q$tag\E/, 'the tag filters the list');
    $r = $ana->post("/clientes/$id/etiquetas", [etiqueta_nome => "VIP $tag", acao => 'remover', csrf => $ana->{csrf}]);
    status_is($r, 303, 'tag removed');
    is(sql_value("SELECT COUNT(*) FROM client_tags WHERE client_id = $id"), 0, 'gone');
    is(sql_value("SELECT COUNT(*) FROM audit_events WHERE entity = 'client' AND entity_id = $id AND action = 'tag'"), 2, 'both audited');
    $r = $ana->post("/clientes/$id/etiquetas", [etiqueta_nome => '   ', csrf => $ana->{csrf}]);
    is($r->location, "/clientes/$id?etiqueta=vazia", 'an empty name is refused');
    status_is($ana->post("/clientes/$id/etiquetas", [etiqueta_nome => 'x']), 403, 'no csrf: 403');
};

subtest 'a long history: the latest changes on the profile, all of them on their own pages' => sub {
    my $id = create_client($ana, nome => "Histórico $tag");
    ok($id, 'created') or return;
    my $office = office_id('demo');
    my $ana_id = staff_id('ana@demo.com.br');
    # 130 changes of the e-mail an hour apart after the creation (as months of edits leave).
    sql("INSERT INTO audit_events (office_id, at, user_id, actor, channel, action, entity, entity_id)
         WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 130)
         SELECT $office, UTC_TIMESTAMP(6) - INTERVAL (131 - i) HOUR, $ana_id, 'Ana Souza', 'staff', 'update', 'client', $id FROM n;
         INSERT INTO audit_changes (event_id, field, old_value, new_value)
         SELECT e.id, 'email', CONCAT('antes', e.id, '\@h.com.br'), CONCAT('depois', e.id, '\@h.com.br')
         FROM audit_events e WHERE e.entity = 'client' AND e.entity_id = $id AND e.action = 'update';
         UPDATE audit_events SET at = at - INTERVAL 200 HOUR WHERE entity = 'client' AND entity_id = $id AND action = 'create'");
    my @ids = map { $_->[0] } sql("SELECT id FROM audit_events WHERE entity = 'client' AND entity_id = $id ORDER BY at DESC, id DESC");
    is(scalar @ids, 131, 'the creation and 130 changes');
    my $shown = sub { my ($r) = @_; my @e = html_of($r) =~ /depois(\d+)\@h\.com\.br/g; return @e };
    my $p = $ana->get("/clientes/$id");
    status_is($p, 200, 'the profile');
    is_deeply([ $shown->($p) ], [ @ids[0 .. 29] ], 'it shows the 30 latest changes, newest first');
    like(html_of($p), qr{href="/clientes/$id/historico">Ver o histórico completo}, 'and a link to the whole history');

    my $h1 = $ana->get("/clientes/$id/historico");
    status_is($h1, 200, 'the history, page 1');
    is_deeply([ $shown->($h1) ], [ @ids[0 .. 99] ], 'the 100 latest');
    like(html_of($h1), qr{href="/clientes/$id/historico\?pagina=2" rel="next"}, 'older ones on page 2');
    unlike(html_of($h1), qr{rel="prev"}, 'nothing newer');
    my $h2 = $ana->get("/clientes/$id/historico?pagina=2");
    is_deeply([ $shown->($h2) ], [ @ids[100 .. 129] ], 'page 2: the 30 oldest changes');
    like(html_of($h2), qr{criou o cadastro}, 'and the creation');
    like(html_of($h2), qr{href="/clientes/$id/historico" rel="prev"}, 'newer ones on page 1');
    unlike(html_of($h2), qr{rel="next"}, 'nothing older');
    like(html_of($ana->get("/clientes/$id/historico?pagina=3")), qr{Nenhuma alteração nesta página}, 'page 3 is empty');
    status_is($ana->get("/clientes/$id/historico?pagina=x"), 200, 'a page that is no number: the first');

    my $small = create_client($ana, nome => "Pouco histórico $tag");
    unlike(html_of($ana->get("/clientes/$small")), qr{Ver o histórico completo}, 'a short history has no link');
};

subtest 'custom attributes' => sub {
    status_is($bruno->get('/clientes/campos'), 403, 'staff who are not admins: 403');
    my $r = $ana->get('/clientes/campos');
    status_is($r, 200, 'the admin page');
    $r = $ana->post('/clientes/campos', [nome => "Honorário $tag", tipo => 'dinheiro', obrigatorio => 1,
        dica => 'Valor do contrato', csrf => $ana->{csrf}]);
    status_is($r, 303, 'a required money field');
    push @fields, sql_value('SELECT id FROM custom_fields WHERE name = ' . sql_quote("Honorário $tag"));
    $r = $ana->post('/clientes/campos', [nome => "Porte $tag", tipo => 'lista', opcoes => "Pequeno\nMédio\nGrande",
        csrf => $ana->{csrf}]);
    status_is($r, 303, 'a list field');
    push @fields, sql_value('SELECT id FROM custom_fields WHERE name = ' . sql_quote("Porte $tag"));
    $r = $ana->post('/clientes/campos', [nome => "Porte $tag", tipo => 'texto', csrf => $ana->{csrf}]);
    status_is($r, 422, 'a duplicate name is refused');
    like(html_of($r), qr/Já existe um campo com esse nome/, 'with its message');
    $r = $ana->post('/clientes/campos', [nome => "Sem opções $tag", tipo => 'lista', csrf => $ana->{csrf}]);
    status_is($r, 422, 'a list without options is refused');
    my ($money, $list) = @fields;

    # The required field applies to a new record and to an old one on its next edit.
    my $res = $ana->post('/clientes/novo', [@{ client_form(nome => "Com campos $tag") }, csrf => $ana->{csrf}]);
    status_is($res, 422, 'a record without the required field is refused');
    like(html_of($res), qr/Preencha este campo/, 'the field says why');
    my ($id) = create_client($ana, nome => "Com campos $tag", "extra_$money" => 'R$ 1.234,56', "extra_$list" => 'Médio');
    ok($id, 'created with the fields') or return;
    is(sql_value("SELECT value FROM client_custom_values WHERE client_id = $id AND field_id = $money"), '123456', 'money stored in centavos');
    my $page = html_of($ana->get("/clientes/$id"));
    like($page, qr/R\$ 1\.234,56/, 'shown as R$ on the profile');
    like($page, qr/Médio/, 'the option shown');
    $res = $ana->post('/clientes/novo', [@{ client_form(nome => "Outro $tag", "extra_$money" => '12,345',
        "extra_$list" => 'Enorme') }, csrf => $ana->{csrf}]);
    status_is($res, 422, 'bad values refused');
    my $html = html_of($res);
    like($html, qr/Informe um valor/, 'money message');
    like($html, qr/Escolha uma opção da lista/, 'list message');

    # Export carries them.
    $r = $ana->get("/clientes/exportar?q=$tag&formato=csv&campos=nome&campos=extra_$money");
    my $csv = decode('UTF-8', $r->{content});
    like($csv, qr/Nome \/ razão social;Honorário \Q$tag\E\r\n/, 'the custom field is a column');
    like($csv, qr/Com campos \Q$tag\E;R\$ 1\.234,56/, 'with its value');

    # Deactivated: off the form, values kept.
    $r = $ana->post("/clientes/campos/$list/desativar", [csrf => $ana->{csrf}]);
    status_is($r, 303, 'deactivated');
    unlike(html_of($ana->get('/clientes/novo')), qr/Porte \Q$tag\E/, 'not on the form any more');
    is(sql_value("SELECT COUNT(*) FROM client_custom_values WHERE field_id = $list"), 1, 'values kept');
    my $outra = staff_login('carla@outra.com.br', host => 'outra.localhost');
    status_is($outra->post("/clientes/campos/$money/desativar", [csrf => $outra->{csrf}]), 404,
        'another office cannot touch it');
};

subtest 'office audit log' => sub {
    status_is($bruno->get('/clientes/auditoria'), 403, 'admins only');
    my $r = $ana->get('/clientes/auditoria?acao=create');
    status_is($r, 200, 'filtered by action');
    like(html_of($r), qr/Com campos \Q$tag\E/, 'shows the records created');
    my $uid = staff_id('ana@demo.com.br');
    $r = $ana->get("/clientes/auditoria?usuario=$uid&de=01/01/2020&ate=31/12/2099");
    status_is($r, 200, 'by user and period');
    like(html_of($r), qr/Ana Souza/, 'the user appears');
    $r = $ana->get('/clientes/auditoria?de=01/01/2099');
    like(html_of($r), qr/Nenhum registro/, 'an empty period says so');
    my $outra = staff_login('carla@outra.com.br', host => 'outra.localhost');
    unlike(html_of($outra->get('/clientes/auditoria')), qr/\Q$tag\E/, "another office's log does not show ours");
};

done_testing();
