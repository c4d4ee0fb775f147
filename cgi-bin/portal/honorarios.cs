<h1>Honorários</h1>
<form method="get" action="/portal/honorarios" class="filtro-situacao">
  <label for="situacao">Situação</label>
  <select id="situacao" name="situacao">
    <option value=""<?cs if:!Filter.situacao ?> selected<?cs /if ?>>Todos</option>
    <option value="aberto"<?cs if:Filter.situacao == "aberto" ?> selected<?cs /if ?>>Em aberto</option>
    <option value="vencido"<?cs if:Filter.situacao == "vencido" ?> selected<?cs /if ?>>Vencidos</option>
    <option value="recebido"<?cs if:Filter.situacao == "recebido" ?> selected<?cs /if ?>>Pagos</option>
    <option value="cancelado"<?cs if:Filter.situacao == "cancelado" ?> selected<?cs /if ?>>Cancelados</option>
  </select>
  <button type="submit" class="botao">Filtrar</button>
</form>
<?cs if:subcount(Fees) ?>
<ul class="honorarios-cliente">
<?cs each:f = Fees ?><?cs if:name(f) < 120 ?>
  <li class="cartao<?cs if:f.overdue ?> vencido<?cs /if ?>">
    <div>
      <strong><a href="/portal/honorarios/<?cs var:f.id ?>"><?cs var:f.description ?></a></strong>
      <span class="discreto">Competência <?cs var:f.competencia ?> · vencimento <?cs var:f.due ?></span>
    </div>
    <div class="honorario-valor">
      <strong><?cs var:f.amount ?></strong>
      <span class="etiqueta-situacao<?cs if:f.overdue ?> situacao-vencido<?cs /if ?>"><?cs var:f.status ?><?cs if:f.paid_on ?> em <?cs var:f.paid_on ?><?cs /if ?></span>
      <?cs if:f.paid_on && f.status == "Recebido" ?><a href="/portal/honorarios/<?cs var:f.id ?>/recibo">Recibo</a><?cs elif:f.unpaid ?><?cs if:f.open != f.amount ?><span class="discreto">Falta <?cs var:f.open ?></span><?cs /if ?><?cs if:HasPix ?><a class="pagar-pix" href="/portal/honorarios/<?cs var:f.id ?>">Pagar com PIX</a><?cs /if ?><?cs /if ?>
    </div>
  </li>
<?cs /if ?><?cs /each ?>
</ul>
<?cs if:More ?><p class="discreto">Mostrando os <?cs var:More ?> mais recentes.</p><?cs /if ?>
<?cs else ?>
<p class="cartao vazio">Nenhum honorário<?cs if:Filter.situacao ?> nesta situação<?cs /if ?>.</p>
<?cs /if ?>
<p class="discreto">Cada honorário em aberto tem o seu PIX: toque em “Pagar com PIX” ao lado dele.</p>
