// Honorários as a staff member does it, in headless Debian Chromium: two clients made in
// the registry form, a fee plan for one of them, the registry's "Gerar honorários…" on
// both, the generation form, the preview, the run, the receivables list, and one fee paid
// in two parts (with an amount over the balance refused in between). In an office of its
// own ("honora2"), emptied before and after. Screenshots go to artifacts/.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { DEMO_PASSWORD, sql, launch, newPage, shot, phoneShot, officeBase, logIn, testOffice, restartCounts, cnpj } =
  require('./helpers');

const BASE = officeBase('honora2');
const EMAIL = 'hilda@honora2.com.br';

function resetOffice() {
  const id = testOffice('honora2', 'Honora Dois Contabilidade', 'Hilda Honorato', EMAIL);
  // Payments before fees before runs and plans; the clients (and their notes, selections,
  // audit) last, with the office's counts, which the program keeps, started again.
  sql(`DELETE FROM fee_payments WHERE office_id = ${id}; DELETE FROM fees WHERE office_id = ${id};
    DELETE FROM fee_generations WHERE office_id = ${id}; DELETE FROM fee_plans WHERE office_id = ${id};
    DELETE FROM office_holidays WHERE office_id = ${id}; DELETE FROM selections WHERE office_id = ${id};
    DELETE FROM audit_events WHERE office_id = ${id};
    DELETE FROM clients WHERE office_id = ${id}`);
  restartCounts(id);
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

test('a plan, generating from the registry, preview, run, receivables, a fee paid in parts', async () => {
  const { context, page, problems } = await newPage(browser, { width: 1280, height: 900 });
  await logIn(page, EMAIL, DEMO_PASSWORD, BASE);

  // Two clients through the registry form.
  const ids = {};
  for (const name of ['Padaria Honorária Ltda', 'Oficina Sem Plano ME']) {
    await page.goto(`${BASE}/clientes/novo`);
    await page.check('input[name="tipo"][value="PJ"]');
    await page.fill('#nome', name);
    await page.fill('#documento', cnpj());
    await Promise.all([page.waitForURL(/\/clientes\/\d+\?criado=1$/), page.click('button:has-text("Salvar")')]);
    ids[name] = page.url().match(/\/clientes\/(\d+)/)[1];
  }
  assert.equal(sql(`SELECT active FROM client_counts WHERE office_id = ${office}`), '2', 'the counts follow');

  // A plan for the first: R$ 450,00 due on the 10th from January 2026.
  const padaria = ids['Padaria Honorária Ltda'];
  await page.goto(`${BASE}/honorarios/clientes/${padaria}`);
  assert.match(await page.textContent('main'), /Este cliente ainda não tem plano de honorários/);
  assert.equal(await page.getAttribute('details:has(summary:has-text("Novo plano"))', 'open'), '',
    'the form is open while there is no plan');
  await page.fill('#valor', '450,00');
  await page.fill('#dia', '10');
  await page.fill('#inicio', '01/2026');
  await shot(page, 'honorarios-plano');
  await Promise.all([page.waitForURL(/aviso=plano$/), page.click('button:has-text("Salvar plano")')]);
  const planos = await page.textContent('section:has(h2:has-text("Planos de honorários"))');
  assert.match(planos, /R\$ 450,00/);
  assert.match(planos, /dia 10/);
  assert.match(planos, /01\/2026 em diante/);

  // The registry: both rows checked, "Gerar honorários…", Aplicar.
  await page.goto(`${BASE}/clientes`);
  for (const id of Object.values(ids)) await page.check(`input[name="ids"][value="${id}"]`);
  await page.selectOption('select[name="acao"]', 'honorarios');
  await Promise.all([page.waitForURL(/\/honorarios\/gerar\?selecao=\d+$/), page.click('button:has-text("Aplicar")')]);
  assert.match(await page.textContent('.subtitulo'), /2 clientes selecionados/);
  const clientes = await page.textContent('section:has(h2:has-text("Clientes"))');
  assert.match(clientes, /Padaria Honorária Ltda/);
  assert.match(clientes, /Oficina Sem Plano ME/);
  assert.match(clientes, /sem plano/);

  // January 2026, twelve months, each plan's value.
  await page.selectOption('#mes', '1');
  await page.fill('#ano', '2026');
  await page.check('input[name="repetir"][value="sim"]');
  await page.fill('input[name="meses"]', '12');
  await page.check('input[name="valor_modo"][value="plano"]');
  await shot(page, 'honorarios-gerar');
  await Promise.all([page.waitForURL(/\/honorarios\/gerar\/previa$/), page.click('button:has-text("Conferir")')]);

  // The preview: what would be made, and nothing made yet.
  await page.getByText('Conferir antes de gerar').waitFor();
  assert.equal((await page.textContent('#previa-honorarios')).trim(), '12');
  assert.equal((await page.textContent('#previa-total')).trim(), 'R$ 5.400,00');
  assert.equal((await page.textContent('#previa-sem-plano')).trim(), '1');
  assert.match(await page.textContent('.subtitulo'), /01\/2026 a 12\/2026/);
  await shot(page, 'honorarios-previa');
  assert.equal(sql(`SELECT COUNT(*) FROM fees WHERE office_id = ${office}`), '0', 'the preview writes nothing');

  await Promise.all([page.waitForURL(/\/honorarios\/geracoes\/\d+$/),
    page.click('button:has-text("Confirmar e gerar 12 honorários")')]);
  await page.getByText('Concluída').waitFor({ timeout: 30000 });
  assert.equal((await page.textContent('#gerados')).trim(), '12');
  assert.equal((await page.textContent('#gerados-total')).trim(), 'R$ 5.400,00');
  assert.equal((await page.textContent('#ja-existiam')).trim(), '0');
  await shot(page, 'honorarios-geracao');

  // The receivables list of the run.
  await Promise.all([page.waitForURL(/\/honorarios\/recebimentos\?geracao=\d+/),
    page.click('a:has-text("Ver os honorários gerados")')]);
  const rows = page.locator('table.tabela tbody tr');
  assert.equal(await rows.count(), 12);
  assert.equal((await page.textContent('#total-a-receber')).trim(), 'R$ 5.400,00');
  const lista = await page.textContent('table.tabela');
  for (let m = 1; m <= 12; m++) assert.match(lista, new RegExp(`${String(m).padStart(2, '0')}/2026`));
  assert.doesNotMatch(lista, /Oficina Sem Plano/, 'the client without a plan got nothing');
  await shot(page, 'honorarios-recebimentos');
  await phoneShot(page, 'honorarios-recebimentos-celular', problems);

  // March's fee: 100,00 now, leaving 350,00.
  await Promise.all([page.waitForURL(/\/honorarios\/\d+$/),
    page.click('table.tabela tbody tr:has(td:text-is("03/2026")) td.r-venc a')]);
  assert.match(await page.textContent('h1'), /Honorário 03\/2026/);
  assert.equal((await page.textContent('#em-aberto')).trim(), 'R$ 450,00');
  await page.fill('#valor', '100,00');
  await page.selectOption('#forma', 'pix');
  await Promise.all([page.waitForURL(/\?aviso=/), page.click('button:has-text("Registrar pagamento")')]);
  assert.equal((await page.textContent('#em-aberto')).trim(), 'R$ 350,00');
  assert.match(await page.textContent('main'), /R\$ 350,00 em aberto|Em aberto\s*R\$ 350,00/);
  assert.match(await page.textContent('section:has(h2:has-text("Pagamentos"))'), /R\$ 100,00/);
  await shot(page, 'honorarios-parcial');

  // More than the balance: refused, nothing written.
  await page.fill('#valor', '400,00');
  await page.click('button:has-text("Registrar pagamento")');
  await page.getByText('O valor é maior que o saldo em aberto deste honorário.').waitFor();
  await shot(page, 'honorarios-recusado');
  assert.equal((await page.textContent('#em-aberto')).trim(), 'R$ 350,00');

  // The rest: received.
  await page.fill('#valor', '350,00');
  await page.selectOption('#forma', 'boleto');
  await Promise.all([page.waitForURL(/\?aviso=quitado$/), page.click('button:has-text("Registrar pagamento")')]);
  assert.equal((await page.textContent('#situacao')).trim(), 'Recebido');
  assert.equal((await page.textContent('#em-aberto')).trim(), 'R$ 0,00');
  assert.equal(await page.locator('button:has-text("Registrar pagamento")').count(), 0, 'no payment form any more');
  await shot(page, 'honorarios-recebido');

  assert.deepEqual(problems, []);
  await context.close();
});

// Issue 26 (#8, #10, #12, #13), after the test above (its client, plan and fees): the
// picker of "Gerar" searched as the registry does, with every client with a plan in one
// step; the plan form's 13º rule with its numbers; "abater o saldo" of a partly paid fee.
// Desktop (1366 px) and phone (360 px) screenshots.
test('issue 26: picker, 13º rule on the plan form, writing off the rest of a fee', async () => {
  const { context, page, problems } = await newPage(browser, { width: 1366, height: 900 });
  await page.goto(`${BASE}/entrar`);
  await page.fill('#email', EMAIL);
  await page.fill('#senha', DEMO_PASSWORD);
  await Promise.all([page.waitForURL(`${BASE}/`), page.click('button:has-text("Entrar")')]);
  const narrow = async (name) => {
    await page.setViewportSize({ width: 360, height: 780 });
    await shot(page, name);
    const [w, v] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    if (w > v) problems.push(`${name}: ${w} px wide on a ${v} px screen`);
    await page.setViewportSize({ width: 1366, height: 900 });
  };

  // The picker: "honoraria" (no accent) finds "Padaria Honorária Ltda" by a word inside.
  await page.goto(`${BASE}/honorarios/gerar?q=honoraria`);
  assert.match(await page.textContent('table.tabela'), /Padaria Honorária Ltda/);
  assert.match(await page.textContent('#gerar-todos-plano'), /Todos os clientes com plano ativo \(1\)/);
  await page.check('input[name="ids"]');
  await shot(page, 'honorarios-escolher');
  await narrow('honorarios-escolher-celular');
  await Promise.all([page.waitForURL(/\/honorarios\/gerar\?selecao=\d+$/),
    page.click('button:has-text("Continuar com os marcados")')]);
  assert.match(await page.textContent('.subtitulo'), /1 cliente selecionado/);

  // The plan: a proportional 13º in June, ending in September 2026 -> 3/12 in June.
  const padaria = sql(`SELECT id FROM clients WHERE office_id = ${office} AND name = 'Padaria Honorária Ltda'`);
  const plan = sql(`SELECT id FROM fee_plans WHERE client_id = ${padaria}`);
  await page.goto(`${BASE}/honorarios/planos/${plan}`);
  await page.fill('#inicio', '04/2026');
  await page.fill('#fim', '09/2026');
  await page.selectOption('#decimo', 'proporcional');
  await page.selectOption('#decimo_mes', '6');
  await Promise.all([page.waitForURL(/aviso=plano$/), page.click('button:has-text("Salvar")')]);
  await page.goto(`${BASE}/honorarios/planos/${plan}`);
  assert.match(await page.textContent('#decimo-deste-plano'), /13º de 2026, competência 06\/2026: R\$ 112,50 \(3\/12 de R\$ 450,00\)/);
  await shot(page, 'honorarios-plano-decimo');
  await narrow('honorarios-plano-decimo-celular');

  // April's fee: R$ 200,00 paid, the rest (R$ 250,00) written off with a reason.
  const april = sql(`SELECT id FROM fees WHERE client_id = ${padaria} AND competencia = '2026-04-01'`);
  await page.goto(`${BASE}/honorarios/${april}`);
  await page.fill('#valor', '200,00');
  await Promise.all([page.waitForURL(/\?aviso=pago$/), page.click('button:has-text("Registrar pagamento")')]);
  await shot(page, 'honorarios-parcial-acoes');
  await narrow('honorarios-parcial-acoes-celular');
  await page.click('button:has-text("Abater o saldo de R$ 250,00")');
  await page.getByText('Escreva o motivo do abatimento').or(page.locator('#motivo_abater-erro')).first().waitFor();
  await page.fill('#motivo_abater', 'Desconto combinado com o cliente');
  await Promise.all([page.waitForURL(/\?aviso=abatido$/), page.click('button:has-text("Abater o saldo de R$ 250,00")')]);
  assert.equal((await page.textContent('#situacao')).trim(), 'Recebido');
  assert.match(await page.textContent('#abatido'), /R\$ 250,00 — Desconto combinado com o cliente/);
  await shot(page, 'honorarios-abatido');

  // The receivables searched by the CNPJ's digits.
  const doc = sql(`SELECT document FROM clients WHERE id = ${padaria}`);
  await page.goto(`${BASE}/honorarios/recebimentos?situacao=todos&q=${doc}`);
  assert.match(await page.textContent('table.tabela'), /Padaria Honorária Ltda/);
  await shot(page, 'honorarios-recebimentos-busca');

  assert.deepEqual(problems, []);
  await context.close();
});
