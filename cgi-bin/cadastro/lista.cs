<div class="cabecalho-pagina">
  <h1>Clientes</h1>
  <div class="acoes-pagina">
    <?cs if:User.Admin == "1" ?><a class="botao" href="/clientes/campos">Campos</a> <a class="botao" href="/clientes/auditoria">Auditoria</a><?cs /if ?>
    <a class="botao" href="/clientes/lixeira">Lixeira</a>
    <a class="botao" href="/importacao">Importar planilha</a>
    <a class="botao botao-principal" href="/clientes/novo">Adicionar cliente</a>
  </div>
</div>

<?cs if:List.Total == 0 && List.Filtered == 0 && !List.Args.q ?>
<section class="cartao vazio">
  <h2>Nenhum cliente cadastrado ainda</h2>
  <p>Comece cadastrando um cliente ou traga a sua lista de uma planilha.</p>
  <p><a class="botao botao-principal" href="/clientes/novo">Adicionar cliente</a>
     <a class="botao" href="/importacao">Importar planilha</a></p>
</section>
<?cs else ?>
<form method="get" action="/clientes" class="busca" role="search">
  <label class="oculto" for="q">Buscar</label>
  <input id="q" name="q" type="search" value="<?cs var:List.Args.q ?>"<?cs if:List.Refused == 1 ?> aria-invalid="true" aria-describedby="flash"<?cs /if ?> placeholder="Nome, fantasia, CPF/CNPJ ou e-mail" autofocus>
  <select name="status" aria-label="Situação">
    <option value="">Todos</option>
    <option value="ativos"<?cs if:List.Args.status == "ativos" ?> selected<?cs /if ?>>Ativos</option>
    <option value="inativos"<?cs if:List.Args.status == "inativos" ?> selected<?cs /if ?>>Inativos</option>
  </select>
  <select name="tipo" aria-label="Tipo de cadastro">
    <option value="">Todos os tipos</option>
    <option value="cliente"<?cs if:List.Args.tipo == "cliente" ?> selected<?cs /if ?>>Clientes</option>
    <option value="fornecedor"<?cs if:List.Args.tipo == "fornecedor" ?> selected<?cs /if ?>>Fornecedores</option>
    <option value="prestador"<?cs if:List.Args.tipo == "prestador" ?> selected<?cs /if ?>>Prestadores de serviço</option>
    <option value="prospect"<?cs if:List.Args.tipo == "prospect" ?> selected<?cs /if ?>>Prospects</option>
  </select>
  <select name="pessoa" aria-label="Pessoa">
    <option value="">PF e PJ</option>
    <option value="PF"<?cs if:List.Args.pessoa == "PF" ?> selected<?cs /if ?>>Pessoa física</option>
    <option value="PJ"<?cs if:List.Args.pessoa == "PJ" ?> selected<?cs /if ?>>Pessoa jurídica</option>
    <option value="EX"<?cs if:List.Args.pessoa == "EX" ?> selected<?cs /if ?>>Estrangeiros</option>
  </select>
  <select name="regime" aria-label="Regime tributário">
    <option value="">Todos os regimes</option>
    <option value="mei"<?cs if:List.Args.regime == "mei" ?> selected<?cs /if ?>>MEI</option>
    <option value="simples"<?cs if:List.Args.regime == "simples" ?> selected<?cs /if ?>>Simples Nacional</option>
    <option value="presumido"<?cs if:List.Args.regime == "presumido" ?> selected<?cs /if ?>>Lucro Presumido</option>
    <option value="real"<?cs if:List.Args.regime == "real" ?> selected<?cs /if ?>>Lucro Real</option>
    <option value="imune"<?cs if:List.Args.regime == "imune" ?> selected<?cs /if ?>>Imune / Isento</option>
    <option value="na"<?cs if:List.Args.regime == "na" ?> selected<?cs /if ?>>Não se aplica</option>
  </select>
  <?cs if:subcount(Tags) ?>
  <select name="etiqueta" aria-label="Etiqueta">
    <option value="">Todas as etiquetas</option>
    <?cs each:t = Tags ?><option value="<?cs var:t.id ?>"<?cs if:List.Args.etiqueta == t.id ?> selected<?cs /if ?>><?cs var:t.name ?></option><?cs /each ?>
  </select>
  <?cs /if ?>
  <select name="responsavel" aria-label="Responsável">
    <option value="">Todos os responsáveis</option>
    <?cs each:s = Staff ?><option value="<?cs var:s.id ?>"<?cs if:List.Args.responsavel == s.id ?> selected<?cs /if ?>><?cs var:s.name ?></option><?cs /each ?>
  </select>
  <?cs each:f = Filters ?>
  <select name="<?cs var:f.param ?>" aria-label="<?cs var:f.name ?>">
    <option value=""><?cs var:f.name ?>: todos</option>
    <?cs if:f.yes_no == 1 ?>
    <option value="1"<?cs if:f.value == "1" ?> selected<?cs /if ?>><?cs var:f.name ?>: sim</option>
    <option value="0"<?cs if:f.value == "0" ?> selected<?cs /if ?>><?cs var:f.name ?>: não</option>
    <?cs else ?><?cs each:o = f.options ?>
    <option value="<?cs var:o ?>"<?cs if:string.length(f.value) && f.value == o ?> selected<?cs /if ?>><?cs var:f.name ?>: <?cs var:o ?></option>
    <?cs /each ?><?cs /if ?>
  </select>
  <?cs /each ?>
  <select name="ordem" aria-label="Ordem">
    <option value="">Ordem: nome</option>
    <option value="criado"<?cs if:List.Args.ordem == "criado" ?> selected<?cs /if ?>>Ordem: cadastro mais recente</option>
    <option value="alterado"<?cs if:List.Args.ordem == "alterado" ?> selected<?cs /if ?>>Ordem: alteração mais recente</option>
  </select>
  <button type="submit" class="botao botao-principal">Buscar</button>
  <?cs if:List.Filtered == 1 || List.Args.q ?><a class="botao" href="/clientes">Limpar</a><?cs /if ?>
</form>

<?cs if:List.Refused == 1 ?>
<section class="cartao vazio"><p>A busca não foi feita: corrija o que a mensagem acima indica, ou <a href="/clientes">veja todos os clientes</a>.</p></section>
<?cs else ?>
<div class="barra-lista">
  <p class="contagem" role="status"><?cs if:List.TotalCapped == 1 ?>Mais de 1.000 resultados<?cs elif:List.Total == 1 ?>1 resultado<?cs else ?><?cs var:List.TotalFmt ?> resultados<?cs /if ?></p>
  <div class="visoes">
    <a href="<?cs var:List.ExportUrl ?>">Exportar</a>
    <a href="<?cs var:List.ListViewUrl ?>"<?cs if:List.View != "cartoes" ?> aria-current="true"<?cs /if ?>>Lista</a>
    <a href="<?cs var:List.CardViewUrl ?>"<?cs if:List.View == "cartoes" ?> aria-current="true"<?cs /if ?>>Cartões</a>
  </div>
</div>


<?cs if:List.Count == 0 ?>
<section class="cartao vazio"><p>Nenhum cliente encontrado. Confira a busca ou <a href="/clientes">veja todos</a>.</p></section>
<?cs else ?>
<form method="post" action="/clientes/lote" class="lote">
  <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
  <?cs each:a = List.Args ?><?cs if:name(a) != "pagina" && name(a) != "visao" && name(a) != "ordem" && a ?><input type="hidden" name="<?cs var:name(a) ?>" value="<?cs var:a ?>"><?cs /if ?><?cs /each ?>
  <?cs each:a = List.Custom ?><input type="hidden" name="<?cs var:a.name ?>" value="<?cs var:a.value ?>"><?cs /each ?>
  <div class="barra-lote">
    <label><input type="checkbox" name="todos" value="1"> Todos os <?cs if:List.TotalCapped == 1 ?>resultados<?cs else ?><?cs var:List.TotalFmt ?><?cs /if ?> desta busca</label>
    <select name="acao" aria-label="Ação com os selecionados">
      <option value="">Com os selecionados…</option>
      <option value="ativar">Ativar</option>
      <option value="desativar">Desativar</option>
      <option value="etiquetar">Adicionar etiqueta</option>
      <option value="desetiquetar">Remover etiqueta</option>
      <option value="responsavel">Definir o responsável</option>
      <option value="lixeira">Mover para a lixeira</option>
      <option value="portal">Enviar acesso ao portal do cliente</option>
      <option value="atualizar">Atualizar cadastro (enviar link)…</option>
      <option value="exportar">Exportar…</option>
      <option value="plano">Definir plano de honorários…</option>
      <option value="honorarios">Gerar honorários…</option>
      <option value="reajuste">Reajustar honorários…</option>
    </select>
    <input name="etiqueta_nome" type="text" maxlength="60" placeholder="Etiqueta" aria-label="Etiqueta" list="etiquetas">
    <datalist id="etiquetas"><?cs each:t = Tags ?><option value="<?cs var:t.name ?>"><?cs /each ?></datalist>
    <select name="novo_responsavel" aria-label="Novo responsável">
      <option value="">Responsável…</option>
      <option value="nenhum">Ninguém</option>
      <?cs each:s = Staff ?><option value="<?cs var:s.id ?>"><?cs var:s.name ?></option><?cs /each ?>
    </select>
    <button type="submit" class="botao">Aplicar</button>
  </div>
<?cs if:List.View == "cartoes" ?>
  <ul class="cartoes">
  <?cs var:Part.rows ?>
  </ul>
<?cs else ?>
  <table class="tabela">
    <thead><tr><th class="sel"><span class="oculto">Selecionar</span></th><th>Nome</th><th>CPF/CNPJ</th><th>E-mail</th><th>Telefone</th><th>Cidade</th><th>Situação</th></tr></thead>
    <tbody>
    <?cs var:Part.rows ?>
    </tbody>
  </table>
<?cs /if ?>
</form>
<nav class="paginas" aria-label="Páginas">
  <?cs if:List.Page > 1 ?><a class="botao" href="<?cs var:List.PrevUrl ?>" rel="prev">Anterior</a><?cs /if ?>
  <span>Página <?cs var:List.Page ?><?cs if:List.TotalCapped == 0 ?> de <?cs var:List.Pages ?><?cs /if ?></span>
  <?cs if:List.Page < List.Pages ?><a class="botao" href="<?cs var:List.NextUrl ?>" rel="next">Próxima</a><?cs /if ?>
</nav>
<?cs /if ?>
<?cs /if ?>
<?cs /if ?>
