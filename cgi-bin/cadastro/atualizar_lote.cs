<div class="cabecalho-pagina">
  <div>
    <p class="migalha"><a href="/clientes">Clientes</a> ›</p>
    <h1>Atualizar cadastro</h1>
  </div>
</div>
<section class="cartao">
  <h2><?cs if:Send.with == 1 ?>1 cliente vai receber<?cs else ?><?cs var:Send.with ?> clientes vão receber<?cs /if ?> o link de atualização</h2>
  <?cs if:subcount(With) ?>
  <ul class="lista-simples destinatarios">
    <?cs each:c = With ?><li><a href="/clientes/<?cs var:c.id ?>"><?cs var:c.name ?></a> <span class="discreto email"><?cs call:email(c.email) ?></span></li><?cs /each ?>
  </ul>
  <?cs if:Send.with > subcount(With) ?><p class="discreto">e mais <?cs var:Send.with - subcount(With) ?>.</p><?cs /if ?>
  <?cs /if ?>
  <p class="discreto">Cada um recebe por e-mail um link assinado, que vale 14 dias e pode ser usado uma vez; um link anterior do mesmo cliente deixa de valer. O envio é feito em segundo plano, com o andamento na página seguinte.</p>
  <?cs if:Send.without > 0 ?>
  <h3><?cs if:Send.without == 1 ?>1 cliente sem e-mail fica de fora<?cs else ?><?cs var:Send.without ?> clientes sem e-mail ficam de fora<?cs /if ?></h3>
  <ul class="lista-simples">
    <?cs each:c = Without ?><li><a href="/clientes/<?cs var:c.id ?>"><?cs var:c.name ?></a></li><?cs /each ?>
  </ul>
  <?cs if:Send.without > subcount(Without) ?><p class="discreto">e mais <?cs var:Send.without - subcount(Without) ?>.</p><?cs /if ?>
  <?cs /if ?>
  <h3>A mensagem</h3>
  <div class="mensagem-previa">
    <p>Olá, <em>nome do cliente</em>.</p>
    <p class="linhas"><?cs var:Send.message ?></p>
    <p><span class="botao botao-principal">Atualizar meus dados</span></p>
  </div>
  <?cs if:Send.with > 0 ?>
  <form method="post" action="/clientes/atualizar">
    <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
    <input type="hidden" name="selecao" value="<?cs var:Send.selection ?>">
    <button type="submit" class="botao botao-principal">Enviar <?cs if:Send.with == 1 ?>1 link<?cs else ?><?cs var:Send.with ?> links<?cs /if ?></button>
    <a class="botao" href="/clientes">Cancelar</a>
  </form>
  <?cs else ?>
  <p><a class="botao" href="/clientes">Voltar aos clientes</a></p>
  <?cs /if ?>
</section>
