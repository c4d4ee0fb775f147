<?cs each:f = Fees ?>
<div class="cabecalho-pagina">
  <div>
    <p class="migalha"><a href="/honorarios/recebimentos">Recebimentos</a> › <a href="/honorarios/clientes/<?cs var:f.client_id ?>"><?cs var:f.client ?></a> ›</p>
    <h1>Honorário <?cs var:f.competencia ?><?cs if:Fee.kind == "13" ?> (13º)<?cs /if ?></h1>
  </div>
</div>

<section class="cartao">
  <dl class="dados">
    <dt>Cliente</dt><dd><a href="/clientes/<?cs var:f.client_id ?>"><?cs var:f.client ?></a></dd>
    <dt>Descrição</dt><dd><?cs var:f.description ?></dd>
    <dt>Competência</dt><dd><?cs var:f.competencia ?></dd>
    <dt>Vencimento</dt><dd><?cs var:f.due ?></dd>
    <dt>Valor</dt><dd><?cs var:f.amount ?></dd>
    <dt>Pago</dt><dd><?cs var:f.paid ?><?cs if:f.paid_on ?> em <?cs var:f.paid_on ?><?cs /if ?></dd>
    <dt>Em aberto</dt><dd id="em-aberto"><?cs var:f.open ?></dd>
    <dt>Situação</dt><dd><span id="situacao" class="<?cs if:f.overdue == "1" ?>selo-aviso<?cs elif:f.status == "recebido" ?>selo-ok<?cs else ?>selo-neutro<?cs /if ?>"><?cs var:f.status_label ?></span><?cs if:Fee.cancel_reason ?> — <?cs var:Fee.cancel_reason ?><?cs /if ?></dd>
    <?cs if:Fee.written_off ?><dt>Saldo abatido</dt><dd id="abatido"><?cs var:Fee.written_off ?> — <?cs var:Fee.writeoff_reason ?></dd><?cs /if ?>
    <?cs if:Fee.generation ?><dt>Geração</dt><dd><a href="/honorarios/geracoes/<?cs var:Fee.generation_number ?>">nº <?cs var:Fee.generation_number ?></a></dd><?cs /if ?>
  </dl>
  <?cs if:subcount(Payments) > 0 ?>
  <h2>Pagamentos</h2>
  <div class="rolavel">
  <table class="tabela">
    <thead><tr><th>Data</th><th class="num">Valor</th><th>Forma</th><th>Registrado por</th></tr></thead>
    <tbody><?cs each:p = Payments ?><tr><td><?cs var:p.date ?></td><td class="num"><?cs var:p.amount ?></td><td><?cs var:p.method ?></td><td><?cs var:p.actor ?></td></tr><?cs /each ?></tbody>
  </table>
  </div>
  <?cs /if ?>
  <?cs if:f.status == "recebido" ?><p><a class="botao" id="link-recibo" href="/honorarios/<?cs var:f.id ?>/recibo">Recibo para imprimir</a></p><?cs /if ?>
</section>

<?cs if:Fee.unpaid == "1" ?>
<section class="cartao pix">
  <h2>PIX</h2>
  <?cs if:Pix.code ?>
  <div class="pix-corpo">
    <img src="/honorarios/<?cs var:f.id ?>/pix.png" alt="QR code do PIX deste honorário" width="180" height="180">
    <div>
      <label for="pix-copia">PIX copia e cola (<?cs var:f.open ?>)</label>
      <textarea id="pix-copia" readonly rows="4"><?cs var:Pix.code ?></textarea>
      <p class="discreto">O mesmo código aparece para o cliente no portal.</p>
    </div>
  </div>
  <?cs else ?>
  <p class="discreto">O escritório ainda não cadastrou a chave PIX. <?cs if:User.Admin == "1" ?><a href="/escritorio#t-pix">Cadastrar a chave PIX</a><?cs else ?>Um administrador pode cadastrá-la na página do escritório.<?cs /if ?></p>
  <?cs /if ?>
</section>
<form class="cartao ficha-form" method="post" action="/honorarios/<?cs var:f.id ?>/pagamento">
  <input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><input type="hidden" name="versao" value="<?cs var:Fee.version ?>"><input type="hidden" name="chave" value="<?cs var:Fee.form_key ?>">
  <h2>Registrar pagamento</h2>
  <div class="grade">
    <div class="campo<?cs if:Form.Errors.data ?> com-erro<?cs /if ?>">
      <label for="data">Data do pagamento</label>
      <input id="data" name="data" type="text" maxlength="10" value="<?cs if:Form.Values.data ?><?cs var:Form.Values.data ?><?cs else ?><?cs var:Form.Default.data ?><?cs /if ?>"<?cs if:Form.Errors.data ?> aria-invalid="true"<?cs /if ?>>
      <?cs if:Form.Errors.data ?><p class="campo-erro"><?cs var:Form.Errors.data ?></p><?cs /if ?>
    </div>
    <div class="campo<?cs if:Form.Errors.valor ?> com-erro<?cs /if ?>">
      <label for="valor">Valor pago (R$)</label>
      <input id="valor" name="valor" type="text" maxlength="20" value="<?cs if:Form.Values.valor ?><?cs var:Form.Values.valor ?><?cs else ?><?cs var:string.slice(f.open, 3, string.length(f.open)) ?><?cs /if ?>"<?cs if:Form.Errors.valor ?> aria-invalid="true"<?cs /if ?>>
      <?cs if:Form.Errors.valor ?><p class="campo-erro" role="alert"><?cs var:Form.Errors.valor ?></p><?cs /if ?>
    </div>
    <div class="campo">
      <label for="forma">Forma</label>
      <select id="forma" name="forma">
        <option value="pix">PIX</option><option value="boleto">Boleto</option><option value="transferencia">Transferência</option><option value="dinheiro">Dinheiro</option><option value="cartao">Cartão</option>
      </select>
    </div>
  </div>
  <p class="discreto">Um valor menor que o saldo deixa o restante em aberto.</p>
  <p><button type="submit" class="botao botao-principal">Registrar pagamento</button></p>
</form>
<?cs /if ?>

<section class="cartao">
  <h2>Outras ações</h2>
  <div class="linha-acoes">
  <?cs if:Fee.unpaid == "1" ?>
    <?cs if:f.status != "negativado" ?><form method="post" action="/honorarios/<?cs var:f.id ?>/situacao"><input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><input type="hidden" name="versao" value="<?cs var:Fee.version ?>"><input type="hidden" name="situacao" value="negativado"><button type="submit" class="botao">Marcar como negativado</button></form><?cs /if ?>
    <?cs if:f.status != "cobranca" ?><form method="post" action="/honorarios/<?cs var:f.id ?>/situacao"><input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><input type="hidden" name="versao" value="<?cs var:Fee.version ?>"><input type="hidden" name="situacao" value="cobranca"><button type="submit" class="botao">Enviar para cobrança</button></form><?cs /if ?>
    <?cs if:f.status != "aberto" ?><form method="post" action="/honorarios/<?cs var:f.id ?>/situacao"><input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><input type="hidden" name="versao" value="<?cs var:Fee.version ?>"><input type="hidden" name="situacao" value="aberto"><button type="submit" class="botao">Voltar para em aberto</button></form><?cs /if ?>
  <?cs else ?>
    <?cs if:Fee.reopen_keeps == "1" ?>
    <form method="post" action="/honorarios/<?cs var:f.id ?>/reabrir"><input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><input type="hidden" name="versao" value="<?cs var:Fee.version ?>"><button type="submit" class="botao">Reabrir<?cs if:subcount(Payments) > 0 ?> (os pagamentos ficam)<?cs /if ?></button></form>
    <?cs elif:subcount(Payments) > 0 ?>
    <details class="desfazer">
      <summary class="botao">Reabrir…</summary>
      <p>Reabrir desfaz os <?cs var:subcount(Payments) ?> pagamentos registrados (eles ficam no histórico) e o honorário volta a ficar em aberto.</p>
      <form method="post" action="/honorarios/<?cs var:f.id ?>/reabrir"><input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><input type="hidden" name="versao" value="<?cs var:Fee.version ?>"><button type="submit" class="botao botao-perigo">Sim, reabrir e desfazer os pagamentos</button></form>
    </details>
    <?cs else ?>
    <form method="post" action="/honorarios/<?cs var:f.id ?>/reabrir"><input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><input type="hidden" name="versao" value="<?cs var:Fee.version ?>"><button type="submit" class="botao">Reabrir</button></form>
    <?cs /if ?>
  <?cs /if ?>
  </div>
  <?cs if:Fee.unpaid == "1" && f.partial == "1" ?>
  <form class="ficha-form" method="post" action="/honorarios/<?cs var:f.id ?>/abater" id="form-abater">
    <input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><input type="hidden" name="versao" value="<?cs var:Fee.version ?>">
    <h3>Abater o saldo</h3>
    <p class="discreto">Quita o honorário com o que já foi pago (<?cs var:f.paid ?>): o saldo de <?cs var:f.open ?> deixa de ser cobrado. Fica registrado com o motivo.</p>
    <div class="campo<?cs if:Form.Errors.motivo_abater ?> com-erro<?cs /if ?>">
      <label for="motivo_abater">Motivo do abatimento</label>
      <input id="motivo_abater" name="motivo_abater" type="text" maxlength="300" value="<?cs var:Form.Values.motivo_abater ?>"<?cs if:Form.Errors.motivo_abater ?> aria-invalid="true" aria-describedby="motivo_abater-erro"<?cs /if ?>>
      <?cs if:Form.Errors.motivo_abater ?><p class="campo-erro" id="motivo_abater-erro"><?cs var:Form.Errors.motivo_abater ?></p><?cs /if ?>
    </div>
    <p><button type="submit" class="botao">Abater o saldo de <?cs var:f.open ?></button></p>
  </form>
  <?cs /if ?>
  <?cs if:Fee.unpaid == "1" ?>
  <form class="ficha-form" method="post" action="/honorarios/<?cs var:f.id ?>/cancelar">
    <input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><input type="hidden" name="versao" value="<?cs var:Fee.version ?>">
    <div class="campo<?cs if:Form.Errors.motivo ?> com-erro<?cs /if ?>">
      <label for="motivo">Motivo do cancelamento</label>
      <input id="motivo" name="motivo" type="text" maxlength="300" value="<?cs var:Form.Values.motivo ?>"<?cs if:Form.Errors.motivo ?> aria-invalid="true"<?cs /if ?>>
      <?cs if:Form.Errors.motivo ?><p class="campo-erro"><?cs var:Form.Errors.motivo ?></p><?cs /if ?>
    </div>
    <?cs if:f.partial == "1" ?><p class="discreto">Os pagamentos já registrados (<?cs var:f.paid ?>) ficam; nada mais é cobrado.</p><?cs /if ?>
    <p><button type="submit" class="botao botao-perigo">Cancelar honorário</button></p>
  </form>
  <?cs /if ?>
  <form class="nota-form" method="post" action="/honorarios/<?cs var:f.id ?>/nota">
    <input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><input type="hidden" name="versao" value="<?cs var:Fee.version ?>">
    <label for="texto">Nota sobre este honorário</label>
    <textarea id="texto" name="texto" rows="2" maxlength="2000"><?cs var:Form.Values.texto ?></textarea>
    <?cs if:Form.Errors.texto ?><p class="campo-erro"><?cs var:Form.Errors.texto ?></p><?cs /if ?>
    <p><button type="submit" class="botao">Adicionar nota</button></p>
  </form>
</section>
<?cs /each ?>
