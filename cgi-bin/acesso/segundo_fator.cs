<?cs if:Setup.Done ?>
<section class="cartao secao">
  <h1>Segundo fator</h1>
  <p><span class="selo-ok">Ativado</span> A sua entrada pede, depois da senha, o código do aplicativo autenticador.</p>
  <p class="discreto">Trocou de celular ou perdeu os códigos de recuperação? Peça a um administrador do escritório para redefinir o seu segundo fator; na próxima entrada você o configura de novo.</p>
  <div class="linha-acoes"><a class="botao" href="/conta">Voltar para Minha conta</a></div>
</section>
<?cs else ?>
<section class="cartao secao">
  <h1>Ativar o segundo fator</h1>
  <ol class="passos">
    <li>Instale no celular um aplicativo autenticador (Google Authenticator, Microsoft Authenticator, FreeOTP ou outro).</li>
    <li>No aplicativo, escolha adicionar uma conta e aponte a câmera para o código abaixo. Sem câmera? Digite a chave que aparece ao lado.</li>
    <li>Digite o código de 6 dígitos que o aplicativo passa a mostrar.</li>
  </ol>
  <div class="qr">
    <img src="/conta/segundo-fator/qr.svg" alt="Código QR para o aplicativo autenticador" width="208" height="208">
    <div>
      <p class="discreto">Chave para digitar no aplicativo:</p>
      <p class="segredo" id="segredo"><?cs var:Setup.Secret ?></p>
      <p class="discreto">Tipo: baseado em tempo · 6 dígitos · 30 segundos</p>
    </div>
  </div>
  <form method="post" action="/conta/segundo-fator" class="formulario" novalidate>
    <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
    <label for="codigo">Código do aplicativo</label>
    <input id="codigo" name="codigo" type="text" class="codigo-entrada" inputmode="numeric" autocomplete="one-time-code" maxlength="20" required autofocus<?cs if:Form.Errors.codigo ?> aria-invalid="true" aria-describedby="codigo-erro"<?cs /if ?>>
    <?cs if:Form.Errors.codigo ?><p class="campo-erro" id="codigo-erro"><?cs var:Form.Errors.codigo ?></p><?cs /if ?>
    <div><button type="submit" class="botao botao-principal">Confirmar e ativar</button></div>
  </form>
</section>
<?cs /if ?>
