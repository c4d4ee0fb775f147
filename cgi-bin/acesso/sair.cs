<section class="cartao cartao-estreito">
  <h1>Sair do portal?</h1>
  <p>Você está conectado como <strong><?cs var:User.Name ?></strong>.</p>
  <form method="post" action="/sair" class="formulario">
    <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
    <button type="submit" class="botao botao-principal">Sair</button>
    <a class="botao" href="/">Continuar no portal</a>
  </form>
</section>
