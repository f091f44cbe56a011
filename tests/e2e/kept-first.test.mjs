// Kept copy first: on a repeat visit /me and the edit page show the profile kept on this
// device at once, marked "Updating…", and the server's answer takes its place without
// anything moving; a failing server keeps the copy (and says so), a refusal about access
// does not, and nobody ever sees another student's copy.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO, accountMenu, headerAvatar, signIn, signedInPage, standInAndBrowser, storedToken, detail, PHONE_390, PHONE_320, catalogue, fill, openPage } from './harness.mjs';

const env = standInAndBrowser();
beforeEach(() => env.api.clearFaults());

/** Changes `username`'s profile on the server, as another device would. */
async function changeOnServer(username, id, fields) {
  const token = await env.api.token(username);
  const r = await fetch(`${env.api.url}/api/v2.2/users/${id}/`, {
    method: 'PUT', headers: { 'content-type': 'application/json', authorization: `JWT ${token}` }, body: JSON.stringify(fields),
  });
  assert.equal(r.status, 200, await r.text());
}

const updating = (page) => page.getByRole('status').filter({ hasText: /^Updating…$/ });
const keptKeys = (page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('testpress.kept-profile.')));
const marks = (page) => page.evaluate(() => Object.fromEntries(
  ['profile-rendered', 'profile-fresh'].map((m) => [m, performance.getEntriesByName(m).map((e) => e.startTime)])));

test('a repeat visit shows the kept profile at once, "Updating…", then the fresh one in the same place', async () => {
  const { page, problems } = await signedInPage(env, 'priya');
  await page.getByRole('heading', { level: 1, name: 'Priya Raman' }).waitFor();
  await detail(page, 'City').getByText('Kochi').waitFor();
  await changeOnServer('priya', 19, { city: 'Madurai' });
  await env.api.fault({ path: '/api/v2.2/me/', method: 'GET', delay_ms: 5000, times: 1 });
  const started = Date.now();
  await page.reload();
  await updating(page).waitFor();
  await page.getByRole('heading', { level: 1, name: 'Priya Raman' }).waitFor();
  assert.equal(await detail(page, 'City').innerText(), 'Kochi', 'the kept copy, while the server is asked');
  assert.ok(Date.now() - started < 4000, `shown before /me/ answered (${Date.now() - started} ms)`);
  assert.ok(await headerAvatar(page, 'Priya Raman').isVisible(), 'the header has the student too');
  const heading = await page.locator('main h1').boundingBox();
  const first = await marks(page);
  assert.equal(first['profile-rendered'].length, 1, 'profile-rendered fired for the kept copy');
  assert.deepEqual(first['profile-fresh'], [], 'not fresh yet');

  await detail(page, 'City').getByText('Madurai').waitFor({ timeout: 10_000 });
  await updating(page).waitFor({ state: 'detached' });
  assert.deepEqual(await page.locator('main h1').boundingBox(), heading, 'the profile did not move');
  const second = await marks(page);
  assert.deepEqual(second['profile-rendered'], first['profile-rendered'], 'fired once');
  assert.equal(second['profile-fresh'].length, 1);
  assert.deepEqual(problems, []);
});

test('the edit form opens from the kept copy; the fresh answer fills untouched fields and keeps what was typed', async () => {
  const { page, problems } = await signedInPage(env, 'meera');
  await page.getByRole('heading', { level: 1, name: 'Meera Krishnan' }).waitFor();
  await changeOnServer('meera', 21, { city: 'Karaikal' });
  await env.api.fault({ path: '/api/v2.2/me/', method: 'GET', delay_ms: 4000, times: 1 });
  await page.goto(env.api.url + '/me/edit');
  await updating(page).waitFor();
  assert.equal(await page.getByLabel('City').inputValue(), 'Puducherry', 'the kept copy');
  await page.getByLabel('Address line 2').fill('Near the beach');
  await page.evaluate(() => { document.querySelector('form.profile-form').dataset.e2eSame = 'yes'; });
  await updating(page).waitFor({ state: 'detached', timeout: 10_000 });
  await page.waitForFunction(() => document.getElementById('city')?.value === 'Karaikal');
  assert.equal(await page.getByLabel('Address line 2').inputValue(), 'Near the beach', 'typed text kept');
  assert.equal(await page.locator('form.profile-form[data-e2e-same="yes"]').count(), 1, 'the form was not rebuilt');
  // Saving sends only what the student changed.
  const puts = [];
  page.on('request', (r) => { if (r.method() === 'PUT') puts.push(r.postDataJSON()); });
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByRole('status').filter({ hasText: 'Your profile has been saved.' }).waitFor();
  assert.deepEqual(puts, [{ address2: 'Near the beach' }]);
  assert.deepEqual(problems, []);
});

for (const [name, fault] of [
  ['a 503', { status: 503, body: '<html>Service Unavailable</html>', content_type: 'text/html' }],
  ['an answer that is not JSON', { status: 200, body: '{"id": 18, "usern' }],
]) {
  test(`${name} on /me keeps the kept copy, says the server failed, and Try again recovers`, async () => {
    const { page, problems } = await signedInPage(env, 'Vinoth');
    await page.getByRole('heading', { level: 1, name: 'Vinoth Kumar' }).waitFor();
    await env.api.fault({ path: '/api/v2.2/me/', method: 'GET', times: 1, ...fault });
    await page.reload();
    const line = page.getByRole('status').filter({ hasText: 'Testpress is having trouble right now. This is your profile as of' });
    await line.waitFor();
    await page.getByRole('heading', { level: 1, name: 'Vinoth Kumar' }).waitFor();
    assert.equal(await detail(page, 'City').innerText(), 'Bengaluru');
    assert.equal(await page.getByRole('alert').count(), 0, 'no error screen instead of the profile');
    await headerAvatar(page, 'Vinoth Kumar').waitFor();
    assert.equal(await page.locator('header .avatar-header.skeleton').count(), 0, 'the header avatar is not an empty circle');
    await line.getByRole('button', { name: 'Try again' }).click();
    await line.waitFor({ state: 'detached' });
    await updating(page).waitFor({ state: 'detached' });
    await page.getByRole('heading', { level: 1, name: 'Vinoth Kumar' }).waitFor();
    assert.deepEqual(problems, []);
  });
}

for (const phone of [PHONE_390, PHONE_320]) {
  test(`a 502 on /me on a ${phone.viewport.width} px phone in Tamil: the kept profile stays, with its line, and the header avatar`, async () => {
    const words = catalogue('ta');
    const context = await env.browser.newContext({ ...phone, locale: 'ta-IN' });
    const { page, problems } = await openPage(context);
    await page.goto(env.api.url + '/login');
    await signIn(page, { username: 'Vinoth', password: DEMO.password }, words);
    await page.getByRole('heading', { level: 1, name: 'Vinoth Kumar' }).waitFor();
    await env.api.fault({ path: '/api/v2.2/me/', method: 'GET', times: 1, status: 502, body: '<html>Bad gateway</html>', content_type: 'text/html' });
    await page.reload();
    const trouble = words.ServerTroubleCopy.split('{time}')[0].trim();
    await page.getByRole('status').filter({ hasText: trouble }).waitFor();
    await page.getByRole('heading', { level: 1, name: 'Vinoth Kumar' }).waitFor();
    assert.equal(await page.getByRole('alert').count(), 0, 'no error screen instead of the profile');
    await page.getByRole('banner').getByRole('button', { name: fill(words.AccountMenuFor, { name: 'Vinoth Kumar' }) }).waitFor();
    assert.equal(await page.locator('header .avatar-header.skeleton').count(), 0, 'the header avatar is not an empty circle');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= phone.viewport.width, `nothing spills sideways: ${width} px`);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('a refusal about access replaces the kept copy; a 401 ends the session and forgets it', async () => {
  const { page } = await signedInPage(env, 'testpress');
  await page.getByRole('heading', { level: 1, name: 'Divya' }).waitFor();
  // Each fault is for the next /me/ only: none of the app's own may still be on its way
  // (here the heading came from /me/'s answer; after a reload, "Updating…" goes with it).
  await env.api.fault({
    path: '/api/v2.2/me/', method: 'GET', status: 403, times: 1,
    body: JSON.stringify({ detail: { error_code: 'parallel_login_restriction', title: 'Signed in elsewhere', message: 'You are signed in on another device.' } }),
  });
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Signed in on too many devices' }).waitFor();
  assert.equal(await page.getByRole('heading', { name: 'Divya' }).count(), 0, 'the copy is not shown over the refusal');
  assert.deepEqual(await keptKeys(page), ['testpress.kept-profile.17'], 'still signed in: the copy stays for later');

  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Divya' }).waitFor();
  await updating(page).waitFor({ state: 'detached' });
  await env.api.fault({ path: '/api/v2.2/me/', method: 'GET', status: 401, body: '{"detail": "Signature has expired."}', times: 1 });
  await page.reload();
  await page.waitForURL((url) => url.pathname === '/login');
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  assert.deepEqual(await keptKeys(page), []);
  assert.equal(await storedToken(page), null);
});

test('another student signing in on the same browser never sees the last one\'s kept profile', async () => {
  const { page, problems } = await signedInPage(env, 'testpress');
  await page.getByRole('heading', { level: 1, name: 'Divya' }).waitFor();
  assert.deepEqual(await keptKeys(page), ['testpress.kept-profile.17']);
  await (await accountMenu(page)).getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL('**/login');
  assert.deepEqual(await keptKeys(page), [], 'signing out forgets the copy');

  await env.api.fault({ path: '/api/v2.2/me/', method: 'GET', delay_ms: 3000, times: 1 });
  await signIn(page, { username: 'arjun', password: DEMO.password });
  await page.waitForURL('**/me');
  await page.getByRole('status').filter({ hasText: 'Loading profile…' }).waitFor();
  assert.equal(await page.getByText('Divya').count(), 0, 'nothing of the last student while loading');
  assert.equal(await updating(page).count(), 0, 'no copy to update');
  await page.getByRole('heading', { level: 1, name: 'Arjun' }).waitFor({ timeout: 10_000 });

  // A copy filed under Arjun's id that is someone else's is refused, and removed.
  await page.evaluate(() => {
    const text = localStorage.getItem('testpress.kept-profile.20');
    localStorage.setItem('testpress.kept-profile.20', text.replace('"id":20', '"id":17').replace(/Arjun/g, 'Divya'));
  });
  await env.api.fault({ path: '/api/v2.2/me/', method: 'GET', delay_ms: 3000, times: 1 });
  await page.reload();
  await page.getByRole('status').filter({ hasText: 'Loading profile…' }).waitFor();
  assert.equal(await page.getByText('Divya').count(), 0);
  await page.getByRole('heading', { level: 1, name: 'Arjun' }).waitFor({ timeout: 10_000 });
  assert.deepEqual(problems, []);
});
