// Browser benchmark: time from giving the app a generated Etherscan-style CSV with N transfers
// (100,000 by default) until its figures are on the page and a frame has been drawn, in
// Debian's headless Chromium against the built app (dist/). Prints one line:
// `browser-open etherscan-csv rows=N ms=X longest_task_ms=Y … page_memory_mb=P
// worker_memory_mb=W page_growth_bytes_per_transfer=G`: the page's and the import worker's
// wasm memory once the case is open (each a high-water mark: wasm memory never shrinks), what
// the page's allocator holds then (live) and held at most (peak), and
// how much the page's grew per transfer. A second line, `browser-autosave …`, says when the
// new case was autosaved, the long tasks and page memory that took, and how long a reload
// took to the restored case's first frame.
import fs from 'node:fs';
import path from 'node:path';
import { openBenchPage, artefactDir, etherscanCsv } from '../support.mjs';

const rows = Number(process.argv[2] ?? 100000);

const { page, close } = await openBenchPage();
try {
  await page.evaluate(() => {
    window.__longest = 0;
    window.__tasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        window.__longest = Math.max(window.__longest, e.duration);
        window.__tasks.push(Math.round(e.duration));
      }
    }).observe({ type: 'longtask', buffered: false });
  });
  // The file goes to the page by path, as a user's pick does, so handing it over costs the
  // page nothing (a buffer would be copied into the page through the driver).
  const before = await page.evaluate(() => window.hopscopeTest.memory());
  const file = path.join(artefactDir, `bench-${rows}.csv`);
  fs.writeFileSync(file, etherscanCsv(rows));
  const started = Date.now();
  await page.getByTestId('file-input').setInputFiles(file);
  await page.waitForFunction((n) => document.querySelector('[data-testid=graph-stats]')?.textContent.includes(`${n} transfers`), rows, { timeout: 300000, polling: 10 });
  // One more animation frame: the new case is drawn.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const ms = Date.now() - started;
  const longest = await page.evaluate(() => window.__longest);
  const tasks = await page.evaluate(() => window.__tasks.join(','));
  const after = await page.evaluate(() => window.hopscopeTest.memory());
  const mb = (b) => (b / 1048576).toFixed(0);
  console.log(
    `browser-open etherscan-csv rows=${rows} ms=${ms} longest_task_ms=${Math.round(longest)} long_tasks_ms=[${tasks}] ` +
      `page_memory_mb=${mb(after.page)} (before ${mb(before.page)}) page_live_mb=${mb(after.live)} page_peak_mb=${mb(after.peak)} worker_memory_mb=${mb(after.importWorker)} ` +
      `page_growth_bytes_per_transfer=${((after.page - before.page) / rows).toFixed(0)}`,
  );
  fs.rmSync(file);
  // Then the autosave of the new case (its data, once), and a reload that restores it.
  await page.evaluate(() => { window.__tasks = []; });
  await page.waitForFunction(() => /saved|not saved/.test(document.querySelector('[data-testid=autosave-state]')?.textContent ?? ''), null, { timeout: 300000, polling: 50 });
  const savedMs = Date.now() - started;
  const state = await page.getByTestId('autosave-state').innerText();
  const saveTasks = await page.evaluate(() => window.__tasks.join(','));
  const saved = await page.evaluate(() => window.hopscopeTest.memory());
  const reloadStarted = Date.now();
  await page.reload();
  await page.waitForFunction((n) => document.querySelector('[data-testid=graph-stats]')?.textContent.includes(`${n} transfers`), rows, { timeout: 300000, polling: 10 });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const reloadMs = Date.now() - reloadStarted;
  const restored = await page.evaluate(() => window.hopscopeTest.memory());
  console.log(
    `browser-autosave rows=${rows} state="${state}" saved_after_ms=${savedMs} long_tasks_ms=[${saveTasks}] page_memory_mb=${mb(saved.page)} ` +
      `reload_ms=${reloadMs} restored_page_memory_mb=${mb(restored.page)} restored_live_mb=${mb(restored.live)} restored_peak_mb=${mb(restored.peak)}`,
  );
} finally {
  await close();
}
