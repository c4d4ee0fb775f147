<h1 class="saudacao">Olá, <?cs var:Client.UserName ?></h1>
<p class="discreto">Portal de <?cs var:Client.Name ?> no escritório <?cs var:Office.Name ?>.</p>

<?cs var:Part.fees ?>
