<div class="cabecalho-pagina">
  <div>
    <p class="migalha"><a href="/clientes">Clientes</a> ›</p>
    <h1>Importar planilha</h1>
  </div>
  <div class="acoes-pagina"><a class="botao" href="/clientes">Voltar aos clientes</a></div>
</div>

<form class="cartao importar-envio" method="post" action="/importacao" enctype="multipart/form-data">
  <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
  <h2>1. Envie a planilha</h2>
  <p>CSV (como o Excel e o LibreOffice salvam, com <strong>;</strong> ou <strong>,</strong>) ou XLSX, até <?cs var:Upload.max ?>. A primeira linha deve ter os nomes das colunas. Nada é gravado antes de você conferir o que vai acontecer.</p>
  <div class="campo<?cs if:Form.Errors.arquivo ?> com-erro<?cs /if ?>">
    <label for="arquivo">Arquivo</label>
    <input type="file" id="arquivo" name="arquivo" accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required<?cs if:Form.Errors.arquivo ?> aria-invalid="true" aria-describedby="arquivo-erro"<?cs /if ?>>
    <?cs if:Form.Errors.arquivo ?><p class="campo-erro" id="arquivo-erro" role="alert"><?cs var:Form.Errors.arquivo ?></p><?cs /if ?>
  </div>
  <p><button type="submit" class="botao botao-principal">Enviar e conferir</button></p>
  <p class="discreto">Não tem uma planilha pronta? Baixe o modelo com as colunas que o cadastro entende e um exemplo: <a href="/importacao/modelo?formato=csv">modelo CSV</a> · <a href="/importacao/modelo?formato=xlsx">modelo XLSX</a>. Colunas de senha ou login nunca são importadas.</p>
</form>

<section class="cartao">
  <h2>Importações anteriores</h2>
  <?cs if:subcount(History) == 0 ?>
  <p class="discreto">Nenhuma importação ainda.</p>
  <?cs else ?>
  <div class="rolavel">
  <table class="tabela">
    <thead><tr><th>Quando</th><th>Arquivo</th><th class="num">Linhas</th><th>Resultado</th><th>Situação</th></tr></thead>
    <tbody>
    <?cs each:h = History ?><tr><td class="nowrap"><a href="/importacao/<?cs var:h.id ?>"><?cs var:h.at ?></a><br><span class="discreto"><?cs var:h.actor ?></span></td><td><?cs var:h.file_name ?><br><span class="discreto"><?cs var:h.encoding ?></span></td><td class="num"><?cs var:h.total ?></td><td><?cs if:h.status == "done" || h.status == "undone" ?><?cs var:h.created ?> criados, <?cs var:h.updated ?> atualizados, <?cs var:h.unchanged ?> sem mudança<?cs if:h.rejected != "0" ?>, <?cs var:h.rejected ?> rejeitadas<?cs /if ?><?cs else ?><span class="discreto">—</span><?cs /if ?></td><td><?cs var:h.status_label ?><?cs if:h.status == "draft" && h.error ?><br><span class="discreto"><?cs var:h.error ?></span><?cs elif:h.status == "undone" && h.undone_at ?><br><span class="discreto">por <?cs var:h.undone_by ?> em <?cs var:h.undone_at ?></span><?cs elif:h.duration ?><br><span class="discreto">em <?cs var:h.duration ?></span><?cs /if ?></td></tr>
    <?cs /each ?>
    </tbody>
  </table>
  </div>
  <?cs /if ?>
</section>
