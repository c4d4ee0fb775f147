<?cs # A paid fee's receipt (lib/honorarios/receipt.c): the portal's and the staff's, printable on A4. ?>
<article class="cartao recibo">
  <header class="recibo-cabeca">
    <div class="recibo-emitente">
      <strong class="recibo-escritorio"><?cs var:Office.Name ?></strong>
      <?cs if:Receipt.office_cnpj ?><span>CNPJ <?cs var:Receipt.office_cnpj ?></span><?cs /if ?>
      <?cs if:Receipt.office_address ?><span><?cs var:Receipt.office_address ?></span><?cs /if ?>
      <?cs if:Receipt.office_city || Receipt.office_cep ?><span><?cs var:Receipt.office_city ?><?cs if:Receipt.office_uf ?>/<?cs var:Receipt.office_uf ?><?cs /if ?><?cs if:Receipt.office_cep ?> · CEP <?cs var:Receipt.office_cep ?><?cs /if ?></span><?cs /if ?>
    </div>
    <div class="recibo-numero">
      <h1>Recibo</h1>
      <span>Nº <strong id="recibo-numero"><?cs var:Receipt.number ?></strong></span>
      <strong class="recibo-valor"><?cs var:Receipt.amount ?></strong>
    </div>
  </header>
  <p class="recibo-texto">Recebemos de <strong><?cs var:Receipt.client ?></strong><?cs if:Receipt.document ?> (<?cs var:Receipt.document ?>)<?cs /if ?> a importância de <strong><?cs var:Receipt.amount ?></strong> (<span id="recibo-extenso"><?cs var:Receipt.amount_words ?></span>), referente a <strong><?cs var:Receipt.description ?></strong>, competência <?cs var:Receipt.competencia ?>, com vencimento em <?cs var:Receipt.due ?>, quitado em <?cs var:Receipt.paid_on ?>.</p>
  <?cs if:subcount(Payments) ?>
  <table class="tabela recibo-pagamentos">
    <thead><tr><th>Data</th><th>Forma</th><th class="numero">Valor</th></tr></thead>
    <tbody>
    <?cs each:p = Payments ?><tr><td><?cs var:p.date ?></td><td><?cs var:p.method ?></td><td class="numero"><?cs var:p.amount ?></td></tr><?cs /each ?>
    </tbody>
  </table>
  <?cs /if ?>
  <p class="recibo-data" id="recibo-data"><?cs var:Receipt.place_date ?>.</p>
  <footer class="recibo-assinatura">
    <p><strong><?cs var:Office.Name ?></strong><?cs if:Receipt.office_cnpj ?><br>CNPJ <?cs var:Receipt.office_cnpj ?><?cs /if ?></p>
  </footer>
</article>
