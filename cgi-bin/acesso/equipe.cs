<h1>Equipe</h1>
<p class="discreto">Quem do escritório entra no portal. Administradores também gerenciam a equipe e os dados do escritório.</p>

<section class="cartao secao" aria-labelledby="t-equipe">
  <h2 id="t-equipe" class="oculto">Pessoas da equipe</h2>
  <div class="rolavel"><table class="tabela-simples">
    <thead><tr><th>Nome</th><th>E-mail</th><th>Papel</th><th>Situação</th><th>Segundo fator</th><th>Última entrada</th></tr></thead>
    <tbody>
    <?cs each:p = Team ?>
    <tr>
      <td><a href="/equipe/<?cs var:p.id ?>"><?cs var:p.name ?></a></td>
      <td class="email"><?cs call:email(p.email) ?></td>
      <td><?cs if:p.admin ?>Administrador(a)<?cs else ?>Equipe<?cs /if ?></td>
      <td><?cs if:!p.active ?><span class="selo-neutro">Desativado</span><?cs elif:p.invited ?><span class="selo-aviso">Convite pendente</span><?cs else ?><span class="selo-ok">Ativo</span><?cs /if ?></td>
      <td><?cs if:p.second ?>Ativado<?cs else ?><span class="discreto">Não</span><?cs /if ?></td>
      <td><?cs if:p.last_login ?><?cs var:p.last_login ?><?cs else ?><span class="discreto">Nunca</span><?cs /if ?></td>
    </tr>
    <?cs /each ?>
    </tbody>
  </table></div>
</section>

<section class="cartao secao" aria-labelledby="t-convidar">
  <h2 id="t-convidar">Convidar alguém</h2>
  <p class="discreto">A pessoa recebe por e-mail o endereço do portal, o login e um link para criar a própria senha (vale por 72 horas). Nenhuma senha é enviada por e-mail.</p>
  <form method="post" action="/equipe/convidar" class="formulario" novalidate>
    <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
    <div class="grade-2">
      <div>
        <label for="nome">Nome</label>
        <input id="nome" name="nome" type="text" maxlength="200" required value="<?cs var:Form.Values.nome ?>"<?cs if:Form.Errors.nome ?> aria-invalid="true" aria-describedby="nome-erro"<?cs /if ?>>
        <?cs if:Form.Errors.nome ?><p class="campo-erro" id="nome-erro"><?cs var:Form.Errors.nome ?></p><?cs /if ?>
      </div>
      <div>
        <label for="email">E-mail</label>
        <input id="email" name="email" type="email" maxlength="254" required value="<?cs var:Form.Values.email ?>"<?cs if:Form.Errors.email ?> aria-invalid="true" aria-describedby="email-erro"<?cs /if ?>>
        <?cs if:Form.Errors.email ?><p class="campo-erro" id="email-erro"><?cs var:Form.Errors.email ?></p><?cs /if ?>
      </div>
      <div>
        <label for="papel">Papel</label>
        <select id="papel" name="papel"<?cs if:Form.Errors.papel ?> aria-invalid="true" aria-describedby="papel-erro"<?cs /if ?>>
          <option value="staff"<?cs if:Form.Values.papel != "admin" ?> selected<?cs /if ?>>Equipe</option>
          <option value="admin"<?cs if:Form.Values.papel == "admin" ?> selected<?cs /if ?>>Administrador(a)</option>
        </select>
        <?cs if:Form.Errors.papel ?><p class="campo-erro" id="papel-erro"><?cs var:Form.Errors.papel ?></p><?cs /if ?>
      </div>
    </div>
    <div><button type="submit" class="botao botao-principal">Enviar convite</button></div>
  </form>
</section>
