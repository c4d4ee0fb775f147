<div class="cabecalho-pagina">
  <div>
    <p class="migalha"><a href="/honorarios/recebimentos">Recebimentos</a> › <a href="/honorarios/reajuste?selecao=<?cs var:Selection.id ?>">Reajuste</a> ›</p>
    <h1>Conferir o reajuste de <?cs var:Form.Values.percentual ?>%</h1>
    <p class="subtitulo">A partir da competência <?cs var:Form.Values.a_partir ?></p>
  </div>
</div>
<ul class="contagens">
  <li>Planos<strong id="reajuste-planos"><?cs var:Totals.plans ?></strong></li>
  <li>Total mensal hoje<strong id="reajuste-antes"><?cs var:Totals.old ?></strong></li>
  <li>Total mensal reajustado<strong id="reajuste-depois"><?cs var:Totals.new ?></strong></li>
  <?cs if:Form.Values.honorarios_abertos == "1" ?><li>Honorários em aberto (13º incluído)<strong id="reajuste-honorarios"><?cs var:Totals.fees ?></strong><span class="discreto"><?cs var:Totals.fees_old ?> → <?cs var:Totals.fees_new ?></span></li><?cs /if ?>
</ul>
<form class="cartao" method="post" action="/honorarios/reajuste">
  <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
  <?cs each:v = Form.Values ?><input type="hidden" name="<?cs var:name(v) ?>" value="<?cs var:v ?>">
  <?cs /each ?>
  <?cs if:Totals.n == "0" ?>
  <p>Nenhum destes clientes tem plano ativo: não há o que reajustar.</p>
  <p><a class="botao" href="/honorarios/reajuste?selecao=<?cs var:Selection.id ?>">Voltar</a></p>
  <?cs else ?>
  <p><button type="submit" class="botao botao-principal">Aplicar o reajuste a <?cs var:Totals.plans ?> <?cs if:Totals.n == "1" ?>plano<?cs else ?>planos<?cs /if ?></button>
     <a class="botao" href="/honorarios/reajuste?selecao=<?cs var:Selection.id ?>">Voltar e mudar</a></p>
  <?cs /if ?>
</form>
<section class="cartao">
  <h2>Plano a plano</h2>
  <div class="rolavel">
  <table class="tabela">
    <thead><tr><th>Cliente</th><th>Plano</th><th class="num">Valor hoje</th><th class="num">Novo valor</th></tr></thead>
    <tbody><?cs each:p = Preview ?><tr><td><?cs var:p.client ?></td><td><?cs var:p.description ?></td><td class="num"><?cs var:p.old ?></td><td class="num"><?cs var:p.new ?></td></tr>
    <?cs /each ?></tbody>
  </table>
  </div>
  <?cs if:Totals.more > 0 ?><p class="discreto">E mais <?cs var:Totals.more ?> planos, somados nos totais acima.</p><?cs /if ?>
</section>
