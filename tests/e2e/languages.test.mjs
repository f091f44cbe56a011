// Hindi and Tamil beside English: chosen from the browser's languages, switched in the page
// without a reload, remembered on the device, `<html lang>` always matching what is shown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openPage, standInAndBrowser, markDocument, isSameDocument, focusReaches, appStarted } from './harness.mjs';

const env = standInAndBrowser();
const root = resolve(import.meta.dirname, '..', '..');
const catalogue = (lang) => JSON.parse(readFileSync(join(root, 'locales', `${lang}.json`), 'utf8'));
const HI = catalogue('hi');
const TA = catalogue('ta');

async function tab(locale, viewport) {
  const context = await env.browser.newContext({ locale, ...(viewport ? { viewport } : {}) });
  return { context, ...(await openPage(context)) };
}

const htmlLang = (page) => page.evaluate(() => document.documentElement.lang);
const noSidewaysScroll = (page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

for (const [locale, code, words] of [['hi-IN', 'hi', HI], ['ta-IN', 'ta', TA]]) {
  test(`a browser set to ${locale} sees sign-in and the profile in that language`, async () => {
    const { page, problems } = await tab(locale);
    await page.goto(env.api.url + '/login');
    await page.getByRole('heading', { level: 1, name: words.SignIn }).waitFor();
    assert.equal(await htmlLang(page), code);
    assert.equal(await page.title(), `${words.SignIn} · ${words.AppName}`);
    await page.getByLabel(words.Username).fill('testpress');
    await page.getByLabel(words.Password, { exact: true }).fill('demo1234');
    await page.getByRole('button', { name: words.SignIn }).click();
    await page.waitForURL('**/me');
    await page.getByRole('heading', { level: 1, name: 'Divya' }).waitFor(); // names are the API's
    await page.getByRole('heading', { level: 2, name: words.Details }).waitFor();
    await page.getByRole('heading', { level: 2, name: words.Batches }).waitFor();
    // The birth date in the language's own words, by the browser's Intl.
    const expected = await page.evaluate((lang) => new Date(Date.UTC(1994, 7, 27, 12))
      .toLocaleDateString(`${lang}-IN`, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }), code);
    const birth = page.locator('dl.details dt', { hasText: words.BirthDate }).locator('xpath=following-sibling::dd[1]');
    assert.equal(await birth.textContent(), expected);
    assert.notEqual(expected, '27 Aug 1994');
    assert.equal(await page.getByText('Tamil Nadu').count(), 1, 'the state is shown as the API sent it');
    assert.equal(await htmlLang(page), code);
    assert.deepEqual(problems, []);
  });
}

test('English users download no catalogue; switching in the page needs no reload and is remembered', async () => {
  const { page, problems } = await tab('en-GB');
  const catalogues = [];
  page.on('request', (r) => { if (/locale-[a-z]+-/.test(r.url())) catalogues.push(new URL(r.url()).pathname); });
  await page.goto(env.api.url + '/login');
  await appStarted(page);
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  assert.equal(await htmlLang(page), 'en');
  assert.deepEqual(catalogues, [], 'English is built in');

  await markDocument(page);
  await page.getByLabel('Language').selectOption({ label: 'தமிழ்' });
  await page.getByRole('heading', { level: 1, name: TA.SignIn }).waitFor();
  assert.equal(await htmlLang(page), 'ta');
  assert.equal(catalogues.length, 1);
  assert.ok(await isSameDocument(page), 'no reload');
  assert.equal(await page.getByLabel(TA.Language).inputValue(), 'ta');

  await page.reload();
  await page.getByRole('heading', { level: 1, name: TA.SignIn }).waitFor();
  assert.equal(await htmlLang(page), 'ta');

  await page.getByLabel(TA.Language).selectOption({ label: 'English' });
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  assert.equal(await htmlLang(page), 'en');
  await page.reload();
  // The prerendered page is English too: ask the app itself, once it has taken over.
  await appStarted(page);
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  assert.equal(await htmlLang(page), 'en');
  assert.equal(await page.getByLabel('Language').inputValue(), 'en');
  assert.deepEqual(problems, []);
});

test('the edit form\'s inline errors, and the API\'s failures, come in the chosen language', async () => {
  const { page } = await tab('hi-IN');
  await page.goto(env.api.url + '/login?next=%2Fme%2Fedit');
  await page.getByLabel(HI.Username).fill('testpress');
  await page.getByLabel(HI.Password, { exact: true }).fill('demo1234');
  await page.getByRole('button', { name: HI.SignIn }).click();
  await page.waitForURL('**/me/edit');
  await page.getByLabel(HI.Phone, { exact: true }).fill('12345');
  await page.getByLabel(HI.PinCode, { exact: true }).fill('12');
  await page.getByRole('button', { name: HI.SaveChanges }).click();
  await page.getByText(HI.PhoneShape).waitFor();
  await page.getByText(HI.PinShape).waitFor();
  await page.getByRole('alert').getByText(HI.ErrInvalid).waitFor();
  await focusReaches(page, 'phone');
  // Switching now re-words what is already on screen.
  await page.getByLabel(HI.Language).selectOption({ label: 'English' });
  await page.getByText('Enter a phone number of exactly 10 digits.').waitFor();
  await page.getByLabel('Language').selectOption({ label: 'हिन्दी' });
  await page.getByText(HI.PhoneShape).waitFor();
  // A failure's sentence, from the app's own catalogue.
  await page.getByLabel(HI.Phone, { exact: true }).fill('9043570576');
  await page.getByLabel(HI.PinCode, { exact: true }).fill('600069');
  await env.api.fault({ path: '/api/v2.2/users/17/', method: 'PUT', status: 503, body: '', times: 1 });
  await page.getByLabel(HI.City, { exact: true }).fill('Madurai');
  await page.getByRole('button', { name: HI.SaveChanges }).click();
  await page.getByRole('alert').getByText(HI.ErrServer).waitFor();
  await env.api.clearFaults();
});

test('Tamil\'s longer words still fit a 320 px phone: one header row, nothing sideways', async () => {
  const { page, problems } = await tab('ta-IN', { width: 320, height: 700 });
  await page.goto(env.api.url + '/login');
  await page.getByRole('heading', { level: 1, name: TA.SignIn }).waitFor();
  assert.ok(await noSidewaysScroll(page) <= 0, 'sign-in fits');
  await page.getByLabel(TA.Username).fill('arjun');
  await page.getByLabel(TA.Password, { exact: true }).fill('demo1234');
  await page.getByRole('button', { name: TA.SignIn }).click();
  await page.waitForURL('**/me');
  await page.getByRole('heading', { level: 1, name: 'Arjun' }).waitFor();
  for (const path of ['/me', '/me/edit']) {
    if (path !== '/me') await page.goto(env.api.url + path);
    await page.locator('main h1').waitFor();
    assert.ok(await noSidewaysScroll(page) <= 0, `${path} fits`);
    const header = await page.getByRole('banner').boundingBox();
    assert.ok(header.height <= 72, `${path}: the header is one row (${header.height}px)`);
  }
  await page.locator('.account-button').click();
  const box = await page.locator('#account-menu').boundingBox();
  assert.ok(box.x >= 0 && box.x + box.width <= 320, 'the menu stays on screen');
  assert.deepEqual(problems, []);
});
