<?cs # The list's rows in either view (remembered as HTML per page and view: lista.c, page parts). ?>
<?cs if:List.View == "cartoes" ?>
  <?cs each:c = Rows ?><li class="cartao-cliente<?cs if:c.inactive ?> inativo<?cs /if ?>"><input type="checkbox" name="ids" value="<?cs var:c.id ?>" aria-label="Selecionar <?cs var:c.name ?>"> <a class="nome" href="/clientes/<?cs var:c.id ?>"><?cs var:c.name ?></a> <?cs if:c.trade_name ?><span class="discreto"><?cs var:c.trade_name ?></span> <?cs /if ?><span class="doc"><?cs var:c.document ?></span> <span><?cs var:c.email_user ?><wbr><?cs var:c.email_domain ?></span> <span><?cs var:c.phone ?></span> <span class="discreto"><?cs var:c.place ?></span><?cs if:c.inactive ?> <span class="selo">Inativo</span><?cs /if ?></li>
  <?cs /each ?>
<?cs else ?>
    <?cs each:c = Rows ?><tr<?cs if:c.inactive ?> class="inativo"<?cs /if ?>><td class="sel"><input type="checkbox" name="ids" value="<?cs var:c.id ?>" aria-label="Selecionar <?cs var:c.name ?>"></td><td class="nome"><a href="/clientes/<?cs var:c.id ?>"><?cs var:c.name ?></a><?cs if:c.trade_name ?><br><span class="discreto"><?cs var:c.trade_name ?></span><?cs /if ?></td><td class="doc"><?cs var:c.document ?></td><td class="email"><?cs var:c.email_user ?><wbr><?cs var:c.email_domain ?></td><td class="nowrap"><?cs var:c.phone ?></td><td><?cs var:c.place ?></td><td><?cs if:c.inactive ?><span class="selo">Inativo</span><?cs else ?>Ativo<?cs /if ?></td></tr>
    <?cs /each ?>
<?cs /if ?>
