<section class="cartao cartao-estreito">
  <h1>Código de verificação</h1>
  <p class="discreto">Abra o aplicativo autenticador do seu celular e digite o código de 6 dígitos que ele mostra para este portal.</p>
  <form method="post" action="/entrar/codigo" class="formulario" novalidate>
    <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
    <label for="codigo">Código</label>
    <input id="codigo" name="codigo" type="text" class="codigo-entrada" inputmode="numeric" autocomplete="one-time-code" maxlength="20" required autofocus<?cs if:Form.Errors.codigo ?> aria-invalid="true" aria-describedby="codigo-erro"<?cs /if ?>>
    <?cs if:Form.Errors.codigo ?><p class="campo-erro" id="codigo-erro"><?cs var:Form.Errors.codigo ?></p><?cs /if ?>
    <button type="submit" class="botao botao-principal">Entrar</button>
  </form>
  <p class="rodape-cartao discreto">Sem o celular? Digite no mesmo campo um dos seus códigos de recuperação (como <code>abcd-efgh-jkmn</code>); cada um vale uma vez. Perdeu os dois? Peça a um administrador do escritório para redefinir o seu segundo fator.</p>
</section>
