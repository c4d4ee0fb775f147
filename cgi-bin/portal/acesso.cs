<section class="cartao cartao-estreito">
  <?cs if:Form.Reset ?>
  <h1>Escolha uma nova senha</h1>
  <?cs else ?>
  <h1>Crie sua senha</h1>
  <p>Olá, <?cs var:Form.Name ?>. Este é o portal do cliente de <strong><?cs var:Office.Name ?></strong>.</p>
  <?cs /if ?>
  <p>Seu login: <strong><?cs call:email(Form.Login) ?></strong></p>
  <p class="discreto">Pelo menos 8 caracteres. Uma frase curta que só você conheça é uma boa senha.</p>
  <form method="post" action="/portal/acesso" class="formulario" novalidate>
    <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
    <input type="hidden" name="t" value="<?cs var:Form.Values.t ?>">
    <input type="hidden" name="email" autocomplete="username" value="<?cs var:Form.Login ?>">
    <label for="senha">Nova senha</label>
    <input id="senha" name="senha" type="password" autocomplete="new-password" required autofocus minlength="8" maxlength="128"<?cs if:Form.Errors.senha ?> aria-invalid="true" aria-describedby="senha-erro"<?cs /if ?>>
    <?cs if:Form.Errors.senha ?><p class="campo-erro" id="senha-erro"><?cs var:Form.Errors.senha ?></p><?cs /if ?>
    <label for="senha2">Repita a nova senha</label>
    <input id="senha2" name="senha2" type="password" autocomplete="new-password" required maxlength="128"<?cs if:Form.Errors.senha2 ?> aria-invalid="true" aria-describedby="senha2-erro"<?cs /if ?>>
    <?cs if:Form.Errors.senha2 ?><p class="campo-erro" id="senha2-erro"><?cs var:Form.Errors.senha2 ?></p><?cs /if ?>
    <button type="submit" class="botao botao-principal"><?cs if:Form.Reset ?>Salvar nova senha<?cs else ?>Criar senha e entrar<?cs /if ?></button>
  </form>
</section>
