// Browser benchmark for issue 7: frame time while panning, in the built app (dist/) in Debian's
// headless Chromium, for Barabási–Albert graphs (m = 2: two edges per node) of 10k, 50k and
// 100k nodes, drawn by the WebGL2 renderer and by the Canvas 2D fallback (`?renderer=canvas`,
// which hands big graphs to the budgeted software raster).
//
// For each size and renderer: the edge list is opened and laid out in the worker for 8 s (the
// same seed, so nearly the same picture; a saved 100k case would pass the 64 MB file limit),
// paused, and panned for 4 s by a pointer drag whose move events are dispatched once per
// animation frame. The frame time is the gap between `requestAnimationFrame` callbacks while
// panning (every frame redraws: the camera moved). Prints one line per run:
// `frames renderer=R nodes=N edges=E frames=F median_ms=X p95_ms=Y fps=Z`, and for Canvas 2D
// the raster's edge budget at the end (pixels of edges per picture while moving; the rest of
// the edges are added once the picture is still).
import fs from 'node:fs';
import path from 'node:path';
import { serveDist, launch, artefactDir, baEdgeList } from '../support.mjs';

const SIZES = (process.argv[2] ?? '10000,50000,100000').split(',').map(Number);
const RENDERERS = (process.argv[3] ?? 'webgl2,canvas2d').split(',');
const PAN_MS = 4000;
const LAYOUT_MS = 8000;

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

async function openFile(page, file, n) {
  await page.getByTestId('file-input').setInputFiles(file);
  const stats = page.getByTestId('graph-stats').filter({ hasText: `${n} nodes` });
  const failed = page.getByTestId('error-banner');
  await Promise.race([stats.waitFor({ timeout: 240_000 }), failed.waitFor({ timeout: 240_000 })]);
  if (await failed.isVisible()) throw new Error(`${file}: ${await failed.textContent()}`);
  await page.waitForTimeout(1000);
}

async function pause(page) {
  const button = page.getByTestId('layout-pause');
  if ((await button.textContent()).trim() === 'Pause') await button.click();
  await page.waitForFunction(() => window.hopscopeTest.settled());
  await page.waitForTimeout(500);
}

/** A canvas point far from every node, so the drag pans rather than moving a node. */
async function emptySpot(page) {
  return page.evaluate(() => {
    const c = document.querySelector('[data-testid=graph-canvas]').getBoundingClientRect();
    const nodes = window.hopscopeTest.nodes();
    let best = [c.width / 2, c.height / 2], bestD = -1;
    for (let gx = 0.2; gx <= 0.8; gx += 0.05) {
      for (let gy = 0.2; gy <= 0.8; gy += 0.05) {
        const [x, y] = [gx * c.width, gy * c.height];
        let d = Infinity;
        for (const n of nodes) d = Math.min(d, (n.x - x) ** 2 + (n.y - y) ** 2);
        if (d > bestD) [best, bestD] = [[x, y], d];
      }
    }
    return best;
  });
}

/** Pans for `ms`, one pointer move per animation frame; returns the frame gaps (ms). */
async function panFrames(page, ms) {
  const [x0, y0] = await emptySpot(page);
  return page.evaluate(
    async ({ ms, x0, y0 }) => {
      const c = document.querySelector('[data-testid=graph-canvas]');
      const r = c.getBoundingClientRect();
      const ev = (type, x, y, buttons) =>
        c.dispatchEvent(new PointerEvent(type, {
          pointerId: 1, bubbles: true, button: 0, buttons, pointerType: 'mouse', isPrimary: true,
          clientX: r.left + x, clientY: r.top + y,
        }));
      let [x, y] = [x0, y0];
      ev('pointerdown', x, y, 1);
      const times = [];
      await new Promise((resolve) => {
        const start = performance.now();
        const step = (t) => {
          times.push(t);
          if (t - start > ms) return resolve();
          // A slow circle, so the picture stays roughly in view.
          const k = times.length / 15;
          x = x0 + 60 * Math.sin(k);
          y = y0 + 60 * Math.cos(k) - 60;
          ev('pointermove', x, y, 1);
          requestAnimationFrame(step);
        };
        requestAnimationFrame(step);
      });
      ev('pointerup', x, y, 0);
      return times.slice(2).map((t, i) => t - times[i + 1]);
    },
    { ms, x0, y0 },
  );
}

const server = await serveDist();
const browser = await launch();
try {
  for (const n of SIZES) {
    const csv = path.join(artefactDir, `frames-ba-${n}.csv`);
    fs.writeFileSync(csv, baEdgeList(n, 5));
    const edges = fs.readFileSync(csv, 'utf8').trim().split('\n').length - 1;
    for (const renderer of RENDERERS) {
      const ctx = await browser.newContext({ viewport: { width: 1400, height: 860 } });
      const p = await ctx.newPage();
      await p.goto(`${server.url}?renderer=${renderer === 'canvas2d' ? 'canvas' : 'webgl'}`);
      await openFile(p, csv, n);
      await p.waitForTimeout(LAYOUT_MS);
      await pause(p);
      const got = await p.evaluate(() => window.hopscopeTest.renderer);
      if (got !== renderer) throw new Error(`asked for ${renderer}, got ${got}`);
      const gaps = await panFrames(p, PAN_MS);
      const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
      // What the raster allowed itself per picture while moving (Canvas 2D only).
      const budget = renderer === 'canvas2d' ? (await p.evaluate(() => window.hopscopeTest.state())).rasterBudget : 0;
      await p.screenshot({ path: path.join(artefactDir, `frames-${renderer}-${n}.png`) });
      console.log(
        `frames renderer=${renderer} nodes=${n} edges=${edges} frames=${gaps.length} ` +
          `median_ms=${quantile(gaps, 0.5).toFixed(1)} p95_ms=${quantile(gaps, 0.95).toFixed(1)} fps=${(1000 / mean).toFixed(1)}` +
          (budget ? ` raster_edge_px_per_frame=${budget}` : ''),
      );
      await ctx.close();
    }
    fs.rmSync(csv);
  }
} finally {
  await browser.close();
  await server.close();
}
