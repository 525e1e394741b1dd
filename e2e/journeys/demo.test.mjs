// The walking skeleton's journey: the demo case opens, a node is inspected, a second case is
// loaded by picker and by drop, pan and zoom move the picture, and hostile files are refused or
// shown inertly without losing the open case. Screenshots go to target/e2e/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serveDist, launch, bundledCase, cliStats, AppPage, artefactDir, repoRoot } from '../support.mjs';

let server, browser, page, app;

const offsiteRequests = [];
const pageErrors = [];
const demo = bundledCase('htx-2023-tornado.json');
const textbook = bundledCase('textbook-ten.json');

/** A page in a fresh browser context (empty storage), at the app. */
async function openPage() {
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('request', (req) => {
    if (!req.url().startsWith(server.url)) offsiteRequests.push(req.url());
  });
  page.on('pageerror', (err) => pageErrors.push(String(err)));
  app = new AppPage(page);
  await app.openFresh(server.url);
}

before(async () => {
  server = await serveDist();
  browser = await launch();
  await openPage();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('the demo case opens with its figures, drawn and at rest', async () => {
  await app.stats.filter({ hasText: demo.stats }).waitFor({ timeout: 30_000 });
  await app.waitForSettledLayout();
  // An investigation starts at the seeds; "Show all" draws the whole case.
  assert.deepEqual((await app.nodes()).map((n) => n.address), demo.json.seeds);
  await page.getByTestId('view-all').click();
  await app.waitForSettledLayout();
  const nodes = await app.nodes();
  assert.equal(nodes.length, demo.json.nodes.length);
  const box = await app.canvas.boundingBox();
  for (const n of nodes) {
    assert.ok(n.x >= 0 && n.x <= box.width && n.y >= 0 && n.y <= box.height, `node ${n.address} is on the canvas`);
  }
  assert.match(await page.getByTestId('legend').innerText(), /Mixer \(\d+\)/);
  assert.match(await page.getByTestId('case-notes').innerText(), /illustrative/);
  await app.screenshot('01-demo-case.png');
});

test('clicking a node shows its address, category, label and transfers', async () => {
  const seed = demo.json.seeds[0];
  const seedNode = demo.json.nodes.find((n) => n.id === seed);
  await app.clickNode(seed);
  await app.inspector.getByTestId('inspector-address').filter({ hasText: seed }).waitFor();
  const text = await app.inspector.innerText();
  assert.ok(text.includes(seedNode.label), 'label shown');
  assert.match(text, /Victim · seed/);
  const nOut = demo.json.transfers.filter((t) => t.from === seed).length;
  assert.ok(text.includes(`Outgoing (${nOut})`), `shows ${nOut} outgoing transfers`);
  await app.screenshot('02-inspector.png');
});

test('wheel zooms around the pointer and drag pans', async () => {
  const spread = (ns) => Math.max(...ns.map((n) => n.x)) - Math.min(...ns.map((n) => n.x));
  const before = await app.nodes();
  const box = await app.canvas.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, -400);
  await page.waitForTimeout(100);
  const zoomed = await app.nodes();
  assert.ok(spread(zoomed) > spread(before) * 1.3, 'zoomed in');
  // Press where no node is (a press on a node drags the node instead).
  const grid = [];
  for (let gx = 0.3; gx < 0.8; gx += 0.05) for (let gy = 0.3; gy < 0.8; gy += 0.05) grid.push([gx * box.width, gy * box.height]);
  // Only where the canvas itself is under the pointer (not the legend or another panel).
  const candidates = await page.evaluate(
    ({ grid, box }) => grid.filter(([x, y]) => document.elementFromPoint(box.x + x, box.y + y)?.dataset.testid === 'graph-canvas'),
    { grid, box },
  );
  const clearance = ([x, y]) => Math.min(...zoomed.map((n) => Math.hypot(n.x - x, n.y - y)));
  const [px, py] = candidates.reduce((best, c) => (clearance(c) > clearance(best) ? c : best));
  await page.mouse.move(box.x + px, box.y + py);
  await page.mouse.down();
  await page.mouse.move(box.x + px + 120, box.y + py + 40, { steps: 5 });
  await page.mouse.up();
  const panned = await app.nodes();
  assert.ok(Math.abs(panned[0].x - zoomed[0].x - 120) < 2, `panned with the pointer: ${panned[0].x - zoomed[0].x}, ${panned[0].y - zoomed[0].y}`);
});

test('a second case opens through the file input', async () => {
  await app.openFile(textbook.name, textbook.text);
  await app.stats.filter({ hasText: textbook.stats }).waitFor();
  await app.waitForSettledLayout();
  await page.getByTestId('view-all').click();
  await app.waitForSettledLayout();
  assert.equal((await app.nodes()).length, 10);
  await app.screenshot('03-second-case.png');
});

test('files of different formats dropped on the page join the open case, with a report per file', async () => {
  const dropped = [
    'crates/hopscope_core/test_data/etherscan/tokens-2024.csv',
    'crates/hopscope_core/test_data/graphs/desktop.cyjs',
  ];
  // The command-line tool merging the same files says what the page must show.
  const expected = cliStats(['cases/textbook-ten.json', ...dropped]);
  const files = dropped.map((rel) => ({ name: path.basename(rel), text: fs.readFileSync(path.join(repoRoot, rel), 'utf8') }));
  await page.evaluate((files) => {
    const dt = new DataTransfer();
    for (const f of files) dt.items.add(new File([f.text], f.name));
    const canvas = document.querySelector('[data-testid=graph-canvas]');
    canvas.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    canvas.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, files);
  await app.stats.filter({ hasText: `${expected.nodes} nodes · ${expected.transfers} transfers` }).waitFor();
  const report = page.getByTestId('import-report');
  await report.locator('summary').click();
  const text = await report.innerText();
  assert.match(text, /tokens-2024\.csv — etherscan-csv — \+\d+ addresses, \+2 transfers/);
  assert.match(text, /desktop\.cyjs — cytoscape-json — \+2 addresses, \+1 transfer$/m);
  await app.screenshot('04-merged-import-report.png');
});

test('the untouched demo is replaced, not merged, by a dropped case', async () => {
  // A reload reopens the autosaved case; a fresh browser starts at the demo.
  await page.close();
  await openPage();
  await app.stats.filter({ hasText: demo.stats }).waitFor();
  await page.evaluate(({ name, text }) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], name));
    document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, textbook);
  await app.stats.filter({ hasText: textbook.stats }).waitFor();
});

test('an address the bundled label book knows is named, with its source', async () => {
  const rel = 'crates/hopscope_core/test_data/etherscan/internal-2024.csv';
  await app.openFile('internal-2024.csv', fs.readFileSync(path.join(repoRoot, rel), 'utf8'));
  await app.stats.filter({ hasText: '2 nodes · 1 transfer' }).waitFor();
  await app.waitForSettledLayout();
  await app.clickNode('0xa160cdab225685da1d56aa342ad8841c3b53f291');
  await app.inspector.getByText('Tornado Cash 100 ETH pool').first().waitFor();
  const text = await app.inspector.innerText();
  assert.match(text, /Mixer/);
  assert.match(text, /Label from\s+bundled label book: tornadocash\/tornado-cli/);
  await app.screenshot('05-bundled-label.png');

  // A label list added to the case names its addresses, with the list's source.
  const list = 'address,label,category,source\n0x9aa440d4399868f43d0d056fc255a7afae2efdef,Withdrawal wallet,hacker,my case notes 2024-03\n';
  await page.getByTestId('add-files-input').setInputFiles({ name: 'my-labels.csv', mimeType: 'text/csv', buffer: Buffer.from(list) });
  await page.getByTestId('import-report').filter({ hasText: 'my-labels.csv — label-list — names 1 address, 1 of them in the case: labels for 1' }).waitFor();
  await app.waitForSettledLayout();
  await app.clickNode('0x9aa440d4399868f43d0d056fc255a7afae2efdef');
  await app.inspector.getByText('Withdrawal wallet').first().waitFor();
  assert.match(await app.inspector.innerText(), /Label from\s+label list: my case notes 2024-03/);

  // The investigator's own label replaces it and says so.
  await page.getByTestId('label-edit').fill('Cash-out <wallet>');
  await page.getByTestId('label-save').click();
  await app.inspector.locator('h2', { hasText: 'Cash-out <wallet>' }).waitFor();
  assert.match(await app.inspector.innerText(), /Label from\s+edited in hopscope/);

  // A GraphSense TagPack (real, from graphsense/graphsense-tagpacks) is read by its content;
  // the report says how many addresses it names and how many of them the case holds.
  const pack = path.join(repoRoot, 'crates/hopscope_core/test_data/labels/tornado_cash.yaml');
  await page.getByTestId('add-files-input').setInputFiles(pack);
  await page.getByTestId('import-report').filter({ hasText: /tornado_cash\.yaml — label-list — names 38 addresses, \d+ of them in the case/ }).waitFor();
  assert.match(await page.getByTestId('import-report').textContent(), /1 address appears more than once/);
});

test('a table with unfamiliar column names opens the column dialog and reads with the choice', async () => {
  await app.openFile('payments.csv', 'payer_wallet;payee_wallet;sum;coin\nalice;bob;3.5;ETH\nbob;carol;1.25;ETH\n');
  const dialog = page.getByTestId('column-mapping');
  await dialog.waitFor();
  assert.equal(await page.getByTestId('map-asset').inputValue(), '3', 'the asset column was recognised by name');
  await app.screenshot('06-column-dialog.png');
  await page.getByTestId('map-from').selectOption({ label: 'payer_wallet' });
  await page.getByTestId('map-to').selectOption({ label: 'payee_wallet' });
  await page.getByTestId('map-amount').selectOption({ label: 'sum' });
  await page.getByTestId('map-confirm').click();
  await app.stats.filter({ hasText: '3 nodes · 2 transfers' }).waitFor();
  assert.equal(await dialog.count(), 0);
  // The next file with the same header is read with the same choice, without asking.
  await page.getByTestId('add-files-input').setInputFiles({
    name: 'payments-march.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('Payer_Wallet;payee_wallet;sum;coin\ncarol;dave;2;ETH\n'),
  });
  await app.stats.filter({ hasText: '4 nodes · 3 transfers' }).waitFor();
  await page.getByTestId('status').filter({ hasText: 'payments-march.csv: read with the columns you chose before for this header' }).waitFor();
  assert.equal(await dialog.count(), 0);
});

test('the chain chosen for files that do not name theirs is used', async () => {
  await page.getByTestId('chain-option').selectOption('arbitrum');
  const rel = 'crates/hopscope_core/test_data/etherscan/normal-2021.csv';
  await app.openFile('arbiscan.csv', fs.readFileSync(path.join(repoRoot, rel), 'utf8'));
  await app.stats.filter({ hasText: '2 nodes · 1 transfer' }).waitFor();
  await app.waitForSettledLayout();
  await app.clickNode('0x1111111111111111111111111111111111111111');
  await app.inspector.getByText('arbitrum').first().waitFor();
  assert.doesNotMatch(await page.getByTestId('import-report').innerText(), /chain taken as ethereum/);
  await page.getByTestId('chain-option').selectOption('');
});

test('labels with markup are shown as text and never run', async () => {
  const hostile = {
    format: 'hopscope-case',
    version: 1,
    title: '<img src=x onerror="window.__pwned=1">title',
    notes: '</script><script>window.__pwned=1</script>',
    nodes: [
      { id: 'evil', label: '<script>window.__pwned=1</script>', category: 'hacker' },
      { id: 'img', label: '<img src=x onerror="window.__pwned=1">', category: 'victim' },
    ],
    transfers: [{ tx: '"><svg onload=window.__pwned=1>', from: 'img', to: 'evil', amount: '1', asset: '<b>ETH</b>', timestamp: 1 }],
    seeds: ['img'],
  };
  await app.openFile('hostile.json', JSON.stringify(hostile));
  // The case before had 2 nodes and 1 transfer too: wait for this one's addresses.
  await page.waitForFunction(() => window.hopscopeTest.nodes().some((n) => n.address === 'img'));
  await app.stats.filter({ hasText: '2 nodes · 1 transfer' }).waitFor();
  await app.waitForSettledLayout();
  await app.clickNode('img');
  await app.inspector.getByText('<img src=x onerror="window.__pwned=1">').first().waitFor();
  assert.ok((await app.inspector.innerText()).includes('<b>ETH</b>'), 'asset shown literally');
  assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no script ran');
  assert.equal(await page.locator('img, svg:not(.histogram), script:not([type=module])').count(), 0, 'no element was injected');
  await app.screenshot('07-hostile-labels.png');
});

test('a truncated file shows the error banner and keeps the open case', async () => {
  await app.openFile(textbook.name, textbook.text);
  await app.stats.filter({ hasText: textbook.stats }).waitFor();
  await app.openFile('truncated.json', demo.text.slice(0, 700));
  await app.errorBanner.waitFor();
  const message = await app.errorBanner.innerText();
  assert.match(message, /truncated\.json: line \d+, column \d+: the file ends too early/);
  assert.equal(await app.stats.innerText(), textbook.stats, 'the open case is kept');
  await app.screenshot('08-truncated.png');
});

test('a 100 MB file is refused at once and the page stays responsive', async () => {
  const huge = path.join(artefactDir, 'huge-100mb.json');
  const head = '{"format":"hopscope-case","version":1,"notes":"';
  const fd = fs.openSync(huge, 'w');
  fs.writeSync(fd, head);
  const block = Buffer.alloc(1 << 20, 'a');
  for (let i = 0; i < 100; i++) fs.writeSync(fd, block);
  fs.writeSync(fd, '"}');
  fs.closeSync(fd);
  const started = Date.now();
  await app.fileInput.setInputFiles(huge);
  await app.errorBanner.filter({ hasText: 'huge-100mb.json' }).waitFor({ timeout: 10_000 });
  assert.match(await app.errorBanner.innerText(), /104\.9 MB/);
  assert.equal(await page.evaluate(() => 6 * 7), 42);
  assert.ok(Date.now() - started < 10_000);
  assert.equal(await app.stats.innerText(), textbook.stats, 'the open case is kept');
  await app.screenshot('09-huge-file.png');
  fs.rmSync(huge);
});

test('a large valid case opens without stalling the page', async () => {
  const n = 5000;
  const id = (i) => `0x${i.toString(16).padStart(40, '0')}`;
  const big = {
    format: 'hopscope-case',
    version: 1,
    title: 'large',
    nodes: Array.from({ length: n }, (_, i) => ({ id: id(i) })),
    transfers: Array.from({ length: n - 1 }, (_, i) => ({
      tx: `0x${i.toString(16)}`, from: id(i), to: id(i + 1), amount: '1', asset: 'ETH', timestamp: i,
    })),
  };
  await app.openFile('large.json', JSON.stringify(big));
  await app.stats.filter({ hasText: `${n} nodes · ${n - 1} transfers` }).waitFor({ timeout: 20_000 });
  const started = Date.now();
  assert.equal(await page.evaluate(() => 6 * 7), 42);
  assert.ok(Date.now() - started < 1000, 'the page answers at once');
  // The layout worker lays it out; the page only draws.
  assert.equal(await page.evaluate(() => window.hopscopeTest.layoutInWorker()), true);
  assert.doesNotMatch(await page.getByTestId('import-report').textContent(), /keep their starting positions/);
  await app.waitForSettledLayout();
  await app.screenshot('10-large-case.png');
});

test('the page made no request outside its own origin and threw nothing', () => {
  assert.deepEqual(offsiteRequests, []);
  assert.deepEqual(pageErrors, []);
});
