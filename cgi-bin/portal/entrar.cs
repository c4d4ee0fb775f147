<section class="cartao cartao-estreito">
  <h1>Portal do cliente</h1>
  <p class="discreto">Entre para ver os seus honorários, pagar com PIX e manter os seus dados em dia.</p>
  <form method="post" action="/portal/entrar" class="formulario" novalidate>
    <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
    <?cs if:Form.Values.next ?><input type="hidden" name="next" value="<?cs var:Form.Values.next ?>"><?cs /if ?>
    <label for="email">E-mail</label>
    <input id="email" name="email" type="email" autocomplete="username" inputmode="email" required<?cs if:!Form.Values.email ?> autofocus<?cs /if ?>
      value="<?cs var:Form.Values.email ?>"<?cs if:Form.Errors.email ?> aria-invalid="true" aria-describedby="email-erro"<?cs /if ?>>
    <?cs if:Form.Errors.email ?><p class="campo-erro" id="email-erro"><?cs var:Form.Errors.email ?></p><?cs /if ?>
    <label for="senha">Senha</label>
    <input id="senha" name="senha" type="password" autocomplete="current-password" required<?cs if:Form.Values.email ?> autofocus<?cs /if ?><?cs if:Form.Errors.senha ?> aria-invalid="true" aria-describedby="senha-erro"<?cs /if ?>>
    <?cs if:Form.Errors.senha ?><p class="campo-erro" id="senha-erro"><?cs var:Form.Errors.senha ?></p><?cs /if ?>
    <button type="submit" class="botao botao-principal">Entrar</button>
  </form>
  <p class="rodape-cartao"><a href="/portal/senha">Esqueci minha senha</a><br>
  <span class="discreto">Primeiro acesso? Use o link do e-mail que o escritório enviou. Não recebeu? Peça um novo acesso ao escritório.</span></p>
</section>
