#!/usr/bin/perl
# A client list as an office's Excel saves it, for the import's bench: N data rows,
# Windows-1252, ';', CRLF, masked and bare CPF/CNPJ, accents, and about one row in a
# hundred wrong (bad check digits, no name, an invalid e-mail). Deterministic (seeded).
#
#   tests/bench/import_file.pl csv N SEED [FIRST] > clientes.csv
#   tests/bench/import_file.pl xlsx N SEED [FIRST] > clientes.xlsx   (inline strings)
#   tests/bench/import_file.pl min N SEED [FIRST] > clientes.csv     (name and CPF only:
#                                                 1,000,000 rows fit in the 50 MB limit)
# Rows are numbered from FIRST (default 1); the documents of different numbers differ, so
# files of disjoint ranges hold different people.
use strict;
use warnings;
use utf8;
use Encode qw(encode);

my ($format, $n, $seed, $from) = @ARGV;
$from //= 1;
die "usage: $0 csv|xlsx|min N SEED [FIRST]\n"
    unless defined $seed && $format =~ /^(csv|xlsx|min)$/ && $n =~ /^\d+$/ && $from =~ /^\d+$/;
my $to = $from + $n - 1;
srand($seed);

my @first = qw(José Maria João Ana Antônio Francisca Luís Conceição Sebastião Inês Gonçalo Letícia Cláudio Érica Thaís Fábio Ângela Raimundo Caio Sílvia);
my @last = qw(Silva Santos Oliveira Souza Lima Pereira Simões Conceição Magalhães Falcão Gonçalves Brandão Peçanha Assunção);
my @trade = ('Comércio de Peças', 'Padaria', 'Farmácia', 'Construtora', 'Transportes', 'Açougue', 'Papelaria', 'Consultoria');
my @suffix = ('Ltda', 'ME', 'EIRELI', 'S.A.', 'Ltda - EPP');
my @city = (['São Paulo', 'SP'], ['Curitiba', 'PR'], ['Goiânia', 'GO'], ['Niterói', 'RJ'], ['Maceió', 'AL'],
    ['Belo Horizonte', 'MG'], ['Florianópolis', 'SC'], ['Ribeirão Preto', 'SP']);
my @street = ('Rua das Acácias', 'Av. Getúlio Vargas', 'Travessa São João', 'Alameda Santos', 'Rua XV de Novembro');

sub dv { my ($d, $w) = @_; my $s = 0; $s += $d->[$_] * $w->[$_] for 0 .. $#$w; my $r = $s % 11; $r < 2 ? 0 : 11 - $r }
sub cpf {   # the i-th CPF: distinct for distinct i
    my ($i) = @_;
    my @d = split //, sprintf('%09d', 100000000 + $i * 7 % 899999999);
    push @d, dv(\@d, [10, 9, 8, 7, 6, 5, 4, 3, 2]);
    push @d, dv(\@d, [11, 10, 9, 8, 7, 6, 5, 4, 3, 2]);
    return join '', @d;
}
sub cnpj {
    my ($i) = @_;
    my @d = split //, sprintf('%08d', 10000000 + $i % 89999999) . '0001';
    push @d, dv(\@d, [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]);
    push @d, dv(\@d, [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]);
    return join '', @d;
}
sub pick { $_[int rand @_] }

my @header = ('Tipo', 'Nome/Razão Social', 'Nome Fantasia', 'CPF/CNPJ', 'E-mail', 'Telefone', 'Celular',
    'Endereço', 'Cidade', 'UF', 'CEP', 'Situação');
my @rows;
sub row {
    my ($i) = @_;
    my $pj = $i % 3 == 0;
    my ($name, $trade, $doc);
    if ($pj) {
        $name = pick(@trade) . ' ' . pick(@last) . ' ' . pick(@suffix);
        $trade = pick(@trade) . ' ' . pick(@last);
        $doc = cnpj($i);
        $doc = sprintf('%s.%s.%s/%s-%s', unpack('A2 A3 A3 A4 A2', $doc)) if $i % 2;
    } else {
        $name = pick(@first) . ' ' . pick(@last) . ' ' . pick(@last);
        $trade = '';
        $doc = cpf($i);
        $doc = sprintf('%s.%s.%s-%s', unpack('A3 A3 A3 A2', $doc)) if $i % 2;
    }
    my $email = lc((split / /, $name)[0]) . ".$i\@exemplo.com.br";
    $email =~ tr/áâãàéêíóôõúçÁÂÃÀÉÊÍÓÔÕÚÇ/aaaaeeiooouçaaaaeeiooouc/;
    $email =~ s/ç/c/g;
    # About one row in a hundred is wrong in one way.
    if ($i % 100 == 37) { $doc =~ s/(\d)$/($1 + 1) % 10/e }
    elsif ($i % 100 == 61) { $name = '' }
    elsif ($i % 100 == 83) { $email = "sem-arroba.$i.exemplo.com.br" }
    my ($c, $uf) = @{ pick(@city) };
    my @ddd = (11 .. 19, 21, 22, 24, 27, 28, 31 .. 35, 37, 38, 41 .. 49, 51, 53, 54, 55, 61 .. 69, 71, 73, 74, 75, 77, 79, 81 .. 89, 91 .. 99);
    my $ddd = $ddd[$i % @ddd];
    return ($pj ? 'PJ' : 'PF', $name, $trade, $doc, $email,
        sprintf('(%02d) 3%03d-%04d', $ddd, $i % 1000, $i % 10000),
        sprintf('(%02d) 9%04d-%04d', $ddd, $i % 10000, ($i * 7) % 10000),
        pick(@street) . ', ' . (1 + $i % 3000), $c, $uf,
        sprintf('%05d-%03d', 10000 + $i % 89999, $i % 1000), $i % 10 == 9 ? 'Inativo' : 'Ativo');
}

binmode STDOUT;
if ($format eq 'min') {
    print "Nome;CPF\r\n";
    for my $i ($from .. $to) {
        print encode('cp1252', pick(@first) . ' ' . pick(@last) . ";" . cpf($i) . "\r\n");
    }
    exit 0;
}
if ($format eq 'csv') {
    print encode('cp1252', join(';', @header) . "\r\n");
    for my $i ($from .. $to) {
        print encode('cp1252', join(';', row($i)) . "\r\n");
    }
    exit 0;
}

# XLSX: the smallest workbook Excel opens, cells as inline strings.
require IO::Compress::Zip;
sub esc { my ($s) = @_; $s =~ s/&/&amp;/g; $s =~ s/</&lt;/g; $s =~ s/>/&gt;/g; return $s }
sub col { my ($k) = @_; my $s = ''; $k++; while ($k) { my $m = ($k - 1) % 26; $s = chr(65 + $m) . $s; $k = int(($k - 1) / 26) } $s }
my $zip;
my $z = IO::Compress::Zip->new(\$zip, Name => '[Content_Types].xml', Method => 8);
$z->print('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    . '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    . '<Default Extension="xml" ContentType="application/xml"/>'
    . '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    . '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>');
$z->newStream(Name => '_rels/.rels', Method => 8);
$z->print('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    . '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>');
$z->newStream(Name => 'xl/workbook.xml', Method => 8);
$z->print('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    . ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Clientes" sheetId="1" r:id="rId1"/></sheets></workbook>');
$z->newStream(Name => 'xl/_rels/workbook.xml.rels', Method => 8);
$z->print('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    . '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>');
$z->newStream(Name => 'xl/worksheets/sheet1.xml', Method => 8);
$z->print('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>');
for my $i (0 .. $n) {
    my @cells = $i == 0 ? @header : row($from + $i - 1);
    my $r = $i + 1;
    my $x = "<row r=\"$r\">";
    for my $k (0 .. $#cells) {
        next if $cells[$k] eq '';
        $x .= '<c r="' . col($k) . "$r\" t=\"inlineStr\"><is><t>" . esc($cells[$k]) . '</t></is></c>';
    }
    $z->print(encode('UTF-8', $x . '</row>'));
}
$z->print('</sheetData></worksheet>');
$z->close;
print $zip;
