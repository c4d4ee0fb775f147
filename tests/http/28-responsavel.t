#!/usr/bin/perl
# The registry's bulk action "Definir o responsável" (issue 26 #22): the checked records
# get the chosen member of the team (or nobody), each audited as an update of that field
# and shown by name in its history; a member of another office, an inactive one or none
# chosen changes nothing.
use strict;
use warnings;
use utf8;
use Test::More;
use Portal::Test qw(:DEFAULT :cadastro);

clean_login_attempts();
my $ana = staff_login('ana@demo.com.br');
my $tag = rand_tag();
my $x = create_client($ana, nome => "Resp Um $tag", documento => cnpj_random());
my $y = create_client($ana, nome => "Resp Dois $tag", documento => cnpj_random());
my $bruno = staff_id('bruno@demo.com.br');
my $carla = staff_id('carla@outra.com.br');
ok($x && $y && $bruno && $carla, 'two records, a member of the team, one of another office');

my $list = $ana->get('/clientes');
like(html_of($list), qr{<option value="responsavel">Definir o responsável</option>}, 'the list offers the action');
like(html_of($list), qr{<select name="novo_responsavel"}, '... with the team to choose from');

# The list's own filter "responsavel" rides along in the form: it must not be taken for the choice.
my $r = $ana->post('/clientes/lote', [ ids => $x, ids => $y, acao => 'responsavel', novo_responsavel => $bruno,
    responsavel => '', csrf => $ana->{csrf} ]);
location_is($r, '/clientes?feito=2', 'two records get Bruno');
is(sql_value("SELECT COUNT(*) FROM clients WHERE id IN ($x, $y) AND responsible_id = $bruno"), 2, '... stored');
my ($ev) = grep { $_->{action} eq 'update' } audit_events($x);
ok($ev, '... audited as an update') or diag explain [audit_events($x)];
is(audit_changes_of($ev->{id})->{responsible_id}[1], $bruno, '... of the responsável') if $ev;
my $h = $ana->get("/clientes/$x/historico");
like($h->{text}, qr{<th>Responsável</th>.*?<td>Bruno[^<]*</td>}s, 'the history names him');

$r = $ana->post('/clientes/lote', [ ids => $x, ids => $y, acao => 'responsavel', novo_responsavel => $bruno, csrf => $ana->{csrf} ]);
location_is($r, '/clientes?feito=0', 'the same again changes nothing');

$r = $ana->post('/clientes/lote', [ ids => $x, acao => 'responsavel', novo_responsavel => $carla, csrf => $ana->{csrf} ]);
location_is($r, '/clientes?aviso=responsavel', "another office's member: refused");
$r = $ana->post('/clientes/lote', [ ids => $x, acao => 'responsavel', csrf => $ana->{csrf} ]);
location_is($r, '/clientes?aviso=responsavel', 'no member chosen: refused');
text_has($ana->get('/clientes?aviso=responsavel'), 'Escolha o novo responsável', '... with a message');
is(sql_value("SELECT responsible_id FROM clients WHERE id = $x"), $bruno, '... nothing changed');

$r = $ana->post('/clientes/lote', [ ids => $x, acao => 'responsavel', novo_responsavel => 'nenhum', csrf => $ana->{csrf} ]);
location_is($r, '/clientes?feito=1', '"Ninguém" clears it');
is(sql_value("SELECT responsible_id IS NULL FROM clients WHERE id = $x"), 1, '... stored');

purge_clients($x, $y);
done_testing();
