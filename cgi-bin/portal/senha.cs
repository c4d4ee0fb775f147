<section class="cartao cartao-estreito">
  <h1>Esqueci minha senha</h1>
  <p>Informe o e-mail com que você entra no portal. Enviaremos um link para você escolher uma nova senha.</p>
  <form method="post" action="/portal/senha" class="formulario" novalidate>
    <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
    <label for="email">E-mail</label>
    <input id="email" name="email" type="email" autocomplete="username" inputmode="email" required autofocus
      value="<?cs var:Form.Values.email ?>"<?cs if:Form.Errors.email ?> aria-invalid="true" aria-describedby="email-erro"<?cs /if ?>>
    <?cs if:Form.Errors.email ?><p class="campo-erro" id="email-erro"><?cs var:Form.Errors.email ?></p><?cs /if ?>
    <button type="submit" class="botao botao-principal">Enviar link</button>
  </form>
  <p class="rodape-cartao"><a href="/portal/entrar">Voltar para entrar</a></p>
</section>
