// Sizes of everything the first load of /me fetches from the app's origin (me.html, the
// prerendered page served for /me, the files it references, config.json): raw, gzip -9 and
// brotli q11. Files fetched only on demand (the Hindi and Tamil catalogues, the install
// icons) are not part of it. Prints a table, writes the same figures as JSON, and exits 1
// when the brotli total is over the budget.
//
//   node scripts/size-report.mjs [dist-dir] [json-out]
import { readFileSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

// The goal is 100 KB. This is the size measured when the budget was set plus 5%: it stops
// the bundle from growing while the work to reach the goal goes on (see README).
export const BUDGET_BROTLI_BYTES = 276_754; // 263,575 measured on 2026-12-01 (leptos_router, serde, gloo-net, issue 19 and 21), plus 5%
export const GOAL_BROTLI_BYTES = 100 * 1024;

export const gzip = (bytes) => gzipSync(bytes, { level: 9 });
export const brotli = (bytes) =>
  brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } });

/** The files the first load of a page (me.html: /me) fetches from the app's origin, with their sizes. */
export function measureFirstLoad(dist, pageFile = 'me.html') {
const page = existsSync(join(dist, pageFile)) ? pageFile : 'index.html';
const html = readFileSync(join(dist, page), 'utf8');
// Attributes may be unquoted (trunk minifies the HTML in release builds). Only files with
// an extension: links to app routes (/login, /me) are pages, not assets of this one.
const loaders = [...html.matchAll(/<script[^>]*src=["']?\/?([^"'\s>]+\.js)/g)].map((m) => m[1]);
const fromLoaders = loaders.flatMap((f) => existsSync(join(dist, f)) ? [...readFileSync(join(dist, f), 'utf8').matchAll(/["'`]\/?([^"'`\s]+\.(?:js|wasm))["'`]/g)].map((m) => m[1]) : []);
const referenced = [
  ...[...html.matchAll(/<link[^>]*href=["']?\/?([^"'\s>#?]+\.[a-z0-9]+)/g)].map((m) => m[1]),
  ...loaders,
  ...fromLoaders,
].filter((f) => !/^(icons\/|locale-)/.test(f));
const files = [page, ...new Set(referenced), 'config.json']
  .filter((f, i, all) => all.indexOf(f) === i && existsSync(join(dist, f)) && statSync(join(dist, f)).isFile());

const rows = files.map((file) => {
  const bytes = readFileSync(join(dist, file));
  return { file, raw: bytes.length, gzip: gzip(bytes).length, brotli: brotli(bytes).length };
});
const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
return { assets: rows, total, budget_brotli: BUDGET_BROTLI_BYTES, goal_brotli: GOAL_BROTLI_BYTES, within_budget: total.brotli <= BUDGET_BROTLI_BYTES };
}

export function printSizes(report) {
  const kb = (n) => (n / 1024).toFixed(1).padStart(8);
  console.log(`${'asset'.padEnd(48)} ${'raw KB'.padStart(8)} ${'gzip KB'.padStart(8)} ${'br KB'.padStart(8)}`);
  for (const r of report.assets) console.log(`${r.file.padEnd(48)} ${kb(r.raw)} ${kb(r.gzip)} ${kb(r.brotli)}`);
  const t = report.total;
  console.log(`${'total (first load of /me)'.padEnd(48)} ${kb(t.raw)} ${kb(t.gzip)} ${kb(t.brotli)}`);
  console.log(`budget ${kb(BUDGET_BROTLI_BYTES).trim()} KB brotli: ${report.within_budget ? 'met' : 'EXCEEDED'}; ` +
    `goal ${kb(GOAL_BROTLI_BYTES).trim()} KB: ${t.brotli <= GOAL_BROTLI_BYTES ? 'met' : 'not yet'}`);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const report = measureFirstLoad(resolve(process.argv[2] ?? 'dist'));
  printSizes(report);
  if (process.argv[3]) writeFileSync(process.argv[3], JSON.stringify(report, null, 2));
  process.exit(report.within_budget ? 0 : 1);
}
