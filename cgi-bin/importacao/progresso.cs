<div class="cabecalho-pagina">
  <div>
    <p class="migalha"><a href="/clientes">Clientes</a> › <a href="/importacao">Importar planilha</a> ›</p>
    <h1><?cs var:Import.file_name ?></h1>
  </div>
</div>

<section class="cartao tarefa" aria-live="polite">
  <?cs if:Import.status == "checking" ?>
  <h2>Conferindo o arquivo</h2>
  <p>Cada linha é lida e validada como o formulário do cadastro faria; nada é gravado no cadastro ainda.
  <?cs if:Import.done > 0 ?><?cs var:Import.done_fmt ?> linhas conferidas<?cs if:Import.rate ?> (<?cs var:Import.rate_fmt ?> por segundo)<?cs /if ?>.<?cs /if ?></p>
  <progress aria-label="Conferência"></progress>
  <?cs elif:Import.status == "undoing" ?>
  <h2>Desfazendo a importação</h2>
  <p><?cs if:Import.undone == 1 ?>1 cadastro desfeito<?cs else ?><?cs var:Import.undone_fmt ?> cadastros desfeitos<?cs /if ?><?cs if:Import.kept == 1 ?>, 1 mantido (alterado depois da importação)<?cs elif:Import.kept > 1 ?>, <?cs var:Import.kept_fmt ?> mantidos (alterados depois da importação)<?cs /if ?>.</p>
  <progress aria-label="Desfazendo"></progress>
  <?cs else ?>
  <h2><?cs if:Import.status == "queued" ?>Na fila: começa em instantes<?cs else ?>Importando<?cs /if ?></h2>
  <p><?cs var:Import.done_fmt ?> de <?cs var:Import.total_fmt ?> linhas<?cs if:Import.rate ?> · <?cs var:Import.rate_fmt ?> linhas por segundo<?cs /if ?><?cs if:Import.left ?> · faltam cerca de <?cs var:Import.left ?><?cs /if ?>.</p>
  <progress max="100" value="<?cs var:Import.percent ?>" aria-label="Importação"><?cs var:Import.percent ?>%</progress>
  <p class="discreto">Criados até agora: <?cs var:Import.created_fmt ?> · atualizados: <?cs var:Import.updated_fmt ?> · rejeitados: <?cs var:Import.rejected_fmt ?></p>
  <?cs /if ?>
  <p class="discreto">Esta página se atualiza sozinha. Pode fechar ou continuar trabalhando em outra aba: o trabalho continua no servidor.</p>
</section>
