<!DOCTYPE html>
<html lang="pt-BR">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><?cs var:Page.Title ?><?cs if:Office.Name ?> · <?cs var:Office.Name ?><?cs /if ?> — Portal Contábil</title>
<link rel="stylesheet" href="/static/css/portal.css">
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<?cs if:Page.Refresh ?><meta http-equiv="refresh" content="<?cs var:Page.Refresh ?>"><?cs /if ?>
</head>
<body class="area-<?cs var:Page.Area ?>">
<header class="topo">
  <a class="marca" href="/"><?cs if:Office.Logo ?><img class="marca-logo" src="/escritorio/logo?v=<?cs var:url_escape(Office.Logo) ?>" alt=""><?cs else ?><span class="marca-simbolo" aria-hidden="true">PC</span><?cs /if ?> <span><?cs if:Office.Name ?><?cs var:Office.Name ?><?cs else ?>Portal Contábil<?cs /if ?></span></a>
  <?cs if:User.Name ?>
  <nav class="areas" aria-label="Áreas"><?cs if:!User.MustSetUp ?>
    <a href="/"<?cs if:Page.Path == "/" ?> aria-current="page"<?cs /if ?>>Início</a>
    <a href="/clientes"<?cs if:Page.Area == "cadastro" ?> aria-current="page"<?cs /if ?>>Clientes</a>
    <a href="/honorarios/recebimentos"<?cs if:Page.Area == "honorarios" ?> aria-current="page"<?cs /if ?>>Honorários</a><?cs if:User.Admin == "1" ?>
    <a href="/equipe"<?cs if:Page.Section == "equipe" ?> aria-current="page"<?cs /if ?>>Equipe</a>
    <a href="/escritorio"<?cs if:Page.Section == "escritorio" ?> aria-current="page"<?cs /if ?>>Escritório</a><?cs /if ?>
  <?cs /if ?></nav>
  <div class="usuario">
    <?cs if:User.MustSetUp ?><span class="usuario-nome"><?cs var:User.Name ?></span><?cs else ?><a class="usuario-nome" href="/conta" title="Minha conta"<?cs if:Page.Section == "conta" ?> aria-current="page"<?cs /if ?>><?cs var:User.Name ?></a><?cs /if ?>
    <form method="post" action="/sair" class="sair">
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
<footer class="rodape">Portal Contábil</footer>
</body>
</html>
