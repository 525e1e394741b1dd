// Issue 6's journey: in the bundled bridge case, expand from the hacked wallet into a Tornado
// Cash pool, see the candidate withdrawals with their confidence (not every withdrawer), see
// why one is suggested (explain panel), accept one and see the trace continue past the mixer,
// then across a bridge hop to an exchange on another chain; reject and threshold hide links.
// In the Bitcoin case: a peel chain collapses to one node and is explained; common-spend
// entities draw co-spenders as one node named by a labelled member.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { serveDist, launch, AppPage, bundledCase } from '../support.mjs';

let server, browser, page, app;
const pageErrors = [];
const bridgeCase = bundledCase('bridge-tornado-avalanche.json');
const victim = bridgeCase.json.seeds[0];
const POOL = '0xa160cdab225685da1d56aa342ad8841c3b53f291';
/** The generator's synthetic address for a name (cases/make/generate.py). */
const synthetic = (name) => '0x' + crypto.createHash('sha256').update(name).digest('hex').slice(0, 40);
const wGas = synthetic('bridge-w-gas');
const decoys = Array.from({ length: 9 }, (_, i) => synthetic(`pool-user-out-${i}`));

before(async () => {
  server = await serveDist();
  browser = await launch();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(String(err)));
  app = new AppPage(page);
  await page.goto(`${server.url}?case=bridge-tornado-avalanche`);
  await app.waitForSettledLayout();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const shown = async () => (await app.nodes()).map((n) => n.address);
const traced = (address) => page.evaluate((a) => window.hopscopeTest.traced(a), address);
const links = () => page.evaluate(() => window.hopscopeTest.links());

async function expand(address, hops, direction = 'out') {
  await app.clickNode(address);
  await page.getByTestId('hops-input').fill(String(hops));
  await page.getByTestId('hops-input').dispatchEvent('change');
  await page.getByTestId(`expand-${direction}`).click();
  await app.waitForSettledLayout();
}

test('the bundled bridge case opens at the hacked wallet, marked illustrative', async () => {
  assert.deepEqual(await shown(), [victim]);
  assert.match(await page.getByTestId('case-notes').innerText(), /illustrative/);
});

test('expanding into the Tornado Cash pool shows only candidate withdrawals, with confidence', async () => {
  await expand(victim, 3);
  assert.ok((await shown()).includes(POOL), 'the pool is reached in three hops');
  // Before any link is accepted the trace stops in the pool.
  await page.getByTestId('trace-run').click();
  await page.getByTestId('trace-stopped').waitFor();
  assert.match(await page.getByTestId('trace-stopped').innerText(), /Tornado Cash 100 ETH pool/);
  await expand(POOL, 1);
  const now = await shown();
  assert.ok(now.includes(wGas), 'the gas-funded withdrawal is a candidate');
  const decoysShown = decoys.filter((d) => now.includes(d)).length;
  assert.ok(decoysShown < decoys.length, `not every withdrawer: ${decoysShown} of ${decoys.length} decoys`);
  const rows = page.getByTestId('demix-candidates').locator('li.link-row');
  assert.ok((await rows.count()) >= 3, 'candidate rows are listed');
  const first = rows.first();
  assert.match(await first.getByTestId('link-confidence').innerText(), /^\d+ %$/);
  assert.ok(Number(await first.getAttribute('data-confidence')) > 0.5);
  assert.match(await first.getAttribute('data-address'), /^0x[0-9a-f]{40}$/);
  const drawn = await links();
  assert.ok(drawn.some((l) => l.kind === 'demix' && l.to === wGas && !l.accepted), JSON.stringify(drawn));
  // Only the 0.1 ETH of gas the hacker's gas wallet sent reaches it before it is accepted.
  assert.ok((await traced(wGas)) < 1, `before accepting: ${await traced(wGas)}`);
  await app.screenshot('issue6-candidates.png');
});

test('a candidate is explained by its heuristics and evidence', async () => {
  const row = page.locator(`[data-testid=demix-candidates] li[data-address="${wGas}"]`);
  await row.locator('button.link').click();
  const panel = page.getByTestId('explain-panel');
  await panel.waitFor();
  const text = await panel.innerText();
  assert.match(text, /Demixing candidate, \d+ % confidence/);
  assert.match(text, /Withdrawal address later deals with the trail/);
  assert.match(text, /Same pool and denomination, soon after/);
  assert.match(text, /Gas wallet/);
  await app.screenshot('issue6-explain.png');
});

test('accepting a candidate continues the trace past the mixer and across the bridge', async () => {
  const row = page.locator(`[data-testid=demix-candidates] li[data-address="${wGas}"]`);
  await row.getByTestId('demix-accept').click();
  await page.waitForFunction((a) => window.hopscopeTest.traced(a) > 100, wGas);
  assert.ok(Math.abs((await traced(wGas)) - 100.1) < 1e-6, `100 ETH follows the accepted link (+0.1 gas): ${await traced(wGas)}`);
  assert.ok((await links()).some((l) => l.kind === 'demix' && l.to === wGas && l.accepted));
  // Onward: into the Avalanche Bridge, out on Avalanche (a cross-chain hop), to an exchange.
  await expand(wGas, 3);
  const hop = (await links()).find((l) => l.kind === 'bridge');
  assert.ok(hop, 'the bridge hop is drawn');
  assert.ok((await traced(hop.to)) > 99, `the trace crosses the bridge: ${await traced(hop.to)}`);
  // A dashed link clicked on the canvas is explained too.
  const nodes = await app.nodes();
  const clear = (await links()).find((l) => nodes.every((n) => Math.hypot(n.x - l.x, n.y - l.y) > 25));
  assert.ok(clear, 'a link with its middle away from the nodes');
  const box = await app.canvas.boundingBox();
  await page.mouse.click(box.x + clear.x, box.y + clear.y);
  await page.waitForFunction((title) => document.querySelector('[data-testid=explain-panel] h3')?.textContent.startsWith(title),
    clear.kind === 'bridge' ? 'Cross-chain hop' : 'Demixing candidate');
  const table = await page.getByTestId('cashout-table').innerText();
  assert.match(table, /Exchange deposit \(Avalanche\)/);
  assert.equal(pageErrors.length, 0, pageErrors.join('\n'));
  await app.screenshot('issue6-accepted.png');
});

test('rejecting hides a link; the threshold hides weak suggestions', async () => {
  // Every candidate drawn, not only each deposit's best, so a rejected one is seen to go.
  await page.getByTestId('demix-every').check();
  const rows = page.getByTestId('demix-candidates').locator('li.link-row');
  const before = await rows.count();
  const victimRow = rows.filter({ hasNot: page.locator('button.on') }).first();
  const address = await victimRow.getAttribute('data-address');
  await victimRow.getByTestId('demix-reject').click();
  await page.waitForFunction((a) => !window.hopscopeTest.links().some((l) => l.to === a && l.kind === 'demix'), address);
  // A second click takes the rejection back (for every deposit it covered), and a third
  // rejects again.
  const again = page.locator(`[data-testid=demix-candidates] li[data-address="${address}"]`);
  await again.getByTestId('demix-reject').click();
  await page.waitForFunction((a) => window.hopscopeTest.links().some((l) => l.to === a && l.kind === 'demix'), address);
  await again.getByTestId('demix-reject').click();
  await page.waitForFunction((a) => !window.hopscopeTest.links().some((l) => l.to === a && l.kind === 'demix'), address);
  await page.getByTestId('demix-threshold').fill('90');
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=demix-candidates] li.link-row').length < n, before);
  assert.match(await page.getByTestId('demix-threshold-value').innerText(), /90 %/);
  // Accepted and rejected rows stay listed above any threshold.
  assert.ok(await page.locator(`[data-testid=demix-candidates] li[data-address="${wGas}"]`).count() === 1);
});

test('the verdicts survive a reload', async () => {
  await page.waitForFunction(() => document.querySelector('[data-testid=autosave-state]')?.textContent === 'saved in this browser');
  await page.waitForTimeout(500);
  await page.goto(server.url);
  await app.waitForSettledLayout();
  assert.ok((await links()).some((l) => l.kind === 'demix' && l.to === wGas && l.accepted));
  assert.match(await page.getByTestId('demix-threshold-value').innerText(), /90 %/);
});

test('a Bitcoin peel chain collapses to one node, explained; co-spenders become one entity', async () => {
  await page.goto(`${server.url}?case=bitcoin-peel-chain`);
  await app.waitForSettledLayout();
  const chains = page.getByTestId('peel-chains');
  assert.match(await chains.innerText(), /12 steps, [\d.,]+ BTC peeled/);
  await chains.getByTestId('peel-show').click();
  await app.waitForSettledLayout();
  const panel = page.getByTestId('explain-panel');
  await panel.waitFor();
  assert.match(await panel.innerText(), /Peel chain: 12 steps/);
  assert.match(await panel.innerText(), /Peel-chain heuristic/);
  // The chain's 12 transactions and 11 inner change addresses are one node.
  const btc = bundledCase('bitcoin-peel-chain.json').json;
  assert.ok((await app.nodes()).length < btc.nodes.length - 20, `${(await app.nodes()).length} nodes drawn`);
  await app.screenshot('issue6-peel-chain.png');
  await page.getByTestId('entities-toggle').check();
  await app.waitForSettledLayout();
  await app.clickNode(btc.seeds[0]);
  const group = page.getByTestId('inspector-group');
  await group.waitFor();
  assert.match(await group.innerText(), /Entity: Bridge landing address \(from the bridge hop\) \(2 addresses\)/);
  assert.match(await page.getByTestId('explain-panel').innerText(), /Common-spend \(multi-input\) heuristic/);
  assert.match(await page.getByTestId('explain-panel').innerText(), /CoinJoin-like/);
  await app.screenshot('issue6-entity.png');
  assert.equal(pageErrors.length, 0, pageErrors.join('\n'));
});
