// The app served from one origin, the API on another (config.json's api_base), as a CDN
// deployment without an /api/ route would be: CORS preflights, the token, saving.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startStandIn, launchBrowser, openPage, signIn, cspViolations, deployedCopy } from './harness.mjs';

// The app's files, served by a stand-in used only as a static host (origin A)...
const dist = deployedCopy();
let app, api, browser;
before(async () => {
  app = await startStandIn([], { appDir: dist });
  // ...and the API on origin B, allowing A.
  api = await startStandIn(['--cors-origin', app.url]);
  // Deploying against another origin: config.json names it, and so must the CSP (README).
  writeFileSync(join(dist, 'config.json'), JSON.stringify({ api_base: api.url }));
  for (const page of ['index.html', 'login.html', 'me.html']) {
    const html = readFileSync(join(dist, page), 'utf8');
    writeFileSync(join(dist, page), html.replace("connect-src 'self'", `connect-src 'self' ${api.url}`));
  }
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await app?.stop();
  await api?.stop();
  assert.deepEqual(cspViolations, [], 'no Content-Security-Policy violations');
});

test('signing in, reading and saving work against an API on another origin', async () => {
  const { page, problems } = await openPage(await browser.newContext());
  const apiCalls = [];
  page.on('request', (r) => { if (r.url().includes('/api/')) apiCalls.push({ origin: new URL(r.url()).origin, method: r.method() }); });
  await page.goto(app.url + '/login');
  await signIn(page);
  await page.getByRole('heading', { level: 1, name: 'Divya' }).waitFor();
  await page.goto(app.url + '/me/edit');
  await page.getByLabel('City').fill('Hosur');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByRole('status').filter({ hasText: 'Your profile has been saved.' }).waitFor();
  assert.ok(apiCalls.length >= 3);
  assert.ok(apiCalls.every((c) => c.origin === api.url), JSON.stringify(apiCalls));
  assert.ok(apiCalls.some((c) => c.method === 'PUT'));
  assert.deepEqual(problems, []);
});

test('a throttled answer across origins still says how long to wait (Retry-After is exposed)', async () => {
  const { page } = await openPage(await browser.newContext());
  await page.goto(app.url + '/login');
  await api.fault({ path: '/api/v2.2/auth-token/', status: 429, headers: { 'Retry-After': '45' }, body: '{}', times: 1 });
  await page.getByLabel('Username').fill('testpress');
  await page.getByLabel('Password', { exact: true }).fill('demo1234');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').getByText('Too many attempts. Please wait 45 seconds and try again.').waitFor();
});
