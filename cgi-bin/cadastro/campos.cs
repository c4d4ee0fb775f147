<div class="cabecalho-pagina">
  <h1>Campos personalizados</h1>
  <div class="acoes-pagina"><a class="botao" href="/clientes">Voltar aos clientes</a></div>
</div>
<p class="discreto">Informações que o escritório quer guardar de cada cliente além das fixas. Aparecem no formulário, na ficha e nas exportações. Um campo obrigatório novo vale para os cadastros existentes na próxima vez que forem editados.</p>
<div class="ficha">
  <section class="cartao">
    <h2>Campos ativos</h2>
    <?cs if:!subcount(CustomFields) ?><p class="discreto">Nenhum campo personalizado ainda.</p><?cs else ?>
    <table class="tabela">
      <thead><tr><th>Nome</th><th>Tipo</th><th>Obrigatório</th><th>O cliente altera pelo link</th><th></th></tr></thead>
      <tbody>
      <?cs each:f = CustomFields ?>
        <tr>
          <td><?cs var:f.name ?><?cs if:f.help ?><br><span class="discreto"><?cs var:f.help ?></span><?cs /if ?></td>
          <td><?cs var:f.kind_label ?></td>
          <td><?cs if:f.required == "1" ?>Sim<?cs else ?>Não<?cs /if ?></td>
          <td><form method="post" action="/clientes/campos/<?cs var:f.id ?>/cliente" class="alternar"><input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><?cs if:f.client_editable == "1" ?>Sim <input type="hidden" name="valor" value="0"><button class="link" type="submit">não permitir</button><?cs else ?>Não <input type="hidden" name="valor" value="1"><button class="link" type="submit">permitir</button><?cs /if ?></form></td>
          <td class="acoes-linha"><form method="post" action="/clientes/campos/<?cs var:f.id ?>/desativar"><input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><button class="botao" type="submit">Desativar</button></form></td>
        </tr>
      <?cs /each ?>
      </tbody>
    </table>
    <?cs /if ?>
  </section>
  <section class="cartao">
    <h2>Novo campo</h2>
    <form method="post" action="/clientes/campos" class="formulario" novalidate>
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
      <label for="nome">Nome</label>
      <input id="nome" name="nome" type="text" maxlength="60" required value="<?cs var:Form.Values.nome ?>">
      <?cs if:Form.Errors.nome ?><p class="campo-erro"><?cs var:Form.Errors.nome ?></p><?cs /if ?>
      <label for="tipo">Tipo</label>
      <select id="tipo" name="tipo">
        <?cs each:k = Kinds ?><option value="<?cs var:k.id ?>"<?cs if:Form.Values.tipo == k.id ?> selected<?cs /if ?>><?cs var:k.name ?></option><?cs /each ?>
      </select>
      <?cs if:Form.Errors.tipo ?><p class="campo-erro"><?cs var:Form.Errors.tipo ?></p><?cs /if ?>
      <label for="dica">Dica <span class="discreto">(aparece abaixo do campo)</span></label>
      <input id="dica" name="dica" type="text" maxlength="200" value="<?cs var:Form.Values.dica ?>">
      <label for="opcoes">Opções <span class="discreto">(só para "Lista de opções": uma por linha)</span></label>
      <textarea id="opcoes" name="opcoes" rows="3"><?cs var:Form.Values.opcoes ?></textarea>
      <?cs if:Form.Errors.opcoes ?><p class="campo-erro"><?cs var:Form.Errors.opcoes ?></p><?cs /if ?>
      <label class="marca-opcao"><input type="checkbox" name="obrigatorio" value="1"<?cs if:Form.Values.obrigatorio == "1" ?> checked<?cs /if ?>> Obrigatório</label>
      <label class="marca-opcao"><input type="checkbox" name="cliente" value="1"<?cs if:Form.Values.cliente == "1" ?> checked<?cs /if ?>> O cliente pode alterar pelo link de atualização de cadastro</label>
      <button type="submit" class="botao botao-principal">Criar campo</button>
    </form>
  </section>
</div>
