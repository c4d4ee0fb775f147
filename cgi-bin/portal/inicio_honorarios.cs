<?cs # The fees' part of the start page (inicio.c: remembered per client, day and fee version). ?>
<section class="totais-cliente" aria-label="Resumo">
  <div class="total<?cs if:Totals.overdue_n > 0 ?> total-vencido<?cs /if ?>">
    <span class="total-rotulo">Vencido</span>
    <strong class="total-valor"><?cs var:Totals.overdue ?></strong>
    <span class="discreto"><?cs if:Totals.overdue_n == 1 ?>1 honorário<?cs else ?><?cs var:Totals.overdue_n ?> honorários<?cs /if ?></span>
  </div>
  <div class="total">
    <span class="total-rotulo">Em aberto (total a pagar)</span>
    <strong class="total-valor"><?cs var:Totals.open ?></strong>
    <span class="discreto"><?cs if:Totals.open_n == 1 ?>1 honorário<?cs else ?><?cs var:Totals.open_n ?> honorários<?cs /if ?></span>
  </div>
</section>

<h2>A pagar</h2>
<?cs if:subcount(Open) ?>
<ol class="honorarios-abertos">
<?cs each:f = Open ?>
  <li class="cartao honorario-aberto<?cs if:f.overdue ?> vencido<?cs /if ?>">
    <div class="honorario-cabeca">
      <div>
        <strong><?cs var:f.description ?></strong>
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
      <div class="pix-corpo">
        <img class="pix-qr" src="/portal/honorarios/<?cs var:f.id ?>/pix.png" alt="QR Code PIX de <?cs var:f.open ?>" width="200" height="200" loading="lazy">
        <div class="pix-copia">
          <label for="pix-<?cs var:f.id ?>">PIX copia e cola</label>
          <textarea id="pix-<?cs var:f.id ?>" class="pix-codigo" rows="4" readonly><?cs var:f.pix ?></textarea>
          <button type="button" class="botao botao-principal copiar" data-copiar="pix-<?cs var:f.id ?>" hidden>Copiar código PIX</button>
          <p class="discreto">No app do seu banco, escolha PIX › Copia e cola e cole o código, ou leia o QR Code.</p>
        </div>
      </div>
    </details>
    <?cs else ?>
    <p class="discreto">Para pagar, fale com o escritório.</p>
    <?cs /if ?>
  </li>
<?cs /each ?>
</ol>
<?cs else ?>
<p class="cartao vazio">Nenhum honorário a pagar. Tudo em dia!</p>
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
