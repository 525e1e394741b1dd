// Issue 20's journey: the report that stands as evidence. For the bundled HTX case, and for
// the bridge case investigated (a demixing candidate accepted, the trace across the bridge,
// annotations drawn, a hostile label): Export → Report gives the same bytes `hopscope report`
// makes of the saved case; the report opens from disk with no script and no request, and
// headless Chromium prints it to PDF on A4 and on Letter (pages rendered for a look). The
// tables come as CSV too; annotations are drawn on the canvas, undo, and are saved.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { serveDist, launch, AppPage, artefactDir, repoRoot, bundledCase } from '../support.mjs';

const CLI = path.join(repoRoot, 'target', 'debug', 'hopscope');
let server, browser, context, page, app;
const pageErrors = [];
const out = (name) => path.join(artefactDir, name);
const synthetic = (name) => '0x' + crypto.createHash('sha256').update(name).digest('hex').slice(0, 40);
const wGas = synthetic('bridge-w-gas');
const AVALANCHE_EXCHANGE = bundledCase('bridge-tornado-avalanche.json').json.nodes.find(
  (n) => n.label === 'Exchange deposit (Avalanche)',
).id;

before(async () => {
  fs.mkdirSync(artefactDir, { recursive: true });
  server = await serveDist();
  browser = await launch();
  context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(String(err)));
  app = new AppPage(page);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function openMenu() {
  const open = await page.locator('details.export-menu').evaluate((d) => d.open);
  if (!open) await page.getByTestId('export-menu').click();
}

async function download(testid, name) {
  await openMenu();
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  const where = out(name);
  await file.saveAs(where);
  return where;
}

async function saveCase(name) {
  const [saved] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save-case').click()]);
  const where = out(name);
  await saved.saveAs(where);
  return where;
}

/** Opens `file` (a report) from disk with scripts counted and requests recorded, prints it to
 * PDF on A4 and on Letter, and screenshots its first pages as printed. */
async function printed(file, stem) {
  const view = await context.newPage();
  const requests = [];
  view.on('request', (r) => { if (!r.url().startsWith('file://') && !r.url().startsWith('data:')) requests.push(r.url()); });
  await view.goto('file://' + file);
  const scripts = await view.evaluate(() => document.scripts.length);
  await view.emulateMedia({ media: 'print' });
  const pages = {};
  for (const format of ['A4', 'Letter']) {
    const started = Date.now();
    const pdf = await view.pdf({ format, printBackground: true });
    const ms = Date.now() - started;
    fs.writeFileSync(out(`${stem}.${format}.pdf`), pdf);
    // Page objects of the PDF: `/Type /Page` entries (not `/Pages`).
    pages[format] = { count: (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length, ms, bytes: pdf.length };
  }
  await view.setViewportSize({ width: 794, height: 1123 });
  await view.screenshot({ path: out(`${stem}-print-top.png`) });
  await view.locator('#hops').scrollIntoViewIfNeeded();
  await view.screenshot({ path: out(`${stem}-print-hops.png`) });
  await view.locator('#picture').scrollIntoViewIfNeeded();
  await view.screenshot({ path: out(`${stem}-print-picture.png`) });
  await view.close();
  return { scripts, requests, pages };
}

test('the report of the bundled HTX case: the same bytes as `hopscope report`, prints on A4 and Letter', async () => {
  await page.goto(`${server.url}?case=htx-2023-tornado`);
  await app.waitForSettledLayout();
  await page.getByTestId('layout-pause').click();
  const report = await download('export-report', 'issue20-htx.report.html');
  const caseFile = await saveCase('issue20-htx.hopscope.json');
  const cli = out('issue20-htx.cli.html');
  execFileSync(CLI, ['report', caseFile, '-o', cli]);
  const [a, b] = [fs.readFileSync(report), fs.readFileSync(cli)];
  assert.ok(a.equals(b), 'the app and the CLI write the same report');
  const html = a.toString('utf8');
  const digest = crypto.createHash('sha256').update(fs.readFileSync(caseFile)).digest('hex');
  assert.ok(html.includes(digest), 'the SHA-256 of the saved case file');
  for (const section of ['summary', 'picture', 'hops', 'method', 'labels', 'integrity']) {
    assert.ok(html.includes(`<section id="${section}"`), section);
  }
  assert.match(html, /Story step 1: The hack/, 'the story steps as hop tables');
  assert.match(html, /Tornado Cash 100 ETH pool/);
  const { scripts, requests, pages } = await printed(report, 'issue20-htx');
  assert.equal(scripts, 0, 'no script');
  assert.deepEqual(requests, [], 'no request');
  for (const format of ['A4', 'Letter']) {
    assert.ok(pages[format].count >= 5, `${format}: ${JSON.stringify(pages[format])}`);
    assert.ok(pages[format].ms < 10_000, `${format} printed in ${pages[format].ms} ms`);
  }
  console.log(`HTX report: ${a.length} bytes; PDF ${JSON.stringify(pages)}`);
  assert.equal(pageErrors.length, 0, pageErrors.join('\n'));
});

test('annotations: a text box, an arrow and a frame on the canvas, undone and redone, saved', async () => {
  await page.goto(`${server.url}?case=bridge-tornado-avalanche`);
  await app.waitForSettledLayout();
  const victim = (await app.nodes())[0].address;
  await app.clickNode(victim);
  await page.getByTestId('hops-input').fill('6');
  await page.getByTestId('hops-input').dispatchEvent('change');
  await page.getByTestId('expand-out').click();
  await app.waitForSettledLayout();
  await page.locator('[data-testid=annotations-panel] > summary').click();
  // A text box at the victim.
  await app.clickNode(victim);
  await page.getByTestId('annotation-text').fill('Drained on 12 June 2022 <b>not bold</b>');
  await page.getByTestId('annotation-add').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=annotation-item]').length === 1);
  // Undo takes it away, redo brings it back.
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=annotation-item]').length === 0);
  await page.keyboard.press('Control+Shift+z');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=annotation-item]').length === 1);
  // An arrow from the victim (picked with M) to the address then selected.
  const nodes = await app.nodes();
  const other = nodes.find((n) => n.address !== victim);
  await app.clickNode(victim);
  await page.keyboard.press('m');
  await page.waitForFunction(() => window.hopscopeTest.state().picked === 1);
  await app.clickNode(other.address);
  await page.getByTestId('annotation-kind').selectOption('arrow');
  await page.getByTestId('annotation-text').fill('first hop');
  await page.getByTestId('annotation-add').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=annotation-item]').length === 2);
  // A frame around the selected and the picked.
  await page.getByTestId('annotation-kind').selectOption('frame');
  await page.getByTestId('annotation-text').fill('Theft');
  await page.getByTestId('annotation-add').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=annotation-item]').length === 3);
  await page.getByTestId('fit-view').click();
  await page.mouse.move(2, 2);
  await app.screenshot('issue20-annotations.png');
  const saved = JSON.parse(fs.readFileSync(await saveCase('issue20-annotated.hopscope.json'), 'utf8'));
  assert.deepEqual(saved.investigation.annotations.map((a) => a.kind), ['text', 'arrow', 'frame']);
  assert.equal(saved.investigation.annotations[0].text, 'Drained on 12 June 2022 <b>not bold</b>');
  assert.deepEqual(saved.investigation.annotations[1].addresses, [victim, other.address]);
  const svg = fs.readFileSync(await download('export-svg', 'issue20-annotated.svg'), 'utf8');
  assert.match(svg, /<g class="annotations"/);
  // Wrapped in lines of 36 characters, escaped.
  assert.ok(svg.includes('>Drained on 12 June 2022 &lt;b&gt;not</text>'), svg);
  assert.ok(svg.includes('>bold&lt;/b&gt;</text>'));
  assert.equal(pageErrors.length, 0, pageErrors.join('\n'));
});

test('the investigated bridge case: accepted demixing link and bridge hop in the hop tables, hostile text escaped', async () => {
  // The gas wallet's withdrawal accepted, the trace run across the bridge.
  await page.getByTestId('trace-run').click();
  const row = page.locator(`[data-testid=demix-candidates] li[data-address="${wGas}"]`);
  await row.getByTestId('demix-accept').click();
  await page.waitForFunction((a) => window.hopscopeTest.traced(a) > 100, wGas);
  // Onward from the withdrawal: into the Avalanche Bridge, out on Avalanche, to an exchange.
  await app.clickNode(wGas);
  await page.getByTestId('hops-input').fill('3');
  await page.getByTestId('hops-input').dispatchEvent('change');
  await page.getByTestId('expand-out').click();
  await app.waitForSettledLayout();
  // A hostile label on the exchange on Avalanche.
  assert.ok((await app.nodes()).some((n) => n.address === AVALANCHE_EXCHANGE), 'the exchange on Avalanche is shown');
  await app.clickNode(AVALANCHE_EXCHANGE);
  await page.getByTestId('label-edit').fill('<img src=x onerror="window.pwned=1">=cmd');
  await page.getByTestId('label-save').click();
  await page.getByTestId('layout-pause').click();
  await openMenu();
  await page.getByTestId('export-report-attach').check();
  const report = await download('export-report', 'issue20-bridge.report.html');
  const caseFile = await saveCase('issue20-bridge.hopscope.json');
  const cli = out('issue20-bridge.cli.html');
  execFileSync(CLI, ['report', caseFile, '--attach-case', '-o', cli]);
  const [a, b] = [fs.readFileSync(report), fs.readFileSync(cli)];
  assert.ok(a.equals(b), 'the app and the CLI write the same report');
  const html = a.toString('utf8');
  assert.match(html, /Demixing \(linking a mixer withdrawal to a deposit\)<\/b>: demixing candidate<br>\d+ % confidence; accepted by the investigator; the trace follows it/);
  assert.match(html, /Cross-chain bridge hops<\/b>: bridge hop<br>\d+ % confidence; not judged; the trace follows it by default/);
  assert.match(html, /etherscan\.io\/tx\/0x/);
  assert.match(html, /snowtrace\.io\/tx\/0x/);
  assert.ok(!html.includes('<img'), 'the label stays text');
  assert.ok(html.includes('&lt;img src=x onerror=&quot;window.pwned=1&quot;&gt;=cmd'), 'the label, escaped');
  assert.match(html, /<g class="annotations"/);
  assert.match(html, /href="data:application\/json;base64,/, 'the case file attached');
  const { scripts, requests, pages } = await printed(report, 'issue20-bridge');
  assert.equal(scripts, 0);
  assert.deepEqual(requests, []);
  assert.ok(pages.A4.count >= 5 && pages.Letter.count >= 5, JSON.stringify(pages));
  // The tables as CSV, formulas defused.
  const hops = fs.readFileSync(await download('export-hops-csv', 'issue20-bridge.hops.csv'), 'utf8');
  assert.match(hops.split('\n')[0], /amount \[asset\].*usd_at_time \[USD\]/);
  assert.match(hops, /demixing candidate/);
  const cashout = fs.readFileSync(await download('export-cashout-csv', 'issue20-bridge.cashout.csv'), 'utf8');
  assert.match(cashout.split('\n')[0], /exchange_total_worth \[ETH\]/);
  assert.ok(cashout.includes('<img src=x onerror=""window.pwned=1"">=cmd'), cashout);
  assert.equal(pageErrors.length, 0, pageErrors.join('\n'));
});
