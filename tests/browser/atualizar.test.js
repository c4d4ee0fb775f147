// "Atualizar cadastro" as the office and its client live it, in headless Debian Chromium:
// the staff send the link from the profile; the e-mail arrives; the client opens it,
// presses "Continuar", fixes a refused phone, sends; the staff see the change, by the
// client through the link, in the profile's history and the link "concluído". On a
// desktop and on a 360-pixel phone. In an office of its own ("atualiza2"), emptied before
// and after. Screenshots go to artifacts/ (atualizar-*.png: look at them).
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { DEMO_PASSWORD, sql, launch, newPage, shot, officeBase, logIn, testOffice, restartCounts, cnpj, waitForMail,
  pageWidth } = require('./helpers');

const BASE = officeBase('atualiza2');
const STAFF = 'tiago@atualiza2.com.br';

function resetOffice() {
  const id = testOffice('atualiza2', 'Atualiza Dois Contabilidade', 'Tiago Teles', STAFF);
  sql(`DELETE FROM update_requests WHERE office_id = ${id}; DELETE FROM audit_events WHERE office_id = ${id};
    DELETE FROM clients WHERE office_id = ${id}; DELETE FROM custom_fields WHERE office_id = ${id};
    DELETE FROM link_rate`);
  restartCounts(id);
  return id;
}

let browser;

before(async () => {
  resetOffice();
  browser = await launch();
});

after(async () => {
  if (browser) await browser.close();
  resetOffice();
});

for (const [label, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 360, height: 740 }]]) {
  test(`${label}: send -> e-mail -> link -> form -> submit -> staff see the change`, { timeout: 120000 }, async () => {
    const email = `compras-${label}-${process.pid}@mercearia.com.br`;
    const staff = await newPage(browser, { width: 1280, height: 900 });
    const client = await newPage(browser, viewport);
    try {
      const sp = staff.page;
      await logIn(sp, STAFF, DEMO_PASSWORD, BASE);
      await sp.goto(`${BASE}/clientes/novo`);
      await sp.check('input[name="tipo"][value="PJ"]');
      await sp.fill('#nome', `Mercearia Link ${label} Ltda`);
      await sp.fill('#documento', cnpj());
      await sp.fill('#email', email);
      await sp.fill('#celular', '(11) 90000-1111');
      await Promise.all([sp.waitForURL(/\/clientes\/\d+\?criado=1$/), sp.click('button:has-text("Salvar")')]);
      const id = sp.url().match(/\/clientes\/(\d+)/)[1];
      await Promise.all([sp.waitForURL(/atualizar=enviado/), sp.click('button:has-text("Enviar link de atualização")')]);
      if (label === 'desktop') await shot(sp, 'atualizar-staff-enviado');

      const mail = await waitForMail(email);
      const link = mail.text.match(/https?:\/\/\S+\/portal\/atualizar\?l=[A-Za-z0-9_.-]+/)[0];
      const cp = client.page;
      await cp.goto(link.replace(/^https?:\/\/[^/]+/, BASE));
      await cp.getByText('Atualiza Dois Contabilidade').first().waitFor();
      await shot(cp, `atualizar-${label}-continuar`);
      await Promise.all([cp.waitForLoadState('load'), cp.click('button:has-text("Continuar")')]);
      assert.equal(await cp.inputValue('#celular'), '(11) 90000-1111', 'the form is prefilled');
      await cp.fill('#celular', '999');
      await cp.click('button:has-text("Enviar meus dados")');
      await cp.waitForSelector('#celular-erro');
      assert.match(await cp.textContent('#celular-erro'), /Telefone inválido/);
      await shot(cp, `atualizar-${label}-erro`);
      await cp.fill('#celular', '(11) 97777-2222');
      await cp.fill('#bairro', 'Vila Mariana');
      await Promise.all([cp.waitForLoadState('load'), cp.click('button:has-text("Enviar meus dados")')]);
      await cp.getByRole('heading', { name: 'Obrigado!' }).waitFor();
      await shot(cp, `atualizar-${label}-obrigado`);
      const { width, viewport: vw } = await pageWidth(cp);
      assert.ok(width <= vw, `the page is ${width} px wide on a ${vw} px screen`);

      await sp.goto(`${BASE}/clientes/${id}`);
      const history = await sp.textContent('.historico');
      assert.match(history, new RegExp(`Mercearia Link ${label} Ltda \\(link de atualização\\)`), 'by the client, through the link');
      assert.match(history, /Vila Mariana/);
      await sp.locator('#atualizar').getByText('concluído').first().waitFor();
      if (label === 'desktop') await shot(sp, 'atualizar-staff-concluido');
      assert.deepEqual(client.problems, [], 'no page problems (client)');
      assert.deepEqual(staff.problems, [], 'no page problems (staff)');
    } finally {
      await staff.context.close();
      await client.context.close();
    }
  });
}

test('approval: the office turns it on, the client sends, staff approve one field and refuse another', { timeout: 120000 }, async () => {
  const email = `aprovacao-${process.pid}@mercearia.com.br`;
  const staff = await newPage(browser, { width: 1280, height: 900 });
  const client = await newPage(browser, { width: 1280, height: 900 });
  try {
    const sp = staff.page;
    await logIn(sp, STAFF, DEMO_PASSWORD, BASE);
    await sp.goto(`${BASE}/escritorio`);
    await sp.fill('#mensagem', 'Olá! Confira os seus dados, por favor.');
    await sp.check('input[name="aprovar"]');
    await Promise.all([sp.waitForURL(/aviso=atualizar/), sp.click('button:has-text("Salvar atualização de cadastro")')]);
    assert.equal(await sp.isChecked('input[name="aprovar"]'), true, 'the setting is kept');
    await shot(sp, 'atualizar-escritorio');

    const office = sql("SELECT id FROM offices WHERE slug = 'atualiza2'");
    sql(`INSERT INTO custom_fields (office_id, name, kind, help, required, client_editable, options, position, created_at)
      VALUES (${office}, 'Regime de apuração', 'lista', 'Como a empresa apura os impostos', 0, 1,
      'Simples Nacional\nLucro Presumido\nLucro Real', 1, UTC_TIMESTAMP(6))`);
    await sp.goto(`${BASE}/clientes/novo`);
    await sp.check('input[name="tipo"][value="PJ"]');
    await sp.fill('#nome', 'Padaria Aprovação Ltda');
    await sp.fill('#documento', cnpj());
    await sp.fill('#email', email);
    await sp.fill('#celular', '(11) 90000-3333');
    await sp.fill('#bairro', 'Centro');
    await Promise.all([sp.waitForURL(/\/clientes\/\d+\?criado=1$/), sp.click('button:has-text("Salvar")')]);
    const id = sp.url().match(/\/clientes\/(\d+)/)[1];
    await Promise.all([sp.waitForURL(/atualizar=enviado/), sp.click('button:has-text("Enviar link de atualização")')]);

    const mail = await waitForMail(email);
    assert.match(mail.text, /Confira os seus dados, por favor/, "the office's own text");
    const link = mail.text.match(/https?:\/\/\S+\/portal\/atualizar\?l=[A-Za-z0-9_.-]+/)[0];
    const cp = client.page;
    await cp.goto(link.replace(/^https?:\/\/[^/]+/, BASE));
    await Promise.all([cp.waitForLoadState('load'), cp.click('button:has-text("Continuar")')]);
    await cp.fill('#celular', '(11) 97777-4444');
    await cp.fill('#bairro', '<img src=x onerror=alert(1)>Moema');
    await cp.selectOption('select[name^="extra_"]', 'Lucro Presumido');
    await shot(cp, 'atualizar-form-campos');
    await Promise.all([cp.waitForLoadState('load'), cp.click('button:has-text("Enviar meus dados")')]);
    await cp.getByRole('heading', { name: 'Obrigado!' }).waitFor();

    await sp.goto(`${BASE}/clientes/${id}`);
    const table = sp.locator('#aprovacao table');
    await table.waitFor();
    assert.match(await table.textContent(), /\(11\) 90000-3333[\s\S]*\(11\) 97777-4444/, 'old and new side by side');
    assert.match(await table.textContent(), /<img src=x onerror=alert\(1\)>Moema/, 'shown as text');
    assert.match(await table.textContent(), /Regime de apuração\s*\(vazio\)\s*Lucro Presumido/, 'a custom attribute too');
    await shot(sp, 'atualizar-staff-aprovacao');
    await sp.check('input[name="d_district"][value="recusar"]');
    await Promise.all([sp.waitForURL(/decidido/), sp.click('button:has-text("Aplicar decisões")')]);
    await shot(sp, 'atualizar-staff-decidido');
    assert.equal(await sp.locator('#aprovacao').count(), 0, 'nothing left to decide');
    const ficha = await sp.locator('.ficha > section.cartao').first().textContent();
    assert.match(ficha, /\(11\) 97777-4444/, 'the approved phone is applied');
    assert.match(ficha, /Centro/, 'the refused district is not');
    assert.doesNotMatch(ficha, /Moema/, 'the refused district is not');
    const history = await sp.textContent('.historico');
    assert.match(history, /Bairro\s*→\s*recusada/, 'the decisions in the history');
    assert.match(history, /Celular\s*→\s*aprovada/);
    assert.match(history, /Regime de apuração\s*→\s*aprovada/);
    assert.deepEqual(client.problems, [], 'no page problems (client)');
    assert.deepEqual(staff.problems, [], 'no page problems (staff)');
  } finally {
    await staff.context.close();
    await client.context.close();
    const office = sql("SELECT id FROM offices WHERE slug = 'atualiza2'");
    sql(`UPDATE offices SET update_message = NULL, update_approval = 0 WHERE id = ${office};
      DELETE FROM custom_fields WHERE office_id = ${office}`);
  }
});
