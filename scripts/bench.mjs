// The benchmark: sizes of the first load, load timings over repeated cold and warm loads in
// headless Chromium against the stand-in API on loopback, the same app on a phone's network
// and CPU (bench/phone.mjs), and Lighthouse mobile audits. Prints tables and writes the same
// figures to bench-results/bench.json. Not a test: it reports medians and never fails on a
// time. With --phone only the sizes and the phone profile run; their figures replace the
// `phone` part of an existing bench.json and leave the rest as it was.
//
//   node scripts/bench.mjs <dist-dir> [runs] [--phone]
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { measureFirstLoad, printSizes, brotli, gzip } from './size-report.mjs';
import { phoneBench, printPhone } from '../bench/phone.mjs';
import { stats } from '../bench/stats.mjs';

const root = resolve(import.meta.dirname, '..');
const phoneOnly = process.argv.includes('--phone');
const [distArg, runsArg] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const dist = resolve(distArg ?? join(root, 'dist'));
const runs = Number(runsArg ?? 5);
const outDir = join(root, 'bench-results');
mkdirSync(outDir, { recursive: true });
process.env.E2E_DIST = dist;
const { startStandIn, launchBrowser, CHROMIUM_ARGS, DEMO } = await import('../tests/e2e/harness.mjs');

// Precompressed twins, served with Content-Encoding as a CDN would compress them.
for (const file of readdirSync(dist)) {
  if (/\.(wasm|js|css|html|svg|json)$/.test(file)) {
    const bytes = readFileSync(join(dist, file));
    writeFileSync(join(dist, `${file}.br`), brotli(bytes));
    writeFileSync(join(dist, `${file}.gz`), gzip(bytes));
  }
}

const sizes = measureFirstLoad(dist);
console.log('\n## First load of /me (bytes over the wire: brotli)\n');
printSizes(sizes);

const api = await startStandIn();
const token = await fetch(`${api.url}/api/v2.2/auth-token/`, {
  method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(DEMO),
}).then((r) => r.json()).then((b) => b.token);
const loginFirstLoad = measureFirstLoad(dist, 'login.html');
// What paints the sign-in form: the page and its stylesheet (the scripts are modules: deferred).
const loginPaintBytes = loginFirstLoad.assets.filter((a) => /\.(html|css)$/.test(a.file)).reduce((sum, a) => sum + a.brotli, 0);
const chromiumPath = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';
const runPhone = () => phoneBench({ apiUrl: api.url, runs, demo: DEMO, token, chromiumPath, chromiumArgs: CHROMIUM_ARGS,
  firstLoad: { login: loginFirstLoad.total.brotli, loginPaint: loginPaintBytes, me: sizes.total.brotli } });
const writeResults = (result) => {
  writeFileSync(join(outDir, 'bench.json'), JSON.stringify(result, null, 2));
  console.log(`\nFigures written to ${join(outDir, 'bench.json')}`);
};

if (phoneOnly) {
  const phone = await runPhone();
  await api.stop();
  printPhone(phone);
  const earlier = (() => { try { return JSON.parse(readFileSync(join(outDir, 'bench.json'), 'utf8')); } catch { return {}; } })();
  writeResults({ ...earlier, sizes, phone });
  process.exit(0);
}

const browser = await launchBrowser(['--enable-precise-memory-info']);

/** Loads `path` and reads the timeline once `mark` is set. */
async function load(page, path, mark) {
  await page.goto(api.url + path);
  await page.waitForFunction((m) => performance.getEntriesByName(m).length > 0, mark, { timeout: 30_000 });
  return page.evaluate((m) => {
    const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? null;
    const wasm = performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm'));
    return {
      mark_ms: at(m),
      // From the module's last byte (or the cache) to Rust's main() running.
      wasm_instantiate_ms: wasm && at('wasm-started') !== null ? at('wasm-started') - wasm.responseEnd : null,
      wasm_transfer_bytes: wasm?.transferSize ?? null,
      // The profile's JSON arriving → the profile on screen (one frame is ~16 ms).
      json_to_render_ms: (() => {
        const me = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/api/v2.2/me/'));
        return me && at('profile-rendered') !== null ? at('profile-rendered') - me.responseEnd : null;
      })(),
      heap_bytes: performance.memory?.usedJSHeapSize ?? null,
      fcp_ms: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
    };
  }, mark).then(async (sample) => ({
    ...sample,
    // The largest paint so far (the page is complete by now: its mark is set).
    lcp_ms: await page.evaluate(() => new Promise((resolve) => {
      new PerformanceObserver((list) => resolve(list.getEntries().at(-1)?.startTime ?? null))
        .observe({ type: 'largest-contentful-paint', buffered: true });
      setTimeout(() => resolve(null), 1000);
    })),
  }));
}

async function series(kind, path, mark) {
  const samples = [];
  if (kind === 'cold') {
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ serviceWorkers: 'allow' });
      await context.addInitScript((t) => localStorage.setItem('testpress.token', t), path === '/me' ? token : '');
      if (path !== '/me') await context.addInitScript(() => localStorage.removeItem('testpress.token'));
      samples.push(await load(await context.newPage(), path, mark));
      await context.close();
    }
  } else {
    // Warm: the HTTP cache and the service worker both filled by the first load.
    const context = await browser.newContext({ serviceWorkers: 'allow' });
    await context.addInitScript((t) => { if (t) localStorage.setItem('testpress.token', t); else localStorage.removeItem('testpress.token'); },
      path === '/me' ? token : '');
    const page = await context.newPage();
    await load(page, path, mark); // fills the cache
    for (let i = 0; i < runs; i++) samples.push(await load(page, path, mark));
    await context.close();
  }
  return samples;
}

const timings = {};
for (const kind of ['cold', 'warm']) {
  const login = await series(kind, '/login', 'login-ready');
  const me = await series(kind, '/me', 'profile-rendered');
  timings[kind] = {
    login_fcp_ms: stats(login.map((s) => s.fcp_ms)),
    login_lcp_ms: stats(login.map((s) => s.lcp_ms)),
    me_fcp_ms: stats(me.map((s) => s.fcp_ms)),
    me_lcp_ms: stats(me.map((s) => s.lcp_ms)),
    sign_in_form_ready_ms: stats(login.map((s) => s.mark_ms)),
    wasm_instantiate_ms: stats(login.map((s) => s.wasm_instantiate_ms)),
    me_visible_ms: stats(me.map((s) => s.mark_ms)),
    me_json_to_render_ms: stats(me.map((s) => s.json_to_render_ms)),
    heap_after_me_bytes: stats(me.map((s) => s.heap_bytes)),
  };
}
await browser.close();

console.log(`\n## Loads on loopback (${runs} cold + ${runs} warm, headless Chromium; ms from navigation start)\n`);
const fmt = (s, unit = 'ms') => (s ? `${s.median.toFixed(1).padStart(7)} ${`(${s.min.toFixed(1)}–${s.max.toFixed(1)})`.padEnd(16)}` : 'n/a'.padStart(24));
console.log(`${'measure'.padEnd(36)} ${'cold median (min–max)'.padEnd(24)} warm median (min–max)`);
for (const [key, label] of [['login_fcp_ms', '/login first contentful paint'], ['login_lcp_ms', '/login largest contentful paint'],
  ['me_fcp_ms', '/me first contentful paint'], ['me_lcp_ms', '/me largest contentful paint'],
  ['sign_in_form_ready_ms', 'sign-in form interactive'], ['wasm_instantiate_ms', 'wasm download end → main()'],
  ['me_visible_ms', '/me data visible'], ['me_json_to_render_ms', '/me JSON arrival → rendered']]) {
  console.log(`${label.padEnd(36)} ${fmt(timings.cold[key])} ${fmt(timings.warm[key])}`);
}
const mb = (s) => (s ? { ...s, median: s.median / 1048576, min: s.min / 1048576, max: s.max / 1048576 } : s);
console.log(`${'JS heap after /me (MB)'.padEnd(36)} ${fmt(mb(timings.cold.heap_after_me_bytes), 'MB')} ${fmt(mb(timings.warm.heap_after_me_bytes), 'MB')}`);

const phone = await runPhone();
printPhone(phone);

// Lighthouse (mobile, simulated throttling) with Debian's Chromium; /me with a signed-in profile.
const lighthouseCli = join(root, 'bench', 'node_modules', 'lighthouse', 'cli', 'index.js');
function lighthouse(path, profileDir) {
  const out = join(outDir, `lighthouse${path.replace(/\//g, '-')}.json`);
  const flags = ['--headless=new', ...CHROMIUM_ARGS, ...(profileDir ? [`--user-data-dir=${profileDir}`] : [])];
  execFileSync(process.execPath, [lighthouseCli, api.url + path, '--quiet', '--output=json', `--output-path=${out}`,
    '--only-categories=performance,accessibility,best-practices', `--chrome-flags=${flags.join(' ')}`,
    ...(profileDir ? ['--disable-storage-reset'] : [])], { env: { ...process.env, CHROME_PATH: chromiumPath }, stdio: 'inherit' });
  const report = JSON.parse(readFileSync(out, 'utf8'));
  const audit = (id) => report.audits[id]?.numericValue ?? null;
  return {
    performance: report.categories.performance.score * 100,
    accessibility: report.categories.accessibility.score * 100,
    best_practices: report.categories['best-practices'].score * 100,
    fcp_ms: audit('first-contentful-paint'),
    lcp_ms: audit('largest-contentful-paint'),
    tbt_ms: audit('total-blocking-time'),
    cls: audit('cumulative-layout-shift'),
    final_url: report.finalDisplayedUrl,
  };
}

const profile = mkdtempSync(join(tmpdir(), 'bench-profile-'));
const signedIn = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS });
const page = signedIn.pages()[0] ?? await signedIn.newPage();
await page.goto(api.url + '/login');
await page.evaluate((t) => localStorage.setItem('testpress.token', t), token);
await signedIn.close();
const audits = { '/login': lighthouse('/login'), '/me': lighthouse('/me', profile) };
rmSync(profile, { recursive: true, force: true });
await api.stop();

console.log('\n## Lighthouse (mobile)\n');
console.log(`${'page'.padEnd(10)} ${'perf'.padStart(5)} ${'a11y'.padStart(5)} ${'best'.padStart(5)} ${'FCP ms'.padStart(8)} ${'LCP ms'.padStart(8)} ${'TBT ms'.padStart(8)} ${'CLS'.padStart(6)}  final URL`);
for (const [path, a] of Object.entries(audits)) {
  console.log(`${path.padEnd(10)} ${String(a.performance).padStart(5)} ${String(a.accessibility).padStart(5)} ${String(a.best_practices).padStart(5)} ${a.fcp_ms.toFixed(0).padStart(8)} ${a.lcp_ms.toFixed(0).padStart(8)} ${a.tbt_ms.toFixed(0).padStart(8)} ${a.cls.toFixed(3).padStart(6)}  ${a.final_url}`);
}

// Per page: what its first load costs and how soon it paints.
const perPage = {
  '/login': { brotli_bytes: loginFirstLoad.total.brotli, loopback: timings.cold, fcp: 'login_fcp_ms', lcp: 'login_lcp_ms' },
  '/me': { brotli_bytes: sizes.total.brotli, loopback: timings.cold, fcp: 'me_fcp_ms', lcp: 'me_lcp_ms' },
};
console.log('\n## Per page: first load and first paints (loopback: cold medians; Lighthouse: simulated mobile)\n');
console.log(`${'page'.padEnd(8)} ${'brotli KB'.padStart(10)} ${'FCP ms'.padStart(8)} ${'LCP ms'.padStart(8)} ${'LH FCP'.padStart(8)} ${'LH LCP'.padStart(8)}`);
const pages = {};
for (const [path, p] of Object.entries(perPage)) {
  const row = {
    first_load_brotli_bytes: p.brotli_bytes,
    fcp_ms: p.loopback[p.fcp]?.median ?? null,
    lcp_ms: p.loopback[p.lcp]?.median ?? null,
    lighthouse_fcp_ms: audits[path].fcp_ms,
    lighthouse_lcp_ms: audits[path].lcp_ms,
  };
  pages[path] = row;
  const n = (v) => (v === null ? 'n/a' : v.toFixed(0)).padStart(8);
  console.log(`${path.padEnd(8)} ${(row.first_load_brotli_bytes / 1024).toFixed(1).padStart(10)} ${n(row.fcp_ms)} ${n(row.lcp_ms)} ${n(row.lighthouse_fcp_ms)} ${n(row.lighthouse_lcp_ms)}`);
}

writeResults({ when: new Date().toISOString(), runs, sizes, pages, timings, phone, lighthouse: audits });
