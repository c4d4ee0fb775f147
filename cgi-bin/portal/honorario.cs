<?cs include:"pix.cs" ?>
<?cs with:f = Fee.0 ?>
<p class="nao-imprimir"><a href="/portal/honorarios">← Honorários</a></p>
<article class="cartao honorario-aberto<?cs if:f.overdue ?> vencido<?cs /if ?>">
  <div class="honorario-cabeca">
    <div>
      <h1><?cs var:f.description ?></h1>
      <span class="discreto">Competência <?cs var:f.competencia ?> · vencimento <?cs var:f.due ?></span>
    </div>
    <div class="honorario-valor">
      <strong><?cs if:f.unpaid ?><?cs var:f.open ?><?cs else ?><?cs var:f.amount ?><?cs /if ?></strong>
      <span class="etiqueta-situacao<?cs if:f.overdue ?> situacao-vencido<?cs /if ?>"><?cs var:f.status ?><?cs if:f.paid_on ?> em <?cs var:f.paid_on ?><?cs /if ?></span>
      <?cs if:f.unpaid && f.open != f.amount ?><span class="discreto">de <?cs var:f.amount ?> (parte já paga)</span><?cs /if ?>
    </div>
  </div>
  <?cs if:f.pix ?>
  <h2>Pagar com PIX</h2>
  <?cs call:pix_corpo(f) ?>
  <?cs elif:f.unpaid ?>
  <p class="discreto">Para pagar, fale com o escritório.</p>
  <?cs elif:f.paid_on && f.status == "Recebido" ?>
  <p><a class="botao" href="/portal/honorarios/<?cs var:f.id ?>/recibo">Ver o recibo</a></p>
  <?cs /if ?>
</article>
<?cs /with ?>
