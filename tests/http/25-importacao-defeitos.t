#!/usr/bin/perl
# Importação, issue 26: what an office tripped over — a changed mapping keeps no old
# check (#4), the undo's list of the records it left alone (#5), documents in the trash
# (#6), the result file, the result page and the history (#7). In an office of its own
# ("importb"), emptied before and after.
use strict;
use warnings;
use utf8;

use lib 'tests/http/lib';
use Portal::Test qw(:DEFAULT :cadastro :importacao);
use Encode qw(decode encode);
use Test::More;
use Time::HiRes qw(sleep time);

my $HOST = 'importb.localhost';
my $EMAIL = 'iris@importb.com.br';

sub reset_office {
    my $id = office_id('importb');
    if (!$id) {
        sql("INSERT INTO offices (slug, name) VALUES ('importb', 'Importa B Contabilidade')");
        $id = office_id('importb');
        sql("INSERT INTO staff_users (office_id, name, email, password_hash, role)"
            . " SELECT $id, 'Íris Importadora', " . sql_quote($EMAIL) . ", password_hash, 'admin'"
            . " FROM staff_users WHERE email = 'ana\@demo.com.br'");
    }
    sql("DELETE FROM import_rows WHERE import_id IN (SELECT id FROM imports WHERE office_id = $id);"
        . " DELETE FROM imports WHERE office_id = $id; DELETE FROM import_files WHERE office_id = $id;"
        . " DELETE FROM clients WHERE office_id = $id; DELETE FROM tags WHERE office_id = $id;"
        . " DELETE FROM client_counts WHERE office_id = $id");
    return $id;
}

my $OFFICE = reset_office();
END { reset_office() if $OFFICE; clean_login_attempts() }
clean_login_attempts();
my $iris = staff_login($EMAIL, host => $HOST);

sub phase_of { return sql_value("SELECT phase FROM imports WHERE id = " . int($_[0])) }

# The mapping page's form as the browser sends it, with changes; salvar => 1 for "Só salvar".
sub mapa_post {
    my ($c, $id, %set) = @_;
    my $page = $c->get("/importacao/$id");
    my $f = form_fields($page, "/importacao/$id/mapa");
    return undef unless $f;
    $f = pairs_set($f, %set);
    return $c->post("/importacao/$id/mapa", $f);
}

sub checked_import {   # upload and check; the import's id once checked
    my ($c, $name, $bytes, %set) = @_;
    my $id = import_id_of(upload($c, $name, $bytes)) or return undef;
    mapa_post($c, $id, %set);
    return wait_status($id, 'checked', 'draft') eq 'checked' ? $id : undef;
}

sub run_import {
    my ($c, $id, %o) = @_;
    return $c->post("/importacao/$id/importar", [csrf => $c->{csrf}, %o]);
}

sub done_import {
    my ($c, $name, $bytes, %set) = @_;
    my $id = checked_import($c, $name, $bytes, %set) or return undef;
    run_import($c, $id, fase => phase_of($id));
    return wait_status($id, 'done', 'failed') eq 'done' ? $id : undef;
}

sub active_clients { return sql_value("SELECT COUNT(*) FROM clients WHERE office_id = $OFFICE AND NOT trashed") }

sub small_csv {
    my (@docs) = @_;
    my $s = "Nome;CPF/CNPJ;Cidade\r\n";
    my $i = 0;
    $s .= "Cliente Defeito " . ++$i . ";" . doc_mask($_) . ";Campinas\r\n" for @docs;
    return $s;
}

subtest '#4 a changed mapping discards the check; Importar refuses an unchecked one' => sub {
    reset_office();
    my $id = checked_import($iris, 'mapa.csv', small_csv(cpf_random(), cpf_random())) or return fail('checked');
    my $r = mapa_post($iris, $id, salvar => 1);
    is(status_of($id), 'checked', '"Só salvar" with the same choices keeps the check');
    my $p1 = phase_of($id);
    $r = mapa_post($iris, $id, salvar => 1, col_2 => '');   # Cidade: ignored now
    status_is($r, 303, 'a changed mapping saved');
    is(status_of($id), 'draft', 'the check discarded');
    $r = $iris->get($r->location);
    text_has($r, 'a conferência anterior foi descartada', 'the page says why');
    text_lacks($r, 'Importar: criar', 'no "Importar" button');
    $r = run_import($iris, $id);
    status_is($r, 409, 'Importar with the unchecked mapping: 409');
    $r = run_import($iris, $id, fase => $p1);
    status_is($r, 409, 'Importar of the old check: 409');
    is(active_clients(), 0, 'nothing written');
    # An option changed (Atualizar: sim) discards it too.
    mapa_post($iris, $id);
    is(wait_status($id, 'checked', 'draft'), 'checked', 'checked again');
    mapa_post($iris, $id, salvar => 1, atualizar => 'sim');
    is(status_of($id), 'draft', 'a changed option discards the check');
    # A page showing an older check cannot start a newer one it did not show.
    mapa_post($iris, $id);
    is(wait_status($id, 'checked', 'draft'), 'checked', 'checked again');
    my $p2 = phase_of($id);
    mapa_post($iris, $id, col_2 => 'f:cidade');
    is(wait_status($id, 'checked', 'draft'), 'checked', 'and once more, with other choices');
    $r = run_import($iris, $id, fase => $p2);
    status_is($r, 409, 'Importar from the page of the earlier check: 409');
    $r = run_import($iris, $id, fase => phase_of($id));
    status_is($r, 303, 'Importar from the latest check: 303');
    is(wait_status($id, 'done', 'failed'), 'done', 'imported');
    is(active_clients(), 2, 'two records');
};

sub result_csv {
    my ($c, $id) = @_;
    my $r = $c->get("/importacao/$id/resultado");
    my $t = $r->{status} == 200 ? decode('UTF-8', $r->{content}) : '';
    $t =~ s/^\x{FEFF}//;   # the BOM Excel wants
    return $t;
}

# Edits a record through the staff form (so the audit names who and when).
sub edit_client {
    my ($c, $id, %set) = @_;
    my $f = form_fields($c->get("/clientes/$id/editar"), "/clientes/$id/editar") or return undef;
    return $c->post("/clientes/$id/editar", pairs_set($f, %set));
}

subtest '#5 the undo lists the records it left alone; singular and plural' => sub {
    reset_office();
    my @docs = (cpf_random(), cpf_random(), cpf_random());
    my $id = done_import($iris, 'desfazer.csv', small_csv(@docs)) or return fail('imported');
    my $edited = sql_value("SELECT id FROM clients WHERE office_id = $OFFICE AND document = '$docs[1]'");
    my $r = edit_client($iris, $edited, cidade => 'Sorocaba');
    status_is($r, 303, 'one record edited after the import');
    # Undone by someone else than who imported.
    if (!staff_id('otto@importb.com.br')) {
        sql("INSERT INTO staff_users (office_id, name, email, password_hash, role)"
            . " SELECT $OFFICE, 'Otto Desfaz', 'otto\@importb.com.br', password_hash, 'staff'"
            . " FROM staff_users WHERE email = 'ana\@demo.com.br'");
    }
    my $otto = staff_login('otto@importb.com.br', host => $HOST);
    $r = $otto->post("/importacao/$id/desfazer", [csrf => $otto->{csrf}]);
    is(wait_status($id, 'undone', 'failed'), 'undone', 'undone');
    $r = $iris->get("/importacao/$id");
    text_has($r, 'Desfeita por Otto Desfaz', 'by Otto');
    (my $plain = $r->{text}) =~ s/<[^>]+>//g;
    like($plain, qr/2 cadastros voltaram ao que eram/, 'plural for the two undone');
    like($plain, qr/1 cadastro foi alterado depois da importação e ficou como está/, 'singular for the one kept');
    unlike($plain, qr/\b1 foram/, 'no "1 foram"');
    like($r->{text}, qr{href="/clientes/$edited"}, 'the kept record linked');
    text_has($r, 'Cliente Defeito 2', 'by its name');
    like($r->{text}, qr{alterado depois por Íris Importadora em \d\d/\d\d/\d{4} \d\d:\d\d}, 'who changed it, and when');
    text_lacks($r, '“(desfeito)”', 'no pointer at the wrong mark');
    my $csv = result_csv($iris, $id);
    like($csv, qr/^3;Cliente Defeito 2;[^\r\n]*;criado \(mantido: alterado depois por Íris Importadora em \d\d\/\d\d\/\d{4} \d\d:\d\d\);/m,
        'the result file marks the kept row "mantido: alterado depois por …"');
    like($csv, qr/^2;Cliente Defeito 1;[^\r\n]*;criado \(desfeito\);/m, 'and the undone ones "(desfeito)"');
    # The audit names the undo as an undo.
    my $req = sql_quote(sprintf('imp%013d', $id));
    is(sql_value("SELECT COUNT(*) FROM audit_events WHERE office_id = $OFFICE AND request_id = $req"
        . " AND action = 'import_undo' AND channel = 'import' AND actor = 'Otto Desfaz'"
        . " AND user_id = " . staff_id('otto@importb.com.br')), 2,
        'two "import_undo" events, channel import, by who undid it');
    is(sql_value("SELECT COUNT(*) FROM audit_events WHERE office_id = $OFFICE AND request_id = $req"
        . " AND action = 'trash'"), 0, 'none called a plain "trash" by staff');
};

subtest '#7 history: a check stopped on an error says so' => sub {
    reset_office();
    # An error that would come back on every try (as in 18-importacao.t: a message longer
    # than the column, under strict mode); no other row of the database has a message.
    my $bad = import_id_of(upload($iris, 'quebrado.csv', "Nome;CPF/CNPJ\r\n;123\r\n")) or return fail('upload');
    sql("DELETE FROM import_rows WHERE message <> ''");
    sql('ALTER TABLE import_rows MODIFY message VARCHAR(5) NOT NULL DEFAULT \'\'');
    mapa_post($iris, $bad);
    my $st = wait_status($bad, 'draft', 'checked');
    sql('ALTER TABLE import_rows MODIFY message VARCHAR(2000) NOT NULL DEFAULT \'\'');
    is($st, 'draft', 'the check stops');
    my $r = $iris->get('/importacao');
    my ($row_bad) = $r->{text} =~ m{(<tr><td class="nowrap"><a href="/importacao/$bad">.*?</tr>)}s;
    like($row_bad // '', qr/Conferência interrompida/, 'the stopped check: "Conferência interrompida"');
    like($row_bad // '', qr/Um erro interno parou o trabalho/, 'with its reason');
    unlike($row_bad // '', qr/Aguardando conferência/, 'not "Aguardando conferência"');
};

subtest '#7 result file, result page, history, a false .xlsx' => sub {
    reset_office();
    my $csv;
    # Line 2: a note (a CEP put back); line 3: rejected (no name).
    $csv = "Nome;CPF/CNPJ;CEP\r\nAna Corrigida;" . cpf_random() . ";1310100\r\n"
        . ";" . cpf_random() . ";01310100\r\nBia Boa;" . cpf_random() . ";01310100\r\n";
    my $id = done_import($iris, 'sete.csv', $csv) or return fail('imported');
    my $r = $iris->get("/importacao/$id");
    my ($table) = $r->{text} =~ m{Linhas rejeitadas ou com observação(.*?)</table>}s;
    ok($table, 'the rows table') or return;
    my @lines = $table =~ m{<td class="num">(\d+)</td>}g;
    is_deeply(\@lines, [3, 2], 'the rejected row first, then the one with a note');
    my $res = result_csv($iris, $id);
    my @rows = split /\r\n/, $res;
    like($rows[0], qr/^Linha;Nome;CPF\/CNPJ;CEP;Resultado da importação;Motivo$/, 'the line number first');
    like($rows[1], qr/^2;Ana Corrigida;/, 'each row after its line number');
    like($rows[2], qr/^3;;[^;]*;01310100;rejeitado;/, 'the rejected one');
    # Sent again: one line column and one pair of result columns.
    my $again = import_id_of(upload($iris, 'sete-resultado.csv', encode('UTF-8', $res))) or return fail('upload');
    mapa_post($iris, $again);
    is(wait_status($again, 'checked', 'draft'), 'checked', 'the result file checked');
    my $res2 = result_csv($iris, $again);
    my ($head) = split /\r\n/, $res2;
    is($head, 'Linha;Nome;CPF/CNPJ;CEP;Resultado da importação;Motivo', 'no second pair of result columns');
    like((split /\r\n/, $res2)[1], qr/^2;Ana Corrigida;\d+;1310100;(inalterado|corrigido);/, 'its rows: this check\'s results');
    # History: a check stopped on a fatal error; an undone import says who and when.
    $iris->post("/importacao/$id/desfazer", [csrf => $iris->{csrf}]);
    is(wait_status($id, 'undone', 'failed'), 'undone', 'undone');
    $r = $iris->get('/importacao');
    my ($row_undone) = $r->{text} =~ m{(<tr><td class="nowrap"><a href="/importacao/$id">.*?</tr>)}s;
    like($row_undone // '', qr{Desfeita<br><span class="discreto">por Íris Importadora em \d\d/\d\d/\d{4} \d\d:\d\d}, 'undone: by whom and when');
    # A binary renamed .xlsx: said as such.
    $r = upload($iris, 'planilha.xlsx', join('', map { chr(int(rand(256))) } 1 .. 4096),
        type => 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    status_is($r, 400, 'a binary renamed .xlsx: 400');
    my $err = field_error($r, 'arquivo') // '';
    like($err, qr/nome de uma planilha XLSX, mas não é uma/, "an XLSX message: $err");
    unlike($err, qr/não parece ser um CSV/, 'not "não parece ser um CSV"');
};

sub all_clients { return sql_value("SELECT COUNT(*) FROM clients WHERE office_id = $OFFICE") }

subtest '#6 documents in the trash: said by the check, restored instead of created; Restaurar asks' => sub {
    reset_office();
    my @docs = (cnpj_random(), cnpj_random());
    my $csv = small_csv(@docs);
    my $first = done_import($iris, 'lixeira.csv', $csv) or return fail('imported');
    $iris->post("/importacao/$first/desfazer", [csrf => $iris->{csrf}]);
    is(wait_status($first, 'undone', 'failed'), 'undone', 'undone: both records in the trash');
    is(active_clients(), 0, 'none active');
    # The same file again: the check says which documents are in the trash.
    my $id = checked_import($iris, 'lixeira-de-novo.csv', $csv) or return fail('checked');
    is(sql_value("SELECT n_in_trash FROM imports WHERE id = $id"), 2, 'two rows with a document in the trash');
    my $r = $iris->get("/importacao/$id");
    text_has($r, 'linhas têm o CPF/CNPJ de cadastros que estão na lixeira', 'the check says so');
    text_has($r, 'Restaurar da lixeira em vez de criar', 'and offers to restore them');
    text_has($r, 'este documento está na lixeira', 'row by row');
    # Restore instead of create.
    mapa_post($iris, $id, restaurar => 1);
    is(wait_status($id, 'checked', 'draft'), 'checked', 'checked with "restaurar"');
    $r = $iris->get("/importacao/$id");
    text_has($r, 'será restaurado da lixeira', 'each row will restore its record');
    like($r->{text}, qr/Importar: criar 0 e atualizar 2/, 'nothing to create, two to update');
    run_import($iris, $id, fase => phase_of($id));
    is(wait_status($id, 'done', 'failed'), 'done', 'imported');
    is(all_clients(), 2, 'no new record');
    is(active_clients(), 2, 'both restored');
    my $req = sql_quote(sprintf('imp%013d', $id));
    is(sql_value("SELECT COUNT(*) FROM audit_events WHERE office_id = $OFFICE AND request_id = $req"
        . " AND action = 'restore' AND channel = 'import'"), 2, 'audited: restored by the import');
    # Its undo sends them back to the trash.
    $iris->post("/importacao/$id/desfazer", [csrf => $iris->{csrf}]);
    is(wait_status($id, 'undone', 'failed'), 'undone', 'the restoring import undone');
    is(active_clients(), 0, 'both back in the trash');
    is(all_clients(), 2, 'still two records');
    # Imported once more without restoring: new records beside the trashed ones.
    my $third = done_import($iris, 'lixeira-3.csv', $csv) or return fail('imported');
    is(active_clients(), 2, 'two new active records');
    my $trashed = sql_value("SELECT id FROM clients WHERE office_id = $OFFICE AND trashed AND document = '$docs[0]'");
    my $active = sql_value("SELECT id FROM clients WHERE office_id = $OFFICE AND NOT trashed AND document = '$docs[0]'");
    # The trash says who put each record there, and when.
    $r = $iris->get('/clientes/lixeira');
    like($r->{text}, qr{\d\d/\d\d/\d{4} \d\d:\d\d<br><span class="discreto">por Íris Importadora</span>}, 'the trash: when and by whom');
    # "Restaurar" asks when the document is on an active record.
    $r = $iris->post("/clientes/$trashed/restaurar", [csrf => $iris->{csrf}]);
    status_is($r, 409, 'Restaurar with the document active elsewhere: 409, asks');
    text_has($r, 'Já existe cadastro ativo com este CNPJ', 'says why');
    like($r->{text}, qr{href="/clientes/$active"}, 'links the active record');
    text_has($r, 'Restaurar mesmo assim', 'offers to go on');
    is(sql_value("SELECT trashed FROM clients WHERE id = $trashed"), 1, 'still in the trash');
    $r = $iris->post("/clientes/$trashed/restaurar", [csrf => $iris->{csrf}, confirmar => 1]);
    status_is($r, 303, 'confirmed: restored');
    is(sql_value("SELECT trashed FROM clients WHERE id = $trashed"), 0, 'out of the trash');
    # A record whose document nobody else has is restored at once.
    my $alone = sql_value("SELECT id FROM clients WHERE office_id = $OFFICE AND NOT trashed AND document = '$docs[1]'");
    $iris->post("/clientes/$alone/lixeira", [csrf => $iris->{csrf}]);
    my $other = sql_value("SELECT id FROM clients WHERE office_id = $OFFICE AND trashed AND document = '$docs[1]' AND id <> $alone");
    sql("DELETE FROM clients WHERE id = $other") if $other;
    $r = $iris->post("/clientes/$alone/restaurar", [csrf => $iris->{csrf}]);
    status_is($r, 303, 'no other record with the document: restored without asking');
};

done_testing();
