#!/usr/bin/perl
# Importação (issue 9): the sample spreadsheets go in through the pages and the worker —
# upload, mapping, the check (dry run), the import, the result file, re-import, undo —
# in an office of their own ("importa"), emptied before and after.
use strict;
use warnings;
use utf8;

use lib 'tests/http/lib';
use Portal::Test qw(:DEFAULT :cadastro :importacao);
use Encode qw(decode encode);
use Test::More;
use Time::HiRes qw(sleep time);

my $HOST = 'importa.localhost';
my $EMAIL = 'ivo@importa.com.br';

# The office and its admin (the demo password, copied from ana's hash).
sub reset_office {
    my $id = office_id('importa');
    if (!$id) {
        sql("INSERT INTO offices (slug, name) VALUES ('importa', 'Importa Contabilidade')");
        $id = office_id('importa');
        sql("INSERT INTO staff_users (office_id, name, email, password_hash, role)"
            . " SELECT $id, 'Ivo Importador', " . sql_quote($EMAIL) . ", password_hash, 'admin'"
            . " FROM staff_users WHERE email = 'ana\@demo.com.br'");
    }
    sql("DELETE FROM import_rows WHERE import_id IN (SELECT id FROM imports WHERE office_id = $id);"
        . " DELETE FROM imports WHERE office_id = $id; DELETE FROM import_files WHERE office_id = $id;"
        . " DELETE FROM clients WHERE office_id = $id; DELETE FROM tags WHERE office_id = $id;"
        . " DELETE FROM client_custom_values WHERE field_id IN (SELECT id FROM custom_fields WHERE office_id = $id);"
        . " DELETE FROM custom_fields WHERE office_id = $id;"
        . " DELETE FROM client_counts WHERE office_id = $id");
    return $id;
}

my $OFFICE = reset_office();
END { reset_office() if $OFFICE; clean_login_attempts() }
clean_login_attempts();
my $ivo = staff_login($EMAIL, host => $HOST);

sub file_bytes {
    my ($name) = @_;
    open(my $fh, '<:raw', "$ROOT/tests/data/$name") or die "$name: $!";
    local $/;
    return <$fh>;
}

# The mapping page's form as the browser would send it, with changes.
sub check {
    my ($c, $id, %set) = @_;
    my $page = $c->get("/importacao/$id");
    my $f = form_fields($page, "/importacao/$id/mapa");
    return undef unless $f;
    $f = pairs_set($f, %set);
    my $r = $c->post("/importacao/$id/mapa", $f);
    return $r;
}

sub counts_of {
    my ($id) = @_;
    my ($row) = sql("SELECT total_rows, n_created, n_updated, n_unchanged, n_rejected, n_corrected,"
        . " n_duplicates FROM imports WHERE id = " . int($id));
    my %h;
    @h{qw(total created updated unchanged rejected corrected duplicates)} = @$row;
    return \%h;
}

sub run_import {
    my ($c, $id) = @_;
    my $r = $c->post("/importacao/$id/importar", [csrf => $c->{csrf}]);
    return $r;
}

sub clients_in_office { return sql_value("SELECT COUNT(*) FROM clients WHERE office_id = $OFFICE AND NOT trashed") }

subtest 'the upload page, the template' => sub {
    my $r = $ivo->get('/importacao');
    status_is($r, 200, 'GET /importacao: 200');
    text_has($r, 'Envie a planilha', 'the upload form');
    security_headers_ok($r, 'GET /importacao');
    $r = $ivo->get('/importacao/modelo?formato=csv');
    status_is($r, 200, 'the CSV template: 200');
    like($r->{headers}{'content-disposition'} // '', qr/modelo-importacao-clientes\.csv/, 'a download');
    like($r->{text}, qr/Nome \/ razão social/, 'our headers');
    like($r->{text}, qr/Padaria Pão Quente/, 'one example row');
    $r = $ivo->get('/importacao/modelo?formato=xlsx');
    status_is($r, 200, 'the XLSX template: 200');
    is(substr($r->{content}, 0, 2), 'PK', 'a zip (xlsx)');
};

my %sample = (
    'clientes-excel-windows1252.csv' => { rows => 200, created => 200, encoding => 'cp1252', delimiter => ';' },
    'clientes-libreoffice-utf8.csv'  => { rows => 200, created => 200, encoding => 'utf8bom', delimiter => ',' },
);

my $excel_id;
subtest 'Excel CSV (Windows-1252, ;): upload, check, import' => sub {
    my $r = upload($ivo, 'clientes-excel-windows1252.csv', file_bytes('clientes-excel-windows1252.csv'));
    my $id = import_id_of($r);
    ok($id, 'upload: 303 to the import') or return diag(dump_res($r));
    $excel_id = $id;
    my ($enc, $delim) = @{ (sql("SELECT encoding, delimiter FROM imports WHERE id = $id"))[0] };
    is($enc, 'cp1252', 'encoding detected: Windows-1252');
    is($delim, ';', 'delimiter detected: ;');
    my $page = $ivo->get("/importacao/$id");
    status_is($page, 200, 'the mapping page');
    text_has($page, 'Comércio de Peças Pereira Ltda', 'the first rows, accents right');
    is(selected_value($page, 'col_1'), 'f:nome', 'Nome/Razão Social -> nome');
    is(selected_value($page, 'col_3'), 'f:documento', 'CPF/CNPJ -> documento');
    $r = check($ivo, $id);
    status_is($r, 303, 'check: 303');
    is(wait_status($id, 'checked', 'draft'), 'checked', 'the worker checked it');
    my $c = counts_of($id);
    is($c->{total}, 200, '200 data rows');
    is($c->{created}, 200, 'all 200 to create');
    is($c->{rejected}, 0, 'none rejected');
    is(clients_in_office(), 0, 'nothing written by the check');
    $page = $ivo->get("/importacao/$id");
    text_has($page, 'O que vai acontecer', 'the preview');
    $r = run_import($ivo, $id);
    status_is($r, 303, 'import: 303');
    is(wait_status($id, 'done', 'failed'), 'done', 'the worker imported it');
    is(clients_in_office(), 200, '200 clients in the office');
    my $cid = sql_value("SELECT id FROM clients WHERE office_id = $OFFICE AND name = 'Comércio de Peças Pereira Ltda'");
    ok($cid, 'a record with its accents');
    my @ev = audit_events($cid);
    is(scalar(@ev), 1, 'one audit event');
    is($ev[0]{channel}, 'import', 'channel import');
    is(sql_value("SELECT request_id FROM audit_events WHERE id = $ev[0]{id}"), sprintf('imp%013d', $id),
        'the audit row names the import');
    $page = $ivo->get("/importacao/$id");
    text_has($page, 'Importação concluída', 'the result page');
    my $profile = $ivo->get("/clientes/$cid");
    like(Portal::Test::html_of($profile), qr{<a href="/importacao/$id">importação nº $id</a>},
        'the profile\'s history links to the import');
    my $list = $ivo->get('/clientes?q=' . 'Pereira');
    text_has($list, 'Comércio de Peças Pereira Ltda', 'the list shows the new records at once');
};

subtest 'the same file again, update off: recognised, nothing created' => sub {
    my $r = upload($ivo, 'clientes-excel-windows1252.csv', file_bytes('clientes-excel-windows1252.csv'));
    my $id = import_id_of($r) or return fail('upload');
    my $page = $ivo->get("/importacao/$id");
    like($page->{text}, qr/Este arquivo já foi importado em \d\d\/\d\d\/\d{4} por Ivo Importador/, 'the same file is recognised');
    check($ivo, $id, atualizar => 'nao');
    is(wait_status($id, 'checked', 'draft'), 'checked', 'checked');
    my $c = counts_of($id);
    is($c->{created}, 0, '0 to create');
    is($c->{unchanged}, 200, '200 already there');
};

subtest 'result file and undo' => sub {
    my $r = $ivo->get("/importacao/$excel_id/resultado");
    status_is($r, 200, 'the result file');
    my @lines = split /\r\n/, $r->{text};
    like($lines[0], qr/Resultado da importação;Motivo$/, 'two columns added');
    is(scalar(grep { /;criado;/ } @lines), 200, 'every row: criado');
    # A record edited since the import is kept by the undo.
    my $edited = sql_value("SELECT id FROM clients WHERE office_id = $OFFICE ORDER BY id LIMIT 1");
    sql("UPDATE clients SET version = version + 1, city = 'Editada' WHERE id = $edited");
    $r = $ivo->post("/importacao/$excel_id/desfazer", [csrf => $ivo->{csrf}]);
    status_is($r, 303, 'undo: 303');
    is(wait_status($excel_id, 'undone', 'failed'), 'undone', 'undone by the worker');
    is(clients_in_office(), 1, 'the 199 created records in the trash; the edited one kept');
    is(sql_value("SELECT n_kept FROM imports WHERE id = $excel_id"), 1, 'one kept');
    $r = $ivo->post("/importacao/$excel_id/desfazer", [csrf => $ivo->{csrf}]);
    status_is($r, 409, 'a second undo: 409');
};


# ------------------------------------------------------------------ more samples

sub import_file {   # upload, check with the page's choices (changed by %set), import
    my ($c, $name, $bytes, %set) = @_;
    my $r = upload($c, $name, $bytes);
    my $id = import_id_of($r) or do { diag(dump_res($r)); return undef };
    $r = check($c, $id, %set);
    return $id unless $r && $r->{status} == 303;
    return $id unless wait_status($id, 'checked', 'draft') eq 'checked';
    return $id if $set{'-check-only'};
    run_import($c, $id);
    wait_status($id, 'done', 'failed');
    return $id;
}

subtest 'the options are stored as chosen' => sub {
    reset_office();
    my $r = upload($ivo, 'opcoes.csv', "Nome;CPF/CNPJ\r\nAna Opções;" . cpf_random() . "\r\n");
    my $id = import_id_of($r) or return fail('upload');
    check($ivo, $id);
    is(wait_status($id, 'checked', 'draft'), 'checked', 'checked');
    my ($row) = sql("SELECT update_existing, key_email, erase_empty, skip_invalid, default_active, default_types FROM imports WHERE id = $id");
    is_deeply($row, [0, 0, 0, 0, 1, 'cliente'], 'the defaults: update off, no e-mail key, no erasing, rejecting invalid values, active, cliente');
    check($ivo, $id, atualizar => 'sim', chave_email => 1, apagar_vazios => 1, sem_invalidos => 1, ativo => 0, tipos => 'fornecedor');
    is(wait_status($id, 'checked', 'draft'), 'checked', 'checked again');
    ($row) = sql("SELECT update_existing, key_email, erase_empty, skip_invalid, default_active, default_types FROM imports WHERE id = $id");
    is_deeply($row, [1, 1, 1, 1, 0, 'fornecedor'], 'each option as ticked');
};

subtest 'LibreOffice CSV (UTF-8 with BOM, comma)' => sub {
    reset_office();
    my $id = import_file($ivo, 'clientes-libreoffice-utf8.csv', file_bytes('clientes-libreoffice-utf8.csv'));
    ok($id, 'imported') or return;
    my ($enc, $delim) = @{ (sql("SELECT encoding, delimiter FROM imports WHERE id = $id"))[0] };
    is("$enc $delim", 'utf8bom ,', 'UTF-8 with BOM, comma');
    is(status_of($id), 'done', 'done');
    my $c = counts_of($id);
    is($c->{created} + $c->{rejected}, 200, 'every row accounted for');
    is(clients_in_office(), $c->{created}, 'as many records as created rows');
    ok(sql_value("SELECT COUNT(*) FROM clients WHERE office_id = $OFFICE AND name = 'José Santos Santos' AND city = 'Niterói'"),
        'accents of a UTF-8 file');
    is(sql_value("SELECT COUNT(*) FROM clients WHERE office_id = $OFFICE AND NOT active"),
        sql_value("SELECT COUNT(*) FROM import_rows r WHERE import_id = $id AND status = 'criado'") - sql_value("SELECT COUNT(*) FROM clients WHERE office_id = $OFFICE AND active"),
        'Situação I/Inativo read');
};

subtest 'the helpdesk template: logins and passwords never imported, status, types, tags' => sub {
    reset_office();
    my $bytes = file_bytes('clientes-modelo-opa.csv');
    my $r = upload($ivo, 'clientes-modelo-opa.csv', $bytes);
    my $id = import_id_of($r) or return fail('upload');
    my $page = $ivo->get("/importacao/$id");
    text_has($page, 'Não importada: senha ou login', 'the page says the secret columns stay out');
    my $f = form_fields($page, "/importacao/$id/mapa");
    is(pairs_get($f, 'col_7'), 'segredo', 'senha: never imported');
    is(pairs_get($f, 'col_8'), 'segredo', 'usuario: never imported');
    # Even a hand-made request cannot send the password column to a field.
    $r = $ivo->post("/importacao/$id/mapa", pairs_set($f, col_7 => 'f:observacao'));
    status_is($r, 303, 'saved');
    like(sql_value("SELECT mapping FROM imports WHERE id = $id"), qr/^(?:[^;]*;){7}segredo;segredo;/, 'still left out');
    is(wait_status($id, 'checked', 'draft'), 'checked', 'checked');
    run_import($ivo, $id);
    is(wait_status($id, 'done', 'failed'), 'done', 'imported');
    my $c = counts_of($id);
    is($c->{created}, 100, '100 created');
    my $cid = sql_value("SELECT id FROM clients WHERE office_id = $OFFICE AND name = 'Comércio de Peças Gonçalves ME'");
    my $row = client_row($cid);
    is("$row->{is_client}$row->{is_supplier}$row->{is_provider}", '110', 'tipoRegistro "cliente,fornecedor"');
    is(sql_value("SELECT GROUP_CONCAT(t.name) FROM client_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.client_id = $cid"),
        'lucro-presumido', 'the etiqueta column became a tag');
    is(sql_value("SELECT COUNT(*) FROM clients WHERE office_id = $OFFICE AND observation LIKE '%senha%'"), 0, 'no password anywhere');
};

subtest 'the messy file: every bad row by its line and reason, no good row lost' => sub {
    reset_office();
    my $id = import_file($ivo, 'clientes-baguncado.csv', file_bytes('clientes-baguncado.csv'), '-check-only' => 1);
    my $c = counts_of($id);
    is($c->{total}, 300, '300 data rows (the sep= line, blank lines and the header are not rows)');
    ok($c->{rejected} > 13, "invalid e-mails reject their rows when not told otherwise ($c->{rejected})");
    my $page = $ivo->get("/importacao/$id");
    text_has($page, 'repetido: a linha 19 do arquivo tem o mesmo documento', 'a repeated row names the first one');
    is(sql_value("SELECT message FROM import_rows WHERE import_id = $id AND line = 181 AND phase = (SELECT phase FROM imports WHERE id = $id)"),
        'Nome / razão social: Preencha este campo.', 'line 181: the missing name, by the file\'s line number');
    check($ivo, $id, sem_invalidos => 1);
    is(wait_status($id, 'checked', 'draft'), 'checked', 'checked with "importar sem o valor inválido"');
    $c = counts_of($id);
    is($c->{rejected}, 13, '13 rejected: bad documents, missing names, repeated rows');
    is($c->{duplicates}, 3, '3 of them repeat an earlier row');
    run_import($ivo, $id);
    is(wait_status($id, 'done', 'failed'), 'done', 'imported');
    is(clients_in_office(), 287, 'the 287 good rows, no more, no less');
    my ($obs) = sql_value("SELECT observation FROM clients WHERE office_id = $OFFICE AND name LIKE 'Tha_s Souza Magalh_es'");
    like($obs // '', qr/^Cliente "VIP";\r?\nligar antes das 10h$/, 'quotes, a delimiter and a line break inside one cell');
    ok(sql_value("SELECT COUNT(*) FROM clients WHERE office_id = $OFFICE AND document = 'GI8K5A5DGDV754'"), 'an alphanumeric CNPJ');
    my $left = sql_value("SELECT COUNT(*) FROM import_rows WHERE import_id = $id AND status = 'criado' AND message LIKE 'valor deixado de fora: E-mail%'");
    ok($left > 0, "rows in with their invalid e-mail left out, and said ($left)");
    my $r = $ivo->get("/importacao/$id/resultado");
    like($r->{text}, qr/;criado;valor deixado de fora: E-mail/, 'the result file says which value was left out');
};

subtest 'XLSX: LibreOffice\'s file, and one converted now by LibreOffice' => sub {
    reset_office();
    my $id = import_file($ivo, 'clientes-libreoffice.xlsx', file_bytes('clientes-libreoffice.xlsx'));
    is(status_of($id), 'done', 'the sample XLSX imported');
    my $c = counts_of($id);
    ok($c->{created} >= 190, "its rows created ($c->{created})");
    my $rows = sql_value("SELECT COUNT(*) FROM import_rows WHERE import_id = $id AND line = 2");
    is($rows, 1, 'rows numbered as the sheet numbers them (the first data row is row 2)');
    reset_office();
    my $dir = "$ROOT/var/test/tmp/lo-$$";
    system('mkdir', '-p', $dir);
    system("cp '$ROOT/tests/data/clientes-libreoffice-utf8.csv' '$dir/convertida.csv'");
    my $rc = system("cd '$dir' && HOME='$dir' timeout 120 libreoffice --headless --infilter='CSV:44,34,76' --convert-to xlsx convertida.csv >/dev/null 2>&1");
    ok($rc == 0 && -s "$dir/convertida.xlsx", 'LibreOffice converted the CSV to XLSX') or return;
    open(my $fh, '<:raw', "$dir/convertida.xlsx") or return fail('read');
    my $x = do { local $/; <$fh> };
    close $fh;
    system('rm', '-rf', $dir);
    $id = import_file($ivo, 'convertida.xlsx', $x);
    is(status_of($id), 'done', 'imported');
    is(counts_of($id)->{total}, 200, '200 rows');
    ok(sql_value("SELECT COUNT(*) FROM clients WHERE office_id = $OFFICE AND name = 'José Santos Santos'"), 'the first row');
    my $r = $ivo->get("/importacao/$id/resultado");
    is(substr($r->{content}, 0, 2), 'PK', 'the result file of an XLSX is an XLSX');
};


# The record as the import must bring it back: every column but ids and instants, its
# custom values by attribute name.
sub snapshot {
    my %all;
    for my $r (sql("SELECT id, name FROM clients WHERE office_id = $OFFICE AND NOT trashed")) {
        my $row = client_row($r->[0]);
        delete @$row{qw(id version created_at updated_at deleted_at trashed)};
        my %extra = map { $_->[0] => $_->[1] } sql("SELECT f.name, v.value FROM client_custom_values v"
            . " JOIN custom_fields f ON f.id = v.field_id WHERE v.client_id = $r->[0]");
        $row->{extra} = \%extra;
        $all{ $r->[1] } = $row;
    }
    return \%all;
}

my $export_csv;
subtest 'export -> import: every field comes back' => sub {
    reset_office();
    sql("INSERT INTO custom_fields (office_id, name, kind, position, created_at) VALUES"
        . " ($OFFICE, 'Código no ERP', 'texto', 1, UTC_TIMESTAMP(6)),"
        . " ($OFFICE, 'Início do contrato', 'data', 2, UTC_TIMESTAMP(6)),"
        . " ($OFFICE, 'Honorário base', 'dinheiro', 3, UTC_TIMESTAMP(6))");
    my ($erp, $inicio, $hon) = map { $_->[0] } sql("SELECT id FROM custom_fields WHERE office_id = $OFFICE ORDER BY position");
    my $ivo_id = staff_id($EMAIL);
    my $cpf0;   # a CPF with a leading zero: it must keep it
    do { $cpf0 = cpf_random() } until $cpf0 =~ /^0/;
    my @made = map { scalar $_ } (
        scalar create_client($ivo, tipo => 'PJ', nome => 'Padaria Pão Quente Ltda', fantasia => 'Pão Quente',
            documento => doc_mask(cnpj_random()), inscricao_estadual => '123.456.789.110',
            inscricao_municipal => '9876', regime => 'simples', nascimento => '15/03/2010',
            email => 'contato@paoquente.com.br', outros_emails => "fiscal\@paoquente.com.br\nrh\@paoquente.com.br",
            fone_comercial => '(11) 3333-4444', celular => '(11) 98888-7777', cep => '01310-100',
            logradouro => 'Avenida Paulista', numero => '1000', complemento => 'sala 5', bairro => 'Bela Vista',
            cidade => 'São Paulo', uf => 'SP', contato => 'Maria', cliente => 1, fornecedor => 1,
            responsavel => $ivo_id, observacao => "Paga em dia.\nPrefere e-mail.",
            "extra_$erp" => '=SOMA(A1)', "extra_$inicio" => '01/02/2024', "extra_$hon" => '1.234,56'),
        scalar create_client($ivo, tipo => 'PF', nome => 'José da Silva', documento => $cpf0,
            email => 'jose@exemplo.com.br', pais => 'Brasil', ativo => 0, prospect => 1, cliente => 0),
        scalar create_client($ivo, tipo => 'EX', nome => 'Acme Corp', documento => 'US-99-1234567', pais => 'Estados Unidos',
            fone_residencial => '(21) 2222-3333'),
    );
    is(scalar(grep { defined } @made), 3, 'three records made by the form') or return;
    my $before = snapshot();
    my $r = $ivo->get('/clientes/exportar?formato=csv');
    status_is($r, 200, 'exported as CSV');
    $export_csv = $r->{content};
    sql("DELETE FROM clients WHERE office_id = $OFFICE; DELETE FROM client_counts WHERE office_id = $OFFICE");
    $r = upload($ivo, 'clientes.csv', $export_csv);
    my $id = import_id_of($r) or return fail('upload');
    my $page = $ivo->get("/importacao/$id");
    unlike($page->{text}, qr/coluna(?:s)? sem destino/, 'every column of our export has its place');
    check($ivo, $id);
    is(wait_status($id, 'checked', 'draft'), 'checked', 'checked');
    run_import($ivo, $id);
    is(wait_status($id, 'done', 'failed'), 'done', 'imported');
    is(counts_of($id)->{created}, 3, 'three created');
    my $after = snapshot();
    # Rows may come back in any order: compare by name.
    is_deeply($after, $before, 'every field of every record as it was');
};

subtest 'update existing records: only the ticked fields, empty cells change nothing, undo restores' => sub {
    ok($export_csv, 'the export of the last test') or return;
    my $csv = decode('UTF-8', $export_csv);
    $csv =~ s/contato\@paoquente\.com\.br/vendas\@paoquente.com.br/ or return fail('edit');
    $csv =~ s/\(21\) 2222-3333//;   # an empty cell
    my $before = snapshot();
    my $r = upload($ivo, 'clientes-editado.csv', encode('UTF-8', $csv));
    my $id = import_id_of($r) or return fail('upload');
    check($ivo, $id, atualizar => 'nao');
    is(wait_status($id, 'checked', 'draft'), 'checked', 'checked with update off');
    my $c = counts_of($id);
    is("$c->{created}/$c->{updated}/$c->{unchanged}", '0/0/3', 'update off: nothing created, nothing changed, never a duplicate');
    check($ivo, $id, atualizar => 'sim');
    is(wait_status($id, 'checked', 'draft'), 'checked', 'checked with update on');
    $c = counts_of($id);
    is("$c->{created}/$c->{updated}/$c->{unchanged}", '0/1/2', 'one record to update');
    run_import($ivo, $id);
    is(wait_status($id, 'done', 'failed'), 'done', 'imported');
    my $after = snapshot();
    is($after->{'Padaria Pão Quente Ltda'}{email}, 'vendas@paoquente.com.br', 'the e-mail changed');
    is($after->{'Acme Corp'}{phone_home}, $before->{'Acme Corp'}{phone_home}, 'the emptied cell erased nothing');
    my $cid = sql_value("SELECT id FROM clients WHERE office_id = $OFFICE AND name = 'Padaria Pão Quente Ltda'");
    my @ev = audit_events($cid);
    is($ev[-1]{channel}, 'import', 'the update audited as the import');
    is_deeply(audit_changes_of($ev[-1]{id}), { email => ['contato@paoquente.com.br', 'vendas@paoquente.com.br'] },
        'one event listing the one field changed');
    $r = $ivo->post("/importacao/$id/desfazer", [csrf => $ivo->{csrf}]);
    is(wait_status($id, 'undone', 'failed'), 'undone', 'undone');
    is_deeply(snapshot(), $before, 'every record as before the import');
    # The same import with "update" and an empty cell that erases.
    $r = upload($ivo, 'clientes-editado.csv', encode('UTF-8', $csv));
    $id = import_id_of($r) or return fail('upload');
    check($ivo, $id, atualizar => 'sim', apagar_vazios => 1);
    is(wait_status($id, 'checked', 'draft'), 'checked', 'checked with "an empty cell erases"');
    run_import($ivo, $id);
    is(wait_status($id, 'done', 'failed'), 'done', 'imported');
    is(snapshot()->{'Acme Corp'}{phone_home}, '', 'now the empty cell erased the phone');
};

subtest 'bad files: a clear message, nothing written' => sub {
    my $imports = sql_value("SELECT COUNT(*) FROM imports WHERE office_id = $OFFICE");
    my @cases = (
        ['vazio.csv', '', qr/O arquivo está vazio/],
        ['so-espacos.csv', "\r\n\r\n;;;\r\n", qr/nenhuma linha com dados/],
        ['nul.csv', "Nome;CPF\r\nAna\0;1\r\n", qr/\S/],
        ['utf8-invalido.csv', "\xEF\xBB\xBFNome;CPF\r\nAna;1\r\nJo\xE3o;2\r\n", qr/A linha 3 tem bytes que não são UTF-8/],
        ['campo-gigante.csv', "Nome;Obs\r\nAna;" . ('x' x (10 * 1024 * 1024)) . "\r\n", qr/\S/],
        ['colunas.csv', "Nome;" . join(';', map {"c$_"} 1 .. 100000) . "\r\n", qr/\S/],
        ['aspas.csv', "Nome;Obs\r\nAna;\"sem fim\r\nBia;x\r\n", qr/\S/],
        ['binario.csv', join('', map { chr(int(rand(256))) } 1 .. 4096), qr/\S/],
    );
    my $clients = clients_in_office();
    for my $case (@cases) {
        my ($name, $bytes, $re) = @$case;
        my $r = upload($ivo, $name, $bytes);
        # The upload reads the header row; what is wrong further down, the check finds
        # (the whole file is read there, by the worker): either way a message, no record.
        if (my $id = import_id_of($r)) {
            $imports++;
            check($ivo, $id);
            is(wait_status($id, 'draft', 'checked'), 'draft', "$name: the check stops");
            my $err = sql_value("SELECT error FROM imports WHERE id = $id");
            like($err, qr/\S/, "$name: the reason: " . substr($err, 0, 160));
            text_has($ivo->get("/importacao/$id"), 'A conferência parou', "$name: the page says so");
        } else {
            status_is($r, 400, "$name: 400");
            my $err = field_error($r, 'arquivo') // '';
            like($err, $re, "$name: the reason: " . substr($err, 0, 160));
        }
    }
    is(clients_in_office(), $clients, 'no record written');
    # A zip bomb renamed .xlsx: a workbook whose sheet is 20 MB of spaces in a few KB.
    require IO::Compress::Zip;
    my $zip;
    my $z = IO::Compress::Zip->new(\$zip, Name => '[Content_Types].xml', Method => 8) or return fail('zip');
    $z->print('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
    $z->newStream(Name => 'xl/workbook.xml', Method => 8);
    $z->print('<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
        . ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        . '<sheets><sheet name="Plan1" sheetId="1" r:id="rId1"/></sheets></workbook>');
    $z->newStream(Name => 'xl/_rels/workbook.xml.rels', Method => 8);
    $z->print('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        . '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"'
        . ' Target="worksheets/sheet1.xml"/></Relationships>');
    $z->newStream(Name => 'xl/worksheets/sheet1.xml', Method => 8);
    $z->print('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>');
    $z->print(' ' x (1024 * 1024)) for 1 .. 20;
    $z->print('</sheetData></worksheet>');
    $z->close;
    my $r = upload($ivo, 'bomba.xlsx', $zip, type => 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    status_is($r, 400, 'a zip bomb renamed .xlsx: 400');
    like(field_error($r, 'arquivo') // '', qr/bomba de compactação/, 'the reason: ' . (field_error($r, 'arquivo') // ''));
    is(sql_value("SELECT COUNT(*) FROM imports WHERE office_id = $OFFICE"), $imports, 'no import recorded for any of them');
};

subtest 'a file over the limit: 413 with its size and the limit' => sub {
    my $r = upload($ivo, 'grande.csv', "Nome\r\n" . ("Ana Maria da Silva\r\n" x (51 * 1024 * 1024 / 20)));
    status_is($r, 413, '51 MB: 413');
    like(field_error($r, 'arquivo') // '', qr/O arquivo tem 51(,\d)? MB; o limite é 50 MB/, 'says the size and the limit');
};

# A file of N rows with distinct valid CPFs.
sub big_csv {
    my ($n, $tag) = @_;
    my %seen;
    my $s = "Nome;CPF;E-mail;Cidade;UF\r\n";
    for my $i (1 .. $n) {
        my $cpf;
        do { $cpf = cpf_random() } while $seen{$cpf}++;
        $s .= "Cliente $tag $i;" . doc_mask($cpf) . ";c$i\@$tag.com.br;Curitiba;PR\r\n";
    }
    return $s;
}

sub fault_run {
    my ($what, $fault) = @_;
    reset_office();
    my $n = 6000;
    my $id = import_file($ivo, "grande-$what.csv", big_csv($n, "f$what"), '-check-only' => 1);
    is(status_of($id), 'checked', 'checked') or return;
    run_import($ivo, $id);
    my $until = time + 60;
    sleep 0.05 while time < $until && sql_value("SELECT rows_done FROM imports WHERE id = $id") < 1000;
    my $at = sql_value("SELECT rows_done FROM imports WHERE id = $id");
    ok($at >= 1000 && $at < $n, "stopped mid-import ($at of $n rows recorded)");
    $fault->();
    is(wait_status($id, 'done', 'failed'), 'done', 'the import finished after the fault');
    my $c = counts_of($id);
    is($c->{created}, $n, "$n created in the counts");
    is(clients_in_office(), $n, "$n records: nothing lost, nothing twice");
    is(sql_value("SELECT COUNT(*) FROM import_rows WHERE import_id = $id AND phase = (SELECT phase FROM imports WHERE id = $id)"),
        $n, 'one result row per data row');
    is(sql_value("SELECT COUNT(DISTINCT document) FROM clients WHERE office_id = $OFFICE"), $n, 'every document once');
    is(sql_value("SELECT COUNT(*) FROM audit_events WHERE office_id = $OFFICE AND action = 'create'"
        . " AND request_id = " . sql_quote(sprintf('imp%013d', $id))), $n, 'one audit event each');
}

subtest 'the worker killed mid-import: the next one resumes' => sub {
    fault_run('kill', sub {
        ok(stack('worker-kill'), 'worker killed (SIGKILL)');
        ok(stack('worker-start'), 'a worker started again');
    });
};

subtest 'the database restarted mid-import' => sub {
    fault_run('db', sub { ok(stack('db-restart'), 'MariaDB restarted') });
};

subtest 'the result file, fixed and sent again: the rows already in are "inalterado"' => sub {
    reset_office();
    my $id = import_file($ivo, 'clientes-baguncado.csv', file_bytes('clientes-baguncado.csv'), sem_invalidos => 1);
    is(status_of($id), 'done', 'the messy file imported');
    my $r = $ivo->get("/importacao/$id/resultado");
    my $csv = decode('UTF-8', $r->{content});
    # Line 181 lacks its name: give it one in the result file.
    my @lines = split /\r\n/, $csv;
    my ($fixed) = grep { /;rejeitado;Nome \/ razão social: Preencha este campo\.$/ } @lines;
    ok($fixed, 'a rejected row for its missing name') or return;
    (my $new = $fixed) =~ s/^(\d+;P[FJ]);;/$1;Cliente Corrigido da Silva;/ or return fail('fix');
    $csv =~ s/\Q$fixed\E/$new/;
    $r = upload($ivo, 'resultado-corrigido.csv', encode('UTF-8', $csv));
    my $again = import_id_of($r) or return fail('upload');
    my $page = $ivo->get("/importacao/$again");
    like($page->{text}, qr/Resultado da importação/, 'the added columns are shown') ;
    check($ivo, $again, sem_invalidos => 1);
    is(wait_status($again, 'checked', 'draft'), 'checked', 'checked');
    run_import($ivo, $again);
    is(wait_status($again, 'done', 'failed'), 'done', 'imported');
    my $c = counts_of($again);
    is($c->{created}, 1, 'the fixed row created');
    is($c->{unchanged}, 287, 'the 287 rows already in: inalterado');
    ok(sql_value("SELECT COUNT(*) FROM clients WHERE office_id = $OFFICE AND name = 'Cliente Corrigido da Silva'"), 'the fixed record');
};

subtest 'the last mapping of the same header row is remembered; defaults; leading zeros put back' => sub {
    reset_office();
    my $ivo_id = staff_id($EMAIL);
    my $cpf;
    do { $cpf = cpf_random() } until $cpf =~ /^0[1-9]/;
    (my $short = $cpf) =~ s/^0//;   # as Excel shows a CPF typed as a number
    my $file = "Nome;CPF;Referência antiga\r\nZeca Zeros;$short;Zequinha\r\nBia Sem Doc;;Bia\r\n";
    my $r = upload($ivo, 'zeros.csv', $file);
    my $id = import_id_of($r) or return fail('upload');
    my $page = $ivo->get("/importacao/$id");
    is(selected_value($page, 'col_2'), '', '"Referência antiga" has no field');
    check($ivo, $id, col_2 => 'f:fantasia', etiqueta => 'Importados do teste', responsavel => $ivo_id,
        ativo => 0, tipos => 'fornecedor');
    is(wait_status($id, 'checked', 'draft'), 'checked', 'checked');
    my $c = counts_of($id);
    is($c->{corrected}, 1, 'one document corrected');
    run_import($ivo, $id);
    is(wait_status($id, 'done', 'failed'), 'done', 'imported');
    my $zeca = client_row(sql_value("SELECT id FROM clients WHERE office_id = $OFFICE AND name = 'Zeca Zeros'"));
    is($zeca->{document}, $cpf, 'the leading zero put back');
    is($zeca->{trade_name}, 'Zequinha', 'the column mapped by hand');
    is("$zeca->{active}$zeca->{is_client}$zeca->{is_supplier}", '001', 'the defaults: inactive, fornecedor');
    is($zeca->{responsible_id}, $ivo_id, 'the default responsável');
    is(sql_value("SELECT t.name FROM client_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.client_id = $zeca->{id}"),
        'Importados do teste', 'the default tag');
    $r = $ivo->get("/importacao/$id/resultado");
    like(decode('UTF-8', $r->{content}), qr/Zeca Zeros;\Q$short\E;Zequinha;corrigido;/, 'the result file says "corrigido"');
    # The same header row in another file: the hand-made choice comes back.
    $r = upload($ivo, 'zeros-2.csv', "Nome;CPF;Referência antiga\r\nOutro;;\r\n");
    my $next = import_id_of($r) or return fail('upload');
    is(selected_value($ivo->get("/importacao/$next"), 'col_2'), 'f:fantasia', 'the office\'s last mapping for these headers');
};

# A workbook of two sheets, cells as inline strings.
sub two_sheets {
    require IO::Compress::Zip;
    my $zip;
    my $z = IO::Compress::Zip->new(\$zip, Name => '[Content_Types].xml', Method => 8);
    $z->print('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
    $z->newStream(Name => 'xl/workbook.xml', Method => 8);
    $z->print('<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
        . ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
        . '<sheet name="Fornecedores" sheetId="1" r:id="rId1"/><sheet name="Clientes 2026" sheetId="2" r:id="rId2"/>'
        . '</sheets></workbook>');
    $z->newStream(Name => 'xl/_rels/workbook.xml.rels', Method => 8);
    $z->print('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        . '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        . '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/>'
        . '</Relationships>');
    my $sheet = sub {
        my @rows = @_;
        my $x = '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
        for my $r (0 .. $#rows) {
            $x .= '<row r="' . ($r + 1) . '">';
            for my $c (0 .. $#{ $rows[$r] }) {
                $x .= '<c r="' . chr(65 + $c) . ($r + 1) . '" t="inlineStr"><is><t>' . $rows[$r][$c] . '</t></is></c>';
            }
            $x .= '</row>';
        }
        return encode('UTF-8', $x . '</sheetData></worksheet>');
    };
    $z->newStream(Name => 'xl/worksheets/sheet1.xml', Method => 8);
    $z->print($sheet->([ 'Nome', 'CNPJ' ], [ 'Fornecedor Um Ltda', doc_mask(cnpj_random(1)) ]));
    $z->newStream(Name => 'xl/worksheets/sheet2.xml', Method => 8);
    $z->print($sheet->([ 'Nome', 'CPF' ], [ 'Cliente da Segunda Aba', doc_mask(cpf_random()) ]));
    $z->close;
    return $zip;
}

subtest 'XLSX: the first sheet, or the one the person picks' => sub {
    reset_office();
    my $r = upload($ivo, 'duas-abas.xlsx', two_sheets());
    my $id = import_id_of($r) or return fail('upload');
    my $page = $ivo->get("/importacao/$id");
    text_has($page, 'Fornecedor Um Ltda', 'the first sheet is read');
    is(selected_value($page, 'aba'), '0', 'the sheets offered, the first chosen');
    text_has($page, 'Clientes 2026', 'the second sheet by its name');
    my $f = pairs_set(form_fields($page, "/importacao/$id/mapa"), aba => 1, salvar => 1);
    $r = $ivo->post("/importacao/$id/mapa", $f);
    status_is($r, 303, 'the choice saved');
    $page = $ivo->get("/importacao/$id");
    text_has($page, 'Cliente da Segunda Aba', 'the second sheet read');
    text_lacks($page, 'Fornecedor Um Ltda', 'not the first');
    check($ivo, $id);
    is(wait_status($id, 'checked', 'draft'), 'checked', 'checked');
    run_import($ivo, $id);
    is(wait_status($id, 'done', 'failed'), 'done', 'imported');
    is(sql_value("SELECT GROUP_CONCAT(name) FROM clients WHERE office_id = $OFFICE"), 'Cliente da Segunda Aba',
        'the rows of the sheet picked, and only them');
};

subtest 'an error that would come back on every try stops the pass, and its page says so' => sub {
    reset_office();
    # Messages longer than the column can hold: strict mode refuses the batch every time.
    sql('ALTER TABLE import_rows MODIFY message VARCHAR(5) NOT NULL DEFAULT \'\'');
    my $id = eval { import_file($ivo, 'clientes-baguncado.csv', file_bytes('clientes-baguncado.csv'), '-check-only' => 1) };
    sql('ALTER TABLE import_rows MODIFY message VARCHAR(2000) NOT NULL DEFAULT \'\'');
    ok($id, 'uploaded') or return;
    is(status_of($id), 'draft', 'the check stopped once, not retried for ever');
    like(sql_value("SELECT error FROM imports WHERE id = $id"), qr/erro interno/, 'with a message');
    text_has($ivo->get("/importacao/$id"), 'A conferência parou: Um erro interno', 'the page says so');
    check($ivo, $id);
    is(wait_status($id, 'checked', 'draft'), 'checked', 'once mended, checked again');
};

# What a record keeps for the search and the history, whatever wrote it.
sub index_of {
    my ($id) = @_;
    return {
        words => join(' ', map { $_->[0] } sql("SELECT word FROM client_words WHERE client_id = $id ORDER BY word")),
        prefixes => join(' ', map { "$_->[0]/$_->[1]/$_->[2]" }
            sql("SELECT prefix, name, trashed FROM client_prefixes WHERE client_id = $id ORDER BY prefix")),
        search_text => sql_value("SELECT search_text FROM clients WHERE id = $id"),
        changes => join(' | ', map { "$_->[0]=" . ($_->[1] // '') }
            sql("SELECT c.field, c.new_value FROM audit_changes c JOIN audit_events e ON e.id = c.event_id"
                . " WHERE e.entity = 'client' AND e.entity_id = $id AND e.action = 'create' ORDER BY c.field")),
    };
}

subtest 'a record imported in a batch is indexed and audited as the form does it' => sub {
    reset_office();
    sql("INSERT INTO custom_fields (office_id, name, kind, position, created_at) VALUES"
        . " ($OFFICE, 'Código no ERP', 'texto', 1, UTC_TIMESTAMP(6))");
    my ($erp) = sql_value("SELECT id FROM custom_fields WHERE office_id = $OFFICE");
    my $doc = cnpj_random();
    my %f = (tipo => 'PJ', nome => 'Padaria Pão Quente Ltda', fantasia => 'Pão de Açúcar & Cia',
        documento => doc_mask($doc), email => 'contato@paoquente.com.br',
        outros_emails => "fiscal\@paoquente.com.br\nrh\@paoquente.com.br", cidade => 'São Paulo', uf => 'SP',
        "extra_$erp" => 'ERP-77');
    my $by_form = create_client($ivo, %f) or return fail('form');
    my $want = index_of($by_form);
    my $counts = sql_value("SELECT GROUP_CONCAT(CONCAT(prefix, ':', n) ORDER BY prefix) FROM client_prefix_counts"
        . " WHERE office_id = $OFFICE AND n > 0");
    sql("DELETE FROM clients WHERE id = $by_form; DELETE FROM client_counts WHERE office_id = $OFFICE");
    my $csv = "Tipo;Nome;Fantasia;CPF/CNPJ;E-mail;Outros e-mails;Cidade;UF;Código no ERP\r\n"
        . "PJ;Padaria Pão Quente Ltda;Pão de Açúcar & Cia;" . doc_mask($doc)
        . ";contato\@paoquente.com.br;\"fiscal\@paoquente.com.br\r\nrh\@paoquente.com.br\";São Paulo;SP;ERP-77\r\n";
    my $id = import_file($ivo, 'um.csv', encode('UTF-8', $csv));
    is(status_of($id), 'done', 'imported');
    my $by_import = sql_value("SELECT id FROM clients WHERE office_id = $OFFICE AND NOT trashed");
    ok($by_import, 'the record') or return;
    my $got = index_of($by_import);
    is($got->{$_}, $want->{$_}, "$_ as the form writes it") for qw(words prefixes search_text changes);
    is(sql_value("SELECT GROUP_CONCAT(CONCAT(prefix, ':', n) ORDER BY prefix) FROM client_prefix_counts"
        . " WHERE office_id = $OFFICE AND n > 0"), $counts, 'the beginnings counted as the trigger counts them');
    my $r = $ivo->get('/clientes?q=' . 'acuc');
    text_has($r, 'Padaria Pão Quente Ltda', 'found by a word of its trade name');
};

subtest 'another office\'s import answers 404' => sub {
    my $ana = staff_login('ana@demo.com.br');
    for my $p ("/importacao/$excel_id", "/importacao/$excel_id/resultado") {
        status_is($ana->get($p), 404, "GET $p from demo: 404");
    }
    status_is($ana->post("/importacao/$excel_id/importar", [csrf => $ana->{csrf}]), 404, 'POST importar: 404');
};

done_testing;
