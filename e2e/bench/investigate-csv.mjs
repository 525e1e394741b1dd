// Browser benchmark for issue 21: the investigator's moves on a big case, in the built app
// (dist/) in Debian's headless Chromium. The case is opened as an investigator builds one: a
// small case file first (the hacked wallet, a seed, paying a hub that pays 5,000 addresses),
// then an Etherscan-style CSV export added to it (1,000,000 transfers among 50,000 addresses
// by default, the hub among them). Times, on the page's main thread, from the action to the
// end of its handler (`handler_ms`) and until the next frame is drawn and painted
// (`frame_ms`), 5 runs, median reported:
// - expanding the hub one hop out (all its 5,000 + neighbours; then undone);
// - re-running the trace from the seed (haircut, then FIFO) over the whole case;
// - with every address shown, setting a minimum value and clearing it (each reported on its
//   own; every transfer looked at again).
// Also the longest main-thread task after the case opened, and the page's memory after all.
// Prints lines `investigate-csv OP transfers=N handler_ms=X frame_ms=Y`.
import fs from 'node:fs';
import path from 'node:path';
import { openBenchPage, median, artefactDir, etherscanCsv } from '../support.mjs';

const rows = Number(process.argv[2] ?? 1000000);
const RUNS = 5;
const HUB_FANOUT = 5000;

const { page, close } = await openBenchPage();
try {
  const file = path.join(artefactDir, `bench-investigate-${rows}.csv`);
  const text = etherscanCsv(rows);
  // The busiest address of the export (most transfers in and out) is the hub.
  const counts = new Map();
  for (const line of text.split('\n').slice(1)) {
    const cells = line.split('","');
    for (const a of [cells[4], cells[5]]) if (a) counts.set(a, (counts.get(a) ?? 0) + 1);
  }
  const hub = [...counts.entries()].reduce((a, b) => (b[1] > a[1] ? b : a))[0];
  const others = [...counts.keys()].filter((a) => a !== hub).slice(0, HUB_FANOUT);
  const seed = '0x' + 'ab'.repeat(20);
  let t = 1_600_000_000;
  const transfers = [{ tx: '0x' + '01'.repeat(32), from: seed, to: hub, amount: '100000', asset: 'ETH', timestamp: t++ }];
  others.forEach((a, i) => transfers.push({ tx: `0x${(i + 2).toString(16).padStart(64, '0')}`, from: hub, to: a, amount: String(10 + (i % 10)), asset: 'ETH', timestamp: t++ }));
  const caseFile = path.join(artefactDir, 'bench-investigate-seed.json');
  fs.writeFileSync(caseFile, JSON.stringify({ format: 'hopscope-case', version: 1, title: 'bench hub', nodes: [{ id: seed, label: 'Hacked wallet' }, { id: hub, label: 'Hub' }], transfers, seeds: [seed] }));
  fs.writeFileSync(file, text);
  await page.getByTestId('file-input').setInputFiles(caseFile);
  await page.waitForFunction(() => document.querySelector('.case-title')?.textContent === 'bench hub', null, { timeout: 60000 });
  await page.getByTestId('add-files-input').setInputFiles(file);
  const total = rows + transfers.length;
  await page.waitForFunction((n) => document.querySelector('[data-testid=graph-stats]')?.textContent.includes(`${n.toLocaleString('en-US')} transfers`) || document.querySelector('[data-testid=graph-stats]')?.textContent.includes(`${n} transfers`), total, { timeout: 300000, polling: 50 });
  fs.rmSync(file);
  fs.rmSync(caseFile);
  const mb = (b) => (b / 1048576).toFixed(0);
  // The page's memory after each step (the peak only grows: where it jumps, that step held it).
  const memoryNow = async () => {
    const m = await page.evaluate(() => window.hopscopeTest.memory());
    return ` page_memory_mb=${mb(m.page)} live_mb=${mb(m.live)} peak_mb=${mb(m.peak)}`;
  };
  const settle = () => page.waitForFunction(() => window.hopscopeTest.settled(), null, { timeout: 300000 });
  await settle();
  console.log(`investigate-csv opened transfers=${total} shown=${(await page.evaluate(() => window.hopscopeTest.nodes().length))}${await memoryNow()}`);
  await page.evaluate(() => {
    window.__longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
    }).observe({ type: 'longtask', buffered: false });
  });
  /** Runs `act` in the page (a function body given `document`) and times its handler and
   *  the next painted frame. */
  const timed = (act, arg) => page.evaluate(([act, arg]) => new Promise((resolve) => {
    const t0 = performance.now();
    new Function('arg', act)(arg);
    const handler = performance.now() - t0;
    requestAnimationFrame(() => setTimeout(() => resolve({ handler, frame: performance.now() - t0 }), 0));
  }), [act, arg]);
  const report = async (op, m, extra = '') =>
    console.log(`investigate-csv ${op} transfers=${total} handler_ms=${median(m.handler).toFixed(1)} frame_ms=${median(m.frame).toFixed(1)}${extra}${await memoryNow()}`);
  const clickNode = async (address) => {
    const node = (await page.evaluate(() => window.hopscopeTest.nodes())).find((n) => n.address.toLowerCase() === address);
    if (!node) throw new Error(`${address} is not drawn`);
    const box = await page.getByTestId('graph-canvas').boundingBox();
    await page.mouse.click(box.x + node.x, box.y + node.y);
    const selected = await page.evaluate(() => window.hopscopeTest.state().selected);
    if (String(selected).toLowerCase() !== address) throw new Error(`selected ${selected}, not ${address}`);
  };

  // The hub: shown by expanding the seed, then expanded itself (and that undone), 5 times.
  await clickNode(seed);
  await page.getByTestId('expand-out').click();
  await settle();
  const expand = { handler: [], frame: [] };
  for (let r = 0; r < RUNS; r++) {
    await clickNode(hub);
    const before = await page.evaluate(() => window.hopscopeTest.nodes().length);
    await page.getByTestId('expand-out').click();
    // A hub's expansion asks how many to show; all of them.
    await page.getByTestId('hub-all').waitFor();
    const m = await timed(`document.querySelector('[data-testid=hub-all]').click();`);
    const after = await page.evaluate(() => window.hopscopeTest.nodes().length);
    if (after < before + others.length) throw new Error(`the expansion showed ${after - before} addresses, not ${others.length}`);
    if (r === 0) console.log(`investigate-csv expand-hub shown_before=${before} shown_after=${after} flows_after=${await page.evaluate(() => window.hopscopeTest.edges())}`);
    expand.handler.push(m.handler); expand.frame.push(m.frame);
    await page.getByTestId('undo').click();
    await settle();
  }
  await report('expand-hub', expand);

  // The trace from the seed, run again, over the whole case.
  for (const method of ['haircut', 'fifo']) {
    // Cleared first, so the summary checked below is this method's own.
    if (await page.getByTestId('trace-clear').count()) await page.getByTestId('trace-clear').click();
    await page.getByTestId('trace-method').selectOption(method);
    const trace = { handler: [], frame: [] };
    for (let r = 0; r < RUNS; r++) {
      const m = await timed(`document.querySelector('[data-testid=trace-run]').click();`);
      trace.handler.push(m.handler); trace.frame.push(m.frame);
    }
    const summary = await page.getByTestId('trace-summary').innerText();
    if (!/left the seeds/.test(summary)) throw new Error(`no trace summary: ${summary}`);
    await report(`trace-${method}`, trace);
  }
  await page.getByTestId('trace-clear').click();

  // Every address shown, then a minimum value set and cleared.
  await page.getByTestId('view-all').click();
  await settle();
  console.log(`investigate-csv view-all shown=${(await page.evaluate(() => window.hopscopeTest.nodes().length))}${await memoryNow()}`);
  const edgesAll = await page.evaluate(() => window.hopscopeTest.edges());
  const set = { handler: [], frame: [] };
  const cleared = { handler: [], frame: [] };
  for (let r = 0; r < 2 * RUNS; r++) {
    const m = await timed(`const input = document.querySelector('[data-testid=filter-min-value]');
      input.value = arg; input.dispatchEvent(new Event('change', { bubbles: true }));`, r % 2 === 0 ? '500' : '');
    const into = r % 2 === 0 ? set : cleared;
    into.handler.push(m.handler); into.frame.push(m.frame);
    const edges = await page.evaluate(() => window.hopscopeTest.edges());
    if ((r % 2 === 0) === (edges >= edgesAll)) throw new Error(`the filter did not change the flows: ${edges} of ${edgesAll}`);
  }
  await report('filter-min-value-set', set, ` flows=${edgesAll}`);
  await report('filter-min-value-cleared', cleared, ` flows=${edgesAll}`);
  const longest = await page.evaluate(() => window.__longest);
  console.log(`investigate-csv after transfers=${total} longest_task_ms=${Math.round(longest)}${await memoryNow()}`);
} finally {
  await close();
}
