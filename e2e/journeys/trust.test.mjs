// Issue 16's blockers: nothing of one case survives into another (paths found in the demo are
// gone when another case opens, and nothing panics), and a panic never leaves a dead page: a
// panic on the page puts up "hopscope stopped: reload — your case was saved at …" with the
// case saved up to the last change (a reload reopens it so), and a layout worker that dies is
// said and replaced by the page's own layout.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, AppPage, bundledCase } from '../support.mjs';

let server, browser, context, page, app;
const pageErrors = [];
const demo = bundledCase('htx-2023-tornado.json');
const textbook = bundledCase('textbook-ten.json');
const hack = demo.json.seeds[0];

before(async () => {
  server = await serveDist();
  browser = await launch();
  context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(String(err)));
  app = new AppPage(page);
  await app.openFresh(server.url);
  await app.waitForSettledLayout();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const pathItems = () => page.getByTestId('path-list').locator('li');

test('paths found in one case are gone when another case opens, and nothing panics', async () => {
  const exchange = demo.json.nodes.find((n) => n.category === 'exchange');
  await page.getByTestId('path-from').fill(hack);
  await page.getByTestId('path-to').fill(exchange.id);
  await page.getByTestId('path-find').click();
  await page.waitForFunction(() => /paths of at most/.test(document.querySelector('[data-testid=path-status]')?.textContent ?? ''));
  assert.ok((await pathItems().count()) >= 2, 'paths listed in the demo');
  await page.getByTestId('search-input').fill('tornado');
  assert.ok((await page.getByTestId('search-results').locator('li').count()) > 0, 'search hits in the demo');

  await page.getByTestId('bundled-cases').selectOption('textbook-ten.json');
  await page.waitForFunction((s) => document.querySelector('[data-testid=graph-stats]')?.textContent.includes(s), textbook.stats);
  await app.waitForSettledLayout();
  assert.equal(await pathItems().count(), 0, 'the demo\'s paths are not offered in the new case');
  assert.equal(await page.getByTestId('path-status').innerText(), '');
  // Search hits are found again in the case that is open: clicking one acts there.
  const hits = page.getByTestId('search-results').locator('li button');
  for (let k = 0; k < (await hits.count()); k++) {
    const text = await hits.nth(k).innerText();
    assert.ok(textbook.json.nodes.some((n) => text.includes(n.id.slice(0, 6)) || (n.label && text.includes(n.label))), `hit of this case: ${text}`);
  }
  // Back to the demo: a fresh search works there.
  await page.getByTestId('bundled-cases').selectOption('htx-2023-tornado.json');
  await page.waitForFunction((s) => document.querySelector('[data-testid=graph-stats]')?.textContent.includes(s), demo.stats);
  await app.waitForSettledLayout();
  assert.equal(await pathItems().count(), 0);
  await page.getByTestId('path-from').fill(hack);
  await page.getByTestId('path-to').fill(exchange.id);
  await page.getByTestId('path-find').click();
  await page.waitForFunction(() => /paths of at most/.test(document.querySelector('[data-testid=path-status]')?.textContent ?? ''));
  await pathItems().nth(0).locator('button').click();
  await app.waitForSettledLayout();
  assert.ok(await page.evaluate(() => window.hopscopeTest.highlighted()) > 0, 'a path of the open case is highlighted');
  assert.deepEqual(pageErrors, [], 'no panic');
});

test('a panic on the page leaves a message, and the case saved up to the last change', async () => {
  await page.getByTestId('bundled-cases').selectOption('textbook-ten.json');
  await page.waitForFunction((s) => document.querySelector('[data-testid=graph-stats]')?.textContent.includes(s), textbook.stats);
  await app.waitForSettledLayout();
  // A change, then at once a panic: no time for a delayed autosave.
  const before = (await app.nodes()).length;
  await page.getByTestId('view-all').click();
  await page.waitForFunction((n) => window.hopscopeTest.nodes().length > n, before);
  const shownBefore = (await app.nodes()).map((n) => n.address).sort();
  const errors = pageErrors.length;
  await page.evaluate(() => { try { window.hopscopeTest.crash('page'); } catch (e) { /* the trap */ } });
  const stopped = page.getByTestId('stopped');
  await stopped.waitFor({ state: 'visible' });
  const text = await stopped.innerText();
  assert.match(text, /hopscope stopped: reload — your case was saved at \d\d:\d\d:\d\d with every change\./);
  assert.match(text, /Reload/);
  await app.screenshot('issue16-stopped.png');
  assert.equal(pageErrors.length, errors, 'the trap was caught by the caller, not left unhandled');
  // Reload: the case is back as it was at the panic.
  await Promise.all([page.waitForNavigation(), page.getByTestId('stopped-reload').click()]);
  await page.waitForFunction((n) => window.hopscopeTest?.nodes().length === n, shownBefore.length, { timeout: 30_000 });
  await app.waitForSettledLayout();
  assert.deepEqual((await app.nodes()).map((n) => n.address).sort(), shownBefore);
  assert.equal(await page.getByTestId('stopped').count(), 0, 'the page works again');
});

test('a layout worker that dies is said, and the page lays out instead', async () => {
  assert.equal(await page.evaluate(() => window.hopscopeTest.layoutInWorker()), true);
  await page.evaluate(() => window.hopscopeTest.crash('layout'));
  await page.waitForFunction(() => window.hopscopeTest.layoutInWorker() === false);
  const banner = page.getByTestId('error-banner');
  await banner.waitFor({ state: 'visible' });
  assert.match(await banner.innerText(), /The layout worker stopped \(.+\); the layout goes on in this page/);
  // The picture still moves: a reheat settles again on the page.
  await page.getByTestId('layout-reheat').click();
  await app.waitForSettledLayout();
  assert.equal(await page.getByTestId('stopped').count(), 0, 'the page itself did not stop');
  await app.screenshot('issue16-worker-stopped.png');
});
