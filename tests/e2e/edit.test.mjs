// Editing the profile against the stand-in API: saving, validation, failures that keep
// every typed value, drafts across reloads and sign-ins, and the unsaved-changes prompt.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { signIn, DEMO, standInAndBrowser, viaMenu, accountMenu, headerAvatar, editingPage, focusReaches } from './harness.mjs';

const env = standInAndBrowser();
beforeEach(() => env.api.clearFaults());

const LABELS = ['First name', 'Last name', 'Phone', 'Birth date', 'Gender', 'Address line 1',
  'Address line 2', 'City', 'State', 'PIN code'];

/** Signed in as `username`, on the edit page once its form is up (harness.mjs). */
const editing = (username = 'testpress', options = {}) => editingPage(env, { username, options });

test('the form is prefilled, labelled, and carries autocomplete and inputmode hints', async () => {
  const { page, problems } = await editing('testpress');
  const expected = {
    'First name': ['Divya', 'given-name', null], 'Last name': ['', 'family-name', null],
    Phone: ['9043570576', 'tel', 'tel'],
    'Birth date': ['1994-08-27', 'bday', null], 'Address line 1': ['Chennai', 'address-line1', null],
    'Address line 2': ['Chennai', 'address-line2', null], City: ['Chennai', 'address-level2', null],
    'PIN code': ['600069', 'postal-code', 'numeric'],
  };
  for (const [label, [value, autocomplete, inputmode]] of Object.entries(expected)) {
    const input = page.getByLabel(label, { exact: true });
    assert.equal(await input.inputValue(), value, label);
    assert.equal(await input.getAttribute('autocomplete'), autocomplete, label);
    assert.equal(await input.getAttribute('inputmode'), inputmode, label);
  }
  assert.equal(await page.getByLabel('Birth date').getAttribute('type'), 'date');
  assert.equal(await page.getByLabel('Gender').inputValue(), '2');
  assert.equal(await page.getByLabel('State').inputValue(), '31');
  assert.equal(await page.getByLabel('State').locator('option').count(), 38, '37 states and "Not set"');
  // Email is shown, not an input: no official app lets a student change it.
  assert.equal(await page.getByLabel('Email').count(), 0);
  await page.getByText('testpress.in@gmail.com', { exact: true }).waitFor();
  assert.deepEqual(problems, []);
});

test('changing the names saves them, updates /me and the header at once, and survives a reload', async () => {
  const { page, puts, problems } = await editing('priya');
  await page.getByLabel('First name').fill('Priyanka');
  await page.getByLabel('Last name').fill('Raman-Iyer');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByRole('status').filter({ hasText: 'Your profile has been saved.' }).waitFor();
  assert.deepEqual(puts, [{ first_name: 'Priyanka', last_name: 'Raman-Iyer' }], 'only the changed fields are sent');
  await headerAvatar(page, 'Priyanka Raman-Iyer').waitFor();
  await viaMenu(page, 'My profile');
  await page.getByRole('heading', { level: 1, name: 'Priyanka Raman-Iyer' }).waitFor();
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Priyanka Raman-Iyer' }).waitFor();
  const stored = await env.api.profileOf('priya');
  assert.deepEqual([stored.first_name, stored.last_name, stored.display_name], ['Priyanka', 'Raman-Iyer', 'Priyanka Raman-Iyer']);
  assert.deepEqual(problems, []);
});

test('gender, state, birth date and PIN are saved as the API\'s codes', async () => {
  const { page, puts } = await editing('arjun');
  await page.getByLabel('Gender').selectOption({ label: 'Male' });
  await page.getByLabel('State').selectOption({ label: 'West Bengal' });
  await page.getByLabel('Birth date').fill('2002-01-31');
  await page.getByLabel('PIN code').fill('700016');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByRole('status').filter({ hasText: 'Your profile has been saved.' }).waitFor();
  assert.deepEqual(puts, [{ gender: 1, state_choices: 35, birth_date: '2002-01-31', zip: '700016' }]);
  const stored = await env.api.profileOf('arjun');
  assert.deepEqual([stored.gender, stored.state, stored.birth_date, stored.zip], ['Male', 'West Bengal', '2002-01-31', '700016']);
});

test('invalid phone and PIN show inline errors, focus the first, and send nothing', async () => {
  const { page, puts, problems } = await editing('testpress');
  await page.getByLabel('Phone').fill('12345');
  await page.getByLabel('PIN code').fill('6000');
  await page.getByLabel('PIN code').press('Enter');
  await page.getByText('Enter a phone number of exactly 10 digits.').waitFor();
  await page.getByText('Enter a PIN code of exactly 6 digits.').waitFor();
  await focusReaches(page, 'phone');
  assert.equal(await page.getByLabel('Phone').getAttribute('aria-invalid'), 'true');
  const describedBy = await page.getByLabel('Phone').getAttribute('aria-describedby');
  assert.ok(describedBy.includes('phone-error'));
  assert.deepEqual(puts, []);
  // Fixing a field clears its message as the student types.
  await page.getByLabel('Phone').fill('9043570577');
  assert.equal(await page.getByText('Enter a phone number of exactly 10 digits.').count(), 0);
  assert.deepEqual(problems, []);
});

test('a blurred field is checked at once', async () => {
  const { page } = await editing('testpress');
  await page.getByLabel('Phone').fill('');
  await page.getByLabel('Phone').blur();
  await page.getByText('Enter your phone number.').waitFor();
});

test('a server-side field error appears beside its field, and the general one by the Save button', async () => {
  const { page } = await editing('testpress');
  await env.api.fault({
    path: '/api/v2.2/users/17/', method: 'PUT', status: 400, times: 1,
    body: JSON.stringify({ phone: ['This phone number is already registered.'], non_field_errors: ['Please review your details.'] }),
  });
  await page.getByLabel('Phone').fill('9000000001');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.locator('#phone-error').getByText('This phone number is already registered.').waitFor();
  await page.getByRole('alert').getByText('Please review your details.').waitFor();
  assert.equal(await page.getByLabel('Phone').getAttribute('aria-invalid'), 'true');
  await focusReaches(page, 'phone');
  assert.equal(await page.getByLabel('Phone').inputValue(), '9000000001');
});

test('a network failure, a timeout-like 5xx and a 429 during save keep every typed value', async () => {
  const { page, problems } = await editing('meera');
  await page.getByLabel('First name').fill('Meenakshi');
  await page.getByLabel('City').fill('Karaikal');
  await page.getByLabel('Address line 2').fill('Near the temple 🛕');

  await page.route('**/api/v2.2/users/21/', (route) => route.request().method() === 'PUT' ? route.abort('internetdisconnected') : route.continue());
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByRole('alert').getByText("We couldn't reach Testpress. Check your internet connection and try again. Your changes are still here; save again when you're ready.").waitFor();
  await page.unroute('**/api/v2.2/users/21/');

  await env.api.fault({ path: '/api/v2.2/users/21/', method: 'PUT', status: 502, body: '<html>Bad Gateway</html>', content_type: 'text/html', times: 1 });
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByRole('alert').getByText(/Testpress is having trouble right now/).waitFor();

  await env.api.fault({ path: '/api/v2.2/users/21/', method: 'PUT', status: 429, headers: { 'Retry-After': '20' }, body: '{"detail": "Request was throttled."}', times: 1 });
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByRole('alert').getByText(/Please wait 20 seconds/).waitFor();

  assert.equal(await page.getByLabel('First name').inputValue(), 'Meenakshi');
  assert.equal(await page.getByLabel('City').inputValue(), 'Karaikal');
  assert.equal(await page.getByLabel('Address line 2').inputValue(), 'Near the temple 🛕');
  assert.equal((await env.api.profileOf('meera')).first_name, 'Meera', 'nothing was saved');

  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByRole('status').filter({ hasText: 'Your profile has been saved.' }).waitFor();
  assert.equal((await env.api.profileOf('meera')).city, 'Karaikal');
  assert.deepEqual(problems.filter((p) => !p.includes('ERR_INTERNET_DISCONNECTED')), []);
});

test('the save button is disabled while saving', async () => {
  const { page } = await editing('testpress');
  await env.api.fault({ path: '/api/v2.2/users/17/', method: 'PUT', delay_ms: 1500, times: 1 });
  await page.getByLabel('City').fill('Madurai');
  await page.getByRole('button', { name: 'Save changes' }).click();
  const busy = page.getByRole('button', { name: 'Saving…' });
  await busy.waitFor();
  assert.equal(await busy.isDisabled(), true);
  await page.getByRole('status').filter({ hasText: 'Your profile has been saved.' }).waitFor();
});

test('a reload mid-edit brings the draft back; Discard clears it', async () => {
  const { page } = await editing('Vinoth');
  await page.getByLabel('City').fill('Mysuru');
  await page.getByLabel('Gender').selectOption({ label: 'Transgender' });
  await page.reload();
  await page.getByText("We restored the changes you hadn't saved yet.").waitFor();
  assert.equal(await page.getByLabel('City').inputValue(), 'Mysuru');
  assert.equal(await page.getByLabel('Gender').inputValue(), '3');
  await page.getByRole('button', { name: 'Discard changes' }).click();
  assert.equal(await page.getByLabel('City').inputValue(), 'Bengaluru');
  await page.reload();
  await page.getByLabel('City').waitFor();
  assert.equal(await page.getByLabel('City').inputValue(), 'Bengaluru');
  assert.equal(await page.getByText("We restored the changes you hadn't saved yet.").count(), 0);
});

test('a save the institute refuses keeps the student signed in, on the form, with every typed value', async () => {
  const { page, problems } = await editing('testpress');
  await page.getByLabel('City').fill('Thanjavur');
  await env.api.fault({
    path: '/api/v2.2/users/17/', method: 'PUT', status: 403, times: 1,
    body: '{"detail": "You do not have permission to perform this action."}',
  });
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByRole('alert').getByText('You do not have permission to perform this action.', { exact: false }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/me/edit', 'not signed out');
  assert.equal(await page.getByLabel('City').inputValue(), 'Thanjavur');
  // No loop: the next save goes through, still signed in.
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByRole('status').filter({ hasText: 'Your profile has been saved.' }).waitFor();
  assert.equal((await env.api.profileOf('testpress')).city, 'Thanjavur');
  assert.deepEqual(problems, []);
});

test('a session that expires mid-edit: sign in again and the draft is back', async () => {
  const { page, problems } = await editing('testpress');
  await page.getByLabel('Address line 1').fill('12 Anna Salai');
  await env.api.fault({ path: '/api/v2.2/users/17/', method: 'PUT', status: 401, body: '{"detail": "Signature has expired."}', times: 1 });
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.waitForURL(env.api.url + '/login?next=%2Fme%2Fedit');
  await page.getByText('Your session has expired. Please sign in again.').waitFor();
  await signIn(page);
  await page.waitForURL('**/me/edit');
  await page.getByText("We restored the changes you hadn't saved yet.").waitFor();
  assert.equal(await page.getByLabel('Address line 1').inputValue(), '12 Anna Salai');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByRole('status').filter({ hasText: 'Your profile has been saved.' }).waitFor();
  assert.equal((await env.api.profileOf('testpress')).address1, '12 Anna Salai');
  assert.deepEqual(problems, []);
});

test('a token that expires on the clock while editing: Save leads to sign-in, then the draft', async () => {
  await env.api.settings({ token_ttl_secs: 12 }); // the app treats the last 10 s as expired
  try {
    const { page, puts, problems } = await editing('meera');
    await page.getByLabel('City').fill('Tiruchirappalli');
    await page.waitForTimeout(2500);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL(env.api.url + '/login?next=%2Fme%2Fedit');
    await page.getByText('Your session has expired. Please sign in again.').waitFor();
    assert.deepEqual(puts, [], 'an expired token is not sent');
    await env.api.settings({ token_ttl_secs: 7 * 24 * 3600 });
    await signIn(page, { username: 'meera', password: DEMO.password });
    await page.getByText("We restored the changes you hadn't saved yet.").waitFor();
    assert.equal(await page.getByLabel('City').inputValue(), 'Tiruchirappalli');
    assert.deepEqual(problems, []);
  } finally {
    await env.api.settings({ token_ttl_secs: 7 * 24 * 3600 });
  }
});

test('leaving with unsaved changes asks first, in the app and when closing the tab', async () => {
  const { page } = await editing('testpress');
  await page.getByLabel('City').fill('Coimbatore');
  const dialogs = [];
  page.once('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  await viaMenu(page, 'My profile');
  await page.waitForTimeout(300);
  assert.equal(new URL(page.url()).pathname, '/me/edit', 'stayed');
  assert.equal(await page.getByLabel('City').inputValue(), 'Coimbatore');
  assert.deepEqual(dialogs, ['You have unsaved changes. Leave this page without saving them?']);

  const unload = new Promise((resolve) => page.once('dialog', (d) => { resolve(d.type()); d.dismiss(); }));
  await page.close({ runBeforeUnload: true });
  assert.equal(await unload, 'beforeunload');
});

test('with nothing changed, leaving does not ask', async () => {
  const { page } = await editing('testpress');
  let asked = false;
  page.on('dialog', (d) => { asked = true; d.dismiss(); });
  await viaMenu(page, 'My profile');
  await page.waitForURL('**/me');
  assert.equal(asked, false);
});

test('on a 320 px phone the form fits and works with the keyboard alone', async () => {
  const { page, puts } = await editing('testpress', { viewport: { width: 320, height: 700 } });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no sideways scrolling (${overflow}px)`);
  for (const label of LABELS) {
    const box = await page.getByLabel(label, { exact: true }).boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= 320, `${label} fits`);
  }
  await page.getByLabel('First name').focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Divya S');
  // Tab through the whole form: every field in order, then the save button.
  const visited = [];
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    // innerText: the words shown (the Save button also holds its hidden "Saving…").
    const here = await page.evaluate(() => document.activeElement.id || document.activeElement.innerText.trim());
    if (visited.at(-1) !== here) visited.push(here);
    if (here === 'Save changes') break;
  }
  assert.deepEqual(visited, ['last_name', 'phone', 'address1', 'address2', 'city', 'state_choices', 'zip',
    'birth_date', 'gender', 'Save changes']);
  await page.keyboard.press('Enter');
  await page.getByRole('status').filter({ hasText: 'Your profile has been saved.' }).waitFor();
  assert.deepEqual(puts, [{ first_name: 'Divya S' }]);
});

test('signing out with unsaved changes asks first; then the draft is gone', async () => {
  const { page } = await editing('testpress');
  await page.getByLabel('City').fill('Salem');
  await page.waitForFunction(() => Object.keys(sessionStorage).some((k) => k.startsWith('testpress.draft.')));
  const asked = [];
  page.once('dialog', (d) => { asked.push(d.message()); d.dismiss(); });
  await (await accountMenu(page)).getByRole('button', { name: 'Sign out' }).click();
  await page.waitForTimeout(200);
  assert.deepEqual(asked, ['You have unsaved changes. Leave this page without saving them?']);
  assert.equal(new URL(page.url()).pathname, '/me/edit', 'cancelled: still signed in, still editing');
  assert.equal(await page.getByLabel('City').inputValue(), 'Salem');
  page.once('dialog', (d) => d.accept());
  await (await accountMenu(page)).getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL('**/login');
  assert.deepEqual(await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('testpress.draft.'))), []);
});

test('"leave anyway" leaves the changes behind: no draft comes back next time', async () => {
  const { page } = await editing('testpress');
  const saved = (await env.api.profileOf('testpress')).city;
  await page.getByLabel('City').fill('Erode');
  await page.waitForFunction(() => Object.keys(sessionStorage).some((k) => k.startsWith('testpress.draft.')));
  page.once('dialog', (d) => d.accept());
  await viaMenu(page, 'My profile');
  await page.waitForURL('**/me');
  await viaMenu(page, 'Edit profile');
  await page.getByLabel('City').waitFor();
  assert.equal(await page.getByLabel('City').inputValue(), saved);
  assert.equal(await page.getByText("We restored the changes you hadn't saved yet.").count(), 0);
});

test('leaving mid-save takes the request with it: aborted, no draft kept, and /me reads what the server holds', async () => {
  const { page, problems } = await editing('Vinoth');
  const held = (await env.api.profileOf('Vinoth')).city;
  await env.api.fault({ path: '/api/v2.2/users/18/', method: 'PUT', delay_ms: 4000, times: 1 });
  const aborted = new Promise((resolve) => page.on('requestfailed', (r) => {
    if (r.method() === 'PUT') resolve(r.failure()?.errorText);
  }));
  await page.getByLabel('City').fill('Hubballi');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByRole('button', { name: 'Saving…' }).waitFor();
  // Still unsaved at this moment: asked, and the student chose to leave without saving.
  page.once('dialog', (d) => d.accept());
  const reread = page.waitForResponse((r) => r.request().method() === 'GET' && new URL(r.url()).pathname === '/api/v2.2/me/');
  await viaMenu(page, 'My profile');
  await page.waitForURL('**/me');
  assert.equal(await aborted, 'net::ERR_ABORTED', 'the PUT went away with the edit page');
  // The abort leaves unknown whether the server saved it: /me asks again, and shows that.
  await reread;
  await page.getByRole('definition').filter({ hasText: new RegExp(`^${held}$`) }).first().waitFor();
  assert.equal(await page.getByRole('definition').filter({ hasText: /^Hubballi$/ }).count(), 0);
  await viaMenu(page, 'Edit profile');
  await page.getByLabel('City').waitFor();
  assert.equal(await page.getByLabel('City').inputValue(), held, 'left without saving: no draft comes back');
  assert.equal(await page.getByText("We restored the changes you hadn't saved yet.").count(), 0);
  assert.deepEqual(problems, []);
});

test('leaving mid-upload takes the photo\'s request with it too, and /me reads the profile again', async () => {
  const { page, problems } = await editing('priya');
  const token = await page.evaluate(() => localStorage.getItem('testpress.token'));
  const me = await fetch(`${env.api.url}/api/v2.2/me/`, { headers: { authorization: `JWT ${token}` } }).then((r) => r.json());
  const photo = await fetch(me.photo).then((r) => r.arrayBuffer());
  await env.api.fault({ path: '/api/v2.2/users/*', method: 'PUT', delay_ms: 4000, times: 1 });
  const aborted = new Promise((resolve) => page.on('requestfailed', (r) => {
    if (r.method() === 'PUT') resolve(r.failure()?.errorText);
  }));
  await page.getByLabel('Choose a new photo').setInputFiles({ name: 'p.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(photo) });
  await page.getByRole('button', { name: 'Upload photo' }).click();
  await page.getByRole('button', { name: 'Uploading…' }).waitFor();
  page.once('dialog', (d) => d.accept()); // the chosen photo is not saved yet
  const reread = page.waitForResponse((r) => r.request().method() === 'GET' && new URL(r.url()).pathname === '/api/v2.2/me/');
  await viaMenu(page, 'My profile');
  await page.waitForURL('**/me');
  assert.equal(await aborted, 'net::ERR_ABORTED', 'the upload went away with the edit page');
  await reread;
  await page.getByRole('heading', { level: 1 }).waitFor();
  assert.deepEqual(problems, []);
});

test('the form is not rebuilt by a save or a new photo: the same fields, focus and typing stay', async () => {
  const { page } = await editing('priya');
  // Mark the live input elements; a rebuilt form would have new ones.
  await page.evaluate(() => { for (const el of document.querySelectorAll('form input, form select')) el.dataset.marked = 'yes'; });
  await page.getByLabel('City').fill('Nagercoil');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByRole('status').filter({ hasText: 'Your profile has been saved.' }).waitFor();
  assert.equal(await page.locator('form [data-marked="yes"]').count(), 10, 'every field is the same element');
  // Typing, then a photo upload (which changes the shared profile) keeps the typing.
  await page.getByLabel('Address line 2').fill('Behind the bus stand');
  const photo = await fetch(`${env.api.url}/api/v2.2/me/`, {
    headers: { authorization: `JWT ${await page.evaluate(() => localStorage.getItem('testpress.token'))}` },
  }).then((r) => r.json()).then((me) => fetch(me.photo)).then((r) => r.arrayBuffer());
  await page.getByLabel('Choose a new photo').setInputFiles({ name: 'p.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(photo) });
  await page.getByRole('button', { name: 'Upload photo' }).click();
  await page.getByRole('status').filter({ hasText: 'Your new photo is saved.' }).waitFor();
  assert.equal(await page.getByLabel('Address line 2').inputValue(), 'Behind the bus stand');
  assert.equal(await page.locator('form [data-marked="yes"]').count(), 10);
});
