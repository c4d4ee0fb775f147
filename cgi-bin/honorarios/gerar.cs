<div class="cabecalho-pagina">
  <div>
    <p class="migalha"><a href="/honorarios/recebimentos">Recebimentos</a> ›</p>
    <h1>Gerar honorários</h1>
    <p class="subtitulo"><?cs var:Selection.count ?> <?cs if:Selection.total == "1" ?>cliente selecionado<?cs else ?>clientes selecionados<?cs /if ?></p>
  </div>
</div>

<form class="cartao ficha-form gerar-form" method="post" action="/honorarios/gerar/previa">
  <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
  <input type="hidden" name="selecao" value="<?cs var:Selection.id ?>">
  <?cs def:erro(id) ?><?cs if:Form.Errors[id] ?><p class="campo-erro" id="<?cs var:id ?>-erro" role="alert"><?cs var:Form.Errors[id] ?></p><?cs /if ?><?cs /def ?>
  <div class="grade">
    <div class="campo">
      <label for="mes">Competência inicial</label>
      <span class="mes-ano-par"><select id="mes" name="mes" aria-label="Mês"><?cs loop:m = 1, 12, 1 ?><option value="<?cs var:m ?>"<?cs if:Form.Values.mes == m ?> selected<?cs /if ?>><?cs if:m < 10 ?>0<?cs /if ?><?cs var:m ?></option><?cs /loop ?></select>
      / <input id="ano" name="ano" type="text" size="5" maxlength="4" value="<?cs var:Form.Values.ano ?>" aria-label="Ano"<?cs if:Form.Errors.ano ?> aria-invalid="true"<?cs /if ?>></span>
      <?cs call:erro("ano") ?>
    </div>
    <fieldset class="campo">
      <legend class="rotulo">Repetir?</legend>
      <label class="caixa"><input type="radio" name="repetir" value="sim"<?cs if:Form.Values.repetir != "nao" ?> checked<?cs /if ?>> Sim, por
        <input class="curto" name="meses" type="text" size="3" maxlength="2" value="<?cs var:Form.Values.meses ?>" aria-label="Quantidade de meses"<?cs if:Form.Errors.meses ?> aria-invalid="true"<?cs /if ?>> meses</label>
      <label class="caixa"><input type="radio" name="repetir" value="nao"<?cs if:Form.Values.repetir == "nao" ?> checked<?cs /if ?>> Não, só este mês</label>
      <?cs call:erro("meses") ?>
    </fieldset>
    <fieldset class="campo">
      <legend class="rotulo">Valor</legend>
      <label class="caixa"><input type="radio" name="valor_modo" value="plano"<?cs if:Form.Values.valor_modo != "informado" ?> checked<?cs /if ?>> O de cada plano do cliente</label>
      <label class="caixa"><input type="radio" name="valor_modo" value="informado"<?cs if:Form.Values.valor_modo == "informado" ?> checked<?cs /if ?>> Informar um valor para esta geração</label>
      <div class="subcampos">
        <span class="linha"><span>R$ <input class="valor" name="valor" type="text" size="10" maxlength="20" value="<?cs var:Form.Values.valor ?>" aria-label="Valor informado"<?cs if:Form.Errors.valor ?> aria-invalid="true"<?cs /if ?>></span>
        <span>vencimento dia <input class="curto" name="dia" type="text" size="3" maxlength="2" value="<?cs var:Form.Values.dia ?>" aria-label="Dia de vencimento"<?cs if:Form.Errors.dia ?> aria-invalid="true"<?cs /if ?>></span></span>
        <input name="descricao" type="text" maxlength="120" value="<?cs var:Form.Values.descricao ?>" placeholder="Descrição (Honorários)" aria-label="Descrição">
        <?cs call:erro("valor") ?><?cs call:erro("dia") ?>
      </div>
    </fieldset>
  </div>
  <p class="discreto">Exemplo: competência 01/2026, repetir por 12 meses gera de janeiro a dezembro de 2026. Um honorário que já existe (mesmo plano, competência e tipo) nunca é gerado de novo.</p>
  <p><button type="submit" class="botao botao-principal">Conferir</button></p>
</form>

<section class="cartao">
  <h2>Clientes<?cs if:Selection.total > 50 ?> (os primeiros 50 de <?cs var:Selection.count ?>)<?cs /if ?></h2>
  <div class="rolavel">
  <table class="tabela">
    <thead><tr><th>Cliente</th><th class="num">Plano (mensal)</th><th>Último honorário</th><th class="num">Valor</th><th>Vencimento</th></tr></thead>
    <tbody>
    <?cs each:c = Clients ?><tr><td><a href="/honorarios/clientes/<?cs var:c.id ?>"><?cs var:c.name ?></a></td><td class="num"><?cs if:c.plan ?><?cs var:c.plan ?><?cs else ?><span class="discreto">sem plano</span><?cs /if ?></td><td><?cs if:c.last_comp ?><?cs var:c.last_comp ?><?cs else ?><span class="discreto">nenhum</span><?cs /if ?></td><td class="num"><?cs var:c.last_amount ?></td><td><?cs var:c.last_due ?></td></tr>
    <?cs /each ?>
    </tbody>
  </table>
  </div>
</section>
