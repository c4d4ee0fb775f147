<div class="cabecalho-pagina">
  <h1>Lixeira</h1>
  <div class="acoes-pagina"><a class="botao" href="/clientes">Voltar aos clientes</a></div>
</div>
<p class="discreto">Cadastros na lixeira não aparecem nas listas, buscas e exportações. Restaure-os a qualquer momento<?cs if:User.Admin == 1 ?>, ou exclua-os definitivamente<?cs /if ?>.</p>
<?cs if:List.Refused == 1 ?>
<section class="cartao vazio"><p>A lista não foi mostrada: <a href="/clientes/lixeira">veja a lixeira inteira</a>.</p></section>
<?cs elif:List.Count == 0 ?>
<section class="cartao vazio"><p>A lixeira está vazia.</p></section>
<?cs else ?>
<p class="contagem"><?cs if:List.Total == 1 ?>1 cadastro<?cs else ?><?cs var:List.TotalFmt ?> cadastros<?cs /if ?></p>
<table class="tabela">
  <thead><tr><th>Nome</th><th>CPF/CNPJ</th><th>E-mail</th><th>Na lixeira desde</th><th></th></tr></thead>
  <tbody>
  <?cs each:c = Rows ?>
    <tr>
      <td><a href="/clientes/<?cs var:c.id ?>"><?cs var:c.name ?></a></td>
      <td class="doc"><?cs var:c.document ?></td>
      <td class="email"><?cs var:c.email_user ?><wbr><?cs var:c.email_domain ?></td>
      <td class="lixeira-quando"><?cs if:c.trashed_at ?><?cs var:c.trashed_at ?><br><span class="discreto">por <?cs var:c.trashed_by ?></span><?cs else ?><span class="discreto">—</span><?cs /if ?></td>
      <td class="acoes-linha">
        <form method="post" action="/clientes/<?cs var:c.id ?>/restaurar"><input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><button class="botao" type="submit">Restaurar</button></form>
      </td>
    </tr>
  <?cs /each ?>
  </tbody>
</table>
<nav class="paginas" aria-label="Páginas">
  <?cs if:List.Page > 1 ?><a class="botao" href="<?cs var:List.PrevUrl ?>" rel="prev">Anterior</a><?cs /if ?>
  <span>Página <?cs var:List.Page ?> de <?cs var:List.Pages ?></span>
  <?cs if:List.Page < List.Pages ?><a class="botao" href="<?cs var:List.NextUrl ?>" rel="next">Próxima</a><?cs /if ?>
</nav>
<?cs /if ?>
