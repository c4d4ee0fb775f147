#!/usr/bin/perl
# The registry's second pass (issue 14): a refused list parameter never widens the
# result, a trashed record is read-only except restore and purge, invisible and
# reordering characters are refused, and one save is one history event.
use strict;
use warnings;
use utf8;

use lib 'tests/http/lib';
use Portal::Test qw(:DEFAULT :cadastro);
use Test::More;

clean_login_attempts();
my $tag = rand_tag('Sp');
my $ana = staff_login('ana@demo.com.br');
my @fields;

END {
    purge_marked($tag) if $tag;
    sql('DELETE FROM custom_fields WHERE id IN (' . join(',', @fields) . ')') if @fields;
    sql('DELETE FROM tags WHERE name LIKE ' . sql_quote("%$tag%")) if $tag;
    clean_login_attempts();
}

my $RLO = "\x{202E}";   # right-to-left override

sub active_count { return sql_value('SELECT active FROM client_counts WHERE office_id = ' . office_id('demo')) }

subtest 'a refused search or filter shows its message and no records, never all of them' => sub {
    my $id = create_client($ana, nome => "Busca $tag");
    ok($id, 'a record exists') or return;
    my $long = 'a' x 104;
    my $r = $ana->get("/clientes?q=$long");
    status_is($r, 400, 'a 104-character search: 400');
    text_has($r, 'Busca: use até 100 caracteres.', 'the field\'s message');
    is(input_value($r, 'q'), $long, 'the search shown as typed');
    is(scalar(list_ids($r)), 0, 'no records');
    text_lacks($r, 'desta busca', 'no bulk action on "all of them"');
    text_lacks($r, 'resultados', 'no count');

    my %bad = (status => 'todos', tipo => 'cliente2', pessoa => 'PX', regime => 'lucro',
        etiqueta => 'vip', responsavel => 'ana', ordem => 'nome desc', pagina => 0, visao => 'grade');
    for my $p (sort keys %bad) {
        my $r = $ana->get('/clientes' . query_string(q => "Busca $tag", $p => $bad{$p}));
        status_is($r, 400, "$p=$bad{$p}: 400");
        is(scalar(list_ids($r)), 0, "$p=$bad{$p}: no records");
    }
    text_has($ana->get('/clientes?status=todos'), 'Situação: escolha uma opção da lista.', 'a choice says so');
    text_has($ana->get('/clientes?etiqueta=vip'), 'Etiqueta: informe um número válido.', 'a number says so');
    status_is($ana->get("/clientes/lixeira?q=$long"), 400, 'the trash: 400 too');
    # The values the list offers still work.
    for my $p ([status => 'ativos'], [tipo => 'cliente'], [pessoa => 'PJ'], [ordem => 'criado'], [visao => 'lista']) {
        my $r = $ana->get('/clientes' . query_string(q => "Busca $tag", @$p));
        status_is($r, 200, "$p->[0]=$p->[1]: 200");
    }
    $ana->get('/clientes?visao=lista');

    # The export and the bulk actions refuse the same search.
    $r = $ana->get("/clientes/exportar?q=$long&formato=csv");
    status_is($r, 400, 'export of a refused search: 400');
    text_has($r, 'Busca: use até 100 caracteres.', 'with the message');
    unlike($r->{headers}{'content-disposition'} // '', qr/attachment/, 'no file');
    status_is($ana->get("/clientes/exportar?q=Busca&formato=pdf"), 400, 'an unknown format: 400');
    my $active = active_count();
    $r = $ana->post('/clientes/lote', [q => $long, todos => 1, acao => 'desativar', csrf => $ana->{csrf}]);
    status_is($r, 400, 'bulk "deactivate all" of a refused search: 400');
    text_has($r, 'Busca: use até 100 caracteres.', 'with the message');
    is(active_count(), $active, 'nothing deactivated');
    $r = $ana->post('/clientes/lote', [status => 'qualquer', todos => 1, acao => 'desativar', csrf => $ana->{csrf}]);
    status_is($r, 400, 'a refused filter in the bulk form: 400');
    is(active_count(), $active, 'nothing deactivated');
    is(client_row($id)->{active}, 1, 'the record untouched');

    # The audit log's filters.
    $r = $ana->get('/clientes/auditoria?de=31/02/2026');
    status_is($r, 400, 'audit log with an impossible date: 400');
    text_has($r, 'De: use uma data como 31/01/2026.', 'says so');
    text_has($r, 'Nenhum registro', 'and shows no events');
    status_is($ana->get('/clientes/auditoria?usuario=ana'), 400, 'a user that is not a number: 400');
};

subtest 'a record in the trash is read-only except restore and purge' => sub {
    my $id = create_client($ana, nome => "Lixo $tag");
    ok($id, 'created') or return;
    status_is($ana->post("/clientes/$id/lixeira", [csrf => $ana->{csrf}]), 303, 'moved to the trash');
    my $events = scalar audit_events($id);
    my %refused = (
        notas => [[texto => 'uma nota'], 'restaure-o para escrever notas'],
        etiquetas => [[etiqueta_nome => "Tag $tag"], 'restaure-o para mudar as etiquetas'],
        ativar => [[], 'restaure-o para ativá-lo'],
        desativar => [[], 'restaure-o para desativá-lo'],
        lixeira => [[], 'já está na lixeira'],
        editar => [client_form(nome => "Mudado $tag", versao => client_row($id)->{version}), 'restaure-o para editar'],
    );
    for my $action (sort keys %refused) {
        my ($form, $says) = @{ $refused{$action} };
        my $r = $ana->post("/clientes/$id/$action", [@$form, csrf => $ana->{csrf}]);
        status_is($r, 409, "POST $action: 409");
        text_has($r, 'Ação não disponível', "$action: a title that says what happened");
        text_has($r, $says, "$action: its own message");
        like(html_of($r), qr{href="/clientes/$id"}, "$action: a way back to the record");
    }
    is(sql_value("SELECT COUNT(*) FROM client_notes WHERE client_id = $id AND NOT automatic"), 0, 'no note stored');
    is(sql_value("SELECT COUNT(*) FROM client_tags WHERE client_id = $id"), 0, 'no tag stored');
    is(client_row($id)->{name}, "Lixo $tag", 'not edited');
    is(client_row($id)->{active}, 1, 'not deactivated');
    is(scalar audit_events($id), $events, 'no audit event');
    status_is($ana->get("/clientes/$id"), 200, 'the profile still opens');
    status_is($ana->get("/clientes/$id/historico"), 200, 'and its history');
    status_is($ana->post("/clientes/$id/restaurar", [csrf => $ana->{csrf}]), 303, 'restore works');
    status_is($ana->post("/clientes/$id/notas", [texto => 'depois', csrf => $ana->{csrf}]), 303, 'then notes work');
    status_is($ana->post("/clientes/$id/lixeira", [csrf => $ana->{csrf}]), 303, 'to the trash again');
    my $r = $ana->post("/clientes/$id/excluir", [confirmar => 1, csrf => $ana->{csrf}]);
    status_is($r, 303, 'purge works');
    is(client_row($id), undef, 'purged');
};

subtest 'invisible and reordering characters are refused with a message' => sub {
    my $r = $ana->post('/clientes/novo', [@{ client_form(nome => "Ana ${RLO}avlis $tag") }, csrf => $ana->{csrf}]);
    status_is($r, 422, 'a name with U+202E: 422');
    is(field_error($r, 'nome') // '', 'Contém um caractere invisível ou que inverte a direção do texto (como U+202E): apague-o e digite de novo.',
        'the name says why');
    is(sql_value('SELECT COUNT(*) FROM clients WHERE name LIKE ' . sql_quote("%avlis $tag%")), 0, 'nothing stored');
    $r = $ana->post('/clientes/novo', [@{ client_form(nome => "Zero\x{200B}width $tag") }, csrf => $ana->{csrf}]);
    status_is($r, 422, 'a zero-width space: 422');
    $r = $ana->post('/clientes/novo', [@{ client_form(nome => "Nome $tag", fantasia => "Fan\x{2066}tasia") }, csrf => $ana->{csrf}]);
    status_is($r, 422, 'an isolate in the trade name: 422');
    ok(field_error($r, 'fantasia'), 'beside the trade name');

    my $id = create_client($ana, nome => "Limpo $tag");
    ok($id, 'a clean name is taken') or return;
    # Refused text comes back on the profile with what was typed (issue 26 #20), less the
    # refused characters, never lost to a redirect.
    $r = $ana->post("/clientes/$id/notas", [texto => "Cliente ligou ${RLO}pedindo a 2ª via\nconferir DAS", csrf => $ana->{csrf}]);
    status_is($r, 422, 'a note with U+202E is refused: 422 on the profile');
    text_has($r, 'A nota tinha caracteres que não são aceitos', 'with its message');
    is(textarea_value($r, 'texto'), "Cliente ligou pedindo a 2ª via\nconferir DAS", '... and the typed text in the form, without the U+202E');
    text_has($r, "Limpo $tag", '... on the same client');
    $r = $ana->post("/clientes/$id/notas", [texto => ('palavra ' x 700), csrf => $ana->{csrf}]);
    status_is($r, 422, 'a note over 5,000 characters: 422');
    like(textarea_value($r, 'texto') // '', qr/^(palavra ){700}$/, '... kept whole in the form');
    $r = $ana->post("/clientes/$id/etiquetas", [etiqueta_nome => "V\x{200B}IP", csrf => $ana->{csrf}]);
    status_is($r, 422, 'a tag with a zero-width space is refused: 422');
    text_has($r, 'O nome da etiqueta tinha caracteres que não são aceitos', 'with its message');
    is(input_value($r, 'etiqueta_nome'), 'VIP', '... the name typed back without the zero-width space');
    $r = $ana->post("/clientes/$id/etiquetas", [etiqueta_nome => 'x' x 61, csrf => $ana->{csrf}]);
    text_has($r, 'até 60 caracteres', 'a long tag name says its limit');
    $r = $ana->post("/clientes/$id/notas", [texto => '   ', csrf => $ana->{csrf}]);
    is($r->location, "/clientes/$id?nota=vazia", 'an empty note: back to the profile, nothing to keep');
    is(sql_value("SELECT COUNT(*) FROM client_notes WHERE client_id = $id AND NOT automatic"), 0, 'no note');
    is(sql_value("SELECT COUNT(*) FROM client_tags WHERE client_id = $id"), 0, 'no tag');
    # The search box says so too.
    $r = $ana->get('/clientes' . query_string(q => "a${RLO}b"));
    status_is($r, 400, 'a search with U+202E: 400');
};

subtest 'one save is one history event listing every field it changed' => sub {
    my $r = $ana->post('/clientes/campos', [nome => "Porte $tag", tipo => 'lista', opcoes => "Pequeno\nGrande",
        csrf => $ana->{csrf}]);
    status_is($r, 303, 'a custom attribute') or return;
    my $porte = sql_value('SELECT id FROM custom_fields WHERE name = ' . sql_quote("Porte $tag"));
    push @fields, $porte;
    my $id = create_client($ana, nome => "Evento $tag", "extra_$porte" => 'Pequeno');
    ok($id, 'created with a custom value') or return;
    my @e = audit_events($id);
    is(scalar @e, 1, 'creating: one event');
    is($e[0]{action}, 'create', 'the creation');
    my $ch = audit_changes_of($e[0]{id});
    is($ch->{name}[1], "Evento $tag", 'it has the name');
    is($ch->{"extra.Porte $tag"}[1], 'Pequeno', 'and the custom value');

    $r = $ana->post("/clientes/$id/editar", [@{ client_form(nome => "Evento 2 $tag", "extra_$porte" => 'Grande',
        versao => client_row($id)->{version}) }, csrf => $ana->{csrf}]);
    status_is($r, 303, 'edited a field and the attribute');
    @e = audit_events($id);
    is(scalar @e, 2, 'one more event');
    $ch = audit_changes_of($e[1]{id});
    is_deeply([ sort keys %$ch ], [ sort('name', "extra.Porte $tag") ], 'listing both changes');
    is_deeply($ch->{"extra.Porte $tag"}, ['Pequeno', 'Grande'], 'old and new value');
    my $h = html_of($ana->get("/clientes/$id/historico"));
    my $alterou = () = $h =~ /alterou/g;
    is($alterou, 1, 'the history shows one "alterou"');

    $r = $ana->post("/clientes/$id/editar", [@{ client_form(nome => "Evento 2 $tag", "extra_$porte" => '',
        versao => client_row($id)->{version}) }, csrf => $ana->{csrf}]);
    status_is($r, 303, 'only the attribute cleared');
    @e = audit_events($id);
    is(scalar @e, 3, 'one event');
    is_deeply(audit_changes_of($e[2]{id}), { "extra.Porte $tag" => ['Grande', undef] }, 'with that change alone');
};

done_testing();
