// What the browser tests share: where the stack is, its database, the browser, a page
// that records every problem, and screenshots (to artifacts/: look at them).
//
// They run against the test instance (scripts/stack start test: the production site file
// over HTTPS at https://localhost:18443, nginx or Apache) with `node --test` in this folder
// (make test-browser does both). Another instance: set PORTAL_URL, PORTAL_MAIL_URL and
// PORTAL_VAR (its var directory, relative to the repository), e.g.
// PORTAL_URL=https://localhost:28443 PORTAL_VAR=var/bench.
'use strict';

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');

const ROOT = path.resolve(__dirname, '..', '..');
const BASE = process.env.PORTAL_URL || 'https://localhost:18443';
const MAIL = process.env.PORTAL_MAIL_URL || 'http://127.0.0.1:18025';
const VAR = path.resolve(ROOT, process.env.PORTAL_VAR || path.join('var', 'test'));
const ARTIFACTS = path.join(__dirname, 'artifacts');
const MYCNF = path.join(VAR, 'my.cnf');
// The instance's self-signed certificate (scripts/stack makes it): the browser trusts that
// one key and no other (by the SHA-256 of its public key).
const CERT = path.join(VAR, 'tls', 'cert.pem');

// The address of an office's own host (its subdomain of localhost), on the stack's port.
function officeBase(slug) {
  const u = new URL(BASE);
  return `${u.protocol}//${slug}.localhost:${u.port}`;
}

function certSpki() {
  return execFileSync('sh', ['-c',
    'openssl x509 -in "$0" -noout -pubkey | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64',
    CERT], { encoding: 'utf8' }).trim();
}
// portalctl seed-demo: every demo login has this password.
const DEMO_PASSWORD = 'Contabil#Demo2026';

// A statement on the stack's database; its rows as text (tab-separated, no header).
function sql(statement) {
  try {
    return execFileSync('mariadb', [`--defaults-file=${MYCNF}`, 'portal', '-N', '-B', '-e', statement],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 15000 }).trim();
  } catch (err) {
    throw new Error(`SQL with ${MYCNF} failed (is the test stack up? scripts/stack start test): ` +
      `${String(err.stderr || err.message).trim()}`);
  }
}

// Chromium as Debian ships it, headless; the artifacts folder made. Earlier runs (or the
// HTTP tests) may have left failed logins that would throttle ours: cleared.
async function launch() {
  sql('DELETE FROM login_attempts');
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      `--ignore-certificate-errors-spki-list=${certSpki()}`],
  });
}

// A fresh browser profile (no cookies) in Portuguese, with every console error (CSP
// violations land there), page error and failed sub-request of the page recorded.
async function newPage(browser, viewport = { width: 1280, height: 800 }) {
  const context = await browser.newContext({ locale: 'pt-BR', timezoneId: 'America/Sao_Paulo', viewport });
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
    // An image still loading (the icon, a lazy QR code) is cut when the page navigates on
    // before it arrives: harmless. Any other failure of it still counts.
    if (req.failure()?.errorText === 'net::ERR_ABORTED' &&
        (req.url().endsWith('/favicon.svg') || req.resourceType() === 'image')) return;
    problems.push(`failed: ${req.url()} ${req.failure()?.errorText}`);
  });
  page.on('response', (res) => {
    if (res.request().resourceType() !== 'document' && res.status() >= 400) {
      problems.push(`${res.status()}: ${res.url()}`);
    }
  });
  return { context, page, problems };
}

// A full-page screenshot into artifacts/ (".png" added when the name has no extension).
function shot(page, name) {
  const file = path.extname(name) ? name : `${name}.png`;
  return page.screenshot({ path: path.join(ARTIFACTS, file), fullPage: true });
}

// The page on a phone's width, to look at; nothing may stick out sideways (horizontal
// scrolling: wide tables scroll inside their card), or a problem is recorded.
async function phoneShot(page, name, problems) {
  const before = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, name);
  const { width, viewport } = await pageWidth(page);
  await page.setViewportSize(before);
  if (width > viewport) problems.push(`${name}: the page is ${width} px wide on a ${viewport} px phone screen`);
}

// How wide the page is against the window it is shown in (wider: it scrolls sideways).
function pageWidth(page) {
  return page.evaluate(() => ({ width: document.documentElement.scrollWidth, viewport: window.innerWidth }));
}

// Submits the staff login form of the page it is on; resolves to the POST's response once
// the page it leads to (the start page, the second factor, the form again) has loaded.
async function submitLogin(page, email, password) {
  const form = page.locator('form[action="/entrar"]');
  await form.locator('input[name="email"]').fill(email);
  await form.locator('input[name="senha"]').fill(password);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/entrar'),
    form.getByRole('button', { name: 'Entrar' }).click(),
  ]);
  await page.waitForLoadState('load');
  return response;
}

// A staff member logs in from the login page of an office (base: its address; BASE is the
// default office's).
async function logIn(page, email, password = DEMO_PASSWORD, base = BASE) {
  await page.goto(`${base}/entrar`);
  return submitLogin(page, email, password);
}

// A test's own office (slug.localhost), made on first use with one admin, whose password is
// the demo one; its id.
function testOffice(slug, name, adminName, adminEmail) {
  let id = sql(`SELECT id FROM offices WHERE slug = '${slug}'`);
  if (!id) {
    sql(`INSERT INTO offices (slug, name) VALUES ('${slug}', '${name}')`);
    id = sql(`SELECT id FROM offices WHERE slug = '${slug}'`);
    sql(`INSERT INTO staff_users (office_id, name, email, password_hash, role) SELECT ${id},
      '${adminName}', '${adminEmail}', password_hash, 'admin' FROM staff_users WHERE email = 'ana@demo.com.br'`);
  }
  return id;
}

// An emptied office's counts start again from zero, but not their versions: the programs
// keep pages (the registry's list, the start page) per office and version, and a version
// that started again from 0 would bring back the last run's pages with its clients.
function restartCounts(office) {
  sql(`DELETE FROM client_counts WHERE office_id = ${office};
    INSERT INTO client_counts (office_id, version, fee_version) VALUES (${office},
    FLOOR(UNIX_TIMESTAMP(NOW(6)) * 1000000), FLOOR(UNIX_TIMESTAMP(NOW(6)) * 1000000))`);
}

// A valid numeric CNPJ (random root, branch 0001), formatted.
function cnpj() {
  const d = Array.from({ length: 8 }, () => Math.floor(Math.random() * 10)).concat([0, 0, 0, 1]);
  for (const w of [[5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2], [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]]) {
    const s = w.reduce((acc, k, i) => acc + k * d[i], 0) % 11;
    d.push(s < 2 ? 0 : 11 - s);
  }
  const t = d.join('');
  return `${t.slice(0, 2)}.${t.slice(2, 5)}.${t.slice(5, 8)}/${t.slice(8, 12)}-${t.slice(12)}`;
}

// The latest e-mail to an address that the stack's SMTP server caught (the worker delivers
// the outbox within seconds); with `match`, the latest whose text matches it.
async function waitForMail(to, match) {
  for (let i = 0; i < 150; i++) {
    const list = (await (await fetch(`${MAIL}/api/messages?to=${encodeURIComponent(to)}`)).json())
      .filter((m) => !match || match.test(m.text));
    if (list.length) return list[list.length - 1];
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no mail to ${to} in 15 s`);
}

module.exports = {
  ROOT, BASE, MAIL, VAR, ARTIFACTS, DEMO_PASSWORD, officeBase, sql, launch, newPage, shot, phoneShot,
  pageWidth, submitLogin, logIn, testOffice, restartCounts, cnpj, waitForMail,
};
