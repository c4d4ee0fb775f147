#!/usr/bin/perl
# Tags on the profile, the office's custom attributes (admin page, form, validation,
# profile, history, export) and the office audit log page.
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
