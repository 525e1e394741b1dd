// Browser benchmark: time from giving the app a generated Etherscan-style CSV with N transfers
// (100,000 by default) until its figures are on the page and a frame has been drawn, in
// Debian's headless Chromium against the built app (dist/). Prints one line:
// `browser-open etherscan-csv rows=N ms=X longest_task_ms=Y`.
import { serveDist, launch } from '../support.mjs';

const rows = Number(process.argv[2] ?? 100000);

function etherscanCsv(n) {
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

const server = await serveDist();
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(server.url);
  await page.waitForFunction(() => window.hopscopeTest?.settled() === true, null, { timeout: 30000 });
  await page.evaluate(() => {
    window.__longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
    }).observe({ type: 'longtask', buffered: false });
  });
  const text = etherscanCsv(rows);
  const started = Date.now();
  await page.getByTestId('file-input').setInputFiles({ name: 'bench.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
  await page.waitForFunction((n) => document.querySelector('[data-testid=graph-stats]')?.textContent.includes(`${n} transfers`), rows, { timeout: 300000, polling: 10 });
  // One more animation frame: the new case is drawn.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const ms = Date.now() - started;
  const longest = await page.evaluate(() => window.__longest);
  console.log(`browser-open etherscan-csv rows=${rows} ms=${ms} longest_task_ms=${Math.round(longest)}`);
} finally {
  await browser.close();
  await server.close();
}
