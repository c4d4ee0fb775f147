<section class="cartao secao">
  <h1>Segundo fator ativado</h1>
  <p>Guarde estes <strong>códigos de recuperação</strong> num lugar seguro (imprima ou anote). Se ficar sem o celular, cada um deles substitui o código do aplicativo <strong>uma única vez</strong>.</p>
  <p class="aviso aviso-aviso">Eles aparecem só agora: depois desta página, ninguém — nem o escritório — consegue vê-los de novo.</p>
  <ol class="codigos" id="codigos-recuperacao">
    <?cs each:c = Codes ?><li><?cs var:c ?></li>
    <?cs /each ?>
  </ol>
  <div class="linha-acoes"><a class="botao botao-principal" href="/">Já guardei os códigos, continuar</a></div>
</section>
