<h1>Escritório</h1>
<p class="discreto">Os dados do escritório aparecem no portal, nos e-mails e no portal do cliente.</p>

<section class="cartao secao" aria-labelledby="t-dados">
  <h2 id="t-dados">Dados do escritório</h2>
  <form method="post" action="/escritorio" class="formulario" novalidate>
    <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
    <div class="grade-2">
      <?cs def:campo(id, rotulo, tipo, max, auto) ?>
      <div>
        <label for="<?cs var:id ?>"><?cs var:rotulo ?></label>
        <input id="<?cs var:id ?>" name="<?cs var:id ?>" type="<?cs var:tipo ?>" maxlength="<?cs var:max ?>" autocomplete="<?cs var:auto ?>" value="<?cs if:Pix.Offer[id] ?><?cs var:Pix.Offer[id] ?><?cs else ?><?cs var:Form.Values[id] ?><?cs /if ?>"<?cs if:Form.Errors[id] ?> aria-invalid="true" aria-describedby="<?cs var:id ?>-erro"<?cs /if ?>>
        <?cs if:Form.Errors[id] ?><p class="campo-erro" id="<?cs var:id ?>-erro"><?cs var:Form.Errors[id] ?></p><?cs /if ?>
      </div>
      <?cs /def ?>
      <?cs call:campo("nome", "Razão social", "text", "200", "organization") ?>
      <?cs call:campo("fantasia", "Nome fantasia", "text", "200", "off") ?>
      <?cs call:campo("cnpj", "CNPJ", "text", "20", "off") ?>
      <?cs call:campo("email", "E-mail de contato", "email", "254", "email") ?>
      <?cs call:campo("telefone", "Telefone", "text", "20", "tel") ?>
      <?cs call:campo("endereco", "Endereço", "text", "300", "street-address") ?>
      <?cs call:campo("cidade", "Cidade", "text", "100", "address-level2") ?>
      <?cs call:campo("uf", "UF", "text", "2", "address-level1") ?>
      <?cs call:campo("cep", "CEP", "text", "10", "postal-code") ?>
    </div>
    <h2 class="subtitulo">Segurança</h2>
    <label class="caixa"><input type="checkbox" name="fator" value="1"<?cs if:Form.Values.fator == "1" ?> checked<?cs /if ?>>
      <span><strong>Segundo fator obrigatório para a equipe</strong><br><span class="discreto">Quem ainda não usa o código do aplicativo autenticador terá de configurá-lo na próxima entrada, antes de qualquer outra página.</span></span></label>
    <div><button type="submit" class="botao botao-principal">Salvar</button></div>
  </form>
</section>

<section class="cartao secao" aria-labelledby="t-pix">
  <h2 id="t-pix">Honorários: recebimento por PIX</h2>
  <p class="discreto">Com a chave PIX, cada honorário em aberto ganha o seu PIX "copia e cola" e o QR code, com o valor e a identificação do honorário, para o cliente pagar pelo aplicativo do banco.</p>
  <form method="post" action="/escritorio/pix" class="formulario" novalidate>
    <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
    <div class="grade-2">
      <?cs call:campo("pix_chave", "Chave PIX", "text", "100", "off") ?>
      <?cs call:campo("pix_nome", "Nome do recebedor (até 25 letras)", "text", "200", "off") ?>
      <?cs call:campo("pix_cidade", "Cidade do recebedor (até 15 letras)", "text", "100", "off") ?>
    </div>
    <?cs if:Pix.Ambiguous ?>
    <fieldset class="escolha-chave" id="pix-tipo">
      <legend>Esta chave é um CPF ou um celular?</legend>
      <label class="opcao"><input type="radio" name="pix_tipo" value="cpf"<?cs if:Form.Values.pix_tipo == "cpf" ?> checked<?cs /if ?>> CPF <?cs var:Pix.AsCpf ?></label>
      <label class="opcao"><input type="radio" name="pix_tipo" value="telefone"<?cs if:Form.Values.pix_tipo == "telefone" ?> checked<?cs /if ?>> Celular <?cs var:Pix.AsPhone ?></label>
    </fieldset>
    <?cs /if ?>
    <p class="discreto">A chave pode ser CPF, CNPJ, e-mail, telefone ou chave aleatória.<?cs if:Settings.PixType ?> Chave cadastrada: <?cs var:Settings.PixType ?>.<?cs /if ?></p>
    <div><button type="submit" class="botao">Salvar PIX</button></div>
  </form>
</section>

<section class="cartao secao" aria-labelledby="t-atualizar-titulo" id="t-atualizar">
  <h2 id="t-atualizar-titulo">Atualizar cadastro</h2>
  <p class="discreto">O texto do e-mail que leva aos clientes o link para conferirem e corrigirem os próprios dados. O botão "Atualizar meus dados" e a validade do link vêm depois dele.</p>
  <form method="post" action="/escritorio/atualizar" class="formulario" novalidate>
    <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
    <label for="mensagem">Mensagem</label>
    <textarea id="mensagem" name="mensagem" rows="4" maxlength="2000"<?cs if:Form.Errors.mensagem ?> aria-invalid="true" aria-describedby="mensagem-erro"<?cs /if ?>><?cs var:Form.Values.mensagem ?></textarea>
    <?cs if:Form.Errors.mensagem ?><p class="campo-erro" id="mensagem-erro"><?cs var:Form.Errors.mensagem ?></p><?cs /if ?>
    <label class="marca-opcao"><input type="checkbox" name="aprovar" value="1"<?cs if:Form.Values.aprovar == "1" ?> checked<?cs /if ?>> Aprovar as alterações antes de aplicá-las</label>
    <p class="discreto">Ligado, o que o cliente enviar fica no cadastro dele à espera: a equipe aprova ou recusa cada campo, vendo o valor antigo e o novo.</p>
    <div><button type="submit" class="botao">Salvar atualização de cadastro</button></div>
  </form>
</section>

<section class="cartao secao" aria-labelledby="t-feriados-titulo" id="t-feriados">
  <h2 id="t-feriados-titulo">Honorários: feriados do município</h2>
  <p class="discreto">Fins de semana, feriados nacionais (20 de novembro incluído) e os dias em que os bancos fecham (Carnaval, Sexta-feira Santa, Corpus Christi) já movem os vencimentos para o próximo dia útil. Acrescente aqui os feriados da sua cidade.</p>
  <?cs if:subcount(Holidays) ?>
  <ul class="recentes">
    <?cs each:h = Holidays ?><li><strong><?cs var:h.when ?></strong> <?cs var:h.name ?>
      <form method="post" action="/escritorio/feriados/remover" class="em-linha"><input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><input type="hidden" name="ano" value="<?cs var:h.ano ?>"><input type="hidden" name="mes" value="<?cs var:h.mes ?>"><input type="hidden" name="dia" value="<?cs var:h.dia ?>"><button type="submit" class="link">remover</button></form></li>
    <?cs /each ?>
  </ul>
  <?cs /if ?>
  <form method="post" action="/escritorio/feriados" class="formulario" novalidate>
    <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
    <div class="grade-2">
      <?cs call:campo("feriado_data", "Data (dd/mm todo ano, ou dd/mm/aaaa)", "text", "10", "off") ?>
      <?cs call:campo("feriado_nome", "Nome", "text", "100", "off") ?>
    </div>
    <div><button type="submit" class="botao">Acrescentar feriado</button></div>
  </form>
</section>

<section class="cartao secao" aria-labelledby="t-logo">
  <h2 id="t-logo">Logotipo</h2>
  <?cs if:Settings.Logo ?>
  <p><img class="logo-atual" src="/escritorio/logo?v=<?cs var:url_escape(Settings.Logo) ?>" alt="Logotipo atual do escritório"></p>
  <?cs else ?>
  <p class="discreto">O escritório ainda não tem logotipo: o portal mostra o nome.</p>
  <?cs /if ?>
  <form method="post" action="/escritorio/logo" enctype="multipart/form-data" class="formulario" novalidate>
    <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
    <label for="logo"><?cs if:Settings.Logo ?>Trocar o logotipo<?cs else ?>Enviar o logotipo<?cs /if ?></label>
    <input id="logo" name="logo" type="file" accept="image/png,image/jpeg"<?cs if:Form.Errors.logo ?> aria-invalid="true" aria-describedby="logo-erro"<?cs /if ?>>
    <p class="discreto">PNG ou JPEG, até <?cs var:Settings.LogoMaxKb ?> KB e <?cs var:Settings.LogoMaxSide ?> pixels de lado.</p>
    <?cs if:Form.Errors.logo ?><p class="campo-erro" id="logo-erro"><?cs var:Form.Errors.logo ?></p><?cs /if ?>
    <div><button type="submit" class="botao">Enviar logotipo</button></div>
  </form>
  <?cs if:Settings.Logo ?>
  <form method="post" action="/escritorio/logo/remover" class="linha-acoes">
    <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
    <button type="submit" class="link">Remover o logotipo</button>
  </form>
  <?cs /if ?>
</section>
