// A new office's start page: its first steps (issue 26 #21), at 1366 px and on a 360 px
// phone; and the audit log in Portuguese (issue 26 #16). Screenshots in artifacts/.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const path = require('node:path');
const { ROOT, VAR, BASE, DEMO_PASSWORD, officeBase, sql, launch, newPage, shot, logIn } = require('./helpers');

let browser;
before(async () => { browser = await launch(); });
after(async () => { if (browser) await browser.close(); });

// The page at a width: its screenshot, and whether it fits (no sideways scrolling).
async function atWidth(page, width, name) {
  await page.setViewportSize({ width, height: width > 800 ? 900 : 800 });
  await shot(page, name);
  return page.evaluate(() => document.documentElement.scrollWidth);
}

test("a new office's start page lists its first steps", { timeout: 60000 }, async () => {
  const slug = `passos${process.pid}`;
  const build = process.env.BUILD || 'build/release';
  execFileSync(path.join(ROOT, build, 'bin', 'portalctl'),
    ['-c', path.join(VAR, 'portal.hdf'), 'office', 'create', '--slug', slug,
      '--name', 'Contabilidade Primeiros Passos', '--admin', `dona@${slug}.com.br`]);
  sql(`UPDATE staff_users u JOIN offices o ON o.id = u.office_id SET u.password_hash =
       (SELECT h FROM (SELECT password_hash AS h FROM staff_users WHERE email = 'ana@demo.com.br') x)
       WHERE o.slug = '${slug}'`);
  sql(`UPDATE offices SET cnpj = '11222333000181', address = 'Rua das Flores, 100', city = 'Campinas' WHERE slug = '${slug}'`);
  const { page, problems } = await newPage(browser, { width: 1366, height: 900 });
  try {
    await logIn(page, `dona@${slug}.com.br`, DEMO_PASSWORD, officeBase(slug));
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByRole('heading', { name: 'Primeiros passos' }).waitFor();
    assert.equal(await page.locator('.passos li').count(), 5, 'five steps');
    assert.equal(await page.locator('.passos li.feito').count(), 1, 'the office data done');
    assert.equal(await page.locator('#inicio-a-receber').count(), 0, 'no cards of zeros');
    const wide = await atWidth(page, 1366, 'primeiros-passos.png');
    assert.ok(wide <= 1366, `fits 1366 px (${wide})`);
    const narrow = await atWidth(page, 360, 'primeiros-passos-celular.png');
    assert.ok(narrow <= 360, `fits a 360 px phone (${narrow})`);
    await page.setViewportSize({ width: 1366, height: 900 });
    await Promise.all([page.waitForURL((u) => u.pathname === '/importacao'),
      page.locator('#passo-clientes a').click()]);
    assert.deepEqual(problems, []);
  } finally {
    sql(`UPDATE offices SET active = FALSE WHERE slug = '${slug}'`);
    await page.context().close();
  }
});

test('the audit log in Portuguese', { timeout: 60000 }, async () => {
  const { page, problems } = await newPage(browser, { width: 1366, height: 900 });
  try {
    await logIn(page, 'ana@demo.com.br');
    await page.goto(`${BASE}/clientes/auditoria?acao=pay`);
    await page.locator('td', { hasText: 'Pagamento registrado' }).first().waitFor();
    await atWidth(page, 1366, 'auditoria.png');
    await atWidth(page, 360, 'auditoria-celular.png');
    assert.deepEqual(problems, []);
  } finally {
    await page.context().close();
  }
});
