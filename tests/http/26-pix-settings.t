#!/usr/bin/perl
# The office's PIX settings (issue 26 #15): a beneficiary name over 25 or a city over 15
# characters (the BR Code's limits, counted without accents) gets the limit explained and
# a shorter form offered in the field, to save as it is or retype — not "Texto longo
# demais."; an 11-digit key that is both a valid CPF and a mobile with DDD asks which one
# it is. In an office of its own ("pixconf"), emptied before and after.
use strict;
use warnings;
use utf8;

use lib 'tests/http/lib';
use Portal::Test qw(:DEFAULT :cadastro);
use Test::More;

my $HOST = 'pixconf.localhost';
my $EMAIL = 'paulo@pixconf.com.br';

sub reset_office {
    my $id = office_id('pixconf');
    if (!$id) {
        sql("INSERT INTO offices (slug, name) VALUES ('pixconf', 'Pix Conf Contabilidade')");
        $id = office_id('pixconf');
        sql("INSERT INTO staff_users (office_id, name, email, password_hash, role)"
            . " SELECT $id, 'Paulo Pix', " . sql_quote($EMAIL) . ", password_hash, 'admin'"
            . " FROM staff_users WHERE email = 'ana\@demo.com.br'");
    }
    sql("DELETE FROM audit_events WHERE office_id = $id;"
        . " UPDATE offices SET pix_key = '', pix_key_type = '', pix_name = '', pix_city = '' WHERE id = $id");
    return $id;
}

my $OFFICE = reset_office();
END { reset_office() if $OFFICE; clean_login_attempts(); }
clean_login_attempts();
my $paulo = staff_login($EMAIL, host => $HOST);
my $stored = "SELECT CONCAT_WS('|', pix_key, pix_key_type, pix_name, pix_city) FROM offices WHERE id = $OFFICE";

sub save { my (%f) = @_; return $paulo->post('/escritorio/pix', [ %f, csrf => $paulo->{csrf} ]) }

subtest 'a long name and city: the limits explained, a shorter form offered in the field' => sub {
    my $r = save(pix_chave => 'financeiro@pixconf.com.br', pix_nome => 'Recibos Dois Contabilidade Ltda',
                 pix_cidade => 'São José dos Campos');
    status_is($r, 422);
    my $name = field_error($r, 'pix_nome') // '';
    like($name, qr/até 25 caracteres/, 'the name\'s limit');
    like($name, qr/tem 31/, 'how long it is');
    like($name, qr/Sugerimos “Recibos Dois Contabil”/, 'the shorter form');
    unlike($name, qr/longo demais/i, 'not just "too long"');
    is(input_value($r, 'pix_nome'), 'Recibos Dois Contabil', 'in the field, to accept');
    my $city = field_error($r, 'pix_cidade') // '';
    like($city, qr/até 15 caracteres/, 'the city\'s limit');
    like($city, qr/“São José dos Campos” tem 19/, 'São José dos Campos is 19');
    like($city, qr/Sugerimos “Sao Jose Campos”/);
    is(input_value($r, 'pix_cidade'), 'Sao Jose Campos');
    is(input_value($r, 'pix_chave'), 'financeiro@pixconf.com.br', 'the key as typed');
    like(html_of($r), qr/id="pix_nome"[^>]*maxlength="200"/, 'the browser does not cut it first');
    is(sql_value($stored), '|||', 'nothing saved');
    $r = save(pix_chave => 'financeiro@pixconf.com.br', pix_nome => input_value($r, 'pix_nome'),
              pix_cidade => input_value($r, 'pix_cidade'));
    status_is($r, 303, 'the offer accepted');
    is(sql_value($stored), 'financeiro@pixconf.com.br|E-mail|Recibos Dois Contabil|Sao Jose Campos', 'saved');
    $r = save(pix_chave => 'financeiro@pixconf.com.br', pix_nome => 'Recibos Dois', pix_cidade => 'S J Campos');
    status_is($r, 303, 'or another form typed');
    is(sql_value($stored), 'financeiro@pixconf.com.br|E-mail|Recibos Dois|S J Campos');
    $r = save(pix_chave => 'financeiro@pixconf.com.br', pix_nome => 'Contábil Ação Ltda', pix_cidade => 'Ribeirão Preto');
    status_is($r, 303, 'accents do not count as more (14 and 14)');
    $r = save(pix_chave => '', pix_nome => 'Um nome bem comprido demais para o PIX', pix_cidade => '');
    status_is($r, 303, 'without a key (PIX off) the name is not kept, nor questioned');
};

subtest 'an 11-digit key that is a CPF and a phone: asked which' => sub {
    reset_office();
    my $r = save(pix_chave => '11987654374', pix_nome => 'Pix Conf', pix_cidade => 'Sao Paulo');
    status_is($r, 422);
    like(field_error($r, 'pix_chave') // '', qr/CPF válido e também um celular/, 'the question');
    my $html = html_of($r);
    like($html, qr{<legend>Esta chave é um CPF ou um celular\?</legend>}, 'a choice on the form');
    like($html, qr{name="pix_tipo" value="cpf"[^>]*> CPF 119\.876\.543-74}, 'as a CPF');
    like($html, qr{name="pix_tipo" value="telefone"[^>]*> Celular \(11\) 98765-4374}, 'as a phone');
    is(sql_value($stored), '|||', 'nothing saved');
    $r = save(pix_chave => '11987654374', pix_tipo => 'telefone', pix_nome => 'Pix Conf', pix_cidade => 'Sao Paulo');
    status_is($r, 303, 'a phone');
    is(sql_value($stored), '+5511987654374|Telefone|Pix Conf|Sao Paulo', 'saved as the phone');
    $r = save(pix_chave => '11987654374', pix_tipo => 'cpf', pix_nome => 'Pix Conf', pix_cidade => 'Sao Paulo');
    status_is($r, 303, 'a CPF');
    is(sql_value($stored), '11987654374|CPF|Pix Conf|Sao Paulo', 'saved as the CPF');
    # The choice is kept when something else is refused.
    $r = save(pix_chave => '11987654374', pix_tipo => 'telefone', pix_nome => 'Pix Conf', pix_cidade => 'São José dos Campos');
    status_is($r, 422);
    like(html_of($r), qr{name="pix_tipo" value="telefone" checked}, 'the choice kept');
    # Typed so that it says what it is: no question.
    status_is(save(pix_chave => '119.876.543-74', pix_nome => 'Pix Conf', pix_cidade => 'Sao Paulo'), 303, 'typed as a CPF');
    is(sql_value($stored), '11987654374|CPF|Pix Conf|Sao Paulo');
    status_is(save(pix_chave => '(11) 98765-4374', pix_nome => 'Pix Conf', pix_cidade => 'Sao Paulo'), 303, 'typed as a phone');
    is(sql_value($stored), '+5511987654374|Telefone|Pix Conf|Sao Paulo');
    status_is(save(pix_chave => '11987654321', pix_nome => 'Pix Conf', pix_cidade => 'Sao Paulo'), 303, 'no CPF: a phone, no question');
    status_is(save(pix_chave => '11987654374', pix_tipo => 'outro', pix_nome => 'Pix Conf', pix_cidade => 'Sao Paulo'), 422, 'an unknown choice');
};

done_testing();
