// A message the mail server refuses for good (issue 27, F-4), as staff see it, in headless
// Debian Chromium: the portal access e-mail of a client whose address the server refuses
// (the mail catcher's control answers 550 to its RCPT TO) is shown "não entregue" on the
// profile, with the server's answer and what to do. In the demo office. Screenshot:
// artifacts/envio-falhou-ficha.png (look at it).
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { BASE, MAIL, sql, launch, newPage, shot, logIn, cnpj } = require('./helpers');

const email = `recusado-${process.pid}@exemplo.com.br`;
let browser;

async function control(method, what, body) {
  const r = await fetch(`${MAIL}/api/control/${what}`, { method, body: body ? JSON.stringify(body) : undefined });
  assert.ok(r.ok, `catcher control ${method} ${what}: ${r.status}`);
}

before(async () => {
  browser = await launch();
  await control('PUT', 'refuse', { code: 550, stage: 'rcpt', to: email });
});

after(async () => {
  await control('DELETE', 'refuse');
  if (browser) await browser.close();
  sql(`DELETE FROM portal_users WHERE email = '${email}'`);
});

test('a refused access e-mail: "não entregue" on the profile, with the reason', { timeout: 60000 }, async () => {
  const { context, page, problems } = await newPage(browser, { width: 1280, height: 900 });
  try {
    await logIn(page, 'ana@demo.com.br');
    await page.goto(`${BASE}/clientes/novo`);
    await page.check('input[name="tipo"][value="PJ"]');
    await page.fill('#nome', `Destino Recusado ${process.pid} Ltda`);
    await page.fill('#documento', cnpj());
    await page.fill('#email', email);
    await Promise.all([page.waitForURL(/\/clientes\/\d+\?criado=1$/), page.click('button:has-text("Salvar")')]);
    const id = page.url().match(/\/clientes\/(\d+)/)[1];
    await page.fill('#portal-nome', 'Contato Recusado');
    await Promise.all([page.waitForURL(/portal=enviado/), page.click('button:has-text("Criar acesso")')]);
    // The worker tries once (the test stack's back-off is 1 s) and gives up on the 550.
    const until = Date.now() + 20000;
    while (Date.now() < until && sql(`SELECT COUNT(*) FROM outbox WHERE to_address = '${email}' AND failed_at IS NOT NULL`) !== '1') {
      await new Promise((r) => setTimeout(r, 200));
    }
    await page.goto(`${BASE}/clientes/${id}#portal`);
    const portal = page.locator('#portal');
    await portal.locator('.selo-erro', { hasText: 'não entregue' }).waitFor();
    const notice = portal.locator('.envio-falhou');
    assert.match(await notice.innerText(), /O servidor de e-mail recusou a mensagem em \d\d\/\d\d\/\d{4} \d\d:\d\d/);
    assert.match(await notice.innerText(), /SMTP 550/);
    const colour = await portal.locator('.selo-erro').evaluate((e) => getComputedStyle(e).color);
    assert.equal(colour, 'rgb(164, 38, 44)', 'in the error colour');
    await portal.scrollIntoViewIfNeeded();
    await shot(page, 'envio-falhou-ficha');
    await portal.screenshot({ path: require('node:path').join(__dirname, 'artifacts', 'envio-falhou-cartao.png') });
    assert.deepEqual(problems, [], 'no page problems');
  } finally {
    await context.close();
  }
});
