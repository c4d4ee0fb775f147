<section class="cartao cartao-estreito">
  <h1>Atualizar cadastro</h1>
  <p><strong><?cs var:Office.Name ?></strong> pediu que você confira e atualize os seus dados de cadastro.</p>
  <p class="discreto">Leva um minuto. Nada muda até você enviar o formulário.</p>
  <form method="post" action="/portal/atualizar" class="formulario">
    <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
    <input type="hidden" name="l" value="<?cs var:Link.Token ?>">
    <button type="submit" class="botao botao-principal">Continuar</button>
  </form>
</section>
