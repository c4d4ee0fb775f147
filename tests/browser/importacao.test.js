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
  // Its selects styled as the rest of the forms (issue 26 #22), not the browser's default.
  for (const sel of ['#col_1', '#codificacao', '#responsavel']) {
    const look = await page.$eval(sel, (e) => { const s = getComputedStyle(e); return `${s.borderTopLeftRadius} ${s.borderTopColor}`; });
    assert.equal(look, '6px rgb(184, 195, 206)', `${sel} styled`);
  }
  // "Observações" goes to the fixed note; the person decides to leave it out.
  await page.selectOption('#col_12', '');
  await page.check('input[name="sem_invalidos"]');
  await shot(page, 'importacao-mapa');
  await phoneShot(page, 'importacao-mapa-celular', problems);
  await page.click('button:has-text("Conferir o arquivo")');

  // The check runs in the worker; the page refreshes itself into the preview.
  await page.getByText('O que vai acontecer').waitFor({ timeout: 30000 });
  // The steps in order: 1 the upload, 2 the mapping, 3 the preview.
  assert.equal((await page.textContent('#previa-titulo')).trim(), '3. O que vai acontecer');
  assert.match(await page.textContent('.mapa h2'), /passo 2/);
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

// Issue 26 (#5, #6, #22): an undo that left an edited record alone lists it; the same
// file again finds its documents in the trash and offers to restore them; the trash says
// who put each record there and when; "Restaurar" asks when the document is active.
test('undo kept list, documents in the trash, the trash, restoring a duplicate', async () => {
  resetOffice();
  const { context, page, problems } = await newPage(browser, { width: 1366, height: 900 });
  await page.goto(`${BASE}/entrar`);
  await page.fill('#email', EMAIL);
  await page.fill('#senha', DEMO_PASSWORD);
  await Promise.all([page.waitForURL(`${BASE}/`), page.click('button:has-text("Entrar")')]);
  const csv = path.join(ROOT, 'var', 'test', 'lixeira-navegador.csv');
  fs.writeFileSync(csv, 'Nome;CPF/CNPJ;Cidade\r\nPadaria Lixeira Ltda;11.222.333/0001-81;Campinas\r\n'
    + 'Oficina Mantida Ltda;11.444.777/0001-61;Sorocaba\r\nAna Desfeita;529.982.247-25;Jundiaí\r\n');
  const importIt = async (restore) => {
    await page.goto(`${BASE}/importacao`);
    await page.setInputFiles('#arquivo', csv);
    await Promise.all([page.waitForURL(/\/importacao\/\d+$/), page.click('button:has-text("Enviar e conferir")')]);
    if (restore) await page.check('input[name="restaurar"]');
    await page.click('button:has-text("Conferir o arquivo")');
    await page.getByText('O que vai acontecer').waitFor({ timeout: 30000 });
    return page.url().match(/(\d+)$/)[1];
  };
  let id = await importIt(false);
  await page.click('button:has-text("Importar: criar")');
  await page.getByText('Importação concluída').waitFor({ timeout: 60000 });
  // Someone edits one record after the import.
  const kept = sql(`SELECT id FROM clients WHERE office_id = ${office} AND name = 'Oficina Mantida Ltda'`);
  await page.goto(`${BASE}/clientes/${kept}/editar`);
  await page.fill('#cidade', 'Itu');
  await Promise.all([page.waitForURL(new RegExp(`/clientes/${kept}\\?salvo=1$`)), page.click('button:has-text("Salvar")')]);
  await page.goto(`${BASE}/importacao/${id}`);
  await page.click('summary:has-text("Desfazer esta importação")');
  await page.click('button:has-text("Sim, desfazer a importação")');
  await page.getByText('Importação desfeita').waitFor({ timeout: 60000 });
  const undone = await page.textContent('.resultado');
  assert.match(undone, /2 cadastros voltaram ao que eram/);
  assert.match(undone, /1 cadastro foi alterado depois da importação e ficou como está/);
  assert.match(undone, /Oficina Mantida Ltda/);
  await shot(page, 'importacao-desfeita-mantidos');
  await phoneShot(page, 'importacao-desfeita-mantidos-celular', problems);

  // The same file again: two of its documents are in the trash.
  id = await importIt(false);
  assert.match(await page.textContent('.previa'), /2 linhas têm o CPF\/CNPJ de cadastros que estão na lixeira/);
  await shot(page, 'importacao-previa-lixeira');
  await phoneShot(page, 'importacao-previa-lixeira-celular', problems);
  await page.click('button:has-text("Importar: criar")');
  await page.getByText('Importação concluída').waitFor({ timeout: 60000 });

  // The history: the undone import says by whom and when.
  await page.goto(`${BASE}/importacao`);
  assert.match(await page.textContent('table.tabela'), /Desfeita\s*por Ivo Importador em \d\d\/\d\d\/\d{4}/);
  await shot(page, 'importacao-historico-desfeita');
  await phoneShot(page, 'importacao-historico-desfeita-celular', problems);

  // The trash: who put each record there, and when; "Restaurar" asks about the duplicate.
  await page.goto(`${BASE}/clientes/lixeira`);
  assert.match(await page.textContent('table.tabela'), /por Ivo Importador/);
  await shot(page, 'lixeira-quem-quando');
  await phoneShot(page, 'lixeira-quem-quando-celular', problems);
  await page.click('tr:has-text("Padaria Lixeira Ltda") button:has-text("Restaurar")');
  await page.getByText('Já existe cadastro ativo com este CNPJ').waitFor();
  await shot(page, 'lixeira-restaurar-duplicado');
  await phoneShot(page, 'lixeira-restaurar-duplicado-celular', problems);
  await Promise.all([page.waitForURL(/\/clientes\/\d+\?restaurado=1$/), page.click('button:has-text("Restaurar mesmo assim")')]);
  fs.unlinkSync(csv);
  assert.deepEqual(problems, []);
  await context.close();
});
