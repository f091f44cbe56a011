// Hostile answers from the API, through the stand-in's fault injection: for sign-in, /me/,
// /users/{id}/ and the save, every kind of broken answer must leave a working app: no panic,
// a sentence for the student with a way forward, navigation intact, typed edits kept.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, signIn, DEMO, standInAndBrowser, viaMenu } from './harness.mjs';

let token;
const env = standInAndBrowser({
  setup: async () => {
    token = await fetch(`${env.api.url}/api/v2.2/auth-token/`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(DEMO),
    }).then((r) => r.json()).then((b) => b.token);
  },
});
beforeEach(() => env.api.clearFaults());

const MB = 1024 * 1024;
/** Answers that can never be read as what the app asked for. */
const BROKEN = {
  'malformed JSON': { body: '{"id": 17, "username": "testp' },
  'an empty body': { body: '' },
  'an HTML error page with status 200': { body: '<html><body><h1>Oops</h1></body></html>', content_type: 'text/html' },
  'a body of 5 MB': { body: 'x', body_repeat: 5 * MB },
  'a JSON list instead of an object': { body: '[1, 2, 3]' },
  '500': { status: 500, body: '{"detail": "A server error occurred."}' },
  '502 with an HTML page': { status: 502, body: '<html>Bad Gateway</html>', content_type: 'text/html' },
  '503 with an empty body': { status: 503, body: '' },
  '504': { status: 504, body: 'Gateway Timeout', content_type: 'text/plain' },
  '429 with a wait': { status: 429, headers: { 'Retry-After': '30' }, body: '{"detail": "Request was throttled."}' },
  '429 without a wait': { status: 429, body: '' },
  'a redirect to another origin': { status: 302, headers: { Location: 'http://127.0.0.2:9/steal' }, body: '' },
  '418 (a status nobody expects)': { status: 418, body: 'teapot', content_type: 'text/plain' },
};

/** What the student must read: a sentence, never code or debug text. */
async function assertSentence(page, where) {
  const alert = page.getByRole('alert').first();
  await alert.waitFor();
  const text = (await alert.innerText()).trim();
  assert.ok(text.length > 20 && /[.!]/.test(text), `${where}: "${text}"`);
  assert.ok(!/[{}[\]]|Error\(|panicked|undefined|null|NaN|ApiError/.test(text), `${where}: debug text in "${text}"`);
  return text;
}

/** A tab whose app starts with the token already stored (no sign-in form on the way). */
async function withStoredToken(viewport) {
  const context = await env.browser.newContext();
  await context.addInitScript((t) => localStorage.setItem('testpress.token', t), token);
  return openPage(context, viewport);
}

/** Still navigable: the header takes the student to their profile. */
async function assertNavigable(page) {
  await env.api.clearFaults();
  await viaMenu(page, 'My profile');
  await page.getByRole('heading', { level: 1, name: 'Divya' }).waitFor();
}

for (const [name, fault] of Object.entries(BROKEN)) {
  test(`sign-in answered with ${name}`, async () => {
    const { page, problems } = await openPage(await env.browser.newContext());
    await page.goto(env.api.url + '/login');
    await env.api.fault({ path: '/api/v2.2/auth-token/', ...fault });
    await page.getByLabel('Username').fill('testpress');
    await page.getByLabel('Password', { exact: true }).fill('demo1234');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await assertSentence(page, `sign-in, ${name}`);
    assert.equal(await page.getByLabel('Username').inputValue(), 'testpress', 'typed values kept');
    assert.equal(await page.getByRole('button', { name: 'Sign in' }).isEnabled(), true, 'can try again');
    await env.api.clearFaults();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/me');
    assert.deepEqual(problems.filter((p) => !/ERR_|net::/.test(p)), []);
  });

  test(`/me answered with ${name}`, async () => {
    const { page, problems } = await withStoredToken();
    await env.api.fault({ path: '/api/v2.2/me/', method: 'GET', ...fault });
    await page.goto(env.api.url + '/me');
    await assertSentence(page, `/me, ${name}`);
    await env.api.clearFaults();
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('heading', { level: 1, name: 'Divya' }).waitFor();
    assert.deepEqual(problems.filter((p) => !/ERR_|net::/.test(p)), []);
  });

  test(`a user's page answered with ${name}`, async () => {
    const { page, problems } = await withStoredToken();
    await page.goto(env.api.url + '/me');
    await page.getByRole('heading', { level: 1, name: 'Divya' }).waitFor();
    await env.api.fault({ path: '/api/v2.2/users/19/', method: 'GET', ...fault });
    await page.goto(env.api.url + '/users/19');
    await assertSentence(page, `/users/19, ${name}`);
    await assertNavigable(page);
    assert.deepEqual(problems.filter((p) => !/ERR_|net::/.test(p)), []);
  });

  test(`a save answered with ${name} keeps every typed value`, async () => {
    const { page, problems } = await withStoredToken();
    await page.goto(env.api.url + '/me/edit');
    await page.getByLabel('City').fill('Vellore');
    await page.getByLabel('Address line 2').fill('Opposite the fort');
    await env.api.fault({ path: '/api/v2.2/users/17/', method: 'PUT', ...fault });
    await page.getByRole('button', { name: 'Save changes' }).click();
    await assertSentence(page, `save, ${name}`);
    assert.equal(await page.getByLabel('City').inputValue(), 'Vellore');
    assert.equal(await page.getByLabel('Address line 2').inputValue(), 'Opposite the fort');
    assert.equal(await page.getByRole('button', { name: 'Save changes' }).isEnabled(), true);
    // Leaving asks first (the edits are unsaved), and the app still moves on when told to.
    page.once('dialog', (d) => d.accept());
    await assertNavigable(page);
    assert.deepEqual(problems.filter((p) => !/ERR_|net::/.test(p)), []);
  });
}

/** Answers that are odd but readable: the app shows what it can. */
test('/me with nulls everywhere, wrong types and unknown codes still shows a profile', async () => {
  const { page, problems } = await withStoredToken();
  const weird = {
    id: 17, username: 'testpress', display_name: null, first_name: null, last_name: 42, email: null, phone: ['9'],
    birth_date: '1994-13-45', gender: 'Robot', state: null, state_choices: 99, batches: [null, 7, { name: 'Night Batch' }],
    large_image: null, medium_image: 'javascript:alert(1)', small_image: 'data:image/png;base64,AAAA',
    x_small_image: 'not a url', mini_image: 'http://mixed.example/a.jpg', extra: { nested: [1, 2] },
  };
  await env.api.fault({ path: '/api/v2.2/me/', method: 'GET', body: JSON.stringify(weird) });
  await page.goto(env.api.url + '/me');
  await page.getByRole('heading', { level: 1, name: '42' }).waitFor();
  const terms = await page.locator('dl.details dt').allInnerTexts();
  const values = await page.locator('dl.details dd').allInnerTexts();
  const value = (t) => values[terms.indexOf(t)];
  assert.ok(value('Gender').startsWith('Not provided'), value('Gender'));
  assert.ok(value('State').startsWith('Not provided'), value('State'));
  assert.equal(value('Birth date'), '1994-13-45', 'an impossible date is shown as sent, not reformatted');
  assert.deepEqual(await page.getByRole('region', { name: 'Batches' }).getByRole('listitem').allInnerTexts(), ['Night Batch']);
  assert.equal(await page.getByRole('main').locator('img').count(), 0, 'no image from javascript:, data: or garbage URLs');
  assert.deepEqual(problems, []);
});

/** No answer at all: the browser's network layer refuses the connection. */
for (const [name, pattern, setup, act] of [
  ['sign-in', '**/api/v2.2/auth-token/', async (page) => { await page.goto(env.api.url + '/login'); },
    async (page) => {
      await page.getByLabel('Username').fill('testpress');
      await page.getByLabel('Password', { exact: true }).fill('demo1234');
      await page.getByRole('button', { name: 'Sign in' }).click();
    }],
  ['/me', '**/api/v2.2/me/', async () => {}, async (page) => { await page.goto(env.api.url + '/me'); }],
  ['a user\'s page', '**/api/v2.2/users/19/', async () => {}, async (page) => { await page.goto(env.api.url + '/users/19'); }],
  ['a save', '**/api/v2.2/users/17/', async (page) => {
    await page.goto(env.api.url + '/me/edit');
    await page.getByLabel('City').fill('Erode');
  }, async (page) => { await page.getByRole('button', { name: 'Save changes' }).click(); }],
]) {
  test(`${name} with the connection refused`, async () => {
    const { page, problems } = name === 'sign-in' ? await openPage(await env.browser.newContext()) : await withStoredToken();
    await setup(page);
    await page.route(pattern, (route) => (route.request().method() === 'OPTIONS' ? route.continue() : route.abort('connectionrefused')));
    await act(page);
    const text = await assertSentence(page, `${name}, refused`);
    // A page's own error screen calls "no answer at all" offline, unless another request
    // got an answer meanwhile (src/network.rs).
    assert.ok(/We couldn't reach Testpress|You're offline/.test(text), text);
    if (name === 'a save') assert.equal(await page.getByLabel('City').inputValue(), 'Erode');
    assert.deepEqual(problems.filter((p) => !/ERR_|net::/.test(p)), []);
  });
}

test('a request that never gets an answer is given up after 20 s, with a message and Retry', async () => {
  const { page, problems } = await withStoredToken();
  await page.goto(env.api.url + '/me');
  await page.getByRole('heading', { level: 1, name: 'Divya' }).waitFor();
  await env.api.fault({ path: '/api/v2.2/users/19/', method: 'GET', delay_ms: 60_000, times: 1 });
  await page.goto(env.api.url + '/users/19');
  const alert = page.getByRole('alert');
  await alert.getByText('Testpress is taking too long to answer. Please try again in a moment.').waitFor({ timeout: 30_000 });
  await alert.getByRole('button', { name: 'Try again' }).click();
  await page.getByRole('heading', { level: 1, name: 'Priya Raman' }).waitFor();
  assert.deepEqual(problems.filter((p) => !/ERR_|net::/.test(p)), []);
});
