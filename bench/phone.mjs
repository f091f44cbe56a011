// The benchmark's phone profile: a 390×844 screen at 3×, touch, a mobile user agent, the
// network throttled through the DevTools protocol to 1.6 Mbps down, 750 Kbps up and 150 ms
// latency, the CPU slowed 4×. Cold runs each use a fresh context (no HTTP cache, no service
// worker, signed out); repeat runs reuse one signed-in context whose HTTP cache and service
// worker are warm. Reports medians and ranges next to the lower bound the bytes allow on
// that network. Not a test: it never fails on a time.
import { chromium } from 'playwright-core';
import { stats } from './stats.mjs';

export const NETWORK = { down_bps: 1_600_000, up_bps: 750_000, latency_ms: 150 };
export const CPU_SLOWDOWN = 4;
export const GOALS = { sign_in_usable_over_bound: 1.5, repeat_profile_over_app_start: 1.3 };

// The DevTools protocol takes bytes per second.
const CONDITIONS = {
  offline: false, latency: NETWORK.latency_ms,
  downloadThroughput: NETWORK.down_bps / 8, uploadThroughput: NETWORK.up_bps / 8,
};

/**
 * The lower bound the bytes allow on this network (no CPU time, no headers, every byte
 * sharing the bandwidth, each step of the chain waiting only for the one before):
 *
 *   bound_ms = bytes × 8 ÷ 1.6 Mbit/s × 1000 + round_trips × 150 ms
 *
 * On loopback there is no DNS, and Chromium's throttle adds its latency to each request
 * rather than to a TCP handshake, so round_trips counts the chain of requests that must
 * follow one another: HTML → its JS/wasm/config → the API. (The ~50-byte form sent up at
 * 750 Kbps costs under 1 ms and is left out.)
 */
export const boundMs = (bytes, roundTrips) => (bytes * 8 * 1000) / NETWORK.down_bps + roundTrips * NETWORK.latency_ms;

/**
 * Page-level throttling does not reach a service worker's own fetches (its target has its
 * own DevTools session), and the app's worker fetches pages and config.json itself. So
 * every worker target gets the same network conditions, attached through the browser's
 * session (Playwright gives no session for workers); `ready()` waits until all present are.
 */
async function throttleServiceWorkers(browser) {
  const session = await browser.newBrowserCDPSession();
  const replies = new Map();
  session.on('Target.receivedMessageFromTarget', ({ sessionId, message }) => {
    const reply = JSON.parse(message);
    replies.get(`${sessionId}:${reply.id}`)?.(reply);
  });
  const call = (sessionId, id, method, params = {}) => new Promise((resolve, reject) => {
    replies.set(`${sessionId}:${id}`, (reply) => (reply.error ? reject(new Error(`${method}: ${reply.error.message}`)) : resolve(reply.result)));
    session.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(reject);
  });
  const throttled = new Map();
  const throttle = (targetId) => {
    if (!throttled.has(targetId)) {
      throttled.set(targetId, (async () => {
        const { sessionId } = await session.send('Target.attachToTarget', { targetId, flatten: false });
        await call(sessionId, 1, 'Network.enable');
        await call(sessionId, 2, 'Network.emulateNetworkConditions', CONDITIONS);
      })().catch((e) => { if (!/No target|closed|detached/i.test(e.message)) throw e; }));
    }
    return throttled.get(targetId);
  };
  session.on('Target.targetCreated', ({ targetInfo }) => { if (targetInfo.type === 'service_worker') throttle(targetInfo.targetId); });
  session.on('Target.targetDestroyed', ({ targetId }) => throttled.delete(targetId));
  await session.send('Target.setDiscoverTargets', { discover: true });
  return {
    async ready() {
      const { targetInfos } = await session.send('Target.getTargets');
      await Promise.all(targetInfos.filter((t) => t.type === 'service_worker').map((t) => throttle(t.targetId)));
    },
  };
}

/** A new tab in `context` with the phone's network and CPU, recording taps on buttons. */
async function phonePage(context) {
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  await page.addInitScript(() => {
    addEventListener('click', (e) => { if (e.target.closest?.('button')) window.__benchClickAt = e.timeStamp; }, true);
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', CONDITIONS);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  return page;
}

/** Resolves once the page's timeline has `name` (an observer, not polling: no extra CPU). */
const markSet = (page, name) => page.evaluate((n) => new Promise((resolve, reject) => {
  if (performance.getEntriesByName(n).length) return resolve();
  new PerformanceObserver(() => { if (performance.getEntriesByName(n).length) resolve(); }).observe({ type: 'mark' });
  setTimeout(() => reject(new Error(`no "${n}" mark on ${location.pathname} within 60 s`)), 60_000);
}), name);

/** The current document's figures, ms from its navigation start. */
const timeline = (page) => page.evaluate(() => {
  const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? null;
  const nav = performance.getEntriesByType('navigation')[0];
  const last = (suffix) => performance.getEntriesByType('resource').filter((e) => e.name.endsWith(suffix)).at(-1);
  return {
    // Chromium's throttle holds back the body, not the headers: the last byte shows its latency.
    html_received_ms: nav ? nav.responseEnd : null,
    fcp_ms: at('first-contentful-paint'),
    login_ready_ms: at('login-ready'),
    wasm_started_ms: at('wasm-started'),
    profile_rendered_ms: at('profile-rendered'),
    wasm_requested_ms: last('.wasm')?.startTime ?? null,
    wasm_received_ms: last('.wasm')?.responseEnd ?? null,
    wasm_transfer_bytes: last('.wasm')?.transferSize ?? null,
    me_answer_received_ms: last('/api/v2.2/me/')?.responseEnd ?? null,
  };
});

/** Fills the form by its labels and taps Sign in; ms from the tap to the profile on /me. */
async function signInAsStudent(page, demo) {
  await page.getByLabel('Username').fill(demo.username);
  await page.getByLabel('Password', { exact: true }).fill(demo.password);
  await page.getByRole('button', { name: 'Sign in' }).tap();
  await page.waitForURL((url) => url.pathname === '/me');
  await markSet(page, 'profile-rendered');
  return page.evaluate(() => {
    const tap = window.__benchClickAt;
    const api = performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/') && e.startTime >= tap);
    return {
      ms: performance.getEntriesByName('profile-rendered')[0].startTime - tap,
      api_bytes: api.reduce((sum, e) => sum + e.encodedBodySize, 0),
      me_answer_bytes: api.find((e) => e.name.endsWith('/api/v2.2/me/'))?.encodedBodySize ?? 0,
      api_requests: api.map((e) => new URL(e.name).pathname),
    };
  });
}

/**
 * Runs the phone profile against the stand-in at `apiUrl`: `demo` signs in through the
 * form, `token` (the same student's) stands for an earlier sign-in. `firstLoad` holds the
 * brotli bytes of each page's first load and of what must paint the sign-in form.
 */
export async function phoneBench({ apiUrl, runs, demo, token, firstLoad, chromiumPath, chromiumArgs }) {
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
  const major = browser.version().split('.')[0];
  const profile = {
    viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true,
    userAgent: `Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${major}.0.0.0 Mobile Safari/537.36`,
    serviceWorkers: 'allow',
  };
  const workers = await throttleServiceWorkers(browser);

  // Cold: a fresh context per run for the sign-in journey, another for a signed-in /me.
  const cold = { login: [], signIn: [], me: [] };
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext(profile);
    const page = await phonePage(context);
    await page.goto(`${apiUrl}/login`);
    await markSet(page, 'login-ready');
    cold.login.push(await timeline(page));
    cold.signIn.push(await signInAsStudent(page, demo));
    await context.close();
  }
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext(profile);
    await context.addInitScript((t) => { if (location.pathname === '/me' && !localStorage.getItem('testpress.token')) localStorage.setItem('testpress.token', t); }, token);
    const page = await phonePage(context);
    await page.goto(`${apiUrl}/me`);
    await markSet(page, 'profile-rendered');
    cold.me.push(await timeline(page));
    await context.close();
  }

  // Repeat: signed in through the form once, the worker installed and in control, then
  // full loads of /me in that context.
  const context = await browser.newContext(profile);
  const page = await phonePage(context);
  await page.goto(`${apiUrl}/login`);
  await markSet(page, 'login-ready');
  await signInAsStudent(page, demo);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await markSet(page, 'profile-rendered');
  const repeat = [];
  for (let i = 0; i < runs; i++) {
    await workers.ready();
    await page.goto(`${apiUrl}/me`);
    await markSet(page, 'profile-rendered');
    repeat.push({ ...await timeline(page), controlled: await page.evaluate(() => navigator.serviceWorker.controller !== null) });
  }
  await context.close();
  await browser.close();

  const apiBytes = stats(cold.signIn.map((s) => s.api_bytes))?.median ?? 0;
  const meAnswerBytes = stats(cold.signIn.map((s) => s.me_answer_bytes))?.median ?? 0;
  const bounds = {
    sign_in_form_painted: { chain: 'HTML → CSS', round_trips: 2, bytes: firstLoad.loginPaint },
    sign_in_usable: { chain: 'HTML → JS/wasm/config', round_trips: 2, bytes: firstLoad.login },
    profile_after_sign_in: { chain: 'sign-in POST → /me API', round_trips: 2, bytes: apiBytes },
    me_first_load_profile: { chain: 'HTML → JS/wasm/config → API', round_trips: 3, bytes: firstLoad.me + meAnswerBytes },
  };
  for (const b of Object.values(bounds)) b.ms = boundMs(b.bytes, b.round_trips);
  const coldStats = {
    sign_in_form_painted: stats(cold.login.map((s) => s.fcp_ms)),
    sign_in_usable: stats(cold.login.map((s) => s.login_ready_ms)),
    app_start_login: stats(cold.login.map((s) => s.wasm_started_ms)),
    profile_after_sign_in: stats(cold.signIn.map((s) => s.ms)),
    me_first_load_profile: stats(cold.me.map((s) => s.profile_rendered_ms)),
    html_received: stats(cold.login.map((s) => s.html_received_ms)),
    wasm_requested: stats(cold.login.map((s) => s.wasm_requested_ms)),
    wasm_received: stats(cold.login.map((s) => s.wasm_received_ms)),
    wasm_transfer_bytes: stats(cold.login.map((s) => s.wasm_transfer_bytes)),
  };
  const overBound = {};
  for (const [key, b] of Object.entries(bounds)) {
    const s = coldStats[key];
    overBound[key] = s ? { median: s.median / b.ms, min: s.min / b.ms, max: s.max / b.ms } : null;
  }
  const repeatStats = {
    html_received: stats(repeat.map((s) => s.html_received_ms)),
    fcp: stats(repeat.map((s) => s.fcp_ms)),
    app_start: stats(repeat.map((s) => s.wasm_started_ms)),
    me_answer_received: stats(repeat.map((s) => s.me_answer_received_ms)),
    profile_visible: stats(repeat.map((s) => s.profile_rendered_ms)),
    profile_over_app_start: stats(repeat.map((s) => s.profile_rendered_ms / s.wasm_started_ms)),
    runs_under_worker: repeat.filter((s) => s.controlled).length,
  };
  return {
    when: new Date().toISOString(), runs, browser: browser.version(),
    profile: { ...profile, network: NETWORK, cpu_slowdown: CPU_SLOWDOWN },
    api_requests_after_sign_in: cold.signIn[0]?.api_requests ?? [],
    bounds, cold: coldStats, cold_over_bound: overBound, repeat: repeatStats, goals: GOALS,
  };
}

/** Prints the phone figures with their ratios against the goals (reported, never enforced). */
export function printPhone(r) {
  const ms = (s) => (s ? `${s.median.toFixed(0).padStart(6)} (${s.min.toFixed(0)}–${s.max.toFixed(0)})`.padEnd(22) : 'n/a'.padEnd(22));
  const x = (s) => (s ? `${s.median.toFixed(2)}× (${s.min.toFixed(2)}–${s.max.toFixed(2)})` : 'n/a');
  console.log(`\n## Phone profile (runs per series: ${r.runs}; 390×844 @3×, touch, ${NETWORK.down_bps / 1e6} Mbps down / ${NETWORK.up_bps / 1e3} Kbps up / ${NETWORK.latency_ms} ms, CPU ${CPU_SLOWDOWN}× slower)\n`);
  console.log('bound = brotli bytes × 8 ÷ 1.6 Mbit/s + round trips × 150 ms\n');
  console.log(`${'cold (fresh context each run)'.padEnd(44)} ${'median (min–max) ms'.padEnd(22)} ${'bound ms'.padStart(9)}  ${'chain'.padEnd(34)} cold ÷ bound`);
  for (const [key, label] of [['sign_in_form_painted', 'sign-in form painted (FCP of /login)'], ['sign_in_usable', 'sign-in usable (login-ready)'],
    ['profile_after_sign_in', 'tap on Sign in → profile-rendered'], ['me_first_load_profile', 'signed-in first load of /me → profile']]) {
    const b = r.bounds[key];
    console.log(`${label.padEnd(44)} ${ms(r.cold[key])} ${b.ms.toFixed(0).padStart(9)}  ${`${b.chain} (${(b.bytes / 1024).toFixed(1)} KB)`.padEnd(34)} ${x(r.cold_over_bound[key])}`);
  }
  console.log(`${'app start on /login (wasm-started)'.padEnd(44)} ${ms(r.cold.app_start_login)}`);
  console.log(`${'/login HTML received'.padEnd(44)} ${ms(r.cold.html_received)}`);
  console.log(`${'/login wasm requested'.padEnd(44)} ${ms(r.cold.wasm_requested)}`);
  console.log(`${'/login wasm received'.padEnd(44)} ${ms(r.cold.wasm_received)}`);
  const wasm = r.cold.wasm_transfer_bytes;
  if (wasm) console.log(`wasm over the wire on /login: ${(wasm.median / 1024).toFixed(1)} KB`);
  console.log(`\n${'repeat (warm, signed-in context): /me'.padEnd(44)} median (min–max) ms`);
  for (const [key, label] of [['html_received', 'HTML received (through the worker)'], ['fcp', 'first contentful paint'],
    ['app_start', "app's own start (wasm-started)"], ['me_answer_received', '/me/ answer received'], ['profile_visible', 'profile visible (profile-rendered)']]) {
    console.log(`${label.padEnd(44)} ${ms(r.repeat[key])}`);
  }
  console.log(`loads answered by the service worker: ${r.repeat.runs_under_worker} of ${r.runs}`);
  const usable = r.cold_over_bound.sign_in_usable;
  const repeatRatio = r.repeat.profile_over_app_start;
  const verdict = (v, goal) => (v === null || v === undefined ? 'n/a' : v <= goal ? 'within the goal' : 'over the goal');
  console.log(`\ngoal: sign-in usable ≤ ${GOALS.sign_in_usable_over_bound}× its bound: ${x(usable)}, ${verdict(usable?.median, GOALS.sign_in_usable_over_bound)}`);
  console.log(`goal: repeat-visit profile ≤ ${GOALS.repeat_profile_over_app_start}× the app's own start: ${x(repeatRatio)}, ${verdict(repeatRatio?.median, GOALS.repeat_profile_over_app_start)}`);
}
