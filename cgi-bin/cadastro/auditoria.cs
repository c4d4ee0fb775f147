<?cs def:record(e) ?><?cs if:e.client ?><?cs var:e.client ?><?cs
  elif:e.staff ?><?cs var:e.kind ?>: <?cs var:e.staff ?><?cs
  elif:e.entity == "office" || e.entity == "custom_field" ?><?cs var:e.kind ?><?cs
  else ?><?cs var:e.kind ?> nº <?cs var:e.entity_id ?><?cs /if ?><?cs /def ?>
<div class="cabecalho-pagina">
  <h1>Auditoria do escritório</h1>
  <div class="acoes-pagina"><a class="botao" href="/clientes">Voltar aos clientes</a></div>
</div>
<form method="get" action="/clientes/auditoria" class="busca">
  <select name="usuario" aria-label="Usuário">
    <option value="">Todos os usuários</option>
    <?cs each:s = Staff ?><option value="<?cs var:s.id ?>"<?cs if:Args.usuario == s.id ?> selected<?cs /if ?>><?cs var:s.name ?></option><?cs /each ?>
  </select>
  <select name="acao" aria-label="Ação">
    <option value="">Todas as ações</option>
    <?cs each:a = Actions ?><option value="<?cs var:a.id ?>"<?cs if:Args.acao == a.id ?> selected<?cs /if ?>><?cs var:a.name ?></option><?cs /each ?>
  </select>
  <input name="cliente" type="text" inputmode="numeric" value="<?cs var:Args.cliente ?>" placeholder="Nº do cliente" aria-label="Número do cliente" size="10">
  <input name="de" type="text" value="<?cs var:Args.de ?>" placeholder="de dd/mm/aaaa" aria-label="De" size="12">
  <input name="ate" type="text" value="<?cs var:Args.ate ?>" placeholder="até dd/mm/aaaa" aria-label="Até" size="12">
  <button type="submit" class="botao botao-principal">Filtrar</button>
</form>
<?cs if:!subcount(Audit) ?>
<section class="cartao vazio"><p>Nenhum registro de auditoria com esses filtros.</p></section>
<?cs else ?>
<table class="tabela">
  <thead><tr><th>Quando</th><th>Quem</th><th>Canal</th><th>Ação</th><th>Registro</th><th>Campos</th></tr></thead>
  <tbody>
  <?cs each:e = Audit ?>
    <tr>
      <td class="nowrap"><?cs var:e.at ?></td>
      <td><?cs var:e.actor ?></td>
      <td><?cs var:e.channel ?></td>
      <td><?cs var:e.action ?></td>
      <td><?cs if:e.entity == "client" && !e.client ?>Cliente nº <?cs var:e.entity_id ?> (excluído)<?cs
        elif:e.link ?><a href="<?cs var:url_validate(e.link) ?>"><?cs call:record(e) ?></a><?cs
        else ?><?cs call:record(e) ?><?cs /if ?></td>
      <td><?cs var:e.fields ?></td>
    </tr>
  <?cs /each ?>
  </tbody>
</table>
<nav class="paginas" aria-label="Páginas">
  <span>Página <?cs var:AuditNav.Page ?></span>
  <?cs if:AuditNav.More == "1" ?><a class="botao" href="/clientes/auditoria?usuario=<?cs var:url_escape(Args.usuario) ?>&amp;acao=<?cs var:url_escape(Args.acao) ?>&amp;cliente=<?cs var:url_escape(Args.cliente) ?>&amp;de=<?cs var:url_escape(Args.de) ?>&amp;ate=<?cs var:url_escape(Args.ate) ?>&amp;pagina=<?cs var:AuditNav.Next ?>" rel="next">Próxima</a><?cs /if ?>
</nav>
<?cs /if ?>
