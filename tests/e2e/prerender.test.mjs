// The first paint comes from the HTML alone: the prerendered pages
// (scripts/post-build/prerendered-pages.mjs) show the student the real page before any
// script runs, laid out exactly as the app then draws it, and whatever they type meanwhile is kept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openPage, standInAndBrowser, startStandIn, DIST, DEMO } from './harness.mjs';
import { prerender } from '../../scripts/post-build/prerendered-pages.mjs';
import { buildFacts, renderedPages } from '../../scripts/post-build/facts.mjs';

const root = resolve(import.meta.dirname, '..', '..');

const env = standInAndBrowser();

/** Positions of the elements a student sees first, by what they are. */
async function boxes(page, selectors) {
  return page.evaluate((selectors) => Object.fromEntries(selectors.map((s) => {
    const el = document.querySelector(s);
    if (!el) return [s, null];
    const r = el.getBoundingClientRect();
    return [s, [r.x, r.y, r.width, r.height].map((v) => Math.round(v * 10) / 10)];
  })), selectors);
}

/**
 * A tab whose wasm download is held back until `release()`: the page as a student on a slow
 * connection sees it while the app is still on its way.
 */
async function heldBack(contextOptions = {}, setup) {
  const context = await env.browser.newContext(contextOptions);
  await setup?.(context);
  const tab = await openPage(context);
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await tab.page.route('**/*.wasm', async (route) => { await held; await route.continue(); });
  return { ...tab, release };
}

const appStarted = (page) => page.waitForFunction(() => !document.getElementById('prerendered') && performance.getEntriesByName('wasm-started').length > 0);

async function layoutShift(page) {
  return page.evaluate(() => new Promise((resolve) => {
    let total = 0;
    new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) total += e.value; })
      .observe({ type: 'layout-shift', buffered: true });
    setTimeout(() => resolve(total), 200);
  }));
}

const LOGIN = ['header .brand', 'main h1', '#username', '#password', 'main button[aria-label="Show password"]',
  'main .actions .button', 'header select'];

for (const width of [320, 1280]) {
  test(`/login at ${width} px: the HTML alone shows the sign-in form, in the boxes the app then fills`, async () => {
    const { page, problems, httpErrors, release } = await heldBack({ viewport: { width, height: 800 } });
    await page.goto(env.api.url + '/login', { waitUntil: 'domcontentloaded' });
    assert.equal(await page.title(), 'Sign in · Testpress Profile');
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.getByLabel('Username').waitFor();
    await page.getByLabel('Password', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    assert.equal(await page.locator('#prerendered').count(), 1, 'this is the HTML, not the app');
    const html = await boxes(page, LOGIN);
    assert.ok(Object.values(html).every(Boolean), JSON.stringify(html));

    release();
    await appStarted(page);
    assert.deepEqual(await boxes(page, LOGIN), html, 'the app draws every box where the HTML had it');
    assert.equal(await layoutShift(page), 0, 'nothing moved while loading');
    assert.deepEqual([...problems, ...httpErrors], []);
  });
}

test('/me: the HTML shows the header and the profile skeleton; the app takes over without a shift', async () => {
  const token = await fetch(`${env.api.url}/api/v2.2/auth-token/`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(DEMO),
  }).then((r) => r.json()).then((b) => b.token);
  const selectors = ['header .brand', 'header .account-button', 'main .profile-card', 'main .avatar-profile', 'main .profile-main .card', 'header select'];
  const { page, release } = await heldBack({}, (context) => context.addInitScript((t) => localStorage.setItem('testpress.token', t), token));
  await env.api.fault({ path: '/api/v2.2/me/', method: 'GET', delay_ms: 1500, times: 1 });
  await page.goto(env.api.url + '/me', { waitUntil: 'domcontentloaded' });
  await page.locator('#prerendered main .profile-card').waitFor();
  const html = await boxes(page, selectors);
  assert.ok(Object.values(html).every(Boolean), JSON.stringify(html));
  release();
  await appStarted(page);
  assert.deepEqual(await boxes(page, selectors), html, 'the skeleton is where the HTML had it');
  await page.getByRole('heading', { level: 1, name: 'Divya' }).waitFor();
  assert.equal(await layoutShift(page), 0);
  await env.api.clearFaults();
});

test('typing before the app is ready is kept, with the caret', async () => {
  const { page, problems, release } = await heldBack();
  await page.goto(env.api.url + '/login', { waitUntil: 'domcontentloaded' });
  await page.getByLabel('Username').fill('testpress');
  await page.getByLabel('Password', { exact: true }).fill('demo1234');
  await page.getByLabel('Password', { exact: true }).focus();
  release();
  await appStarted(page);
  assert.equal(await page.getByLabel('Username').inputValue(), 'testpress');
  assert.equal(await page.getByLabel('Password', { exact: true }).inputValue(), 'demo1234');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'password', 'focus stayed in the field');
  assert.equal(new URL(page.url()).pathname, '/login', 'nothing was submitted that the student did not press');
  await page.getByLabel('Password', { exact: true }).press('Enter');
  await page.waitForURL('**/me');
  assert.deepEqual(problems, []);
});

test('a language chosen before the app is ready is the one the app switches to', async () => {
  const { page, problems, release } = await heldBack();
  await page.goto(env.api.url + '/login', { waitUntil: 'domcontentloaded' });
  await page.getByRole('banner').getByRole('combobox').selectOption({ label: 'தமிழ்' });
  release();
  await appStarted(page);
  await page.waitForFunction(() => document.documentElement.lang === 'ta');
  assert.equal(await page.getByRole('banner').getByRole('combobox').inputValue(), 'ta');
  assert.deepEqual(problems, []);
});

for (const [how, press] of [
  ['a tap on Sign in', (page) => page.getByRole('button', { name: 'Sign in' }).click()],
  ['Enter in the password field', (page) => page.getByLabel('Password', { exact: true }).press('Enter')],
]) {
  test(`${how} before the app is ready sends nothing then, and signs in once the app runs`, async () => {
    const { page, problems, release } = await heldBack();
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(env.api.url + '/login', { waitUntil: 'domcontentloaded' });
    await page.getByLabel('Username').fill('testpress');
    await page.getByLabel('Password', { exact: true }).fill('demo1234');
    await press(page);
    await page.waitForTimeout(300);
    assert.equal(new URL(page.url()).search, '', 'the form never submitted itself');
    assert.ok(!requests.some((u) => u.includes('demo1234') || u.includes('/api/')), 'nothing was sent before the app ran');
    release();
    await page.waitForURL('**/me');
    await page.getByRole('heading', { level: 1, name: 'Divya' }).waitFor();
    assert.deepEqual(problems, []);
  });
}

test('an early Sign in with an empty password is checked by the app, as a press would be', async () => {
  const { page, release } = await heldBack();
  await page.goto(env.api.url + '/login', { waitUntil: 'domcontentloaded' });
  await page.getByLabel('Username').fill('testpress');
  await page.getByRole('button', { name: 'Sign in' }).click();
  release();
  await appStarted(page);
  await page.getByText('Enter your password.').waitFor();
  assert.equal(new URL(page.url()).pathname, '/login');
  assert.equal(await page.getByLabel('Username').inputValue(), 'testpress');
});

test('an institute\'s name and colour are on the first paint already, as the app then applies them', async () => {
  // A build made with an institute in config.json (the hook's own code, on the built page).
  const dir = mkdtempSync(join(tmpdir(), 'prerender-brand-'));
  cpSync(DIST, dir, { recursive: true });
  const config = JSON.stringify({ api_base: '', institute: { name: 'Chennai IAS Academy', color: '#f5c400' } });
  writeFileSync(join(dir, 'config.json'), config);
  const shell = readFileSync(join(dir, 'index.html'), 'utf8').replace(/<div id=prerendered>[\s\S]*?<\/main><\/div>/, '');
  const configPath = join(dir, 'config.json');
  const facts = buildFacts({ sourceDir: root, configPath });
  writeFileSync(join(dir, 'index.html'), prerender(shell, { dir, facts, pages: renderedPages({ sourceDir: root, configPath }) }).html);
  const api = await startStandIn([], { appDir: dir });
  try {
    const colours = () => getComputedStyle(document.querySelector('.site-header')).getPropertyValue('background-color')
      + ' ' + getComputedStyle(document.querySelector('.brand')).getPropertyValue('color')
      + ' ' + getComputedStyle(document.documentElement).getPropertyValue('--link');
    const { page, release } = await heldBack();
    await page.goto(api.url + '/login', { waitUntil: 'domcontentloaded' });
    assert.equal(await page.locator('header .brand').textContent(), 'Chennai IAS Academy');
    const painted = await page.evaluate(colours);
    assert.match(painted, /^rgb\(245, 196, 0\) rgb\(17, 24, 39\)/, 'yellow header, dark text on it');
    release();
    await appStarted(page);
    assert.equal(await page.evaluate(colours), painted, 'the app worked out the same colours');
    assert.equal(await page.title(), 'Sign in · Chennai IAS Academy');
  } finally {
    await api.stop();
  }
});
