// Shared set-up for the journeys: a static server over the built app (dist/), Debian's
// Chromium driven by playwright-core (never a downloaded browser), and paths for artefacts.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const distDir = path.join(repoRoot, 'dist');
export const artefactDir = path.join(repoRoot, 'target', 'e2e');
fs.mkdirSync(artefactDir, { recursive: true });

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** Serves dist/ on a free loopback port; resolves to { url, close }. */
export async function serveDist() {
  if (!fs.existsSync(path.join(distDir, 'index.html'))) {
    throw new Error(`no built app in ${distDir}: run trunk build --release first`);
  }
  const server = http.createServer((req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = path.join(distDir, path.normalize(urlPath));
    if (!file.startsWith(distDir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      file = path.join(distDir, 'index.html');
    }
    res.writeHead(200, { 'content-type': MIME[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(r)) };
}

/** For the browser benchmarks: the built app served, Chromium launched, a 1280×800 page
 *  opened on it and its first layout at rest; `close()` ends all three. */
export async function openBenchPage() {
  const server = await serveDist();
  const browser = await launch();
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(server.url);
  await page.waitForFunction(() => window.hopscopeTest?.settled() === true, null, { timeout: 30000 });
  return { page, close: async () => { await browser.close(); await server.close(); } };
}

/** The median of a list of numbers. */
export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Launches headless Chromium with the flags this closed network needs. */
export async function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Reads a bundled case and the figures the page should show for it. */
export function bundledCase(name) {
  const text = fs.readFileSync(path.join(repoRoot, 'cases', name), 'utf8');
  const json = JSON.parse(text);
  return { name, text, json, stats: `${json.nodes.length} nodes · ${json.transfers.length} transfers` };
}

/** Page object over the app's data-testid hooks. */
export class AppPage {
  constructor(page) {
    this.page = page;
    this.stats = page.getByTestId('graph-stats');
    this.canvas = page.getByTestId('graph-canvas');
    this.inspector = page.getByTestId('node-inspector');
    this.errorBanner = page.getByTestId('error-banner');
    this.fileInput = page.getByTestId('file-input');
  }

  /** Opens the app at `url` for a first visit: the start screen (the teaching cases) shows
   * over the demo case; closes it, leaving the demo open. */
  async openFresh(url) {
    await this.page.goto(url);
    const start = this.page.getByTestId('start-screen');
    await start.waitFor({ state: 'visible' });
    await this.page.getByTestId('start-close').click();
    await start.waitFor({ state: 'hidden' });
  }

  async waitForSettledLayout() {
    await this.page.waitForFunction(() => window.hopscopeTest?.settled() === true, null, { timeout: 30_000 });
  }

  /** Shows every address (Show all) and waits until all `count` are drawn and at rest. */
  async showAll(count) {
    await this.page.getByTestId('view-all').click();
    await this.page.waitForFunction((n) => window.hopscopeTest.nodes().length === n, count);
    await this.waitForSettledLayout();
  }

  async nodes() {
    return this.page.evaluate(() => window.hopscopeTest.nodes());
  }

  /** The addresses drawn, sorted. */
  async shown() {
    return (await this.nodes()).map((n) => n.address).sort();
  }

  /** Each drawn node's place in the layout's own coordinates. */
  world() {
    return this.page.evaluate(() => window.hopscopeTest.world());
  }

  /** When the last autosave succeeded, as the page says it. */
  savedAt() {
    return this.page.getByTestId('autosave-state').getAttribute('data-saved-at');
  }

  /** Waits for an autosave after `since` (the value of `savedAt()` before the change). */
  autosaved(since = '', timeout = 30_000) {
    return this.page.waitForFunction((since) => {
      const el = document.querySelector('[data-testid=autosave-state]');
      return el?.textContent === 'saved in this browser' && el.dataset.savedAt !== since;
    }, since, { timeout });
  }

  async clickNode(address) {
    const node = (await this.nodes()).find((n) => n.address.toLowerCase() === address.toLowerCase());
    if (!node) throw new Error(`node ${address} is not on the page`);
    const box = await this.canvas.boundingBox();
    await this.page.mouse.click(box.x + node.x, box.y + node.y);
  }

  async openFile(name, text) {
    await this.fileInput.setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  }

  async screenshot(name) {
    await this.page.screenshot({ path: path.join(artefactDir, name) });
  }
}

/** Nodes (with an `address`) by address. */
export const byAddress = (list) => new Map(list.map((n) => [n.address, n]));

/** A generated Etherscan-style CSV export of `n` normal transactions among n/20 addresses. */
export function etherscanCsv(n) {
  const header = '"Transaction Hash","Blockno","UnixTimestamp","DateTime (UTC)","From","To","ContractAddress","Value_IN(ETH)","Value_OUT(ETH)","CurrentValue @ $2084.3165498016/Eth","TxnFee(ETH)","TxnFee(USD)","Historical $Price/Eth","Status","ErrCode","Method"';
  const lines = [header];
  let x = 42n;
  const next = () => { x = (x * 6364136223846793005n + 1442695040888963407n) & ((1n << 64n) - 1n); return x; };
  const addr = (i) => `0x${(BigInt(i) * 0x9E3779B97F4A7C15n & ((1n << 160n) - 1n)).toString(16).padStart(40, '0')}`;
  const nAddresses = Math.floor(n / 20) + 2;
  for (let i = 0; i < n; i++) {
    const from = Number(next() % BigInt(nAddresses));
    const to = Number(next() % BigInt(nAddresses));
    const tx = `0x${next().toString(16).padStart(16, '0')}${next().toString(16).padStart(16, '0')}${i.toString(16).padStart(32, '0')}`;
    lines.push(`"${tx}","${18000000 + i}","${1700000000 + i * 12}","2023-11-14 22:13:20","${addr(from)}","${addr(to)}","","0","${(i % 1000) + 1}.5","1.0","0.00021","0.44","2084.31","","","Transfer"`);
  }
  return lines.join('\n') + '\n';
}

/** `hopscope stats` over files (paths relative to the repository or absolute), as JSON; the
 * CLI is built by the native tests. */
export function cliStats(files) {
  const cli = path.join(repoRoot, 'target', 'debug', 'hopscope');
  const out = execFileSync(cli, ['stats', ...files.map((f) => path.resolve(repoRoot, f))], { encoding: 'utf8' });
  return JSON.parse(out);
}

/** A Barabási–Albert graph (m = 2) with `n` addresses as an edge-list CSV, from a fixed seed. */
export function baEdgeList(n, seed = 1) {
  let s = BigInt(seed);
  const next = () => {
    s = (s * 6364136223846793005n + 1442695040888963407n) & ((1n << 64n) - 1n);
    return Number(s >> 33n) / 2 ** 31;
  };
  const addr = (i) => `0x${i.toString(16).padStart(40, '0')}`;
  const rows = ['from,to,amount,asset,tx'];
  const ends = [0, 1, 1, 2, 0, 2];
  rows.push(`${addr(0)},${addr(1)},1,ETH,0x0`, `${addr(1)},${addr(2)},1,ETH,0x1`, `${addr(0)},${addr(2)},1,ETH,0x2`);
  for (let v = 3; v < n; v++) {
    const a = ends[Math.floor(next() * ends.length)];
    let b = a;
    while (b === a) b = ends[Math.floor(next() * ends.length)];
    rows.push(`${addr(a)},${addr(v)},1,ETH,0x${(2 * v).toString(16)}`, `${addr(b)},${addr(v)},2,ETH,0x${(2 * v + 1).toString(16)}`);
    ends.push(a, v, b, v);
  }
  return rows.join('\n') + '\n';
}
