// The force layout in its Web Worker: pause, resume and reheat; flow mode puts every node in
// its hop column; a dragged node stays pinned where it was let go; adding a hop to the open
// case keeps the picture: old nodes move only a little.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serveDist, launch, AppPage, baEdgeList, artefactDir } from '../support.mjs';

let server, browser, page, app;
const pageErrors = [];

before(async () => {
  server = await serveDist();
  browser = await launch();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (err) => pageErrors.push(String(err)));
  app = new AppPage(page);
  await app.openFresh(server.url);
  await app.waitForSettledLayout();
  // The layout checks want the whole demo, not only its seed.
  await page.getByTestId('view-all').click();
  await app.waitForSettledLayout();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const world = () => page.evaluate(() => window.hopscopeTest.world());
const state = () => page.getByTestId('layout-state').innerText();
const byAddress = (list) => new Map(list.map((n) => [n.address, n]));
const dist = (a, b) => Math.hypot(a.x - b.x, a.y - b.y);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

test('the layout runs in a worker, and pauses, resumes and reheats', async () => {
  assert.equal(await page.evaluate(() => window.hopscopeTest.layoutInWorker()), true);
  assert.ok(page.workers().some((w) => w.url().endsWith('/layout_worker_loader.js')));
  assert.equal(await state(), 'at rest');
  await page.getByTestId('layout-pause').click();
  assert.equal(await state(), 'paused');
  assert.equal(await page.getByTestId('layout-pause').innerText(), 'Resume');
  // A change of mode warms the layout up, but while paused nothing moves.
  const paused = await world();
  await page.getByTestId('layout-mode').selectOption('flow');
  await page.waitForTimeout(400);
  assert.deepEqual(await world(), paused, 'nothing moves while paused');
  assert.equal(await state(), 'paused');
  await page.getByTestId('layout-pause').click();
  await app.waitForSettledLayout();
  assert.equal(await state(), 'at rest');
  assert.notDeepEqual(await world(), paused, 'it went on after resuming');
  await page.getByTestId('layout-mode').selectOption('free');
  await app.waitForSettledLayout();
  // Reheating a resting layout moves it again.
  const rested = await world();
  await page.getByTestId('layout-reheat').click();
  await app.waitForSettledLayout();
  assert.notDeepEqual(await world(), rested, 'reheat moved the nodes');
});

test('flow mode puts every node in its hop column, money reading left to right', async () => {
  await page.getByTestId('layout-mode').selectOption('flow');
  await app.waitForSettledLayout();
  const nodes = await world();
  // The demo's settings: columns 120 apart, nodes within 30 of their column.
  const offsets = nodes.map((n) => Math.abs(n.x - Math.round(n.x / 120) * 120));
  assert.ok(Math.max(...offsets) <= 30.01, `offsets from columns up to ${Math.max(...offsets)}`);
  const columns = new Set(nodes.map((n) => Math.round(n.x / 120)));
  assert.ok(columns.size >= 4, `${columns.size} columns`);
  await app.screenshot('30-flow-mode.png');
  // By time of first receipt: columns too, at most 12 of them plus one for nodes that never
  // receive.
  await page.getByTestId('layout-mode').selectOption('flow-time');
  await app.waitForSettledLayout();
  const byTime = await world();
  const timeOffsets = byTime.map((n) => Math.abs(n.x - Math.round(n.x / 120) * 120));
  assert.ok(Math.max(...timeOffsets) <= 30.01, `offsets from time columns up to ${Math.max(...timeOffsets)}`);
  assert.ok(new Set(byTime.map((n) => Math.round(n.x / 120))).size <= 13);
  await app.screenshot('30b-flow-by-time.png');
  await page.getByTestId('layout-mode').selectOption('free');
  await app.waitForSettledLayout();
  const free = await world();
  const freeOffsets = free.map((n) => Math.abs(n.x - Math.round(n.x / 120) * 120));
  assert.ok(Math.max(...freeOffsets) > 30.01, 'back in free mode nodes leave the columns');
});

test('a dragged node stays pinned where it is let go', async () => {
  const [first] = await app.nodes();
  const box = await app.canvas.boundingBox();
  await page.mouse.move(box.x + first.x, box.y + first.y);
  await page.mouse.down();
  await page.mouse.move(box.x + first.x + 60, box.y + first.y + 40, { steps: 8 });
  await page.mouse.move(box.x + first.x + 120, box.y + first.y + 80, { steps: 8 });
  await page.mouse.up();
  await app.waitForSettledLayout();
  const dropped = byAddress(await world()).get(first.address);
  await page.getByTestId('layout-reheat').click();
  await page.waitForTimeout(300);
  await app.waitForSettledLayout();
  const later = byAddress(await world()).get(first.address);
  assert.deepEqual(later, dropped, 'the pinned node did not move');
  await app.inspector.getByText(first.address).first().waitFor();
});

test('adding a hop to the open case moves the old nodes only a little', async () => {
  const before = await world();
  const from = before[5].address;
  const rows = ['from,to,amount,asset,tx'];
  for (let i = 0; i < 6; i++) rows.push(`${from},0x${(0xabc000 + i).toString(16).padStart(40, '0')},${i + 1},ETH,0xfeed${i}`);
  await page.getByTestId('add-files-input').setInputFiles({ name: 'hop.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) });
  await app.stats.filter({ hasText: `${before.length + 6} nodes` }).waitFor();
  await page.waitForTimeout(100);
  await app.waitForSettledLayout();
  const after = byAddress(await world());
  const moved = before.map((n) => dist(n, after.get(n.address)));
  // Half a link's rest length (40 in the demo): the picture does not jump.
  assert.ok(median(moved) < 20, `old nodes moved ${median(moved).toFixed(1)} (median)`);
  // The new nodes sit near the node they hang from: within a quarter of the picture's width.
  const xs = [...after.values()].map((n) => n.x);
  const width = Math.max(...xs) - Math.min(...xs);
  const parent = after.get(from);
  for (let i = 0; i < 6; i++) {
    const child = after.get(`0x${(0xabc000 + i).toString(16).padStart(40, '0')}`);
    assert.ok(dist(child, parent) < width / 4, `new node ${i} is ${dist(child, parent).toFixed(0)} from its parent (picture ${width.toFixed(0)} wide)`);
  }
  await app.screenshot('31-grown.png');
});

test('while a 100k-node layout runs, the page keeps drawing and has no long task', async () => {
  const file = path.join(artefactDir, 'ba-100k.csv');
  fs.writeFileSync(file, baEdgeList(100_000, 3));
  await page.getByTestId('file-input').setInputFiles(file);
  await app.stats.filter({ hasText: '100000 nodes' }).waitFor({ timeout: 120_000 });
  // Opening it (rebuilding the case the import worker sent, the first picture) is over.
  await page.waitForTimeout(1500);
  assert.equal(await state(), 'moving');
  // The test hook lists every node (itself a long task at this size), so the window of
  // measurement starts after the first reading and ends before the second.
  const first = () => page.evaluate(() => window.hopscopeTest.world()[0]);
  const before = await first();
  await page.evaluate(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push(Math.round(e.duration));
    }).observe({ type: 'longtask' });
  });
  const frames = await page.evaluate(() => new Promise((resolve) => {
    let n = 0;
    const start = performance.now();
    const step = () => (performance.now() - start < 3000 ? (n++, requestAnimationFrame(step)) : resolve(n));
    requestAnimationFrame(step);
  }));
  const longTasks = await page.evaluate(() => window.__longTasks);
  const after = await first();
  assert.equal(await state(), 'moving', 'still laying out (else the window measured nothing)');
  assert.deepEqual(longTasks, [], 'no main-thread task over 50 ms');
  assert.ok(frames >= 60, `${frames} frames in 3 s`);
  assert.ok(dist(before, after) > 1, 'the layout moved meanwhile');
  await app.screenshot('32-layout-100k.png');
  fs.rmSync(file);
});

test('the layout threw nothing on the page', () => {
  assert.deepEqual(pageErrors, []);
});
