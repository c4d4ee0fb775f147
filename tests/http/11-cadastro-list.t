#!/usr/bin/perl
# Cadastro (issue 3): the list — search (accent- and case-insensitive, name fragments,
# CPF/CNPJ with or without punctuation, e-mail), filters, order, result count, pages, the
# list/card view remembered per user, bulk actions (the first-use message: 16-cadastro-scale.t).
use strict;
use warnings;
use utf8;
use Test::More;
use Portal::Test qw(:DEFAULT :cadastro);

my $TAG = rand_tag('l');
my $PAG = rand_tag('p');
my $CTL = rand_tag('c');
my $DEMO = office_id('demo');
my $ANA_ID = staff_id('ana@demo.com.br');
my $BRUNO_ID = staff_id('bruno@demo.com.br');

clean_login_attempts();
my %view_before = map { $_->[0] => $_->[1] } sql("SELECT user_id, client_view FROM user_prefs WHERE user_id IN ($ANA_ID, $BRUNO_ID)");
END {
    eval {
        purge_marked($_) for $TAG, $PAG, $CTL;
        sql("DELETE FROM user_prefs WHERE user_id IN ($ANA_ID, $BRUNO_ID)");
        sql("INSERT INTO user_prefs (user_id, client_view) VALUES ($_, '$view_before{$_}')") for keys %view_before;
    };
}

my $ana = staff_login('ana@demo.com.br');
my $bruno = staff_login('bruno@demo.com.br');

sub list { my ($c, @q) = @_; return $c->get('/clientes' . query_string(@q)) }

# The ids a search shows, sorted (for set comparisons).
sub found { my ($c, @q) = @_; my $r = list($c, @q); return ([ sort { $a <=> $b } list_ids($r) ], $r) }

sub same_set {
    my ($got, $want, $name, $r) = @_;
    local $Test::Builder::Level = $Test::Builder::Level + 1;
    my $ok = is_deeply($got, [ sort { $a <=> $b } @$want ], $name);
    diag dump_res($r) if !$ok && $r;
    return $ok;
}

# ---------------------------------------------------------------- records
my $cpf = cpf_random();
my $cnpj = cnpj_random();
my %id;
$id{J} = create_client($ana, tipo => 'PF', nome => "João Carlos Silveira $TAG", documento => doc_mask($cpf),
    email => "joao.carlos.$TAG\@exemplo.com.br", regime => 'mei', responsavel => $ANA_ID, cidade => 'Curitiba', uf => 'PR');
$id{M} = create_client($ana, tipo => 'PJ', nome => "Mercado Estrela $TAG Ltda", fantasia => "Estrela Azul",
    documento => doc_mask($cnpj), regime => 'simples', responsavel => $BRUNO_ID, cliente => 0, fornecedor => 1, ativo => 0);
$id{P} = create_client($ana, tipo => 'PJ', nome => "Padaria Pão Quente $TAG", documento => doc_mask(cnpj_random(1)),
    regime => 'presumido', cliente => 0, prestador => 1, prospect => 1);
$id{E} = create_client($ana, tipo => 'EX', nome => "Foreign Trading $TAG Inc", documento => 'P-55443322',
    pais => 'Estados Unidos', regime => 'na', email => "office.$TAG\@foreign.example");
# A record outside the search, to show what bulk actions on a search leave alone.
$id{C} = create_client($ana, tipo => 'PF', nome => "Controle $CTL", documento => doc_mask(cpf_random()));
if (grep { !$id{$_} } keys %id) { fail('could not create the records'); done_testing; exit 1 }
my @ALL = @id{qw(J M P E)};

# ---------------------------------------------------------------- page
subtest 'GET /clientes: the page' => sub {
    my $r = list($ana);
    status_is($r, 200, 'GET /clientes: 200');
    security_headers_ok($r, '200 GET /clientes');
    like($r->{text}, qr{<form method="get" action="/clientes"[^>]*role="search"}, 'a search form (GET)');
    ok(has_input($r, 'q', 'search'), 'search box q');
    for my $s (qw(status tipo pessoa regime responsavel ordem)) {
        ok(defined selected_value($r, $s), "filter $s");
    }
    like($r->{text}, qr{<a class="botao botao-principal" href="/clientes/novo">Adicionar cliente</a>}, 'link: Adicionar cliente');
    like($r->{text}, qr{href="/clientes/lixeira"}, 'link: Lixeira');
    # The count without filters comes from client_counts (active + inactive), kept by
    # every change; a new record adds one.
    my $count_text = sub {
        my $cc = client_counts_of($DEMO);
        my $n = $cc->[0] + $cc->[1];
        (my $fmt = $n) =~ s/(\d)(?=(\d{3})+$)/$1./g;
        return $n == 1 ? '1 resultado' : "$fmt resultados";
    };
    my $shown = $count_text->();
    text_has($r, $shown, "result count without filters: $shown (client_counts)");
    my $real = count_clients("office_id = $DEMO AND NOT trashed");
    diag "note: client_counts of office demo say " . ($shown =~ s/ .*//r) . ", the table holds $real outside the trash"
        . " (rows deleted by SQL without updating client_counts?)" if ($shown =~ s/\D//gr) ne $real;
    my ($before) = $r->{text} =~ m{<p class="contagem" role="status">([\d.]+) resultados?</p>};
    ok(create_client($ana, tipo => 'PF', nome => "Contagem $CTL"), 'one more record');
    my ($after) = list($ana)->{text} =~ m{<p class="contagem" role="status">([\d.]+) resultados?</p>};
    is(($after // '') =~ s/\.//gr, (($before // '') =~ s/\.//gr) + 1, 'the count without filters goes up by one');
    ok(has_form($r, '/clientes/lote'), 'the bulk action form');
};

# ---------------------------------------------------------------- search
subtest 'search' => sub {
    my @cases = (
        [ 'accent-free "joao" finds "João"', [ q => "joao $TAG" ], [ $id{J} ] ],
        [ 'with the accent', [ q => "João $TAG" ], [ $id{J} ] ],
        [ 'upper case', [ q => "JOÃO SILVEIRA $TAG" ], [ $id{J} ] ],
        [ 'a name fragment ("silv")', [ q => "silv $TAG" ], [ $id{J} ] ],
        [ '"pao" finds "Pão"', [ q => "pao $TAG" ], [ $id{P} ] ],
        [ 'nome fantasia', [ q => "azul $TAG" ], [ $id{M} ] ],
        [ 'the tag alone: all four', [ q => $TAG ], \@ALL ],
        [ 'a fragment of the tag: all four', [ q => substr($TAG, 0, 7) ], \@ALL ],
        [ 'CPF with punctuation', [ q => doc_mask($cpf) ], [ $id{J} ] ],
        [ 'CPF without punctuation', [ q => $cpf ], [ $id{J} ] ],
        [ 'the start of a CPF', [ q => substr(doc_mask($cpf), 0, 7) ], [ $id{J} ] ],
        [ 'CNPJ with punctuation', [ q => doc_mask($cnpj) ], [ $id{M} ] ],
        [ 'CNPJ without punctuation', [ q => $cnpj ], [ $id{M} ] ],
        [ 'CNPJ in lower case', [ q => lc doc_mask($cnpj) ], [ $id{M} ] ],
        [ 'e-mail', [ q => "joao.carlos.$TAG\@exemplo.com.br" ], [ $id{J} ] ],
        [ 'e-mail in upper case', [ q => uc "office.$TAG\@foreign.example" ], [ $id{E} ] ],
        [ 'foreign document', [ q => 'P-55443322' ], [ $id{E} ] ],
        [ 'a word nobody has', [ q => "inexistente$TAG" ], [] ],
    );
    for my $case (@cases) {
        my ($what, $q, $want) = @$case;
        my ($got, $r) = found($ana, @$q);
        status_is($r, 200, "$what: 200");
        if ($what =~ /start of a CPF|foreign document/) {
            # Others' records may share these: ours must be among them.
            my %g = map { $_ => 1 } @$got;
            ok(!grep({ !$g{$_} } @$want), "$what: finds ours") or diag dump_res($r);
            next;
        }
        same_set($got, $want, $what, $r);
    }
    my $r = list($ana, q => "joao $TAG");
    text_has($r, '1 resultado', 'one match: "1 resultado"');
    is(input_value($r, 'q'), "joao $TAG", 'the search box keeps the search');
    $r = list($ana, q => $TAG);
    text_has($r, '4 resultados', 'four matches: "4 resultados"');
    $r = list($ana, q => "inexistente$TAG");
    text_has($r, 'Nenhum cliente encontrado', 'no match: a message');
    # Odd input is only text.
    for my $q ("' OR 1=1 -- $TAG", "%$TAG%", "_", '...', "\\", "a" x 100) {
        my $x = list($ana, q => $q);
        ok($x->{status} == 200, "q=" . substr($q, 0, 20) . ": 200") or diag dump_res($x);
    }
    ($r) = found($ana, q => "' OR 1=1 -- $TAG");
    is_deeply($r, [], 'a quote in the search does not widen it');
};

# ---------------------------------------------------------------- filters
my $tag_name = "Etiqueta $TAG";
my $tag_id;
subtest 'filters' => sub {
    # A tag on J and P (bulk "etiquetar"), for the etiqueta filter.
    my $r = $ana->post('/clientes/lote', [ acao => 'etiquetar', etiqueta_nome => $tag_name,
        ids => $id{J}, ids => $id{P}, csrf => $ana->{csrf} ]);
    status_is($r, 303, 'tagging J and P: 303');
    $tag_id = sql_value("SELECT id FROM tags WHERE office_id = $DEMO AND name = " . sql_quote($tag_name));
    ok($tag_id, 'the tag exists') or return;

    my @cases = (
        [ 'status todos by default', [], \@ALL ],
        [ 'status=ativos', [ status => 'ativos' ], [ @id{qw(J P E)} ] ],
        [ 'status=inativos', [ status => 'inativos' ], [ $id{M} ] ],
        [ 'tipo=cliente', [ tipo => 'cliente' ], [ @id{qw(J E)} ] ],
        [ 'tipo=fornecedor', [ tipo => 'fornecedor' ], [ $id{M} ] ],
        [ 'tipo=prestador', [ tipo => 'prestador' ], [ $id{P} ] ],
        [ 'tipo=prospect', [ tipo => 'prospect' ], [ $id{P} ] ],
        [ 'pessoa=PF', [ pessoa => 'PF' ], [ $id{J} ] ],
        [ 'pessoa=PJ', [ pessoa => 'PJ' ], [ @id{qw(M P)} ] ],
        [ 'pessoa=EX', [ pessoa => 'EX' ], [ $id{E} ] ],
        [ 'regime=mei', [ regime => 'mei' ], [ $id{J} ] ],
        [ 'regime=simples', [ regime => 'simples' ], [ $id{M} ] ],
        [ 'regime=presumido', [ regime => 'presumido' ], [ $id{P} ] ],
        [ 'regime=na', [ regime => 'na' ], [ $id{E} ] ],
        [ 'responsavel=ana', [ responsavel => $ANA_ID ], [ $id{J} ] ],
        [ 'responsavel=bruno', [ responsavel => $BRUNO_ID ], [ $id{M} ] ],
        [ 'etiqueta', [ etiqueta => $tag_id ], [ @id{qw(J P)} ] ],
        [ 'status=ativos and pessoa=PJ', [ status => 'ativos', pessoa => 'PJ' ], [ $id{P} ] ],
        [ 'tipo=cliente and regime=na', [ tipo => 'cliente', regime => 'na' ], [ $id{E} ] ],
    );
    for my $case (@cases) {
        my ($what, $f, $want) = @$case;
        my ($got, $r) = found($ana, q => $TAG, @$f);
        status_is($r, 200, "$what: 200");
        same_set($got, $want, $what, $r);
    }
    # The page shows the chosen filters, so the URL is the state.
    $r = list($ana, q => $TAG, status => 'ativos', tipo => 'prestador', pessoa => 'PJ', regime => 'presumido',
        responsavel => '', etiqueta => $tag_id, ordem => 'criado');
    is(selected_value($r, 'status'), 'ativos', 'status shown selected');
    is(selected_value($r, 'tipo'), 'prestador', 'tipo shown selected');
    is(selected_value($r, 'pessoa'), 'PJ', 'pessoa shown selected');
    is(selected_value($r, 'regime'), 'presumido', 'regime shown selected');
    is(selected_value($r, 'etiqueta'), $tag_id, 'etiqueta shown selected');
    is(selected_value($r, 'ordem'), 'criado', 'ordem shown selected');
    like($r->{text}, qr{<option value="$tag_id"[^>]*>\Q$tag_name\E</option>}, 'the tag is offered by name');
    like($r->{text}, qr{<a class="botao" href="/clientes">Limpar</a>}, 'a "Limpar" link');
    same_set([ list_ids($r) ], [ $id{P} ], 'all filters together');
    text_has($r, '1 resultado', 'count with filters');

    # The tag shows on the profile, linking to the filter.
    $r = $ana->get("/clientes/$id{J}");
    like($r->{text}, qr{<span class="selo selo-etiqueta"><a href="/clientes\?etiqueta=$tag_id">\Q$tag_name\E</a>}, 'profile: the tag, linking to the filter');
};

# ---------------------------------------------------------------- order
subtest 'order' => sub {
    my ($r) = list($ana, q => $TAG);
    is_deeply([ list_ids($r) ], [ @id{qw(E J M P)} ], 'by name (default): Foreign, João, Mercado, Padaria');
    $r = list($ana, q => $TAG, ordem => 'criado');
    is_deeply([ list_ids($r) ], [ @id{qw(E P M J)} ], 'ordem=criado: newest first');
    # J edited last: first by update.
    my $e = $ana->get("/clientes/$id{M}/editar");
    status_is($ana->post("/clientes/$id{M}/editar", pairs_set(form_fields($e, "/clientes/$id{M}/editar"), cidade => 'Londrina')),
        303, 'M edited');
    $r = list($ana, q => $TAG, ordem => 'alterado');
    is(( list_ids($r) )[0], $id{M}, 'ordem=alterado: the last edited first');
};

# ---------------------------------------------------------------- pages
subtest 'pagination' => sub {
    my @p;
    for my $i (1 .. 53) {
        my $id = create_client($ana, tipo => 'PF', nome => sprintf('Paginado %s %03d', $PAG, $i));
        push @p, $id if $id;
    }
    is(scalar @p, 53, '53 records created') or return;
    my $r = list($ana, q => $PAG, status => 'ativos');
    status_is($r, 200, 'page 1: 200');
    text_has($r, '53 resultados', 'count: 53 resultados');
    my @one = list_ids($r);
    is(scalar @one, 50, 'page 1: 50 rows');
    is_deeply(\@one, [ @p[ 0 .. 49 ] ], 'page 1: the first 50 by name');
    like($r->{text}, qr{Página 1 de 2}, '"Página 1 de 2"');
    my ($next) = $r->{text} =~ m{<a class="botao" href="([^"]+)" rel="next">Próxima</a>};
    ok($next, 'a link to the next page') or return diag dump_res($r);
    like($next, qr{^/clientes\?}, 'next: the list URL');
    like($next, qr{[?&]q=\Q$PAG\E(?:&|$)}, 'next link keeps the search');
    like($next, qr{[?&]status=ativos(?:&|$)}, 'next link keeps the filter');
    like($next, qr{[?&]pagina=2(?:&|$)}, 'next link: pagina=2');
    unlike($r->{text}, qr{rel="prev"}, 'page 1: no previous link');

    my $r2 = $ana->get($next);
    status_is($r2, 200, 'page 2: 200');
    my @two = list_ids($r2);
    is_deeply(\@two, [ @p[ 50 .. 52 ] ], 'page 2: the last 3');
    like($r2->{text}, qr{Página 2 de 2}, '"Página 2 de 2"');
    unlike($r2->{text}, qr{rel="next"}, 'page 2: no next link');
    my ($prev) = $r2->{text} =~ m{<a class="botao" href="([^"]+)" rel="prev">Anterior</a>};
    ok($prev, 'page 2: a link back') or return;
    is_deeply([ list_ids($ana->get($prev)) ], \@one, 'the link back shows page 1');
    is(selected_value($r2, 'status'), 'ativos', 'page 2: the filter still selected');
    is(input_value($r2, 'q'), $PAG, 'page 2: the search still in the box');
    # Beyond the end: an empty page, not an error.
    status_is(list($ana, q => $PAG, pagina => 9), 200, 'a page beyond the end: 200');
    for my $bad ('0', 'abc', '-1') {
        my $x = list($ana, q => $PAG, pagina => $bad);
        ok($x->{status} == 200 || $x->{status} == 400, "pagina=$bad: $x->{status} (no server error)") or diag dump_res($x);
    }
    # Order by creation across the pages.
    $r = list($ana, q => $PAG, ordem => 'criado', pagina => 2);
    is_deeply([ list_ids($r) ], [ reverse @p[ 0 .. 2 ] ], 'ordem=criado page 2: the 3 oldest');
};

# ---------------------------------------------------------------- views
subtest 'list or card view, remembered per user' => sub {
    my $r = list($ana, q => $TAG, visao => 'lista');
    like($r->{text}, qr{<table class="tabela">}, 'ana: visao=lista shows the table');
    like($r->{text}, qr{<td class="email">joao\.carlos\.\Q$TAG\E\@<wbr>exemplo\.com\.br</td>}i,
        'a row: the e-mail, breakable after its @');
    like($r->{text}, qr{<td>Curitiba/PR</td>}, 'a row: Cidade/UF');
    $r = list($bruno, q => $TAG, visao => 'cartoes');
    status_is($r, 200, 'bruno: visao=cartoes 200');
    like($r->{text}, qr{<ul class="cartoes">}, 'bruno: cards');
    like($r->{text}, qr{<span>joao\.carlos\.\Q$TAG\E\@<wbr>exemplo\.com\.br</span>}i, 'a card: the e-mail');
    like($r->{text}, qr{<span class="discreto">Curitiba/PR</span>}, 'a card: Cidade/UF');
    unlike($r->{text}, qr{<table class="tabela">}, 'bruno: no table');
    is(sql_value("SELECT client_view FROM user_prefs WHERE user_id = $BRUNO_ID"), 'cartoes', 'stored for bruno');
    same_set([ sort { $a <=> $b } list_ids($r) ], \@ALL, 'cards: the same records, selectable');

    # Remembered: a fresh session of bruno, without visao.
    my $b2 = staff_login('bruno@demo.com.br');
    $r = list($b2, q => $TAG);
    like($r->{text}, qr{<ul class="cartoes">}, 'bruno, new session, no visao: still cards');
    like($r->{text}, qr{<a href="[^"]*visao=cartoes"[^>]*aria-current="true">Cartões</a>}, 'the card choice marked current');
    # Per user: ana keeps the table.
    $r = list($ana, q => $TAG);
    like($r->{text}, qr{<table class="tabela">}, 'ana: still the table');
    # The view links keep the search.
    my ($lv) = $r->{text} =~ m{<a href="([^"]*visao=lista)"};
    like($lv // '', qr{q=\Q$TAG\E}, 'the view links keep the search');
    $r = list($b2, q => $TAG, visao => 'lista');
    like($r->{text}, qr{<table class="tabela">}, 'bruno back to the list');
    $r = list($bruno, q => $TAG);
    like($r->{text}, qr{<table class="tabela">}, 'bruno: the list remembered');
};

# ---------------------------------------------------------------- bulk actions
subtest 'bulk actions on checked rows' => sub {
    my $before = client_counts_of($DEMO);
    my $r = $ana->post('/clientes/lote', [ acao => 'desativar', ids => $id{J}, ids => $id{P}, csrf => $ana->{csrf} ]);
    status_is($r, 303, 'desativar J, P: 303');
    location_is($r, '/clientes?feito=2', 'Location /clientes?feito=2');
    security_headers_ok($r, '303 POST /clientes/lote');
    is_deeply([ map { client_row($_)->{active} } @id{qw(J P E)} ], [ 0, 0, 1 ], 'J and P inactive, E untouched');
    my $after = client_counts_of($DEMO);
    is_deeply([ $after->[0] - $before->[0], $after->[1] - $before->[1] ], [ -2, 2 ], 'client_counts follow');
    is(sql_value("SELECT COUNT(*) FROM client_notes WHERE client_id = $id{J} AND body = 'Cadastro desativado.'"), 1,
        'automatic note on J');
    is((audit_events($id{P}))[-1]{action}, 'deactivate', 'audit event on P');
    $r = $ana->get('/clientes?feito=2');
    text_has($r, '2 cadastros alterados.', 'flash: 2 cadastros alterados.');

    $r = $ana->post('/clientes/lote', [ acao => 'ativar', ids => $id{J}, ids => $id{P}, ids => $id{E}, csrf => $ana->{csrf} ]);
    location_is($r, '/clientes?feito=2', 'ativar J, P, E: two changed (E was active)');
    is_deeply([ map { client_row($_)->{active} } @id{qw(J P E)} ], [ 1, 1, 1 ], 'all active');

    my $t2 = "Segunda $TAG";
    $r = $ana->post('/clientes/lote', [ acao => 'etiquetar', etiqueta_nome => $t2, ids => $id{M}, ids => $id{E}, csrf => $ana->{csrf} ]);
    location_is($r, '/clientes?feito=2', 'etiquetar M, E: feito=2');
    my $t2id = sql_value("SELECT id FROM tags WHERE office_id = $DEMO AND name = " . sql_quote($t2));
    ok($t2id, 'the new tag was created');
    same_set([ map { $_->[0] } sql("SELECT client_id FROM client_tags WHERE tag_id = " . ($t2id // 0)) ], [ @id{qw(M E)} ],
        'client_tags: M and E');
    my @ev = audit_events($id{M});
    is($ev[-1]{action}, 'tag', 'audit: tag');
    is_deeply(audit_changes_of($ev[-1]{id})->{tags}, [ undef, $t2 ], 'audit: the tag added');
    $r = $ana->post('/clientes/lote', [ acao => 'etiquetar', etiqueta_nome => $t2, ids => $id{M}, csrf => $ana->{csrf} ]);
    location_is($r, '/clientes?feito=0', 'tagging again: nothing changed');

    $r = $ana->post('/clientes/lote', [ acao => 'desetiquetar', etiqueta_nome => $t2, ids => $id{M}, csrf => $ana->{csrf} ]);
    location_is($r, '/clientes?feito=1', 'desetiquetar M: feito=1');
    my ($got) = found($ana, q => $TAG, etiqueta => $t2id);
    same_set($got, [ $id{E} ], 'the tag filter: E only now');
    @ev = audit_events($id{M});
    is_deeply(audit_changes_of($ev[-1]{id})->{tags}, [ $t2, undef ], 'audit: the tag removed');
    $r = $ana->post('/clientes/lote', [ acao => 'desetiquetar', etiqueta_nome => "Nunca Existiu $TAG", ids => $id{M}, csrf => $ana->{csrf} ]);
    location_is($r, '/clientes?feito=0', 'removing a tag that does not exist: nothing');
    ok(!sql_value("SELECT COUNT(*) FROM tags WHERE name = " . sql_quote("Nunca Existiu $TAG")), '... and it is not created');

    # Nothing selected, no tag name, unknown action.
    $r = $ana->post('/clientes/lote', [ acao => 'desativar', csrf => $ana->{csrf} ]);
    location_is($r, '/clientes?aviso=nenhum', 'nothing checked: aviso=nenhum');
    text_has($ana->get('/clientes?aviso=nenhum'), 'Selecione pelo menos um cadastro.', 'flash: select at least one');
    $r = $ana->post('/clientes/lote', [ acao => 'etiquetar', etiqueta_nome => '', ids => $id{J}, csrf => $ana->{csrf} ]);
    location_is($r, '/clientes?aviso=etiqueta', 'tagging without a name: aviso=etiqueta');
    text_has($ana->get('/clientes?aviso=etiqueta'), 'Escreva o nome da etiqueta.', 'flash: write the tag name');
    $r = $ana->post('/clientes/lote', [ acao => 'explodir', ids => $id{J}, csrf => $ana->{csrf} ]);
    status_is($r, 400, 'unknown action: 400');
    is(client_row($id{J})->{active}, 1, 'unknown action: nothing changed');
};

subtest 'bulk actions on "todos" of a search' => sub {
    my $list = list($ana, q => $TAG, status => 'ativos');
    my $f = form_fields($list, '/clientes/lote');
    ok($f, 'the list has the bulk form') or return;
    is(pairs_get($f, 'q'), $TAG, 'the bulk form carries the search');
    is(pairs_get($f, 'status'), 'ativos', 'the bulk form carries the filter');
    like($list->{text}, qr{<input type="checkbox" name="todos" value="1"> Todos os 3 desta busca}, '"Todos os 3 desta busca"');
    my $f2 = pairs_set($f, todos => '1', acao => 'desativar', ids => undef);
    my $r = $ana->post('/clientes/lote', $f2);
    status_is($r, 303, 'todos=1 desativar on the active ones of the search: 303');
    location_is($r, '/clientes?feito=3', 'feito=3');
    is_deeply([ map { client_row($_)->{active} } @id{qw(J M P E)} ], [ 0, 0, 0, 0 ], 'all four now inactive');
    is(client_row($id{C})->{active}, 1, 'the record outside the search untouched');

    $r = $ana->post('/clientes/lote', [ q => $TAG, todos => 1, acao => 'ativar', csrf => $ana->{csrf} ]);
    location_is($r, '/clientes?feito=4', 'todos=1 ativar with q: feito=4');
    is_deeply([ map { client_row($_)->{active} } @id{qw(J M P E)} ], [ 1, 1, 1, 1 ], 'all four active');

    my $t3 = "Terceira $TAG";
    $r = $ana->post('/clientes/lote', [ q => $TAG, pessoa => 'PJ', todos => 1, acao => 'etiquetar', etiqueta_nome => $t3, csrf => $ana->{csrf} ]);
    location_is($r, '/clientes?feito=2', 'todos=1 etiquetar with q and pessoa=PJ: feito=2');
    my $t3id = sql_value("SELECT id FROM tags WHERE office_id = $DEMO AND name = " . sql_quote($t3)) // 0;
    same_set([ map { $_->[0] } sql("SELECT client_id FROM client_tags WHERE tag_id = $t3id") ], [ @id{qw(M P)} ], 'M and P tagged');
    $r = $ana->post('/clientes/lote', [ q => $TAG, todos => 1, acao => 'desetiquetar', etiqueta_nome => $t3, csrf => $ana->{csrf} ]);
    location_is($r, '/clientes?feito=2', 'todos=1 desetiquetar: feito=2');
    is(sql_value("SELECT COUNT(*) FROM client_tags WHERE tag_id = $t3id"), 0, 'tag removed from all');

    # "todos" without checkboxes and with ids outside the search: only the search counts.
    $r = $ana->post('/clientes/lote', [ q => "joao $TAG", todos => 1, ids => $id{C}, acao => 'desativar', csrf => $ana->{csrf} ]);
    location_is($r, '/clientes?feito=1', 'todos=1 with q=joao: one');
    is(client_row($id{J})->{active}, 0, 'J deactivated');
    is(client_row($id{C})->{active}, 1, 'the checked id outside the search untouched');
    $ana->post('/clientes/lote', [ ids => $id{J}, acao => 'ativar', csrf => $ana->{csrf} ]);
};

done_testing;
