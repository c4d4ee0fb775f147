<section class="cartao cartao-estreito">
  <?cs if:Link.Why == "usado" ?>
  <h1>Este link já foi usado</h1>
  <p>A senha já foi criada com ele. Entre com o seu e-mail e a sua senha; se não lembra a senha, use "Esqueci minha senha".</p>
  <?cs elif:Link.Why == "substituido" ?>
  <h1>Este link foi substituído</h1>
  <p>Um e-mail mais novo foi enviado para você depois deste: use o link da mensagem mais recente.</p>
  <?cs elif:Link.Why == "expirado" ?>
  <h1>Este link expirou</h1>
  <p>Por segurança, os links de acesso valem por pouco tempo.</p>
  <?cs else ?>
  <h1>Link inválido</h1>
  <p>O endereço está incompleto ou o acesso foi desativado.</p>
  <?cs /if ?>
  <p><strong>Peça um novo acesso ao escritório<?cs if:Office.Name ?> <?cs var:Office.Name ?><?cs /if ?></strong>, ou, se já tem senha, use "Esqueci minha senha".</p>
  <p class="rodape-cartao"><a class="botao" href="/portal/entrar">Ir para a entrada do portal</a></p>
</section>
