<p><a href="/equipe">← Equipe</a></p>
<h1><?cs var:Member.name ?></h1>
<p class="discreto"><?cs call:email(Member.email) ?> · <?cs if:Member.admin ?>Administrador(a)<?cs else ?>Equipe<?cs /if ?> ·
  <?cs if:!Member.active ?><span class="selo-neutro">Desativado</span><?cs elif:Member.invited ?><span class="selo-aviso">Convite pendente</span><?cs else ?><span class="selo-ok">Ativo</span><?cs /if ?></p>

<section class="cartao secao" aria-labelledby="t-acesso">
  <h2 id="t-acesso">Acesso</h2>
  <table class="tabela-simples">
    <tr><th scope="row">Na equipe desde</th><td><?cs var:Member.created ?></td></tr>
    <tr><th scope="row">Última entrada</th><td><?cs if:Member.last_login ?><?cs var:Member.last_login ?><?cs else ?>Nunca entrou<?cs /if ?></td></tr>
    <?cs if:Member.invited ?><tr><th scope="row">Convite enviado em</th><td><?cs var:Member.invited_at ?></td></tr><?cs /if ?>
    <tr><th scope="row">Segundo fator</th><td><?cs if:Member.second ?>Ativado<?cs else ?>Não configurado<?cs /if ?></td></tr>
  </table>
  <div class="linha-acoes">
    <?cs if:Member.invited && Member.active ?>
    <form method="post" action="/equipe/<?cs var:Member.id ?>/reenviar"><input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><button type="submit" class="botao">Reenviar convite</button></form>
    <?cs /if ?>
    <?cs if:Member.second ?>
    <form method="post" action="/equipe/<?cs var:Member.id ?>/segundo-fator"><input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><button type="submit" class="botao">Redefinir segundo fator</button></form>
    <?cs /if ?>
    <?cs if:!Member.self ?>
      <?cs if:Member.active ?>
      <form method="post" action="/equipe/<?cs var:Member.id ?>/desativar"><input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><button type="submit" class="botao">Desativar acesso</button></form>
      <?cs else ?>
      <form method="post" action="/equipe/<?cs var:Member.id ?>/reativar"><input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><button type="submit" class="botao">Reativar acesso</button></form>
      <?cs /if ?>
    <?cs /if ?>
  </div>
</section>

<?cs if:!Member.self ?>
<section class="cartao secao" aria-labelledby="t-papel">
  <h2 id="t-papel">Papel</h2>
  <form method="post" action="/equipe/<?cs var:Member.id ?>/papel" class="formulario">
    <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
    <label class="caixa"><input type="radio" name="papel" value="staff"<?cs if:!Member.admin ?> checked<?cs /if ?>> <span><strong>Equipe</strong> — usa o cadastro, importações e honorários.</span></label>
    <label class="caixa"><input type="radio" name="papel" value="admin"<?cs if:Member.admin ?> checked<?cs /if ?>> <span><strong>Administrador(a)</strong> — também gerencia a equipe e os dados do escritório.</span></label>
    <div><button type="submit" class="botao">Salvar papel</button></div>
  </form>
</section>
<?cs /if ?>

<section class="cartao secao" aria-labelledby="t-clientes">
  <h2 id="t-clientes">Clientes sob responsabilidade</h2>
  <?cs if:Clients.count == 0 ?>
  <p class="discreto">Nenhum cliente tem esta pessoa como responsável.</p>
  <?cs else ?>
  <p><?cs var:Clients.count ?> cliente(s) têm esta pessoa como responsável<?cs if:!Member.active ?> — passe-os para outra pessoa da equipe<?cs /if ?>. <a href="/clientes?responsavel=<?cs var:Member.id ?>">Ver na lista de clientes</a>; na ficha de cada um, "Editar" escolhe o novo responsável.</p>
  <ul>
  <?cs each:c = Clients.rows ?><li><a href="/clientes/<?cs var:c.id ?>"><?cs var:c.name ?></a></li>
  <?cs /each ?>
  </ul>
  <?cs if:Clients.count > 50 ?><p class="discreto">Mostrando os 50 primeiros.</p><?cs /if ?>
  <?cs /if ?>
</section>
