<div class="cabecalho-pagina">
  <div>
    <p class="migalha"><a href="/clientes">Clientes</a> ›</p>
    <h1>Plano de honorários para vários clientes</h1>
    <p class="subtitulo"><?cs var:Selection.count ?> <?cs if:Selection.total == "1" ?>cliente selecionado<?cs else ?>clientes selecionados<?cs /if ?></p>
  </div>
  <div class="acoes-pagina"><a class="botao" href="/honorarios/gerar?selecao=<?cs var:Selection.id ?>">Gerar honorários para eles</a></div>
</div>
<form class="cartao ficha-form" method="post" action="/honorarios/planos/lote">
  <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
  <input type="hidden" name="selecao" value="<?cs var:Selection.id ?>">
  <?cs include:"plano_campos.cs" ?>
  <label class="caixa"><input type="checkbox" name="tambem_com_plano" value="1"<?cs if:Form.Values.tambem_com_plano == "1" ?> checked<?cs /if ?>> Criar também para quem já tem plano ativo (um plano a mais)</label>
  <p class="discreto">Sem esta opção, quem já tem plano ativo fica como está. Cada plano criado fica registrado no histórico do cliente.</p>
  <p><button type="submit" class="botao botao-principal">Criar os planos</button></p>
</form>
