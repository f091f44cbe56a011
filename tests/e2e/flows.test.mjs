// The flows a student trips over: where a save's outcome appears and where focus goes,
// the skip link, sign-in aids, the round crop, the grouped form, the phone header.
import { test, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, signedInPage, standInAndBrowser, accountMenu, DEMO, deployedWith, focusReaches, appStarted } from './harness.mjs';

let jpeg;
const env = standInAndBrowser({
  setup: async () => {
    // A real JPEG the stand-in made for a seeded user (priya), as a phone's photo.
    const { token } = await fetch(`${env.api.url}/api/v2.2/auth-token/`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'priya', password: DEMO.password }),
    }).then((r) => r.json());
    const me = await fetch(`${env.api.url}/api/v2.2/me/`, { headers: { authorization: `JWT ${token}` } }).then((r) => r.json());
    jpeg = Buffer.from(await fetch(me.photo).then((r) => r.arrayBuffer()));
  },
});
beforeEach(() => env.api.clearFaults());

const signedIn = (username, options) => signedInPage(env, username, options);

const focused = (page) => page.evaluate(() => {
  const el = document.activeElement;
  return { id: el.id, tag: el.tagName, text: el.textContent.trim().slice(0, 80) };
});
const inViewport = (locator) => locator.evaluate((el) => {
  const r = el.getBoundingClientRect();
  return r.top >= 0 && r.bottom <= window.innerHeight;
});

test('on a phone, Save stays in reach and its outcome shows (and takes focus) right there', async () => {
  const { page, problems } = await signedIn('meera', { viewport: { width: 390, height: 740 } });
  await page.goto(env.api.url + '/me/edit');
  await page.getByLabel('First name').waitFor();
  const save = page.getByRole('button', { name: 'Save changes' });
  assert.ok(await inViewport(save), 'Save is on screen at the top of the form (the bar sticks)');
  await page.getByLabel('Gender').selectOption({ label: 'Female' });
  await save.click();
  const saved = page.getByRole('status').filter({ hasText: 'Your profile has been saved.' });
  await saved.waitFor();
  // Focus comes a frame later and brings the outcome into view.
  await focusReaches(page, 'save-outcome');
  assert.ok(await inViewport(saved), 'the outcome is where the student is');
  // A rule broken: focus on the field, the sentence by the button.
  await page.getByLabel('PIN code').fill('12');
  await save.click();
  await page.getByRole('alert').getByText('Some details need correcting. Please check the highlighted fields.').waitFor();
  await focusReaches(page, 'zip');
  // Discard: hidden until something changed, then says what it did, with focus on it.
  await page.getByRole('button', { name: 'Discard changes' }).click();
  const discarded = page.getByRole('status').filter({ hasText: 'Your unsaved changes were discarded.' });
  await discarded.waitFor();
  await focusReaches(page, 'save-outcome');
  assert.equal(await page.getByRole('button', { name: 'Discard changes' }).count(), 0, 'hidden with nothing to discard');
  assert.deepEqual(problems, []);
});

test('after Upload and Cancel, focus goes to the outcome and back to the file field', async () => {
  const { page } = await signedIn('Vinoth', { viewport: { width: 390, height: 740 } });
  await page.goto(env.api.url + '/me/edit');
  const file = page.getByLabel('Choose a new photo');
  await file.setInputFiles({ name: 'holiday.jpg', mimeType: 'image/jpeg', buffer: jpeg });
  await page.getByText('Chosen: holiday.jpg').waitFor();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await focusReaches(page, 'photo-file');
  await file.setInputFiles({ name: 'me.jpg', mimeType: 'image/jpeg', buffer: jpeg });
  await page.getByRole('button', { name: 'Upload photo' }).click();
  await page.getByRole('status').filter({ hasText: 'Your new photo is saved.' }).waitFor();
  await focusReaches(page, 'photo-note');
});

test('the crop shows the circle the photo will be, names the file, and Escape cancels', async () => {
  const { page } = await signedIn('arjun');
  await page.goto(env.api.url + '/me/edit');
  await page.getByLabel('Choose a new photo').setInputFiles({ name: 'scan 2.jpg', mimeType: 'image/jpeg', buffer: jpeg });
  const preview = page.getByRole('img', { name: /circle/ });
  await preview.waitFor();
  await page.getByText('Chosen: scan 2.jpg').waitFor();
  // The corners, outside the circle, are dimmed; the middle is the photo as it is.
  // Outside the circle the photo is dimmed; inside it, as it is. Compared with the same
  // crop (the middle 540 px square of the 600×540 photo) drawn plainly.
  const [shownCorner, plainCorner, shownMiddle, plainMiddle] = await page.evaluate(async (base64) => {
    const preview = document.querySelector('canvas.crop-preview');
    const plain = document.createElement('canvas');
    plain.width = plain.height = preview.width;
    const image = await new Promise((ok) => {
      const i = new Image();
      i.onload = () => ok(i);
      i.src = `data:image/jpeg;base64,${base64}`;
    });
    plain.getContext('2d').drawImage(image, 30, 0, 540, 540, 0, 0, plain.width, plain.height);
    const at = (canvas, x, y) => Array.from(canvas.getContext('2d').getImageData(x, y, 1, 1).data.slice(0, 3));
    return [at(preview, 3, 3), at(plain, 3, 3), at(preview, 128, 128), at(plain, 128, 128)];
  }, jpeg.toString('base64'));
  const sum = (rgb) => rgb.reduce((a, b) => a + b, 0);
  assert.ok(sum(shownCorner) < sum(plainCorner) * 0.7 + 10, `corner dimmed: ${shownCorner} vs ${plainCorner}`);
  assert.ok(Math.abs(sum(shownMiddle) - sum(plainMiddle)) < 30, `middle as it is: ${shownMiddle} vs ${plainMiddle}`);
  await preview.focus();
  await page.keyboard.press('Escape');
  await preview.waitFor({ state: 'detached' });
  await focusReaches(page, 'photo-file');
  assert.equal(await page.getByText('Chosen: scan 2.jpg').count(), 0);
});

test('after an in-app navigation focus is on the new page\'s heading; the skip link moves focus into main', async () => {
  const { page } = await signedIn();
  await page.getByRole('main').getByRole('link', { name: 'Edit profile' }).click();
  await page.waitForURL('**/me/edit');
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
  assert.equal((await focused(page)).text, 'Edit profile');
  await page.goto(env.api.url + '/me');
  await page.getByRole('heading', { level: 1, name: 'Divya' }).waitFor();
  await page.keyboard.press('Tab');
  assert.equal((await focused(page)).text, 'Skip to content');
  await page.keyboard.press('Enter');
  assert.ok(await page.evaluate(() => document.getElementById('main').contains(document.activeElement)), 'focus is in main');
  await page.keyboard.press('Tab');
  assert.ok(await page.evaluate(() => document.getElementById('main').contains(document.activeElement)), 'and Tab goes on from there');
  assert.equal((await focused(page)).text, 'Edit profile');
});

test('sign-in: show the password (caret kept, hidden again on submit), a reset link when configured', async () => {
  const { page } = await openPage(await env.browser.newContext());
  await page.goto(env.api.url + '/login');
  // The app's own form, not the prerendered one it takes over (which has no Show button yet).
  await appStarted(page);
  const password = page.getByLabel('Password', { exact: true });
  await password.fill('demo1234');
  await password.evaluate((el) => el.setSelectionRange(3, 3));
  await page.getByRole('button', { name: 'Show password' }).click();
  assert.equal(await password.getAttribute('type'), 'text');
  assert.deepEqual(await password.evaluate((el) => [el.selectionStart, el.selectionEnd]), [3, 3], 'the caret stayed');
  assert.equal((await focused(page)).id, 'password', 'a pointer press leaves focus in the field');
  await page.getByRole('button', { name: 'Hide password' }).waitFor();
  await page.getByLabel('Username').fill('testpress');
  assert.equal(await page.getByRole('link', { name: 'Forgot password?' }).getAttribute('href'), '/forgot-password', "without a URL, the app's own reset page");
  await password.press('Enter');
  await page.waitForURL('**/me');

  // With password_reset_url in config.json: a link to it.
  const api = await deployedWith({ api_base: '', password_reset_url: 'https://demo.testpress.in/password/reset/' });
  const other = await openPage(await env.browser.newContext());
  await other.page.goto(api.url + '/login');
  const link = other.page.getByRole('link', { name: 'Forgot password?' });
  await appStarted(other.page);
  assert.equal(await link.getAttribute('href'), 'https://demo.testpress.in/password/reset/');
  await other.page.getByRole('button', { name: 'Show password' }).click();
  await other.page.getByRole('button', { name: 'Sign in' }).click();
  assert.equal(await other.page.getByLabel('Password', { exact: true }).getAttribute('type'), 'password', 'hidden again on submit');
});

test('the form is grouped under headings; states sorted, Others last, spelled right; nothing spills at 200% zoom', async () => {
  const { page } = await signedIn('testpress', { viewport: { width: 195, height: 600 } });
  await page.goto(env.api.url + '/me/edit');
  await page.getByLabel('First name').waitFor();
  for (const [legend, labels] of [
    ['Name', ['First name', 'Last name']], ['Contact', ['Phone']],
    ['Address', ['Address line 1', 'Address line 2', 'City', 'State', 'PIN code']], ['About you', ['Birth date', 'Gender']],
  ]) {
    const group = page.getByRole('group', { name: legend, exact: true });
    for (const label of labels) await group.getByLabel(label, { exact: true }).waitFor();
  }
  const states = await page.getByLabel('State').locator('option').allInnerTexts();
  assert.equal(states[0], 'Not set');
  assert.equal(states.at(-1), 'Others');
  const names = states.slice(1, -1);
  assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b)));
  assert.ok(names.includes('Telangana') && !names.includes('Telengana'));
  await page.getByLabel('State').selectOption({ label: 'Telangana' });
  const puts = [];
  page.on('request', (r) => { if (r.method() === 'PUT') puts.push(r.postDataJSON()); });
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByRole('status').filter({ hasText: 'Your profile has been saved.' }).waitFor();
  assert.deepEqual(puts, [{ state_choices: 36 }], 'the API\'s code');
  for (const path of ['/me/edit', '/me', '/login']) {
    if (path !== '/me/edit') await page.goto(env.api.url + path);
    await page.locator('main h1').waitFor();
    const spill = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(spill <= 0, `${path}: ${spill}px sideways at 195 px`);
  }
  const token = await page.evaluate(() => localStorage.getItem('testpress.token'));
  await fetch(`${env.api.url}/api/v2.2/users/17/`, { method: 'PUT', headers: { 'content-type': 'application/json', authorization: `JWT ${token}` }, body: '{"state_choices": 31}' });
});

test('the phone header: one row, 44 px targets, a menu that works with the keyboard, Sign out set apart', async () => {
  const { page, problems } = await signedIn('testpress', { viewport: { width: 320, height: 640 } });
  const header = await page.getByRole('banner').boundingBox();
  assert.ok(header.height <= 64, `one row (${header.height}px)`);
  for (const target of ['header .brand', 'header select', 'header .account-button']) {
    const box = await page.locator(target).boundingBox();
    assert.ok(box.height >= 44 && box.width >= 44, `${target}: ${box.width}×${box.height}`);
  }
  // Keyboard: to the avatar, open, through the menu, Escape back.
  const button = page.getByRole('banner').getByRole('button', { name: 'Account menu for Divya' });
  await button.focus();
  assert.equal(await button.getAttribute('aria-expanded'), 'false');
  await page.keyboard.press('Enter');
  assert.equal(await button.getAttribute('aria-expanded'), 'true');
  const menu = page.locator('#account-menu');
  await page.keyboard.press('Tab');
  assert.equal((await focused(page)).text, 'My profile');
  await page.keyboard.press('Tab');
  assert.equal((await focused(page)).text, 'Edit profile');
  await page.keyboard.press('Tab');
  assert.equal((await focused(page)).text, 'Devices');
  await page.keyboard.press('Tab');
  assert.equal((await focused(page)).text, 'Sign out');
  for (const name of ['My profile', 'Edit profile', 'Devices']) {
    const box = await menu.getByRole('link', { name }).boundingBox();
    assert.ok(box.height >= 44, `${name}: ${box.height}px tall`);
  }
  const last = await menu.getByRole('link', { name: 'Devices' }).boundingBox();
  const signOut = await menu.getByRole('button', { name: 'Sign out' }).boundingBox();
  assert.ok(signOut.height >= 44 && signOut.y - (last.y + last.height) >= 8, 'Sign out apart from the others');
  assert.ok(signOut.x >= 0 && signOut.x + signOut.width <= 320, 'the menu is on screen');
  await page.keyboard.press('Escape');
  await menu.waitFor({ state: 'hidden' });
  assert.equal(await button.evaluate((el) => el === document.activeElement), true, 'focus back on the avatar');
  // A click elsewhere closes it; a link in it goes there.
  await button.click();
  await page.getByRole('heading', { name: 'Details' }).click();
  await menu.waitFor({ state: 'hidden' });
  await (await accountMenu(page)).getByRole('link', { name: 'Edit profile' }).click();
  await page.waitForURL('**/me/edit');
  await menu.waitFor({ state: 'hidden' });
  // 200% text: the header stays one row and well under a third of the screen.
  await page.goto(env.api.url + '/me');
  await page.locator('main h1').waitFor();
  await page.evaluate(() => { document.documentElement.style.fontSize = '200%'; });
  const big = await page.getByRole('banner').boundingBox();
  assert.ok(big.height < 640 / 3, `at 200% text the header is ${big.height}px of 640`);
  assert.deepEqual(problems, []);
});
