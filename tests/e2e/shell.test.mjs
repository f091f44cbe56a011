// The release bundle loads, routes, and shows its shell with nothing broken behind it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, signedInPage, standInAndBrowser } from './harness.mjs';

const env = standInAndBrowser();

test('the release bundle loads with zero console errors and sends a signed-out student to sign-in', async () => {
  const { page, problems, httpErrors } = await openPage(await env.browser.newContext());
  const wasmLoads = [];
  page.on('response', (r) => { if (r.url().endsWith('.wasm')) wasmLoads.push(r.status()); });
  await page.goto(env.api.url + '/');
  await page.waitForURL('**/login');
  await page.getByRole('link', { name: 'Testpress Profile' }).waitFor();
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Sign in');
  assert.deepEqual(wasmLoads, [200], 'the wasm module is fetched once');
  assert.deepEqual([...problems, ...httpErrors], []);
});

test('signed-out deep links go to sign-in, remembering where the student was going', async () => {
  const { page, problems } = await openPage(await env.browser.newContext());
  for (const [path, expected] of [['/me', '/login'], ['/me/edit', '/login?next=%2Fme%2Fedit'], ['/users/18', '/login?next=%2Fusers%2F18']]) {
    await page.goto(env.api.url + path);
    await page.waitForURL(env.api.url + expected);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  }
  assert.deepEqual(problems, []);
});

test('an unknown address shows the not-found page with a way back', async () => {
  const { page, problems } = await openPage(await env.browser.newContext());
  await page.goto(env.api.url + '/no/such/page');
  await page.getByRole('heading', { name: 'Page not found' }).waitFor();
  await page.getByRole('link', { name: 'Go to your profile' }).click();
  await page.waitForURL('**/login');
  assert.deepEqual(problems, []);
});

test('the header works with the keyboard alone', async () => {
  const { page } = await openPage(await env.browser.newContext());
  await page.goto(env.api.url + '/no/such/page');
  await page.getByRole('heading', { name: 'Page not found' }).waitFor();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to content');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Testpress Profile');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'language');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Sign in');
  await page.keyboard.press('Enter');
  await page.waitForURL('**/login');
});

test('the page runs under a strict Content-Security-Policy with no inline script or style', async () => {
  const html = await fetch(env.api.url + '/').then((r) => r.text());
  const policy = html.match(/http-equiv="?Content-Security-Policy"? content="([^"]+)"/)?.[1];
  assert.ok(policy, 'a CSP meta');
  for (const directive of ["default-src 'none'", "script-src 'self' 'wasm-unsafe-eval'", "style-src 'self'", "object-src 'none'", "base-uri 'none'"]) {
    assert.ok(policy.includes(directive), directive);
  }
  assert.ok(!/unsafe-inline|unsafe-eval'/.test(policy.replace("'wasm-unsafe-eval'", '')), policy);
  assert.equal([...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>/g)].length, 0, 'no inline <script>');

  // Every page the app renders, signed in, carries no style= attribute (CSP would block it).
  // Signed in first, and only then elsewhere (a navigation while the sign-in is on its way
  // would race it).
  const { page, problems } = await signedInPage(env);
  for (const [path, heading] of [['/me', 'Divya'], ['/users/18', 'Vinoth Kumar'], ['/me/edit', 'Edit profile']]) {
    await page.goto(env.api.url + path);
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    assert.equal(await page.locator('[style]').count(), 0, `${path} has no style= attributes`);
  }
  assert.deepEqual(problems, []);
});
