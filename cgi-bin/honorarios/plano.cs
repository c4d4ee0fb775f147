<div class="cabecalho-pagina">
  <div>
    <p class="migalha"><a href="/clientes">Clientes</a> › <a href="/clientes/<?cs var:Client.id ?>"><?cs var:Client.name ?></a> › <a href="/honorarios/clientes/<?cs var:Client.id ?>">Honorários</a> ›</p>
    <h1>Plano de honorários</h1>
  </div>
</div>
<form class="cartao ficha-form" method="post" action="/honorarios/planos/<?cs var:Plan.id ?>">
  <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
  <input type="hidden" name="versao" value="<?cs var:Plan.version ?>">
  <?cs include:"plano_campos.cs" ?>
  <p class="discreto">Mudar o valor vale para os honorários gerados daqui em diante; os já gerados mantêm o seu valor.</p>
  <p><button type="submit" class="botao botao-principal">Salvar</button> <a class="botao" href="/honorarios/clientes/<?cs var:Client.id ?>">Cancelar</a></p>
</form>
