// Logging in, as a person does it, in headless Debian Chromium.
//
// Runs against the test instance (scripts/stack start test: http://127.0.0.1:18080) with
// `node --test` in this folder (make test-browser does both). Another instance: set
// PORTAL_URL and PORTAL_VAR (its var directory, relative to the repository), e.g.
// PORTAL_URL=http://127.0.0.1:28080 PORTAL_VAR=var/bench. The screenshots go to
// artifacts/ (kept as the test's artifacts: look at them).
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');

const ROOT = path.resolve(__dirname, '..', '..');
const BASE = process.env.PORTAL_URL || 'http://127.0.0.1:18080';
const VAR = path.resolve(ROOT, process.env.PORTAL_VAR || path.join('var', 'test'));
const ARTIFACTS = path.join(__dirname, 'artifacts');

// portalctl seed-demo: office "demo" (the default office of 127.0.0.1) and its admin.
const OFFICE = 'Escritório Demonstração';
const USER = 'Ana Souza';
const EMAIL = 'ana@demo.com.br';
const PASSWORD = 'Contabil#Demo2026';

let browser;

before(async () => {
  // Earlier runs (or the HTTP tests) may have left failed logins that throttle ours.
  const mycnf = path.join(VAR, 'my.cnf');
  try {
    execFileSync('mariadb', [`--defaults-file=${mycnf}`, 'portal', '-e', 'DELETE FROM login_attempts'],
      { stdio: ['ignore', 'pipe', 'pipe'], timeout: 15000 });
  } catch (err) {
    throw new Error(`could not clear login_attempts with ${mycnf} (is the test stack up? ` +
      `scripts/stack start test): ${String(err.stderr || err.message).trim()}`);
  }
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  if (browser) await browser.close();
});

// A fresh browser profile (no cookies) in Portuguese, with every console error (CSP
// violations land there), page error and failed sub-request of the page recorded.
async function newPage() {
  const context = await browser.newContext({
    locale: 'pt-BR',
    timezoneId: 'America/Sao_Paulo',
    viewport: { width: 1280, height: 800 },
  });
  const page = await context.newPage();
  page.setDefaultTimeout(10000);
  const problems = [];
  page.on('console', (msg) => {
    // "Failed to load resource" also comes for the page itself (a 401 is the right answer
    // to a wrong password) and for the browser's own /favicon.ico: the page's own
    // requests are checked on their responses below.
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) {
      problems.push(`console: ${msg.text()} (${msg.location().url})`);
    }
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('requestfailed', (req) => {
    // The icon's request is cut when the page navigates on before it arrives: harmless.
    if (req.url().endsWith('/favicon.svg') && req.failure()?.errorText === 'net::ERR_ABORTED') return;
    problems.push(`failed: ${req.url()} ${req.failure()?.errorText}`);
  });
  page.on('response', (res) => {
    if (res.request().resourceType() !== 'document' && res.status() >= 400) {
      problems.push(`${res.status()}: ${res.url()}`);
    }
  });
  return { context, page, problems };
}

// The page on a phone's width, to look at; nothing may stick out sideways (horizontal
// scrolling), or a problem is recorded.
async function phoneShot(page, name, problems) {
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, name);
  const [width, viewport] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  await page.setViewportSize({ width: 1280, height: 800 });
  if (width > viewport) problems.push(`${name}: the page is ${width} px wide on a ${viewport} px phone screen`);
}

function shot(page, name) {
  return page.screenshot({ path: path.join(ARTIFACTS, name), fullPage: true });
}

// Fills the login form and submits it with its button; resolves to the POST's response.
async function logIn(page, email, password) {
  const form = page.locator('form[action="/entrar"]');
  await form.locator('input[name="email"]').fill(email);
  await form.locator('input[name="senha"]').fill(password);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/entrar'),
    form.locator('button[type="submit"], input[type="submit"], button:not([type])').first().click(),
  ]);
  await page.waitForLoadState('load');
  return response;
}

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

    const post = await logIn(page, EMAIL, PASSWORD);
    assert.equal(post.status(), 303, 'POST /entrar redirects');
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByText(OFFICE).first().waitFor({ state: 'visible' });
    await page.getByText(USER).first().waitFor({ state: 'visible' });
    const cookies = await context.cookies(BASE);
    assert.ok(cookies.some((c) => c.name === 'sessao' && c.httpOnly), 'an HttpOnly session cookie');
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
    const post = await logIn(page, EMAIL, 'senha-errada-123');
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
