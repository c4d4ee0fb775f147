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
  <?cs if:subcount(Thirteenth) ?>
  <div class="nota-decimo" id="decimo-deste-plano">
    <p><strong>13º deste plano</strong> (pelo valor mensal salvo):</p>
    <ul><?cs each:t = Thirteenth ?><li>13º de <?cs var:t.year ?>, competência <?cs var:t.comp ?><?cs if:t.ends ?> (o último mês do plano)<?cs /if ?>: <strong><?cs var:t.value ?></strong> (<?cs if:t.months == "12" ?>um valor mensal<?cs else ?><?cs var:t.months ?>/12 de <?cs var:t.monthly ?><?cs /if ?>)</li>
    <?cs /each ?></ul>
  </div>
  <?cs elif:ThirteenthNone.from ?>
  <p class="discreto" id="decimo-deste-plano">Este plano não gera 13º em <?cs var:ThirteenthNone.from ?> nem em <?cs var:ThirteenthNone.to ?> (não está ativo até o mês do 13º).</p>
  <?cs /if ?>
  <p class="discreto">Mudar o valor vale para os honorários gerados daqui em diante; os já gerados mantêm o seu valor.</p>
  <p><button type="submit" class="botao botao-principal">Salvar</button> <a class="botao" href="/honorarios/clientes/<?cs var:Client.id ?>">Cancelar</a></p>
</form>
