// The release bundle loads, routes, and shows its shell with nothing broken behind it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStandIn, launchBrowser, openPage } from './harness.mjs';

let api, browser;
before(async () => {
  api = await startStandIn();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await api?.stop();
});

test('the release bundle loads with zero console errors and sends a signed-out student to sign-in', async () => {
  const { page, problems, httpErrors } = await openPage(await browser.newContext());
  const wasmLoads = [];
  page.on('response', (r) => { if (r.url().endsWith('.wasm')) wasmLoads.push(r.status()); });
  await page.goto(api.url + '/');
  await page.waitForURL('**/login');
  await page.getByRole('link', { name: 'Testpress Profile' }).waitFor();
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Sign in');
  assert.deepEqual(wasmLoads, [200], 'the wasm module is fetched once');
  assert.deepEqual([...problems, ...httpErrors], []);
});

test('signed-out deep links go to sign-in, remembering where the student was going', async () => {
  const { page, problems } = await openPage(await browser.newContext());
  for (const [path, expected] of [['/me', '/login'], ['/me/edit', '/login?next=%2Fme%2Fedit'], ['/users/18', '/login?next=%2Fusers%2F18']]) {
    await page.goto(api.url + path);
    await page.waitForURL(api.url + expected);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  }
  assert.deepEqual(problems, []);
});

test('an unknown address shows the not-found page with a way back', async () => {
  const { page, problems } = await openPage(await browser.newContext());
  await page.goto(api.url + '/no/such/page');
  await page.getByRole('heading', { name: 'Page not found' }).waitFor();
  await page.getByRole('link', { name: 'Go to your profile' }).click();
  await page.waitForURL('**/login');
  assert.deepEqual(problems, []);
});

test('the skip link and header work with the keyboard alone', async () => {
  const { page } = await openPage(await browser.newContext());
  await page.goto(api.url + '/no/such/page');
  await page.getByRole('heading', { name: 'Page not found' }).waitFor();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to content');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Testpress Profile');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Sign in');
  await page.keyboard.press('Enter');
  await page.waitForURL('**/login');
});
