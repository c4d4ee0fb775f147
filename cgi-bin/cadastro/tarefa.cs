<div class="cabecalho-pagina">
  <div>
    <p class="migalha"><a href="/clientes">Clientes</a> ›</p>
    <h1>Ação em lote</h1>
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
  <p class="aviso aviso-ok">Concluída: <?cs if:Job.changed == 1 ?>1 cadastro alterado<?cs else ?><?cs var:Job.changed_fmt ?> cadastros alterados<?cs /if ?><?cs if:Job.changed != Job.total ?> (os demais já estavam assim ou saíram da busca)<?cs /if ?>.</p>
  <?cs else ?>
  <p class="aviso aviso-erro">A ação parou com um erro depois de <?cs var:Job.done_fmt ?> de <?cs var:Job.total_fmt ?> cadastros. Os já alterados ficam assim; aplique de novo para os demais.</p>
  <?cs /if ?>
</section>
