<div class="cabecalho-pagina">
  <div>
    <p class="migalha"><a href="/clientes">Clientes</a> › <a href="/importacao">Importar planilha</a> ›</p>
    <h1><?cs var:Import.file_name ?></h1>
    <p class="discreto"><?cs var:Import.size ?> · enviado por <?cs var:Import.actor ?> em <?cs var:Import.created_at ?><?cs if:Import.seconds ?> · importado em <?cs var:Import.seconds ?><?cs /if ?></p>
  </div>
  <div class="acoes-pagina"><a class="botao" href="/importacao">Outra planilha</a> <a class="botao" href="/clientes">Ver os clientes</a></div>
</div>

<section class="cartao resultado" aria-labelledby="resultado-titulo">
  <?cs if:Import.status == "failed" ?>
  <h2 id="resultado-titulo">A importação parou</h2>
  <div class="aviso aviso-erro" role="alert"><?cs var:Import.error ?></div>
  <?cs elif:Import.status == "undone" ?>
  <h2 id="resultado-titulo">Importação desfeita</h2>
  <p>Desfeita por <?cs var:Import.undone_by ?> em <?cs var:Import.undone_at ?>: <?cs if:Import.undone == 1 ?>1 cadastro voltou ao que era<?cs else ?><?cs var:Import.undone_fmt ?> cadastros voltaram ao que eram<?cs /if ?> (os criados foram para a lixeira).</p>
  <?cs if:Import.kept > 0 ?>
  <p><?cs if:Import.kept == 1 ?><strong>1</strong> cadastro foi alterado depois da importação e ficou como está<?cs else ?><strong><?cs var:Import.kept_fmt ?></strong> cadastros foram alterados depois da importação e ficaram como estão<?cs /if ?> (no arquivo de resultado: “mantido”):</p>
  <div class="rolavel">
  <table class="tabela linhas mantidos">
    <thead><tr><th class="num">Linha</th><th>Cadastro</th><th>Por que ficou</th></tr></thead>
    <tbody><?cs each:k = Kept ?><tr><td class="num"><?cs var:k.line ?></td><td><?cs if:k.id ?><a href="/clientes/<?cs var:k.id ?>"><?cs var:k.name ?></a><?cs else ?>(excluído)<?cs /if ?></td><td><?cs var:k.why ?></td></tr><?cs /each ?></tbody>
  </table>
  </div>
  <?cs if:Import.kept > subcount(Kept) ?><p class="discreto">Os primeiros <?cs var:subcount(Kept) ?>; todos estão no arquivo de resultado.</p><?cs /if ?>
  <?cs /if ?>
  <?cs else ?>
  <h2 id="resultado-titulo">Importação concluída</h2>
  <?cs if:Import.error ?><div class="aviso aviso-erro" role="alert">O desfazer parou: <?cs var:Import.error ?></div><?cs /if ?>
  <?cs /if ?>
  <ul class="contagens">
    <li><strong><?cs var:Import.created_fmt ?></strong> criados</li>
    <li><strong><?cs var:Import.updated_fmt ?></strong> atualizados</li>
    <li><strong><?cs var:Import.unchanged_fmt ?></strong> sem mudança</li>
    <li<?cs if:Import.rejected > 0 ?> class="ruim"<?cs /if ?>><strong><?cs var:Import.rejected_fmt ?></strong> rejeitadas</li>
    <?cs if:Import.corrected > 0 ?><li><strong><?cs var:Import.corrected_fmt ?></strong> corrigidas</li><?cs /if ?>
  </ul>
  <p>Arquivo de resultado, com cada linha da planilha e o que aconteceu com ela: <a class="botao" href="/importacao/<?cs var:Import.id ?>/resultado">Baixar <?cs if:Import.format == "xlsx" ?>XLSX<?cs else ?>CSV<?cs /if ?></a></p>
  <?cs if:Import.rejected > 0 && Import.status != "undone" ?><p class="discreto">Para importar as rejeitadas: corrija-as no arquivo de resultado e envie-o de novo. As linhas que já entraram aparecem como “inalterado”.</p><?cs /if ?>
  <?cs if:subcount(Rejected) > 0 ?>
  <h3>Linhas rejeitadas ou com observação</h3>
  <div class="rolavel">
  <table class="tabela linhas">
    <thead><tr><th class="num">Linha</th><th>Resultado</th><th>Motivo</th></tr></thead>
    <tbody><?cs each:x = Rejected ?><tr><td class="num"><?cs var:x.line ?></td><td><?cs var:x.status ?></td><td class="motivo"><?cs var:x.message ?></td></tr><?cs /each ?></tbody>
  </table>
  </div>
  <?cs /if ?>
  <?cs if:(Import.status == "done" || Import.status == "failed") && Import.created + Import.updated > 0 ?>
  <details class="desfazer">
    <summary>Desfazer esta importação</summary>
    <p>Os cadastros criados por ela vão para a lixeira e os atualizados voltam aos valores de antes. Quem foi alterado depois da importação fica como está, e o resultado lista quem foi.</p>
    <form method="post" action="/importacao/<?cs var:Import.id ?>/desfazer">
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
      <button type="submit" class="botao botao-perigo">Sim, desfazer a importação</button>
    </form>
  </details>
  <?cs /if ?>
</section>
