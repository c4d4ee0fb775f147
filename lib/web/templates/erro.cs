<section class="cartao cartao-estreito erro">
  <p class="erro-codigo">Erro <?cs var:Error.Status ?></p>
  <h1><?cs var:Page.Title ?></h1>
  <p><?cs var:Error.Message ?></p>
  <?cs if:Error.Status == 500 ?><p class="discreto">Código do erro: <code><?cs var:Page.RequestId ?></code></p><?cs /if ?>
  <p><?cs if:Error.Back ?><a class="botao" href="<?cs var:Error.Back ?>"><?cs var:Error.BackLabel ?></a><?cs else ?><a class="botao" href="<?cs if:Page.Area == "portal" ?>/portal<?cs else ?>/<?cs /if ?>">Voltar ao início</a><?cs /if ?></p>
</section>
