<div class="cabecalho-pagina">
  <div>
    <p class="migalha"><a href="/clientes">Clientes</a> › <a href="/clientes/<?cs var:Client.id ?>"><?cs var:Client.nome ?></a> ›</p>
    <h1>Histórico de alterações</h1>
    <p class="discreto"><?cs var:Client.nome ?><?cs if:Client.documento_fmt ?> · <?cs var:Client.documento_fmt ?><?cs /if ?></p>
  </div>
  <div class="acoes-pagina">
    <a class="botao" href="/clientes/<?cs var:Client.id ?>">Voltar à ficha</a>
  </div>
</div>

<section class="cartao historico">
  <?cs include:"historico_itens.cs" ?>
</section>

<nav class="paginas" aria-label="Páginas">
  <?cs if:HistoryNav.Page > 1 ?><a class="botao" href="/clientes/<?cs var:Client.id ?>/historico<?cs if:HistoryNav.Prev > 1 ?>?pagina=<?cs var:HistoryNav.Prev ?><?cs /if ?>" rel="prev">Mais recentes</a><?cs /if ?>
  <span>Página <?cs var:HistoryNav.Page ?></span>
  <?cs if:HistoryNav.More == "1" ?><a class="botao" href="/clientes/<?cs var:Client.id ?>/historico?pagina=<?cs var:HistoryNav.Next ?>" rel="next">Mais antigas</a><?cs /if ?>
</nav>
