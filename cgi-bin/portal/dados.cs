<h1>Meus dados</h1>
<p class="discreto">Estes são os dados que o escritório tem de você. Mantenha contatos e endereço em dia; para mudar nome ou documento, fale com o escritório.</p>
<section class="cartao">
  <h2>Cadastro</h2>
  <dl class="dados">
    <dt>Nome / razão social</dt><dd><?cs var:Client.nome ?></dd>
    <?cs if:Client.fantasia ?><dt>Nome fantasia</dt><dd><?cs var:Client.fantasia ?></dd><?cs /if ?>
    <dt>CPF / CNPJ</dt><dd><?cs var:Client.documento ?></dd>
    <dt>Tipo</dt><dd><?cs var:Client.tipo ?></dd>
    <?cs if:Client.inscricao_estadual ?><dt>Inscrição estadual</dt><dd><?cs var:Client.inscricao_estadual ?></dd><?cs /if ?>
    <?cs if:Client.inscricao_municipal ?><dt>Inscrição municipal</dt><dd><?cs var:Client.inscricao_municipal ?></dd><?cs /if ?>
  </dl>
</section>
<?cs include:"campo.cs" ?>
<form method="post" action="/portal/dados" class="cartao formulario formulario-dados" novalidate>
  <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
  <input type="hidden" name="versao" value="<?cs var:Form.Values.versao ?>">
  <h2>Contatos</h2>
  <div class="grade-campos">
    <?cs call:campo("email", "E-mail", "email", "email") ?>
    <?cs call:campo("celular", "Celular", "tel", "tel") ?>
    <?cs call:campo("fone_comercial", "Telefone comercial", "tel", "") ?>
    <?cs call:campo("fone_residencial", "Telefone residencial", "tel", "") ?>
    <?cs call:campo("contato", "Pessoa de contato", "text", "name") ?>
  </div>
  <div class="campo">
    <label for="outros_emails">Outros e-mails <span class="discreto">(um por linha)</span></label>
    <textarea id="outros_emails" name="outros_emails" rows="3"<?cs if:Form.Errors.outros_emails ?> aria-invalid="true" aria-describedby="outros_emails-erro"<?cs /if ?>><?cs var:Form.Values.outros_emails ?></textarea>
    <?cs if:Form.Errors.outros_emails ?><p class="campo-erro" id="outros_emails-erro"><?cs var:Form.Errors.outros_emails ?></p><?cs /if ?>
  </div>
  <h2>Endereço</h2>
  <div class="grade-campos">
    <?cs call:campo("cep", "CEP", "text", "postal-code") ?>
    <?cs call:campo("logradouro", "Logradouro", "text", "address-line1") ?>
    <?cs call:campo("numero", "Número", "text", "") ?>
    <?cs call:campo("complemento", "Complemento", "text", "address-line2") ?>
    <?cs call:campo("bairro", "Bairro", "text", "") ?>
    <?cs call:campo("cidade", "Cidade", "text", "address-level2") ?>
    <div class="campo">
      <label for="uf">UF</label>
      <select id="uf" name="uf"<?cs if:Form.Errors.uf ?> aria-invalid="true" aria-describedby="uf-erro"<?cs /if ?>>
        <option value="">—</option>
        <?cs each:u = Ufs ?><option value="<?cs var:u ?>"<?cs if:Form.Values.uf == u ?> selected<?cs /if ?>><?cs var:u ?></option><?cs /each ?>
      </select>
      <?cs if:Form.Errors.uf ?><p class="campo-erro" id="uf-erro"><?cs var:Form.Errors.uf ?></p><?cs /if ?>
    </div>
  </div>
  <button type="submit" class="botao botao-principal">Salvar meus dados</button>
</form>
