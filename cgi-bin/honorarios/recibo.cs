<p class="migalha nao-imprimir"><a href="/honorarios/<?cs var:Receipt.id ?>">‹ Voltar ao honorário</a></p>
<?cs include:"recibo_corpo.cs" ?>
<p class="nao-imprimir"><button type="button" class="botao botao-principal imprimir" hidden>Imprimir</button> <span class="discreto">ou use Ctrl+P; o recibo sai numa folha A4.</span></p>
<?cs # The print button's one line of script (the staff layout loads none). ?>
<script src="/static/js/portal.js" defer></script>
