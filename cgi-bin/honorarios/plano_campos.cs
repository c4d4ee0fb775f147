<?cs def:campo(id, rotulo, tipo, max, dica) ?>
  <div class="campo<?cs if:Form.Errors[id] ?> com-erro<?cs /if ?>">
    <label for="<?cs var:id ?>"><?cs var:rotulo ?></label>
    <input id="<?cs var:id ?>" name="<?cs var:id ?>" type="<?cs var:tipo ?>" maxlength="<?cs var:max ?>" value="<?cs var:Form.Values[id] ?>"<?cs if:dica ?> placeholder="<?cs var:dica ?>"<?cs /if ?><?cs if:Form.Errors[id] ?> aria-invalid="true" aria-describedby="<?cs var:id ?>-erro"<?cs /if ?>>
    <?cs if:Form.Errors[id] ?><p class="campo-erro" id="<?cs var:id ?>-erro"><?cs var:Form.Errors[id] ?></p><?cs /if ?>
  </div>
<?cs /def ?>
<div class="grade-2 plano-campos">
  <div>
    <?cs call:campo("descricao", "Descrição", "text", "120", "") ?>
    <?cs call:campo("valor", "Valor mensal (R$)", "text", "20", "450,00") ?>
    <?cs call:campo("dia", "Dia de vencimento (1 a 31)", "text", "2", "10") ?>
    <label class="caixa"><input type="checkbox" name="mes_seguinte" value="1"<?cs if:Form.Values.mes_seguinte == "1" ?> checked<?cs /if ?>> Vence no mês seguinte ao da competência</label>
    <p class="discreto">Um dia que o mês não tem vira o último dia do mês; fim de semana e feriado passam para o próximo dia útil.</p>
  </div>
  <div>
    <?cs call:campo("inicio", "Início (mês/ano)", "text", "7", "01/2026") ?>
    <?cs call:campo("fim", "Fim (mês/ano, opcional)", "text", "7", "") ?>
    <div class="campo<?cs if:Form.Errors.decimo ?> com-erro<?cs /if ?>">
      <label for="decimo">13º honorário</label>
      <select id="decimo" name="decimo">
        <option value="nao"<?cs if:Form.Values.decimo == "nao" ?> selected<?cs /if ?>>Não tem</option>
        <option value="integral"<?cs if:Form.Values.decimo == "integral" ?> selected<?cs /if ?>>Um valor mensal</option>
        <option value="proporcional"<?cs if:Form.Values.decimo == "proporcional" ?> selected<?cs /if ?>>Proporcional aos meses do ano</option>
      </select>
    </div>
    <div class="campo">
      <label for="decimo_mes">Mês do 13º</label>
      <select id="decimo_mes" name="decimo_mes"><?cs loop:m = 1, 12, 1 ?>
        <option value="<?cs var:m ?>"<?cs if:Form.Values.decimo_mes == m ?> selected<?cs /if ?>><?cs var:m ?></option><?cs /loop ?>
      </select>
    </div>
    <p class="discreto" id="decimo-regra">13º proporcional: valor mensal × meses do ano em que o plano está ativo até o mês do 13º (inclusive) ÷ 12. Um plano que termina antes do mês do 13º cobra o 13º proporcional junto com o seu último mês, pelo último valor mensal.</p>
    <label class="caixa"><input type="checkbox" name="ativo" value="1"<?cs if:Form.Values.ativo == "1" ?> checked<?cs /if ?>> Ativo (gera honorários)</label>
  </div>
</div>
