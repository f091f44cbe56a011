// The app against a server that answers as Testpress's own clients show the real one does
// (../shared/api/CONTRACT.md): a 403 is a refusal, not a sign-out; sign-out reaches the
// server; devices and the parallel-login restriction; the institute's settings; password
// reset; what a student may edit; no cookies on API calls.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, signIn, standInAndBrowser, signedInPage, storedToken, eventually, accountMenu, DEMO, focusReaches, apiRequestHeaders } from './harness.mjs';

const env = standInAndBrowser();
beforeEach(async () => {
  await env.api.clearFaults();
  await env.api.instituteSettings(null);
  await env.api.control('PUT', 'settings', { max_parallel_logins: null, devices_per_page: 20 });
});

const me = (token) => fetch(`${env.api.url}/api/v2.2/me/`, { headers: { authorization: `JWT ${token}` } });

test('a refused save (403) says so by the button, keeps the typing, and leaves the student signed in', async () => {
  const { page, problems } = await signedInPage(env, 'priya');
  await env.api.fault({ preset: 'permission_denied', path: '/api/v2.2/users/19/', method: 'PUT' });
  await page.goto(env.api.url + '/me/edit');
  await page.getByLabel('City').fill('Madurai');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByRole('alert').getByText('You do not have permission to perform this action.').waitFor();
  assert.equal(await page.getByLabel('City').inputValue(), 'Madurai', 'what was typed is kept');
  assert.equal(new URL(page.url()).pathname, '/me/edit', 'still on the form, not sent to sign-in');
  assert.ok(await storedToken(page), 'still signed in');
  // No loop: the next page still works with the same session.
  await env.api.clearFaults();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByRole('status').getByText('Your profile has been saved.').waitFor();
  assert.deepEqual(problems, []);
});

test('a 401 from sign-in names the username and password, not an expired session', async () => {
  const context = await env.browser.newContext();
  const { page } = await openPage(context);
  await env.api.fault({ path: '/api/v2.2/auth-token/', status: 401, body: JSON.stringify({ detail: 'Invalid credentials.' }) });
  await page.goto(env.api.url + '/login');
  await page.getByLabel('Username').fill('testpress');
  await page.getByLabel('Password', { exact: true }).fill('wrong');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').getByText("That username and password don't match.", { exact: false }).waitFor();
  assert.equal(await page.getByText('Your session has expired').count(), 0);
  await context.close();
});

test('signing out reaches the server at once, without waiting for its answer', async () => {
  const { page, context } = await signedInPage(env, 'arjun');
  const token = await storedToken(page);
  // A logout that takes 8 s to answer must not hold the student up.
  await env.api.fault({ path: '/api/v2.4/auth/logout/', delay_ms: 8000 });
  await env.api.control('DELETE', 'logouts');
  const menu = await accountMenu(page);
  await menu.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  assert.equal(await storedToken(page), null);
  const logouts = await eventually(async () => (await env.api.logouts()).filter((l) => l.path.endsWith('/auth/logout/')), 'the logout call');
  assert.equal(logouts.length, 1);
  assert.equal(logouts[0].status, null, 'the sign-in page was up while the server still worked on the logout');
  await env.api.clearFaults();
  await eventually(async () => (await me(token)).status === 401, 'the old token to be refused');
  await context.close();
});

test('offline, signing out still signs out here', async () => {
  const { page, context } = await signedInPage(env, 'meera');
  await context.setOffline(true);
  await (await accountMenu(page)).getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  assert.equal(await storedToken(page), null);
  await context.setOffline(false);
  await context.close();
});

test('signing out in one tab ends the session on the server and in the other tab', async () => {
  const { page, context } = await signedInPage(env, 'Vinoth');
  const token = await storedToken(page);
  const other = await openPage(context);
  await other.page.goto(env.api.url + '/me');
  await other.page.locator('main h1').waitFor();
  await (await accountMenu(page)).getByRole('button', { name: 'Sign out' }).click();
  await other.page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await eventually(async () => (await me(token)).status === 401, 'the server to end the session');
  await context.close();
});

test('a 401 ends the session here and sends its token to the server\'s logout', async () => {
  const { page, context } = await signedInPage(env, 'arjun');
  const token = await storedToken(page);
  await env.api.control('DELETE', 'logouts');
  await env.api.fault({ path: '/api/v2.2/me/', status: 401, body: JSON.stringify({ detail: 'Signature has expired.' }), times: 1 });
  await page.reload();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await page.getByText('Your session has expired. Please sign in again.').waitFor();
  assert.equal(await storedToken(page), null);
  await eventually(async () => (await env.api.logouts()).length === 1, 'the logout call');
  // The stand-in records the call as it arrives; the session ends when it is handled.
  await eventually(async () => (await me(token)).status === 401, 'the session ended on the server too');
  await context.close();
});

test('devices: the list as a person reads it, page by page, and signing out the others', async () => {
  await env.api.control('PUT', 'settings', { devices_per_page: 2 });
  const seeded = await env.api.seedSessions([
    { username: 'testpress', user_agent: 'Generic Smartphone / Android / okhttp 3.4.1', last_used_secs_ago: 3 * 3600 },
    { username: 'testpress', user_agent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36', last_used_secs_ago: 2 * 86400 },
  ]);
  const { page, problems, context } = await signedInPage(env, 'testpress');
  await (await accountMenu(page)).getByRole('link', { name: 'Devices' }).click();
  await page.getByRole('heading', { name: 'Signed-in devices', level: 1 }).waitFor();
  const list = page.getByRole('list').filter({ has: page.getByText('This device') });
  await list.getByRole('listitem').nth(1).waitFor();
  assert.equal(await list.getByRole('listitem').count(), 2, 'the first page only');
  const first = list.getByRole('listitem').first();
  assert.match(await first.innerText(), /Chrome on Linux\s+This device/);
  assert.match(await first.innerText(), /Last used now/);
  assert.match(await list.getByRole('listitem').nth(1).innerText(), /Testpress app on Android[\s\S]*Last used 3 hours ago · Place: IN/);
  await page.getByRole('button', { name: 'Show more devices' }).click();
  await list.getByRole('listitem').nth(2).waitFor();
  await focusReaches(page, 'device-2', 'focus on the first new entry');
  assert.match(await list.getByRole('listitem').nth(2).innerText(), /Chrome on Windows[\s\S]*Last used 2 days ago/);
  assert.equal(await page.getByRole('button', { name: 'Show more devices' }).count(), 0, 'no more pages');

  await page.getByRole('button', { name: 'Sign out of all other devices' }).click();
  const confirm = page.getByRole('button', { name: 'Yes, sign them out' });
  await confirm.waitFor();
  await focusReaches(page, confirm, 'focus moves to the answer');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('button', { name: 'Sign out of all other devices' }).click();
  await page.getByRole('button', { name: 'Yes, sign them out' }).click();
  await page.getByRole('status').getByText("You're now signed out of every other device.").waitFor();
  await page.getByText("You aren't signed in on any other device.").waitFor();
  await focusReaches(page, 'signed-out-others', 'focus on what happened');
  for (const s of seeded) assert.equal((await me(s.token)).status, 401, 'the other devices are signed out');
  assert.equal((await me(await storedToken(page))).status, 200, 'this device is not');
  assert.deepEqual(problems, []);
  await context.close();
});

test('too many devices: the screen says so, lists them, and the student carries on after signing the others out', async () => {
  await env.api.control('PUT', 'settings', { max_parallel_logins: 1 });
  const [elsewhere] = await env.api.seedSessions([
    { username: 'priya', user_agent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1', last_used_secs_ago: 600 },
  ]);
  const { page, problems, context } = await signedInPage(env, 'priya');
  await page.getByRole('heading', { name: 'Signed in on too many devices', level: 1 }).waitFor();
  assert.ok(await storedToken(page), 'a refusal, not a sign-out');
  await page.getByRole('link', { name: 'See your devices' }).click();
  await page.getByRole('heading', { name: 'Signed-in devices' }).waitFor();
  await page.getByText('Safari on iOS').waitFor();
  await page.getByRole('button', { name: 'Sign out of all other devices' }).click();
  await page.getByRole('button', { name: 'Yes, sign them out' }).click();
  await page.getByRole('link', { name: 'Continue' }).click();
  await page.waitForURL('**/me');
  await page.getByRole('heading', { name: 'Priya', exact: false, level: 1 }).waitFor();
  assert.equal((await me(elsewhere.token)).status, 401);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a locked account and a device the institute does not allow get their own screens and a way forward', async () => {
  await env.api.instituteSettings({ cooloff_time: '6' });
  const { page, context } = await signedInPage(env, 'meera');
  await env.api.fault({ preset: 'max_login_exceeded', path: '/api/v2.2/me/' });
  await page.reload();
  await page.getByRole('heading', { name: 'Account locked', level: 1 }).waitFor();
  await page.getByText('It will unlock by itself within 6 hours.').waitFor();
  await env.api.clearFaults();
  await env.api.fault({ preset: 'device_already_bound', path: '/api/v2.2/me/', nested: true });
  await page.reload();
  await page.getByRole('heading', { name: 'Device already bound', level: 1 }).waitFor();
  await page.getByRole('button', { name: 'Sign in with a different account' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  assert.equal(await storedToken(page), null);
  await context.close();
});

test('a locked account at sign-in gets its screen on the sign-in page', async () => {
  const context = await env.browser.newContext();
  const { page } = await openPage(context);
  await env.api.fault({ preset: 'max_login_exceeded', path: '/api/v2.2/auth-token/' });
  await page.goto(env.api.url + '/login');
  await page.getByLabel('Username').fill('meera');
  await page.getByLabel('Password', { exact: true }).fill(DEMO.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Account locked', level: 2 }).waitFor();
  assert.equal(await page.locator('h1').count(), 1, 'one page title');
  await context.close();
});

test('the institute turns editing and photos off: no way in, and /me/edit says why', async () => {
  await env.api.instituteSettings({ allow_profile_edit: false });
  const { page, context, problems } = await signedInPage(env, 'arjun');
  // The settings arrive after start: the edit entries are gone once they have.
  await eventually(async () => (await page.getByRole('link', { name: /^Add / }).count()) === 0, 'the Add links to go');
  await accountMenu(page);
  assert.equal(await page.getByRole('link', { name: 'Edit profile' }).count(), 0);
  await page.goto(env.api.url + '/me/edit');
  await page.getByRole('heading', { name: 'Editing is turned off', level: 1 }).waitFor();
  assert.equal(await page.getByLabel('First name').count(), 0);

  await env.api.instituteSettings({ allow_profile_edit: true, enable_user_photo: false });
  await page.reload();
  await page.getByLabel('First name').waitFor();
  await eventually(async () => (await page.getByLabel('Choose a new photo').count()) === 0, 'the photo chooser to go');
  assert.deepEqual(problems, []);
  await context.close();
});

test('sign-in follows the institute: its labels, its reset page, or none', async () => {
  const context = await env.browser.newContext();
  const { page } = await openPage(context);
  await env.api.instituteSettings({ login_label: 'Email or phone', login_password_label: 'PIN' });
  await page.goto(env.api.url + '/login');
  await page.getByLabel('Email or phone').waitFor();
  await page.getByLabel('PIN', { exact: true }).fill(DEMO.password);
  await page.getByLabel('Email or phone').fill(DEMO.username);
  assert.equal(await page.getByRole('link', { name: 'Forgot password?' }).getAttribute('href'), '/forgot-password');

  const settingsAnswer = () => page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v2.3/settings/');
  await env.api.instituteSettings({ custom_forgot_password_url: 'https://institute.example/reset' });
  let answered = settingsAnswer();
  await page.reload();
  await answered;
  await eventually(async () => (await page.getByRole('link', { name: 'Forgot password?' }).getAttribute('href')) === 'https://institute.example/reset', 'the custom link');
  await env.api.instituteSettings({ custom_forgot_password_url: null, disable_forgot_password: true });
  answered = settingsAnswer();
  await page.reload();
  await answered;
  await eventually(async () => (await page.getByRole('link', { name: 'Forgot password?' }).count()) === 0, 'the link to go');
  // Its address typed by hand: the page says the institute does not offer it.
  await page.goto(env.api.url + '/forgot-password');
  await page.getByText("Your institute doesn't offer a password reset here. Ask your institute for help.").waitFor();
  assert.equal(await page.getByRole('button', { name: 'Send reset link' }).count(), 0);
  await context.close();
});

test('forgot password in the app: checks the address, shows the server\'s word, then "check your email"', async () => {
  const context = await env.browser.newContext();
  const { page, problems } = await openPage(context);
  await page.goto(env.api.url + '/login');
  await page.getByRole('link', { name: 'Forgot password?' }).click();
  await page.getByRole('heading', { name: 'Reset your password' }).waitFor();
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await page.getByText('Enter your email address.').waitFor();
  assert.equal(await page.getByLabel('Email').getAttribute('aria-invalid'), 'true');
  await page.getByLabel('Email').fill('nobody@example.com');
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await page.getByText('There is no account registered with this email address.').waitFor();
  await focusReaches(page, 'reset-email');
  await page.getByLabel('Email').fill('testpress.in@gmail.com');
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await page.getByRole('status').getByText('Check your email. A link to reset your password is on its way to testpress.in@gmail.com.').waitFor();
  const resets = await env.api.passwordResets();
  assert.deepEqual(resets.map((r) => r.email), ['nobody@example.com', 'testpress.in@gmail.com']);
  await page.getByRole('link', { name: 'Back to sign in' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('in Hindi: the devices page and the reset page speak it', async () => {
  const { page, context } = await signedInPage(env, 'Vinoth');
  await page.getByLabel('Language').selectOption({ label: 'हिन्दी' });
  await page.waitForFunction(() => document.documentElement.lang === 'hi');
  await page.goto(env.api.url + '/me/devices');
  await page.getByRole('heading', { name: 'साइन-इन वाले डिवाइस' }).waitFor();
  await page.getByText('यह डिवाइस').waitFor();
  await env.api.fault({ preset: 'max_login_exceeded', path: '/api/v2.2/me/' });
  await page.goto(env.api.url + '/me');
  await page.getByRole('heading', { name: 'खाता लॉक है', level: 1 }).waitFor();
  await env.api.clearFaults();
  await context.close();
  const anonymous = await env.browser.newContext({ locale: 'hi-IN' });
  const { page: reset } = await openPage(anonymous);
  await reset.goto(env.api.url + '/forgot-password');
  await reset.getByRole('heading', { name: 'अपना पासवर्ड रीसेट करें' }).waitFor();
  await reset.getByRole('button', { name: 'रीसेट लिंक भेजें' }).waitFor();
  await anonymous.close();
});

test('email and username are shown, not edited; a cleared birth date is sent as ""; API calls carry no cookies', async () => {
  const { page, context } = await signedInPage(env, 'testpress');
  await context.addCookies([{ name: 'institute_session', value: 'secret', url: env.api.url }]);
  const apiHeaders = apiRequestHeaders(page);
  const puts = [];
  page.on('request', (r) => { if (r.method() === 'PUT') puts.push(JSON.parse(r.postData())); });
  await page.goto(env.api.url + '/me/edit');
  await page.getByLabel('First name').waitFor();
  assert.equal(await page.getByRole('textbox', { name: 'Email' }).count(), 0, 'no email field');
  await page.getByText('testpress.in@gmail.com').waitFor();
  await page.getByText('Your email can\'t be changed here. Ask your institute to change it.').waitFor();
  await page.getByLabel('Birth date').fill('');
  await page.getByLabel('Gender').selectOption({ label: 'Not set' });
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByRole('status').getByText('Your profile has been saved.').waitFor();
  assert.deepEqual(puts, [{ birth_date: '', gender: '' }]);
  const apiCookies = (await apiHeaders()).map(({ headers }) => headers.cookie ?? null);
  assert.ok(apiCookies.length > 0);
  assert.deepEqual(apiCookies.filter((c) => c !== null), [], 'no cookie rode along');
  await context.close();
});
