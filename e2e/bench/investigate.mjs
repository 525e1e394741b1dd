// Browser benchmark for issue 5: in the built app (dist/) in Debian's headless Chromium, a
// generated case of N transfers (100,000 by default) in which a hub wallet pays 5,000
// addresses. Times, on the page's main thread: expanding the hub one hop (all 5,000 new
// neighbours: the view change, the scene rebuilt, the layout handed the reshaped graph), and
// re-running the trace over all N transfers (haircut and FIFO, following conversions: one
// transfer in 20 is half of an ETH → USDC swap; then haircut kept to one asset); and, with every address shown,
// setting and clearing a minimum value (every transfer looked at again). Each is timed from the click
// to the end of its handler (`handler_ms`) and until the next frame is drawn and painted
// (`frame_ms`), 7 runs,
// median reported; for a trace also the trace and its node fill alone (`trace_ms`, the trace
// panel's own timing: the handler adds the panels that update after it). Prints lines
// `investigate OP transfers=N handler_ms=X frame_ms=Y [trace_ms=Z]`.
import fs from 'node:fs';
import path from 'node:path';
import { openBenchPage, median, artefactDir } from '../support.mjs';

const n = Number(process.argv[2] ?? 100000);
const HUB_FANOUT = 5000;
const RUNS = 7;

/** The case: seed → hub → 5,000 addresses; the rest of the transfers flow among 20,000
 *  other addresses, reached from the seed through a few intermediaries, in time order. */
const addr = (i) => `0x${(BigInt(i + 1) * 0x9E3779B97F4A7C15n & ((1n << 160n) - 1n)).toString(16).padStart(40, '0')}`;
const HUB = addr(1);
function caseText() {
  const seed = addr(0), hub = HUB;
  const transfers = [];
  let t = 1_700_000_000;
  let x = 7n;
  const rand = (m) => { x = (x * 6364136223846793005n + 1442695040888963407n) & ((1n << 64n) - 1n); return Number(x >> 33n) % m; };
  const push = (from, to, amount, asset = 'ETH', tx = `0x${transfers.length.toString(16).padStart(64, '0')}`) =>
    transfers.push({ tx, from, to, amount: String(amount), asset, timestamp: t++ });
  push(seed, hub, 100000);
  for (let i = 0; i < HUB_FANOUT; i++) push(hub, addr(2 + i), 10 + rand(10));
  const base = 2 + HUB_FANOUT, others = 20000;
  for (let i = 0; i < 10; i++) push(seed, addr(base + i), 5000);
  // One transfer in 20 is half of a swap at a DEX pool (ETH in, USDC out, in one
  // transaction), so a trace that follows conversions has some to follow (issue 19).
  const dex = addr(base + others + 1);
  while (transfers.length < n) {
    const a = base + rand(Math.min(others, 10 + Math.floor(transfers.length / 4)));
    const amount = 1 + rand(50);
    if (rand(20) === 0 && transfers.length + 2 <= n) {
      const tx = `0x5a${transfers.length.toString(16).padStart(62, '0')}`;
      push(addr(a), dex, amount, 'ETH', tx);
      push(dex, addr(a), amount * 3000, 'USDC', tx);
    } else {
      push(addr(a), addr(base + rand(others)), amount);
    }
  }
  return JSON.stringify({ format: 'hopscope-case', version: 1, title: `bench ${n}`, nodes: [{ id: hub, label: 'Hub' }, { id: dex, label: 'DEX pool', category: 'defi' }], transfers, seeds: [seed] });
}


const { page, close } = await openBenchPage();
try {
  const file = path.join(artefactDir, `bench-investigate-${n}.json`);
  fs.writeFileSync(file, caseText());
  await page.getByTestId('file-input').setInputFiles(file);
  await page.waitForFunction((n) => document.querySelector('.case-title')?.textContent === `bench ${n}`, n, { timeout: 120000 });
  // One hop from the seed shows the hub; select it.
  await page.waitForFunction(() => window.hopscopeTest.settled());
  const clickNode = async (i) => {
    const node = (await page.evaluate(() => window.hopscopeTest.nodes()))[i];
    const box = await page.getByTestId('graph-canvas').boundingBox();
    await page.mouse.click(box.x + node.x, box.y + node.y);
  };
  await clickNode(0);
  await page.getByTestId('expand-out').click();
  await page.waitForFunction(() => window.hopscopeTest.settled());
  const hubIndex = await page.evaluate((hub) => window.hopscopeTest.nodes().findIndex((n) => n.address === hub), HUB);
  if (hubIndex < 0) throw new Error('the hub is not shown after one hop');
  /** Clicks `testid` and times the handler and the next frame. */
  const timed = (testid) => page.evaluate((testid) => new Promise((resolve) => {
    const button = document.querySelector(`[data-testid=${testid}]`);
    const t0 = performance.now();
    button.click();
    const handler = performance.now() - t0;
    // The app's frame callback was queued before this one, so this runs once the app has
    // drawn the next frame; the timeout then runs after the browser has painted it.
    requestAnimationFrame(() => setTimeout(() => resolve({ handler, frame: performance.now() - t0 }), 0));
  }), testid);
  // The trace and its node fill alone, as the trace panel times them (a build from before
  // issue 19 does not: then nothing is printed).
  const traceMs = () => page.evaluate(() => Number(document.querySelector('.panel-section.trace')?.dataset.traceMs ?? NaN));
  const ownText = (xs) => (xs.every((x) => Number.isFinite(x)) ? ` trace_ms=${median(xs).toFixed(1)}` : '');
  const expand = { handler: [], frame: [] };
  for (let r = 0; r < RUNS; r++) {
    await clickNode(hubIndex);
    await page.getByTestId('expand-out').click();
    await page.getByTestId('hub-all').waitFor();
    const m = await timed('hub-all');
    const shown = await page.evaluate(() => window.hopscopeTest.nodes().length);
    if (shown < HUB_FANOUT) throw new Error(`expand showed ${shown} nodes`);
    expand.handler.push(m.handler); expand.frame.push(m.frame);
    await page.getByTestId('undo').click();
    await page.waitForFunction(() => window.hopscopeTest.settled(), null, { timeout: 60000 });
  }
  console.log(`investigate expand-hub-5000 transfers=${n} handler_ms=${median(expand.handler).toFixed(1)} frame_ms=${median(expand.frame).toFixed(1)}`);
  for (const method of ['haircut', 'fifo']) {
    await page.getByTestId('trace-method').selectOption(method);
    const trace = { handler: [], frame: [] };
    const own = [];
    for (let r = 0; r < RUNS; r++) {
      const m = await timed('trace-run');
      trace.handler.push(m.handler); trace.frame.push(m.frame);
      own.push(await traceMs());
    }
    const summary = await page.getByTestId('trace-summary').innerText();
    if (!/left the seeds/.test(summary)) throw new Error(`no trace summary: ${summary}`);
    console.log(`investigate trace-${method} transfers=${n} handler_ms=${median(trace.handler).toFixed(1)} frame_ms=${median(trace.frame).toFixed(1)}${ownText(own)}`);
  }
  // The same haircut trace kept to one asset (Follow conversions off), for comparison.
  await page.getByTestId('trace-method').selectOption('haircut');
  // (A build from before issue 19 has no such switch: its trace keeps to one asset.)
  const hasSwitch = (await page.getByTestId('trace-conversions').count()) > 0;
  if (hasSwitch) await page.getByTestId('trace-conversions').uncheck();
  const strict = { handler: [], frame: [] };
  const strictOwn = [];
  for (let r = 0; r < RUNS; r++) {
    const m = await timed('trace-run');
    strict.handler.push(m.handler); strict.frame.push(m.frame);
    strictOwn.push(await traceMs());
  }
  console.log(`investigate trace-haircut-one-asset transfers=${n} handler_ms=${median(strict.handler).toFixed(1)} frame_ms=${median(strict.frame).toFixed(1)}${ownText(strictOwn)}`);
  if (hasSwitch) await page.getByTestId('trace-conversions').check();
  // Filtering with every address shown: all N transfers are looked at again.
  await page.getByTestId('trace-clear').click();
  await page.getByTestId('view-all').click();
  await page.waitForFunction(() => window.hopscopeTest.settled(), null, { timeout: 120000 });
  const flowsAll = await page.evaluate(() => window.hopscopeTest.edges());
  const filter = { handler: [], frame: [] };
  for (let r = 0; r < RUNS; r++) {
    const m = await page.evaluate((value) => new Promise((resolve) => {
      const input = document.querySelector('[data-testid=filter-min-value]');
      input.value = value;
      const t0 = performance.now();
      input.dispatchEvent(new Event('change', { bubbles: true }));
      const handler = performance.now() - t0;
      requestAnimationFrame(() => setTimeout(() => resolve({ handler, frame: performance.now() - t0 }), 0));
    }), r % 2 === 0 ? '30' : '');
    filter.handler.push(m.handler); filter.frame.push(m.frame);
    const flows = await page.evaluate(() => window.hopscopeTest.edges());
    if ((r % 2 === 0) === (flows >= flowsAll)) throw new Error(`filter did not change the flows: ${flows} of ${flowsAll}`);
  }
  const nodesAll = await page.evaluate(() => window.hopscopeTest.nodes().length);
  console.log(`investigate filter-min-value transfers=${n} nodes=${nodesAll} flows=${flowsAll} handler_ms=${median(filter.handler).toFixed(1)} frame_ms=${median(filter.frame).toFixed(1)}`);
} finally {
  await close();
}
