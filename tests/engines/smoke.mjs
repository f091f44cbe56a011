// The smoke flows every engine must pass, on the release bundle under its strict CSP, at
// phone width where the engine allows: one script, run by firefox.test.mjs and
// webkit.test.mjs. (Chromium runs the full suite in tests/e2e/.) Each flow starts signed out
// with empty storage and fails on any console error, uncaught exception, CSP violation or
// panic the engine saw while it ran.
import { test, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStandIn, DEMO, DIST, downloadedTwice, downloads, requests } from '../e2e/harness.mjs';
import { ENGINES } from './drivers.mjs';
import { Tab } from './tab.mjs';

// Bounds that only a hung browser reaches (each wait inside has its own, shorter, bound).
const FLOW_TIMEOUT = { timeout: 180_000 };
const START_TIMEOUT = { timeout: 240_000 };

const heading = (name, level = 1) => ({ role: 'heading', level, name });
const status = (text) => ({ role: 'status', text });
const SAVED = status('Your profile has been saved.');

/**
 * Registers the smoke flows for `engineKey` ('firefox' or 'webkit'). `appDir(workDir)` gives
 * the bundle the stand-in serves (WebKit's copy, made in the suite's scratch directory
 * `workDir`, carries its console watcher: see webkit.test.mjs).
 */
export function smokeFlows(engineKey, { appDir = () => DIST } = {}) {
  const env = { dir: mkdtempSync(join(tmpdir(), `engines-${engineKey}-`)) };
  let seen = 0;

  before(async () => {
    const started = Date.now();
    const dir = appDir(env.dir);
    if (!existsSync(join(dir, 'index.html'))) {
      throw new Error(`no built app in ${dir}: run \`trunk build --release --dist target/e2e-dist\` and set E2E_DIST to it`);
    }
    env.api = await startStandIn([], { appDir: dir });
    env.engine = await ENGINES[engineKey]();
    env.tab = new Tab(env.engine, env.api.url);
    // A real JPEG (600×540) the stand-in made for a seeded user: the "camera photo".
    const priya = await env.api.profileOf('priya');
    env.photo = join(env.dir, 'holiday.jpg');
    writeFileSync(env.photo, Buffer.from(await fetch(priya.photo).then((r) => r.arrayBuffer())));
    // The browser's first visit, with nothing cached: what the page requested (its own
    // view, Resource Timing) and what the server sent, the service worker's install included.
    await env.api.clearAppFiles();
    await env.tab.goto('/login');
    await env.tab.waitUntil('the app to start', () => !document.getElementById('prerendered'));
    await env.tab.waitUntil('the service worker to be active', () => navigator.serviceWorker.getRegistration().then((r) => !!r?.active));
    env.coldLoad = {
      requested: await env.tab.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname)),
      sent: await env.api.appFiles(),
    };
    const { name, version, viewport } = env.engine;
    console.log(`# ${name} ${version} at ${viewport.width}×${viewport.height}, started in ${Date.now() - started} ms`);
  }, START_TIMEOUT);
  after(async () => {
    // Each part closes even if another failed to.
    await env.engine?.close().catch((e) => console.error(`closing ${engineKey}: ${e.message}`));
    await env.api?.stop().catch((e) => console.error(`stopping the stand-in: ${e.message}`));
    rmSync(env.dir, { recursive: true, force: true });
  }, START_TIMEOUT);

  beforeEach(async () => {
    const { tab } = env;
    seen = (await tab.problems()).length;
    await env.api.clearFaults();
    // Signed out, nothing kept: the state a new student's browser is in.
    await tab.goto('/login');
    await tab.settle();
    await tab.evaluate(() => { localStorage.clear(); sessionStorage.clear(); });
    await tab.goto('/login');
    await tab.waitFor(heading('Sign in'));
    // The app has taken over the prerendered form (typing into the HTML's form would be
    // typing into fields the app is about to replace).
    await tab.waitUntil('the app to start', () => !document.getElementById('prerendered'));
  }, FLOW_TIMEOUT);
  afterEach(async () => {
    const problems = (await env.tab.problems()).slice(seen);
    assert.deepEqual(problems, [], `${env.engine.name} saw no console error, CSP violation or panic`);
  }, FLOW_TIMEOUT);

  async function signIn(username = DEMO.username, name = 'Divya') {
    const { tab } = env;
    await tab.fill({ label: 'Username' }, username);
    await tab.fill({ label: 'Password' }, DEMO.password);
    await tab.click({ role: 'button', name: 'Sign in' });
    await tab.waitForPath('/me');
    await tab.waitFor(heading(name));
  }

  /** Opens the header's account menu and follows (or presses) `name` in it. */
  async function viaMenu(name, role = 'link') {
    const { tab } = env;
    await tab.click({ role: 'button', namePrefix: 'Account menu for', within: { role: 'banner' } });
    await tab.click({ role, name, within: { role: 'banner' } });
  }

  test('a cold load requests the wasm and config.json once each', FLOW_TIMEOUT, async () => {
    const { requested, sent } = env.coldLoad;
    assert.equal(requests(requested, '_bg.wasm'), 1, `the page asked for the wasm once: ${requested.join(' ')}`);
    assert.equal(requests(requested, '/config.json'), 1, `and for config.json once: ${requested.join(' ')}`);
    assert.equal(downloads(sent, '_bg.wasm'), 1, `the server sent the wasm once: ${JSON.stringify(sent)}`);
    if (engineKey !== 'webkit') {
      // The worker's install takes the page's files from the HTTP cache (a 304 for the ones
      // checked on every use). WebKit's automation session gives the worker no such cache
      // for the page's scripts and config.json, so there it downloads them again.
      assert.deepEqual(downloadedTwice(sent), [], 'no file of the app sent twice');
    }
  });

  test('sign in; /me shows the profile and the avatar from its srcset', FLOW_TIMEOUT, async () => {
    const { tab } = env;
    await signIn();
    await tab.waitFor(heading('Details', 2));
    await tab.waitFor({ role: 'region', name: 'Batches' });
    const avatar = { role: 'img', name: 'Divya', within: { role: 'main' } };
    await tab.waitFor(avatar);
    const picked = await tab.waitUntil('the avatar to load', () => {
      const img = document.querySelector('main img.avatar');
      return img?.complete && img.naturalWidth > 0 && { currentSrc: img.currentSrc, srcset: img.srcset, naturalWidth: img.naturalWidth };
    });
    const candidates = picked.srcset.split(/,\s+/).map((c) => new URL(c.trim().split(/\s+/)[0], env.api.url).href);
    assert.ok(candidates.length >= 2, `a srcset of variants: ${picked.srcset}`);
    assert.ok(candidates.includes(picked.currentSrc), `${picked.currentSrc} is one of ${candidates.join(', ')}`);
  });

  test('the language picker is drawn by the app, not the engine; /favicon.ico is an icon', FLOW_TIMEOUT, async () => {
    const { tab } = env;
    const picker = await tab.evaluate(() => {
      const style = getComputedStyle(document.getElementById('language'));
      return { appearance: style.appearance ?? style.webkitAppearance, color: style.color, background: style.backgroundColor };
    });
    // WebKit's own control is light grey under the header's white text.
    assert.equal(picker.appearance, 'none', JSON.stringify(picker));
    assert.notEqual(picker.background, 'rgba(0, 0, 0, 0)', JSON.stringify(picker));
    await tab.evaluate(() => {
      fetch('/favicon.ico').then((r) => { window.__favicon = `${r.status} ${r.headers.get('content-type')}`; });
    });
    const icon = await tab.waitUntil('/favicon.ico to answer', () => window.__favicon);
    assert.match(icon, /^200 image\//);
  });

  test('another user\'s page, /users/18, and back', FLOW_TIMEOUT, async () => {
    const { tab } = env;
    await signIn();
    await tab.goto('/users/18');
    await tab.waitFor(heading('Vinoth Kumar'));
    await tab.back();
    await tab.waitForPath('/me');
    await tab.waitFor(heading('Divya'));
  });

  test('edit, save, reload: the saved value is shown', FLOW_TIMEOUT, async () => {
    const { tab } = env;
    await signIn('priya', 'Priya Raman');
    await viaMenu('Edit profile');
    await tab.waitForPath('/me/edit');
    const city = `Madurai ${engineKey}`;
    await tab.fill({ label: 'City' }, city);
    await tab.click({ role: 'button', name: 'Save changes' });
    await tab.waitFor(SAVED);
    await tab.reload();
    await tab.waitForPath('/me/edit');
    await tab.waitUntil(`City to show "${city}" after the reload`, (value) => document.getElementById('city')?.value === value, city);
    assert.equal(await tab.read({ label: 'City' }, 'value'), city);
    assert.equal((await env.api.profileOf('priya')).city, city, 'the server has it');
  });

  test('a bad phone number: an inline error on the field, nothing sent', FLOW_TIMEOUT, async () => {
    const { tab } = env;
    await signIn();
    await tab.goto('/me/edit');
    await tab.fill({ label: 'Phone' }, '12345');
    await tab.click({ role: 'button', name: 'Save changes' });
    await tab.waitFor({ role: 'alert', text: 'Some details need correcting.' });
    const message = 'Enter a phone number of exactly 10 digits.';
    assert.equal(await tab.read({ label: 'Phone' }, 'attr:aria-invalid'), 'true');
    const describedBy = await tab.read({ label: 'Phone' }, 'attr:aria-describedby');
    const described = await tab.evaluate((ids) => ids.split(' ').map((id) => document.getElementById(id)?.textContent.trim()).join(' '), describedBy);
    assert.ok(described.includes(message), `the field is described by "${message}": ${described}`);
    assert.equal((await env.api.profileOf('testpress')).phone, '9043570576', 'nothing was saved');
  });

  test('a photo: chosen, cropped with the keyboard, uploaded, shown in the header', FLOW_TIMEOUT, async () => {
    const { tab } = env;
    await signIn('Vinoth', 'Vinoth Kumar');
    await tab.goto('/me/edit');
    await tab.upload({ label: 'Choose a new photo' }, env.photo);
    const preview = { role: 'img', namePrefix: 'Crop preview' };
    await tab.waitFor(preview);
    await tab.waitUntil('the chosen file to be named', () => document.body.innerText.includes('Chosen: holiday.jpg'));
    await tab.press(preview, '+');
    await tab.press(preview, '+');
    const zoom = Number(await tab.waitUntil('the zoom to grow', () => Number(document.getElementById('photo-zoom')?.value) > 1 && document.getElementById('photo-zoom').value));
    assert.ok(zoom > 1, `zoomed with the keyboard (${zoom})`);
    await tab.click({ role: 'button', name: 'Upload photo' });
    await tab.waitFor(status('Your new photo is saved.'));
    const me = await env.api.profileOf('Vinoth');
    assert.ok(me.large_image, 'the server made the variants');
    const header = await tab.waitUntil('the header avatar to show the photo', () => {
      const img = document.querySelector('header .account-button img');
      return img?.complete && img.naturalWidth > 0 && img.currentSrc;
    });
    assert.ok(header.startsWith(env.api.url), header);
  });

  test('Hindi: switched in the page, still Hindi after a reload', FLOW_TIMEOUT, async () => {
    const { tab } = env;
    await signIn();
    await tab.choose({ label: 'Language' }, 'हिन्दी');
    await tab.waitFor(heading('जानकारी', 2));
    assert.equal(await tab.evaluate(() => document.documentElement.lang), 'hi');
    await tab.reload();
    await tab.waitFor(heading('Divya'));
    await tab.waitFor(heading('जानकारी', 2));
    assert.equal(await tab.evaluate(() => document.documentElement.lang), 'hi');
  });

  test('sign-out leaves no token behind', FLOW_TIMEOUT, async () => {
    const { tab } = env;
    await signIn();
    assert.ok(await tab.evaluate(() => localStorage.getItem('testpress.token')), 'signed in, a token is kept');
    await viaMenu('Sign out', 'button');
    await tab.waitForPath('/login');
    await tab.waitFor(heading('Sign in'));
    assert.equal(await tab.evaluate(() => localStorage.getItem('testpress.token')), null);
    await tab.goto('/me');
    await tab.waitForPath('/login');
    await tab.waitFor(heading('Sign in'));
  });

  test('the service worker controls the page after a reload', FLOW_TIMEOUT, async () => {
    const { tab } = env;
    await signIn();
    await tab.waitUntil('the service worker to be active', () => navigator.serviceWorker.getRegistration().then((r) => !!r?.active));
    await tab.reload();
    await tab.waitFor(heading('Divya'));
    const scope = await tab.waitUntil('a controller', () => navigator.serviceWorker.controller?.scriptURL);
    assert.equal(new URL(scope).pathname, '/sw.js');
  });
}
