<div class="cabecalho-pagina">
  <div>
    <p class="migalha"><a href="/clientes">Clientes</a> ›</p>
    <h1><?cs if:Job.links ?>Envio de atualização de cadastro<?cs else ?>Ação em lote<?cs /if ?></h1>
  </div>
  <div class="acoes-pagina"><a class="botao" href="/clientes">Voltar aos clientes</a></div>
</div>

<section class="cartao tarefa" aria-live="polite">
  <h2><?cs var:Job.action ?><?cs if:Job.tag ?> “<?cs var:Job.tag ?>”<?cs /if ?> em <?cs var:Job.total_fmt ?> <?cs if:Job.total == 1 ?>cadastro<?cs else ?>cadastros<?cs /if ?></h2>
  <?cs if:Job.status == "queued" ?>
  <p>Na fila: começa em instantes. Esta página se atualiza sozinha; pode continuar trabalhando em outra aba.</p>
  <?cs elif:Job.status == "running" ?>
  <p>Em andamento: <?cs var:Job.done_fmt ?> de <?cs var:Job.total_fmt ?>. Esta página se atualiza sozinha.</p>
  <progress max="<?cs var:Job.total ?>" value="<?cs var:Job.done ?>"><?cs var:Job.done ?> de <?cs var:Job.total ?></progress>
  <?cs elif:Job.status == "done" ?>
  <?cs if:Job.links ?>
  <p class="aviso aviso-ok">Enviado: <?cs if:Job.changed == 1 ?>1 link<?cs else ?><?cs var:Job.changed_fmt ?> links<?cs /if ?> na fila de e-mail<?cs if:Job.changed != Job.total ?> (os demais não têm e-mail ou foram para a lixeira)<?cs /if ?>.</p>
  <?cs else ?>
  <p class="aviso aviso-ok">Concluída: <?cs if:Job.changed == 1 ?>1 cadastro alterado<?cs else ?><?cs var:Job.changed_fmt ?> cadastros alterados<?cs /if ?><?cs if:Job.changed != Job.total ?> (os demais já estavam assim ou saíram da busca)<?cs /if ?>.</p>
  <?cs /if ?>
  <?cs else ?>
  <p class="aviso aviso-erro">A ação parou com um erro depois de <?cs var:Job.done_fmt ?> de <?cs var:Job.total_fmt ?> cadastros. Os já alterados ficam assim; aplique de novo para os demais.</p>
  <?cs /if ?>
</section>

<?cs if:Job.links && Job.status != "queued" && Job.status != "running" ?>
<section class="cartao envio" aria-labelledby="envio-titulo">
  <h2 id="envio-titulo">Como está cada link</h2>
  <ul class="contagens-envio">
    <li><a href="/clientes/tarefas/<?cs var:Job.id ?>"<?cs if:!Sending.filter ?> aria-current="true"<?cs /if ?>>Todos <strong><?cs var:Sending.total ?></strong></a></li>
    <?cs each:s = Sending.State ?><?cs if:Sending.Count[name(s)] ?>
    <li><a href="/clientes/tarefas/<?cs var:Job.id ?>?estado=<?cs var:url_escape(s) ?>"<?cs if:Sending.filter == s ?> aria-current="true"<?cs /if ?>><?cs var:s ?> <strong><?cs var:Sending.Count[name(s)] ?></strong></a></li>
    <?cs /if ?><?cs /each ?>
  </ul>
  <?cs if:Sending.chase > 0 ?>
  <form method="post" action="/clientes/tarefas/<?cs var:Job.id ?>/reenviar" class="reenviar">
    <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
    <button type="submit" class="botao">Lembrar quem não concluiu (<?cs var:Sending.chase ?>)</button>
    <span class="discreto">Cada um recebe um link novo, e o anterior deixa de valer.</span>
  </form>
  <?cs /if ?>
  <?cs if:Sending.unreachable > 0 ?>
  <p class="discreto"><?cs var:Sending.unreachable ?> <?cs if:Sending.unreachable == 1 ?>cliente com link em aberto não será lembrado: está<?cs else ?>clientes com link em aberto não serão lembrados: estão<?cs /if ?> na lixeira ou sem e-mail no cadastro.</p>
  <?cs /if ?>
  <?cs if:subcount(Sending.Rows) ?>
  <table class="tabela-simples">
    <thead><tr><th scope="col">Cliente</th><th scope="col">E-mail</th><th scope="col">Situação</th><th scope="col">Concluído em</th></tr></thead>
    <tbody><?cs each:q = Sending.Rows ?>
      <tr><td><a href="/clientes/<?cs var:q.client ?>#atualizar"><?cs var:q.name ?></a></td><td class="email"><?cs call:email(q.email) ?></td>
        <td><span class="selo<?cs if:q.state == "concluído" ?> selo-ok<?cs elif:q.state == "não entregue" ?> selo-erro<?cs /if ?>"><?cs var:q.state ?></span></td>
        <td><?cs if:q.completed ?><?cs var:q.completed ?> (<?cs if:q.changes == "0" ?>sem alterações<?cs elif:q.changes == "1" ?>1 alteração<?cs else ?><?cs var:q.changes ?> alterações<?cs /if ?>)<?cs /if ?></td></tr><?cs /each ?>
    </tbody>
  </table>
  <nav class="paginas" aria-label="Páginas">
    <?cs if:Sending.prev ?><a class="botao" href="/clientes/tarefas/<?cs var:Job.id ?>?<?cs if:Sending.filter ?>estado=<?cs var:url_escape(Sending.filter) ?>&amp;<?cs /if ?>pagina=<?cs var:Sending.prev ?>">Anterior</a><?cs /if ?>
    <?cs if:Sending.next ?><a class="botao" href="/clientes/tarefas/<?cs var:Job.id ?>?<?cs if:Sending.filter ?>estado=<?cs var:url_escape(Sending.filter) ?>&amp;<?cs /if ?>pagina=<?cs var:Sending.next ?>">Próxima</a><?cs /if ?>
  </nav>
  <?cs else ?>
  <p class="discreto">Nenhum link nesta situação.</p>
  <?cs /if ?>
</section>
<?cs /if ?>
