<section class="boas-vindas">
  <h1>Olá, <?cs var:User.Name ?></h1>
  <?cs if:HasFees == "1" ?><p class="discreto">O dia do escritório.</p><?cs /if ?>
</section>

<?cs # A new office: every step, done or not, first. An office already billing: only
     what is left, after its day. ?>
<?cs def:passos(all) ?>
  <ol class="passos">
  <?cs each:s = Steps ?><?cs if:all || !s.done ?>
    <li id="passo-<?cs var:s.id ?>" class="<?cs if:s.done ?>feito<?cs else ?>a-fazer<?cs /if ?>">
      <span class="passo-marca" aria-hidden="true"><?cs if:s.done ?>✓<?cs else ?><?cs var:s.n ?><?cs /if ?></span>
      <span class="passo-texto">
        <?cs if:s.done ?><span><span class="passo-titulo"><?cs var:s.title ?></span> <span class="selo selo-ok">feito</span></span><?cs
        elif:s.href ?><a class="passo-titulo" href="<?cs var:url_validate(s.href) ?>"><?cs var:s.title ?></a><?cs
        else ?><span class="passo-titulo"><?cs var:s.title ?></span><?cs /if ?>
        <span class="discreto"><?cs var:s.text ?><?cs if:!s.done && !s.href ?> Peça a uma pessoa administradora do escritório.<?cs /if ?></span>
      </span>
    </li>
  <?cs /if ?><?cs /each ?>
  </ol>
<?cs /def ?>
<?cs if:subcount(Steps) && HasFees != "1" ?>
<section class="cartao primeiros-passos" aria-labelledby="t-passos">
  <h2 id="t-passos">Primeiros passos</h2>
  <p class="discreto"><?cs var:StepsDone ?> de <?cs var:StepsTotal ?> feitos. Cada passo sai desta lista quando estiver pronto.</p>
  <?cs call:passos(1) ?>
</section>
<?cs /if ?>

<?cs if:HasFees == "1" ?><?cs var:Part.dia ?>
<?cs if:subcount(Steps) ?>
<section class="cartao primeiros-passos" aria-labelledby="t-passos">
  <h2 id="t-passos">Falta configurar</h2>
  <?cs call:passos(0) ?>
</section>
<?cs /if ?><?cs /if ?>

<section class="atalhos" aria-label="Áreas do portal">
  <a class="atalho" href="/clientes">
    <span class="atalho-titulo">Clientes</span>
    <span class="atalho-texto">Cadastro de pessoas e empresas: busca, fichas, etiquetas e exportação.</span>
  </a>
  <a class="atalho" href="/importacao">
    <span class="atalho-titulo">Importação</span>
    <span class="atalho-texto">Traga clientes de planilhas CSV ou XLSX do Excel e do LibreOffice, conferindo tudo antes de gravar.</span>
  </a>
  <a class="atalho" href="/honorarios/recebimentos">
    <span class="atalho-titulo">Honorários</span>
    <span class="atalho-texto">Gere os honorários do mês e acompanhe o que está em aberto, vencido ou recebido.</span>
  </a>
</section>
