// Issue 7's journey: the graph drawn with WebGL2 (asked for with ?renderer=webgl: this headless
// Chromium has only SwiftShader, where the app picks Canvas 2D by itself), hover lighting a
// node's neighbours, fit, box selection, keyboard steps between neighbours, the minimap and the
// theme; the exports (SVG byte for byte what `hopscope render` makes of the saved case — with a
// trace, a note and a highlighted path too (issue 16), nothing past the page's edge by the
// browser's own measure —, PNG at 2× with a blank right margin and at 1× transparent, CSV equal
// to the CLI's, a one-file HTML snapshot that pans, zooms and shows tooltips from disk); and the
// read-only embed inside an iframe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serveDist, launch, AppPage, artefactDir, repoRoot, bundledCase } from '../support.mjs';

let server, browser, context, page, app;
const pageErrors = [];
const textbook = bundledCase('textbook-ten.json');
const CLI = path.join(repoRoot, 'target', 'debug', 'hopscope');
const out = (name) => path.join(artefactDir, name);

before(async () => {
  server = await serveDist();
  browser = await launch();
  context = await browser.newContext({ viewport: { width: 1400, height: 860 } });
  page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(String(err)));
  app = new AppPage(page);
  // The demo first, then the textbook case opened over it: the renderer must draw the new
  // case, not keep what it drew of the old one.
  await page.goto(`${server.url}?case=htx-2023-tornado&renderer=webgl`);
  await app.waitForSettledLayout();
  await app.openFile('textbook-ten.json', textbook.text);
  await app.stats.filter({ hasText: '10 nodes' }).waitFor();
  await app.waitForSettledLayout();
  await app.showAll(textbook.json.nodes.length);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const state = () => page.evaluate(() => window.hopscopeTest.state());

/** Opens the export menu unless it is open. */
async function openMenu() {
  if (!(await page.locator('details.export-menu').evaluate((d) => d.open))) {
    await page.getByTestId('export-menu').click();
  }
}

/** Clicks an export button and returns the downloaded file's path; the menu closes. */
async function download(testid, name) {
  await openMenu();
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  const target = out(name);
  await file.saveAs(target);
  assert.equal(await page.locator('details.export-menu').evaluate((d) => d.open), false);
  return target;
}

/** RGBA of a pixel of a PNG (decoded by the browser). */
async function pixel(png, x, y) {
  return page.evaluate(
    async ({ b64, x, y }) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const c = new OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = c.getContext('2d');
      ctx.drawImage(bitmap, 0, 0);
      return { rgba: Array.from(ctx.getImageData(x, y, 1, 1).data), width: bitmap.width, height: bitmap.height };
    },
    { b64: fs.readFileSync(png).toString('base64'), x, y },
  );
}

/** How many pixels of a PNG's rectangle are not white. */
async function inked(png, x, y, w, h) {
  return page.evaluate(
    async ({ b64, x, y, w, h }) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const c = new OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = c.getContext('2d');
      ctx.drawImage(bitmap, 0, 0);
      const data = ctx.getImageData(x, y, w, h).data;
      let n = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i] < 250 || data[i + 1] < 250 || data[i + 2] < 250) n++;
      return n;
    },
    { b64: fs.readFileSync(png).toString('base64'), x, y, w, h },
  );
}

test('the graph is drawn with WebGL2, hover lights a node and its neighbours', async () => {
  assert.equal(await page.evaluate(() => window.hopscopeTest.renderer), 'webgl2');
  assert.equal(await app.canvas.getAttribute('data-renderer'), 'webgl2');
  // Every node is painted: the pixel at its centre is not the background.
  const shot = out('issue7-drawn.png');
  await page.screenshot({ path: shot });
  const canvasBox = await app.canvas.boundingBox();
  for (const n of await app.nodes()) {
    const { rgba } = await pixel(shot, Math.round(canvasBox.x + n.x), Math.round(canvasBox.y + n.y));
    assert.notDeepEqual(rgba.slice(0, 3), [0xf7, 0xf7, 0xf4], `node ${n.address} drawn`);
  }
  const thief = textbook.json.nodes.find((n) => n.label === 'Thief').id;
  const node = (await app.nodes()).find((n) => n.address === thief);
  const box = await app.canvas.boundingBox();
  await page.mouse.move(box.x + node.x, box.y + node.y);
  await page.waitForFunction((a) => window.hopscopeTest.state().hovered === a, thief);
  const tip = page.getByTestId('hover-tip');
  await tip.waitFor();
  assert.match(await tip.textContent(), /^Thief · 0x/);
  const s = await state();
  assert.ok(s.dimmed > 0 && s.dimmed < textbook.json.nodes.length, `dimmed ${s.dimmed}`);
  await app.screenshot('issue7-hover.png');
  // A node far from the thief fades towards the background on the canvas itself.
  const far = (await app.nodes()).find((n) => n.address === textbook.json.nodes.find((m) => m.label?.startsWith('Exchange deposit')).id);
  const [before, after] = await Promise.all(
    [shot, out('issue7-hover.png')].map((f) => pixel(f, Math.round(canvasBox.x + far.x), Math.round(canvasBox.y + far.y))),
  );
  const fromBackground = (p) => Math.abs(p.rgba[0] - 0xf7) + Math.abs(p.rgba[1] - 0xf7) + Math.abs(p.rgba[2] - 0xf4);
  assert.ok(fromBackground(after) < fromBackground(before) / 2, `faded: ${before.rgba} → ${after.rgba}`);
  await page.mouse.move(box.x + 5, box.y + box.height - 5);
  await page.waitForFunction(() => window.hopscopeTest.state().hovered === null);
  assert.equal((await state()).dimmed, 0);
});

test('wheel zooms around the pointer; fit brings the whole graph back', async () => {
  const fitted = await state();
  const box = await app.canvas.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < 5; i++) await page.mouse.wheel(0, -300);
  await page.waitForFunction((z) => window.hopscopeTest.state().zoom > z * 2, fitted.zoom);
  await page.getByTestId('fit-view').click();
  await page.waitForFunction((z) => Math.abs(window.hopscopeTest.state().zoom - z) < 1e-3, fitted.zoom);
  const nodes = await app.nodes();
  assert.ok(nodes.every((n) => n.x > 0 && n.y > 0 && n.x < box.width && n.y < box.height), 'all in view');
});

test('shift-drag picks every node in the box', async () => {
  const box = await app.canvas.boundingBox();
  await page.keyboard.down('Shift');
  await page.mouse.move(box.x + 2, box.y + 60);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
  await page.mouse.move(box.x + box.width - 2, box.y + box.height - 2, { steps: 4 });
  await page.mouse.up();
  await page.keyboard.up('Shift');
  const inBox = (await app.nodes()).filter((n) => n.y >= 60).length;
  assert.equal((await state()).picked, inBox);
  assert.match(await page.getByTestId('status').textContent(), /Picked \d+ more address/);
});

test('arrow keys step from the selection to the neighbour that way; Z zooms to it', async () => {
  await page.goto(`${server.url}?case=textbook-ten&renderer=webgl`);
  await app.waitForSettledLayout();
  await app.showAll(textbook.json.nodes.length);
  const victim = textbook.json.nodes.find((n) => n.label === 'Victim wallet').id;
  const thief = textbook.json.nodes.find((n) => n.label === 'Thief').id;
  await app.clickNode(victim);
  await page.waitForFunction((a) => window.hopscopeTest.state().selected === a, victim);
  // The victim's only neighbour is the thief: step towards it.
  const nodes = await app.nodes();
  const [v, t] = [victim, thief].map((a) => nodes.find((n) => n.address === a));
  const key = Math.abs(t.x - v.x) > Math.abs(t.y - v.y) ? (t.x > v.x ? 'ArrowRight' : 'ArrowLeft') : t.y > v.y ? 'ArrowDown' : 'ArrowUp';
  await page.keyboard.press(key);
  await page.waitForFunction((a) => window.hopscopeTest.state().selected === a, thief);
  assert.equal(await page.getByTestId('inspector-address').textContent(), thief);
  // Z (zoom to selection) brings the selected node to the middle, magnified.
  const before = await state();
  await page.keyboard.press('z');
  await page.waitForFunction((z) => window.hopscopeTest.state().zoom > z, before.zoom);
  const box = await app.canvas.boundingBox();
  const t2 = (await app.nodes()).find((n) => n.address === thief);
  assert.ok(Math.abs(t2.x - box.width / 2) < box.width / 4 && Math.abs(t2.y - box.height / 2) < box.height / 4, `thief at ${t2.x},${t2.y}`);
});

test('the minimap shows the graph and a click there moves the view', async () => {
  // Hidden by default for a ten-node case; the button shows it.
  const minimap = page.getByTestId('minimap');
  assert.equal(await minimap.isVisible(), false);
  await page.getByTestId('minimap-toggle').click();
  await minimap.waitFor();
  const before = await state();
  const mbox = await minimap.boundingBox();
  await page.mouse.click(mbox.x + 8, mbox.y + 8);
  await page.waitForFunction(
    (b) => {
      const s = window.hopscopeTest.state();
      return Math.abs(s.x - b.x) + Math.abs(s.y - b.y) > 1;
    },
    before,
  );
});

test('SVG export equals `hopscope render` of the saved case, byte for byte; CSV too', async () => {
  await page.getByTestId('layout-pause').click();
  const svg = await download('export-svg', 'issue7-app.svg');
  const [saved] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save-case').click()]);
  const caseFile = out('issue7-saved.hopscope.json');
  await saved.saveAs(caseFile);
  const cliSvg = out('issue7-cli.svg');
  execFileSync(CLI, ['render', caseFile, '-o', cliSvg]);
  const [a, b] = [fs.readFileSync(svg), fs.readFileSync(cliSvg)];
  assert.ok(a.length > 2000);
  assert.ok(a.equals(b), 'the app and the CLI draw the same SVG');
  const text = a.toString('utf8');
  assert.match(text, /<title>Textbook laundering in ten addresses/);
  assert.equal((text.match(/<g><title>/g) ?? []).length, textbook.json.nodes.length);

  const csv = await download('export-csv', 'issue7-app.csv');
  const cliCsv = out('issue7-cli.csv');
  execFileSync(CLI, ['render', caseFile, '-o', cliCsv]);
  assert.ok(fs.readFileSync(csv).equals(fs.readFileSync(cliCsv)), 'the same CSV');
  assert.equal(fs.readFileSync(csv, 'utf8').trim().split('\n').length, 1 + textbook.json.transfers.length);
});

test('with a trace, a note and a highlighted path, the export draws them and still equals `hopscope render`', async () => {
  const byLabel = (l) => textbook.json.nodes.find((n) => n.label === l).id;
  const [victim, thief, exchange] = [byLabel('Victim wallet'), byLabel('Thief'), byLabel('Exchange deposit (illustrative)')];
  // The thief as an investigator first meets it: no label, an address.
  await app.clickNode(thief);
  await page.getByTestId('label-edit').fill('');
  await page.getByTestId('label-save').click();
  await page.getByTestId('note-text').fill('<b>exploiter</b> & co');
  await page.getByTestId('note-colour').fill('#aa00ff');
  await page.getByTestId('note-save').click();
  await page.getByTestId('trace-method').selectOption('haircut');
  await page.getByTestId('trace-pools').selectOption('ordinary');
  await page.getByTestId('trace-run').click();
  await page.getByTestId('trace-summary').waitFor();
  await page.getByTestId('path-from').fill(victim);
  await page.getByTestId('path-to').fill(exchange);
  await page.getByTestId('path-find').click();
  const items = page.getByTestId('path-list').locator('li');
  await items.first().waitFor();
  await items.first().locator('button').click();
  await page.waitForFunction(() => window.hopscopeTest.highlighted() > 0);
  await app.waitForSettledLayout();
  await page.getByTestId('fit-view').click();
  await page.mouse.move(2, 2);
  await app.screenshot('issue16-app-investigated.png');

  const svg = await download('export-svg', 'issue16-app.svg');
  const [saved] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save-case').click()]);
  const caseFile = out('issue16-saved.hopscope.json');
  await saved.saveAs(caseFile);
  const inv = JSON.parse(fs.readFileSync(caseFile, 'utf8')).investigation;
  assert.equal(inv.path[0], victim);
  assert.equal(inv.path.at(-1), exchange);
  const cliSvg = out('issue16-cli.svg');
  execFileSync(CLI, ['render', caseFile, '-o', cliSvg]);
  const [a, b] = [fs.readFileSync(svg), fs.readFileSync(cliSvg)];
  assert.ok(a.equals(b), 'the app and the CLI draw the same investigated SVG');
  const text = a.toString('utf8');
  assert.match(text, /<g class="path" stroke="#ff6a00"/, 'the path');
  assert.match(text, /fill="#c0111f"\/>/, 'the traced fill');
  assert.match(text, /stroke="#aa00ff" stroke-width="3"/, "the note's ring");
  assert.match(text, /stroke="#1b1b1b" stroke-width="2\.5"/, "the seed's ring");
  assert.match(text, />0xdced…2a34 \[1\]<\/text>/, 'the unlabelled thief by its short address');
  assert.ok(text.includes(`<g><title>${thief}&#10;Traced: ≈\u00a0`), 'its full address in the tooltip');
  assert.ok(text.includes('Note: &lt;b&gt;exploiter&lt;/b&gt; &amp; co</title>'), 'the note, escaped');
  assert.doesNotMatch(text, /widest: [^<]*\?/);

  // Measured by the browser's own fonts: every text lies inside the page.
  const view = await context.newPage();
  await view.goto('file://' + svg);
  const outside = await view.evaluate(() => {
    const root = document.documentElement;
    const [w, h] = [root.width.baseVal.value, root.height.baseVal.value];
    return [...document.querySelectorAll('text, circle, line')]
      .map((e) => ({ box: e.getBBox(), what: e.textContent || e.outerHTML.slice(0, 60) }))
      .filter(({ box }) => box.x < 0 || box.y < 0 || box.x + box.width > w + 0.5 || box.y + box.height > h + 0.5)
      .map(({ box, what }) => `${what} at ${box.x},${box.y} ${box.width}×${box.height}`);
  });
  await view.screenshot({ path: out('issue16-export.png') });
  await view.close();
  assert.deepEqual(outside, [], 'nothing past the page');
});

test('PNG export at 2× with a background, and at 1× transparent', async () => {
  const solid = await download('export-png', 'issue7-2x.png');
  const p = await pixel(solid, 2, 2);
  assert.deepEqual([p.width, p.height], [2400, 1600]);
  assert.deepEqual(p.rgba, [255, 255, 255, 255], 'white page');
  // Nothing is cut off at the right: the page's right margin is empty from top to bottom.
  assert.deepEqual(await inked(solid, 2400 - 36, 0, 36, 1600), 0, 'the right margin is blank');
  await openMenu();
  await page.getByTestId('export-png-scale').selectOption('1');
  await page.getByTestId('export-png-background').selectOption('transparent');
  const clear = await download('export-png', 'issue7-1x-transparent.png');
  const q = await pixel(clear, 2, 2);
  assert.deepEqual([q.width, q.height], [1200, 800]);
  assert.equal(q.rgba[3], 0, 'transparent corner');
});

test('the HTML snapshot opens from disk, pans, zooms and shows tooltips', async () => {
  const html = await download('export-html', 'issue7-snapshot.html');
  const snap = await context.newPage();
  const requests = [];
  snap.on('request', (r) => requests.push(r.url()));
  await snap.goto('file://' + html);
  const svg = snap.locator('#stage > svg');
  await svg.waitFor();
  const viewBox = () => snap.evaluate(() => document.querySelector('#stage > svg').getAttribute('viewBox'));
  const start = await viewBox();
  const box = await svg.boundingBox();
  await snap.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await snap.mouse.wheel(0, -400);
  await snap.waitForFunction((s) => document.querySelector('#stage > svg').getAttribute('viewBox') !== s, start);
  const zoomed = (await viewBox()).split(' ').map(Number);
  assert.ok(zoomed[2] < Number(start.split(' ')[2]), 'zoomed in');
  // Hover a node's circle: the tooltip names it.
  const circle = snap.locator('g.nodes circle').first();
  const c = await circle.boundingBox();
  await snap.mouse.move(c.x + c.width / 2, c.y + c.height / 2);
  await snap.locator('#tip').waitFor({ state: 'visible' });
  assert.match(await snap.locator('#tip').textContent(), /0x[0-9a-f]{6}/);
  await snap.screenshot({ path: out('issue7-snapshot.png') });
  assert.deepEqual(requests.filter((u) => !u.startsWith('file://')), [], 'nothing fetched');
  await snap.close();
});

test('the dark theme recolours the page and the canvas, and is remembered', async () => {
  // The demo case, every address shown, with the renderer this browser picks by itself.
  await page.goto(`${server.url}?case=htx-2023-tornado`);
  await app.waitForSettledLayout();
  await page.getByTestId('view-all').click();
  await page.waitForFunction(() => window.hopscopeTest.nodes().length > 60);
  await app.waitForSettledLayout();
  await page.mouse.move(2, 2);
  await app.screenshot('issue7-light.png');
  await page.getByTestId('theme-toggle').click();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  await page.waitForTimeout(300);
  const shot = out('issue7-dark.png');
  await page.screenshot({ path: shot });
  // The emptiest spot of the canvas's middle, away from nodes, legend, minimap and panels.
  const box = await app.canvas.boundingBox();
  const nodes = await app.nodes();
  let spot = [0, 0], best = -1;
  for (let fx = 0.15; fx <= 0.6; fx += 0.05) {
    for (let fy = 0.3; fy <= 0.65; fy += 0.05) {
      const [x, y] = [fx * box.width, fy * box.height];
      const d = Math.min(...nodes.map((n) => (n.x - x) ** 2 + (n.y - y) ** 2));
      if (d > best) [spot, best] = [[x, y], d];
    }
  }
  const bg = await pixel(shot, Math.round(box.x + spot[0]), Math.round(box.y + spot[1]));
  assert.ok(bg.rgba[0] < 60 && bg.rgba[1] < 60 && bg.rgba[2] < 60, `dark canvas ${bg.rgba}`);
  await page.reload();
  await app.waitForSettledLayout();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  await page.getByTestId('theme-toggle').click();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'light');
});

test('Canvas 2D draws the case when asked, and the default says why it chose', async () => {
  const other = await context.newPage();
  await other.goto(`${server.url}?case=textbook-ten&renderer=canvas`);
  await other.waitForFunction(() => window.hopscopeTest?.settled() === true);
  assert.equal(await other.evaluate(() => window.hopscopeTest.renderer), 'canvas2d');
  const shot = out('issue7-canvas2d.png');
  await other.screenshot({ path: shot });
  const box = await other.getByTestId('graph-canvas').boundingBox();
  for (const n of await other.evaluate(() => window.hopscopeTest.nodes())) {
    const { rgba } = await pixel(shot, Math.round(box.x + n.x), Math.round(box.y + n.y));
    assert.notDeepEqual(rgba.slice(0, 3), [0xf7, 0xf7, 0xf4], `node ${n.address} drawn`);
  }
  await other.goto(`${server.url}?case=textbook-ten`);
  await other.waitForFunction(() => window.hopscopeTest?.settled() === true);
  // Left to itself the page picks a renderer and says why (WebGL2 on a GPU; here, with only
  // SwiftShader, Canvas 2D); the canvas carries the choice.
  const [renderer, reason] = await other.evaluate(() => [window.hopscopeTest.renderer, window.hopscopeTest.rendererReason]);
  assert.ok(reason.length > 10, reason);
  assert.equal(await other.getByTestId('graph-canvas').getAttribute('data-renderer'), renderer);
  await other.close();
});

test('the read-only embed in an iframe: pan, hover and inspect, nothing to edit, nothing saved', async () => {
  // The embed code from the export menu, with the case (every address shown) in the fragment.
  await page.goto(`${server.url}?case=textbook-ten`);
  await app.waitForSettledLayout();
  await app.showAll(textbook.json.nodes.length);
  await openMenu();
  await page.getByTestId('export-embed').click();
  const code = await page.getByTestId('embed-code').inputValue();
  await page.getByTestId('export-menu').click();
  assert.match(code, /^<iframe src="http:\/\/127\.0\.0\.1:\d+\/\?embed#case=[A-Za-z0-9_-]+"/);

  // The app's own page saves its case when it goes (pagehide): let it, so that what the embed
  // does to storage is all that could change below.
  await page.goto('about:blank');
  const host = await context.newPage();
  // A page of the app's origin that is not the app (the style sheet), so only the embed can
  // touch this origin's storage below.
  const sheet = fs.readdirSync(path.join(repoRoot, 'dist')).find((f) => f.endsWith('.css'));
  await host.goto(`${server.url}${sheet}`);
  const storage = () => host.evaluate(() => Object.fromEntries(Object.keys(localStorage).sort().map((k) => [k, localStorage.getItem(k)])));
  const storageBefore = await storage();
  await host.setContent(`<!doctype html><h1>A report</h1><p>The flow:</p>${code}`);
  const frame = host.frameLocator('iframe');
  const inner = host.frames().find((f) => f !== host.mainFrame());
  await frame.getByTestId('embed').waitFor();
  await inner.waitForFunction(
    (n) => window.hopscopeTest?.nodes().length === n && window.hopscopeTest.settled(),
    textbook.json.nodes.length,
  );
  assert.match(await frame.getByTestId('graph-stats').textContent(), /10 nodes/);
  assert.equal(await frame.getByTestId('file-input').count(), 0, 'no file access');
  assert.equal(await frame.getByTestId('export-svg').count(), 0);
  // Click a node: the inspector shows it, without editing controls.
  const node = (await inner.evaluate(() => window.hopscopeTest.nodes()))[0];
  const fbox = await host.locator('iframe').boundingBox();
  const cbox = await frame.getByTestId('graph-canvas').boundingBox();
  await host.mouse.click(cbox.x + node.x, cbox.y + node.y);
  await frame.getByTestId('inspector-address').waitFor();
  assert.equal(await frame.getByTestId('label-edit').count(), 0, 'no label editing');
  assert.equal(await frame.getByTestId('note-text').count(), 0, 'no notes');
  // Dragging a node pans instead of moving it.
  const before = await inner.evaluate(() => window.hopscopeTest.world());
  await host.mouse.move(cbox.x + node.x, cbox.y + node.y);
  await host.mouse.down();
  await host.mouse.move(cbox.x + node.x + 80, cbox.y + node.y + 40, { steps: 5 });
  await host.mouse.up();
  assert.deepEqual(await inner.evaluate(() => window.hopscopeTest.world()), before, 'nodes stay put');
  assert.ok(fbox.width === 900 && fbox.height === 560);
  await host.mouse.move(1, 1);
  await host.screenshot({ path: out('issue7-embed-iframe.png') });
  assert.deepEqual(await storage(), storageBefore, 'nothing autosaved or changed');
  await host.close();
  assert.deepEqual(pageErrors, []);
});
