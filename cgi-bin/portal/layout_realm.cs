<?cs # The client portal's pages in the layout (lib/web/templates/layout.cs): its own home,
# its menu with the current page marked (a fee's receipt is under Honorários), its script. ?><?cs
def:site() ?>Portal do cliente<?cs /def ?><?cs
def:home() ?>/portal<?cs /def ?><?cs
def:topo_class() ?> topo-cliente<?cs /def ?><?cs
def:scripts() ?>
<script src="/static/js/portal.js" defer></script><?cs /def ?><?cs
def:rodape() ?>Portal do cliente<?cs if:Office.Name ?> · <?cs var:Office.Name ?><?cs /if ?><?cs /def ?><?cs
def:menu() ?><?cs if:Client.UserName ?>
  <nav class="areas" aria-label="Portal do cliente">
    <a href="/portal"<?cs if:Page.Path == "/portal" ?> aria-current="page"<?cs /if ?>>Início</a>
    <a href="/portal/honorarios"<?cs if:string.slice(Page.Path, 0, 18) == "/portal/honorarios" ?> aria-current="page"<?cs /if ?>>Honorários</a>
    <a href="/portal/dados"<?cs if:Page.Path == "/portal/dados" ?> aria-current="page"<?cs /if ?>>Meus dados</a>
  </nav>
  <div class="usuario">
    <span class="usuario-nome"><?cs var:Client.UserName ?></span><?cs call:sair("/portal/sair") ?>
  </div>
  <?cs /if ?><?cs /def ?>
