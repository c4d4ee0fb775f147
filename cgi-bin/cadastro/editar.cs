<?cs def:texto(campo, rotulo, valor, max, dica) ?>
  <div class="campo<?cs if:Form.Errors[campo] ?> com-erro<?cs /if ?>">
    <label for="<?cs var:campo ?>"><?cs var:rotulo ?></label>
    <input id="<?cs var:campo ?>" name="<?cs var:campo ?>" type="text" value="<?cs var:valor ?>" maxlength="<?cs var:max ?>"<?cs if:dica ?> placeholder="<?cs var:dica ?>"<?cs /if ?><?cs if:Form.Errors[campo] ?> aria-invalid="true" aria-describedby="<?cs var:campo ?>-erro"<?cs /if ?>>
    <?cs if:Form.Errors[campo] ?><p class="campo-erro" id="<?cs var:campo ?>-erro"><?cs var:Form.Errors[campo] ?></p><?cs /if ?>
  </div>
<?cs /def ?>
<?cs def:marca(campo, rotulo) ?>
  <label class="marca-opcao"><input type="checkbox" name="<?cs var:campo ?>" value="1"<?cs if:Client[campo] == "1" ?> checked<?cs /if ?>> <?cs var:rotulo ?></label>
<?cs /def ?>

<div class="cabecalho-pagina">
  <h1><?cs if:Edit.New == 1 ?>Novo cliente<?cs else ?>Editar <?cs var:Client.nome ?><?cs /if ?></h1>
  <div class="acoes-pagina"><a class="botao" href="<?cs if:Edit.New == 1 ?>/clientes<?cs else ?>/clientes/<?cs var:Client.id ?><?cs /if ?>">Cancelar</a></div>
</div>

<form method="post" action="<?cs if:Edit.New == 1 ?>/clientes/novo<?cs else ?>/clientes/<?cs var:Client.id ?>/editar<?cs /if ?>" class="ficha-form" novalidate>
  <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
  <?cs if:Edit.New != 1 ?><input type="hidden" name="versao" value="<?cs var:Client.version ?>"><?cs /if ?>

  <?cs if:Duplicates.Count ?>
  <section class="aviso aviso-aviso duplicados" role="alert">
    <h2>Já existe cadastro com este <?cs if:Client.tipo == "PF" ?>CPF<?cs else ?>CNPJ<?cs /if ?> (<?cs var:Client.documento_fmt ?>)</h2>
    <ul>
    <?cs each:d = Duplicates ?><?cs if:d.id ?>
      <li><a href="/clientes/<?cs var:d.id ?>" target="_blank" rel="noopener"><?cs var:d.name ?></a> — <?cs var:d.status ?></li>
    <?cs /if ?><?cs /each ?>
    </ul>
    <p>Nada foi salvo. Confira os cadastros acima ou salve mesmo assim.</p>
    <button type="submit" name="confirmar_duplicado" value="1" class="botao botao-principal">Continuar mesmo assim</button>
  </section>
  <?cs /if ?>

  <fieldset>
    <legend>Identificação</legend>
    <div class="campo<?cs if:Form.Errors.tipo ?> com-erro<?cs /if ?>">
      <span class="rotulo">Tipo</span>
      <div class="opcoes">
        <label class="marca-opcao"><input type="radio" name="tipo" value="PJ"<?cs if:Client.tipo == "PJ" ?> checked<?cs /if ?>> Pessoa jurídica</label>
        <label class="marca-opcao"><input type="radio" name="tipo" value="PF"<?cs if:Client.tipo == "PF" ?> checked<?cs /if ?>> Pessoa física</label>
        <label class="marca-opcao"><input type="radio" name="tipo" value="EX"<?cs if:Client.tipo == "EX" ?> checked<?cs /if ?>> Estrangeiro</label>
      </div>
      <?cs if:Form.Errors.tipo ?><p class="campo-erro"><?cs var:Form.Errors.tipo ?></p><?cs /if ?>
    </div>
    <div class="grade">
      <?cs call:texto("nome", "Nome / razão social *", Client.nome, 200, "") ?>
      <?cs call:texto("fantasia", "Nome fantasia", Client.fantasia, 200, "") ?>
      <?cs call:texto("documento", "CPF / CNPJ (ou documento estrangeiro)", Client.documento_fmt, 40, "12.ABC.345/01DE-35") ?>
      <?cs call:texto("nascimento", "Nascimento / abertura", Client.nascimento_fmt, 10, "dd/mm/aaaa") ?>
      <?cs call:texto("inscricao_estadual", "Inscrição estadual", Client.inscricao_estadual, 30, "") ?>
      <?cs call:texto("inscricao_municipal", "Inscrição municipal", Client.inscricao_municipal, 30, "") ?>
      <div class="campo<?cs if:Form.Errors.regime ?> com-erro<?cs /if ?>">
        <label for="regime">Regime tributário</label>
        <select id="regime" name="regime">
          <option value="">—</option>
          <option value="mei"<?cs if:Client.regime == "mei" ?> selected<?cs /if ?>>MEI</option>
          <option value="simples"<?cs if:Client.regime == "simples" ?> selected<?cs /if ?>>Simples Nacional</option>
          <option value="presumido"<?cs if:Client.regime == "presumido" ?> selected<?cs /if ?>>Lucro Presumido</option>
          <option value="real"<?cs if:Client.regime == "real" ?> selected<?cs /if ?>>Lucro Real</option>
          <option value="imune"<?cs if:Client.regime == "imune" ?> selected<?cs /if ?>>Imune / Isento</option>
          <option value="na"<?cs if:Client.regime == "na" ?> selected<?cs /if ?>>Não se aplica</option>
        </select>
        <?cs if:Form.Errors.regime ?><p class="campo-erro"><?cs var:Form.Errors.regime ?></p><?cs /if ?>
      </div>
      <?cs call:texto("pais", "País (estrangeiro)", Client.pais, 60, "") ?>
    </div>
  </fieldset>

  <fieldset>
    <legend>Contato</legend>
    <div class="grade">
      <?cs call:texto("email", "E-mail principal", Client.email, 254, "nome@empresa.com.br") ?>
      <div class="campo<?cs if:Form.Errors.outros_emails ?> com-erro<?cs /if ?>">
        <label for="outros_emails">Outros e-mails <span class="discreto">(um por linha)</span></label>
        <textarea id="outros_emails" name="outros_emails" rows="2"><?cs var:Client.outros_emails ?></textarea>
        <?cs if:Form.Errors.outros_emails ?><p class="campo-erro"><?cs var:Form.Errors.outros_emails ?></p><?cs /if ?>
      </div>
      <?cs call:texto("celular", "Celular", Client.celular_fmt, 30, "(11) 98765-4321") ?>
      <?cs call:texto("fone_comercial", "Telefone comercial", Client.fone_comercial_fmt, 30, "(11) 3456-7890") ?>
      <?cs call:texto("fone_residencial", "Telefone residencial", Client.fone_residencial_fmt, 30, "") ?>
      <?cs call:texto("contato", "Pessoa de contato", Client.contato, 200, "") ?>
    </div>
  </fieldset>

  <fieldset id="portal">
    <legend>Portal do cliente</legend>
    <div class="grade">
      <div class="campo<?cs if:Form.Errors.portal_email ?> com-erro<?cs /if ?>">
        <label for="portal_email">E-mail de acesso ao portal</label>
        <input id="portal_email" name="portal_email" type="email" maxlength="254" value="<?cs var:Form.Values.portal_email ?>" placeholder="o e-mail principal"<?cs if:Form.Errors.portal_email ?> aria-invalid="true" aria-describedby="portal_email-erro"<?cs /if ?>>
        <?cs if:Form.Errors.portal_email ?><p class="campo-erro" id="portal_email-erro"><?cs var:Form.Errors.portal_email ?></p><?cs /if ?>
      </div>
      <div class="campo">
        <label class="marca-opcao"><input type="checkbox" name="portal_enviar" value="1"<?cs if:Form.Values.portal_enviar == "1" ?> checked<?cs /if ?>> Enviar e-mail com dados de acesso</label>
        <p class="discreto">O cliente recebe o login e um link para criar a própria senha (vale por 72 horas): nenhuma senha vai por e-mail.</p>
      </div>
    </div>
  </fieldset>

  <fieldset>
    <legend>Endereço</legend>
    <div class="grade">
      <?cs call:texto("cep", "CEP", Client.cep_fmt, 10, "01310-100") ?>
      <?cs call:texto("logradouro", "Logradouro", Client.logradouro, 200, "") ?>
      <?cs call:texto("numero", "Número", Client.numero, 20, "") ?>
      <?cs call:texto("complemento", "Complemento", Client.complemento, 100, "") ?>
      <?cs call:texto("bairro", "Bairro", Client.bairro, 100, "") ?>
      <?cs call:texto("cidade", "Cidade", Client.cidade, 100, "") ?>
      <div class="campo<?cs if:Form.Errors.uf ?> com-erro<?cs /if ?>">
        <label for="uf">UF</label>
        <select id="uf" name="uf">
          <option value="">—</option>
          <?cs each:u = Ufs ?><option value="<?cs var:u ?>"<?cs if:Client.uf == u ?> selected<?cs /if ?>><?cs var:u ?></option><?cs /each ?>
        </select>
        <?cs if:Form.Errors.uf ?><p class="campo-erro"><?cs var:Form.Errors.uf ?></p><?cs /if ?>
      </div>
    </div>
  </fieldset>

  <fieldset>
    <legend>Classificação</legend>
    <div class="campo">
      <span class="rotulo">Tipo de cadastro</span>
      <div class="opcoes">
        <?cs call:marca("cliente", "Cliente") ?>
        <?cs call:marca("fornecedor", "Fornecedor") ?>
        <?cs call:marca("prestador", "Prestador de serviço") ?>
        <?cs call:marca("prospect", "Prospect") ?>
      </div>
    </div>
    <div class="grade">
      <div class="campo">
        <span class="rotulo">Situação</span>
        <div class="opcoes"><?cs call:marca("ativo", "Ativo") ?></div>
      </div>
      <div class="campo<?cs if:Form.Errors.responsavel ?> com-erro<?cs /if ?>">
        <label for="responsavel">Responsável</label>
        <select id="responsavel" name="responsavel">
          <option value="">—</option>
          <?cs each:s = Staff ?><option value="<?cs var:s.id ?>"<?cs if:Client.responsavel == s.id ?> selected<?cs /if ?>><?cs var:s.name ?></option><?cs /each ?>
        </select>
        <?cs if:Form.Errors.responsavel ?><p class="campo-erro"><?cs var:Form.Errors.responsavel ?></p><?cs /if ?>
      </div>
    </div>
    <div class="campo<?cs if:Form.Errors.observacao ?> com-erro<?cs /if ?>">
      <label for="observacao">Observação fixa <span class="discreto">(aparece no topo da ficha)</span></label>
      <textarea id="observacao" name="observacao" rows="3" maxlength="2000"><?cs var:Client.observacao ?></textarea>
      <?cs if:Form.Errors.observacao ?><p class="campo-erro"><?cs var:Form.Errors.observacao ?></p><?cs /if ?>
    </div>
  </fieldset>

  <?cs if:subcount(CustomFields) ?>
  <fieldset>
    <legend>Outras informações</legend>
    <div class="grade">
    <?cs each:f = CustomFields ?>
      <div class="campo<?cs if:f.error ?> com-erro<?cs /if ?><?cs if:f.kind == "texto_longo" ?> campo-largo<?cs /if ?>">
        <label for="extra_<?cs var:f.id ?>"><?cs var:f.name ?><?cs if:f.required == "1" ?> *<?cs /if ?></label>
        <?cs if:f.kind == "texto_longo" ?>
          <textarea id="extra_<?cs var:f.id ?>" name="extra_<?cs var:f.id ?>" rows="3"><?cs var:f.value ?></textarea>
        <?cs elif:f.kind == "sim_nao" ?>
          <select id="extra_<?cs var:f.id ?>" name="extra_<?cs var:f.id ?>">
            <option value="">—</option>
            <option value="1"<?cs if:f.stored == "1" ?> selected<?cs /if ?>>Sim</option>
            <option value="0"<?cs if:f.stored == "0" ?> selected<?cs /if ?>>Não</option>
          </select>
        <?cs elif:f.kind == "lista" ?>
          <select id="extra_<?cs var:f.id ?>" name="extra_<?cs var:f.id ?>">
            <option value="">—</option>
            <?cs each:o = f.options ?><option value="<?cs var:o ?>"<?cs if:f.stored == o ?> selected<?cs /if ?>><?cs var:o ?></option><?cs /each ?>
          </select>
        <?cs else ?>
          <input id="extra_<?cs var:f.id ?>" name="extra_<?cs var:f.id ?>" type="text" value="<?cs var:f.value ?>"<?cs if:f.kind == "data" ?> placeholder="dd/mm/aaaa"<?cs elif:f.kind == "dinheiro" ?> placeholder="0,00" inputmode="decimal"<?cs /if ?>>
        <?cs /if ?>
        <?cs if:f.help ?><p class="dica"><?cs var:f.help ?></p><?cs /if ?>
        <?cs if:f.error ?><p class="campo-erro"><?cs var:f.error ?></p><?cs /if ?>
      </div>
    <?cs /each ?>
    </div>
  </fieldset>
  <?cs /if ?>

  <div class="rodape-form">
    <button type="submit" class="botao botao-principal">Salvar</button>
    <a class="botao" href="<?cs if:Edit.New == 1 ?>/clientes<?cs else ?>/clientes/<?cs var:Client.id ?><?cs /if ?>">Cancelar</a>
  </div>
</form>
