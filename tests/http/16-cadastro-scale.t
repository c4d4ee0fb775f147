#!/usr/bin/perl
# Cadastro (issue 3) in an office of its own: the first-use message of an empty office,
# then 1,300 generated clients (portalctl seed-clients) for the paths a small office
# never takes: a broad search (over 1,000 matches) read by walking the order's index,
# its deep pages, and the counts and choices the workers remember per registry version
# (they must follow every change at once), and a bulk action on more records than a
# request changes: a job the worker does, followed on its page.
use strict;
use warnings;
use utf8;
use Test::More;
use Portal::Test qw(:DEFAULT :cadastro);

my $SLUG = 'escala' . join('', map { ('a' .. 'z')[ rand 26 ] } 1 .. 8);
my $HOST = "$SLUG.localhost";
my $WORD = rand_tag('z');
my $BUILD = $ENV{BUILD} || 'build/release';

sql('INSERT INTO offices (slug, name) VALUES (' . sql_quote($SLUG) . ", 'Escritório de escala')");
my $OFFICE = office_id($SLUG);
sql("INSERT INTO staff_users (office_id, name, email, password_hash, role)
     SELECT $OFFICE, 'Eva Escala', 'eva\@escala.com.br', password_hash, 'admin'
     FROM staff_users WHERE email = 'ana\@demo.com.br'");

END {
    eval {
        if ($OFFICE) {
            my $c = "client_id IN (SELECT id FROM clients WHERE office_id = $OFFICE)";
            sql("DELETE FROM jobs WHERE office_id = $OFFICE;
                 DELETE FROM client_words WHERE office_id = $OFFICE;
                 DELETE FROM client_tags WHERE $c;
                 DELETE FROM client_notes WHERE $c;
                 DELETE FROM client_custom_values WHERE $c;
                 DELETE FROM custom_fields WHERE office_id = $OFFICE;
                 DELETE FROM clients WHERE office_id = $OFFICE;
                 DELETE FROM tags WHERE office_id = $OFFICE;
                 DELETE FROM audit_changes WHERE event_id IN (SELECT id FROM audit_events WHERE office_id = $OFFICE);
                 DELETE FROM audit_events WHERE office_id = $OFFICE;
                 DELETE FROM login_attempts WHERE office_id = $OFFICE;
                 DELETE FROM sessions WHERE office_id = $OFFICE;
                 DELETE FROM user_prefs WHERE user_id IN (SELECT id FROM staff_users WHERE office_id = $OFFICE);
                 DELETE FROM staff_users WHERE office_id = $OFFICE;
                 DELETE FROM client_counts WHERE office_id = $OFFICE;
                 DELETE FROM offices WHERE id = $OFFICE");
        }
    };
    diag "cleanup of office $SLUG: $@" if $@;
}

clean_login_attempts();
my $eva = staff_login('eva@escala.com.br', host => $HOST);

sub list { my ($c, @q) = @_; return $c->get('/clientes' . query_string(@q)) }

sub count_text {
    my ($r) = @_;
    my ($t) = $r->{text} =~ m{<p class="contagem" role="status">([^<]*)</p>};
    return $t // '';
}

# ---------------------------------------------------------------- empty office
subtest 'an office without clients: the first-use message' => sub {
    my $r = list($eva);
    status_is($r, 200, 'GET /clientes in a new office: 200');
    text_has($r, 'Nenhum cliente cadastrado ainda', 'first-use message');
    like($r->{text}, qr{<a class="botao botao-principal" href="/clientes/novo">Adicionar cliente</a>}, '"Adicionar cliente"');
    like($r->{text}, qr{<a class="botao" href="/importacao">Importar planilha</a>}, '"Importar planilha"');
};

# ---------------------------------------------------------------- 1,300 clients
my $out = `$ROOT/$BUILD/bin/portalctl -c $ROOT/var/test/portal.hdf seed-clients $SLUG 1300 7 2>&1`;
is($?, 0, 'portalctl seed-clients 1300') or diag $out;
ok(sql_value("SELECT COUNT(*) FROM clients WHERE office_id = $OFFICE AND trashed") > 0, 'the seed trashed some');
is(sql_value("SELECT COUNT(*) FROM client_words w JOIN clients c ON c.id = w.client_id
              WHERE c.office_id = $OFFICE AND w.trashed <> c.trashed"), 0,
   "the seeded records' words say whether they are in the trash");

# What the word index says a search for "com" (the e-mails' domains) finds, in the
# page's order: the truth the walk of the order's index must agree with.
sub truth {
    my ($order, $offset) = @_;
    return map { $_->[0] } sql("SELECT c.id FROM clients c WHERE c.office_id = $OFFICE AND NOT c.trashed
        AND c.id IN (SELECT client_id FROM client_words WHERE office_id = $OFFICE AND word LIKE 'com%')
        ORDER BY $order LIMIT 50 OFFSET $offset");
}

subtest 'a broad search walks the order and agrees with the word index' => sub {
    my $matches = sql_value("SELECT COUNT(DISTINCT w.client_id) FROM client_words w JOIN clients c ON c.id = w.client_id
        WHERE w.office_id = $OFFICE AND w.word LIKE 'com%' AND NOT c.trashed");
    cmp_ok($matches, '>', 1000, "the seed gives 'com' over 1,000 matches ($matches)");
    my $r = list($eva, q => 'com');
    status_is($r, 200, 'GET /clientes?q=com');
    is(count_text($r), 'Mais de 1.000 resultados', 'count capped');
    is_deeply([ list_ids($r) ], [ truth('c.name, c.id', 0) ], 'page 1 by name');
    is_deeply([ list_ids(list($eva, q => 'com', pagina => 2)) ], [ truth('c.name, c.id', 50) ], 'page 2 by name');
    is_deeply([ list_ids(list($eva, q => 'com', pagina => 14)) ], [ truth('c.name, c.id', 650) ],
        'a deep page (ids first) by name');
    is_deeply([ list_ids(list($eva, q => 'com', ordem => 'criado', pagina => 3)) ],
        [ truth('c.created_at DESC, c.id DESC', 100) ], 'page 3 by creation');
    # Two broad words: the walk checks the longest on the index, the other on the rows.
    my $r2 = list($eva, q => 'co com', pagina => 2);
    is(count_text($r2), 'Mais de 1.000 resultados', 'two broad words: capped');
    my @want2 = map { $_->[0] } sql("SELECT c.id FROM clients c WHERE c.office_id = $OFFICE AND NOT c.trashed
        AND c.id IN (SELECT client_id FROM client_words WHERE office_id = $OFFICE AND word LIKE 'co%')
        AND c.id IN (SELECT client_id FROM client_words WHERE office_id = $OFFICE AND word LIKE 'com%')
        ORDER BY c.name, c.id LIMIT 50 OFFSET 50");
    is_deeply([ list_ids($r2) ], \@want2, 'two broad words: page 2 agrees with the word index');
    my @two = list_ids(list($eva, q => 'com silv'));
    my @want = map { $_->[0] } sql("SELECT c.id FROM clients c WHERE c.office_id = $OFFICE AND NOT c.trashed
        AND c.id IN (SELECT client_id FROM client_words WHERE office_id = $OFFICE AND word LIKE 'com%')
        AND c.id IN (SELECT client_id FROM client_words WHERE office_id = $OFFICE AND word LIKE 'silv%')
        ORDER BY c.name, c.id LIMIT 50");
    ok(@want > 0, 'two words match some records');
    is_deeply(\@two, \@want, 'two words: the records having both');
};

# ---------------------------------------------------------------- remembered counts
subtest 'remembered counts follow every change at once' => sub {
    # Ask every worker, so that each has remembered the count before the change.
    my @before = map { count_text(list($eva, q => $WORD)) } 1 .. 8;
    is_deeply(\@before, [ ('0 resultados') x 8 ], "no record has $WORD yet");
    my $prospects = sql_value("SELECT COUNT(*) FROM clients WHERE office_id = $OFFICE AND NOT trashed AND is_prospect");
    list($eva, tipo => 'prospect') for 1 .. 8;
    my $all = sql_value("SELECT COUNT(*) FROM clients WHERE office_id = $OFFICE AND NOT trashed");
    my $fmt_all = sub { (my $f = $_[0]) =~ s/(\d)(?=(\d{3})+$)/$1./g; "$f resultados" };
    is_deeply([ map { count_text(list($eva)) } 1 .. 8 ], [ ($fmt_all->($all)) x 8 ], "the office's count");

    my $id = create_client($eva, tipo => 'PJ', nome => "Comercial $WORD Ltda", cliente => 0, prospect => 1);
    ok($id, 'created a prospect with the word');
    my @after = map { count_text(list($eva, q => $WORD)) } 1 .. 8;
    is_deeply(\@after, [ ('1 resultado') x 8 ], 'every worker counts the new record');
    my $n = $prospects + 1;
    (my $fmt = $n) =~ s/(\d)(?=(\d{3})+$)/$1./g;
    my @p = map { count_text(list($eva, tipo => 'prospect')) } 1 .. 8;
    is_deeply(\@p, [ ("$fmt resultados") x 8 ], "the prospect filter counts $fmt");
    is_deeply([ map { count_text(list($eva)) } 1 .. 8 ], [ ($fmt_all->($all + 1)) x 8 ],
        "every worker counts the office's new record");

    my $r = $eva->post("/clientes/$id/lixeira", [ csrf => $eva->{csrf} ]);
    status_is($r, 303, 'moved to the trash');
    my @gone = map { count_text(list($eva, q => $WORD)) } 1 .. 8;
    is_deeply(\@gone, [ ('0 resultados') x 8 ], 'the trashed record leaves the count at once');
    is_deeply([ map { count_text(list($eva)) } 1 .. 8 ], [ ($fmt_all->($all)) x 8 ],
        "and the office's count");
};

# ---------------------------------------------------------------- remembered pages
subtest 'remembered list pages follow every change at once' => sub {
    # A record of its own at the top of the list ("0 " sorts before any seeded name), shown by every
    # worker before it changes.
    my $id = create_client($eva, tipo => 'PJ', nome => "0 Primeira $WORD Ltda", cidade => 'Campinas', uf => 'SP');
    ok($id, 'created the first record of the list');
    my @first = map { (list_ids(list($eva)))[0] } 1 .. 8;
    is_deeply(\@first, [ ($id) x 8 ], 'every worker shows it first');
    my @place = grep { $_->{text} =~ m{Campinas/SP} } map { list($eva) } 1 .. 8;
    is(scalar @place, 8, 'with its city and UF in one cell');

    my $e = $eva->get("/clientes/$id/editar");
    my $f = pairs_set(form_fields($e, "/clientes/$id/editar"), nome => "0 Renomeada $WORD Ltda", cidade => 'Sorocaba');
    status_is($eva->post("/clientes/$id/editar", $f), 303, 'renamed and moved to another city');
    my @renamed = grep { $_->{text} =~ m{>0 Renomeada \Q$WORD\E Ltda</a>} && $_->{text} =~ m{Sorocaba/SP}
        && $_->{text} !~ m{Primeira \Q$WORD\E} } map { list($eva) } 1 .. 8;
    is(scalar @renamed, 8, 'every worker shows the new name and city at once');

    status_is($eva->post("/clientes/$id/desativar", [ csrf => $eva->{csrf} ]), 303, 'deactivated');
    my @inactive = grep { $_->{text} =~ m{<tr class="inativo"><td class="sel"><input type="checkbox" name="ids" value="$id"} }
        map { list($eva) } 1 .. 8;
    is(scalar @inactive, 8, 'every worker shows it inactive at once');

    status_is($eva->post("/clientes/$id/lixeira", [ csrf => $eva->{csrf} ]), 303, 'moved to the trash');
    my @gone = grep { (list_ids($_))[0] == $id } map { list($eva) } 1 .. 8;
    is(scalar @gone, 0, 'no worker shows it any more');
};

# ---------------------------------------------------------------- bulk jobs
subtest 'a bulk action on every record of a search is a job for the worker' => sub {
    my $tag = rand_tag('Lote');
    my $want = sql_value("SELECT COUNT(*) FROM clients WHERE office_id = $OFFICE AND NOT trashed");
    ok($want > 200, "more records than a request changes ($want)");
    my $events = sql_value("SELECT COUNT(*) FROM audit_events WHERE office_id = $OFFICE AND action = 'tag'");
    my $r = $eva->post('/clientes/lote', [ todos => 1, acao => 'etiquetar', etiqueta_nome => $tag, csrf => $eva->{csrf} ]);
    status_is($r, 303, 'POST /clientes/lote with todos: 303');
    my ($job) = ($r->location // '') =~ m{^/clientes/tarefas/(\d+)$};
    ok($job, 'to the job\'s page') or return;
    is(sql_value("SELECT total FROM jobs WHERE id = $job"), $want, 'the job holds every record of the search');

    my $page = $eva->get("/clientes/tarefas/$job");
    status_is($page, 200, 'the job\'s page');
    (my $fmt = $want) =~ s/(\d)(?=(\d{3})+$)/$1./g;
    text_has($page, "Adicionar a etiqueta “${tag}” em $fmt cadastros", 'says what it does to how many');
    my $waited = 0;
    while ($page->{text} !~ /Concluída/ && $waited < 120) {
        like($page->{text}, qr{<meta http-equiv="refresh" content="2">}, 'reloads itself while it runs') if $waited == 0;
        select(undef, undef, undef, 0.5);
        $waited++;
        $page = $eva->get("/clientes/tarefas/$job");
    }
    text_has($page, "Concluída: $fmt cadastros alterados", 'done: every record changed');
    unlike($page->{text}, qr{http-equiv="refresh"}, 'and no longer reloads');
    is(sql_value("SELECT COUNT(*) FROM client_tags ct JOIN tags t ON t.id = ct.tag_id WHERE t.office_id = $OFFICE AND t.name = "
        . sql_quote($tag)), $want, 'every record has the tag');
    is(sql_value("SELECT COUNT(*) FROM audit_events WHERE office_id = $OFFICE AND action = 'tag'") - $events, $want,
        'each with its audit row');
    is(sql_value("SELECT COUNT(*) FROM audit_events WHERE office_id = $OFFICE AND action = 'tag' AND actor = 'Eva Escala'"
        . " AND request_id LIKE 'job%'") >= $want ? 1 : 0, 1, 'in the name of the user who asked');
    is(sql_value("SELECT COUNT(*) FROM job_items WHERE job_id = $job"), 0, 'nothing left to do');
    my ($tid) = sql_value("SELECT id FROM tags WHERE office_id = $OFFICE AND name = " . sql_quote($tag));
    text_has(list($eva, etiqueta => $tid), $want > 1000 ? 'Mais de 1.000 resultados' : "$fmt resultados",
        'the list finds them at once');

    clean_login_attempts();
    my $ana = staff_login('ana@demo.com.br');
    my $other = $ana->get("/clientes/tarefas/$job");
    my $missing = $ana->get('/clientes/tarefas/999999999');
    status_is($other, 404, "another office's job: 404");
    is($other->{text}, $missing->{text}, 'exactly like a missing one');
};

# ---------------------------------------------------------------- remembered choices
subtest 'a new tag is a filter choice at once' => sub {
    my $tag = rand_tag('t');
    list($eva) for 1 .. 8;
    my ($some) = list_ids(list($eva));
    my $r = $eva->post("/clientes/$some/etiquetas", [ etiqueta_nome => $tag, csrf => $eva->{csrf} ]);
    status_is($r, 303, "tag $tag added on the profile");
    my @has = grep { $_->{text} =~ m{<option value="\d+">\Q$tag\E</option>} } map { list($eva) } 1 .. 8;
    is(scalar @has, 8, 'every worker offers the new tag in the filter');
};

# ---------------------------------------------------------------- custom filters
subtest 'filters by custom attributes (lista, sim/não)' => sub {
    my $w = rand_tag('f');
    my $r = $eva->post('/clientes/campos', [ nome => 'Porte', tipo => 'lista', opcoes => "Pequeno\nMédio\nGrande", csrf => $eva->{csrf} ]);
    status_is($r, 303, 'a "lista" attribute');
    $r = $eva->post('/clientes/campos', [ nome => 'Folha', tipo => 'sim_nao', csrf => $eva->{csrf} ]);
    status_is($r, 303, 'a "sim/não" attribute');
    my ($porte, $folha) = map { sql_value("SELECT id FROM custom_fields WHERE office_id = $OFFICE AND name = '$_'") } qw(Porte Folha);
    my %id;
    $id{A} = create_client($eva, nome => "Alfa $w", "extra_$porte" => 'Médio', "extra_$folha" => 1);
    $id{B} = create_client($eva, nome => "Beta $w", "extra_$porte" => 'Grande', "extra_$folha" => 0);
    $id{C} = create_client($eva, nome => "Gama $w", "extra_$porte" => 'Médio');
    ok(!grep({ !$id{$_} } qw(A B C)), 'three records with values');

    $r = list($eva, q => $w, "campo_$porte" => 'Médio');
    is_deeply([ sort { $a <=> $b } list_ids($r) ], [ sort { $a <=> $b } @id{qw(A C)} ], 'Porte: Médio');
    is(count_text($r), '2 resultados', 'counted');
    like(html_of($r), qr{<option value="Médio" selected>Porte: Médio</option>}, 'the choice shown selected');
    like(html_of($r), qr{<input type="hidden" name="campo_$porte" value="Médio">}, 'the bulk form keeps it');
    my ($export) = html_of($r) =~ m{href="(/clientes/exportar[^"]*)"};
    like($export // '', qr{campo_$porte=M%C3%A9dio}, 'the export link keeps it');
    is_deeply([ list_ids(list($eva, q => $w, "campo_$porte" => 'Médio', "campo_$folha" => 1)) ], [ $id{A} ],
        'and Folha: sim');
    is_deeply([ sort { $a <=> $b } list_ids(list($eva, q => $w, "campo_$folha" => 0)) ],
        [ sort { $a <=> $b } @id{qw(B C)} ], 'Folha: não (also the record left empty)');
    # A value the list does not have is refused, never dropped (that would widen the result).
    $r = list($eva, q => $w, "campo_$porte" => 'Enorme');
    status_is($r, 400, 'a value the list does not have: 400');
    is(scalar(list_ids($r)), 0, 'and no records');
    text_has($r, 'Porte: escolha uma opção da lista.', 'with the attribute named');

    $r = $eva->get("/clientes/exportar?q=$w&campo_$porte=M%C3%A9dio&formato=csv&campos=nome");
    my @rows = split /\r\n/, substr($r->{content}, 3);
    is(scalar(@rows), 3, 'the export has the two filtered records');
    $r = $eva->post('/clientes/lote', [ q => $w, "campo_$porte" => 'Médio', todos => 1, acao => 'exportar', csrf => $eva->{csrf} ]);
    like($r->location // '', qr{^/clientes/exportar\?q=$w&campo_$porte=M%C3%A9dio$}, 'bulk export of the search keeps it');
    $r = $eva->post('/clientes/lote', [ q => $w, "campo_$porte" => 'Médio', todos => 1, acao => 'desativar', csrf => $eva->{csrf} ]);
    location_is($r, '/clientes?feito=2', 'a bulk action on the filtered search changes those two');

    list($eva) for 1 .. 8;
    $r = $eva->post("/clientes/campos/$porte/desativar", [ csrf => $eva->{csrf} ]);
    status_is($r, 303, 'Porte deactivated');
    my @still = grep { $_->{text} =~ /name="campo_$porte"/ } map { list($eva) } 1 .. 8;
    is(scalar @still, 0, 'no worker offers the filter any more');
};

# ---------------------------------------------------------------- word beginnings
# A word of four letters or more is looked up by its beginning in client_prefixes
# (schema/009): the range alone for four letters, the range walked with each record
# checked for a longer word. Enough records that "gmail" matches over 1,000.
subtest 'searches by a word beginning agree with the word index' => sub {
    my $out = `$ROOT/$BUILD/bin/portalctl -c $ROOT/var/test/portal.hdf seed-clients $SLUG 2900 8 2>&1`;
    is($?, 0, 'portalctl seed-clients 2900 more') or diag $out;
    # (Words of four letters or more: a shorter search word is never looked up there.)
    my $derived = "SELECT DISTINCT c.trashed, LEFT(w.word, 4) AS prefix, c.name, c.id AS client_id
        FROM client_words w JOIN clients c ON c.id = w.client_id WHERE c.office_id = $OFFICE
        AND CHAR_LENGTH(w.word) >= 4";
    # The same rows: as many, and the same sum of a checksum of each.
    my $sum = "COUNT(*), SUM(CRC32(CONCAT_WS('|', trashed, prefix, name, client_id)))";
    my $same = sub {
        is_deeply([ sql("SELECT $sum FROM client_prefixes WHERE office_id = $OFFICE") ],
                  [ sql("SELECT $sum FROM ($derived) d") ], "$_[0]: the prefixes are those the words give");
        is(sql_value("SELECT COUNT(*) FROM (SELECT trashed, prefix, COUNT(*) n FROM client_prefixes
            WHERE office_id = $OFFICE GROUP BY trashed, prefix) t LEFT JOIN client_prefix_counts k
            ON k.office_id = $OFFICE AND k.trashed = t.trashed AND k.prefix = t.prefix WHERE k.n IS NULL OR k.n <> t.n")
            + sql_value("SELECT COUNT(*) FROM client_prefix_counts k WHERE k.office_id = $OFFICE AND k.n <> 0
            AND NOT EXISTS (SELECT 1 FROM client_prefixes p WHERE p.office_id = k.office_id AND p.trashed = k.trashed
            AND p.prefix = k.prefix)"), 0, "$_[0]: each beginning's count is right");
    };
    $same->('seeded');
    my $truth = sub {
        my ($word, $trashed, $order, $offset) = @_;
        return map { $_->[0] } sql("SELECT c.id FROM clients c WHERE c.office_id = $OFFICE AND c.trashed = $trashed
            AND c.id IN (SELECT client_id FROM client_words WHERE office_id = $OFFICE AND word LIKE '$word%')
            ORDER BY $order LIMIT 50 OFFSET $offset");
    };
    my $matches = sub {
        my ($word, $trashed) = @_;
        return sql_value("SELECT COUNT(DISTINCT w.client_id) FROM client_words w JOIN clients c ON c.id = w.client_id
            WHERE w.office_id = $OFFICE AND w.word LIKE '$word%' AND c.trashed = $trashed");
    };
    my $fmt = sub { my $n = shift; return $n == 1 ? '1 resultado'
        : do { (my $f = $n) =~ s/(\d)(?=(\d{3})+$)/$1./g; "$f resultados" } };

    # Four letters: the range alone, paged, and counted exactly.
    my $r = list($eva, q => 'gmai');
    is(count_text($r), $fmt->($matches->('gmai', 0)), "gmai: counted (" . $matches->('gmai', 0) . ')');
    is(count_text(list($eva, q => 'comp')), $fmt->($matches->('comp', 0)), 'comp: counted exactly');
    my $past = list($eva, q => 'gmai', pagina => 999);
    is(count_text($past), $fmt->($matches->('gmai', 0)), 'gmai: a page past the end still counts');
    is(scalar(list_ids($past)), 0, 'and shows no rows');
    is(count_text(list($eva, q => 'qxqz')), '0 resultados', 'a beginning nobody has: 0');
    is_deeply([ list_ids($r) ], [ $truth->('gmai', 0, 'c.name, c.id', 0) ], 'gmai: page 1');
    is_deeply([ list_ids(list($eva, q => 'gmai', pagina => 3)) ], [ $truth->('gmai', 0, 'c.name, c.id', 100) ], 'gmai: page 3');
    is_deeply([ list_ids(list($eva, q => 'GMAI', ordem => 'criado')) ],
              [ $truth->('gmai', 0, 'c.created_at DESC, c.id DESC', 0) ], 'gmai by creation');
    my $t = $eva->get('/clientes/lixeira?q=gmai');
    is_deeply([ sort { $a <=> $b } ($t->{text} =~ m{<td><a href="/clientes/(\d+)">}g) ],
              [ sort { $a <=> $b } $truth->('gmai', 1, 'c.name, c.id', 0) ], 'gmai in the trash');
    # A longer word over 1,000 matches: the range of "gmai" walked, each record checked.
    cmp_ok($matches->('gmail', 0), '>', 1000, 'gmail matches over 1,000');
    is(count_text(list($eva, q => 'gmail')), 'Mais de 1.000 resultados', 'gmail: capped');
    is_deeply([ list_ids(list($eva, q => 'gmail', pagina => 2)) ], [ $truth->('gmail', 0, 'c.name, c.id', 50) ], 'gmail: page 2');
    is_deeply([ list_ids(list($eva, q => 'gmail', pagina => 12)) ], [ $truth->('gmail', 0, 'c.name, c.id', 550) ], 'gmail: page 12');
    # With a filter and a second word, the walk checks them on each record.
    my @want = map { $_->[0] } sql("SELECT c.id FROM clients c WHERE c.office_id = $OFFICE AND NOT c.trashed AND c.active
        AND c.id IN (SELECT client_id FROM client_words WHERE office_id = $OFFICE AND word LIKE 'gmail%')
        AND c.id IN (SELECT client_id FROM client_words WHERE office_id = $OFFICE AND word LIKE 'com%')
        ORDER BY c.name, c.id LIMIT 50 OFFSET 50");
    is_deeply([ list_ids(list($eva, q => 'com gmail', status => 'ativos', pagina => 2)) ], \@want, 'two words and a filter');

    # A record renamed, trashed and restored moves with its prefixes at once.
    my ($id) = map { $_->[0] } sql("SELECT id FROM clients WHERE office_id = $OFFICE AND NOT trashed AND kind = 'PJ' ORDER BY id LIMIT 1");
    my $row = client_row($id);
    my $new = "Zyxw Renomeada $WORD";
    $r = $eva->post("/clientes/$id/editar", [ @{ client_form(tipo => 'PJ', nome => $new, documento => $row->{document},
        versao => $row->{version}, confirmar_duplicado => 1) }, csrf => $eva->{csrf} ]);
    status_is($r, 303, 'renamed') or diag dump_res($r);
    is_deeply([ list_ids(list($eva, q => 'zyxw')) ], [ $id ], 'found by its new name at once');
    $same->('after the rename');
    status_is($eva->post("/clientes/$id/lixeira", [ csrf => $eva->{csrf} ]), 303, 'to the trash');
    is_deeply([ list_ids(list($eva, q => 'zyxw')) ], [], 'out of the search');
    $same->('after the trash');
    status_is($eva->post("/clientes/$id/restaurar", [ csrf => $eva->{csrf} ]), 303, 'restored');
    is_deeply([ list_ids(list($eva, q => 'zyxw')) ], [ $id ], 'back in the search');
};

done_testing;
