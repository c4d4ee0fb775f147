<div class="cabecalho-pagina">
  <div>
    <h1>Recebimentos</h1>
    <?cs if:Filter.client ?><p class="subtitulo">de <?cs var:Filter.client ?></p><?cs /if ?>
  </div>
  <div class="acoes-pagina"><a class="botao" href="/honorarios/reajuste">Reajuste</a> <a class="botao botao-principal" href="/honorarios/gerar">Gerar honorários</a></div>
</div>

<form class="busca filtros" method="get" action="/honorarios/recebimentos">
  <?cs if:Form.Values.cliente ?><input type="hidden" name="cliente" value="<?cs var:Form.Values.cliente ?>"><?cs /if ?>
  <?cs if:Filter.generation ?><input type="hidden" name="geracao" value="<?cs var:Form.Values.geracao ?>"><?cs /if ?>
  <div class="filtro">
    <span class="filtro-rotulo" aria-hidden="true">Situação</span>
    <select name="situacao" aria-label="Situação">
      <option value="a_receber"<?cs if:Form.Values.situacao == "a_receber" ?> selected<?cs /if ?>>A receber (abertos e vencidos)</option>
      <option value="aberto"<?cs if:Form.Values.situacao == "aberto" ?> selected<?cs /if ?>>Em aberto, a vencer</option>
      <option value="vencido"<?cs if:Form.Values.situacao == "vencido" ?> selected<?cs /if ?>>Vencidos</option>
      <option value="recebido"<?cs if:Form.Values.situacao == "recebido" ?> selected<?cs /if ?>>Recebidos</option>
      <option value="negativado"<?cs if:Form.Values.situacao == "negativado" ?> selected<?cs /if ?>>Negativados</option>
      <option value="cobranca"<?cs if:Form.Values.situacao == "cobranca" ?> selected<?cs /if ?>>Em cobrança</option>
      <option value="cancelado"<?cs if:Form.Values.situacao == "cancelado" ?> selected<?cs /if ?>>Cancelados</option>
      <option value="todos"<?cs if:Form.Values.situacao == "todos" ?> selected<?cs /if ?>>Todos</option>
    </select>
  </div>
  <div class="filtro filtro-cliente">
    <span class="filtro-rotulo" aria-hidden="true">Cliente</span>
    <input type="search" name="q" value="<?cs var:Form.Values.q ?>" placeholder="Nome, fantasia ou CPF/CNPJ" aria-label="Cliente: nome, fantasia ou CPF/CNPJ"<?cs if:Form.Errors.q ?> aria-invalid="true"<?cs /if ?>>
  </div>
  <div class="filtro" role="group" aria-label="Competência">
    <span class="filtro-rotulo" aria-hidden="true">Competência</span>
    <span class="filtro-par"><input class="mes-ano" type="text" name="comp_de" value="<?cs var:Form.Values.comp_de ?>" placeholder="mm/aaaa" aria-label="Competência de" maxlength="7"<?cs if:Form.Errors.comp_de ?> aria-invalid="true"<?cs /if ?>>
    a <input class="mes-ano" type="text" name="comp_ate" value="<?cs var:Form.Values.comp_ate ?>" placeholder="mm/aaaa" aria-label="Competência até" maxlength="7"<?cs if:Form.Errors.comp_ate ?> aria-invalid="true"<?cs /if ?>></span>
  </div>
  <div class="filtro" role="group" aria-label="Vencimento">
    <span class="filtro-rotulo" aria-hidden="true">Vencimento</span>
    <span class="filtro-par"><input class="data" type="text" name="venc_de" value="<?cs var:Form.Values.venc_de ?>" placeholder="dd/mm/aaaa" aria-label="Vencimento de" maxlength="10"<?cs if:Form.Errors.venc_de ?> aria-invalid="true"<?cs /if ?>>
    a <input class="data" type="text" name="venc_ate" value="<?cs var:Form.Values.venc_ate ?>" placeholder="dd/mm/aaaa" aria-label="Vencimento até" maxlength="10"<?cs if:Form.Errors.venc_ate ?> aria-invalid="true"<?cs /if ?>></span>
  </div>
  <button type="submit" class="botao">Filtrar</button>
</form>
<?cs if:Filter.generation ?><p class="filtro-ativo">Só os honorários da <a href="/honorarios/geracoes/<?cs var:Form.Values.geracao ?>">geração nº <?cs var:Filter.generation ?></a>. <a href="/honorarios/recebimentos<?cs if:Form.Values.cliente ?>?cliente=<?cs var:url_escape(Form.Values.cliente) ?><?cs /if ?>">Ver todos os honorários</a></p><?cs /if ?>
<?cs each:e = Form.Errors ?><p class="campo-erro"><?cs var:e ?></p><?cs /each ?>

<?cs if:Totals.count ?>
<ul class="contagens">
  <li>Total a receber<strong id="total-a-receber"><?cs var:Totals.receivable ?></strong></li>
  <li>Vencido<strong id="total-vencido"><?cs var:Totals.overdue ?></strong></li>
  <li>Recebido<strong id="total-recebido"><?cs var:Totals.received ?></strong></li>
  <li>Honorários<strong><?cs var:Totals.count ?></strong></li>
</ul>
<?cs /if ?>

<?cs def:filtro() ?>situacao=<?cs var:url_escape(Form.Values.situacao) ?>&amp;cliente=<?cs var:url_escape(Form.Values.cliente) ?>&amp;q=<?cs var:url_escape(Form.Values.q) ?>&amp;comp_de=<?cs var:url_escape(Form.Values.comp_de) ?>&amp;comp_ate=<?cs var:url_escape(Form.Values.comp_ate) ?>&amp;venc_de=<?cs var:url_escape(Form.Values.venc_de) ?>&amp;venc_ate=<?cs var:url_escape(Form.Values.venc_ate) ?>&amp;geracao=<?cs var:url_escape(Form.Values.geracao) ?><?cs /def ?>
<?cs if:List.rows > 0 ?>
<p class="exportar-lista">Exportar esta lista: <a href="/honorarios/recebimentos/exportar?formato=csv&amp;<?cs call:filtro() ?>">CSV</a> · <a href="/honorarios/recebimentos/exportar?formato=xlsx&amp;<?cs call:filtro() ?>">Excel (XLSX)</a></p>
<?cs /if ?>
<?cs if:!List.rows ?>
<p class="vazio">Nenhum honorário com este filtro.</p>
<?cs else ?>
<form method="post" action="/honorarios/recebimentos/lote" class="lote">
<input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
<input type="hidden" name="voltar" value="/honorarios/recebimentos?<?cs call:filtro() ?>">
<div class="barra-lote">
  <label for="acao-lote">Com os marcados:</label>
  <select id="acao-lote" name="acao">
    <option value="receber">Receber o saldo</option>
    <option value="cobranca">Enviar para cobrança</option>
    <option value="negativado">Marcar como negativado</option>
    <option value="aberto">Voltar para em aberto</option>
    <option value="reabrir">Reabrir (os sem pagamento)</option>
    <option value="cancelar">Cancelar</option>
    <option value="nota">Adicionar nota</option>
  </select>
  <input class="data" name="data" type="text" maxlength="10" placeholder="pago em dd/mm/aaaa" aria-label="Data do pagamento" value="<?cs var:Today.br ?>">
  <select name="forma" aria-label="Forma de pagamento"><option value="pix">PIX</option><option value="boleto">Boleto</option><option value="transferencia">Transferência</option><option value="dinheiro">Dinheiro</option><option value="cartao">Cartão</option></select>
  <input name="motivo" type="text" maxlength="300" placeholder="motivo (para cancelar)" aria-label="Motivo do cancelamento">
  <input name="texto" type="text" maxlength="2000" placeholder="nota" aria-label="Nota">
  <button type="submit" class="botao">Aplicar</button>
</div>
<div class="rolavel">
<table class="tabela blocos tabela-recebimentos">
  <thead><tr><th class="sel"><span class="oculto">Marcar</span></th><th>Vencimento</th><th>Cliente</th><th>Competência</th><th>Descrição</th><th class="num">Valor</th><th class="num">Em aberto</th><th>Situação</th></tr></thead>
  <tbody>
  <?cs var:Part.rows ?>
  </tbody>
</table>
</div>
</form>
<?cs def:pagina(n) ?>/honorarios/recebimentos?situacao=<?cs var:url_escape(Form.Values.situacao) ?>&amp;cliente=<?cs var:url_escape(Form.Values.cliente) ?>&amp;q=<?cs var:url_escape(Form.Values.q) ?>&amp;comp_de=<?cs var:url_escape(Form.Values.comp_de) ?>&amp;comp_ate=<?cs var:url_escape(Form.Values.comp_ate) ?>&amp;venc_de=<?cs var:url_escape(Form.Values.venc_de) ?>&amp;venc_ate=<?cs var:url_escape(Form.Values.venc_ate) ?>&amp;geracao=<?cs var:url_escape(Form.Values.geracao) ?>&amp;pagina=<?cs var:n ?><?cs /def ?>
<nav class="paginas" aria-label="Páginas">
  <?cs if:List.prev ?><a href="<?cs call:pagina(List.prev) ?>">‹ Anterior</a><?cs /if ?>
  <?cs if:List.next ?><a href="<?cs call:pagina(List.next) ?>">Próxima ›</a><?cs /if ?>
</nav>
<?cs /if ?>
