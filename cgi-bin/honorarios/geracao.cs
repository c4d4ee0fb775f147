<div class="cabecalho-pagina">
  <div>
    <p class="migalha"><a href="/honorarios/recebimentos">Recebimentos</a> ›</p>
    <h1>Geração de honorários nº <?cs var:Run.number ?></h1>
    <p class="subtitulo">Competências <?cs var:Run.first ?><?cs if:Run.months > 1 ?> a <?cs var:Run.last ?><?cs /if ?>, pedida por <?cs var:Run.actor ?> em <?cs var:Run.at ?></p>
  </div>
</div>
<section class="cartao tarefa">
<?cs if:Run.status == "queued" || Run.status == "running" ?>
  <h2>Gerando…</h2>
  <progress max="100" value="<?cs var:Run.percent ?>"><?cs var:Run.percent ?>%</progress>
  <p><?cs var:Run.done ?> de <?cs var:Run.clients ?> clientes. Pode sair desta página: a geração continua.</p>
<?cs elif:Run.status == "failed" ?>
  <h2>A geração parou</h2>
  <p class="aviso aviso-erro"><?cs var:Run.error ?></p>
  <p><?cs var:Run.created ?> honorários foram gerados antes de parar; gerar de novo completa o que faltou sem repetir nada.</p>
<?cs else ?>
  <h2>Concluída</h2>
<?cs /if ?>
  <ul class="contagens">
    <li>Honorários gerados<strong id="gerados"><?cs var:Run.created ?></strong></li>
    <li>Total<strong id="gerados-total"><?cs var:Run.sum ?></strong></li>
    <li>Já existiam<strong id="ja-existiam"><?cs var:Run.skipped ?></strong></li>
    <li>Clientes<strong><?cs var:Run.clients ?></strong></li>
  </ul>
  <p><a class="botao botao-principal" href="/honorarios/recebimentos?geracao=<?cs var:Run.id ?>&amp;situacao=todos">Ver os honorários gerados</a></p>
</section>
