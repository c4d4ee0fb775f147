// The import as a person does it, in headless Debian Chromium: upload a messy CSV, look at
// the mapping, change a column, check, read the preview, import with the progress page,
// download the result file, undo. In an office of its own ("importa", emptied first).
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { ROOT, DEMO_PASSWORD, sql, launch, newPage, shot, phoneShot, officeBase, logIn, testOffice } =
  require('./helpers');

const BASE = officeBase('importa');
const EMAIL = 'ivo@importa.com.br';

function resetOffice() {
  const id = testOffice('importa', 'Importa Contabilidade', 'Ivo Importador', EMAIL);
  sql(`DELETE FROM import_rows WHERE import_id IN (SELECT id FROM imports WHERE office_id = ${id});
    DELETE FROM imports WHERE office_id = ${id}; DELETE FROM import_files WHERE office_id = ${id};
    DELETE FROM clients WHERE office_id = ${id}; DELETE FROM tags WHERE office_id = ${id};
    DELETE FROM client_counts WHERE office_id = ${id}`);
  return id;
}

let browser;
let office;

before(async () => {
  office = resetOffice();
  browser = await launch();
});

after(async () => {
  if (browser) await browser.close();
  resetOffice();
});

test('upload, mapping, check, import with progress, result file, undo', async () => {
  const { context, page, problems } = await newPage(browser, { width: 1280, height: 900 });
  await logIn(page, EMAIL, DEMO_PASSWORD, BASE);

  await page.click('a.atalho:has-text("Importação")');
  await page.waitForURL(`${BASE}/importacao`);
  await page.setInputFiles('#arquivo', path.join(ROOT, 'tests', 'data', 'clientes-baguncado.csv'));
  await shot(page, 'importacao-envio');
  await Promise.all([page.waitForURL(/\/importacao\/\d+$/), page.click('button:has-text("Enviar e conferir")')]);
  const id = page.url().match(/(\d+)$/)[1];

  // The mapping: the file read right (accents, the sep= line gone), each column placed.
  await page.getByText('Comércio de Peças Simões S.A.').first().waitFor();
  assert.equal(await page.inputValue('#col_1'), 'f:nome');
  // "Observações" goes to the fixed note; the person decides to leave it out.
  await page.selectOption('#col_12', '');
  await page.check('input[name="sem_invalidos"]');
  await shot(page, 'importacao-mapa');
  await phoneShot(page, 'importacao-mapa-celular', problems);
  await page.click('button:has-text("Conferir o arquivo")');

  // The check runs in the worker; the page refreshes itself into the preview.
  await page.getByText('O que vai acontecer').waitFor({ timeout: 30000 });
  const preview = await page.textContent('.previa');
  assert.match(preview, /rejeitadas/);
  assert.match(preview, /Linhas rejeitadas/);
  await shot(page, 'importacao-previa');
  await phoneShot(page, 'importacao-previa-celular', problems);
  assert.equal(sql(`SELECT COUNT(*) FROM clients WHERE office_id = ${office}`), '0', 'nothing written by the check');

  await page.click('button:has-text("Importar: criar")');
  await page.getByText('Importação concluída').waitFor({ timeout: 60000 });
  await shot(page, 'importacao-resultado');
  await phoneShot(page, 'importacao-resultado-celular', problems);
  const created = Number(sql(`SELECT n_created FROM imports WHERE id = ${id}`));
  assert.ok(created > 250, `most rows created (${created})`);
  assert.equal(sql(`SELECT COUNT(*) FROM clients WHERE office_id = ${office} AND NOT trashed`), String(created));

  // The result file: every row with its status.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('a:has-text("Baixar CSV")')]);
  const file = path.join(await download.path());
  const text = fs.readFileSync(file, 'utf8');
  assert.match(text.split('\r\n')[0], /Resultado da importação;Motivo/);
  assert.match(text, /;rejeitado;/);
  assert.match(text, /;criado;/);

  // The history lists it.
  await page.goto(`${BASE}/importacao`);
  await page.getByText('clientes-baguncado.csv').first().waitFor();
  await shot(page, 'importacao-historico');

  // Undo.
  await page.goto(`${BASE}/importacao/${id}`);
  await page.click('summary:has-text("Desfazer esta importação")');
  await page.click('button:has-text("Sim, desfazer a importação")');
  await page.getByText('Importação desfeita').waitFor({ timeout: 60000 });
  await shot(page, 'importacao-desfeita');
  assert.equal(sql(`SELECT COUNT(*) FROM clients WHERE office_id = ${office} AND NOT trashed`), '0');

  // A download ends its request as "aborted" in Chromium: that one is no problem.
  assert.deepEqual(problems.filter((p) => !/\/resultado net::ERR_ABORTED$/.test(p)), []);
  await context.close();
});
