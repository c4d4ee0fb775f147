<?cs include:"recibo_corpo.cs" ?>
<p class="nao-imprimir"><button type="button" class="botao botao-principal imprimir" hidden>Imprimir</button> <a href="/portal/honorarios">Voltar aos honorários</a></p>
