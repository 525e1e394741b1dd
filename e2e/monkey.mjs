// The "monkey": from a seed, random but legal UI actions over several cases (open bundled
// cases and files, select, expand, collapse, hide, pin, seed, group, show all, filters,
// trace, paths, demixing verdicts, timeline, story steps, search, undo/redo, reload), and
// after each one the checks a user would make without knowing it: nothing panicked, the page
// answers, no "stopped" message, and what the page says agrees with the core (the case's
// counts in the toolbar, the drawn nodes, "N of M addresses shown" where the page says it).
// Used by journeys/monkey.test.mjs (short) and bench/monkey.mjs (long,
// `cargo xtask bench monkey`). A failure names the seed, the action's number and the last
// actions, so it can be replayed.
import { bundledCase, etherscanCsv } from './support.mjs';

/** mulberry32: a small seeded PRNG. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BUNDLED = [
  'htx-2023-tornado.json',
  'bridge-hack-to-bitcoin.json',
  'swap-route-thorchain.json',
  'bridge-tornado-avalanche.json',
  'bitcoin-peel-chain.json',
  'textbook-ten.json',
];
const FILES = [
  () => ({ name: 'textbook-ten.json', mimeType: 'application/json', text: bundledCase('textbook-ten.json').text }),
  () => ({ name: 'export.csv', mimeType: 'text/csv', text: etherscanCsv(300) }),
];

/** Runs `n` random actions on `page` (an AppPage's page, at rest on a case). Resolves to
 * `{ ran, byKind, failure }`: how many actions ran with every check passing, how many of each
 * kind, and the first failure (`null` when none). */
export async function monkey({ page, app, seed, n, log = () => {} }) {
  const rand = prng(seed);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const errors = [];
  const onError = (err) => errors.push(`pageerror: ${err}`);
  const onConsole = (msg) => {
    if (msg.type() === 'error' && /panicked|RuntimeError|unreachable/.test(msg.text())) errors.push(`console: ${msg.text()}`);
  };
  page.on('pageerror', onError);
  page.on('console', onConsole);
  const history = [];
  const byKind = {};
  const quick = { timeout: 3_000 };

  const visible = async (testid) => {
    const el = page.getByTestId(testid).first();
    return (await el.count()) > 0 && (await el.isVisible()) && (await el.isEnabled().catch(() => false));
  };
  const click = async (testid) => {
    if (!(await visible(testid))) return false;
    await page.getByTestId(testid).first().click(quick);
    return true;
  };
  const nodes = () => page.evaluate(() => window.hopscopeTest?.nodes() ?? []);
  const canvasBox = () => page.getByTestId('graph-canvas').boundingBox();
  const onCanvas = async () => {
    const box = await canvasBox();
    if (!box) return [];
    return (await nodes()).filter((p) => p.x > 8 && p.y > 8 && p.x < box.width - 8 && p.y < box.height - 8);
  };
  const clickNode = async (shift = false) => {
    const list = await onCanvas();
    if (list.length === 0) return false;
    const node = pick(list);
    const box = await canvasBox();
    // Only where the canvas itself is under the pointer (panels may cover part of it).
    const hit = await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.dataset?.testid ?? '', [box.x + node.x, box.y + node.y]);
    if (hit !== 'graph-canvas') return false;
    if (shift) await page.keyboard.down('Shift');
    await page.mouse.click(box.x + node.x, box.y + node.y);
    if (shift) await page.keyboard.up('Shift');
    return true;
  };
  const addresses = async () => (await nodes()).map((p) => p.address);
  const setRange = (testid, fraction) => page.evaluate(([id, f]) => {
    const el = document.querySelector(`[data-testid=${id}]`);
    if (!el || el.disabled) return false;
    const min = Number(el.min || 0);
    const max = Number(el.max || 100);
    el.value = String(min + f * (max - min));
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
    return true;
  }, [testid, fraction]);
  const settle = () => page.waitForFunction(() => window.hopscopeTest?.settled() === true, null, { timeout: 20_000 }).catch(() => {});

  const actions = {
    select: () => clickNode(false),
    pickShift: () => clickNode(true),
    key: async () => {
      if (!(await clickNode(false))) return false;
      await page.keyboard.press(pick(['o', 'i', 'b', 'c', 'h', 'p', 's', 'm', 'g', 'ArrowRight', 'ArrowLeft', 'Escape']));
      return true;
    },
    button: async () => click(pick(['expand-out', 'expand-in', 'expand-both', 'collapse', 'hide', 'pin', 'mark-seed', 'pick', 'group', 'ungroup'])),
    hub: async () => click(pick(['hub-top', 'hub-all', 'hub-cancel'])),
    showAll: () => click('view-all'),
    undo: () => click('undo'),
    redo: () => click('redo'),
    openBundled: async () => {
      const name = pick(BUNDLED);
      if (!(await visible('bundled-cases'))) return false;
      await page.getByTestId('bundled-cases').selectOption(name, quick);
      await settle();
      return true;
    },
    openFile: async () => {
      const f = pick(FILES)();
      await page.getByTestId('file-input').setInputFiles({ name: f.name, mimeType: f.mimeType, buffer: Buffer.from(f.text) });
      await page.waitForTimeout(300);
      await settle();
      return true;
    },
    minValue: async () => {
      if (!(await visible('filter-min-value'))) return false;
      const input = page.getByTestId('filter-min-value');
      await input.fill(pick(['', '0', '0.5', '10', '1000', '100000']), quick);
      await input.dispatchEvent('change');
      return true;
    },
    direction: async () => {
      if (!(await visible('filter-direction'))) return false;
      const options = await page.getByTestId('filter-direction').locator('option').evaluateAll((os) => os.map((o) => o.value));
      await page.getByTestId('filter-direction').selectOption(pick(options), quick);
      return true;
    },
    trace: async () => click(pick(['trace-run', 'trace-run', 'trace-clear'])),
    paths: async () => {
      const list = await addresses();
      if (list.length < 2 || !(await visible('path-find'))) return false;
      await page.getByTestId('path-from').fill(pick(list), quick);
      await page.getByTestId('path-to').fill(pick(list), quick);
      await page.getByTestId('path-find').click(quick);
      await page.waitForFunction(() => !document.querySelector('[data-testid=path-cancel]'), null, { timeout: 5_000 }).catch(async () => { await click('path-cancel'); });
      const items = page.getByTestId('path-list').locator('li button');
      const k = await items.count();
      if (k > 0) await items.nth(Math.floor(rand() * k)).click(quick);
      return true;
    },
    // Lists kept from before (another case may have opened since): click an entry as is.
    pathAgain: async () => {
      const items = page.getByTestId('path-list').locator('li button');
      const k = await items.count();
      if (k === 0) return false;
      await items.nth(Math.floor(rand() * k)).click(quick);
      return true;
    },
    hitAgain: async () => {
      const hits = page.getByTestId('search-results').locator('li button');
      const k = await hits.count();
      if (k === 0) return false;
      await hits.nth(Math.floor(rand() * k)).click(quick);
      return true;
    },
    verdict: async () => {
      const which = pick(['demix-accept', 'demix-reject', 'bridge-accept', 'bridge-reject']);
      const all = page.getByTestId(which);
      const k = await all.count();
      if (k === 0) return false;
      const el = all.nth(Math.floor(rand() * k));
      if (!(await el.isVisible())) return false;
      await el.click(quick);
      return true;
    },
    threshold: async () => setRange('demix-threshold', rand()),
    timeline: async () => setRange('timeline-slider', rand()),
    play: async () => {
      if (!(await click('play'))) return false;
      await page.waitForTimeout(Math.floor(rand() * 400));
      await click('play');
      return true;
    },
    timelineOff: () => click('timeline-off'),
    story: async () => click(pick(['story-start', 'story-next', 'story-next', 'story-prev', 'story-close'])),
    search: async () => {
      const list = await addresses();
      if (list.length === 0 || !(await visible('search-input'))) return false;
      const text = pick(list).slice(0, 2 + Math.floor(rand() * 6));
      await page.getByTestId('search-input').fill(text, quick);
      const hits = page.getByTestId('search-results').locator('li button');
      const k = await hits.count();
      if (k > 0) await hits.nth(Math.floor(rand() * k)).click(quick);
      return true;
    },
    escape: async () => {
      await page.keyboard.press('Escape');
      return true;
    },
    reload: async () => {
      await page.reload();
      await page.waitForFunction(() => window.hopscopeTest !== undefined, null, { timeout: 30_000 });
      if (await visible('start-close')) await page.getByTestId('start-close').click(quick);
      await settle();
      return true;
    },
  };
  const weights = {
    select: 10, pickShift: 3, key: 14, button: 10, hub: 2, showAll: 3, undo: 6, redo: 4,
    openBundled: 4, openFile: 1, minValue: 4, direction: 2, trace: 5, paths: 4, pathAgain: 3, hitAgain: 2, verdict: 4,
    threshold: 2, timeline: 4, play: 2, timelineOff: 2, story: 5, search: 4, escape: 2, reload: 1,
  };
  const bag = Object.entries(weights).flatMap(([k, w]) => Array(w).fill(k));

  /** The checks after each action; a string says what is wrong. */
  const check = async () => {
    if (errors.length > 0) return errors.join('\n');
    const answered = await Promise.race([
      page.evaluate(() => {
        const t = window.hopscopeTest;
        if (!t) return { missing: true };
        return {
          state: t.state(),
          drawn: t.nodes().length,
          stats: document.querySelector('[data-testid=graph-stats]')?.textContent ?? '',
          status: document.querySelector('[data-testid=status]')?.textContent ?? '',
          stopped: document.querySelector('[data-testid=stopped]') !== null,
        };
      }),
      new Promise((resolve) => setTimeout(() => resolve(null), 5_000)),
    ]);
    if (answered === null) return 'the page did not answer within 5 s';
    if (answered.missing) return 'the test hook is gone';
    if (answered.stopped) return 'the page shows "hopscope stopped"';
    const { state, drawn, stats } = answered;
    if (state.caseNodes === undefined) return null; // no case open yet
    const plural = (k, one, many) => `${k.toLocaleString('en-US')} ${k === 1 ? one : many}`;
    const plain = (k, one, many) => `${k} ${k === 1 ? one : many}`;
    const wantNodes = [plural(state.caseNodes, 'node', 'nodes'), plain(state.caseNodes, 'node', 'nodes'),
      plural(state.caseNodes, 'address', 'addresses'), plain(state.caseNodes, 'address', 'addresses')];
    if (!wantNodes.some((w) => stats.includes(w))) return `the toolbar says "${stats}" but the case has ${state.caseNodes} addresses`;
    if (drawn !== state.sceneNodes) return `${drawn} nodes drawn but the scene has ${state.sceneNodes}`;
    const shown = /([\d,]+) of ([\d,]+) addresses shown/.exec(stats + ' ' + answered.status);
    if (shown) {
      const [a, b] = [Number(shown[1].replace(/,/g, '')), Number(shown[2].replace(/,/g, ''))];
      if (b !== state.caseNodes) return `"${shown[0]}" but the case has ${state.caseNodes} addresses`;
      if (a > b) return `"${shown[0]}" shows more than there are`;
    }
    return null;
  };

  let ran = 0;
  for (let i = 0; i < n; i++) {
    const kind = pick(bag);
    history.push(kind);
    let done = false;
    try {
      done = await actions[kind]();
    } catch (err) {
      // An element that went away between looking and clicking is no failure of the app;
      // the checks below still run.
      done = false;
      if (!/Timeout|detached|not attached|not visible|intercepts pointer|outside of the viewport|Target closed|Execution context/i.test(String(err))) {
        errors.push(`action ${kind} threw: ${err}`);
      }
    }
    const wrong = await check();
    if (wrong) {
      page.off('pageerror', onError);
      page.off('console', onConsole);
      return { ran, byKind, failure: `seed ${seed}, action ${i + 1} (${kind}): ${wrong}\nlast actions: ${history.slice(-15).join(', ')}` };
    }
    if (done) {
      ran += 1;
      byKind[kind] = (byKind[kind] ?? 0) + 1;
    }
    if (i % 100 === 99) log(`${i + 1} actions, ${ran} performed, all clean`);
  }
  page.off('pageerror', onError);
  page.off('console', onConsole);
  return { ran, byKind, failure: null };
}
