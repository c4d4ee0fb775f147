<div class="cabecalho-pagina">
  <div>
    <p class="migalha"><a href="/honorarios/recebimentos">Recebimentos</a> ›</p>
    <h1>Reajuste de honorários</h1>
    <?cs if:Selection.id ?><p class="subtitulo">Os planos ativos de <?cs var:Selection.count ?> <?cs if:Selection.total == "1" ?>cliente<?cs else ?>clientes<?cs /if ?></p><?cs /if ?>
  </div>
</div>
<?cs if:!Selection.id ?>
<section class="cartao">
  <p>Aplique o índice do ano (IGP-M, IPCA ou outro que o escritório use) aos planos de honorários. Escolha os clientes na <a href="/clientes">lista de clientes</a> (marque ou busque e use "Reajustar honorários…"), ou reajuste todos os planos ativos:</p>
  <form method="post" action="/honorarios/reajuste/todos">
    <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
    <button type="submit" class="botao botao-principal">Reajustar todos os planos ativos</button>
  </form>
</section>
<?cs else ?>
<form class="cartao ficha-form" method="post" action="/honorarios/reajuste/previa">
  <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
  <input type="hidden" name="selecao" value="<?cs var:Selection.id ?>">
  <div class="grade">
    <div class="campo<?cs if:Form.Errors.percentual ?> com-erro<?cs /if ?>">
      <label for="percentual">Percentual (%)</label>
      <input id="percentual" name="percentual" type="text" maxlength="10" placeholder="4,5" value="<?cs var:Form.Values.percentual ?>"<?cs if:Form.Errors.percentual ?> aria-invalid="true" aria-describedby="percentual-erro"<?cs /if ?>>
      <?cs if:Form.Errors.percentual ?><p class="campo-erro" id="percentual-erro" role="alert"><?cs var:Form.Errors.percentual ?></p><?cs /if ?>
    </div>
    <div class="campo<?cs if:Form.Errors.a_partir ?> com-erro<?cs /if ?>">
      <label for="a_partir">A partir da competência</label>
      <input id="a_partir" name="a_partir" type="text" maxlength="7" placeholder="mm/aaaa" value="<?cs var:Form.Values.a_partir ?>"<?cs if:Form.Errors.a_partir ?> aria-invalid="true" aria-describedby="a_partir-erro"<?cs /if ?>>
      <?cs if:Form.Errors.a_partir ?><p class="campo-erro" id="a_partir-erro" role="alert"><?cs var:Form.Errors.a_partir ?></p><?cs /if ?>
    </div>
  </div>
  <label class="caixa"><input type="checkbox" name="honorarios_abertos" value="1"<?cs if:Form.Values.honorarios_abertos == "1" ?> checked<?cs /if ?>> Aplicar também aos honorários já gerados em aberto (sem pagamento) a partir desta competência, 13º incluído</label>
  <p class="discreto">Sem esta opção, os honorários já gerados mantêm o seu valor; os próximos gerados usam o novo valor do plano.</p>
  <p><button type="submit" class="botao botao-principal">Conferir</button></p>
</form>
<?cs /if ?>
