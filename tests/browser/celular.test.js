// Every page of the staff and of the client portal on a phone, in headless Debian Chromium:
// nothing may stick out sideways (document.documentElement.scrollWidth over the window's
// width) at 360 and 390 px. The pages come from each program's route table (cgi-bin/*/
// main.c), filled as an office fills them: an imported spreadsheet, a client with a long
// name and a long e-mail, a plan, generated fees, a payment, update links, the trash, the
// team, a portal login. In an office of its own ("telas"), emptied before and after.
// Screenshots at 360 px go to artifacts/celular-*.png: look at them.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { ROOT, DEMO_PASSWORD, sql, launch, newPage, shot, officeBase, logIn, testOffice, restartCounts,
  cnpj, waitForMail, pageWidth } = require('./helpers');

const BASE = officeBase('telas');
const ADMIN = 'telma@telas.com.br';
// What widens a page: a long company name, a long e-mail without a break in it.
const NAME = 'Supermercados Reunidos do Interior Paulista Comércio de Alimentos Ltda';
const EMAIL = `departamento.financeiro.contabilidade${process.pid}@supermercadosreunidosdointerior.com.br`;

function resetOffice() {
  const id = testOffice('telas', 'Telas Pequenas Contabilidade e Assessoria Empresarial', 'Telma Teles', ADMIN);
  sql(`DELETE FROM portal_users WHERE office_id = ${id};
    DELETE FROM fee_payments WHERE office_id = ${id}; DELETE FROM fees WHERE office_id = ${id};
    DELETE FROM fee_generations WHERE office_id = ${id}; DELETE FROM fee_plans WHERE office_id = ${id};
    DELETE FROM update_requests WHERE office_id = ${id}; DELETE FROM selections WHERE office_id = ${id};
    DELETE FROM import_rows WHERE import_id IN (SELECT id FROM imports WHERE office_id = ${id});
    DELETE FROM imports WHERE office_id = ${id}; DELETE FROM import_files WHERE office_id = ${id};
    DELETE FROM audit_events WHERE office_id = ${id}; DELETE FROM clients WHERE office_id = ${id};
    DELETE FROM tags WHERE office_id = ${id}; DELETE FROM link_rate;
    UPDATE offices SET pix_key = 'financeiro@telas.com.br', pix_key_type = 'email',
      pix_name = 'TELAS PEQUENAS', pix_city = 'CAMPINAS' WHERE id = ${id}`);
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

// The page as it is, at each phone width: how wide it is, and a screenshot at 360 px.
const wide = [];
const seen = [];
async function onPhone(page, name) {
  const before = page.viewportSize();
  for (const width of [360, 390]) {
    await page.setViewportSize({ width, height: 780 });
    const got = await pageWidth(page);
    if (got.width > got.viewport) {
      // What sticks out: the innermost elements past the right edge, to start looking.
      const culprits = await page.evaluate(() => [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 &&
          ![...e.children].some((c) => c.getBoundingClientRect().right > window.innerWidth + 1))
        .slice(0, 3).map((e) => `${e.tagName.toLowerCase()}${e.className ? `.${String(e.className).split(' ').join('.')}` : ''}`));
      wide.push(`${name} (${new URL(page.url()).pathname}): ${got.width} px on a ${got.viewport} px phone; ${culprits.join(', ')}`);
    }
    if (width === 360) await shot(page, `celular-${name}`);
  }
  await page.setViewportSize(before);
  seen.push(name);
}

async function visit(page, url, name) {
  const res = await page.goto(`${BASE}${url}`);
  assert.ok(res.status() < 500, `${url}: ${res.status()}`);
  await onPhone(page, name);
}

// The registry's rows of these ids (newest first: on its first page) checked, an action chosen, Aplicar: the page it leads to.
async function bulk(page, ids, action, to) {
  await page.goto(`${BASE}/clientes?ordem=criado`);
  for (const id of ids) await page.check(`input[name="ids"][value="${id}"]`);
  await page.selectOption('select[name="acao"]', action);
  await Promise.all([page.waitForURL(to), page.click('button:has-text("Aplicar")')]);
}

test('every page fits a 360 and a 390 px phone', { timeout: 300000 }, async () => {
  // Pages without a login first.
  const anon = await newPage(browser, { width: 1280, height: 900 });
  try {
    const p = anon.page;
    await visit(p, '/entrar', 'entrar');
    await visit(p, '/senha', 'senha');
    await visit(p, `/senha/nova?t=${'0'.repeat(64)}`, 'senha-nova-invalida');
    await visit(p, '/entrar/codigo', 'entrar-codigo');
    await visit(p, '/portal/entrar', 'portal-entrar');
    await visit(p, '/portal/senha', 'portal-senha');
    await visit(p, `/portal/acesso?t=${'0'.repeat(64)}`, 'portal-acesso-invalido');
    await visit(p, '/portal/atualizar?l=nao-e-um-link', 'portal-atualizar-invalido');
  } finally {
    await anon.context.close();
  }

  const staff = await newPage(browser, { width: 1280, height: 900 });
  const client = await newPage(browser, { width: 1280, height: 900 });
  try {
    const sp = staff.page;
    await logIn(sp, ADMIN, DEMO_PASSWORD, BASE);
    await onPhone(sp, 'inicio-vazio');

    // An imported spreadsheet, each step of it.
    await visit(sp, '/importacao', 'importacao');
    await sp.setInputFiles('#arquivo', path.join(ROOT, 'tests', 'data', 'clientes-baguncado.csv'));
    await Promise.all([sp.waitForURL(/\/importacao\/\d+$/), sp.click('button:has-text("Enviar e conferir")')]);
    const imp = sp.url().match(/(\d+)$/)[1];
    await sp.getByText('Comércio de Peças Simões S.A.').first().waitFor();
    await onPhone(sp, 'importacao-mapa');
    await sp.check('input[name="sem_invalidos"]');
    await sp.click('button:has-text("Conferir o arquivo")');
    await sp.getByText('O que vai acontecer').waitFor({ timeout: 30000 });
    await onPhone(sp, 'importacao-previa');
    await sp.click('button:has-text("Importar: criar")');
    await sp.getByText('Importação concluída').waitFor({ timeout: 60000 });
    await onPhone(sp, 'importacao-resultado');
    await visit(sp, '/importacao', 'importacao-historico');

    // A client whose name and e-mail are long.
    await visit(sp, '/clientes/novo', 'cliente-novo');
    await sp.check('input[name="tipo"][value="PJ"]');
    await sp.fill('#nome', NAME);
    await sp.fill('#documento', cnpj());
    await sp.fill('#email', EMAIL);
    await sp.fill('#celular', '(19) 99876-5432');
    await Promise.all([sp.waitForURL(/\/clientes\/\d+\?criado=1$/), sp.click('button:has-text("Salvar")')]);
    const id = sp.url().match(/\/clientes\/(\d+)/)[1];
    const others = sql(`SELECT id FROM clients WHERE office_id = ${office} AND email <> '' AND id <> ${id}
      AND NOT trashed ORDER BY id DESC LIMIT 3`).split('\n');
    await visit(sp, `/clientes/${id}/editar`, 'cliente-editar');

    // Its plan, the fees of a year, one paid.
    await visit(sp, `/honorarios/clientes/${id}`, 'honorarios-cliente-sem-plano');
    await sp.fill('#valor', '12345,67');
    await sp.fill('#dia', '10');
    await sp.fill('#inicio', '01/2026');
    await Promise.all([sp.waitForURL(/aviso=plano$/), sp.click('button:has-text("Salvar plano")')]);
    await onPhone(sp, 'honorarios-cliente');
    const plan = sql(`SELECT id FROM fee_plans WHERE client_id = ${id}`);
    await visit(sp, `/honorarios/planos/${plan}`, 'honorarios-plano');
    await bulk(sp, [id, others[0]], 'honorarios', /\/honorarios\/gerar\?selecao=\d+$/);
    await onPhone(sp, 'honorarios-gerar');
    await sp.selectOption('#mes', '1');
    await sp.fill('#ano', '2026');
    await sp.check('input[name="repetir"][value="sim"]');
    await sp.fill('input[name="meses"]', '12');
    await sp.check('input[name="valor_modo"][value="plano"]');
    await Promise.all([sp.waitForURL(/\/honorarios\/gerar\/previa$/), sp.click('button:has-text("Conferir")')]);
    await sp.getByText('Conferir antes de gerar').waitFor();
    await onPhone(sp, 'honorarios-gerar-previa');
    await Promise.all([sp.waitForURL(/\/honorarios\/geracoes\/\d+$/), sp.click('button:has-text("Confirmar e gerar")')]);
    await sp.getByText('Concluída').waitFor({ timeout: 30000 });
    await onPhone(sp, 'honorarios-geracao');
    await Promise.all([sp.waitForURL(/\/honorarios\/recebimentos\?geracao=\d+/), sp.click('a:has-text("Ver os honorários gerados")')]);
    await onPhone(sp, 'honorarios-recebimentos-geracao');
    const fee = sql(`SELECT id FROM fees WHERE client_id = ${id} AND competencia = '2026-03-01'`);
    await visit(sp, `/honorarios/${fee}`, 'honorario');
    await sp.fill('#valor', '12.345,67');
    await sp.selectOption('#forma', 'pix');
    await Promise.all([sp.waitForURL(/\?aviso=/), sp.click('button:has-text("Registrar pagamento")')]);
    await onPhone(sp, 'honorario-recebido');
    await visit(sp, '/honorarios', 'honorarios-inicio');
    await visit(sp, '/honorarios/recebimentos', 'honorarios-recebimentos');
    await visit(sp, '/honorarios/reajuste', 'honorarios-reajuste');
    await bulk(sp, [id, others[0]], 'reajuste', /\/honorarios\/reajuste\?selecao=\d+$/);
    await onPhone(sp, 'honorarios-reajuste-selecao');
    await bulk(sp, [others[1], others[2]], 'plano', /\/honorarios\/planos\/lote\?selecao=\d+$/);
    await onPhone(sp, 'honorarios-planos-lote');

    // Update links to three of them: the confirmation, the sending's page.
    await bulk(sp, [id, others[0], others[1]], 'atualizar', /\/clientes\/atualizar\?selecao=\d+$/);
    await onPhone(sp, 'clientes-atualizar');
    await Promise.all([sp.waitForURL(/\/clientes\/tarefas\/\d+/), sp.click('button:has-text("Enviar")')]);
    await sp.getByText("Como está cada link").waitFor({ timeout: 30000 });
    await onPhone(sp, 'clientes-tarefa');

    // One to the trash.
    await sp.goto(`${BASE}/clientes/${others[2]}`);
    await Promise.all([sp.waitForURL(/lixeira=1/), sp.click('button:has-text("Mover para a lixeira")')]);

    // The portal: access for the client, its e-mail, its password.
    await sp.goto(`${BASE}/clientes/${id}`);
    await sp.fill('#portal-nome', 'Dona Genoveva');
    await Promise.all([sp.waitForURL(/portal=enviado/), sp.click('button:has-text("Criar acesso")')]);
    await onPhone(sp, 'cliente-ficha');
    await visit(sp, `/clientes/${id}/historico`, 'cliente-historico');

    // The rest of the staff's pages.
    await visit(sp, '/', 'inicio');
    await visit(sp, '/clientes', 'clientes');
    await visit(sp, `/clientes?q=${encodeURIComponent('comercio')}`, 'clientes-busca');
    await visit(sp, '/clientes/lixeira', 'clientes-lixeira');
    await visit(sp, '/clientes/auditoria', 'clientes-auditoria');
    await visit(sp, '/clientes/campos', 'clientes-campos');
    await visit(sp, '/clientes/exportar', 'clientes-exportar');
    await visit(sp, '/clientes/999999999', 'nao-encontrado');
    await visit(sp, '/equipe', 'equipe');
    await visit(sp, `/equipe/${sql(`SELECT id FROM staff_users WHERE email = '${ADMIN}'`)}`, 'equipe-membro');
    await visit(sp, '/escritorio', 'escritorio');
    await visit(sp, '/conta', 'conta');
    await visit(sp, '/conta/segundo-fator', 'segundo-fator');
    await visit(sp, `/importacao/${imp}`, 'importacao-concluida');

    // The client's side: the access link, the portal's pages, the update link.
    const access = await waitForMail(EMAIL, /\/portal\/acesso\?t=/);
    const cp = client.page;
    await cp.goto(access.text.match(/https?:\/\/\S+\/portal\/acesso\?t=[0-9a-f]{64}/)[0].replace(/^https?:\/\/[^/]+/, BASE));
    await onPhone(cp, 'portal-criar-senha');
    await cp.fill('#senha', 'Feira livre toda quarta-feira');
    await cp.fill('#senha2', 'Feira livre toda quarta-feira');
    await Promise.all([cp.waitForURL(/\/portal\?aviso=bem-vindo/), cp.click('button:has-text("Criar senha e entrar")')]);
    await onPhone(cp, 'portal-inicio');
    for (const [url, name] of [['/portal/honorarios', 'portal-honorarios'], ['/portal/dados', 'portal-dados'],
      [`/portal/honorarios/${fee}/recibo`, 'portal-recibo']]) {
      await cp.goto(`${BASE}${url}`);
      await onPhone(cp, name);
    }
    const update = await waitForMail(EMAIL, /\/portal\/atualizar\?l=/);
    await cp.goto(update.text.match(/https?:\/\/\S+\/portal\/atualizar\?l=[A-Za-z0-9_.-]+/)[0].replace(/^https?:\/\/[^/]+/, BASE));
    await onPhone(cp, 'portal-atualizar');
    await Promise.all([cp.waitForLoadState('load'), cp.click('button:has-text("Continuar")')]);
    await onPhone(cp, 'portal-atualizar-form');

    assert.deepEqual(wide, [], `pages wider than the phone:\n${wide.join('\n')}`);
    assert.deepEqual(staff.problems, [], 'no page problems (staff)');
    assert.deepEqual(client.problems, [], 'no page problems (client)');
  } finally {
    await staff.context.close();
    await client.context.close();
  }
});

test("the portal's menu marks the page the client is on", { timeout: 60000 }, async () => {
  const { context, page, problems } = await newPage(browser, { width: 360, height: 780 });
  try {
    // The login of the test above: its e-mail, the password it chose.
    const login = sql(`SELECT email FROM portal_users WHERE office_id = ${office} LIMIT 1`);
    assert.ok(login, 'the portal login made by the test above');
    await page.goto(`${BASE}/portal/entrar`);
    await page.fill('#email', login);
    await page.fill('#senha', 'Feira livre toda quarta-feira');
    await Promise.all([page.waitForURL(/\/portal$/), page.click('button:has-text("Entrar")')]);
    const fee = sql(`SELECT f.id FROM fees f JOIN portal_users u ON u.client_id = f.client_id
      WHERE u.office_id = ${office} AND f.status = 'recebido' LIMIT 1`);
    const menu = page.locator('nav.areas a');
    for (const [url, current] of [['/portal', 'Início'], ['/portal/honorarios', 'Honorários'],
      [`/portal/honorarios/${fee}/recibo`, 'Honorários'], ['/portal/dados', 'Meus dados']]) {
      await page.goto(`${BASE}${url}`);
      const marked = await menu.evaluateAll((links) => links
        .filter((a) => a.getAttribute('aria-current') === 'page').map((a) => a.textContent.trim()));
      assert.deepEqual(marked, [current], `${url}: the menu marks "${current}"`);
      // Seen, not only announced: the marked link stands out from the others.
      const looks = await menu.evaluateAll((links) => links.map((a) => {
        const s = getComputedStyle(a);
        return `${s.backgroundColor}|${s.fontWeight}|${s.color}`;
      }));
      const names = await menu.allTextContents();
      const mine = looks[names.findIndex((n) => n.trim() === current)];
      assert.ok(looks.every((l, i) => names[i].trim() === current || l !== mine), `${url}: "${current}" looks different`);
    }
    await shot(page, 'celular-portal-menu');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
