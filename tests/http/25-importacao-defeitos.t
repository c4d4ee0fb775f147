#!/usr/bin/perl
# Importação, issue 26: what an office tripped over — a changed mapping keeps no old
# check (#4), the undo's list of the records it left alone (#5), documents in the trash
# (#6), the result file, the result page and the history (#7). In an office of its own
# ("importb"), emptied before and after.
use strict;
use warnings;
use utf8;

use lib 'tests/http/lib';
use Portal::Test qw(:DEFAULT :cadastro);
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

sub upload {
    my ($c, $name, $bytes, %o) = @_;
    my $bd = 'xYzBoundary' . int(rand(1e9));
    my $fname = encode('UTF-8', $name);
    my $body = "--$bd\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n$c->{csrf}\r\n"
        . "--$bd\r\nContent-Disposition: form-data; name=\"arquivo\"; filename=\"$fname\"\r\n"
        . "Content-Type: " . ($o{type} // 'text/csv') . "\r\n\r\n$bytes\r\n--$bd--\r\n";
    return $c->post('/importacao', $body, headers => { 'content-type' => "multipart/form-data; boundary=$bd" });
}

sub import_id_of {
    my ($r) = @_;
    return ($r->{status} == 303 && ($r->location // '') =~ m{^/importacao/(\d+)$}) ? $1 : undef;
}

sub status_of { return sql_value("SELECT status FROM imports WHERE id = " . int($_[0])) }
sub phase_of { return sql_value("SELECT phase FROM imports WHERE id = " . int($_[0])) }

sub wait_status {
    my ($id, @want) = @_;
    my %w = map { $_ => 1 } @want;
    my $until = time + 60;
    my $s;
    while (time < $until) {
        $s = status_of($id);
        return $s if $w{$s};
        sleep 0.1;
    }
    return $s;
}

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

done_testing();
