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
  <button type="submit" class="botao botao-principal">Enviar meus dados</button>
</form>
