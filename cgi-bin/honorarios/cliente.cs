<div class="cabecalho-pagina">
  <div>
    <p class="migalha"><a href="/clientes">Clientes</a> › <a href="/clientes/<?cs var:Client.id ?>"><?cs var:Client.name ?></a> ›</p>
    <h1>Honorários de <?cs var:Client.name ?></h1>
  </div>
  <div class="acoes-pagina"><a class="botao" href="/honorarios/recebimentos?cliente=<?cs var:Client.id ?>&amp;situacao=todos">Ver em recebimentos</a></div>
</div>

<ul class="contagens">
  <li>Total a receber<strong><?cs var:Totals.receivable ?></strong></li>
  <li>Vencido<strong><?cs var:Totals.overdue ?></strong></li>
  <li>Recebido<strong><?cs var:Totals.received ?></strong></li>
</ul>

<section class="cartao">
  <h2>Honorários</h2>
  <nav class="visoes" aria-label="Situação">
    <a href="?situacao=a_receber"<?cs if:Filter.situacao == "a_receber" ?> aria-current="page"<?cs /if ?>>A receber</a>
    <a href="?situacao=recebido"<?cs if:Filter.situacao == "recebido" ?> aria-current="page"<?cs /if ?>>Recebidos</a>
    <a href="?situacao=cancelado"<?cs if:Filter.situacao == "cancelado" ?> aria-current="page"<?cs /if ?>>Cancelados</a>
    <a href="?situacao=todos"<?cs if:Filter.situacao == "todos" ?> aria-current="page"<?cs /if ?>>Todos</a>
  </nav>
  <?cs if:subcount(Fees) == 0 ?>
  <p class="discreto">Nenhum honorário nesta situação.</p>
  <?cs else ?>
  <div class="rolavel">
  <table class="tabela blocos tabela-honorarios-cliente">
    <thead><tr><th>Competência</th><th>Descrição</th><th>Vencimento</th><th class="num">Valor</th><th class="num">Pago</th><th>Situação</th></tr></thead>
    <tbody>
    <?cs each:f = Fees ?><tr><td class="c-comp"><a href="/honorarios/<?cs var:f.id ?>"><?cs var:f.competencia ?></a></td><td class="c-desc"><?cs var:f.description ?></td><td class="nowrap c-venc"><?cs var:f.due ?></td><td class="num c-valor"><?cs var:f.amount ?></td><td class="num c-pago"><?cs var:f.paid ?><?cs if:f.paid_on ?><br><span class="discreto"><?cs var:f.paid_on ?></span><?cs /if ?></td><td class="c-situacao"><span class="<?cs if:f.overdue == "1" ?>selo-aviso<?cs elif:f.status == "recebido" ?>selo-ok<?cs else ?>selo-neutro<?cs /if ?>"><?cs var:f.status_label ?></span><?cs if:f.partial == "1" ?> <span class="discreto">parcial</span><?cs /if ?></td></tr>
    <?cs /each ?>
    </tbody>
  </table>
  </div>
  <?cs /if ?>
</section>

<section class="cartao">
  <h2>Planos de honorários</h2>
  <?cs if:subcount(Plans) == 0 ?>
  <p class="discreto">Este cliente ainda não tem plano de honorários.</p>
  <?cs else ?>
  <div class="rolavel">
  <table class="tabela blocos tabela-planos">
    <thead><tr><th>Descrição</th><th class="num">Valor mensal</th><th>Vencimento</th><th>Vigência</th><th>13º</th><th></th></tr></thead>
    <tbody>
    <?cs each:p = Plans ?><tr<?cs if:p.ativo != "1" ?> class="inativo"<?cs /if ?>><td class="p-desc"><?cs var:p.descricao ?><?cs if:p.ativo != "1" ?> <span class="selo-neutro">inativo</span><?cs /if ?></td><td class="num p-valor"><?cs var:p.valor_rs ?></td><td class="p-venc">dia <?cs var:p.dia ?><?cs if:p.mes_seguinte == "1" ?> do mês seguinte<?cs /if ?></td><td class="p-vig"><?cs var:p.inicio ?><?cs if:p.fim ?> a <?cs var:p.fim ?><?cs else ?> em diante<?cs /if ?></td><td class="p-decimo"><?cs if:p.decimo == "integral" ?>integral<?cs elif:p.decimo == "proporcional" ?>proporcional<?cs else ?>—<?cs /if ?></td><td class="p-editar"><a href="/honorarios/planos/<?cs var:p.id ?>">Editar</a></td></tr>
    <?cs /each ?>
    </tbody>
  </table>
  </div>
  <?cs /if ?>
  <?cs if:Client.trashed != "1" ?>
  <details<?cs if:subcount(Form.Errors) > 0 || subcount(Plans) == 0 ?> open<?cs /if ?>>
    <summary>Novo plano</summary>
    <form class="ficha-form" method="post" action="/honorarios/clientes/<?cs var:Client.id ?>/planos">
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
      <?cs include:"plano_campos.cs" ?>
      <p><button type="submit" class="botao botao-principal">Salvar plano</button></p>
    </form>
  </details>
  <?cs /if ?>
</section>
