// Issue 8's teaching mode as a teacher uses it: the start screen lists the teaching cases; the
// seed case's story plays to the end with the keyboard (a screenshot per step, in
// target/e2e/issue8-story-step*.png); presentation mode; a link opens a case at a step; an
// author adds a step from the view, edits it in place and finds it in the saved case file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serveDist, launch, AppPage, bundledCase, artefactDir } from '../support.mjs';

let server, browser;
const pageErrors = [];
const htx = bundledCase('htx-2023-tornado.json');
const textbook = bundledCase('textbook-ten.json');
const bridgeHack = bundledCase('bridge-hack-to-bitcoin.json');

before(async () => {
  server = await serveDist();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
  assert.deepEqual(pageErrors, []);
});

async function freshPage() {
  const page = await (await browser.newContext({ viewport: { width: 1400, height: 860 } })).newPage();
  page.on('pageerror', (err) => pageErrors.push(String(err)));
  return page;
}

const state = (page) => page.evaluate(() => window.hopscopeTest.state());

/** Waits until step `k` is shown and its transfers have finished playing. */
async function stepPlayed(page, k) {
  await page.waitForFunction(
    (k) => {
      const s = window.hopscopeTest?.state();
      return s && s.step === k && !s.playing && s.pulses === 0;
    },
    k,
    { timeout: 15_000 },
  );
  // The layout and camera come to rest on the step.
  await page.waitForFunction(() => window.hopscopeTest.settled() === true, null, { timeout: 30_000 });
  await page.waitForTimeout(300);
}

/** Asserts each address is drawn inside the canvas, below the layout panel (when shown) and
 * above the story panel (node centres, page coordinates). */
async function onScreen(page, canvasAtStart, addresses, what) {
  // Where the canvas stands now (the toolbar may have changed its height since).
  const canvas = (await page.getByTestId('graph-canvas').boundingBox()) ?? canvasAtStart;
  const nodes = await page.evaluate(() => window.hopscopeTest.nodes());
  const panel = await page.getByTestId('story-panel').boundingBox();
  const layout = page.locator('.layout-panel');
  const top = (await layout.isVisible()) ? await layout.boundingBox() : { y: canvas.y, height: 0 };
  for (const address of addresses) {
    const n = nodes.find((p) => p.address.toLowerCase() === address.toLowerCase());
    assert.ok(n, `${what}: ${address} drawn`);
    const [x, y] = [canvas.x + n.x, canvas.y + n.y];
    assert.ok(x >= canvas.x && x <= canvas.x + canvas.width, `${what}: ${address} at x ${x}`);
    assert.ok(y > top.y + top.height && y < panel.y, `${what}: ${address} at y ${y}, between ${top.y + top.height} and ${panel.y}`);
  }
}

test('start screen → seed case → its story played to the end with the keyboard', async () => {
  const page = await freshPage();
  await page.goto(server.url);
  const start = page.getByTestId('start-screen');
  await start.waitFor({ state: 'visible' });
  for (const name of ['htx-2023-tornado', 'bridge-hack-to-bitcoin', 'textbook-ten']) {
    const card = page.getByTestId(`start-case-${name}`);
    assert.match(await card.innerText(), /story of \d+ steps/);
    assert.match(await card.innerText(), /illustrative/);
  }
  await page.screenshot({ path: path.join(artefactDir, 'issue8-start-screen.png') });
  await page.getByTestId('start-story-htx-2023-tornado').click();
  await start.waitFor({ state: 'hidden' });

  const steps = htx.json.story.steps;
  const transfers = htx.json.transfers.map((t) => t.timestamp);
  const end = Math.max(...transfers);
  const canvas = await page.getByTestId('graph-canvas').boundingBox();
  const shots = [];
  for (let k = 0; k < steps.length; k++) {
    await stepPlayed(page, k);
    const step = steps[k];
    assert.equal(await page.getByTestId('story-progress').innerText(), `Step ${k + 1} of ${steps.length}`);
    assert.equal(await page.getByTestId('story-title').innerText(), step.title);
    assert.equal(await page.getByTestId('story-caption').innerText(), step.caption);
    assert.equal((await page.getByTestId('story-phase').innerText()).toLowerCase(), step.phase);
    const s = await state(page);
    // The timeline stands at the end of the step's time range (the case's end without one).
    assert.equal(s.playbackAt, step.time?.to ?? end, `step ${k + 1}`);
    assert.ok(s.lit >= step.highlight.length, `step ${k + 1}: ${s.lit} lit`);
    // What the step highlights is on screen, clear of the timeline and the story panel.
    await onScreen(page, canvas, step.highlight, `step ${k + 1}`);
    const shot = path.join(artefactDir, `issue8-story-step${k + 1}.png`);
    await page.screenshot({ path: shot });
    shots.push(shot);
    // The keyboard moves on (the canvas or page has the focus, not a field).
    await page.keyboard.press('ArrowRight');
  }
  // At the end, → stays on the last step and Next is disabled.
  await page.waitForTimeout(300);
  assert.equal((await state(page)).step, steps.length - 1);
  assert.ok(await page.getByTestId('story-next').isDisabled());
  assert.equal(shots.length, steps.length);
  // ← goes back a step, Escape ends the tour and shows every transfer.
  await page.keyboard.press('ArrowLeft');
  await stepPlayed(page, steps.length - 2);
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => window.hopscopeTest.state().step === null);
  const after = await state(page);
  assert.equal(after.playbackAt, null);
  assert.equal(after.hidden, 0);
  assert.equal(after.lit, 0);
  await page.getByTestId('story-panel').waitFor({ state: 'detached' });
  await page.context().close();
});

test('presentation mode hides the side panels and enlarges the story', async () => {
  const page = await freshPage();
  await page.goto(`${server.url}?case=bridge-hack-to-bitcoin&step=6`);
  await stepPlayed(page, 5);
  const panel = page.getByTestId('investigate-panel');
  assert.ok(await panel.isVisible());
  const before = await page.getByTestId('story-caption').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  await page.getByTestId('present-mode').click();
  await panel.waitFor({ state: 'hidden' });
  assert.ok(!(await page.getByTestId('node-inspector').isVisible()));
  const big = await page.getByTestId('story-caption').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  assert.ok(big >= 20 && big > before, `caption ${before}px → ${big}px`);
  await page.waitForTimeout(800);
  // The step is fitted between the larger panels.
  const step = bridgeHack.json.story.steps[5];
  await onScreen(page, await page.getByTestId('graph-canvas').boundingBox(), step.highlight, 'presenting');
  await page.screenshot({ path: path.join(artefactDir, 'issue8-present.png') });
  // Arrows still step in presentation mode.
  await page.keyboard.press('ArrowRight');
  await stepPlayed(page, 6);
  await page.getByTestId('present-mode').click();
  await panel.waitFor({ state: 'visible' });
  await page.context().close();
});

test('a link opens a bundled case at a given step', async () => {
  const page = await freshPage();
  await page.goto(`${server.url}?case=textbook-ten&step=3`);
  await stepPlayed(page, 2);
  assert.ok(!(await page.getByTestId('start-screen').isVisible()), 'no start screen over a link');
  assert.equal(await page.getByTestId('story-progress').innerText(), `Step 3 of ${textbook.json.story.steps.length}`);
  assert.equal(await page.getByTestId('story-title').innerText(), textbook.json.story.steps[2].title);
  const href = await page.getByTestId('story-link').getAttribute('href');
  assert.match(href, /\?case=textbook-ten&step=3$/);
  // Next and Back buttons work as the arrows do.
  await page.getByTestId('story-next').click();
  await stepPlayed(page, 3);
  assert.match(await page.getByTestId('story-link').getAttribute('href'), /step=4$/);
  await page.getByTestId('story-prev').click();
  await stepPlayed(page, 2);
  await page.context().close();
});

test('an author adds a step from the view, edits it in place, and it is saved in the case', async () => {
  const page = await freshPage();
  const app = new AppPage(page);
  await page.goto(`${server.url}?case=textbook-ten&step=2`);
  await stepPlayed(page, 1);
  const n = textbook.json.story.steps.length;
  // Select Split A, then add a step: it highlights the selection at the timeline's moment.
  const splitA = textbook.json.nodes.find((x) => x.label === 'Split A').id;
  await app.clickNode(splitA);
  await page.waitForFunction((a) => window.hopscopeTest.state().selected?.toLowerCase() === a, splitA.toLowerCase());
  await page.getByTestId('story-add').click();
  await page.waitForFunction(() => window.hopscopeTest.state().step === 2);
  assert.equal(await page.getByTestId('story-progress').innerText(), `Step 3 of ${n + 1}`);
  // Edit in place; text from the author (or a file) is shown as text, never as markup.
  await page.getByTestId('story-edit').click();
  await page.getByTestId('story-title-edit').fill('Split A on its own');
  await page.getByTestId('story-title-edit').press('Tab');
  // The title is kept and the focus moves on to the caption (the panel is not rebuilt).
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'story-caption-edit');
  const caption = 'Split A holds <b>40 ETH</b> & waits.';
  await page.getByTestId('story-caption-edit').fill(caption);
  await page.getByTestId('story-phase-edit').selectOption('layering');
  await page.getByTestId('story-edit').click();
  assert.equal(await page.getByTestId('story-title').innerText(), 'Split A on its own');
  assert.equal(await page.getByTestId('story-caption').innerText(), caption);
  assert.equal(await page.locator('[data-testid=story-caption] b').count(), 0);
  await page.screenshot({ path: path.join(artefactDir, 'issue8-authoring.png') });
  // Saved in the case file.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save-case').click()]);
  const file = path.join(artefactDir, 'issue8-story.hopscope.json');
  await download.saveAs(file);
  const saved = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.equal(saved.story.steps.length, n + 1);
  const added = saved.story.steps[2];
  assert.equal(added.title, 'Split A on its own');
  assert.equal(added.caption, caption);
  assert.equal(added.phase, 'layering');
  assert.deepEqual(added.highlight.map((a) => a.toLowerCase()), [splitA.toLowerCase()]);
  assert.equal(added.time.to, textbook.json.story.steps[1].time.to);
  // Autosaved in the browser: a later visit reopens the case with the new step.
  await page.waitForFunction(() => document.querySelector('[data-testid=autosave-state]')?.textContent === 'saved in this browser');
  await page.waitForTimeout(500);
  await page.goto(server.url);
  await page.getByTestId('story-start').filter({ hasText: `Story (${n + 1})` }).waitFor();
  await page.getByTestId('story-start').click();
  await stepPlayed(page, 0);
  await page.keyboard.press('End');
  await stepPlayed(page, n);
  await page.keyboard.press('Home');
  await stepPlayed(page, 0);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await stepPlayed(page, 2);
  assert.equal(await page.getByTestId('story-title').innerText(), 'Split A on its own');
  // An edited story is no longer the bundled one: no link to a step of the original.
  assert.equal(await page.getByTestId('story-link').count(), 0);
  // Remove it again: the file's own steps are back.
  await page.getByTestId('story-edit').click();
  await page.getByTestId('story-remove').click();
  await page.waitForFunction((n) => window.hopscopeTest.state().steps === n, n);
  await page.context().close();
});

test('a report embeds a story read-only at a step, and the reader can step through it', async () => {
  const page = await freshPage();
  await page.goto(`${server.url}?embed&case=textbook-ten&step=2`);
  await page.getByTestId('embed').waitFor();
  await stepPlayed(page, 1);
  assert.equal(await page.getByTestId('story-progress').innerText(), `Step 2 of ${textbook.json.story.steps.length}`);
  assert.equal(await page.getByTestId('story-caption').innerText(), textbook.json.story.steps[1].caption);
  assert.equal(await page.getByTestId('story-edit').count(), 0, 'no editing in the embed');
  assert.equal(await page.getByTestId('story-add').count(), 0);
  await page.keyboard.press('ArrowRight');
  await stepPlayed(page, 2);
  assert.match(await page.getByTestId('story-link').getAttribute('href'), /\?case=textbook-ten&step=3$/);
  await page.screenshot({ path: path.join(artefactDir, 'issue8-embed-story.png') });
  await page.getByTestId('story-start').click();
  await page.waitForFunction(() => window.hopscopeTest.state().step === null);
  await page.context().close();
});
