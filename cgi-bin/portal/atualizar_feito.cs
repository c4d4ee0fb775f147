<section class="cartao cartao-estreito">
  <h1>Obrigado!</h1>
  <?cs if:Done.Staged ?>
  <p>Recebemos as suas alterações. <strong><?cs var:Office.Name ?></strong> vai conferi-las antes de atualizar o cadastro.</p>
  <?cs elif:Done.Changes > 0 ?>
  <p>Os seus dados foram atualizados no cadastro de <strong><?cs var:Office.Name ?></strong>.</p>
  <?cs else ?>
  <p>Você confirmou que os seus dados estão em dia. <strong><?cs var:Office.Name ?></strong> agradece.</p>
  <?cs /if ?>
  <p class="discreto">Este link já foi usado e não abre de novo. Pode fechar esta página.</p>
</section>
