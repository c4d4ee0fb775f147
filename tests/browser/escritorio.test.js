// The team and the second factor, as people do it, in headless Debian Chromium: an admin
// invites a colleague, the colleague opens the e-mailed link, chooses a password, logs in,
// sets up the second factor by reading the QR code (zbarimg reads the screenshot, as a
// phone's camera would), keeps the recovery codes, and logs in again with a code.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const path = require('node:path');
const { ARTIFACTS, DEMO_PASSWORD, sql, launch, newPage: openPage, shot, phoneShot, logIn, waitForMail } =
  require('./helpers');

const ADMIN = 'ana@demo.com.br';
const NEW_EMAIL = `carlos-${process.pid}@demo.com.br`;
const NEW_PASSWORD = 'Carlos#Senha-Nova-2026';

let browser;

function oathtool(secret, offsetSeconds) {
  const args = ['--totp', '-b', secret];
  if (offsetSeconds) args.push('-N', `now + ${offsetSeconds} seconds`);
  return execFileSync('oathtool', args, { encoding: 'utf8' }).trim();
}

before(async () => {
  browser = await launch();
});

after(async () => {
  if (browser) await browser.close();
  sql(`DELETE FROM staff_users WHERE email = '${NEW_EMAIL}'`);
});

const newPage = () => openPage(browser);

test('invite -> accept -> set up the second factor -> log in with it', { timeout: 120000 }, async () => {
  // The admin invites Carlos.
  const admin = await newPage();
  try {
    await logIn(admin.page, ADMIN, DEMO_PASSWORD);
    await admin.page.getByRole('link', { name: 'Equipe' }).click();
    await admin.page.waitForURL((u) => u.pathname === '/equipe');
    await admin.page.locator('#nome').fill('Carlos Teixeira');
    await admin.page.locator('#email').fill(NEW_EMAIL);
    await admin.page.locator('#papel').selectOption('staff');
    await admin.page.getByRole('button', { name: 'Enviar convite' }).click();
    await admin.page.getByText('Convite enviado').waitFor({ state: 'visible' });
    await admin.page.getByRole('cell', { name: NEW_EMAIL }).waitFor();
    await shot(admin.page, 'equipe.png');
    await phoneShot(admin.page, 'equipe-celular.png', admin.problems);
    assert.deepEqual(admin.problems, []);
  } finally {
    await admin.context.close();
  }

  const mail = await waitForMail(NEW_EMAIL);
  const link = (mail.text.match(/https?:\/\/\S+\/senha\/nova\?t=[0-9a-f]{64}/) || [])[0];
  assert.ok(link, `the invitation has a link: ${mail.text}`);
  assert.ok(!/Carlos#Senha/.test(mail.text), 'no password in the mail');

  const { context, page, problems } = await newPage();
  try {
    // Carlos opens the link and chooses his password.
    await page.goto(link);
    await page.getByRole('heading', { name: 'Crie sua senha' }).waitFor();
    await shot(page, 'convite-senha.png');
    await page.locator('#senha').fill(NEW_PASSWORD);
    await page.locator('#senha2').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Criar senha' }).click();
    await page.getByText('Senha criada').waitFor();
    await logIn(page, NEW_EMAIL, NEW_PASSWORD);
    assert.equal(new URL(page.url()).pathname, '/');

    // My account -> second factor.
    await page.getByRole('link', { name: 'Carlos Teixeira' }).click();
    await page.waitForURL((u) => u.pathname === '/conta');
    await shot(page, 'conta.png');
    await phoneShot(page, 'conta-celular.png', problems);
    await page.getByRole('link', { name: 'Ativar o segundo fator' }).click();
    await page.waitForURL((u) => u.pathname === '/conta/segundo-fator');
    const qr = page.locator('.qr img');
    await qr.waitFor();
    await shot(page, 'segundo-fator.png');
    await phoneShot(page, 'segundo-fator-celular.png', problems);
    // The phone's camera: the QR code's screenshot read back by zbarimg.
    const qrPng = path.join(ARTIFACTS, 'segundo-fator-qr.png');
    await qr.screenshot({ path: qrPng });
    const uri = execFileSync('zbarimg', ['--raw', '-q', qrPng], { encoding: 'utf8' }).trim();
    assert.match(uri, /^otpauth:\/\/totp\/.+:carlos-\d+%40demo\.com\.br\?secret=[A-Z2-7]{32}&/);
    const secret = new URL(uri).searchParams.get('secret');
    const typed = (await page.locator('#segredo').innerText()).replace(/\s+/g, '');
    assert.equal(typed, secret, 'the key shown as text is the one in the QR code');

    await page.locator('#codigo').fill(oathtool(secret));
    await page.getByRole('button', { name: 'Confirmar e ativar' }).click();
    await page.getByRole('heading', { name: 'Segundo fator ativado' }).waitFor();
    const codes = await page.locator('#codigos-recuperacao li').allInnerTexts();
    assert.equal(codes.length, 10, 'ten recovery codes');
    await shot(page, 'codigos-recuperacao.png');

    // Out, and in again: password, then the code.
    await page.getByRole('button', { name: 'Sair' }).click();
    await page.waitForURL((u) => u.pathname === '/entrar');
    await logIn(page, NEW_EMAIL, NEW_PASSWORD);
    assert.equal(new URL(page.url()).pathname, '/entrar/codigo');
    await shot(page, 'entrar-codigo.png');
    await page.locator('#codigo').fill(oathtool(secret, 30));
    await Promise.all([page.waitForURL((u) => u.pathname === '/'), page.getByRole('button', { name: 'Entrar' }).click()]);
    await page.getByRole('heading', { name: /Olá, Carlos Teixeira/ }).waitFor();
    assert.deepEqual(problems, [], 'no console errors or CSP violations');
  } finally {
    await context.close();
  }
});

test("the office's settings page", { timeout: 60000 }, async () => {
  const { context, page, problems } = await newPage();
  try {
    await logIn(page, ADMIN, DEMO_PASSWORD);
    await page.getByRole('link', { name: 'Escritório', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/escritorio');
    await page.locator('#cnpj').fill('12.ABC.345/01DE-36');
    await page.getByRole('button', { name: 'Salvar', exact: true }).click();
    await page.getByText('CNPJ inválido').waitFor();
    await shot(page, 'escritorio-erro.png');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
