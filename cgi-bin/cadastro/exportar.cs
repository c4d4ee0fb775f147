<div class="cabecalho-pagina">
  <h1>Exportar clientes</h1>
  <div class="acoes-pagina"><a class="botao" href="/clientes">Voltar aos clientes</a></div>
</div>
<form method="get" action="/clientes/exportar" class="cartao exportar">
  <?cs each:a = Args ?><input type="hidden" name="<?cs var:name(a) ?>" value="<?cs var:a ?>"><?cs /each ?>
  <?cs each:i = Ids ?><input type="hidden" name="ids" value="<?cs var:i ?>"><?cs /each ?>
  <p class="discreto"><?cs if:IdsCount == 1 ?>O cliente selecionado na lista<?cs elif:IdsCount > 1 ?>Os <?cs var:IdsCount ?> clientes selecionados na lista<?cs elif:subcount(Args) ?>Os clientes da busca e dos filtros da lista<?cs else ?>Todos os clientes fora da lixeira<?cs /if ?>. Os da lixeira nunca vão na exportação.</p>
  <fieldset class="opcoes">
    <legend>Formato</legend>
    <label class="marca-opcao"><input type="radio" name="formato" value="csv" checked> CSV (abre no Excel)</label>
    <label class="marca-opcao"><input type="radio" name="formato" value="xlsx"> Planilha XLSX</label>
    <label class="marca-opcao"><input type="radio" name="formato" value="xml"> XML</label>
  </fieldset>
  <fieldset class="opcoes campos-exportar">
    <legend>Campos <span class="discreto">(nenhum marcado: todos)</span></legend>
    <?cs each:f = ExportFields ?><label class="marca-opcao"><input type="checkbox" name="campos" value="<?cs var:f.field ?>"> <?cs var:f.label ?></label><?cs /each ?>
  </fieldset>
  <button type="submit" class="botao botao-principal">Baixar</button>
</form>
