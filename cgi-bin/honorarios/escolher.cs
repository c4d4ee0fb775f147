<div class="cabecalho-pagina">
  <div>
    <p class="migalha"><a href="/honorarios/recebimentos">Recebimentos</a> ›</p>
    <h1>Gerar honorários</h1>
    <p class="subtitulo">Marque os clientes. Na lista de clientes também dá para marcar ou usar todos de uma busca, em "Gerar honorários".</p>
  </div>
</div>
<form class="busca" method="get" action="/honorarios/gerar">
  <input type="search" name="q" value="<?cs var:Form.Values.q ?>" placeholder="Nome, fantasia ou CPF/CNPJ" aria-label="Cliente: nome, fantasia ou CPF/CNPJ">
  <button type="submit" class="botao">Buscar</button>
</form>
<?cs if:subcount(Clients) == 0 ?>
<p class="vazio">Nenhum cliente ativo<?cs if:Form.Values.q ?> encontrado por esta busca<?cs /if ?>.</p>
<?cs else ?>
<form method="post" action="/honorarios/gerar/selecao">
  <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
  <div class="barra-lote"><label>Marque os clientes e continue.</label><button type="submit" class="botao botao-principal">Continuar com os marcados</button></div>
  <div class="rolavel">
  <table class="tabela">
    <thead><tr><th><span class="oculto">Marcar</span></th><th>Cliente</th><th class="num">Plano (mensal)</th><th>Último honorário</th><th class="num">Valor</th><th>Vencimento</th></tr></thead>
    <tbody>
    <?cs each:c = Clients ?><tr><td><input type="checkbox" name="ids" value="<?cs var:c.id ?>" aria-label="Marcar <?cs var:c.name ?>"></td><td><?cs var:c.name ?></td><td class="num"><?cs if:c.plan ?><?cs var:c.plan ?><?cs else ?><span class="discreto">sem plano</span><?cs /if ?></td><td><?cs if:c.last_comp ?><?cs var:c.last_comp ?><?cs else ?><span class="discreto">nenhum</span><?cs /if ?></td><td class="num"><?cs var:c.last_amount ?></td><td><?cs var:c.last_due ?></td></tr>
    <?cs /each ?>
    </tbody>
  </table>
  </div>
</form>
<nav class="paginas" aria-label="Páginas">
  <?cs if:List.prev ?><a href="/honorarios/gerar?q=<?cs var:url_escape(Form.Values.q) ?>&amp;pagina=<?cs var:List.prev ?>">‹ Anterior</a><?cs /if ?>
  <?cs if:List.next ?><a href="/honorarios/gerar?q=<?cs var:url_escape(Form.Values.q) ?>&amp;pagina=<?cs var:List.next ?>">Próxima ›</a><?cs /if ?>
</nav>
<?cs /if ?>
