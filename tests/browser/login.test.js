// Logging in, as a person does it, in headless Debian Chromium (helpers.js: where the
// stack is, the browser, the screenshots in artifacts/).
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { BASE, DEMO_PASSWORD, launch, newPage: openPage, shot, phoneShot, submitLogin } = require('./helpers');

// portalctl seed-demo: office "demo" (the default office, at localhost) and its admin.
const OFFICE = 'Escritório Demonstração';
const USER = 'Ana Souza';
const EMAIL = 'ana@demo.com.br';
const PASSWORD = DEMO_PASSWORD;

let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  if (browser) await browser.close();
});

const newPage = () => openPage(browser);

test('the login page, then the start page with the office and the user, then out', { timeout: 60000 }, async () => {
  const { context, page, problems } = await newPage();
  try {
    const res = await page.goto(`${BASE}/entrar`);
    assert.equal(res.status(), 200);
    assert.ok((await page.title()).trim() !== '', 'the login page has a title');
    await page.locator('input[name="email"]').waitFor({ state: 'visible' });
    await page.locator('input[name="senha"]').waitFor({ state: 'visible' });
    assert.equal(await page.locator('input[name="senha"]').getAttribute('type'), 'password');
    for (const name of ['email', 'senha']) {
      const labels = await page.locator(`input[name="${name}"]`).evaluate((el) => el.labels.length);
      assert.ok(labels > 0, `the field ${name} has a label`);
    }
    await shot(page, 'entrar.png');
    await phoneShot(page, 'entrar-celular.png', problems);

    const post = await submitLogin(page, EMAIL, PASSWORD);
    assert.equal(post.status(), 303, 'POST /entrar redirects');
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByText(OFFICE).first().waitFor({ state: 'visible' });
    await page.getByText(USER).first().waitFor({ state: 'visible' });
    const cookies = await context.cookies(BASE);
    assert.ok(cookies.some((c) => c.name === '__Host-sessao' && c.httpOnly && c.secure), 'an HttpOnly, Secure __Host- session cookie');
    await shot(page, 'inicio.png');
    await phoneShot(page, 'inicio-celular.png', problems);

    // Sair: the logout form on the start page leads back to the login page, and the
    // start page then asks for a login again.
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/entrar'),
      page.locator('form[action="/sair"]').getByRole('button').first().click(),
    ]);
    await page.goto(`${BASE}/`);
    assert.equal(new URL(page.url()).pathname, '/entrar', 'after Sair, / sends to /entrar');

    assert.deepEqual(problems, [], 'no console errors, CSP violations, failed requests or sideways scrolling on a phone');
  } finally {
    await context.close();
  }
});

test('a wrong password shows "E-mail ou senha incorretos."', { timeout: 60000 }, async () => {
  const { context, page, problems } = await newPage();
  try {
    await page.goto(`${BASE}/entrar`);
    const post = await submitLogin(page, EMAIL, 'senha-errada-123');
    assert.equal(post.status(), 401);
    assert.equal(new URL(page.url()).pathname, '/entrar');
    await page.getByText('E-mail ou senha incorretos.').first().waitFor({ state: 'visible' });
    // The form is there again, ready for another try.
    await page.locator('form[action="/entrar"] input[name="senha"]').waitFor({ state: 'visible' });
    await shot(page, 'entrar-erro.png');
    assert.deepEqual(problems, [], 'no console errors, CSP violations, failed requests or sideways scrolling on a phone');
  } finally {
    await context.close();
  }
});
