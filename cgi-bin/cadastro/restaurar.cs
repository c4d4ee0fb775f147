<div class="cabecalho-pagina">
  <div>
    <p class="migalha"><a href="/clientes">Clientes</a> › <a href="/clientes/lixeira">Lixeira</a> ›</p>
    <h1>Restaurar <?cs var:Client.name ?>?</h1>
  </div>
</div>

<section class="cartao aviso aviso-aviso duplicados" role="alert">
  <h2>Já existe cadastro ativo com este <?cs if:Client.tipo == "PF" ?>CPF<?cs else ?>CNPJ<?cs /if ?> (<?cs var:Client.documento_fmt ?>)</h2>
  <ul>
  <?cs each:d = Duplicates ?><?cs if:d.id ?>
    <li><a href="/clientes/<?cs var:d.id ?>" target="_blank" rel="noopener"><?cs var:d.name ?></a> — <?cs var:d.status ?></li>
  <?cs /if ?><?cs /each ?>
  </ul>
  <p>Nada foi restaurado. Restaurado, este cadastro fica ao lado <?cs if:Duplicates.Count == 1 ?>do outro<?cs else ?>dos outros<?cs /if ?>, com o mesmo documento. Confira <?cs if:Duplicates.Count == 1 ?>o cadastro acima<?cs else ?>os cadastros acima<?cs /if ?> ou restaure mesmo assim.</p>
  <form method="post" action="/clientes/<?cs var:Client.id ?>/restaurar" class="acoes">
    <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
    <input type="hidden" name="confirmar" value="1">
    <button type="submit" class="botao botao-principal">Restaurar mesmo assim</button>
    <a class="botao" href="/clientes/lixeira">Voltar à lixeira</a>
  </form>
</section>
