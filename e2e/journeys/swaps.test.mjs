// Issue 19's journey: in the bundled swap-route case (stolen USDT → DEX → ETH → Tornado Cash →
// THORChain → BTC → peel chain → exchanges), one trace of USDT from the hack reaches the
// exchanges as bitcoin; conversions are drawn as their own edges labelled with both amounts,
// listed, explained and judged like links; expansion follows a cross-chain swap as one hop;
// with Follow conversions off the trace keeps to USDT and stops at the DEX.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { serveDist, launch, AppPage, bundledCase, repoRoot } from '../support.mjs';

let server, browser, page, app;
const pageErrors = [];
const routeCase = bundledCase('swap-route-thorchain.json');
const victim = routeCase.json.seeds[0];
/** The generator's synthetic addresses (cases/make/generate.py). */
const eth = (name) => '0x' + crypto.createHash('sha256').update(name).digest('hex').slice(0, 40);
const thief = eth('sr-thief');
const fresh = [eth('sr-fresh-0'), eth('sr-fresh-1')];
const USER = '0x003dc32fe920a4aaeed12dc87e145f030aa753f3';
const landing = routeCase.json.nodes.filter((n) => n.label?.startsWith('Landing address')).map((n) => n.id);

before(async () => {
  server = await serveDist();
  browser = await launch();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(String(err)));
  app = new AppPage(page);
  await page.goto(`${server.url}?case=swap-route-thorchain`);
  await app.waitForSettledLayout();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const shown = async () => (await app.nodes()).map((n) => n.address);
const links = () => page.evaluate(() => window.hopscopeTest.links());
const cashout = async () => {
  const rows = page.getByTestId('cashout-table').locator('tbody tr');
  const out = [];
  for (let i = 0; i < (await rows.count()); i++) out.push(await rows.nth(i).innerText());
  return out;
};

test('the case opens at the hacked wallet with its saved trace, which reaches the exchanges as BTC', async () => {
  assert.deepEqual(await shown(), [victim]);
  assert.match(await page.getByTestId('case-notes').innerText(), /illustrative/);
  await page.getByTestId('trace-converted').waitFor();
  const converted = await page.getByTestId('trace-converted').innerText();
  assert.match(converted, /Followed through 3 conversions/);
  assert.match(converted, /3,000,000 USDT → 1,000 ETH \(swap\)/);
  assert.match(converted, /500 ETH → 24\.93 BTC \(cross-chain swap\)/);
  assert.ok(await page.getByTestId('trace-conversions').isChecked());
  const rows = await cashout();
  assert.equal(rows.length, 3, rows.join('\n'));
  for (const r of rows) assert.match(r, /Exchange deposit [ABC].*\d BTC/s, r);
  const assets = await page.getByTestId('cashout-assets').allInnerTexts();
  assert.deepEqual(assets.map((a) => a.replace(/[\d.,]+/, 'N')).sort(), ['N BTC', 'N BTC', 'N BTC']);
});

test('expanding follows the swap and the cross-chain swap; conversions are drawn with both amounts', async () => {
  await app.clickNode(victim);
  await page.getByTestId('hops-input').fill('12');
  await page.getByTestId('hops-input').dispatchEvent('change');
  await page.getByTestId('expand-out').click();
  await app.waitForSettledLayout();
  const now = await shown();
  for (const a of [thief, ...fresh, ...landing]) assert.ok(now.includes(a), `${a} is reached`);
  const drawn = (await links()).filter((l) => l.kind === 'conversion');
  assert.ok(drawn.some((l) => l.from === thief), JSON.stringify(drawn));
  for (let i = 0; i < 2; i++) {
    assert.ok(drawn.some((l) => l.from === fresh[i] && l.to === landing[i]), `fresh ${i} → landing ${i}: ${JSON.stringify(drawn)}`);
  }
  const rows = page.getByTestId('conversions').locator('li.link-row');
  assert.equal(await rows.count(), 3);
  const texts = await rows.allInnerTexts();
  assert.ok(texts.some((t) => /swap 3,000,000 USDT → 1,000 ETH/.test(t)), texts.join('\n'));
  assert.ok(texts.filter((t) => /cross-chain swap 500 ETH → 24\.93 BTC/.test(t)).length === 2, texts.join('\n'));
  await app.screenshot('issue19-conversions.png');
});

test('a cross-chain swap is explained by its memos', async () => {
  const row = page.getByTestId('conversions').locator('li.link-row').filter({ hasText: 'cross-chain' }).first();
  await row.locator('button.link').click();
  const panel = page.getByTestId('explain-panel');
  await panel.waitFor();
  const text = await panel.innerText();
  assert.match(text, /memo asks for it: "=:BTC\.BTC:/);
  assert.match(text, /payout's memo names the deposit: "OUT:/);
  assert.match(text, /1 ETH = 0\.04986 BTC/);
  await app.screenshot('issue19-explain.png');
});

test('rejecting a cross-chain swap stops the trace there; undo brings it back', async () => {
  const before = await page.getByTestId('trace-converted').innerText();
  const row = page.getByTestId('conversions').locator('li.link-row').filter({ hasText: 'cross-chain' }).first();
  await row.getByTestId('conversion-reject').click();
  await page.waitForFunction((b) => document.querySelector('[data-testid=trace-converted]')?.innerText !== b, before);
  assert.match(await page.getByTestId('trace-converted').innerText(), /Followed through 2 conversions/);
  await page.getByTestId('undo').click();
  await page.waitForFunction(() => /Followed through 3 conversions/.test(document.querySelector('[data-testid=trace-converted]')?.innerText ?? ''));
});

test('the timeline plays a cross-chain swap: its edge appears when the payout lands', async () => {
  const slider = page.getByTestId('timeline-slider');
  const max = Number(await slider.getAttribute('max'));
  const times = routeCase.json.transfers.map((t) => t.timestamp);
  const [first, last] = [Math.min(...times), Math.max(...times)];
  const deposit = routeCase.json.transfers.find((t) => t.from === fresh[0] && t.asset === 'ETH' && t.to.startsWith('0xd37b')).timestamp;
  const payout = routeCase.json.transfers.find((t) => t.to === landing[0] && t.asset === 'BTC').timestamp;
  const slideTo = (time) => slider.evaluate((el, v) => {
    el.value = String(v);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, Math.round(((time - first) / (last - first)) * max));
  const edge = async () => (await links()).find((l) => l.kind === 'conversion' && l.from === fresh[0] && l.to === landing[0]);
  const drawnIs = (want) => page.waitForFunction(([a, b, want]) => window.hopscopeTest.links()
    .some((l) => l.kind === 'conversion' && l.from === a && l.to === b && l.drawn === want), [fresh[0], landing[0], want]);
  await slideTo(deposit - 600);
  await drawnIs(false);
  assert.equal((await edge())?.drawn, false, 'before the deposit the swap is not drawn');
  await slideTo(payout + 600);
  await drawnIs(true);
  assert.equal((await edge())?.drawn, true, 'once the payout has landed it is');
  await page.getByTestId('timeline-off').click();
});

test('with Follow conversions off the trace keeps to USDT and says why it stops', async () => {
  await page.getByTestId('trace-conversions').uncheck();
  await page.waitForFunction(() => !document.querySelector('[data-testid=trace-converted]'));
  const rows = await cashout();
  assert.deepEqual(rows, ['No stolen value reached an exchange.']);
  await page.getByTestId('trace-conversions').check();
  await page.getByTestId('trace-converted').waitFor();
  assert.equal((await cashout()).length, 3);
  assert.deepEqual(pageErrors, []);
});

test('real Etherscan exports with Uniswap and Curve swaps: USD beside amounts, and DAI traced into ETH', async () => {
  const dir = path.join(repoRoot, 'crates/hopscope_core/test_data/swaps');
  const files = ['normal', 'erc20', 'internal'].map((k) => {
    const name = `etherscan_0x003dc_${k}_swaps.csv`;
    return { name, mimeType: 'text/csv', buffer: fs.readFileSync(path.join(dir, name)) };
  });
  await page.getByTestId('file-input').setInputFiles(files);
  await page.waitForFunction((u) => window.hopscopeTest.nodes().some((n) => n.address === u), USER, { timeout: 30000 });
  await app.waitForSettledLayout();
  await app.clickNode(USER);
  await page.getByTestId('mark-seed').click();
  // The DAI paid into Uniswap for GEN shows its dollar value at the time.
  const usd = await page.getByTestId('node-inspector').getByTestId('transfer-usd').allInnerTexts();
  assert.ok(usd.includes('1,034.73 USD'), usd.join(' | '));
  await page.getByTestId('trace-asset').selectOption('DAI');
  await page.getByTestId('trace-run').click();
  await page.getByTestId('trace-converted').waitFor();
  const converted = await page.getByTestId('trace-converted').innerText();
  // In the order the money went through them: the Uniswap V1 swap of January 2020 first.
  assert.match(converted, /Followed through 8 conversions: 300 DAI → ≈ 2,145\.865438 TKN/);
  const line = await page.getByTestId('inspector-trace').innerText();
  assert.match(line, /Traced from here: a seed/);
  await app.screenshot('issue19-real-exports.png');
  assert.deepEqual(pageErrors, []);
});
