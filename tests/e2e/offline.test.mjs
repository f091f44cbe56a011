// Offline and installable: the release bundle's service worker, the profile kept for its
// student, editing without a connection, the update offer, and nothing left after sign-out.
// These contexts allow service workers (the harness blocks them elsewhere).
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { openPage, signIn, standInAndBrowser, accountMenu, markDocument, isSameDocument, eventually, downloads, DIST, DEMO, CHROMIUM_ARGS, focusReaches } from './harness.mjs';

// The language chosen and the institute's settings belong to the device, not to a student.
const NOT_PERSONAL = ['testpress.lang', 'testpress.institute-settings'];

// A copy of the build, so one test can deploy a "new version" into it.
const appDir = mkdtempSync(join(tmpdir(), 'offline-app-'));
cpSync(DIST, appDir, { recursive: true });
const env = standInAndBrowser({ appDir });
beforeEach(() => env.api.clearFaults());

/** A tab whose page is controlled by the service worker, signed in and on /me. */
async function signedInWithWorker(username = 'testpress', name = 'Divya') {
  const context = await env.browser.newContext({ serviceWorkers: 'allow' });
  const tab = await openPage(context);
  await tab.page.goto(env.api.url + '/login');
  await signIn(tab.page, { username, password: DEMO.password });
  await tab.page.getByRole('heading', { level: 1, name }).waitFor();
  await tab.page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    }
  });
  return { context, ...tab };
}

/** Everything the browser keeps for the site, in every store a test can read. */
async function stores(page) {
  return page.evaluate(async () => {
    const cached = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        const body = await (await cache.match(request)).text();
        cached.push({ cache: name, url: new URL(request.url).pathname, body });
      }
    }
    return {
      local: Object.fromEntries(Object.entries(localStorage)),
      session: Object.fromEntries(Object.entries(sessionStorage)),
      cached,
      indexedDb: (await indexedDB.databases()).map((d) => d.name),
    };
  });
}

test('signed in, then offline: a reload of /me shows the kept profile and says from when', async () => {
  const { context, page, problems } = await signedInWithWorker();
  await context.setOffline(true);
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Divya' }).waitFor();
  const notice = page.getByRole('status').filter({ hasText: "You're offline. This is your profile as of" });
  await notice.waitFor();
  assert.match(await notice.textContent(), /as of \d{1,2}:\d{2}/);
  assert.equal(await page.getByRole('region', { name: 'Batches' }).getByRole('listitem').count(), 11);
  // Back online: the fresh profile replaces the kept one by itself.
  await context.setOffline(false);
  await notice.waitFor({ state: 'detached' });
  await page.getByRole('heading', { level: 1, name: 'Divya' }).waitFor();
  assert.deepEqual(problems.filter((p) => !/ERR_INTERNET_DISCONNECTED|net::/.test(p)), []);
});

test('offline, the edit form opens from the kept profile; Save says it needs a connection, then works when back', async () => {
  const { context, page } = await signedInWithWorker('priya', 'Priya Raman');
  await context.setOffline(true);
  await page.goto(env.api.url + '/me/edit');
  await page.getByLabel('City').waitFor();
  await page.getByText("You're offline. This is your profile as of").waitFor();
  await page.getByLabel('City').fill('Thanjavur');
  await page.getByRole('button', { name: 'Save changes' }).click();
  const offline = page.getByRole('alert').filter({ hasText: "You're offline, so your changes couldn't be saved." });
  await offline.waitFor();
  await focusReaches(page, 'save-outcome', 'focus on the outcome');
  assert.equal(await page.getByLabel('City').inputValue(), 'Thanjavur');
  await context.setOffline(false);
  await page.getByRole('status').filter({ hasText: "You're back online. Press Save changes to save what you typed." }).waitFor();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByRole('status').filter({ hasText: 'Your profile has been saved.' }).waitFor();
  const token = await page.evaluate(() => localStorage.getItem('testpress.token'));
  const me = await fetch(`${env.api.url}/api/v2.2/me/`, { headers: { authorization: `JWT ${token}` } }).then((r) => r.json());
  assert.equal(me.city, 'Thanjavur');
});

test('another user\'s page is not kept: offline it says a connection is needed, and recovers when back', async () => {
  const { context, page } = await signedInWithWorker();
  await page.goto(env.api.url + '/users/18');
  await page.getByRole('heading', { level: 1, name: 'Vinoth Kumar' }).waitFor();
  await context.setOffline(true);
  await page.reload();
  const alert = page.getByRole('alert');
  await alert.getByRole('heading', { level: 1, name: "You're offline" }).waitFor();
  await alert.getByText("This page needs an internet connection. It will load by itself when you're back online.").waitFor();
  await alert.getByRole('button', { name: 'Try again' }).waitFor();
  await context.setOffline(false);
  // No click: the page retries once by itself when the connection returns.
  await page.getByRole('heading', { level: 1, name: 'Vinoth Kumar' }).waitFor();
});

test('signing out leaves nothing personal in any store, and the next student never sees the last one\'s profile', async () => {
  const { context, page } = await signedInWithWorker();
  await page.goto(env.api.url + '/me/edit');
  await page.getByLabel('City').fill('Salem');
  await page.waitForFunction(() => Object.keys(sessionStorage).some((k) => k.startsWith('testpress.draft.')));
  const before = await stores(page);
  assert.ok(Object.keys(before.local).some((k) => k.startsWith('testpress.kept-profile.')), 'the profile was kept while signed in');
  page.on('dialog', (d) => d.accept()); // leaving the unsaved form asks first
  await (await accountMenu(page)).getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL('**/login');
  const after = await stores(page);
  assert.deepEqual(Object.keys(after.local).filter((k) => !NOT_PERSONAL.includes(k)), [], JSON.stringify(after.local));
  assert.deepEqual(after.session, {});
  assert.deepEqual(after.indexedDb, []);
  for (const { url, body } of after.cached) {
    assert.ok(!url.startsWith('/api/') && !url.startsWith('/media/'), `no API answer cached: ${url}`);
    for (const personal of ['testpress.in@gmail.com', '9043570576', 'Divya']) {
      assert.ok(!body.includes(personal), `${url} holds nothing of the student's`);
    }
  }
  // The next student on the same browser, offline: their own kept profile, never the last one's.
  await signIn(page, { username: 'Vinoth', password: DEMO.password });
  await page.getByRole('heading', { level: 1, name: 'Vinoth Kumar' }).waitFor();
  await context.setOffline(true);
  await page.reload();
  await page.getByText("You're offline. This is your profile as of").waitFor();
  await page.getByRole('heading', { level: 1, name: 'Vinoth Kumar' }).waitFor();
  assert.equal(await page.getByText('Divya').count(), 0);
  assert.deepEqual(Object.keys((await stores(page)).local).filter((k) => k.startsWith('testpress.kept-profile.')), ['testpress.kept-profile.18']);
});

test('a 401 or an expiry forgets the kept profile too', async () => {
  const { page } = await signedInWithWorker();
  await env.api.fault({ path: '/api/v2.2/users/18/', method: 'GET', status: 401, body: '{"detail": "Signature has expired."}', times: 1 });
  await page.goto(env.api.url + '/users/18');
  await page.waitForURL('**/login?next=%2Fusers%2F18');
  const after = await stores(page);
  assert.deepEqual(Object.keys(after.local).filter((k) => k.startsWith('testpress.') && !NOT_PERSONAL.includes(k)), []);
});

test('a repeat visit starts from the kept config.json without waiting for the network; a changed one shows from the next start', async () => {
  const { page } = await signedInWithWorker();
  const configPath = join(appDir, 'config.json');
  const original = readFileSync(configPath, 'utf8');
  writeFileSync(configPath, JSON.stringify({ ...JSON.parse(original), institute: { name: 'Riverside Academy' } }));
  const renamed = page.getByRole('banner').getByRole('link', { name: 'Riverside Academy' });
  try {
    // The network's answer is held for 15 s: a start that waited for it would show nothing meanwhile.
    await env.api.control('POST', 'faults', { path: '/config.json', delay_ms: 15_000, times: 1 });
    await env.api.clearAppFiles();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Divya' }).waitFor();
    assert.equal(downloads(await env.api.appFiles(), '/config.json'), 0, 'the profile is up, and config.json not yet answered');
    assert.equal(await renamed.count(), 0, 'the kept config.json, with the name as it was');
    // The worker keeps the network's answer when it comes; the next start wears it.
    await eventually(async () => downloads(await env.api.appFiles(), '/config.json') === 1, 'config.json to be answered', 30_000);
    await page.reload();
    await renamed.waitFor();
  } finally {
    writeFileSync(configPath, original);
  }
});

test('a new deploy is offered as "A new version is ready"; nothing reloads until Reload is pressed', async () => {
  const { page } = await signedInWithWorker();
  await page.goto(env.api.url + '/me/edit');
  await page.getByLabel('City').fill('Hosur');
  await markDocument(page);
  const buildOf = () => page.evaluate(async () => (await caches.keys()).find((k) => k.startsWith('testpress-app-')));
  const oldBuild = await buildOf();
  // Deploy: a changed file means a new worker (its BUILD changes).
  const swPath = join(appDir, 'sw.js');
  const original = readFileSync(swPath, 'utf8');
  writeFileSync(swPath, original.replace(/const BUILD = "([0-9a-f]+)"/, 'const BUILD = "$1-next"'));
  try {
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    const banner = page.getByRole('status').filter({ hasText: 'A new version of this app is ready.' });
    await banner.waitFor();
    // Still the same page, with what was typed.
    assert.ok(await isSameDocument(page), 'nothing reloaded');
    assert.equal(await page.getByLabel('City').inputValue(), 'Hosur');
    page.on('dialog', (d) => d.accept()); // the unsaved form asks before the reload
    await Promise.all([page.waitForEvent('load'), banner.getByRole('button', { name: 'Reload' }).click()]);
    await page.getByLabel('City').waitFor();
    assert.equal(await page.getByLabel('City').inputValue(), 'Hosur', 'the draft brought the typing back');
    assert.notEqual(await buildOf(), oldBuild, 'the new build took over, and the old cache is gone');
    assert.equal((await page.evaluate(() => caches.keys())).length, 1);
  } finally {
    writeFileSync(swPath, original);
  }
});

test('Chromium can install it: no installability errors on the release build', async () => {
  // Installability needs a persistent profile (an incognito context never qualifies).
  const profile = mkdtempSync(join(tmpdir(), 'install-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS,
  });
  try {
    const page = context.pages()[0] ?? await context.newPage();
    await page.goto(env.api.url + '/login');
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    assert.deepEqual(installabilityErrors, []);
    const manifest = await fetch(env.api.url + '/manifest.webmanifest').then((r) => r.json());
    assert.equal(manifest.start_url, '/me');
    assert.equal(manifest.display, 'standalone');
    assert.deepEqual(manifest.icons.map((i) => `${i.sizes} ${i.purpose}`), ['192x192 any', '512x512 any', '512x512 maskable']);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
