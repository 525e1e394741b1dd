// `cargo xtask bench monkey [ACTIONS] [SEEDS]`: the long monkey (e2e/monkey.mjs) — by default
// 3,000 random actions from each of 3 seeds — over the built app in headless Chromium, with
// every check after every action. Prints how many actions ran clean, per kind, and the first
// failure with its seed (exit 1) so it can be replayed.
import { serveDist, launch, AppPage } from '../support.mjs';
import { monkey } from '../monkey.mjs';

const n = Number(process.argv[2] ?? 3000);
const seeds = Number(process.argv[3] ?? 3);
const server = await serveDist();
const browser = await launch();
let failed = false;
let total = 0;
const started = Date.now();
try {
  for (let seed = 1; seed <= seeds; seed++) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const app = new AppPage(page);
    await app.openFresh(server.url);
    await app.waitForSettledLayout();
    const t0 = Date.now();
    const result = await monkey({ page, app, seed, n, log: (line) => console.log(`seed ${seed}: ${line}`) });
    total += result.ran;
    const secs = ((Date.now() - t0) / 1000).toFixed(0);
    console.log(`seed ${seed}: ${result.ran} actions performed clean of ${n} tried in ${secs} s; by kind ${JSON.stringify(result.byKind)}`);
    if (result.failure) {
      console.log(`FAILED: ${result.failure}`);
      failed = true;
      await page.screenshot({ path: `../target/e2e/monkey-failure-seed${seed}.png` }).catch(() => {});
      break;
    }
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
console.log(`monkey: ${total} actions ran clean over ${seeds} seeds in ${((Date.now() - started) / 1000).toFixed(0)} s${failed ? ' before a failure' : ''}`);
process.exit(failed ? 1 : 0);
