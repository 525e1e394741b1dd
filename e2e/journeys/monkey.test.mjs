// The short monkey (issue 16): 250 random but legal actions over the bundled cases and opened
// files from a fixed seed, with every check after each (nothing panicked, the page answers,
// the toolbar's counts and the drawn nodes agree with the core's). The long run is
// `cargo xtask bench monkey`; e2e/monkey.mjs has the actions and checks.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, AppPage } from '../support.mjs';
import { monkey } from '../monkey.mjs';

let server, browser, page, app;

before(async () => {
  server = await serveDist();
  browser = await launch();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
  app = new AppPage(page);
  await app.openFresh(server.url);
  await app.waitForSettledLayout();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('250 random actions from seed 16 run clean', { timeout: 600_000 }, async () => {
  const result = await monkey({ page, app, seed: 16, n: 250 });
  if (result.failure) await app.screenshot('monkey-failure.png');
  assert.equal(result.failure, null);
  assert.ok(result.ran >= 150, `most actions could be performed: ${result.ran} (${JSON.stringify(result.byKind)})`);
});
