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
  <a class="marca" href="/"><span class="marca-simbolo" aria-hidden="true">PC</span> <span><?cs if:Office.Name ?><?cs var:Office.Name ?><?cs else ?>Portal Contábil<?cs /if ?></span></a>
  <?cs if:User.Name ?>
  <nav class="areas" aria-label="Áreas">
    <a href="/"<?cs if:Page.Path == "/" ?> aria-current="page"<?cs /if ?>>Início</a>
    <a href="/clientes"<?cs if:Page.Area == "cadastro" ?> aria-current="page"<?cs /if ?>>Clientes</a>
  </nav>
  <div class="usuario">
    <span class="usuario-nome"><?cs var:User.Name ?></span>
    <form method="post" action="/sair" class="sair">
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
      <button type="submit" class="link">Sair</button>
    </form>
  </div>
  <?cs /if ?>
</header>
<main class="conteudo">
<?cs if:Flash.Text ?>
  <div class="aviso aviso-<?cs var:Flash.Kind ?>" role="<?cs if:Flash.Kind == "erro" ?>alert<?cs else ?>status<?cs /if ?>"><?cs var:Flash.Text ?></div>
<?cs /if ?>
<?cs include:Page.Template ?>
</main>
<footer class="rodape">Portal Contábil</footer>
</body>
</html>
