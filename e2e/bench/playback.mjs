// Browser benchmark for issue 8: frame time while the timeline plays, in the built app (dist/)
// in Debian's headless Chromium (whose software WebGL makes the page draw with Canvas 2D).
//
// Cases: the seed case (HTX → Tornado Cash, 68 addresses, 180 transfers), the bridge-hack case
// (43 addresses, 100 transfers), and a generated Etherscan export of 20,000 transfers among
// 1,002 addresses for scale. For each, every address is shown and the layout left to rest,
// then: `play` — Play at 4× from the start to the end (5 s), transfers running along their
// edges as pulses; and for cases with a story, `story` — the story stepped through with Next,
// each step playing its transfers (1.6 s). The frame time is the gap between
// `requestAnimationFrame` callbacks while playing. Prints one line per run:
// `playback case=C mode=M frames=F median_ms=X p95_ms=Y max_ms=W fps=Z max_pulses=P`.
import fs from 'node:fs';
import path from 'node:path';
import { serveDist, launch, artefactDir, etherscanCsv } from '../support.mjs';

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

/** Records frame gaps from now until playback has started and stopped again (or `ms`). */
function recordWhilePlaying(page, ms) {
  return page.evaluate(async (ms) => {
    const times = [];
    let started = false;
    let maxPulses = 0;
    await new Promise((resolve) => {
      const begin = performance.now();
      const step = (t) => {
        times.push(t);
        const s = window.hopscopeTest.state();
        maxPulses = Math.max(maxPulses, s.pulses);
        started ||= s.playing;
        if ((started && !s.playing && s.pulses === 0) || t - begin > ms) return resolve();
        requestAnimationFrame(step);
      };
      requestAnimationFrame(step);
    });
    return { gaps: times.slice(2).map((t, i) => t - times[i + 1]), maxPulses };
  }, ms);
}

function report(name, mode, runs) {
  const gaps = runs.flatMap((r) => r.gaps);
  const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
  const pulses = Math.max(...runs.map((r) => r.maxPulses));
  console.log(
    `playback case=${name} mode=${mode} frames=${gaps.length} median_ms=${quantile(gaps, 0.5).toFixed(1)} ` +
      `p95_ms=${quantile(gaps, 0.95).toFixed(1)} max_ms=${Math.max(...gaps).toFixed(1)} fps=${(1000 / mean).toFixed(1)} max_pulses=${pulses}`,
  );
}

async function settle(page) {
  await page.waitForFunction(() => window.hopscopeTest?.settled() === true, null, { timeout: 120_000 });
  await page.waitForTimeout(500);
}

const server = await serveDist();
const browser = await launch();
const csv = path.join(artefactDir, 'playback-20k.csv');
fs.writeFileSync(csv, etherscanCsv(20_000));
try {
  for (const name of ['htx-2023-tornado', 'bridge-hack-to-bitcoin', 'etherscan-20k']) {
    const ctx = await browser.newContext({ viewport: { width: 1400, height: 860 } });
    const page = await ctx.newPage();
    if (name === 'etherscan-20k') {
      await page.goto(`${server.url}?case=textbook-ten`);
      await page.getByTestId('file-input').setInputFiles(csv);
      await page.getByTestId('graph-stats').filter({ hasText: '20000 transfers' }).waitFor({ timeout: 120_000 });
    } else {
      await page.goto(`${server.url}?case=${name}`);
    }
    await settle(page);
    await page.getByTestId('view-all').click();
    await settle(page);
    const renderer = await page.evaluate(() => window.hopscopeTest.renderer);
    await page.getByTestId('play-speed').selectOption('4');
    const recording = recordWhilePlaying(page, 30_000);
    await page.getByTestId('play').click();
    report(`${name} renderer=${renderer}`, 'play', [await recording]);
    await page.screenshot({ path: path.join(artefactDir, `playback-${name}.png`) });
    const steps = await page.evaluate(() => window.hopscopeTest.state().steps);
    if (steps > 0) {
      const runs = [];
      for (let k = 0; k < steps; k++) {
        const recording = recordWhilePlaying(page, 10_000);
        await page.getByTestId(k === 0 ? 'story-start' : 'story-next').click();
        runs.push(await recording);
        await settle(page);
      }
      report(`${name} renderer=${renderer}`, 'story', runs);
    }
    await ctx.close();
  }
} finally {
  fs.rmSync(csv, { force: true });
  await browser.close();
  await server.close();
}
