<div class="cabecalho-pagina">
  <div>
    <p class="migalha"><a href="/honorarios/recebimentos">Recebimentos</a> › <a href="/honorarios/gerar?selecao=<?cs var:Selection.id ?>">Gerar honorários</a> ›</p>
    <h1>Conferir antes de gerar</h1>
    <p class="subtitulo">Competências <?cs var:Run.first ?><?cs if:Run.months > 1 ?> a <?cs var:Run.last ?><?cs /if ?> (<?cs var:Run.months ?> <?cs if:Run.months == 1 ?>mês<?cs else ?>meses<?cs /if ?>)<?cs if:Run.amount ?>, valor informado <?cs var:Run.amount ?><?cs else ?>, valor de cada plano<?cs /if ?></p>
  </div>
</div>

<ul class="contagens">
  <li>Clientes<strong id="previa-clientes"><?cs var:Totals.clients ?></strong></li>
  <li>Honorários a gerar<strong id="previa-honorarios"><?cs var:Totals.fees ?></strong></li>
  <li>Total<strong id="previa-total"><?cs var:Totals.sum ?></strong></li>
  <li>Já existem (serão ignorados)<strong id="previa-existentes"><?cs var:Totals.existing ?></strong></li>
  <?cs if:Totals.without_plan != "0" ?><li>Clientes sem plano ativo<strong id="previa-sem-plano"><?cs var:Totals.without_plan ?></strong></li><?cs /if ?>
</ul>

<form class="cartao confirmar" method="post" action="/honorarios/gerar">
  <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
  <?cs each:v = Form.Values ?><input type="hidden" name="<?cs var:name(v) ?>" value="<?cs var:v ?>">
  <?cs /each ?>
  <?cs if:Totals.n == "0" ?>
  <p>Nada a gerar: <?cs if:Totals.existing != "0" ?>todos estes honorários já existem.<?cs else ?>nenhum dos clientes tem plano ativo nestes meses. Cadastre um plano ou informe um valor para esta geração.<?cs /if ?></p>
  <p><a class="botao" href="/honorarios/gerar?selecao=<?cs var:Selection.id ?>">Voltar</a></p>
  <?cs else ?>
  <p class="botoes"><button type="submit" class="botao botao-principal">Confirmar e gerar <?cs var:Totals.fees ?> <?cs if:Totals.n == "1" ?>honorário<?cs else ?>honorários<?cs /if ?></button>
     <a class="botao" href="/honorarios/gerar?selecao=<?cs var:Selection.id ?>">Voltar e mudar</a></p>
  <?cs /if ?>
</form>

<section class="cartao">
  <h2>Por cliente<?cs if:Selection.total > 50 ?> (os primeiros 50)<?cs /if ?></h2>
  <div class="rolavel">
  <table class="tabela">
    <thead><tr><th>Cliente</th><th class="num">A gerar</th><th class="num">Total</th><th class="num">Já existem</th><th>Último honorário</th></tr></thead>
    <tbody>
    <?cs each:c = Clients ?><tr><td><?cs var:c.name ?><?cs if:!c.plan && !Run.amount ?> <span class="selo-neutro">sem plano</span><?cs /if ?></td><td class="num"><?cs var:Preview[c.id].fees ?></td><td class="num"><?cs var:Preview[c.id].sum ?></td><td class="num"><?cs var:Preview[c.id].existing ?></td><td><?cs if:c.last_comp ?><?cs var:c.last_comp ?> · <?cs var:c.last_amount ?><?cs else ?><span class="discreto">nenhum</span><?cs /if ?></td></tr>
    <?cs /each ?>
    </tbody>
  </table>
  </div>
</section>
