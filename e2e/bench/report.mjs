// Benchmark for issue 20: the report of a big real case. The Bybit laundering graph of the
// shared data (../shared/data/bybit-2025, 11,340 addresses and 14,416 transfers, a 2025
// paper's GEXF; amounts in wei) is turned into a case file by the release CLI (`hopscope
// convert --asset ETH --decimals 18`), seeded at the Bybit exploiter's address, and reported
// (`hopscope report`: 5 runs, median); the report is then opened in Debian's headless
// Chromium and printed to PDF on A4 (5 runs, median). Targets: under 5 MB, printed in under
// 10 s. Prints `report transfers=N html_bytes=B make_ms=M print_ms=P pdf_pages=K pdf_bytes=Q`.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { launch, artefactDir, repoRoot } from '../support.mjs';

const RUNS = 5;
const GEXF = path.resolve(repoRoot, '..', 'shared', 'data', 'bybit-2025', 'transaction_network.gexf');
const EXPLOITER = '0x47666fab8bd0ac7003bce3f5c3585383f09486e2';
const CLI = path.join(repoRoot, 'target', 'release', 'hopscope');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

if (!fs.existsSync(GEXF)) {
  console.error(`report bench: ${GEXF} is missing (the shared Bybit data)`);
  process.exit(2);
}
fs.mkdirSync(artefactDir, { recursive: true });
execFileSync('cargo', ['build', '--quiet', '--release', '-p', 'hopscope_cli'], { cwd: repoRoot, stdio: 'inherit' });
const converted = path.join(artefactDir, 'bench-bybit.hopscope.json');
execFileSync(CLI, ['convert', GEXF, '--asset', 'ETH', '--decimals', '18', '--chain', 'ethereum', '--to', 'case', '-o', converted]);
const json = JSON.parse(fs.readFileSync(converted, 'utf8'));
json.title = 'Bybit theft (February 2025): the laundering network of a published dataset';
json.seeds = [EXPLOITER];
const caseFile = path.join(artefactDir, 'bench-bybit-seeded.hopscope.json');
fs.writeFileSync(caseFile, JSON.stringify(json, null, 1));
const report = path.join(artefactDir, 'bench-bybit.report.html');

const make = [];
for (let i = 0; i < RUNS; i++) {
  const started = process.hrtime.bigint();
  execFileSync(CLI, ['report', caseFile, '-o', report]);
  make.push(Number(process.hrtime.bigint() - started) / 1e6);
}
const htmlBytes = fs.statSync(report).size;

const browser = await launch();
const page = await browser.newPage();
await page.goto('file://' + report);
await page.emulateMedia({ media: 'print' });
const print = [];
let pdf;
for (let i = 0; i < RUNS; i++) {
  const started = Date.now();
  pdf = await page.pdf({ format: 'A4', printBackground: true });
  print.push(Date.now() - started);
}
await browser.close();
fs.writeFileSync(path.join(artefactDir, 'bench-bybit.report.pdf'), pdf);
const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
console.log(
  `report transfers=${json.transfers.length} html_bytes=${htmlBytes} make_ms=${median(make).toFixed(0)} ` +
    `print_ms=${median(print)} pdf_pages=${pages} pdf_bytes=${pdf.length}`,
);
