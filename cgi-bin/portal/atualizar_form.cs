<h1>Atualizar cadastro</h1>
<p class="discreto">Confira os dados que <?cs var:Office.Name ?> tem de você, corrija o que mudou e envie.<?cs if:Link.Approval ?> O escritório confere as alterações antes de aplicá-las.<?cs /if ?></p>
<?cs include:"campo.cs" ?>
<form method="post" action="/portal/atualizar/salvar" class="cartao formulario formulario-dados" novalidate>
  <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
  <input type="hidden" name="l" value="<?cs var:Link.Token ?>">
  <input type="hidden" name="versao" value="<?cs var:Form.Values.versao ?>">
  <h2>Identificação</h2>
  <dl class="dados">
    <dt>CPF / CNPJ</dt><dd><?cs var:Client.documento ?></dd>
  </dl>
  <div class="grade-campos">
    <?cs call:campo("nome", "Nome / razão social", "text", "name") ?>
  </div>
  <h2>Contatos</h2>
  <div class="grade-campos">
    <?cs call:campo("email", "E-mail", "email", "email") ?>
    <?cs call:campo("celular", "Celular", "tel", "tel") ?>
    <?cs call:campo("fone_comercial", "Telefone comercial", "tel", "") ?>
    <?cs call:campo("fone_residencial", "Telefone residencial", "tel", "") ?>
    <?cs call:campo("contato", "Pessoa de contato", "text", "") ?>
  </div>
  <h2>Endereço</h2>
  <div class="grade-campos">
    <?cs call:campo("cep", "CEP", "text", "postal-code") ?>
    <?cs call:campo("logradouro", "Logradouro", "text", "address-line1") ?>
    <?cs call:campo("numero", "Número", "text", "") ?>
    <?cs call:campo("complemento", "Complemento", "text", "address-line2") ?>
    <?cs call:campo("bairro", "Bairro", "text", "") ?>
    <?cs call:campo("cidade", "Cidade", "text", "address-level2") ?>
    <div class="campo<?cs if:Form.Errors.uf ?> com-erro<?cs /if ?>">
      <label for="uf">UF</label>
      <select id="uf" name="uf"<?cs if:Form.Errors.uf ?> aria-invalid="true" aria-describedby="uf-erro"<?cs /if ?>>
        <option value="">—</option>
        <?cs each:u = Ufs ?><option value="<?cs var:u ?>"<?cs if:Form.Values.uf == u ?> selected<?cs /if ?>><?cs var:u ?></option><?cs /each ?>
      </select>
      <?cs if:Form.Errors.uf ?><p class="campo-erro" id="uf-erro"><?cs var:Form.Errors.uf ?></p><?cs /if ?>
    </div>
  </div>
  <?cs if:subcount(CustomFields) ?>
  <h2>Outras informações</h2>
  <div class="grade-campos">
    <?cs each:f = CustomFields ?>
    <div class="campo<?cs if:f.error ?> com-erro<?cs /if ?>">
      <label for="extra_<?cs var:f.id ?>"><?cs var:f.name ?><?cs if:f.required == "1" ?> *<?cs /if ?></label>
      <?cs if:f.kind == "texto_longo" ?>
      <textarea id="extra_<?cs var:f.id ?>" name="extra_<?cs var:f.id ?>" rows="3"<?cs if:f.error ?> aria-invalid="true" aria-describedby="extra_<?cs var:f.id ?>-erro"<?cs /if ?>><?cs var:f.value ?></textarea>
      <?cs elif:f.kind == "sim_nao" || f.kind == "lista" ?>
      <select id="extra_<?cs var:f.id ?>" name="extra_<?cs var:f.id ?>"<?cs if:f.error ?> aria-invalid="true" aria-describedby="extra_<?cs var:f.id ?>-erro"<?cs /if ?>>
        <option value="">—</option>
        <?cs if:f.kind == "sim_nao" ?>
        <option value="1"<?cs if:f.stored == "1" ?> selected<?cs /if ?>>Sim</option>
        <option value="0"<?cs if:f.stored == "0" ?> selected<?cs /if ?>>Não</option>
        <?cs else ?>
        <?cs each:o = f.options ?><option value="<?cs var:o ?>"<?cs if:f.stored == o ?> selected<?cs /if ?>><?cs var:o ?></option><?cs /each ?>
        <?cs /if ?>
      </select>
      <?cs else ?>
      <input id="extra_<?cs var:f.id ?>" name="extra_<?cs var:f.id ?>" type="<?cs if:f.kind == "email" ?>email<?cs elif:f.kind == "telefone" ?>tel<?cs else ?>text<?cs /if ?>" value="<?cs var:f.value ?>"<?cs if:f.kind == "data" ?> placeholder="dd/mm/aaaa"<?cs elif:f.kind == "dinheiro" ?> placeholder="0,00" inputmode="decimal"<?cs elif:f.kind == "numero" ?> inputmode="decimal"<?cs /if ?><?cs if:f.error ?> aria-invalid="true" aria-describedby="extra_<?cs var:f.id ?>-erro"<?cs /if ?>>
      <?cs /if ?>
      <?cs if:f.help ?><p class="dica"><?cs var:f.help ?></p><?cs /if ?>
      <?cs if:f.error ?><p class="campo-erro" id="extra_<?cs var:f.id ?>-erro"><?cs var:f.error ?></p><?cs /if ?>
    </div>
    <?cs /each ?>
  </div>
  <?cs /if ?>
  <button type="submit" class="botao botao-principal">Enviar meus dados</button>
</form>
