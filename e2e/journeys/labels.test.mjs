// Issue 17's stale label: a label typed in the inspector is shown at once wherever the address
// is named — the inspector's heading, the group line of the group it is in, the note editor's
// flows, the list of paths found — and the group node keeps its group's name on the canvas.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, AppPage, bundledCase } from '../support.mjs';

let server, browser, page, app;
const pageErrors = [];
const textbook = bundledCase('textbook-ten.json');
const address = (label) => textbook.json.nodes.find((n) => n.label === label).id;

before(async () => {
  server = await serveDist();
  browser = await launch();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
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

test('a label typed in the inspector renames the address everywhere it is shown', async () => {
  // Paths from the thief to the mixer: through Split A and through Split B.
  await page.getByTestId('path-from').fill(address('Thief'));
  await page.getByTestId('path-to').fill(address('Mixer (illustrative)'));
  await page.getByTestId('path-find').click();
  await page.waitForFunction(() => /paths of at most/.test(document.querySelector('[data-testid=path-status]')?.textContent ?? ''));
  const paths = page.getByTestId('path-list');
  assert.match(await paths.innerText(), /Split A/);

  // Split A and Split B picked and grouped: the group node is selected, showing Split A.
  await app.clickNode(address('Split A'));
  await page.keyboard.press('m');
  await app.clickNode(address('Split B'));
  await page.keyboard.press('g');
  await app.waitForSettledLayout();
  const group = page.getByTestId('inspector-group');
  await group.waitFor();
  assert.match(await group.innerText(), /Split A, Split B/);
  await app.inspector.locator('h2', { hasText: 'Split A' }).waitFor();

  await page.getByTestId('label-edit').fill('First split');
  await page.getByTestId('label-save').click();
  await app.inspector.locator('h2', { hasText: 'First split' }).waitFor();
  await page.waitForFunction(() => /First split, Split B/.test(document.querySelector('[data-testid=inspector-group]')?.textContent ?? ''));
  assert.match(await group.innerText(), /^Entity of 2 addresses/, 'the group keeps its name');
  await page.waitForFunction(() => /First split/.test(document.querySelector('[data-testid=path-list]')?.textContent ?? ''));
  assert.doesNotMatch(await paths.innerText(), /Split A/);

  // The thief's note editor names the flow to the renamed address.
  await app.clickNode(address('Thief'));
  await app.inspector.locator('h2', { hasText: 'Thief' }).waitFor();
  const targets = await page.getByTestId('note-target').locator('option').allInnerTexts();
  assert.ok(targets.some((t) => /First split/.test(t)), targets.join(' | '));
  assert.deepEqual(pageErrors, []);
});
