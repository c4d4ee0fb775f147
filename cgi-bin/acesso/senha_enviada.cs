<section class="cartao cartao-estreito">
  <h1>Verifique seu e-mail</h1>
  <p>Se o e-mail estiver cadastrado, enviamos para <strong><?cs var:Form.Values.email ?></strong> um link para escolher uma nova senha. O link vale por 1 hora e pode ser usado uma vez.</p>
  <p class="discreto">Não chegou em alguns minutos? Confira a caixa de spam ou peça de novo.</p>
  <p class="rodape-cartao"><a href="/entrar">Voltar para entrar</a></p>
</section>
