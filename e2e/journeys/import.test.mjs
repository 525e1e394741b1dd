// Importing big files: three 73 MB exports (over the old 64 MiB limit: a table is read as it
// streams) are read in the import worker while the page stays responsive, with a progress bar
// that moves and a cancel button that leaves the open case as it was; a file changed on disk
// while it is read is refused by line with the open case kept; one read to the end merges into
// the open case with the counts the CLI gives.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serveDist, launch, bundledCase, cliStats, etherscanCsv, AppPage, artefactDir } from '../support.mjs';

let server, browser, page, app;
const pageErrors = [];
const textbook = bundledCase('textbook-ten.json');
const bigFile = path.join(artefactDir, 'big-export.csv');
// Three names for the same bytes: reading all three takes long enough to cancel surely.
const copies = [1, 2, 3].map((k) => path.join(artefactDir, `big-export-${k}.csv`));
// A file of its own (not a link), changed on disk while it is read.
const changing = path.join(artefactDir, 'changing-export.csv');
const MIB = 1024 * 1024;

before(async () => {
  fs.writeFileSync(bigFile, etherscanCsv(280_000));
  for (const c of copies) {
    fs.rmSync(c, { force: true });
    fs.linkSync(bigFile, c);
  }
  server = await serveDist();
  browser = await launch();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (err) => pageErrors.push(String(err)));
  app = new AppPage(page);
  await app.openFresh(server.url);
  await app.openFile(textbook.name, textbook.text);
  await app.stats.filter({ hasText: textbook.stats }).waitFor();
});

after(async () => {
  await browser?.close();
  await server?.close();
  for (const f of [bigFile, ...copies, changing]) fs.rmSync(f, { force: true });
});

/** Starts recording main-thread tasks longer than 50 ms. */
async function recordLongTasks() {
  await page.evaluate(() => {
    window.__longTasks = [];
    window.__observer?.disconnect();
    window.__observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push(Math.round(e.duration));
    });
    window.__observer.observe({ type: 'longtask', buffered: false });
  });
}

test('big exports are read in a worker with a moving progress bar, and cancel keeps the open case', async () => {
  const size = fs.statSync(bigFile).size;
  assert.ok(size > 64 * MIB, `the export is ${size} bytes, over the 64 MiB a file read whole may have`);
  await page.getByTestId('add-files-input').setInputFiles(copies);
  const progress = page.getByTestId('import-progress');
  await progress.waitFor();
  // The bar moves while the worker reads.
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=import-progress] progress')?.value) > 0, null, { polling: 20 });
  const workers = page.workers().map((w) => w.url());
  assert.ok(workers.some((u) => u.endsWith('/import_worker_loader.js')), `workers: ${workers}`);
  // While it reads, the page keeps drawing frames and runs no long task.
  await recordLongTasks();
  const frames = await page.evaluate(() => new Promise((resolve) => {
    let n = 0;
    const start = performance.now();
    const step = () => (performance.now() - start < 500 ? (n++, requestAnimationFrame(step)) : resolve(n));
    requestAnimationFrame(step);
  }));
  const longTasks = await page.evaluate(() => window.__longTasks);
  const label = await progress.innerText();
  await app.screenshot('20-import-progress.png');
  assert.ok(await progress.isVisible(), 'still reading (else the files are too small for this test)');
  await page.getByTestId('import-cancel').click({ timeout: 2000 });
  assert.ok(frames >= 20, `only ${frames} frames in 500 ms while reading`);
  assert.deepEqual(longTasks, [], 'no long task on the page while the worker reads');
  assert.match(label, /Reading big-export-1\.csv, big-export-2\.csv, big-export-3\.csv — [\d.]+ of 2\d\d\.\d MB/);
  await progress.waitFor({ state: 'hidden' });
  assert.match(await page.getByTestId('import-report').textContent(), /Reading big-export-1\.csv, big-export-2\.csv, big-export-3\.csv was cancelled; the open case is unchanged/);
  // Nothing arrives later from the stopped worker.
  await page.waitForTimeout(1500);
  assert.equal(await app.stats.innerText(), textbook.stats);
});

test('a file changed on disk while it is read is refused by line, and the open case is kept', async () => {
  fs.copyFileSync(bigFile, changing);
  await page.getByTestId('add-files-input').setInputFiles(changing);
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=import-progress] progress')?.value) > 0, null, { polling: 20 });
  // The investigator's export tool rewrites the file half way through the read.
  fs.writeFileSync(changing, 'rewritten\n');
  await app.errorBanner.filter({ hasText: 'changing-export.csv' }).waitFor({ timeout: 60_000 });
  const banner = await app.errorBanner.innerText();
  assert.match(banner, /changing-export\.csv: line \d+, column 1: the file could not be read on from here \(the browser could not read the file at byte \d+: NotReadableError; was it changed or moved\?\)/, banner);
  await app.screenshot('22-import-changed-file.png');
  assert.equal(await app.stats.innerText(), textbook.stats, 'the open case is kept');
  await app.errorBanner.locator('button.dismiss').click();
});

test('read to the end, the export merges into the open case with the counts the CLI gives', async () => {
  const expected = cliStats(['cases/textbook-ten.json', bigFile]);
  const alone = cliStats([bigFile]);
  await page.getByTestId('add-files-input').setInputFiles(bigFile);
  await page.getByTestId('import-progress').waitFor();
  await app.stats.filter({ hasText: `${expected.nodes} nodes · ${expected.transfers} transfers` }).waitFor({ timeout: 120_000 });
  await page.getByTestId('import-progress').waitFor({ state: 'hidden' });
  const report = page.getByTestId('import-report');
  await report.locator('summary').click();
  const grouped = alone.transfers.toLocaleString('en-US');
  assert.match(await report.innerText(), new RegExp(`big-export\\.csv — etherscan-csv — \\+[\\d,]+ addresses, \\+${grouped} transfers`));
  await app.screenshot('21-import-done.png');
});

test('the import threw nothing on the page', () => {
  assert.deepEqual(pageErrors, []);
});
