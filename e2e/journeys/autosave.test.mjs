// Autosave with no small ceiling: a case far bigger than localStorage's 5 MB is autosaved in
// the browser's database and a reload restores it exactly; Recent lists it with its size and
// the page shows how much of the disk the site uses; a save stopped half way (as a tab closed
// during it) leaves the last saved state to reopen; the view is also written at once when the
// page goes; cases an earlier version saved in localStorage are moved over on first start.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serveDist, launch, byAddress, bundledCase, etherscanCsv, AppPage, artefactDir, repoRoot } from '../support.mjs';

let server, browser, context, page, app;
const pageErrors = [];
const ROWS = 60_000;
const bigFile = path.join(artefactDir, 'autosave-export.csv');
const textbook = bundledCase('textbook-ten.json');

before(async () => {
  fs.mkdirSync(artefactDir, { recursive: true });
  fs.writeFileSync(bigFile, etherscanCsv(ROWS));
  server = await serveDist();
  browser = await launch();
  context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(String(err)));
  app = new AppPage(page);
  await app.openFresh(server.url);
});

after(async () => {
  await browser?.close();
  await server?.close();
  fs.rmSync(bigFile, { force: true });
});


let lastSaved;

test('a case far bigger than 5 MB is autosaved and a reload restores it exactly', async () => {
  await app.fileInput.setInputFiles(bigFile);
  await page.waitForFunction((n) => window.hopscopeTest.state().caseTransfers >= n, ROWS, { timeout: 60_000 });
  const transfers = (await page.evaluate(() => window.hopscopeTest.state())).caseTransfers;
  assert.ok(transfers >= ROWS - 10, `${transfers} transfers`);
  await app.autosaved('', 60_000);
  // An investigation: every address shown, laid out and at rest.
  let since = await app.savedAt();
  await page.getByTestId('view-all').click();
  await app.waitForSettledLayout();
  await app.autosaved(since, 60_000);
  since = await app.savedAt();
  // The layout's resting place is saved too.
  await page.waitForTimeout(600);
  await app.autosaved(since, 60_000).catch(() => {});
  const before = { shown: await app.shown(), world: byAddress(await app.world()), state: await page.evaluate(() => window.hopscopeTest.state()) };
  assert.ok(before.shown.length > 2000, `${before.shown.length} shown`);
  const recent = page.getByTestId('recent-cases').locator('option', { hasText: '(open)' });
  const label = await recent.textContent();
  const mb = Number(label.match(/· ([\d.]+) MB \(open\)$/)?.[1]);
  assert.ok(mb > 5, `listed with its size, more than localStorage's 5 MB: ${label}`);
  assert.match(await page.getByTestId('storage-use').innerText(), /^[\d.]+ [kMG]B of [\d.]+ [kMG]B used$/);
  const local = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('hopscope:case')));
  assert.deepEqual(local, [], 'nothing of the case in localStorage');
  await app.screenshot('autosave-big-case.png');

  await page.reload();
  await app.stats.filter({ hasText: `${before.state.caseTransfers} transfers` }).waitFor({ timeout: 60_000 });
  await app.waitForSettledLayout();
  const after = await page.evaluate(() => window.hopscopeTest.state());
  assert.equal(after.caseNodes, before.state.caseNodes);
  assert.equal(after.visible, before.state.visible);
  assert.deepEqual(await app.shown(), before.shown);
  const w = byAddress(await app.world());
  let moved = 0;
  for (const [a, p] of before.world) {
    if (Math.hypot(w.get(a).x - p.x, w.get(a).y - p.y) > 1e-3) moved++;
  }
  assert.equal(moved, 0, `${moved} addresses are not where they were`);
  lastSaved = { shown: before.shown, visible: after.visible };
});

test('a save stopped half way leaves the last saved state, which a reload reopens', async () => {
  await page.evaluate(() => window.hopscopeTest.failSaves('stopped'));
  const min = page.getByTestId('filter-min-value');
  await min.fill('1000');
  await min.dispatchEvent('change');
  await app.waitForSettledLayout();
  const alert = page.getByTestId('storage-error');
  await alert.waitFor();
  assert.match(await alert.innerText(), /Autosave failed: the save was stopped half way\. Your work is still open here, and the last save is kept/);
  assert.equal(await page.getByTestId('autosave-state').innerText(), 'not saved');
  const filtered = (await app.shown()).length;
  assert.ok(filtered < lastSaved.shown.length, `the filter took addresses out of the picture (${filtered} of ${lastSaved.shown.length})`);
  await app.screenshot('autosave-stopped.png');
  // As if the tab had been closed during the save: the page goes; the next one reopens what
  // was last saved whole.
  await page.reload();
  await app.stats.filter({ hasText: 'transfers' }).waitFor();
  await app.waitForSettledLayout();
  assert.equal((await page.evaluate(() => window.hopscopeTest.state())).visible, lastSaved.visible);
  assert.deepEqual(await app.shown(), lastSaved.shown);
  assert.equal(await page.getByTestId('filter-min-value').inputValue(), '');
});

test('when the page goes its investigation is written at once, and the next start moves it into the database', async () => {
  // A database save may not finish before a page is gone; the page's last view is also
  // written to localStorage, synchronously.
  await page.evaluate(() => window.dispatchEvent(new Event('pagehide')));
  const journal = await page.evaluate(() => JSON.parse(localStorage.getItem('hopscope:journal') ?? 'null'));
  assert.ok(journal, 'the last view is written when the page goes');
  assert.ok(Array.isArray(JSON.parse(journal.view).positions), 'with the positions');
  await page.reload();
  await app.stats.filter({ hasText: 'transfers' }).waitFor();
  await app.waitForSettledLayout();
  assert.equal(await page.evaluate(() => localStorage.getItem('hopscope:journal')), null, 'moved into the database');
  assert.deepEqual(await app.shown(), lastSaved.shown);
});

test('cases an earlier version saved in localStorage are moved over on first start', async () => {
  const fresh = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const other = await fresh.newPage();
  other.on('pageerror', (err) => pageErrors.push(String(err)));
  // A page of the app's origin that is not the app (its style sheet) writes what the earlier
  // version left behind.
  const sheet = fs.readdirSync(path.join(repoRoot, 'dist')).find((f) => f.endsWith('.css'));
  await other.goto(`${server.url}${sheet}`);
  await other.evaluate((text) => {
    const saved = Date.UTC(2026, 10, 30, 9, 15);
    localStorage.setItem('hopscope:recent', JSON.stringify([{ key: 'old1', title: 'Moved case', saved, n_addresses: 10, n_shown: 10 }]));
    localStorage.setItem('hopscope:case:old1', text);
    localStorage.setItem('hopscope:current', 'old1');
  }, textbook.text);
  await other.goto(server.url);
  const stats = other.getByTestId('graph-stats');
  await stats.filter({ hasText: textbook.stats }).waitFor();
  assert.equal(await other.getByTestId('start-screen').isVisible(), false, 'the moved case opens, not the start screen');
  const left = await other.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('hopscope:') && k !== 'hopscope:mappings'));
  assert.deepEqual(left, [], 'localStorage no longer holds the moved case');
  const option = other.getByTestId('recent-cases').locator('option', { hasText: 'Moved case' });
  assert.match(await option.textContent(), /Moved case · 2026-11-30 09:15 UTC · 10 addresses \(10 shown\) · [\d.]+ kB/);
  await other.screenshot({ path: path.join(artefactDir, 'autosave-moved.png') });
  await fresh.close();
});

test('autosave threw nothing on the page', () => {
  assert.deepEqual(pageErrors, []);
});
