<article class="cartao recibo">
  <header class="recibo-cabeca">
    <div>
      <p class="discreto">Recibo nº HON<?cs var:Receipt.id ?></p>
      <h1>Recibo de honorários</h1>
    </div>
    <strong class="recibo-valor"><?cs var:Receipt.amount ?></strong>
  </header>
  <p>Recebemos de <strong><?cs var:Receipt.client ?></strong><?cs if:Receipt.document ?> (<?cs var:Receipt.document ?>)<?cs /if ?> a importância de <strong><?cs var:Receipt.amount ?></strong>, referente a <?cs var:Receipt.description ?>, competência <?cs var:Receipt.competencia ?>.</p>
  <table class="tabela recibo-pagamentos">
    <thead><tr><th>Data</th><th>Forma</th><th class="numero">Valor</th></tr></thead>
    <tbody>
    <?cs each:p = Payments ?><tr><td><?cs var:p.date ?></td><td><?cs var:p.method ?></td><td class="numero"><?cs var:p.amount ?></td></tr><?cs /each ?>
    </tbody>
  </table>
  <p>Vencimento: <?cs var:Receipt.due ?> · Quitado em <?cs var:Receipt.paid_on ?></p>
  <footer class="recibo-assinatura">
    <p><strong><?cs var:Office.Name ?></strong><?cs if:Receipt.office_cnpj ?><br>CNPJ <?cs var:Receipt.office_cnpj ?><?cs /if ?><?cs if:Receipt.office_address ?><br><?cs var:Receipt.office_address ?><?cs /if ?><?cs if:Receipt.office_city ?><br><?cs var:Receipt.office_city ?><?cs if:Receipt.office_uf ?>/<?cs var:Receipt.office_uf ?><?cs /if ?><?cs /if ?></p>
  </footer>
</article>
<p class="nao-imprimir"><button type="button" class="botao botao-principal imprimir" hidden>Imprimir</button> <a href="/portal/honorarios">Voltar aos honorários</a></p>
