<div class="cabecalho-pagina">
  <div>
    <p class="migalha"><a href="/clientes">Clientes</a> ›</p>
    <h1><?cs var:Client.nome ?></h1>
    <?cs if:Client.fantasia ?><p class="discreto"><?cs var:Client.fantasia ?></p><?cs /if ?>
    <div class="selos">
      <span class="selo"><?cs var:Client.tipo_fmt ?></span>
      <?cs if:Client.ativo == "1" ?><span class="selo selo-ok">Ativo</span><?cs else ?><span class="selo">Inativo</span><?cs /if ?>
      <?cs if:Client.cliente == "1" ?><span class="selo">Cliente</span><?cs /if ?>
      <?cs if:Client.fornecedor == "1" ?><span class="selo">Fornecedor</span><?cs /if ?>
      <?cs if:Client.prestador == "1" ?><span class="selo">Prestador de serviço</span><?cs /if ?>
      <?cs if:Client.prospect == "1" ?><span class="selo">Prospect</span><?cs /if ?>
      <?cs each:t = ClientTags ?><span class="selo selo-etiqueta"><a href="/clientes?etiqueta=<?cs var:url_escape(t.id) ?>"><?cs var:t.name ?></a><?cs if:Client.trashed != "1" ?><form method="post" action="/clientes/<?cs var:Client.id ?>/etiquetas" class="tirar-etiqueta"><input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><input type="hidden" name="acao" value="remover"><input type="hidden" name="etiqueta_nome" value="<?cs var:t.name ?>"><button type="submit" title="Remover a etiqueta <?cs var:t.name ?>" aria-label="Remover a etiqueta <?cs var:t.name ?>">×</button></form><?cs /if ?></span><?cs /each ?>
    </div>
    <?cs if:Client.trashed != "1" ?>
    <form method="post" action="/clientes/<?cs var:Client.id ?>/etiquetas" class="nova-etiqueta">
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
      <input name="etiqueta_nome" type="text" maxlength="60" value="<?cs var:Form.Values.etiqueta_nome ?>" placeholder="Nova etiqueta" aria-label="Nova etiqueta" list="etiquetas-escritorio">
      <datalist id="etiquetas-escritorio"><?cs each:t = Tags ?><option value="<?cs var:t.name ?>"><?cs /each ?></datalist>
      <button type="submit" class="botao">Etiquetar</button>
    </form>
    <?cs /if ?>
  </div>
  <div class="acoes-pagina">
    <?cs if:Client.trashed == "1" ?>
      <form method="post" action="/clientes/<?cs var:Client.id ?>/restaurar"><input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><button class="botao botao-principal" type="submit">Restaurar</button></form>
      <?cs if:User.Admin == "1" ?>
      <form method="post" action="/clientes/<?cs var:Client.id ?>/excluir" class="confirmar-exclusao">
        <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
        <label><input type="checkbox" name="confirmar" value="1" required> Excluir para sempre</label>
        <button class="botao botao-perigo" type="submit">Excluir definitivamente</button>
      </form>
      <?cs /if ?>
    <?cs else ?>
      <a class="botao botao-principal" href="/clientes/<?cs var:Client.id ?>/editar">Editar</a>
      <?cs if:Client.ativo == "1" ?>
      <form method="post" action="/clientes/<?cs var:Client.id ?>/desativar"><input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><button class="botao" type="submit">Desativar</button></form>
      <?cs else ?>
      <form method="post" action="/clientes/<?cs var:Client.id ?>/ativar"><input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><button class="botao" type="submit">Ativar</button></form>
      <?cs /if ?>
      <form method="post" action="/clientes/<?cs var:Client.id ?>/lixeira"><input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><button class="botao" type="submit">Mover para a lixeira</button></form>
    <?cs /if ?>
  </div>
</div>

<?cs if:Client.observacao ?><div class="observacao-fixa"><strong>Observação:</strong> <?cs var:Client.observacao ?></div><?cs /if ?>

<?cs if:subcount(UpdatePending) ?>
<section class="cartao aprovacao" id="aprovacao" aria-labelledby="aprovacao-titulo">
  <h2 id="aprovacao-titulo">Alterações enviadas pelo cliente, à espera de aprovação</h2>
  <?cs each:g = UpdatePending ?>
  <form method="post" action="/clientes/<?cs var:Client.id ?>/atualizar/decidir" class="decidir">
    <input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><input type="hidden" name="pedido" value="<?cs var:g.request ?>">
    <p class="discreto">Enviadas pelo link de atualização em <?cs var:g.at ?>. Nada muda no cadastro até que sejam aprovadas.</p>
    <table class="tabela-simples">
      <thead><tr><th scope="col">Campo</th><th scope="col">Valor atual</th><th scope="col">Enviado pelo cliente</th><th scope="col">Decisão</th></tr></thead>
      <tbody><?cs each:p = g.Changes ?>
        <tr><th scope="row"><?cs var:p.label ?></th><td class="antes"><?cs if:p.old ?><?cs var:p.old ?><?cs else ?><span class="discreto">(vazio)</span><?cs /if ?></td><td class="novo"><?cs if:p.new ?><?cs var:p.new ?><?cs else ?><span class="discreto">(vazio)</span><?cs /if ?></td>
          <td class="decisao"><label><input type="radio" name="d_<?cs var:p.field ?>" value="aprovar" checked> Aprovar</label> <label><input type="radio" name="d_<?cs var:p.field ?>" value="recusar"> Recusar</label></td></tr><?cs /each ?>
      </tbody>
    </table>
    <button type="submit" class="botao botao-principal">Aplicar decisões</button>
  </form>
  <?cs /each ?>
</section>
<?cs /if ?>

<div class="ficha">
  <section class="cartao">
    <?cs if:Client.documento || Client.pais || Client.nascimento || Client.inscricao_estadual || Client.inscricao_municipal || Client.regime || Client.responsavel ?>
    <h2>Dados</h2>
    <dl class="dados">
      <?cs if:Client.documento ?><dt><?cs if:Client.tipo == "PF" ?>CPF<?cs elif:Client.tipo == "PJ" ?>CNPJ<?cs else ?>Documento<?cs /if ?></dt><dd class="doc"><?cs var:Client.documento_fmt ?></dd><?cs /if ?>
      <?cs if:Client.pais ?><dt>País</dt><dd><?cs var:Client.pais ?></dd><?cs /if ?>
      <?cs if:Client.nascimento ?><dt><?cs if:Client.tipo == "PF" ?>Nascimento<?cs else ?>Abertura<?cs /if ?></dt><dd><?cs var:Client.nascimento_fmt ?></dd><?cs /if ?>
      <?cs if:Client.inscricao_estadual ?><dt>Inscrição estadual</dt><dd><?cs var:Client.inscricao_estadual ?></dd><?cs /if ?>
      <?cs if:Client.inscricao_municipal ?><dt>Inscrição municipal</dt><dd><?cs var:Client.inscricao_municipal ?></dd><?cs /if ?>
      <?cs if:Client.regime ?><dt>Regime tributário</dt><dd><?cs var:Client.regime_fmt ?></dd><?cs /if ?>
      <?cs if:Client.responsavel ?><dt>Responsável</dt><dd><?cs var:Client.responsavel_fmt ?></dd><?cs /if ?>
    </dl>
    <?cs /if ?>
    <?cs if:subcount(CustomFields) ?>
    <h2>Outras informações</h2>
    <dl class="dados">
      <?cs each:f = CustomFields ?><?cs if:f.stored ?><dt><?cs var:f.name ?></dt><dd class="linhas"><?cs var:f.value ?></dd><?cs /if ?><?cs /each ?>
    </dl>
    <?cs /if ?>
    <?cs if:Client.email || Client.outros_emails || Client.celular || Client.fone_comercial || Client.fone_residencial || Client.contato ?>
    <h2>Contato</h2>
    <dl class="dados">
      <?cs if:Client.email ?><dt>E-mail</dt><dd><a href="mailto:<?cs var:url_escape(Client.email) ?>"><?cs call:email(Client.email) ?></a></dd><?cs /if ?>
      <?cs if:Client.outros_emails ?><dt>Outros e-mails</dt><dd class="linhas"><?cs var:Client.outros_emails ?></dd><?cs /if ?>
      <?cs if:Client.celular ?><dt>Celular</dt><dd><?cs var:Client.celular_fmt ?></dd><?cs /if ?>
      <?cs if:Client.fone_comercial ?><dt>Comercial</dt><dd><?cs var:Client.fone_comercial_fmt ?></dd><?cs /if ?>
      <?cs if:Client.fone_residencial ?><dt>Residencial</dt><dd><?cs var:Client.fone_residencial_fmt ?></dd><?cs /if ?>
      <?cs if:Client.contato ?><dt>Contato</dt><dd><?cs var:Client.contato ?></dd><?cs /if ?>
    </dl>
    <?cs /if ?>
    <?cs if:Client.cep || Client.logradouro || Client.numero || Client.complemento || Client.bairro || Client.cidade || Client.uf ?>
    <h2>Endereço</h2>
    <p class="endereco"><?cs if:Client.logradouro ?><?cs var:Client.logradouro ?><?cs if:Client.numero ?>, <?cs var:Client.numero ?><?cs /if ?><?cs if:Client.complemento ?> — <?cs var:Client.complemento ?><?cs /if ?><br><?cs /if ?>
      <?cs if:Client.bairro ?><?cs var:Client.bairro ?><?cs if:Client.cidade || Client.uf ?> · <?cs /if ?><?cs /if ?><?cs var:Client.cidade ?><?cs if:Client.uf ?>/<?cs var:Client.uf ?><?cs /if ?><?cs if:Client.cep ?> · CEP <?cs var:Client.cep_fmt ?><?cs /if ?></p>
    <?cs /if ?>
  </section>

  <div class="ficha-lado">
  <section class="cartao financeiro" id="honorarios">
    <h2>Honorários</h2>
    <ul class="contagens">
      <li>Total a receber<strong id="ficha-a-receber"><?cs var:Finance.receivable ?></strong></li>
      <li<?cs if:Finance.overdue_n > 0 ?> class="alerta"<?cs /if ?>>Vencido<strong id="ficha-vencido"><?cs var:Finance.overdue ?></strong></li>
    </ul>
    <?cs if:subcount(Finance.Next) ?>
    <table class="tabela-simples">
      <thead><tr><th>Competência</th><th>Vencimento</th><th class="num">Em aberto</th></tr></thead>
      <tbody><?cs each:f = Finance.Next ?><tr><td><a href="/honorarios/<?cs var:f.id ?>"><?cs var:f.competencia ?></a><?cs if:f.thirteenth ?> <span class="selo selo-13"><?cs var:f.thirteenth ?></span><?cs /if ?></td><td><?cs var:f.due ?><?cs if:f.overdue == "1" ?> <span class="selo-aviso">Vencido</span><?cs /if ?></td><td class="num"><?cs var:f.open ?></td></tr><?cs /each ?></tbody>
    </table>
    <?cs /if ?>
    <p class="discreto"><?cs if:Finance.plans > 0 ?><?cs var:Finance.plans ?> <?cs if:Finance.plans == 1 ?>plano ativo<?cs else ?>planos ativos<?cs /if ?>: <?cs var:Finance.monthly ?> por mês.<?cs else ?>Sem plano de honorários.<?cs /if ?></p>
    <p><a class="botao" href="/honorarios/clientes/<?cs var:Client.id ?>">Honorários, pagamentos e planos</a></p>
  </section>

  <section class="cartao" id="portal">
    <h2>Portal do cliente</h2>
    <?cs if:subcount(PortalUsers) ?>
    <ul class="acessos-portal">
    <?cs each:u = PortalUsers ?>
      <li>
        <div class="acesso-cabeca"><strong><?cs var:u.name ?></strong> <span class="selo<?cs if:u.status == "ativo" ?> selo-ok<?cs /if ?>"><?cs if:u.status == "ativo" ?>Ativo<?cs elif:u.status == "bloqueado" ?>Bloqueado<?cs else ?>Aguardando senha<?cs /if ?></span></div>
        <div class="discreto"><?cs call:email(u.email) ?></div>
        <div class="discreto"><?cs if:u.last_login ?>Último acesso: <?cs var:u.last_login ?><?cs else ?>Nunca entrou<?cs /if ?></div>
        <?cs if:u.sent ?><div class="discreto">E-mail enviado em <?cs var:u.sent ?> · <?cs if:u.delivered ?>entregue em <?cs var:u.delivered ?><?cs elif:u.failed ?><span class="selo-erro">não entregue</span><?cs else ?>aguardando entrega<?cs /if ?> · <?cs if:u.used ?>link usado em <?cs var:u.used ?><?cs elif:u.expired == "1" ?>link expirou<?cs else ?>link ainda não usado<?cs /if ?></div><?cs /if ?>
        <?cs if:u.failed ?><p class="aviso aviso-erro envio-falhou">O servidor de e-mail recusou a mensagem em <?cs var:u.failed ?> e ela não será reenviada sozinha: confira o endereço <?cs call:email(u.email) ?> e use “Reenviar acesso”. <span class="discreto">Resposta do servidor: <?cs var:u.failed_error ?></span></p><?cs /if ?>
        <?cs if:Client.trashed != "1" ?>
        <div class="acesso-acoes">
          <?cs if:u.blocked != "1" ?>
          <form method="post" action="/clientes/<?cs var:Client.id ?>/portal/acao"><input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><input type="hidden" name="usuario" value="<?cs var:u.id ?>"><button class="botao" type="submit" name="acao" value="reenviar">Reenviar acesso</button></form>
          <form method="post" action="/clientes/<?cs var:Client.id ?>/portal/acao"><input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><input type="hidden" name="usuario" value="<?cs var:u.id ?>"><button class="botao" type="submit" name="acao" value="bloquear">Bloquear</button></form>
          <?cs else ?>
          <form method="post" action="/clientes/<?cs var:Client.id ?>/portal/acao"><input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><input type="hidden" name="usuario" value="<?cs var:u.id ?>"><button class="botao" type="submit" name="acao" value="desbloquear">Desbloquear</button></form>
          <?cs /if ?>
        </div>
        <?cs /if ?>
      </li>
    <?cs /each ?>
    </ul>
    <?cs else ?>
    <p class="discreto">Este cliente ainda não tem acesso ao portal.</p>
    <?cs /if ?>
    <?cs if:Client.trashed != "1" ?>
    <details class="novo-acesso"<?cs if:!subcount(PortalUsers) ?> open<?cs /if ?>>
      <summary><?cs if:subcount(PortalUsers) ?>Novo acesso (outra pessoa do cliente)<?cs else ?>Dar acesso ao portal<?cs /if ?></summary>
      <form method="post" action="/clientes/<?cs var:Client.id ?>/portal" class="formulario">
        <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
        <label for="portal-nome">Nome de quem vai usar</label>
        <input id="portal-nome" name="nome" type="text" maxlength="200" required value="<?cs if:!subcount(PortalUsers) ?><?cs if:Client.contato ?><?cs var:Client.contato ?><?cs else ?><?cs var:Client.nome ?><?cs /if ?><?cs /if ?>">
        <label for="portal-email">E-mail de acesso (login)</label>
        <input id="portal-email" name="email" type="email" maxlength="254" required value="<?cs if:!subcount(PortalUsers) ?><?cs var:Client.email ?><?cs /if ?>">
        <label class="opcao"><input type="checkbox" name="enviar" value="1" checked> Enviar e-mail com dados de acesso</label>
        <p class="discreto">Nenhuma senha vai por e-mail: o cliente recebe o login e um link para criar a própria senha (vale por 72 horas).</p>
        <button type="submit" class="botao botao-principal">Criar acesso</button>
      </form>
    </details>
    <?cs /if ?>
  </section>

  <section class="cartao" id="atualizar">
    <h2>Atualizar cadastro</h2>
    <?cs if:Client.trashed != "1" ?>
    <form method="post" action="/clientes/<?cs var:Client.id ?>/atualizar">
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
      <button type="submit" class="botao"<?cs if:!Client.email ?> disabled title="Cadastre um e-mail para enviar o link"<?cs /if ?>>Enviar link de atualização</button>
    </form>
    <p class="discreto">O cliente recebe por e-mail um link assinado para conferir e corrigir os próprios dados (vale 14 dias, uma vez).</p>
    <?cs /if ?>
    <?cs if:subcount(UpdateRequests) ?>
    <ul class="acessos-portal">
    <?cs each:q = UpdateRequests ?>
      <li>
        <div class="acesso-cabeca"><strong>Enviado em <?cs var:q.sent ?></strong> <span class="selo<?cs if:q.state == "concluído" ?> selo-ok<?cs /if ?>"><?cs var:q.state ?></span></div>
        <div class="discreto">por <?cs var:q.by ?> · vale até <?cs var:q.expires ?><?cs if:q.completed ?> · concluído em <?cs var:q.completed ?> (<?cs if:q.changes == "0" ?>sem alterações<?cs elif:q.changes == "1" ?>1 alteração<?cs else ?><?cs var:q.changes ?> alterações<?cs /if ?>)<?cs /if ?><?cs if:q.job ?> · <a href="/clientes/tarefas/<?cs var:q.job ?>">ver o envio</a><?cs /if ?></div>
        <?cs if:subcount(q.Changes) ?>
        <ul class="mudancas-link"><?cs each:m = q.Changes ?>
          <li><strong><?cs var:m.label ?>:</strong> <?cs if:m.old ?><?cs var:m.old ?><?cs else ?><span class="discreto">(vazio)</span><?cs /if ?> → <?cs if:m.new ?><?cs var:m.new ?><?cs else ?><span class="discreto">(vazio)</span><?cs /if ?><?cs if:m.state == "pendente" ?> <span class="selo">à espera</span><?cs elif:m.state == "aprovada" ?> <span class="selo selo-ok">aprovada</span><?cs elif:m.state == "rejeitada" ?> <span class="selo">recusada</span><?cs /if ?></li><?cs /each ?>
        </ul>
        <?cs /if ?>
        <?cs if:q.open == "1" && Client.trashed != "1" ?>
        <form method="post" action="/clientes/<?cs var:Client.id ?>/atualizar/revogar" class="acesso-acoes"><input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><input type="hidden" name="pedido" value="<?cs var:q.id ?>"><button class="botao" type="submit">Revogar</button></form>
        <?cs /if ?>
      </li>
    <?cs /each ?>
    </ul>
    <?cs /if ?>
  </section>

  <section class="cartao" id="notas">
    <h2>Notas</h2>
    <?cs if:Client.trashed != "1" ?>
    <form method="post" action="/clientes/<?cs var:Client.id ?>/notas" class="nota-form">
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><input type="hidden" name="chave" value="<?cs var:Note.form_key ?>">
      <label class="oculto" for="texto">Nova nota</label>
      <textarea id="texto" name="texto" rows="2" maxlength="5000" placeholder="Escreva uma nota sobre este cliente" required><?cs var:Form.Values.texto ?></textarea>
      <button type="submit" class="botao">Adicionar nota</button>
    </form>
    <?cs /if ?>
    <ol class="linha-do-tempo">
    <?cs each:n = Notes ?>
      <li<?cs if:n.automatic == "1" ?> class="automatica"<?cs /if ?>>
        <span class="quando"><?cs var:n.at ?> · <?cs if:n.author ?><?cs var:n.author ?><?cs else ?>sistema<?cs /if ?></span>
        <p class="linhas"><?cs var:n.body ?></p>
      </li>
    <?cs /each ?>
    <?cs if:!subcount(Notes) ?><li class="discreto">Nenhuma nota ainda.</li><?cs /if ?>
    </ol>
  </section>
  </div>
</div>

<section class="cartao historico">
  <h2>Histórico de alterações</h2>
  <?cs include:"historico_itens.cs" ?>
  <?cs if:HistoryNav.More == "1" ?><p class="mais"><a class="botao" href="/clientes/<?cs var:Client.id ?>/historico">Ver o histórico completo</a></p><?cs /if ?>
</section>
