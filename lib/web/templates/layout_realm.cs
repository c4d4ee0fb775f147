<?cs # The staff's pages in the layout (layout.cs): the office's areas, the member, Sair. ?><?cs
def:site() ?>Portal Contábil<?cs /def ?><?cs
def:home() ?>/<?cs /def ?><?cs
def:topo_class() ?><?cs /def ?><?cs
def:scripts() ?><?cs /def ?><?cs
def:rodape() ?>Portal Contábil<?cs /def ?><?cs
def:menu() ?><?cs if:User.Name ?>
  <nav class="areas" aria-label="Áreas"><?cs if:!User.MustSetUp ?>
    <a href="/"<?cs if:Page.Path == "/" ?> aria-current="page"<?cs /if ?>>Início</a>
    <a href="/clientes"<?cs if:Page.Area == "cadastro" ?> aria-current="page"<?cs /if ?>>Clientes</a>
    <a href="/honorarios/recebimentos"<?cs if:Page.Area == "honorarios" ?> aria-current="page"<?cs /if ?>>Honorários</a><?cs if:User.Admin == "1" ?>
    <a href="/equipe"<?cs if:Page.Section == "equipe" ?> aria-current="page"<?cs /if ?>>Equipe</a>
    <a href="/escritorio"<?cs if:Page.Section == "escritorio" ?> aria-current="page"<?cs /if ?>>Escritório</a><?cs /if ?>
  <?cs /if ?></nav>
  <div class="usuario">
    <?cs if:User.MustSetUp ?><span class="usuario-nome"><?cs var:User.Name ?></span><?cs else ?><a class="usuario-nome" href="/conta" title="Minha conta"<?cs if:Page.Section == "conta" ?> aria-current="page"<?cs /if ?>><?cs var:User.Name ?></a><?cs /if ?><?cs call:sair("/sair") ?>
  </div>
  <?cs /if ?><?cs /def ?>
