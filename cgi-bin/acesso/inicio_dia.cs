<?cs # The office's day on the start page (remembered as HTML: honorarios/summary.c). ?>
<ul class="contagens painel">
  <li><a href="/honorarios/recebimentos?situacao=a_receber">Total a receber<strong id="inicio-a-receber"><?cs var:Home.receivable ?></strong><span class="discreto"><?cs var:Home.unpaid_count ?> honorários</span></a></li>
  <li class="<?cs if:Home.overdue_count_n > 0 ?>alerta<?cs /if ?>"><a href="/honorarios/recebimentos?situacao=a_receber&amp;venc_ate=<?cs var:url_escape(Home.yesterday) ?>">Vencido<strong id="inicio-vencido"><?cs var:Home.overdue ?></strong><span class="discreto"><?cs var:Home.overdue_count ?> honorários</span></a></li>
  <li><a href="/honorarios/recebimentos?situacao=a_receber&amp;venc_de=<?cs var:url_escape(Home.today) ?>&amp;venc_ate=<?cs var:url_escape(Home.week_end) ?>">Vence nesta semana<strong><?cs var:Home.week_sum ?></strong><span class="discreto"><?cs var:Home.week_count ?> honorários</span></a></li>
  <li><a href="/honorarios/gerar">Clientes sem plano<strong id="inicio-sem-plano"><?cs var:Home.without_plan ?></strong><span class="discreto">ativos, sem plano de honorários</span></a></li>
</ul>

<div class="colunas-inicio">
  <section class="cartao">
    <h2>Vencem nesta semana</h2>
    <?cs if:subcount(Home.Week) == 0 ?><p class="discreto">Nenhum honorário em aberto vence nos próximos 7 dias.</p><?cs else ?>
    <table class="tabela-simples">
      <tbody><?cs each:f = Home.Week ?><tr><td class="nowrap"><a href="/honorarios/<?cs var:f.id ?>"><?cs var:f.due ?></a></td><td><a href="/honorarios/clientes/<?cs var:f.client_id ?>"><?cs var:f.client ?></a><?cs if:f.thirteenth ?> <span class="selo selo-13"><?cs var:f.thirteenth ?></span><?cs /if ?></td><td class="num"><?cs var:f.open ?></td></tr><?cs /each ?></tbody>
    </table>
    <?cs if:Home.week_count_n > subcount(Home.Week) ?><p><a href="/honorarios/recebimentos?situacao=a_receber&amp;venc_de=<?cs var:url_escape(Home.today) ?>&amp;venc_ate=<?cs var:url_escape(Home.week_end) ?>">Ver todos os <?cs var:Home.week_count ?></a></p><?cs /if ?>
    <?cs /if ?>
  </section>
  <section class="cartao">
    <h2>Últimos recebimentos</h2>
    <?cs if:subcount(Home.Payments) == 0 ?><p class="discreto">Nenhum pagamento registrado ainda.</p><?cs else ?>
    <table class="tabela-simples">
      <tbody><?cs each:p = Home.Payments ?><tr><td class="nowrap"><a href="/honorarios/<?cs var:p.fee ?>"><?cs var:p.date ?></a></td><td><a href="/honorarios/clientes/<?cs var:p.client_id ?>"><?cs var:p.client ?></a><?cs if:p.thirteenth ?> <span class="selo selo-13"><?cs var:p.thirteenth ?></span><?cs /if ?></td><td class="num"><?cs var:p.amount ?></td></tr><?cs /each ?></tbody>
    </table>
    <p><a href="/honorarios/recebimentos?situacao=recebido">Ver os recebidos</a></p>
    <?cs /if ?>
  </section>
  <section class="cartao">
    <h2>Importações e gerações recentes</h2>
    <?cs if:subcount(Home.Imports) == 0 && subcount(Home.Runs) == 0 ?><p class="discreto">Nada ainda.</p><?cs /if ?>
    <ul class="recentes">
      <?cs each:i = Home.Imports ?><li><a href="/importacao/<?cs var:i.id ?>">Importação de <?cs var:i.file ?></a> <span class="discreto"><?cs var:i.at ?> · <?cs var:i.status ?></span></li><?cs /each ?>
      <?cs each:g = Home.Runs ?><li><a href="/honorarios/geracoes/<?cs var:g.number ?>">Geração de honorários nº <?cs var:g.number ?></a> <span class="discreto"><?cs var:g.at ?> · <?cs var:g.created ?> gerados a partir de <?cs var:g.first ?> · <?cs var:g.status ?></span></li><?cs /each ?>
    </ul>
  </section>
</div>

