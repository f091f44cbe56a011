// What a first visit downloads, in Chromium (tests/engines/smoke.mjs counts the same in
// Firefox and WebKit): each of the app's files once, the wasm and config.json included, and
// the service worker's install taking its copies from the HTTP cache, not the network.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, standInAndBrowser, downloadedTwice, downloads, requests, appStarted } from './harness.mjs';

const env = standInAndBrowser();

/**
 * Loads `path` in a context with nothing cached (a token already stored when `token` is
 * given) and waits for the app and its service worker: the page's requests and the server's answers.
 */
async function coldLoad(path, token) {
  const context = await env.browser.newContext({ serviceWorkers: 'allow' });
  if (token) await context.addInitScript((t) => { if (!localStorage.getItem('testpress.token')) localStorage.setItem('testpress.token', t); }, token);
  const { page } = await openPage(context);
  await env.api.clearAppFiles();
  await page.goto(env.api.url + path);
  await appStarted(page);
  await page.evaluate(() => navigator.serviceWorker.ready);
  const requested = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname));
  const sent = await env.api.appFiles();
  return { page, context, requested, sent };
}

function assertOnce({ requested, sent }) {
  assert.equal(requests(requested, '_bg.wasm'), 1, `the page asked for the wasm once: ${requested.join(' ')}`);
  assert.equal(requests(requested, '/config.json'), 1, `and for config.json once: ${requested.join(' ')}`);
  assert.equal(downloads(sent, '_bg.wasm'), 1, `the server sent the wasm once: ${JSON.stringify(sent)}`);
  assert.equal(downloads(sent, '/config.json'), 1, `and config.json once: ${JSON.stringify(sent)}`);
  assert.deepEqual(downloadedTwice(sent), [], 'no file of the app sent twice');
}

test('a first visit to the sign-in page downloads each file once', async () => {
  const load = await coldLoad('/login');
  await load.page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  assertOnce(load);
  await load.context.close();
});

test('a first full load of /me, signed in, downloads each file once', async () => {
  const token = await env.api.token();
  const load = await coldLoad('/me', token);
  await load.page.getByRole('heading', { level: 1, name: 'Divya' }).waitFor();
  assertOnce(load);
  await load.context.close();
});
