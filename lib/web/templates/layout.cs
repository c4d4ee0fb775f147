<!DOCTYPE html>
<html lang="pt-BR">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><?cs
# The one layout of every page; what differs between the staff's pages and the client
# portal's (the site's name, the home, the menu, the footer) are the macros of
# layout_realm.cs, which the portal program has its own of (its folder comes first).
# email(e): an e-mail address that may break before its "@" first (a phone's width). ?><?cs
def:email(e) ?><?cs if:string.find(e, "@") > 0 ?><?cs var:string.slice(e, 0, string.find(e, "@")) ?><wbr><?cs var:string.slice(e, string.find(e, "@"), string.length(e)) ?><?cs else ?><?cs var:e ?><?cs /if ?><?cs /def ?><?cs
def:sair(action) ?>
    <form method="post" action="<?cs var:action ?>" class="sair">
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
      <button type="submit" class="link">Sair</button>
    </form><?cs /def ?><?cs
include:"layout_realm.cs" ?>
<title><?cs var:Page.Title ?><?cs if:Office.Name ?> · <?cs var:Office.Name ?><?cs /if ?> — <?cs call:site() ?></title>
<link rel="stylesheet" href="/static/css/portal.css">
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml"><?cs call:scripts() ?>
<?cs if:Page.Refresh ?><meta http-equiv="refresh" content="<?cs var:Page.Refresh ?>"><?cs /if ?>
</head>
<body class="area-<?cs var:Page.Area ?>">
<header class="topo<?cs call:topo_class() ?>">
  <a class="marca" href="<?cs call:home() ?>"><?cs if:Office.Logo ?><img class="marca-logo" src="/escritorio/logo?v=<?cs var:url_escape(Office.Logo) ?>" alt=""><?cs else ?><span class="marca-simbolo" aria-hidden="true">PC</span><?cs /if ?> <span><?cs if:Office.Name ?><?cs var:Office.Name ?><?cs else ?><?cs call:site() ?><?cs /if ?></span></a>
  <?cs call:menu() ?>
</header>
<main class="conteudo">
<?cs if:Flash.Text ?>
  <div id="flash" class="aviso aviso-<?cs var:Flash.Kind ?>" role="<?cs if:Flash.Kind == "erro" ?>alert<?cs else ?>status<?cs /if ?>"><?cs var:Flash.Text ?></div>
<?cs /if ?>
<?cs include:Page.Template ?>
</main>
<footer class="rodape"><?cs call:rodape() ?></footer>
</body>
</html>
