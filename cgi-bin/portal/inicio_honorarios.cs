<?cs # The fees' part of the start page (inicio.c: remembered per client, day and fee version). "A pagar": overdue or due within 30 days, the first PixCards with their PIX; "a vencer": later, a list. ?>
<?cs include:"pix.cs" ?>
<section class="totais-cliente" aria-label="Resumo">
  <div class="total<?cs if:Totals.overdue_n > 0 ?> total-vencido<?cs /if ?>">
    <span class="total-rotulo">Vencido</span>
    <strong class="total-valor" id="total-vencido"><?cs var:Totals.overdue ?></strong>
    <span class="discreto"><?cs if:Totals.overdue_n == 1 ?>1 honorário<?cs else ?><?cs var:Totals.overdue_n ?> honorários<?cs /if ?></span>
  </div>
  <div class="total">
    <span class="total-rotulo">A pagar até <?cs var:Totals.soon_until ?></span>
    <strong class="total-valor" id="total-a-pagar"><?cs var:Totals.soon ?></strong>
    <span class="discreto"><?cs if:Totals.soon_n == 1 ?>1 honorário<?cs else ?><?cs var:Totals.soon_n ?> honorários<?cs /if ?>, vencidos incluídos</span>
  </div>
  <?cs if:Totals.later_n > 0 ?>
  <div class="total total-depois">
    <span class="total-rotulo">A vencer depois</span>
    <strong class="total-valor" id="total-a-vencer"><?cs var:Totals.later ?></strong>
    <span class="discreto"><?cs if:Totals.later_n == 1 ?>1 honorário<?cs else ?><?cs var:Totals.later_n ?> honorários<?cs /if ?>, nos próximos meses</span>
  </div>
  <?cs /if ?>
</section>

<h2 id="a-pagar">A pagar</h2>
<?cs if:Totals.soon_n > 0 ?>
<ol class="honorarios-abertos">
<?cs each:f = Open ?><?cs if:f.soon && name(f) < PixCards ?>
  <li class="cartao honorario-aberto<?cs if:f.overdue ?> vencido<?cs /if ?>">
    <div class="honorario-cabeca">
      <div>
        <strong><a href="/portal/honorarios/<?cs var:f.id ?>"><?cs var:f.description ?></a></strong>
        <span class="discreto">Competência <?cs var:f.competencia ?></span>
      </div>
      <div class="honorario-valor">
        <strong><?cs var:f.open ?></strong>
        <span class="etiqueta-situacao<?cs if:f.overdue ?> situacao-vencido<?cs /if ?>"><?cs if:f.overdue ?>Venceu em <?cs var:f.due ?><?cs else ?>Vence em <?cs var:f.due ?><?cs /if ?></span>
      </div>
    </div>
    <?cs if:f.pix ?>
    <details class="pix"<?cs if:name(f) == 0 ?> open<?cs /if ?>>
      <summary>Pagar com PIX</summary>
      <?cs call:pix_corpo(f) ?>
    </details>
    <?cs else ?>
    <p class="discreto">Para pagar, fale com o escritório.</p>
    <?cs /if ?>
  </li>
<?cs /if ?><?cs /each ?>
</ol>
<?cs if:Totals.soon_n > PixCards ?>
<ul class="honorarios-lista" aria-label="Outros honorários a pagar">
<?cs each:f = Open ?><?cs if:f.soon && name(f) >= PixCards ?>
  <li<?cs if:f.overdue ?> class="vencido"<?cs /if ?>><a href="/portal/honorarios/<?cs var:f.id ?>"><span class="lista-desc"><?cs var:f.description ?> · <?cs var:f.competencia ?></span><span class="lista-venc"><?cs if:f.overdue ?>venceu<?cs else ?>vence<?cs /if ?> <?cs var:f.due ?></span><strong class="lista-valor"><?cs var:f.open ?></strong></a></li>
<?cs /if ?><?cs /each ?>
</ul>
<?cs /if ?>
<?cs else ?>
<p class="cartao vazio">Nada a pagar nos próximos 30 dias. Tudo em dia!</p>
<?cs /if ?>

<?cs if:Totals.later_n > 0 ?>
<h2 id="a-vencer">A vencer depois de <?cs var:Totals.soon_until ?></h2>
<p class="discreto">Já lançados pelo escritório; cada um tem o seu PIX na própria página.</p>
<ul class="honorarios-lista">
<?cs each:f = Open ?><?cs if:!f.soon ?>
  <li><a href="/portal/honorarios/<?cs var:f.id ?>"><span class="lista-desc"><?cs var:f.description ?> · <?cs var:f.competencia ?></span><span class="lista-venc">vence <?cs var:f.due ?></span><strong class="lista-valor"><?cs var:f.open ?></strong></a></li>
<?cs /if ?><?cs /each ?>
</ul>
<?cs if:subcount(Open) < #Totals.soon_n + #Totals.later_n ?><p><a href="/portal/honorarios?situacao=aberto">Ver todos os honorários em aberto</a></p><?cs /if ?>
<?cs /if ?>

<?cs if:subcount(Paid) ?>
<h2>Pagos recentemente</h2>
<ul class="lista-simples">
<?cs each:f = Paid ?>
  <li><span><?cs var:f.description ?> · <?cs var:f.competencia ?></span> <span><?cs var:f.amount ?>, pago em <?cs var:f.paid_on ?> · <a href="/portal/honorarios/<?cs var:f.id ?>/recibo">Recibo</a></span></li>
<?cs /each ?>
</ul>
<?cs /if ?>
<p><a href="/portal/honorarios">Ver todos os honorários</a></p>
