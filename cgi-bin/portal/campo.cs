<?cs # One field of a client's form (dados.cs, atualizar_form.cs): label, input, its error. ?>
<?cs def:campo(id, rotulo, tipo, extra) ?>
  <div class="campo<?cs if:Form.Errors[id] ?> com-erro<?cs /if ?>">
    <label for="<?cs var:id ?>"><?cs var:rotulo ?></label>
    <input id="<?cs var:id ?>" name="<?cs var:id ?>" type="<?cs var:tipo ?>" value="<?cs var:Form.Values[id] ?>"<?cs if:extra ?> autocomplete="<?cs var:extra ?>"<?cs /if ?><?cs if:Form.Errors[id] ?> aria-invalid="true" aria-describedby="<?cs var:id ?>-erro"<?cs /if ?>>
    <?cs if:Form.Errors[id] ?><p class="campo-erro" id="<?cs var:id ?>-erro"><?cs var:Form.Errors[id] ?></p><?cs /if ?>
  </div>
<?cs /def ?>
