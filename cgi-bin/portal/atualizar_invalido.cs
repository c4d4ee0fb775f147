<section class="cartao cartao-estreito">
  <?cs if:Link.Why == "usado" ?>
  <h1>Este link já foi usado</h1>
  <p>Os dados já foram enviados com ele. Se quiser mudar mais alguma coisa, peça um novo link ao escritório.</p>
  <?cs elif:Link.Why == "revogado" ?>
  <h1>Este link foi substituído</h1>
  <p>O escritório enviou um link mais novo depois deste, ou o cancelou: use o link da mensagem mais recente.</p>
  <?cs elif:Link.Why == "expirado" ?>
  <h1>Este link expirou</h1>
  <p>Por segurança, os links de atualização valem por poucos dias.</p>
  <?cs elif:Link.Why == "adulterado" ?>
  <h1>Este link não confere</h1>
  <p>O endereço foi alterado ou está incompleto. Copie o link inteiro da mensagem, ou abra-a de novo e use o botão.</p>
  <?cs else ?>
  <h1>Link inválido</h1>
  <p>Este link não é deste escritório ou o cadastro não está mais disponível.</p>
  <?cs /if ?>
  <p><strong>Peça um novo link ao escritório<?cs if:Office.Name ?> <?cs var:Office.Name ?><?cs /if ?>.</strong></p>
</section>
