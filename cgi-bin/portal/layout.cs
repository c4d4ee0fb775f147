<!DOCTYPE html>
<html lang="pt-BR">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><?cs var:Page.Title ?><?cs if:Office.Name ?> · <?cs var:Office.Name ?><?cs /if ?> — Portal do cliente</title>
<link rel="stylesheet" href="/static/css/portal.css">
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<script src="/static/js/portal.js" defer></script>
</head>
<body class="area-portal">
<header class="topo topo-cliente">
  <a class="marca" href="/portal"><?cs if:Office.Logo ?><img class="marca-logo" src="/escritorio/logo?v=<?cs var:url_escape(Office.Logo) ?>" alt=""><?cs else ?><span class="marca-simbolo" aria-hidden="true">PC</span><?cs /if ?> <span><?cs if:Office.Name ?><?cs var:Office.Name ?><?cs else ?>Portal do cliente<?cs /if ?></span></a>
  <?cs if:Client.UserName ?>
  <nav class="areas" aria-label="Portal do cliente">
    <a href="/portal"<?cs if:Page.Path == "/portal" ?> aria-current="page"<?cs /if ?>>Início</a>
    <a href="/portal/honorarios"<?cs if:Page.Section == "honorarios" ?> aria-current="page"<?cs /if ?>>Honorários</a>
    <a href="/portal/dados"<?cs if:Page.Path == "/portal/dados" ?> aria-current="page"<?cs /if ?>>Meus dados</a>
  </nav>
  <div class="usuario">
    <span class="usuario-nome"><?cs var:Client.UserName ?></span>
    <form method="post" action="/portal/sair" class="sair">
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
      <button type="submit" class="link">Sair</button>
    </form>
  </div>
  <?cs /if ?>
</header>
<main class="conteudo">
<?cs if:Flash.Text ?>
  <div id="flash" class="aviso aviso-<?cs var:Flash.Kind ?>" role="<?cs if:Flash.Kind == "erro" ?>alert<?cs else ?>status<?cs /if ?>"><?cs var:Flash.Text ?></div>
<?cs /if ?>
<?cs include:Page.Template ?>
</main>
<footer class="rodape">Portal do cliente<?cs if:Office.Name ?> · <?cs var:Office.Name ?><?cs /if ?></footer>
</body>
</html>
