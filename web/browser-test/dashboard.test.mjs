// Drives the mxray dashboard in real headless Chromium (Debian's /usr/bin/chromium through playwright-core):
// audit a domain and paste headers, assert what renders, save screenshots. Usage:
//   node dashboard.test.mjs BASE_URL ARTIFACT_DIR
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { connect } from 'node:net';

const [base, artifacts] = process.argv.slice(2);
if (!base || !artifacts) {
  console.error('usage: node dashboard.test.mjs BASE_URL ARTIFACT_DIR');
  process.exit(64);
}
mkdirSync(artifacts, { recursive: true });
const here = dirname(fileURLToPath(import.meta.url));
const profile = mkdtempSync(join(tmpdir(), 'mxray-chromium-'));
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';

const results = [];

/** One SMTP transaction in plain text (the receiver offers STARTTLS; not using it is what the test shows). */
function smtpSend(port, from, to, message) {
  return new Promise((resolve, reject) => {
    const steps = ['EHLO browser-test.lab.example', 'MAIL FROM:<' + from + '>', 'RCPT TO:<' + to + '>', 'DATA',
      message + '.', 'QUIT'];
    const expect = ['220', '250', '250', '250', '354', '250', '221'];
    const sock = connect(port, '127.0.0.1');
    let buf = '';
    let i = 0;
    sock.setTimeout(20000, () => { sock.destroy(); reject(new Error('SMTP timeout')); });
    sock.on('error', reject);
    sock.on('data', d => {
      buf += d.toString('latin1');
      let nl;
      while ((nl = buf.indexOf('\r\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 2);
        if (line.length > 3 && line[3] === '-') continue;
        if (!line.startsWith(expect[i])) { sock.destroy(); reject(new Error('SMTP: expected ' + expect[i] + ', got ' + line)); return; }
        if (i === steps.length) { sock.end(); resolve(); return; }
        sock.write(steps[i] + '\r\n');
        i++;
      }
    });
  });
}
async function step(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    results.push({ name, ok: true, ms: Date.now() - t0 });
    console.log(`ok    ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    results.push({ name, ok: false });
    console.log(`FAIL  ${name}\n      ${String(e && e.message || e).split('\n').join('\n      ')}`);
    throw e;
  }
}

const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  viewport: { width: 1280, height: 900 },
});
let failed = false;
try {
  const page = context.pages()[0] || await context.newPage();
  page.setDefaultTimeout(20000);
  const offsite = [];
  const errors = [];
  page.on('request', r => {
    const u = r.url();
    if (!u.startsWith(base) && !u.startsWith('about:') && !u.startsWith('data:')) offsite.push(u);
  });
  page.on('pageerror', e => errors.push('pageerror: ' + e.message));
  page.on('console', m => { if (m.type() === 'error') errors.push('console: ' + m.text()); });
  page.on('dialog', d => { errors.push('dialog opened: ' + d.message()); d.dismiss(); });

  await step('dashboard loads with labelled forms and no external assets', async () => {
    const resp = await page.goto(base + '/');
    assert.equal(resp.status(), 200);
    assert.equal(await page.title(), 'mxray dashboard');
    const unlabelled = await page.evaluate(() => [...document.querySelectorAll('input, textarea')]
      .filter(el => !el.labels || el.labels.length === 0).map(el => el.id));
    assert.deepEqual(unlabelled, [], 'every field has a label');
    await page.screenshot({ path: join(artifacts, '01-dashboard.png'), fullPage: true });
  });

  await step('keyboard-only domain audit renders the HTML report', async () => {
    await page.getByLabel('Domain', { exact: true }).focus();
    await page.keyboard.type('shop.example');
    await page.keyboard.press('Enter');
    const frame = page.frameLocator('#result-frame');
    await frame.locator('h1').waitFor();
    assert.match(await frame.locator('h1').innerText(), /Mail audit of shop\.example/);
    assert.ok(await frame.locator('#check-mx').isVisible(), 'MX section shown');
    assert.ok(await frame.locator('.grade').count() === 1, 'grade shown');
    const mxTable = await frame.locator('#check-mx table').innerText();
    assert.match(mxTable, /mx1\.shop\.example/);
    assert.match(await page.locator('#status').innerText(), /^Done/);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'result', 'focus moves to the result');
    await page.screenshot({ path: join(artifacts, '02-audit.png'), fullPage: true });
  });

  await step('a second identical audit says it came from the cache', async () => {
    await page.getByRole('button', { name: 'Audit' }).click();
    await page.locator('#status').filter({ hasText: 'cached result' }).waitFor();
  });

  await step('header paste renders the hop table', async () => {
    await page.getByLabel('Raw headers').fill(readFileSync(join(here, 'sample-headers.txt'), 'utf8'));
    await page.getByRole('button', { name: 'Analyse headers' }).click();
    await page.locator('#result-frame:not([hidden]), #problem:not([hidden])').first().waitFor();
    assert.ok(!(await page.locator('#problem').isVisible()),
      'POST /api/v1/headers answered: ' + (await page.locator('#problem').isVisible() ? await page.locator('#problem').innerText() : ''));
    const frame = page.frameLocator('#result-frame');
    await frame.locator('body').waitFor();
    const body = await frame.locator('body').innerText();
    assert.match(body, /mx1\.example\.net/, 'the receiving hop is shown');
    assert.match(body, /laptop\.example\.com/, 'the submission hop is shown');
    assert.match(body, /192\.0\.2\.25/, 'the origin IP (the server that handed the message over) is shown');
    assert.ok(!(await frame.locator('script').count()), 'no script from the pasted headers');
    await page.screenshot({ path: join(artifacts, '03-headers.png'), fullPage: true });
  });

  await step('a watched domain shows its audit timeline', async () => {
    const added = await page.request.post(base + '/api/v1/watch', { data: { domain: 'shop.example', every: '1h' } });
    assert.equal(added.status(), 201);
    // The scheduler audits a new watch at once; wait for the first stored audit.
    for (let i = 0; i < 60; i++) {
      const h = await (await page.request.get(base + '/api/v1/watch/shop.example/history')).json();
      if ((h.audits || []).length > 0) break;
      await page.waitForTimeout(250);
    }
    await page.getByLabel('Watched domain', { exact: true }).fill('shop.example');
    await page.getByRole('button', { name: 'Show timeline' }).click();
    await page.locator('#timeline:not([hidden])').waitFor();
    const text = await page.locator('#timeline').innerText();
    assert.match(text, /audit #1/, 'the first stored audit is listed');
    await page.screenshot({ path: join(artifacts, '05-timeline.png'), fullPage: true });
  });

  await step('an invalid domain shows the problem in an alert', async () => {
    await page.getByLabel('Domain', { exact: true }).fill('bad..name');
    await page.getByRole('button', { name: 'Audit' }).click();
    await page.locator('#problem:not([hidden])').waitFor();
    assert.match(await page.locator('#problem').innerText(), /not valid/);
    await page.screenshot({ path: join(artifacts, '04-problem.png'), fullPage: true });
  });

  await step('an uploaded aggregate report shows the readiness view with its charts', async () => {
    await page.setInputFiles('#upload-file', join(process.env.MXRAY_REPORT_FIXTURES, 'insight.xml'));
    await page.getByRole('button', { name: 'Upload' }).click();
    await page.locator('#upload-result').waitFor();
    assert.match(await page.locator('#upload-result').innerText(), /stored as #1/);
    await page.getByLabel('Domain to judge').fill('lab.example');
    await page.getByLabel('Period in days').fill('3660');
    await page.getByRole('button', { name: 'Show readiness' }).click();
    await page.locator('#insight-verdict').waitFor();
    assert.match(await page.locator('#insight-verdict').innerText(), /not-ready/);
    assert.ok(await page.locator('#reports-out svg').count() >= 3, 'rates, days and sources charts');
    const sources = await page.locator('#insight-sources').innerText();
    assert.match(sources, /198\.51\.100\.7 \(mail\.vendor\.example\)/);
    assert.match(sources, /include:_spf\.vendor\.example/);
    await page.screenshot({ path: join(artifacts, '06-readiness.png'), fullPage: true });
  });

  await step('the test-mail button gives an address and shows the message that arrived there', async () => {
    const smtpPort = Number(process.env.MXRAY_SMTP_PORT);
    assert.ok(smtpPort > 0, 'the receiver is listening');
    await page.getByRole('button', { name: 'Get a test address' }).click();
    await page.locator('#mailtest-address').waitFor();
    const address = (await page.locator('#mailtest-address').innerText()).trim();
    assert.match(address, /^test-[a-z2-7]{24}@t\.lab\.example$/);
    await smtpSend(smtpPort, 'alice@lab.example', address,
      'From: Alice <alice@lab.example>\r\nTo: ' + address + '\r\nSubject: browser test\r\n'
      + 'Date: Wed, 3 Dec 2025 10:00:00 +0000\r\nMessage-ID: <browser-1@lab.example>\r\n\r\nHello.\r\n');
    await page.locator('#mailtest-result').waitFor({ timeout: 30000 });
    const text = await page.locator('#mailtest-result').innerText();
    assert.match(text, /Connected from\s+127\.0\.0\.1/);
    assert.match(text, /DMARC\s+fail/);
    assert.match(await page.locator('#reports-out').innerText(), /mailtest\.no-tls/);
    await page.screenshot({ path: join(artifacts, '07-test-mail.png'), fullPage: true });
  });

  await step('nothing was loaded from elsewhere and nothing ran that should not', async () => {
    assert.deepEqual(offsite, [], 'no off-site requests');
    assert.deepEqual(errors.filter(e => !e.includes('404') && !e.includes('400')), [], 'no page errors');
  });
} catch (e) {
  failed = true;
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
console.log(`${results.filter(r => r.ok).length}/${results.length} browser steps passed; screenshots in ${artifacts}`);
process.exit(failed ? 1 : 0);
