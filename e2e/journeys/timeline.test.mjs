// Issue 8's timeline (first part): in the textbook case with every address shown, the slider
// at the start shows only the seed, at the end everything, and the running totals follow;
// Play (and Space) moves the time on until the end; "All" ends playback.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, AppPage, bundledCase } from '../support.mjs';

let server, browser, page, app;
const pageErrors = [];
const textbook = bundledCase('textbook-ten.json');

before(async () => {
  server = await serveDist();
  browser = await launch();
  page = await (await browser.newContext({ viewport: { width: 1400, height: 860 } })).newPage();
  page.on('pageerror', (err) => pageErrors.push(String(err)));
  app = new AppPage(page);
  await page.goto(`${server.url}?case=textbook-ten`);
  await app.waitForSettledLayout();
  await app.showAll(textbook.json.nodes.length);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const state = () => page.evaluate(() => window.hopscopeTest.state());
const slide = (v) =>
  page.getByTestId('timeline-slider').evaluate((el, v) => {
    el.value = String(v);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, v);

test('scrubbing shows the graph as it stood, with running totals', async () => {
  const totals = page.getByTestId('timeline-totals');
  assert.match(await totals.textContent(), /left the hack: 100 ETH/);
  await slide(0);
  await page.waitForFunction((n) => window.hopscopeTest.state().hidden === n - 1, textbook.json.nodes.length);
  assert.match(await page.getByTestId('timeline-time').textContent(), /before the first transfer/);
  assert.match(await totals.textContent(), /left the hack: 0 · mixers: 0 · bridges: 0 · exchanges: 0/);
  await slide(500);
  const mid = await state();
  assert.ok(mid.hidden > 0 && mid.hidden < textbook.json.nodes.length - 1, `hidden ${mid.hidden}`);
  assert.match(await page.getByTestId('timeline-time').textContent(), /UTC/);
  await app.screenshot('issue8-timeline-mid.png');
  await slide(1000);
  await page.waitForFunction(() => window.hopscopeTest.state().hidden === 0);
  assert.match(await totals.textContent(), /left the hack: 100 ETH · mixers: [1-9]/);
  assert.match(await totals.textContent(), /exchanges: [1-9]/);
});

test('Play runs to the end; Space pauses; All ends playback', async () => {
  await page.getByTestId('play-speed').selectOption('16');
  await page.getByTestId('play').click();
  // From the start: first only the seed, then more and more.
  await page.waitForFunction((n) => window.hopscopeTest.state().hidden < n - 1, textbook.json.nodes.length);
  await page.waitForFunction(() => window.hopscopeTest.state().hidden === 0, null, { timeout: 10_000 });
  await page.getByTestId('play').filter({ hasText: 'Play' }).waitFor();
  // Space starts and pauses it again.
  await page.mouse.click(5, 300); // the page, not a field
  await page.getByTestId('play-speed').selectOption('1');
  await page.locator('body').press('Space');
  await page.getByTestId('play').filter({ hasText: 'Pause' }).waitFor();
  await page.locator('body').press('Space');
  await page.getByTestId('play').filter({ hasText: 'Play' }).waitFor();
  const paused = await page.getByTestId('timeline-time').textContent();
  await page.waitForTimeout(300);
  assert.equal(await page.getByTestId('timeline-time').textContent(), paused, 'paused stays put');
  await page.getByTestId('timeline-off').click();
  await page.waitForFunction(() => window.hopscopeTest.state().hidden === 0);
  assert.equal(await page.getByTestId('timeline-time').textContent(), 'all transfers');
  assert.deepEqual(pageErrors, []);
});
