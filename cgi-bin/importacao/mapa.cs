<div class="cabecalho-pagina">
  <div>
    <p class="migalha"><a href="/clientes">Clientes</a> › <a href="/importacao">Importar planilha</a> ›</p>
    <h1><?cs var:Import.file_name ?></h1>
    <p class="discreto"><?cs var:Import.size ?> · <?cs if:Import.format == "xlsx" ?>planilha XLSX<?cs else ?>CSV, <?cs var:Import.encoding_label ?>, separador <?cs var:Import.delimiter_label ?><?cs /if ?> · enviado por <?cs var:Import.actor ?> em <?cs var:Import.created_at ?></p>
  </div>
  <div class="acoes-pagina"><a class="botao" href="/importacao">Outra planilha</a></div>
</div>

<?cs if:SameFile.at ?><div class="aviso aviso-aviso" role="status">Este arquivo já foi importado em <?cs var:SameFile.at ?> por <?cs var:SameFile.actor ?>. Importar de novo não duplica ninguém: quem já está no cadastro é reconhecido pelo CPF/CNPJ.</div><?cs /if ?>
<?cs if:Import.error ?><div class="aviso aviso-erro" role="alert">A conferência parou: <?cs var:Import.error ?></div><?cs /if ?>
<?cs if:Read.error ?><div class="aviso aviso-erro" role="alert">Não foi possível ler o arquivo com estas escolhas: <?cs var:Read.error ?></div><?cs /if ?>

<?cs if:Import.status == "checked" ?>
<section class="cartao previa" aria-labelledby="previa-titulo">
  <h2 id="previa-titulo">3. O que vai acontecer</h2>
  <p>Conferidas <strong><?cs var:Import.total_fmt ?></strong> linhas de dados. Nada foi gravado ainda.</p>
  <ul class="contagens">
    <li><strong><?cs var:Import.created_fmt ?></strong> a criar</li>
    <li><strong><?cs var:Import.updated_fmt ?></strong> a atualizar</li>
    <li><strong><?cs var:Import.unchanged_fmt ?></strong> sem mudança</li>
    <li<?cs if:Import.rejected > 0 ?> class="ruim"<?cs /if ?>><strong><?cs var:Import.rejected_fmt ?></strong> rejeitadas</li>
    <?cs if:Import.duplicates > 0 ?><li class="ruim"><strong><?cs var:Import.duplicates_fmt ?></strong> das rejeitadas: repetidas no arquivo</li><?cs /if ?>
    <?cs if:Import.corrected > 0 ?><li><strong><?cs var:Import.corrected_fmt ?></strong> corrigidas (zeros à esquerda do documento ou do CEP)</li><?cs /if ?>
    <?cs if:Import.in_trash > 0 ?><li class="ruim"><strong><?cs var:Import.in_trash_fmt ?></strong> com o documento de um cadastro da lixeira<?cs if:Options.restore ?>: serão restaurados<?cs /if ?></li><?cs /if ?>
  </ul>
  <?cs if:Import.in_trash > 0 && !Options.restore ?><div class="aviso aviso-aviso" role="status"><?cs if:Import.in_trash == 1 ?>1 linha tem o CPF/CNPJ de um cadastro que está na lixeira: importada assim, ela cria um cadastro novo, e o documento fica em dois cadastros<?cs else ?><?cs var:Import.in_trash_fmt ?> linhas têm o CPF/CNPJ de cadastros que estão na lixeira: importadas assim, elas criam cadastros novos, e cada documento fica em dois cadastros<?cs /if ?>. Para trazer os da lixeira de volta, atualizados pela planilha, marque “Restaurar da lixeira em vez de criar” abaixo e confira de novo. As linhas estão na lista abaixo.</div><?cs /if ?>
  <?cs if:subcount(Rejected) > 0 ?>
  <h3>Linhas rejeitadas ou com observação<?cs if:subcount(Rejected) == 200 ?> (as primeiras 200; todas estão no arquivo de conferência)<?cs /if ?></h3>
  <div class="rolavel">
  <table class="tabela linhas">
    <thead><tr><th class="num">Linha</th><th>Vai ser</th><th>Motivo</th></tr></thead>
    <tbody><?cs each:x = Rejected ?><tr><td class="num"><?cs var:x.line ?></td><td><?cs if:x.status == "rejeitado" ?>rejeitada<?cs else ?><?cs var:x.status ?><?cs /if ?></td><td class="motivo"><?cs var:x.message ?></td></tr><?cs /each ?></tbody>
  </table>
  </div>
  <?cs /if ?>
  <p class="discreto">Baixe a conferência com cada linha e o que acontecerá com ela: <a href="/importacao/<?cs var:Import.id ?>/resultado"><?cs if:Import.format == "xlsx" ?>XLSX<?cs else ?>CSV<?cs /if ?></a>.</p>
  <form method="post" action="/importacao/<?cs var:Import.id ?>/importar" class="acoes">
    <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
    <input type="hidden" name="fase" value="<?cs var:Import.phase ?>">
    <?cs if:Import.created + Import.updated > 0 ?>
    <button type="submit" class="botao botao-principal">Importar: criar <?cs var:Import.created_fmt ?> e atualizar <?cs var:Import.updated_fmt ?></button>
    <span class="discreto">As linhas rejeitadas ficam de fora. A importação pode ser desfeita depois.</span>
    <?cs else ?>
    <p>Não há nada a criar nem a atualizar com estas escolhas.</p>
    <?cs /if ?>
  </form>
</section>
<?cs /if ?>

<form method="post" action="/importacao/<?cs var:Import.id ?>/mapa" class="cartao mapa">
  <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
  <h2><?cs if:Import.status == "checked" ?>De volta ao passo 2: mude as escolhas e confira de novo<?cs else ?>2. Confira como cada coluna será lida<?cs /if ?></h2>

  <fieldset class="opcoes">
    <legend>Arquivo</legend>
    <?cs if:Import.format == "xlsx" ?>
    <?cs if:subcount(Sheets) > 1 ?>
    <label for="aba">Aba</label>
    <select id="aba" name="aba"><?cs each:s = Sheets ?><option value="<?cs var:name(s) ?>"<?cs if:name(s) == Options.sheet ?> selected<?cs /if ?>><?cs var:s ?></option><?cs /each ?></select>
    <?cs else ?><p class="discreto">Planilha com uma aba: <?cs var:Sheets.0 ?>.</p><?cs /if ?>
    <?cs else ?>
    <label for="codificacao">Codificação</label>
    <select id="codificacao" name="codificacao">
      <option value="utf8"<?cs if:Options.encoding == "utf8" ?> selected<?cs /if ?>>UTF-8</option>
      <option value="utf8bom"<?cs if:Options.encoding == "utf8bom" ?> selected<?cs /if ?>>UTF-8 com BOM</option>
      <option value="cp1252"<?cs if:Options.encoding == "cp1252" ?> selected<?cs /if ?>>Windows-1252 (Excel)</option>
      <option value="utf16le"<?cs if:Options.encoding == "utf16le" ?> selected<?cs /if ?>>UTF-16 LE</option>
      <option value="utf16be"<?cs if:Options.encoding == "utf16be" ?> selected<?cs /if ?>>UTF-16 BE</option>
    </select>
    <label for="separador">Separador</label>
    <select id="separador" name="separador">
      <option value=";"<?cs if:Options.delimiter == ";" ?> selected<?cs /if ?>>ponto e vírgula (;)</option>
      <option value=","<?cs if:Options.delimiter == "," ?> selected<?cs /if ?>>vírgula (,)</option>
      <option value="tab"<?cs if:Options.delimiter == "	" ?> selected<?cs /if ?>>tabulação</option>
      <option value="|"<?cs if:Options.delimiter == "|" ?> selected<?cs /if ?>>barra vertical (|)</option>
    </select>
    <span class="discreto">Acentos estranhos nos exemplos abaixo? Troque a codificação e salve.</span>
    <?cs /if ?>
  </fieldset>

  <div class="rolavel">
  <table class="tabela colunas">
    <thead><tr><th>Coluna da planilha</th><th>Vai para</th><th>Primeiras linhas</th></tr></thead>
    <tbody>
    <?cs each:c = Columns ?><tr<?cs if:c.target == "" ?> class="ignorada"<?cs /if ?>>
      <th scope="row"><label for="col_<?cs var:name(c) ?>"><?cs if:c.header ?><?cs var:c.header ?><?cs else ?>(sem nome)<?cs /if ?></label></th>
      <td><?cs if:c.secret ?><input type="hidden" name="col_<?cs var:name(c) ?>" value="segredo"><span class="selo">Não importada: senha ou login</span><?cs else ?>
        <select id="col_<?cs var:name(c) ?>" name="col_<?cs var:name(c) ?>">
          <option value=""<?cs if:c.target == "" ?> selected<?cs /if ?>>Ignorar esta coluna</option>
          <?cs each:t = Targets ?><option value="<?cs var:t.value ?>"<?cs if:t.value == c.target ?> selected<?cs /if ?>><?cs var:t.label ?></option><?cs /each ?>
        </select><?cs /if ?></td>
      <td class="exemplos"><?cs each:s = Samples ?><?cs if:s.cells[name(c)] ?><span><?cs var:s.cells[name(c)] ?></span><?cs /if ?><?cs /each ?></td>
    </tr><?cs /each ?>
    </tbody>
  </table>
  </div>
  <?cs if:Mapping.unmapped > 0 ?><p class="discreto"><?cs var:Mapping.unmapped ?> coluna<?cs if:Mapping.unmapped > 1 ?>s<?cs /if ?> sem destino: ficam de fora, a não ser que você escolha um campo para ela<?cs if:Mapping.unmapped > 1 ?>s<?cs /if ?>.</p><?cs /if ?>

  <fieldset class="opcoes">
    <legend>Atualizar registros existentes?</legend>
    <label class="marca-opcao"><input type="radio" name="atualizar" value="nao"<?cs if:Import.update != "1" ?> checked<?cs /if ?>> Não: quem já está no cadastro (mesmo CPF/CNPJ) fica como está, e a linha é listada</label>
    <label class="marca-opcao"><input type="radio" name="atualizar" value="sim"<?cs if:Import.update == "1" ?> checked<?cs /if ?>> Sim: atualizar os campos marcados abaixo</label>
    <div class="subopcoes">
      <p>Campos que podem ser atualizados:</p>
      <?cs each:f = UpdateFields ?><label class="marca-opcao"><input type="checkbox" name="campos" value="<?cs var:f.value ?>"<?cs if:f.checked ?> checked<?cs /if ?>> <?cs var:f.label ?></label><?cs /each ?>
      <label class="marca-opcao"><input type="checkbox" name="chave_email" value="1"<?cs if:Options.key_email ?> checked<?cs /if ?>> Sem CPF/CNPJ na linha, procurar o cadastro pelo e-mail</label>
      <label class="marca-opcao"><input type="checkbox" name="apagar_vazios" value="1"<?cs if:Options.erase ?> checked<?cs /if ?>> Uma célula vazia apaga o valor guardado (sem marcar, células vazias não mudam nada)</label>
    </div>
  </fieldset>

  <fieldset class="opcoes">
    <legend>Cadastros na lixeira</legend>
    <label class="marca-opcao"><input type="checkbox" name="restaurar" value="1"<?cs if:Options.restore ?> checked<?cs /if ?>> Restaurar da lixeira em vez de criar: uma linha com o CPF/CNPJ de um cadastro que está na lixeira traz esse cadastro de volta, atualizado pela linha, em vez de criar outro com o mesmo documento.</label>
  </fieldset>

  <fieldset class="opcoes">
    <legend>Valores inválidos</legend>
    <label class="marca-opcao"><input type="checkbox" name="sem_invalidos" value="1"<?cs if:Options.skip_invalid ?> checked<?cs /if ?>> Importar sem o valor inválido (um e-mail ou telefone que o formulário recusaria fica de fora, e o arquivo de resultado diz qual). Sem marcar, a linha é rejeitada.</label>
  </fieldset>

  <fieldset class="opcoes">
    <legend>Para as linhas que não dizem</legend>
    <p>Situação:
      <label class="marca-opcao"><input type="radio" name="ativo" value="1"<?cs if:Options.active == "1" ?> checked<?cs /if ?>> Ativo</label>
      <label class="marca-opcao"><input type="radio" name="ativo" value="0"<?cs if:Options.active == "0" ?> checked<?cs /if ?>> Inativo</label></p>
    <p>Tipo de cadastro:
      <label class="marca-opcao"><input type="checkbox" name="tipos" value="cliente"<?cs if:Options.type.cliente ?> checked<?cs /if ?>> Cliente</label>
      <label class="marca-opcao"><input type="checkbox" name="tipos" value="fornecedor"<?cs if:Options.type.fornecedor ?> checked<?cs /if ?>> Fornecedor</label>
      <label class="marca-opcao"><input type="checkbox" name="tipos" value="prestador"<?cs if:Options.type.prestador ?> checked<?cs /if ?>> Prestador de serviço</label>
      <label class="marca-opcao"><input type="checkbox" name="tipos" value="prospect"<?cs if:Options.type.prospect ?> checked<?cs /if ?>> Prospect</label></p>
    <div class="campo">
      <label for="etiqueta">Etiqueta</label>
      <input type="text" id="etiqueta" name="etiqueta" maxlength="60" value="<?cs var:Options.tag ?>" placeholder="por exemplo: Importados em dezembro">
    </div>
    <div class="campo">
      <label for="responsavel">Responsável</label>
      <select id="responsavel" name="responsavel">
        <option value="0">Ninguém</option>
        <?cs each:s = Staff ?><option value="<?cs var:s.id ?>"<?cs if:s.id == Options.responsible ?> selected<?cs /if ?>><?cs var:s.name ?></option><?cs /each ?>
      </select>
    </div>
  </fieldset>

  <p class="acoes">
    <button type="submit" class="botao botao-principal">Conferir o arquivo</button>
    <button type="submit" name="salvar" value="1" class="botao">Só salvar as escolhas</button>
    <span class="discreto">Conferir lê o arquivo inteiro e mostra o que aconteceria, sem gravar nada.</span>
  </p>
</form>
