#!/usr/bin/perl
# Exports of the client list: CSV (Excel pt-BR), XLSX and XML, with the fields picked,
# formulas neutralised, markup inert, and a real spreadsheet (LibreOffice) reading them.
use strict;
use warnings;
use utf8;

use lib 'tests/http/lib';
use Encode qw(decode encode);
use File::Temp qw(tempdir);
use Portal::Test qw(:DEFAULT :cadastro);
use Test::More;

sub slurp {
    my ($path) = @_;
    open(my $in, '<:raw', $path) or return '';
    local $/;
    return <$in>;
}

clean_login_attempts();
my $tag = 'Exp' . int(rand(1e9));
my $c = Portal::Test::Client->new;
status_is($c->login('ana@demo.com.br', DEMO_PASSWORD), 303, 'login');

# Records whose text would run in a spreadsheet or a page if it were not neutralised.
my @names = ("=HYPERLINK(\"http://x\";\"$tag clique\")", "+$tag mais", "-$tag menos",
             "\@$tag arroba", "<script>alert(1)</script> $tag", "Conceição $tag; \"aspas\"");
for my $n (@names) {
    my $r = $c->submit('/clientes/novo', '/clientes/novo',
        [tipo => 'PF', nome => $n, email => 'x@exemplo.com.br', ativo => 1, cliente => 1]);
    status_is($r, 303, "created: $n");
}

my $q = "q=$tag";
my $r = $c->get("/clientes/exportar?$q&formato=csv");
status_is($r, 200, 'CSV export');
like($r->header('content-type'), qr{^text/csv}, 'CSV content type');
like($r->header('content-disposition') // '', qr/attachment; filename="clientes\.csv"/, 'CSV is a download');
my $csv = $r->{content};
is(substr($csv, 0, 3), "\xEF\xBB\xBF", 'CSV starts with the UTF-8 BOM (Excel)');
my $text = decode('UTF-8', substr($csv, 3));
my @lines = split /\r\n/, $text;
is(scalar(@lines), 1 + @names, 'a header and one line per record (CRLF)');
like($lines[0], qr/^Tipo;Nome \/ razão social;/, 'header row with ; and the field labels');
like($text, qr/"'=HYPERLINK\(""http:\/\/x"";""\Q$tag\E clique""\)"/, 'a formula is neutralised with a quote prefix');
like($text, qr/"'\+\Q$tag\E mais"/, '+ neutralised');
like($text, qr/"'-\Q$tag\E menos"/, '- neutralised');
like($text, qr/"'\@\Q$tag\E arroba"/, '@ neutralised');
like($text, qr/"Conceição \Q$tag\E; ""aspas"""/, 'a ; and quotes are quoted');

$r = $c->get("/clientes/exportar?$q&formato=csv&campos=nome&campos=email");
my @picked = split /\r\n/, decode('UTF-8', substr($r->{content}, 3));
is($picked[0], 'Nome / razão social;E-mail', 'only the fields picked');

$r = $c->get("/clientes/exportar?$q&formato=xml");
status_is($r, 200, 'XML export');
my $xml = decode('UTF-8', $r->{content});
like($xml, qr/^<\?xml version="1.0" encoding="UTF-8"\?>\n<cadastros>/, 'XML prolog and root');
like($xml, qr/<nome>&lt;script&gt;alert\(1\)&lt;\/script&gt; \Q$tag\E<\/nome>/, 'markup escaped in XML');
my $elements = () = $xml =~ /<cadastro>/g;
is($elements, scalar(@names), 'one element per record');

$r = $c->get("/clientes/exportar?$q&formato=xlsx");
status_is($r, 200, 'XLSX export');
is(substr($r->{content}, 0, 2), 'PK', 'XLSX is a zip');

# A real spreadsheet reads both files.
SKIP: {
    skip 'libreoffice is not installed', 4 unless -x '/usr/bin/libreoffice';
    my $dir = tempdir(CLEANUP => 1);
    open(my $fh, '>:raw', "$dir/c.xlsx") or die $!;
    print $fh $r->{content};
    close $fh;
    open($fh, '>:raw', "$dir/c.csv") or die $!;
    print $fh $csv;
    close $fh;
    local $ENV{HOME} = $dir;
    system("cd $dir && timeout 180 libreoffice --headless --norestore --convert-to "
        . "'csv:Text - txt - csv (StarCalc):59,34,76,1' --outdir out c.xlsx >lo.log 2>&1");
    ok(-s "$dir/out/c.csv", 'LibreOffice converted the XLSX') or diag `cat $dir/lo.log`;
    my $back = decode('UTF-8', slurp("$dir/out/c.csv"));
    like($back, qr/=HYPERLINK\(""http:\/\/x"";""\Q$tag\E clique""\)/, 'XLSX: the formula text is a plain string cell');
    like($back, qr/Conceição \Q$tag\E/, 'XLSX: accents intact');
    system("cd $dir && mkdir -p out2 && timeout 180 libreoffice --headless --norestore --infilter="
        . "'Text - txt - csv (StarCalc):59,34,76,1' --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1' "
        . "--outdir out2 c.csv >lo2.log 2>&1");
    my $csv2 = decode('UTF-8', slurp("$dir/out2/c.csv"));
    # Read with ';' and written back with ',': the field with ; and quotes stayed one.
    like($csv2, qr/"Conceição \Q$tag\E; ""aspas"""/, 'the CSV opens with ; and UTF-8 in a spreadsheet');
}

# Records in the trash leave exports.
my ($id) = sql_value("SELECT id FROM clients WHERE name = " . sql_quote("+$tag mais"));
$r = $c->submit("/clientes/$id", "/clientes/$id/lixeira", []);
status_is($r, 303, 'one record to the trash');
$r = $c->get("/clientes/exportar?$q&formato=csv");
unlike(decode('UTF-8', $r->{content}), qr/\Q$tag\E mais/, 'trashed records are not exported');

# "Exportar" among the bulk actions: the export's options page for the checked rows, then
# exactly those rows (more of them than a query has parameters: they travel as one).
{
    my @ids = map { $_->[0] } sql("SELECT c.id FROM clients c JOIN offices o ON o.id = c.office_id
        WHERE o.slug = 'demo' AND NOT c.trashed ORDER BY c.id LIMIT 30");
    is(scalar @ids, 30, '30 records of office demo to check');
    my $csrf = csrf_of($c->get('/clientes'));
    $r = $c->post('/clientes/lote', [ acao => 'exportar', (map { (ids => $_) } @ids), csrf => $csrf ]);
    status_is($r, 303, 'bulk "Exportar" with 30 checked rows');
    my $to = $r->location // '';
    like($to, qr{^/clientes/exportar\?ids=$ids[0]&}, 'to the export options with the ids');
    $r = $c->get($to);
    status_is($r, 200, 'the export options page');
    text_has($r, 'Os 30 clientes selecionados na lista', 'it says what goes out');
    my $hidden = () = html_of($r) =~ /<input type="hidden" name="ids" value="\d+">/g;
    is($hidden, 30, 'the 30 ids ride along in the form');
    $r = $c->get("$to&formato=csv&campos=nome");
    status_is($r, 200, 'CSV of the checked rows');
    my @rows = split /\r\n/, decode('UTF-8', substr($r->{content}, 3));
    is(scalar(@rows) - 1, 30, 'exactly the 30 checked records');
    my @want = map { $_->[0] } sql('SELECT name FROM clients WHERE id IN (' . join(',', @ids) . ') ORDER BY name, id');
    is_deeply([ map { s/^"|"$//gr =~ s/""/"/gr } @rows[1 .. $#rows] ], \@want, 'their names, in the list order');
    $r = $c->post('/clientes/lote', [ acao => 'exportar', csrf => $csrf ]);
    location_is($r, '/clientes?aviso=nenhum', 'nothing checked: asked to select');
    $r = $c->post('/clientes/lote', [ acao => 'exportar', (map { (ids => $_) } 1 .. 250), csrf => $csrf ]);
    ok($r->{status} == 400 || $r->{status} == 413, 'more fields than Limits.Fields (200): refused')
        or diag dump_res($r);
}

# Clean up.
purge_marked($tag);
done_testing();
