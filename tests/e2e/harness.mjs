// Shared end-to-end plumbing: a stand-in API serving the release bundle on a free loopback
// port, and headless Chromium (Debian's) driven by playwright-core.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { join, resolve } from 'node:path';
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const root = resolve(import.meta.dirname, '..', '..');
export const DIST = process.env.E2E_DIST ?? join(root, 'dist');
const STAND_IN = process.env.STAND_IN_BIN ?? join(root, 'target', 'debug', 'testpress-stand-in');
const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';

export const DEMO = { username: 'testpress', password: 'demo1234' };

/**
 * A copy of the built app with `files` (name: text) written into it, such as another
 * config.json: how an institute deploys it. Removed after the test that asked, or after the
 * file when asked at its top (not in a `before` hook: node would remove it at once).
 * Returns its directory.
 */
export function deployedCopy(files = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'e2e-deploy-'));
  cpSync(DIST, dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The built app deployed with `config` as its config.json (and `files`), on a stand-in of its own. */
export async function deployedWith(config, files = {}) {
  const api = await startStandIn([], { appDir: deployedCopy({ 'config.json': JSON.stringify(config), ...files }) });
  after(() => api.stop());
  return api;
}

/** Starts the stand-in API (in-memory database, fault injection on) serving the built app. */
export async function startStandIn(extraArgs = [], { appDir = DIST } = {}) {
  const args = ['--port', '0', '--db', ':memory:', '--faults', '--app-dir', appDir, ...extraArgs];
  const child = spawn(STAND_IN, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise((ok, fail) => {
    child.once('exit', (code) => fail(new Error(`stand-in exited with ${code} before listening`)));
    lines.on('line', (line) => {
      const match = line.match(/listening on (http:\/\/\S+)/);
      if (match) ok(match[1]);
    });
  });
  return {
    url,
    async fault(fault) {
      const r = await fetch(`${url}/__test__/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fault) });
      if (r.status !== 201) throw new Error(`fault not accepted: ${r.status} ${await r.text()}`);
    },
    async clearFaults() {
      await fetch(`${url}/__test__/faults`, { method: 'DELETE' });
    },
    async settings(settings) {
      await fetch(`${url}/__test__/settings`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(settings) });
    },
    /** A test-only control call (see the README's stand-in section); throws unless 2xx, answers the JSON if any. */
    async control(method, path, body) {
      const init = body === undefined ? { method } : { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
      const r = await fetch(`${url}/__test__/${path}`, init);
      const text = await r.text();
      if (!r.ok) throw new Error(`${method} /__test__/${path}: ${r.status} ${text}`);
      return text ? JSON.parse(text) : null;
    },
    /** Merges `settings` over the institute's (`GET /api/v2.3/settings/`); `null` restores the defaults. */
    instituteSettings(settings) {
      return settings === null ? this.control('DELETE', 'institute-settings') : this.control('PUT', 'institute-settings', settings);
    },
    /** Sessions as if signed in elsewhere: `[{ username, user_agent, last_used_secs_ago? }]` → with `id`, `token`. */
    seedSessions(sessions) {
      return this.control('POST', 'sessions', sessions);
    },
    sessions() { return this.control('GET', 'sessions'); },
    logouts() { return this.control('GET', 'logouts'); },
    passwordResets() { return this.control('GET', 'password-resets'); },
    /** A fresh token for `username` (password `demo1234`), signed in through the API, not a page. */
    async token(username = DEMO.username) {
      const r = await fetch(`${url}/api/v2.2/auth-token/`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO.password }),
      });
      if (!r.ok) throw new Error(`signing ${username} in through the API: ${r.status} ${await r.text()}`);
      return (await r.json()).token;
    },
    /** What the server holds for `username` (`GET /me/` with a token of its own). */
    async profileOf(username = DEMO.username) {
      const token = await this.token(username);
      return fetch(`${url}/api/v2.2/me/`, { headers: { authorization: `JWT ${token}` } }).then((r) => r.json());
    },
    /** Every answer for one of the app's own files since the last `clearAppFiles`: `[{ path, status, bytes }]`. */
    appFiles() { return this.control('GET', 'app-files'); },
    clearAppFiles() { return this.control('DELETE', 'app-files'); },
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
    },
  };
}

/**
 * Headless Chromium (a fresh temporary profile per launch). `newContext()` gives a test its
 * own cookies and storage; tabs opened in one context share `localStorage`, as real tabs do.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--no-first-run', '--disable-sync', '--disable-quic', '--disable-dev-shm-usage',
];

export async function launchBrowser(extraArgs = []) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_ARGS, ...extraArgs] });
  return {
    /**
     * A fresh context. Service workers are blocked unless `serviceWorkers: 'allow'` is asked
     * for (the offline tests do): Playwright's `page.route` cannot see what a worker fetches.
     */
    async newContext(options = {}) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block', ...options });
      return context;
    },
    async close() {
      await browser.close();
    },
  };
}

/**
 * A new tab that records every console error and uncaught exception, so a test can assert
 * that nothing broke behind the scenes. Chromium's own "Failed to load resource: … status
 * of 4xx" lines (logged for any HTTP error a test provokes on purpose) go to `httpErrors`.
 */
/** Every Content-Security-Policy violation seen by any page; each test file asserts none. */
export const cspViolations = [];

export async function openPage(context, { viewport } = {}) {
  const page = await context.newPage();
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`);
    });
  });
  if (viewport) await page.setViewportSize(viewport);
  page.setDefaultTimeout(10_000);
  const problems = [];
  const httpErrors = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    if (/^Failed to load resource: the server responded with a status of \d+/.test(text)) httpErrors.push(text);
    else problems.push(`console.error: ${text}`);
    if (text.startsWith('CSP violation') || text.includes('Content Security Policy')) cspViolations.push(`${page.url()}: ${text}`);
  });
  page.on('pageerror', (err) => problems.push(`uncaught: ${err.message}`));
  page.on('crash', () => problems.push('the page crashed'));
  return { page, problems, httpErrors };
}

/**
 * Signs in through the form, as a student would, and waits to leave the sign-in page.
 * `words`: the page's language's catalogue (`catalogue('ta')`), when not English.
 */
export async function signIn(page, { username, password } = DEMO, words = { Username: 'Username', Password: 'Password', SignIn: 'Sign in' }) {
  await page.getByLabel(words.Username).fill(username);
  await page.getByLabel(words.Password, { exact: true }).fill(password);
  await page.getByRole('button', { name: words.SignIn }).click();
  await page.waitForURL((url) => url.pathname !== '/login');
}

/**
 * Marks the page's document, so `isSameDocument` can tell a reload (a new document, without
 * the mark) from the app changing its page in place.
 */
export const markDocument = (page) => page.evaluate(() => { window.__e2eSameDocument = true; });
export const isSameDocument = (page) => page.evaluate(() => window.__e2eSameDocument === true);

/**
 * The usual test-file setup: a stand-in serving the built app and a browser, started before
 * the file's tests and stopped after them, when the file also fails on any CSP violation.
 * Returns `{ api, browser }`, filled in once `before` has run; `setup(env)` runs after that,
 * for a file's own preparation.
 */
export function standInAndBrowser({ standInArgs = [], browserArgs = [], appDir, setup } = {}) {
  const env = {};
  before(async () => {
    env.api = await startStandIn(standInArgs, { appDir });
    env.browser = await launchBrowser(browserArgs);
    await setup?.(env);
  });
  after(async () => {
    await env.browser?.close();
    await env.api?.stop();
    assert.deepEqual(cspViolations, [], 'no Content-Security-Policy violations');
  });
  return env;
}

/** The header's account menu (behind the avatar button), opened. */
export async function accountMenu(page) {
  const button = page.getByRole('banner').getByRole('button', { name: /^Account menu/ });
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  const menu = page.locator('#account-menu');
  await menu.waitFor();
  return menu;
}

/** Follows one of the account menu's links ("My profile", "Edit profile"). */
export async function viaMenu(page, name) {
  await (await accountMenu(page)).getByRole('link', { name, exact: true }).click();
}

/** The header's avatar: the account button, named after the student, and its image if any. */
export function headerAvatar(page, name) {
  return page.getByRole('banner').getByRole('button', { name: `Account menu for ${name}` });
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's WCAG 2.2 A and AA rules on the page as it is now: one line per violation and
 * element. (DevTools evaluation, which the page's CSP does not apply to, brings axe in.)
 */
export async function axeViolations(page) {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} (${n.failureSummary?.split('\n')[1]?.trim() ?? ''})`));
  });
}

/** WCAG contrast between two CSS colours as the browser computes them (`rgb(…)`). */
export function contrast(a, b) {
  const channels = (css) => css.match(/[\d.]+/g).slice(0, 3).map(Number);
  const luminance = (css) => {
    const [r, g, b] = channels(css).map((c) => {
      const v = c / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [la, lb] = [luminance(a), luminance(b)];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/**
 * A new context and tab, signed in as `username` through the form, once `/me`'s heading is
 * up. `options` go to the context (a viewport, a locale, `serviceWorkers`).
 */
export async function signedInPage(env, username = DEMO.username, options = {}) {
  const context = await env.browser.newContext(options);
  const tab = await openPage(context);
  await tab.page.goto(env.api.url + '/login');
  await signIn(tab.page, { username, password: DEMO.password });
  await tab.page.waitForURL('**/me');
  await tab.page.locator('main h1').waitFor();
  return { context, ...tab };
}

/** The token the page's app holds, if any. */
export const storedToken = (page) => page.evaluate(() => localStorage.getItem('testpress.token'));

/** Waits until `check()` (async) is truthy, or fails after `timeout` ms with `what`. */
export async function eventually(check, what, timeout = 10_000) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The app's files that `answers` (from `api.appFiles()`) sent in full more than once, as
 * `path ×n`: a second download the student paid for. 304s (a kept copy confirmed) don't count.
 */
export function downloadedTwice(answers) {
  const counts = new Map();
  for (const { path, status } of answers) if (status === 200) counts.set(path, (counts.get(path) ?? 0) + 1);
  return [...counts].filter(([, n]) => n > 1).map(([path, n]) => `${path} ×${n}`);
}

/** How many of the page's own requests (`requested`: Resource Timing's paths) were for a path ending with `suffix`. */
export const requests = (requested, suffix) => requested.filter((path) => path.endsWith(suffix)).length;

/** How many times `answers` sent a file whose path ends with `suffix` in full. */
export const downloads = (answers, suffix) => answers.filter((a) => a.status === 200 && a.path.endsWith(suffix)).length;

/** The value beside `term` in a profile's details (`<dl class=details>`). */
export function detail(page, term) {
  return page.locator('dl.details dt', { hasText: new RegExp(`^${term}$`) }).locator('xpath=following-sibling::dd[1]');
}

/** Phones as students hold them (`phone(size)` below): context options for `newContext`. */
export const PHONE_390 = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 3 };
export const PHONE_320 = { ...PHONE_390, viewport: { width: 320, height: 568 } };

/** A language's catalogue (`locales/{lang}.json`): the words a test looks for. */
export function catalogue(lang) {
  return JSON.parse(readFileSync(join(root, 'locales', `${lang}.json`), 'utf8'));
}

/** `tf`'s placeholders filled in: `fill('Use at most {n} characters.', { n: 30 })`. */
export const fill = (text, values) => text.replace(/\{(\w+)\}/g, (_, key) => String(values[key]));

/** A real JPEG the stand-in made for a seeded user: a "camera photo" to choose. */
export async function seededPhoto(env, username = 'priya') {
  const me = await env.api.profileOf(username);
  return Buffer.from(await fetch(me.photo).then((r) => r.arrayBuffer()));
}

/** The focused element: its id, tag and a bit of its text. */
export const focusedElement = (page) => page.evaluate(() => {
  const el = document.activeElement;
  return { id: el?.id ?? '', tag: el?.tagName ?? '', text: (el?.innerText ?? '').trim().slice(0, 80) };
});

/**
 * Waits until focus reaches `target` (an element id, or a Locator), or fails saying where it
 * is. The app moves focus a frame after it shows a message, so reading it at once races.
 */
export async function focusReaches(page, target, what = `focus on ${target}`, timeout = 10_000) {
  const there = typeof target === 'string'
    ? () => page.evaluate((id) => document.activeElement?.id === id, target)
    : () => target.evaluate((el) => el === document.activeElement);
  try {
    await eventually(there, what, timeout);
  } catch {
    const at = await focusedElement(page);
    assert.fail(`${what}: focus is on ${at.tag}#${at.id} "${at.text}"`);
  }
}

/** Waits until the app has taken over from the prerendered HTML page. */
export const appStarted = (page) => page.waitForFunction(() => !document.getElementById('prerendered'));

/**
 * Records the headers of every API request `page` makes from now on; the function returned
 * gives them all as `{ url, headers }`. (Reading a request's headers is a round trip of its
 * own: they are awaited together, so none is missed.)
 */
export function apiRequestHeaders(page) {
  const pending = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname.startsWith('/api/')) pending.push(r.allHeaders().then((headers) => ({ url: r.url(), headers })));
  });
  return () => Promise.all(pending);
}

/** The box of the nearest `position: sticky` ancestor of `locator`'s element (a sticky bar). */
export const stickyAncestorBox = (locator) => locator.evaluate((el) => {
  for (let at = el; at; at = at.parentElement) {
    if (getComputedStyle(at).position === 'sticky') {
      const r = at.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, height: r.height };
    }
  }
  return null;
});

/** `locator`'s box in the viewport, `{ top, bottom, height, width }`. */
export const viewportBox = (locator) => locator.evaluate((el) => {
  const r = el.getBoundingClientRect();
  return { top: r.top, bottom: r.bottom, height: r.height, width: r.width };
});

/**
 * A new context (`options`: a phone, `colorScheme`) in language `lang` ('en', 'hi', 'ta'),
 * signed in as `username` and on the edit page once its form is up. `words` is the
 * language's catalogue (English: the ids' English is not needed by callers).
 */
export async function editingPage(env, { lang = 'en', username = DEMO.username, options = {} } = {}) {
  const words = lang === 'en' ? { Username: 'Username', Password: 'Password', SignIn: 'Sign in', FirstName: 'First name' } : catalogue(lang);
  const context = await env.browser.newContext({ locale: lang === 'en' ? 'en-IN' : `${lang}-IN`, ...options });
  const tab = await openPage(context);
  await tab.page.goto(env.api.url + '/login?next=%2Fme%2Fedit');
  await signIn(tab.page, { username, password: DEMO.password }, words);
  await tab.page.waitForURL('**/me/edit');
  await tab.page.getByLabel(words.FirstName).waitFor();
  const puts = [];
  tab.page.on('request', (r) => { if (r.method() === 'PUT') puts.push(r.postDataJSON()); });
  return { context, words, puts, ...tab };
}

/** The box of the `<label>` of `locator`'s control. */
export const labelBox = (locator) => locator.evaluate((el) => {
  const r = el.labels[0].getBoundingClientRect();
  return { top: r.top, bottom: r.bottom, height: r.height, width: r.width };
});

/** The phone sizes the app is tried at: a common one and the narrowest (PHONE_390, PHONE_320). */
export const PHONES = [PHONE_390.viewport, PHONE_320.viewport];

/** Context options for a phone of `size`: a 3× touch screen. */
export const phone = (size) => ({ ...PHONE_390, viewport: size });

/** Picks `lang` in the header's picker and waits until the page is in it. */
export async function chooseLanguage(page, lang, native = { en: 'English', hi: 'हिन्दी', ta: 'தமிழ்' }[lang]) {
  await page.getByRole('banner').getByRole('combobox').selectOption({ label: native });
  await page.waitForFunction((code) => document.documentElement.lang === code, lang);
}

/** Waits until the page is controlled by the release bundle's service worker. */
export async function controlledByWorker(page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    }
  });
}

/**
 * A phone (`size`, touch, 3×), signed in through the form in English, then switched to
 * `lang` (kept for the context's later pages); on `/me`. `options` go to the context.
 */
export async function signedInPhone(env, { size = PHONES[0], lang = 'en', username = DEMO.username, ...options } = {}) {
  const tab = await signedInPage(env, username, { ...phone(size), ...options });
  if (lang !== 'en') await chooseLanguage(tab.page, lang);
  return tab;
}

/** axe's violations in the light and then the dark theme (the page is left light). */
export async function axeBothThemes(page) {
  const found = [];
  for (const colorScheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme });
    found.push(...(await axeViolations(page)).map((v) => `${colorScheme}: ${v}`));
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return found;
}
