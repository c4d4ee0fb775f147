// The client portal as its users live it, in headless Debian Chromium, on a desktop and
// on a 360-pixel phone: the staff give a client access from its profile; the access
// e-mail arrives; its link sets the password; the client sees the fees with the PIX
// "copia e cola" (copied with the button) and the QR code, the receipt of a paid fee,
// edits the phone in "Meus dados"; the staff see the change in the profile's history.
// In an office of its own ("clientela2"), emptied before and after. Screenshots go to
// artifacts/ (portal-*.png: look at them).
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { DEMO_PASSWORD, sql, launch, newPage, shot, officeBase, logIn, testOffice, restartCounts, cnpj, waitForMail,
  pageWidth } = require('./helpers');

const BASE = officeBase('clientela2');
const STAFF = 'pedro@clientela2.com.br';

function resetOffice() {
  const id = testOffice('clientela2', 'Clientela Dois Contabilidade', 'Pedro Prates', STAFF);
  sql(`DELETE FROM portal_users WHERE office_id = ${id};
    DELETE FROM fee_payments WHERE office_id = ${id}; DELETE FROM fees WHERE office_id = ${id};
    DELETE FROM fee_open_days WHERE office_id = ${id}; DELETE FROM audit_events WHERE office_id = ${id};
    DELETE FROM clients WHERE office_id = ${id};
    UPDATE offices SET pix_key = 'pix@clientela2.com.br', pix_key_type = 'email',
      pix_name = 'CLIENTELA DOIS', pix_city = 'CURITIBA' WHERE id = ${id}`);
  restartCounts(id);
  return id;
}

async function fees(office, client) {
  const row = (comp, due, status, paidOn) => `(${office}, ${client}, 0, '${comp}', 'mensal',
    'Honorários contábeis', 52000, ${status === 'recebido' ? 52000 : 0}, '${due}', '${status}',
    ${paidOn ? `'${paidOn}'` : 'NULL'}, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))`;
  sql(`INSERT INTO fees (office_id, client_id, plan_id, competencia, kind, description, amount, paid,
    due_date, status, paid_on, created_at, updated_at) VALUES
    ${row('2026-08-01', '2026-08-10', 'recebido', '2026-08-07')},
    ${row('2026-09-01', '2026-09-10', 'aberto')},
    ${row('2026-12-01', '2099-12-10', 'aberto')}`);
  const paid = sql(`SELECT id FROM fees WHERE client_id = ${client} AND status = 'recebido'`);
  sql(`INSERT INTO fee_payments (office_id, fee_id, paid_on, amount, method, created_at)
    VALUES (${office}, ${paid}, '2026-08-07', 52000, 'pix', UTC_TIMESTAMP(6))`);
  return paid;
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

for (const [label, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 360, height: 740 }]]) {
  test(`${label}: access e-mail -> password -> fees and PIX -> edit the phone -> staff see it`,
    { timeout: 120000 }, async () => {
      const login = `dona-${label}-${process.pid}@padaria.com.br`;
      const staff = await newPage(browser, { width: 1280, height: 900 });
      const client = await newPage(browser, viewport);
      await client.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: BASE });
      try {
        // The staff member makes the client and gives it access from its profile.
        const sp = staff.page;
        await logIn(sp, STAFF, DEMO_PASSWORD, BASE);
        await sp.goto(`${BASE}/clientes/novo`);
        await sp.check('input[name="tipo"][value="PJ"]');
        await sp.fill('#nome', `Padaria Portal ${label} Ltda`);
        await sp.fill('#documento', cnpj());
        await sp.fill('#email', login);
        await Promise.all([sp.waitForURL(/\/clientes\/\d+\?criado=1$/), sp.click('button:has-text("Salvar")')]);
        const id = sp.url().match(/\/clientes\/(\d+)/)[1];
        const paid = await fees(office, id);
        await sp.goto(`${BASE}/clientes/${id}`);
        assert.equal(await sp.inputValue('#portal-email'), login, 'the access e-mail is the main one');
        await sp.fill('#portal-nome', 'Dona Maria');
        assert.ok(await sp.isChecked('input[name="enviar"]'), '"Enviar e-mail com dados de acesso" is checked');
        await Promise.all([sp.waitForURL(/portal=enviado/), sp.click('button:has-text("Criar acesso")')]);
        await sp.locator('#portal').getByText('Aguardando senha').waitFor();
        if (label === 'desktop') await shot(sp, 'portal-staff-profile');

        // The e-mail: its link opens the password form.
        const mail = await waitForMail(login);
        assert.doesNotMatch(mail.text, /senha:\s*\S/i, 'no password in the e-mail');
        const link = mail.text.match(/https?:\/\/\S+\/portal\/acesso\?t=[0-9a-f]{64}/)[0];
        const cp = client.page;
        await cp.goto(link.replace(/^https?:\/\/[^/]+/, BASE));
        await cp.getByText('Clientela Dois Contabilidade').first().waitFor();
        await shot(cp, `portal-${label}-criar-senha`);
        await cp.fill('#senha', 'Pão quentinho toda manhã');
        await cp.fill('#senha2', 'Pão quentinho toda manhã');
        await Promise.all([cp.waitForURL(`${BASE}/portal?aviso=bem-vindo`), cp.click('button:has-text("Criar senha e entrar")')]);

        // The start page: open and overdue, the PIX of each, the QR, the latest paid.
        await cp.getByText('Senha criada').waitFor();
        assert.match(await cp.textContent('#total-a-pagar'), /R\$ 520,00/, 'to pay now: the overdue one');
        assert.match(await cp.textContent('#total-vencido'), /R\$ 520,00/, 'overdue total');
        assert.match(await cp.textContent('#total-a-vencer'), /R\$ 520,00/, 'later: the 2099 one');
        const code = (await cp.locator('.pix-codigo').first().textContent()).trim();
        assert.match(code, /^000201.*pix@clientela2\.com\.br/, 'a PIX copia e cola');
        const qr = cp.locator('img.pix-qr').first();
        await qr.waitFor();
        assert.ok(await qr.evaluate((img) => img.complete && img.naturalWidth > 100), 'the QR code shows');
        await cp.click('button:has-text("Copiar código PIX")');
        await cp.getByText('Código copiado!').waitFor();
        assert.equal(await cp.evaluate(() => navigator.clipboard.readText()), code, 'the code is on the clipboard');
        await shot(cp, `portal-${label}-inicio`);

        // The receipt of the paid fee.
        await cp.click(`a[href="/portal/honorarios/${paid}/recibo"]`);
        await cp.getByRole('heading', { name: 'Recibo' }).waitFor();
        await shot(cp, `portal-${label}-recibo`);
        if (label === 'desktop') await cp.pdf({ path: require('node:path').join(__dirname, 'artifacts', 'portal-recibo.pdf'), format: 'A4' });

        // Honorários, filtered.
        await cp.getByRole('link', { name: 'Honorários' }).first().click();
        await cp.selectOption('#situacao', 'vencido');
        await Promise.all([cp.waitForURL(/situacao=vencido/), cp.click('button:has-text("Filtrar")')]);
        assert.equal(await cp.locator('.honorarios-cliente > li').count(), 1, 'one overdue fee');
        await shot(cp, `portal-${label}-honorarios`);

        // Meus dados: a bad phone refused beside its field, then a good one saved.
        await cp.getByRole('link', { name: 'Meus dados' }).click();
        await cp.fill('#celular', '12345');
        await cp.click('button:has-text("Salvar meus dados")');
        await cp.waitForSelector('#celular-erro');
        assert.match(await cp.textContent('#celular-erro'), /Telefone inválido/);
        await shot(cp, `portal-${label}-dados-erro`);
        await cp.fill('#celular', '(41) 99876-5432');
        await Promise.all([cp.waitForURL(/aviso=salvo/), cp.click('button:has-text("Salvar meus dados")')]);
        assert.equal(await cp.inputValue('#celular'), '(41) 99876-5432');

        // The phone: nothing sticks out sideways on any page.
        for (const path of ['/portal', '/portal/honorarios', '/portal/dados', `/portal/honorarios/${paid}/recibo`]) {
          await cp.goto(`${BASE}${path}`);
          const { width, viewport } = await pageWidth(cp);
          assert.ok(width <= viewport, `${path} is ${width} px wide on a ${viewport} px screen`);
        }

        // The staff see the change, by the client, in the profile's history.
        await sp.goto(`${BASE}/clientes/${id}`);
        const history = await sp.textContent('.historico');
        assert.match(history, /Dona Maria \(portal do cliente\)/, 'by the client, through the portal');
        assert.match(history, /41\) 99876-5432|41998765432/, 'the new phone');
        await sp.locator('#portal').getByText('Ativo').waitFor();

        // Logging out.
        await cp.goto(`${BASE}/portal`);
        await Promise.all([cp.waitForURL(/\/portal\/entrar\?aviso=saiu/), cp.click('button:has-text("Sair")')]);
        await shot(cp, `portal-${label}-entrar`);
        assert.deepEqual(client.problems, [], 'no page problems (client)');
        assert.deepEqual(staff.problems, [], 'no page problems (staff)');
      } finally {
        await staff.context.close();
        await client.context.close();
      }
    });
}
