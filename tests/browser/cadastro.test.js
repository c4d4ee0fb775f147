// The main flow of the client registry, as a person does it, in headless Debian
// Chromium: create a company with an alphanumeric CNPJ, meet the duplicate warning,
// search, edit, move to the trash and restore. Screenshots go to artifacts/.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { BASE, sql, launch, newPage, shot, logIn } = require('./helpers');

const TAG = `Nav${Date.now() % 1000000}`;

let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  if (browser) await browser.close();
  // Purged by SQL, so the office's counts are corrected by hand as the program would.
  sql(`UPDATE client_counts cc JOIN (SELECT office_id, SUM(active = 1 AND trashed = 0) a,
    SUM(active = 0 AND trashed = 0) i, SUM(trashed = 1) t FROM clients WHERE name LIKE '%${TAG}%'
    GROUP BY office_id) x ON x.office_id = cc.office_id
    SET cc.active = cc.active - x.a, cc.inactive = cc.inactive - x.i, cc.trashed = cc.trashed - x.t;
    DELETE FROM clients WHERE name LIKE '%${TAG}%'`);
});

test('create a company, meet the duplicate warning, search, edit, trash and restore', async () => {
  const { context, page, problems } = await newPage(browser, { width: 1280, height: 900 });

  await logIn(page, 'ana@demo.com.br');

  // A new company with the official alphanumeric sample CNPJ.
  await page.click('a:has-text("Clientes")');
  await page.click('a:has-text("Adicionar cliente")');
  await page.check('input[name="tipo"][value="PJ"]');
  await page.fill('#nome', `Padaria Pão Dourado ${TAG} Ltda`);
  await page.fill('#fantasia', 'Pão Dourado');
  await page.fill('#documento', '12.abc.345/01de-35');
  await page.fill('#email', 'contato@paodourado.com.br');
  await page.fill('#celular', '11987654321');
  await page.fill('#cidade', 'Campinas');
  await page.selectOption('#uf', 'SP');
  await shot(page, 'cadastro-novo');
  await page.click('button:has-text("Salvar")');

  // The CNPJ may already exist (other tests use the sample): then the warning shows
  // first, nothing is saved until "continuar mesmo assim".
  if (await page.locator('.duplicados').count()) {
    await shot(page, 'cadastro-duplicado');
    await page.click('button:has-text("Continuar mesmo assim")');
  }
  await page.waitForURL(/\/clientes\/\d+\?criado=1$/);
  assert.match(await page.textContent('.aviso'), /Cliente cadastrado/);
  assert.match(await page.textContent('.dados'), /12\.ABC\.345\/01DE-35/);
  const id = page.url().match(/\/clientes\/(\d+)/)[1];
  await shot(page, 'cadastro-ficha');

  // A second one with the same CNPJ: the warning lists the first.
  await page.goto(`${BASE}/clientes/novo`);
  await page.check('input[name="tipo"][value="PJ"]');
  await page.fill('#nome', `Filial ${TAG}`);
  await page.fill('#documento', '12ABC34501DE35');
  await page.click('button:has-text("Salvar")');
  await page.waitForSelector('.duplicados');
  assert.match(await page.textContent('.duplicados'), new RegExp(`Padaria Pão Dourado ${TAG}`));
  assert.equal(await page.inputValue('#nome'), `Filial ${TAG}`, 'typed values kept');
  await shot(page, 'cadastro-duplicado');
  assert.equal(sql(`SELECT COUNT(*) FROM clients WHERE name = 'Filial ${TAG}'`).trim(), '0', 'nothing saved yet');
  await Promise.all([page.waitForURL((url) => url.pathname !== '/clientes/novo'),
    page.click('a:has-text("Cancelar")')]);

  // Search without accents and by a piece of the name.
  await page.goto(`${BASE}/clientes`);
  await page.fill('#q', `pao dourado ${TAG.toLowerCase()}`);
  await page.click('button:has-text("Buscar")');
  await page.waitForURL(/q=/);
  assert.match(await page.textContent('.contagem'), /^1 resultado/);
  await shot(page, 'cadastro-busca');

  // Edit: a bad e-mail is refused beside its field, then fixed.
  await page.click(`a:has-text("Padaria Pão Dourado ${TAG}")`);
  await page.click('a:has-text("Editar")');
  await page.fill('#email', 'contato@@paodourado');
  await page.click('button:has-text("Salvar")');
  await page.waitForSelector('#email-erro');
  assert.match(await page.textContent('#email-erro'), /E-mail inválido/);
  await shot(page, 'cadastro-erro');
  await page.fill('#email', 'financeiro@paodourado.com.br');
  await page.click('button:has-text("Salvar")');
  await page.waitForURL(/salvo=1/);
  assert.match(await page.textContent('.historico'), /financeiro@paodourado\.com\.br/);

  // Trash, then restore.
  await page.click('button:has-text("Mover para a lixeira")');
  await page.waitForURL(new RegExp(`/clientes/${id}`));
  assert.match(await page.textContent('.aviso'), /lixeira/);
  await page.goto(`${BASE}/clientes/lixeira`);
  assert.match(await page.textContent('main'), new RegExp(`Padaria Pão Dourado ${TAG}`));
  await shot(page, 'cadastro-lixeira');
  await Promise.all([page.waitForURL(/restaurado=1/),
    page.click(`tr:has-text("${TAG}") button:has-text("Restaurar")`)]);
  await page.goto(`${BASE}/clientes?q=${TAG}`);
  assert.match(await page.textContent('.contagem'), /^1 resultado/);

  // A search past its limit: shown as typed with its message, and no records at all.
  const long = `${TAG} ${'x'.repeat(100)}`;
  await page.fill('#q', long);
  await page.click('button:has-text("Buscar")');
  await page.waitForSelector('.aviso-erro');
  assert.match(await page.textContent('.aviso-erro'), /Busca: use até 100 caracteres/);
  assert.equal(await page.inputValue('#q'), long);
  assert.equal(await page.locator('input[name="todos"]').count(), 0);
  await shot(page, 'cadastro-busca-recusada');

  assert.deepEqual(problems, []);
  await context.close();
});
