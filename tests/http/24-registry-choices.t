#!/usr/bin/perl
# The registry's workers keep what the list offers to choose from (the active staff, the
# tags, the custom attributes it filters by) for one version of those choices
# (client_counts.choices_version, schema/020), across changes of records. A change of
# any choice must show in every worker's next list; a change of a record must not make
# them read the choices again.
use strict;
use warnings;
use utf8;
use Test::More;
use Portal::Test;

my $ANA   = 'ana@demo.com.br';
my $WARM  = 24;   # the 4 workers of cadastro keep the choices
my $AFTER = 12;

clean_login_attempts();
my $office = sql_value("SELECT id FROM offices WHERE slug = 'demo'");
my $c = Portal::Test::Client->new;
status_is($c->login($ANA, DEMO_PASSWORD), 303, 'ana logs in');

sub choices_version {
    sql_value("SELECT choices_version FROM client_counts WHERE office_id = $office");
}

sub warm {
    for (1 .. $WARM) {
        my $r = $c->get('/clientes');
        return fail("warm-up: $r->{status}") unless $r->{status} == 200;
    }
    return 1;
}

sub every_list_has {
    my ($what, $re, $absent) = @_;
    my @bad;
    for (1 .. $AFTER) {
        my $r = $c->get('/clientes');
        my $has = $r->{status} == 200 && $r->{text} =~ $re;
        push @bad, $r->{status} if $absent ? $has : !$has;
    }
    ok(!@bad, $what) or diag "@bad";
}

my ($tag_id, $staff_id, $field_id);
END {
    eval {
        sql("DELETE FROM tags WHERE id = $tag_id") if $tag_id;
        sql("DELETE FROM staff_users WHERE id = $staff_id") if $staff_id;
        sql("DELETE FROM custom_fields WHERE id = $field_id") if $field_id;
    };
}

subtest 'a record changed: the record version moves, the choices version does not' => sub {
    my $before = choices_version();
    my $version = sql_value("SELECT version FROM client_counts WHERE office_id = $office");
    my $client = sql_value("SELECT id FROM clients WHERE office_id = $office AND NOT trashed"
        . " ORDER BY id LIMIT 1");
    sql("UPDATE clients SET updated_at = UTC_TIMESTAMP(6)"
        . " WHERE id = $client");
    cmp_ok(sql_value("SELECT version FROM client_counts WHERE office_id = $office"), '>',
        $version, 'the registry version moved');
    is(choices_version(), $before, 'the choices version did not');
};

subtest 'a new tag shows in every worker' => sub {
    warm();
    my $before = choices_version();
    sql("INSERT INTO tags (office_id, name, created_at)"
        . " VALUES ($office, 'Etiqueta Nova Teste', UTC_TIMESTAMP(6))");
    $tag_id = sql_value("SELECT id FROM tags WHERE office_id = $office"
        . " AND name = 'Etiqueta Nova Teste'");
    cmp_ok(choices_version(), '>', $before, 'the choices version moved');
    every_list_has('every later list offers the new tag', qr/>Etiqueta Nova Teste</);
};

subtest 'a tag renamed and removed' => sub {
    warm();
    sql("UPDATE tags SET name = 'Etiqueta Renomeada Teste' WHERE id = $tag_id");
    every_list_has('every later list offers the new name', qr/>Etiqueta Renomeada Teste</);
    warm();
    sql("DELETE FROM tags WHERE id = $tag_id");
    undef $tag_id;
    every_list_has('every later list no longer offers it', qr/Etiqueta Renomeada Teste/, 1);
};

subtest 'a staff member added, renamed, deactivated' => sub {
    warm();
    sql("INSERT INTO staff_users (office_id, name, email, password_hash)"
        . " VALUES ($office, 'Zuleica Teste', 'zuleica.teste\@demo.com.br', 'x')");
    $staff_id = sql_value("SELECT id FROM staff_users WHERE email = 'zuleica.teste\@demo.com.br'");
    every_list_has('every later list offers the new responsável', qr/>Zuleica Teste</);
    warm();
    sql("UPDATE staff_users SET name = 'Zuleica Renomeada' WHERE id = $staff_id");
    every_list_has('every later list offers the new name', qr/>Zuleica Renomeada</);
    warm();
    sql("UPDATE staff_users SET active = 0 WHERE id = $staff_id");
    every_list_has('a deactivated member is no longer offered', qr/Zuleica Renomeada/, 1);
};

subtest 'a custom attribute to filter by' => sub {
    warm();
    sql("INSERT INTO custom_fields (office_id, name, kind, options, position, created_at)"
        . " VALUES ($office, 'Porte Teste', 'lista', 'Pequeno\nGrande', 99, UTC_TIMESTAMP(6))");
    $field_id = sql_value("SELECT id FROM custom_fields WHERE office_id = $office"
        . " AND name = 'Porte Teste'");
    every_list_has('every later list filters by it', qr/Porte Teste: Grande/);
    warm();
    sql("UPDATE custom_fields SET active = 0 WHERE id = $field_id");
    every_list_has('deactivated, no list offers it', qr/Porte Teste/, 1);
};

done_testing;
