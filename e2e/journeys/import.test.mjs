// Importing big files: a 60 MB export is read in the import worker while the page stays
// responsive, with a progress bar that moves and a cancel button that leaves the open case as
// it was; read again to the end, it merges into the open case with the counts the CLI gives.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serveDist, launch, bundledCase, cliStats, etherscanCsv, AppPage, artefactDir } from '../support.mjs';

let server, browser, page, app;
const pageErrors = [];
const textbook = bundledCase('textbook-ten.json');
const bigFile = path.join(artefactDir, 'big-export.csv');
const MIB = 1024 * 1024;

before(async () => {
  fs.writeFileSync(bigFile, etherscanCsv(230_000));
  server = await serveDist();
  browser = await launch();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (err) => pageErrors.push(String(err)));
  app = new AppPage(page);
  await page.goto(server.url);
  await app.openFile(textbook.name, textbook.text);
  await app.stats.filter({ hasText: textbook.stats }).waitFor();
});

after(async () => {
  await browser?.close();
  await server?.close();
  fs.rmSync(bigFile, { force: true });
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

test('a big export is read in a worker with a moving progress bar, and cancel keeps the open case', async () => {
  const size = fs.statSync(bigFile).size;
  assert.ok(size > 50 * MIB && size < 64 * MIB, `the export is ${size} bytes`);
  await page.getByTestId('add-files-input').setInputFiles(bigFile);
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
  assert.ok(await progress.isVisible(), 'still reading after half a second (else the file is too small for this test)');
  const longTasks = await page.evaluate(() => window.__longTasks);
  assert.ok(frames >= 20, `only ${frames} frames in 500 ms while reading`);
  assert.deepEqual(longTasks, [], 'no long task on the page while the worker reads');
  assert.match(await progress.innerText(), /Reading big-export\.csv — [\d.]+ of 6\d\.\d MB/);
  await app.screenshot('20-import-progress.png');
  await page.getByTestId('import-cancel').click();
  await progress.waitFor({ state: 'hidden' });
  assert.match(await page.getByTestId('import-report').textContent(), /Reading big-export\.csv was cancelled; the open case is unchanged/);
  // Nothing arrives later from the stopped worker.
  await page.waitForTimeout(1500);
  assert.equal(await app.stats.innerText(), textbook.stats);
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
  assert.match(await report.innerText(), new RegExp(`big-export\\.csv — etherscan-csv — \\+\\d+ addresses, \\+${alone.transfers} transfers`));
  await app.screenshot('21-import-done.png');
});

test('the import threw nothing on the page', () => {
  assert.deepEqual(pageErrors, []);
});
