// Sign-in, the session, my profile, a user's page and avatars, against the stand-in API.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, signIn, signedInPage, standInAndBrowser, accountMenu, viaMenu, headerAvatar, markDocument, isSameDocument, DEMO, detail, focusReaches, apiRequestHeaders } from './harness.mjs';

const env = standInAndBrowser();
beforeEach(async () => {
  await env.api.clearFaults();
  await env.api.settings({ token_ttl_secs: 7 * 24 * 3600 });
});

const TOKEN_KEY = 'testpress.token';


test('signing in as testpress shows Divya\'s details and her 11 batches', async () => {
  const { page, problems, httpErrors } = await signedInPage(env);
  await page.getByRole('heading', { level: 1, name: 'Divya' }).waitFor();
  for (const [term, value] of [
    ['Username', 'testpress'], ['Email', 'testpress.in@gmail.com'], ['Phone', '9043570576'],
    ['Birth date', '27 Aug 1994'], ['Gender', 'Female'], ['Address', 'Chennai, Chennai'],
    ['City', 'Chennai'], ['State', 'Tamil Nadu'], ['PIN code', '600069'],
  ]) {
    assert.equal(await detail(page, term).textContent(), value, term);
  }
  const batches = page.getByRole('region', { name: 'Batches' }).getByRole('listitem');
  assert.equal(await batches.count(), 11);
  assert.equal(await batches.first().textContent(), 'EEE');
  assert.ok(await page.getByRole('link', { name: 'Edit profile' }).first().isVisible());
  // The header shows her avatar, which opens her menu.
  const avatar = headerAvatar(page, 'Divya');
  assert.equal(await avatar.locator('img').getAttribute('alt'), 'Divya');
  assert.equal(await avatar.locator('img').getAttribute('sizes'), '32px');
  assert.deepEqual([...problems, ...httpErrors], []);
});

test('a sparse profile reads "Not provided", and each empty row\'s "Add" opens the form at that field', async () => {
  const context = await env.browser.newContext();
  const { page, problems } = await openPage(context);
  await page.goto(env.api.url + '/login');
  await signIn(page, { username: 'arjun', password: 'demo1234' });
  await page.getByRole('heading', { level: 1, name: 'Arjun' }).waitFor();
  for (const term of ['Birth date', 'Gender', 'Address', 'City', 'State', 'PIN code']) {
    assert.equal(await detail(page, term).locator('span').first().textContent(), 'Not provided', term);
    assert.equal(await detail(page, term).getByRole('link', { name: `Add ${term}` }).textContent(), 'Add', term);
  }
  await page.getByText('Not in any batch yet.').waitFor();
  assert.equal(await page.getByRole('main').getByRole('img', { name: 'Arjun' }).textContent(), 'A', 'initials avatar');
  for (const [term, id] of [['City', 'city'], ['Address', 'address1'], ['State', 'state_choices'], ['Gender', 'gender']]) {
    await detail(page, term).getByRole('link', { name: `Add ${term}` }).click();
    await page.waitForURL(`**/me/edit?field=${id}`);
    await page.waitForFunction((id) => document.activeElement?.id === id, id);
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Arjun' }).waitFor();
  }
  assert.deepEqual(problems, []);
});

test('addresses with a trailing slash open the same pages; the menu marks the page shown; a new page starts at the top', async () => {
  const { page, problems } = await signedInPage(env, DEMO.username, { viewport: { width: 360, height: 560 } });
  await page.goto(env.api.url + '/users/18/');
  await page.getByRole('heading', { level: 1, name: 'Vinoth Kumar' }).waitFor();
  await page.goto(env.api.url + '/me/');
  await page.getByRole('heading', { level: 1, name: 'Divya' }).waitFor();
  const current = async (name) => (await accountMenu(page)).getByRole('link', { name, exact: true }).getAttribute('aria-current');
  assert.equal(await current('My profile'), 'page', '/me/ is My profile');
  assert.equal(await current('Edit profile'), null);
  await page.keyboard.press('Escape');
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  assert.ok(await page.evaluate(() => window.scrollY) > 0, 'scrolled down');
  // A click where the link is, without scrolling back to it first.
  await page.getByRole('main').getByRole('link', { name: 'Edit profile' }).evaluate((link) => link.click());
  await page.waitForURL('**/me/edit');
  await page.getByLabel('City').waitFor();
  assert.equal(await page.evaluate(() => window.scrollY), 0, 'the new page starts at the top');
  assert.equal(await current('Edit profile'), 'page');
  assert.equal(await current('My profile'), null);
  await page.keyboard.press('Escape');
  await page.goBack();
  await page.waitForURL(env.api.url + '/me/');
  await page.getByRole('heading', { level: 1, name: 'Divya' }).waitFor();
  await page.goForward();
  await page.waitForURL('**/me/edit');
  await page.getByLabel('City').waitFor();
  assert.deepEqual(problems, []);
});

test('another user\'s page shows public fields only, with an initials avatar when there is no photo', async () => {
  const { page, problems } = await signedInPage(env);
  await page.goto(env.api.url + '/users/18');
  await page.getByRole('heading', { level: 1, name: 'Vinoth Kumar' }).waitFor();
  await page.getByText('@Vinoth').waitFor();
  const main = page.getByRole('main');
  assert.equal(await main.getByText('vinoth.kumar@example.com').count(), 0, 'no email');
  assert.equal(await main.getByText('Bengaluru').count(), 0, 'no city');
  const avatar = main.getByRole('img', { name: 'Vinoth Kumar' });
  assert.equal(await avatar.textContent(), 'VK');
  assert.equal(await main.locator('img').count(), 0, 'no <img> without a photo');
  assert.deepEqual(problems, []);
});

test('one\'s own id goes to /me; unknown and non-numeric ids say there is no such student', async () => {
  const { page, problems, httpErrors } = await signedInPage(env);
  await page.goto(env.api.url + '/users/17');
  await page.waitForURL('**/me');
  await page.getByRole('heading', { level: 1, name: 'Divya' }).waitFor();
  for (const path of ['/users/999', '/users/abc', '/users/0']) {
    await page.goto(env.api.url + path);
    await page.getByRole('heading', { name: 'No such student' }).waitFor();
  }
  assert.deepEqual(problems, []);
  assert.equal(httpErrors.length, 1, 'only /users/999 reached the server');
});

test('a network failure on a user\'s page says so and Retry recovers', async () => {
  const { page, problems } = await signedInPage(env);
  // The browser's network layer fails the request: no answer at all reaches the app.
  await page.route('**/api/v2.2/users/19/', (route) => route.abort('connectionrefused'));
  await page.goto(env.api.url + '/users/19');
  const alert = page.getByRole('alert');
  // Only this request goes unanswered (Testpress answers others): not offline.
  await alert.getByRole('heading', { level: 1, name: "Testpress can't be reached" }).waitFor();
  await alert.getByText("We couldn't reach Testpress. Check your internet connection and try again.").waitFor();
  await page.unroute('**/api/v2.2/users/19/');
  await alert.getByRole('button', { name: 'Try again' }).click();
  await page.getByRole('heading', { level: 1, name: 'Priya Raman' }).waitFor();
  assert.equal(await page.getByRole('alert').count(), 0);
  assert.deepEqual(problems.filter((p) => !p.includes('ERR_CONNECTION_REFUSED')), []);
});

test('a 503 on /me says Testpress is having trouble and Retry recovers', async () => {
  const context = await env.browser.newContext();
  const { page } = await openPage(context);
  await page.goto(env.api.url + '/login');
  await env.api.fault({ path: '/api/v2.2/me/', status: 503, body: '<html>Service Unavailable</html>', content_type: 'text/html', times: 1 });
  await signIn(page);
  const alert = page.getByRole('alert');
  await alert.getByText('Testpress is having trouble right now. Please try again in a few minutes.').waitFor();
  await alert.getByRole('button', { name: 'Try again' }).click();
  await page.getByRole('heading', { level: 1, name: 'Divya' }).waitFor();
});

test('a wrong password says what to check, in plain words, and keeps the student on sign-in', async () => {
  const context = await env.browser.newContext();
  const { page, problems } = await openPage(context);
  await page.goto(env.api.url + '/login');
  await page.getByLabel('Username').fill('testpress');
  await page.getByLabel('Password', { exact: true }).fill('not-the-password');
  await page.getByLabel('Password', { exact: true }).press('Enter');
  await page.getByRole('alert').getByText("That username and password don't match. Check both for typing mistakes (the password is case-sensitive) and try again.").waitFor();
  assert.equal(new URL(page.url()).pathname, '/login');
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), TOKEN_KEY), null);
  assert.equal(await page.getByLabel('Username').inputValue(), 'testpress', 'what was typed is kept');
  assert.deepEqual(problems, []);
});

test('empty fields are refused before any request, and the first is focused', async () => {
  const context = await env.browser.newContext();
  const { page } = await openPage(context);
  const posts = [];
  page.on('request', (r) => { if (r.url().includes('/auth-token/')) posts.push(r.url()); });
  await page.goto(env.api.url + '/login');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('Enter your username.').waitFor();
  await page.getByText('Enter your password.').waitFor();
  await focusReaches(page, 'username');
  assert.equal(await page.getByLabel('Username').getAttribute('aria-invalid'), 'true');
  assert.deepEqual(posts, []);
});

test('throttling and server errors at sign-in are explained in words', async () => {
  const context = await env.browser.newContext();
  const { page, problems } = await openPage(context);
  await page.goto(env.api.url + '/login');
  await env.api.fault({ path: '/api/v2.2/auth-token/', status: 429, headers: { 'Retry-After': '38' }, body: '{"detail": "Request was throttled. Expected available in 38 seconds."}', times: 1 });
  await signInAttempt(page);
  await page.getByRole('alert').getByText('Too many attempts. Please wait 38 seconds and try again.').waitFor();
  await env.api.fault({ path: '/api/v2.2/auth-token/', status: 500, body: 'Internal Server Error', content_type: 'text/plain', times: 1 });
  await signInAttempt(page);
  await page.getByRole('alert').getByText('Testpress is having trouble right now. Please try again in a few minutes.').waitFor();
  await env.api.fault({ path: '/api/v2.2/auth-token/', body: '<html>not json</html>', content_type: 'text/html', times: 1 });
  await signInAttempt(page);
  await page.getByRole('alert').getByText("Testpress sent an answer we couldn't read. Please try again in a few minutes.").waitFor();
  // And then it works.
  await signInAttempt(page);
  await page.waitForURL('**/me');
  assert.deepEqual(problems, []);
});

async function signInAttempt(page) {
  await page.getByLabel('Username').fill('testpress');
  await page.getByLabel('Password', { exact: true }).fill('demo1234');
  const answered = page.waitForResponse('**/auth-token/');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await answered;
}

test('the sign-in button is disabled while signing in', async () => {
  const context = await env.browser.newContext();
  const { page } = await openPage(context);
  await page.goto(env.api.url + '/login');
  await env.api.fault({ path: '/api/v2.2/auth-token/', delay_ms: 1500, times: 1 });
  await page.getByLabel('Username').fill('testpress');
  await page.getByLabel('Password', { exact: true }).fill('demo1234');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const busy = page.getByRole('button', { name: 'Signing in…' });
  await busy.waitFor();
  assert.equal(await busy.isDisabled(), true);
  await page.waitForURL('**/me');
});

test('an expired token sends the student to sign in with a message, then back to the same page', async () => {
  const context = await env.browser.newContext();
  const { page, problems } = await openPage(context);
  await env.api.settings({ token_ttl_secs: 12 }); // the app treats the last 10 s as expired
  await page.goto(env.api.url + '/login?next=%2Fusers%2F19');
  await signIn(page);
  await page.waitForURL('**/users/19');
  await page.getByRole('heading', { level: 1, name: 'Priya Raman' }).waitFor();
  await env.api.settings({ token_ttl_secs: 7 * 24 * 3600 });
  await page.waitForTimeout(2500);
  await page.reload();
  await page.waitForURL(env.api.url + '/login?next=%2Fusers%2F19');
  await page.getByRole('status').getByText('Your session has expired. Please sign in again.').waitFor();
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), TOKEN_KEY), null, 'the expired token is gone');
  await signIn(page);
  await page.waitForURL('**/users/19');
  await page.getByRole('heading', { level: 1, name: 'Priya Raman' }).waitFor();
  assert.deepEqual(problems, []);
});

test('a 401 from the server mid-session signs out and returns the student afterwards', async () => {
  const { page, problems } = await signedInPage(env);
  await env.api.fault({ path: '/api/v2.2/users/21/', status: 401, body: '{"detail": "Signature has expired."}', times: 1 });
  await page.goto(env.api.url + '/users/21');
  await page.waitForURL(env.api.url + '/login?next=%2Fusers%2F21');
  await page.getByText('Your session has expired. Please sign in again.').waitFor();
  await signIn(page);
  await page.getByRole('heading', { level: 1, name: 'Meera Krishnan' }).waitFor();
  assert.deepEqual(problems, []);
});

test('a 403 with a Testpress error code shows the server\'s title and message, on its own screen', async () => {
  const { page } = await signedInPage(env);
  await env.api.fault({
    path: '/api/v2.2/users/20/', status: 403, times: 1,
    body: JSON.stringify({ detail: { error_code: 'parallel_login_restriction', title: 'Signed in elsewhere', message: 'You are signed in on another device.' } }),
  });
  await page.goto(env.api.url + '/users/20');
  await page.getByRole('alert').getByText('Signed in elsewhere: You are signed in on another device.').waitFor();
  await page.getByRole('heading', { level: 1, name: 'Signed in on too many devices' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/users/20', 'not signed out');
});

test('any other 403 is a refusal: the server\'s words, or a plain sentence, and the student stays signed in', async () => {
  const { page, problems } = await signedInPage(env);
  await page.getByRole('heading', { level: 1, name: 'Divya' }).waitFor();
  await env.api.fault({ path: '/api/v2.2/users/20/', status: 403, times: 1, body: JSON.stringify({ detail: 'You do not have permission to view this.' }) });
  await page.goto(env.api.url + '/users/20');
  await page.getByRole('alert').getByText('You do not have permission to view this.').waitFor();
  assert.equal(new URL(page.url()).pathname, '/users/20', 'not signed out');
  await env.api.fault({ path: '/api/v2.2/users/19/', status: 403, times: 1, body: '' });
  await page.goto(env.api.url + '/users/19');
  await page.getByRole('alert').getByText("It looks like you don't have access to this.").waitFor();
  assert.equal(new URL(page.url()).pathname, '/users/19', 'not signed out');
  assert.notEqual(await page.evaluate((k) => localStorage.getItem(k), TOKEN_KEY), null, 'the token is kept');
  await viaMenu(page, 'My profile');
  await page.getByRole('heading', { level: 1, name: 'Divya' }).waitFor();
  assert.deepEqual(problems, []);
});

test('a 403 saying the credentials are bad ends the session, like a 401', async () => {
  const { page, problems } = await signedInPage(env);
  await page.getByRole('heading', { level: 1, name: 'Divya' }).waitFor();
  await env.api.fault({ path: '/api/v2.2/users/18/', status: 403, times: 1, body: JSON.stringify({ detail: 'Authentication credentials were not provided.' }) });
  await page.goto(env.api.url + '/users/18');
  await page.waitForURL(env.api.url + '/login?next=%2Fusers%2F18');
  await page.getByText('Your session has expired. Please sign in again.').waitFor();
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), TOKEN_KEY), null);
  assert.deepEqual(problems, []);
});

test('a 401 from sign-in names the username and password, not a session', async () => {
  const context = await env.browser.newContext();
  const { page, problems } = await openPage(context);
  await page.goto(env.api.url + '/login');
  await env.api.fault({ path: '/api/v2.2/auth-token/', status: 401, times: 1, body: JSON.stringify({ message: 'Invalid credentials' }) });
  await signInAttempt(page);
  await page.getByRole('alert').getByText("That username and password don't match. Check both for typing mistakes (the password is case-sensitive) and try again.").waitFor();
  assert.equal(await page.getByText('Your session has expired').count(), 0);
  assert.equal(new URL(page.url()).pathname, '/login');
  await signInAttempt(page);
  await page.waitForURL('**/me');
  assert.deepEqual(problems, []);
});

test('API requests carry no cookies of the site', async () => {
  const context = await env.browser.newContext();
  await context.addCookies([{ name: 'institute_session', value: 'secret', url: env.api.url }]);
  const { page, problems } = await openPage(context);
  const apiHeaders = apiRequestHeaders(page);
  await page.goto(env.api.url + '/login');
  await signIn(page);
  await page.getByRole('heading', { level: 1, name: 'Divya' }).waitFor();
  const sent = (await apiHeaders()).map(({ url, headers }) => [url, headers.cookie ?? null]);
  assert.ok(sent.some(([url]) => url.endsWith('/api/v2.2/auth-token/')) && sent.some(([url]) => url.endsWith('/api/v2.2/me/')), JSON.stringify(sent));
  assert.deepEqual(sent.filter(([, cookie]) => cookie !== null), [], 'no cookie on any API call');
  assert.deepEqual(problems, []);
});

test('signing out in one tab signs out the other; signing in there signs this one in', async () => {
  const { context, page: first } = await signedInPage(env);
  const { page: second, problems } = await openPage(context);
  await second.goto(env.api.url + '/users/18');
  await second.getByRole('heading', { level: 1, name: 'Vinoth Kumar' }).waitFor();
  await markDocument(second);

  await (await accountMenu(first)).getByRole('button', { name: 'Sign out' }).click();
  await first.waitForURL('**/login');
  await second.waitForURL(env.api.url + '/login?next=%2Fusers%2F18');
  await second.getByRole('heading', { name: 'Sign in' }).waitFor();

  await signIn(first);
  await second.waitForURL('**/users/18');
  await second.getByRole('heading', { level: 1, name: 'Vinoth Kumar' }).waitFor();
  assert.ok(await isSameDocument(second), 'the second tab followed without reloading');
  assert.deepEqual(problems, []);
});

test('a garbage token in localStorage leads to a clean sign-in page', async () => {
  const context = await env.browser.newContext();
  const { page, problems, httpErrors } = await openPage(context);
  for (const garbage of ['garbage', 'a.b.c', '{"token": 1}', 'x'.repeat(100000)]) {
    await page.goto(env.api.url + '/login');
    await page.evaluate(([k, v]) => localStorage.setItem(k, v), [TOKEN_KEY, garbage]);
    await page.goto(env.api.url + '/me');
    await page.waitForURL('**/login');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    assert.equal(await page.evaluate((k) => localStorage.getItem(k), TOKEN_KEY), null);
    assert.equal(await page.getByRole('status').filter({ hasText: /\S/ }).count(), 0, 'no "expired" message for garbage');
  }
  assert.deepEqual([...problems, ...httpErrors], []);
});

test('next= only returns to paths of this app', async () => {
  const context = await env.browser.newContext();
  const { page } = await openPage(context);
  await page.goto(env.api.url + '/login?next=' + encodeURIComponent('//evil.example/steal'));
  await signIn(page);
  await page.waitForURL(env.api.url + '/me', { waitUntil: 'commit' });
});

test('with storage blocked the session lives in the tab, and a notice says so', async () => {
  const context = await env.browser.newContext();
  await context.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('blocked', 'SecurityError'); } });
  });
  const { page, problems } = await openPage(context);
  await page.goto(env.api.url + '/login');
  await page.getByText('you will stay signed in only while this tab is open').waitFor();
  await signIn(page);
  await page.getByRole('heading', { level: 1, name: 'Divya' }).waitFor();
  await viaMenu(page, 'Edit profile');
  await page.getByRole('heading', { level: 1, name: 'Edit profile' }).waitFor();
  await viaMenu(page, 'My profile');
  await page.getByRole('heading', { level: 1, name: 'Divya' }).waitFor();
  assert.deepEqual(problems, []);
});

test('the profile avatar loads a smaller file on a phone than on a wide screen', async () => {
  const sources = {};
  for (const width of [360, 1280]) {
    const { page } = await signedInPage(env, DEMO.username, { viewport: { width, height: 800 } });
    const avatar = page.getByRole('main').getByRole('img', { name: 'Divya' });
    await avatar.waitFor();
    await page.waitForFunction(() => {
      const img = document.querySelector('main img.avatar');
      return img && img.complete && img.naturalWidth > 0;
    });
    sources[width] = await avatar.evaluate((img) => ({ src: img.currentSrc, natural: img.naturalWidth, shown: img.getBoundingClientRect().width }));
  }
  assert.notEqual(sources[360].src, sources[1280].src);
  assert.ok(sources[360].natural < sources[1280].natural, JSON.stringify(sources));
  assert.deepEqual([sources[360].natural, sources[1280].natural], [128, 256]);
  assert.deepEqual([sources[360].shown, sources[1280].shown], [128, 256], 'the slot is the size sizes= promises');
});

test('an avatar whose file fails to load falls back to initials', async () => {
  const { page, problems, httpErrors } = await signedInPage(env);
  await page.goto(env.api.url + '/users/19');
  await page.getByRole('heading', { level: 1, name: 'Priya Raman' }).waitFor();
  // Break every image file, then load the page afresh.
  await page.route('**/media/**', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Priya Raman' }).waitFor();
  const initials = page.getByRole('main').locator('span[role=img]', { hasText: 'PR' });
  await initials.waitFor();
  assert.equal(await initials.getAttribute('aria-label'), 'Priya Raman');
  assert.equal(await page.getByRole('main').locator('img').count(), 0);
  assert.deepEqual(problems, []);
  assert.ok(httpErrors.every((e) => e.includes('404')));
});
