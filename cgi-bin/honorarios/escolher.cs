<div class="cabecalho-pagina">
  <div>
    <p class="migalha"><a href="/honorarios/recebimentos">Recebimentos</a> ›</p>
    <h1>Gerar honorários</h1>
    <p class="subtitulo">Marque os clientes (as marcas ficam ao mudar de página), ou gere para todos os que têm plano ativo. Na lista de clientes também dá para usar todos de uma busca, em "Gerar honorários".</p>
  </div>
</div>
<?cs if:WithPlan.n > 0 ?>
<form class="cartao gerar-todos" method="post" action="/honorarios/gerar/selecao">
  <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
  <p><strong><?cs var:WithPlan.count ?> <?cs if:WithPlan.n == 1 ?>cliente ativo tem<?cs else ?>clientes ativos têm<?cs /if ?> plano de honorários ativo.</strong> Gere os honorários de todos de uma vez: o próximo passo pede as competências.</p>
  <p><button type="submit" name="ir" value="plano" class="botao botao-principal" id="gerar-todos-plano">Todos os clientes com plano ativo (<?cs var:WithPlan.count ?>)</button></p>
</form>
<?cs /if ?>
<?cs def:caixa_busca(nome) ?>
  <input type="search" name="<?cs var:nome ?>" value="<?cs var:Form.Values.q ?>" placeholder="Nome, fantasia ou CPF/CNPJ" aria-label="Cliente: nome, fantasia ou CPF/CNPJ">
<?cs /def ?>
<?cs if:subcount(Clients) > 0 || Draft.total > 0 ?>
<?cs # The search is a button of the ticks' form: a new search keeps this page's ticks. ?>
<form method="post" action="/honorarios/gerar/selecao" id="escolher">
  <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
  <input type="hidden" name="q" value="<?cs var:Form.Values.q ?>">
  <input type="hidden" name="pagina" value="<?cs var:List.page ?>">
  <?cs if:Draft.id ?><input type="hidden" name="marcados" value="<?cs var:Draft.id ?>"><?cs /if ?>
  <div class="busca"><?cs call:caixa_busca("busca") ?><button type="submit" name="ir" value="buscar" class="botao">Buscar</button></div>
  <?cs if:subcount(Clients) == 0 ?><p class="vazio">Nenhum cliente ativo encontrado por esta busca.</p><?cs /if ?>
  <div class="barra-lote barra-escolher">
    <button type="submit" name="ir" value="continuar" class="botao botao-principal">Continuar com os marcados</button>
    <span id="marcados-total"><?cs if:Draft.total > 0 ?><strong><?cs var:Draft.count ?></strong> <?cs if:Draft.total == 1 ?>marcado<?cs else ?>marcados<?cs /if ?> em todas as páginas<?cs /if ?></span>
    <?cs if:List.found_n > 0 ?><button type="submit" name="ir" value="todos" class="botao" id="marcar-todos">Marcar <?cs if:List.found_n == 1 ?>o cliente<?cs else ?>todos os <?cs var:List.found ?> clientes<?cs /if ?><?cs if:Form.Values.q ?> desta busca<?cs /if ?></button><?cs /if ?>
    <?cs if:Draft.total > 0 ?><button type="submit" name="ir" value="nenhum" class="botao" id="desmarcar-todos">Desmarcar todos</button><?cs /if ?>
  </div>
  <?cs if:subcount(Clients) > 0 ?>
  <div class="rolavel">
  <table class="tabela">
    <thead><tr><th><span class="oculto">Marcar</span></th><th>Cliente</th><th class="num">Plano (mensal)</th><th>Último honorário</th><th class="num">Valor</th><th>Vencimento</th></tr></thead>
    <tbody>
    <?cs each:c = Clients ?><tr><td><input type="hidden" name="pagina_ids" value="<?cs var:c.id ?>"><input type="checkbox" name="ids" value="<?cs var:c.id ?>"<?cs if:c.checked ?> checked<?cs /if ?> aria-label="Marcar <?cs var:c.name ?>"></td><td><?cs var:c.name ?></td><td class="num"><?cs if:c.plan ?><?cs var:c.plan ?><?cs else ?><span class="discreto">sem plano</span><?cs /if ?></td><td><?cs if:c.last_comp ?><?cs var:c.last_comp ?><?cs else ?><span class="discreto">nenhum</span><?cs /if ?></td><td class="num"><?cs var:c.last_amount ?></td><td><?cs var:c.last_due ?></td></tr>
    <?cs /each ?>
    </tbody>
  </table>
  </div>
  <?cs /if ?>
  <?cs if:List.prev || List.next ?>
  <nav class="paginas" aria-label="Páginas">
    <?cs if:List.prev ?><button type="submit" name="ir" value="<?cs var:List.prev ?>" class="botao">‹ Anterior</button><?cs /if ?>
    <?cs if:List.next ?><button type="submit" name="ir" value="<?cs var:List.next ?>" class="botao">Próxima ›</button><?cs /if ?>
  </nav>
  <?cs /if ?>
</form>
<?cs else ?>
<form class="busca" method="get" action="/honorarios/gerar">
  <?cs call:caixa_busca("q") ?>
  <button type="submit" class="botao">Buscar</button>
</form>
<p class="vazio">Nenhum cliente ativo<?cs if:Form.Values.q ?> encontrado por esta busca<?cs /if ?>.</p>
<?cs /if ?>
