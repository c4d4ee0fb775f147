<?cs # The events of History (ficha.cs, historico.cs): when, who, how, what changed. ?>
<ol class="linha-do-tempo">
<?cs each:h = History ?>
  <li>
    <span class="quando"><?cs var:h.at ?> · <?cs var:h.actor ?> (<?cs var:h.channel ?><?cs if:h.import ?>: <a href="/importacao/<?cs var:h.import ?>">importação nº <?cs var:h.import ?></a><?cs /if ?>)</span>
    <p><?cs var:h.action ?></p>
    <?cs if:subcount(h.changes) && h.action != "criou o cadastro" ?>
    <table class="mudancas">
      <?cs each:c = h.changes ?><tr><th><?cs var:c.field ?></th><td class="antes"><?cs var:c.old ?></td><td class="seta">→</td><td><?cs var:c.new ?></td></tr><?cs /each ?>
    </table>
    <?cs /if ?>
  </li>
<?cs /each ?>
<?cs if:!subcount(History) ?><li class="discreto">Nenhuma alteração nesta página.</li><?cs /if ?>
</ol>
