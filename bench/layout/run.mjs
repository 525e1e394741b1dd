// Layout benchmark: the same generated graphs laid out by hopscope's engine (Rust compiled to
// wasm, one thread), d3-force and graphology-layout-forceatlas2 (Barnes-Hut) in this one
// Node.js process, engines alternating round by round. Prints, per graph,
//   layout GRAPH N hopscope_ms=X d3_ms=Y fa2_ms=Z ratio_d3=R
// (median ms per tick), and for graphs up to 12k nodes the normalized stress of each engine's
// layout after the same number of ticks on 1,000 sampled node pairs (lower is better), as the
// mean over 5 independent samples of pairs with its standard deviation, so a difference can be
// told from sampling noise:
//   stress GRAPH N ticks=T hopscope=A d3=B fa2=C sd_hopscope=… sd_d3=… sd_fa2=… hopscope_minus_d3=mean±sd
// (the last over the same 5 samples, paired).
// Usage: node run.mjs WASM_DIR [--quick | --stress-seeds K]. `cargo xtask bench layout`
// builds WASM_DIR first.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { forceSimulation, forceManyBody, forceLink, forceCenter } from 'd3-force';
import Graph from 'graphology';

const require = createRequire(import.meta.url);
const fa2Helpers = require('graphology-layout-forceatlas2/helpers.js');
const fa2Iterate = require('graphology-layout-forceatlas2/iterate.js');
const fa2Defaults = require('graphology-layout-forceatlas2/defaults.js');

const here = path.dirname(fileURLToPath(import.meta.url));
const wasmDir = process.argv[2];
const quick = process.argv.includes('--quick');
if (!wasmDir) throw new Error('usage: node run.mjs WASM_DIR [--quick]');
const { Engine } = require(path.resolve(wasmDir, 'hopscope_layout_wasm.js'));

// ---- seeded graphs -------------------------------------------------------------------
function rng(seed) {
  let s = BigInt(seed);
  return () => {
    s = (s + 0x9E3779B97F4A7C15n) & 0xFFFFFFFFFFFFFFFFn;
    let z = s;
    z = ((z ^ (z >> 30n)) * 0xBF58476D1CE4E5B9n) & 0xFFFFFFFFFFFFFFFFn;
    z = ((z ^ (z >> 27n)) * 0x94D049BB133111EBn) & 0xFFFFFFFFFFFFFFFFn;
    return Number((z ^ (z >> 31n)) >> 11n) / 2 ** 53;
  };
}

/** Barabási–Albert with m = 2: each new node links to 2 distinct nodes, chosen by degree. */
function barabasiAlbert(n, seed) {
  const r = rng(seed);
  const links = [[0, 1], [1, 2], [0, 2]];
  const ends = [0, 1, 1, 2, 0, 2];
  for (let v = 3; v < n; v++) {
    const a = ends[Math.floor(r() * ends.length)];
    let b = a;
    while (b === a) b = ends[Math.floor(r() * ends.length)];
    links.push([a, v], [b, v]);
    ends.push(a, v, b, v);
  }
  return { n, links };
}

/** Laundering-shaped: 4 sources fan out to many addresses, each starts a peel chain whose
 * small peels go to fresh addresses or (sometimes) to one of 6 hubs (exchanges), and whose
 * remainder ends at a hub. */
function laundering(n, seed) {
  const r = rng(seed);
  const links = [];
  const sources = [0, 1, 2, 3];
  const hubs = [4, 5, 6, 7, 8, 9];
  let next = 10;
  while (next < n) {
    const src = sources[Math.floor(r() * sources.length)];
    let at = next++;
    links.push([src, at]);
    const length = 5 + Math.floor(r() * 30);
    for (let k = 0; k < length && next < n; k++) {
      if (r() < 0.15) {
        links.push([at, hubs[Math.floor(r() * hubs.length)]]);
      } else {
        links.push([at, next++]); // the peel
      }
      if (next >= n) break;
      const change = next++;
      links.push([at, change]);
      at = change;
    }
    links.push([at, hubs[Math.floor(r() * hubs.length)]]);
  }
  return { n, links };
}

/** The Bybit laundering graph (GEXF from the 2025 paper), as node indices. */
function bybit() {
  const file = path.resolve(here, '../../../shared/data/bybit-2025/transaction_network.gexf');
  if (!fs.existsSync(file)) return null;
  const text = fs.readFileSync(file, 'utf8');
  const index = new Map();
  for (const m of text.matchAll(/<node id="([^"]+)"/g)) index.set(m[1], index.size);
  const links = [];
  for (const m of text.matchAll(/<edge [^>]*source="([^"]+)" target="([^"]+)"/g)) {
    const s = index.get(m[1]);
    const t = index.get(m[2]);
    if (s !== undefined && t !== undefined && s !== t) links.push([s, t]);
  }
  return { n: index.size, links };
}

// ---- engines -------------------------------------------------------------------------
function hopscopeEngine(g) {
  const flat = new Uint32Array(g.links.length * 2);
  g.links.forEach(([s, t], i) => { flat[2 * i] = s; flat[2 * i + 1] = t; });
  const engine = new Engine(g.n, flat, 7);
  return {
    tick: (k) => engine.tick(k),
    positions: () => { const p = engine.positions(); return (i) => [p[2 * i], p[2 * i + 1]]; },
  };
}

function d3Engine(g) {
  const nodes = Array.from({ length: g.n }, (_, i) => ({ index: i }));
  const links = g.links.map(([source, target]) => ({ source, target }));
  const sim = forceSimulation(nodes)
    .force('charge', forceManyBody())
    .force('link', forceLink(links))
    .force('center', forceCenter())
    .stop();
  return { tick: (k) => sim.tick(k), positions: () => (i) => [nodes[i].x, nodes[i].y] };
}

function fa2Engine(g) {
  const graph = new Graph({ multi: true });
  const r = rng(11);
  for (let i = 0; i < g.n; i++) graph.addNode(i, { x: r() * 1000, y: r() * 1000 });
  for (const [s, t] of g.links) graph.addEdge(s, t);
  const settings = { ...fa2Defaults, barnesHutOptimize: true, barnesHutTheta: 0.5, scalingRatio: 10, gravity: 1 };
  const matrices = fa2Helpers.graphToByteArrays(graph, () => 1);
  const nodes = matrices.nodes;
  const PPN = 10; // properties per node in graphology's node matrix: x, y first
  return {
    tick: (k) => { for (let i = 0; i < k; i++) fa2Iterate(settings, nodes, matrices.edges); },
    positions: () => (i) => [nodes[i * PPN], nodes[i * PPN + 1]],
  };
}

// ---- measures ------------------------------------------------------------------------
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

/** Normalized stress on sampled pairs: graph distance by BFS (undirected) against layout
 * distance, after the best uniform scaling of the layout. */
function samplePairs(g, count, seed) {
  const r = rng(seed);
  const adj = Array.from({ length: g.n }, () => []);
  for (const [s, t] of g.links) { adj[s].push(t); adj[t].push(s); }
  const pairs = [];
  const perSource = 20;
  const dist = new Int32Array(g.n);
  let guard = 0;
  while (pairs.length < count && guard++ < count * 10) {
    const src = Math.floor(r() * g.n);
    dist.fill(-1);
    dist[src] = 0;
    const queue = [src];
    const reached = [];
    for (let h = 0; h < queue.length; h++) {
      const v = queue[h];
      for (const w of adj[v]) if (dist[w] < 0) { dist[w] = dist[v] + 1; queue.push(w); reached.push(w); }
    }
    if (reached.length === 0) continue;
    for (let k = 0; k < perSource && pairs.length < count; k++) {
      const t = reached[Math.floor(r() * reached.length)];
      pairs.push([src, t, dist[t]]);
    }
  }
  return pairs;
}

function stress(pos, pairs) {
  let num = 0, den = 0;
  const e = pairs.map(([i, j, d]) => {
    const [xi, yi] = pos(i); const [xj, yj] = pos(j);
    const l = Math.hypot(xi - xj, yi - yj);
    num += l / d; den += (l * l) / (d * d);
    return l;
  });
  const s = den > 0 ? num / den : 1;
  let sum = 0;
  pairs.forEach(([, , d], k) => { sum += ((s * e[k] - d) / d) ** 2; });
  const value = sum / pairs.length;
  return Number.isFinite(value) ? value : NaN;
}

function timeRounds(engines, ticksPerRound, rounds) {
  const ms = engines.map(() => []);
  for (let r = 0; r < rounds; r++) {
    engines.forEach((e, k) => {
      const t0 = performance.now();
      e.tick(ticksPerRound);
      ms[k].push((performance.now() - t0) / ticksPerRound);
    });
  }
  return ms.map(median);
}

const meanSd = (xs) => {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return { mean, sd: Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1)) };
};

/** Each engine's normalized stress after `ticks` ticks from its own start, over 5 samples of
 *  1,000 pairs (mean ± sd), and hopscope − d3 on the same samples (paired). */
function stressOf(g, ticks) {
  const fresh = [hopscopeEngine(g), d3Engine(g), fa2Engine(g)];
  fresh.forEach((e) => e.tick(ticks));
  const samples = [99, 100, 101, 102, 103].map((seed) => samplePairs(g, 1000, seed));
  const per = fresh.map((e) => {
    const pos = e.positions();
    return samples.map((pairs) => stress(pos, pairs));
  });
  const [h, d, f] = per.map(meanSd);
  // The same pairs measure both layouts, so their difference is the sharper comparison.
  const diff = meanSd(per[0].map((x, k) => x - per[1][k]));
  return { h, d, f, diff };
}

// `--stress-seeds K`: stress only, on K Barabási–Albert graphs of 1,000 nodes from seeds
// 1…K (one layout per graph is one sample of a chaotic process; many graphs say more).
const seedsAt = process.argv.indexOf('--stress-seeds');
if (seedsAt > 0) {
  const k = Number(process.argv[seedsAt + 1] ?? 10);
  const diffs = [];
  for (let seed = 1; seed <= k; seed++) {
    const g = barabasiAlbert(1_000, seed);
    const { h, d, diff } = stressOf(g, 300);
    diffs.push(diff.mean);
    console.log(`stress-seed ba 1000 seed=${seed} hopscope=${h.mean.toFixed(4)} d3=${d.mean.toFixed(4)} hopscope_minus_d3=${diff.mean.toFixed(4)}`);
  }
  const all = meanSd(diffs);
  console.log(`stress-seeds ba 1000 graphs=${k} hopscope_minus_d3_mean=${all.mean.toFixed(4)} sd=${all.sd.toFixed(4)} se=${(all.sd / Math.sqrt(k)).toFixed(4)}`);
  process.exit(0);
}

const plan = [
  ['ba', 1_000, () => barabasiAlbert(1_000, 1)],
  ['ba', 10_000, () => barabasiAlbert(10_000, 2)],
  ['ba', 100_000, () => barabasiAlbert(100_000, 3)],
  ['laundering', 10_000, () => laundering(10_000, 4)],
  ['laundering', 100_000, () => laundering(100_000, 5)],
  ['bybit', 11_340, bybit],
];

console.log(`# node ${process.version}, ${process.arch}; one thread per engine; median ms per tick`);
for (const [name, size, make] of plan) {
  if (quick && size > 10_000) continue;
  const g = make();
  if (!g) { console.log(`# ${name}: data not found, skipped`); continue; }
  const engines = [hopscopeEngine(g), d3Engine(g), fa2Engine(g)];
  const big = g.n > 20_000;
  const [h, d, f] = timeRounds(engines, big ? 2 : 10, quick ? 3 : big ? 4 : 7);
  console.log(`layout ${name} ${g.n} hopscope_ms=${h.toFixed(2)} d3_ms=${d.toFixed(2)} fa2_ms=${f.toFixed(2)} ratio_d3=${(d / h).toFixed(1)}`);
  if (g.n <= 12_000) {
    const ticks = quick ? 100 : 300;
    const { h, d, f, diff } = stressOf(g, ticks);
    console.log(`stress ${name} ${g.n} ticks=${ticks} hopscope=${h.mean.toFixed(4)} d3=${d.mean.toFixed(4)} fa2=${f.mean.toFixed(4)} sd_hopscope=${h.sd.toFixed(4)} sd_d3=${d.sd.toFixed(4)} sd_fa2=${f.sd.toFixed(4)} hopscope_minus_d3=${diff.mean.toFixed(4)}±${diff.sd.toFixed(4)}`);
  }
}
