<h1>Minha conta</h1>
<p class="discreto"><?cs call:email(User.Email) ?></p>

<section class="cartao secao" aria-labelledby="t-dados">
  <h2 id="t-dados">Seu nome</h2>
  <form method="post" action="/conta/nome" class="formulario" novalidate>
    <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
    <label for="nome">Nome</label>
    <input id="nome" name="nome" type="text" maxlength="200" required value="<?cs var:Form.Values.nome ?>"<?cs if:Form.Errors.nome ?> aria-invalid="true" aria-describedby="nome-erro"<?cs /if ?>>
    <?cs if:Form.Errors.nome ?><p class="campo-erro" id="nome-erro"><?cs var:Form.Errors.nome ?></p><?cs /if ?>
    <div><button type="submit" class="botao">Salvar nome</button></div>
  </form>
</section>

<section class="cartao secao" aria-labelledby="t-senha">
  <h2 id="t-senha">Trocar a senha</h2>
  <p class="discreto">Ao trocar a senha, as suas sessões em outros aparelhos são encerradas.</p>
  <form method="post" action="/conta/senha" class="formulario" novalidate>
    <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
    <input type="text" name="usuario" value="<?cs var:User.Email ?>" autocomplete="username" hidden>
    <label for="atual">Senha atual</label>
    <input id="atual" name="atual" type="password" autocomplete="current-password" required maxlength="128"<?cs if:Form.Errors.atual ?> aria-invalid="true" aria-describedby="atual-erro"<?cs /if ?>>
    <?cs if:Form.Errors.atual ?><p class="campo-erro" id="atual-erro"><?cs var:Form.Errors.atual ?></p><?cs /if ?>
    <div class="grade-2">
      <div>
        <label for="senha">Nova senha</label>
        <input id="senha" name="senha" type="password" autocomplete="new-password" required minlength="8" maxlength="128"<?cs if:Form.Errors.senha ?> aria-invalid="true" aria-describedby="senha-erro"<?cs /if ?>>
        <?cs if:Form.Errors.senha ?><p class="campo-erro" id="senha-erro"><?cs var:Form.Errors.senha ?></p><?cs /if ?>
      </div>
      <div>
        <label for="senha2">Repita a nova senha</label>
        <input id="senha2" name="senha2" type="password" autocomplete="new-password" required maxlength="128"<?cs if:Form.Errors.senha2 ?> aria-invalid="true" aria-describedby="senha2-erro"<?cs /if ?>>
        <?cs if:Form.Errors.senha2 ?><p class="campo-erro" id="senha2-erro"><?cs var:Form.Errors.senha2 ?></p><?cs /if ?>
      </div>
    </div>
    <div><button type="submit" class="botao">Trocar a senha</button></div>
  </form>
</section>

<section class="cartao secao" aria-labelledby="t-fator">
  <h2 id="t-fator">Segundo fator de autenticação</h2>
  <?cs if:Me.SecondFactor ?>
  <p><span class="selo-ok">Ativado</span> desde <?cs var:Me.SecondFactorSince ?>. A entrada pede, depois da senha, o código do aplicativo autenticador.</p>
  <p class="discreto">Códigos de recuperação sem uso: <?cs var:Me.RecoveryLeft ?> de 10.</p>
  <div class="linha-acoes"><a class="botao" href="/conta/segundo-fator">Gerenciar</a></div>
  <?cs else ?>
  <p><span class="selo-aviso">Desativado</span> Com o segundo fator, quem descobrir a sua senha ainda não entra: a entrada pede também um código do aplicativo autenticador do seu celular (Google Authenticator, Microsoft Authenticator, FreeOTP e outros).</p>
  <div class="linha-acoes"><a class="botao botao-principal" href="/conta/segundo-fator">Ativar o segundo fator</a></div>
  <?cs /if ?>
</section>

<section class="cartao secao" aria-labelledby="t-sessoes">
  <h2 id="t-sessoes">Sessões abertas</h2>
  <p class="discreto">Onde a sua conta está conectada agora. Encerre as que você não reconhece e troque a senha.</p>
  <div class="rolavel"><table class="tabela-simples">
    <thead><tr><th>Aparelho</th><th>Endereço</th><th>Entrou em</th><th>Último uso</th><th><span class="oculto">Ação</span></th></tr></thead>
    <tbody>
    <?cs each:s = Sessions ?>
    <tr>
      <td><?cs var:s.browser ?><?cs if:s.system ?> no <?cs var:s.system ?><?cs /if ?></td>
      <td><?cs var:s.address ?></td>
      <td><?cs var:s.created ?></td>
      <td><?cs var:s.seen ?></td>
      <td><?cs if:s.current ?><span class="selo-neutro">Esta sessão</span><?cs else ?>
        <form method="post" action="/conta/sessoes/encerrar">
          <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
          <input type="hidden" name="sessao" value="<?cs var:s.id ?>">
          <button type="submit" class="link">Encerrar</button>
        </form><?cs /if ?></td>
    </tr>
    <?cs /each ?>
    </tbody>
  </table></div>
</section>
