// The shell on a phone (390 and 320 px, a 3× touch screen), in Hindi and Tamil where the
// words' length matters (issue 20): the header, the error screens, offline, the update
// offer, the leave prompt, sign-in before and while the app works, the language picker,
// the favicon and the photo's crop step.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  standInAndBrowser, openPage, signIn, signedInPhone, phone, PHONES, catalogue, chooseLanguage, controlledByWorker,
  axeBothThemes, contrast, eventually, DIST, DEMO, appStarted,
} from './harness.mjs';

const HI = catalogue('hi');
const TA = catalogue('ta');
/** A catalogue's message up to its first `{placeholder}`, for text that goes on. */
const lead = (text) => text.split('{')[0];

// A copy of the build, so one test can deploy a "new version" into it.
const appDir = mkdtempSync(join(tmpdir(), 'phone-shell-app-'));
cpSync(DIST, appDir, { recursive: true });
let jpeg;
const env = standInAndBrowser({
  appDir,
  setup: async () => {
    // A real JPEG (600×540) the stand-in made for a seeded user: our "camera photo".
    const token = (await (await fetch(`${env.api.url}/api/v2.2/auth-token/`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'priya', password: DEMO.password }),
    })).json()).token;
    const me = await fetch(`${env.api.url}/api/v2.2/me/`, { headers: { authorization: `JWT ${token}` } }).then((r) => r.json());
    jpeg = Buffer.from(await fetch(me.photo).then((r) => r.arrayBuffer()));
  },
});
beforeEach(() => env.api.clearFaults());

/** Whether any text inside `locator` is cut off (an ellipsis, or hidden overflow). */
const truncated = (locator) => locator.evaluate((el) => [el, ...el.querySelectorAll('*')].some((e) => e.scrollWidth > e.clientWidth + 1));

for (const size of PHONES) {
  test(`${size.width} px, Tamil: sign-in and the reset page have no header "Sign in", and the brand is whole`, async () => {
    const context = await env.browser.newContext({ ...phone(size), locale: 'ta-IN' });
    const { page, problems } = await openPage(context);
    await page.goto(env.api.url + '/login');
    await page.getByRole('heading', { level: 1, name: TA.SignIn }).waitFor();
    const banner = page.getByRole('banner');
    const brand = banner.getByRole('link', { name: TA.AppName });
    await brand.waitFor();
    assert.equal(await banner.getByRole('link', { name: TA.SignIn }).count(), 0, 'no Sign in link on the sign-in page');
    assert.equal(await truncated(brand), false, 'the brand fits');
    assert.deepEqual(await axeBothThemes(page), []);

    await page.getByRole('link', { name: TA.ForgotPassword }).click();
    await page.waitForURL('**/forgot-password');
    await page.locator('main h1').waitFor();
    assert.equal(await banner.getByRole('link', { name: TA.SignIn }).count(), 0, 'nor on the reset page');
    assert.equal(await truncated(brand), false);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

for (const lang of ['ta', 'hi']) {
  test(`320 px, ${lang === 'ta' ? 'Tamil' : 'Hindi'}, signed in: the brand is whole beside the avatar`, async () => {
    const words = catalogue(lang);
    const { context, page } = await signedInPhone(env, { size: PHONES[1], lang });
    const brand = page.getByRole('banner').getByRole('link', { name: words.AppName });
    await brand.waitFor();
    assert.equal(await truncated(brand), false, 'the brand fits');
    const header = await page.getByRole('banner').boundingBox();
    assert.ok(header.height <= 64, `the header stays one row: ${header.height}`);
    await context.close();
  });
}

test('the HTML sign-in page has no header "Sign in" link either', async () => {
  const html = await (await fetch(env.api.url + '/login')).text();
  assert.match(html, /id=prerendered/);
  assert.doesNotMatch(html, /class=header-link/);
});

test('390 px, Hindi: a missing student, the API down and offline each get an h1 and a title naming the problem', async () => {
  const { context, page } = await signedInPhone(env, { lang: 'hi', serviceWorkers: 'allow' });
  await controlledByWorker(page);

  await page.goto(env.api.url + '/users/99999');
  await page.getByRole('heading', { level: 1, name: HI.NoSuchStudent }).waitFor();
  assert.ok((await page.title()).startsWith(HI.NoSuchStudent), await page.title());
  await page.getByText(HI.NoSuchStudentText).waitFor();
  await page.getByRole('main').getByRole('link', { name: HI.GoToProfile }).click();
  await page.waitForURL('**/me');
  await page.getByRole('heading', { level: 1, name: 'Divya' }).waitFor();
  // The heading may be the kept copy while /me/ is still asked: once it answers, the copy is
  // written again, so wait for it before forgetting the copy.
  await page.getByRole('status').filter({ hasText: HI.Updating }).waitFor({ state: 'detached' });

  // The API down, and no copy kept on this device.
  await page.evaluate(() => { for (const k of Object.keys(localStorage)) if (k.startsWith('testpress.kept-profile.')) localStorage.removeItem(k); });
  await env.api.fault({ path: '/api/v2.2/me/', status: 503, body: '{}' });
  await page.reload();
  await page.getByRole('alert').getByRole('heading', { level: 1, name: HI.ServerTroubleTitle }).waitFor();
  await eventually(async () => (await page.title()).startsWith(HI.ServerTroubleTitle), 'the title to name the problem');
  assert.equal(await page.getByRole('main').getByRole('link', { name: HI.GoToProfile }).count(), 0, 'no link to the page itself');
  assert.deepEqual(await axeBothThemes(page), []);
  await env.api.clearFaults();

  // Offline on someone else's page (never kept).
  await page.goto(env.api.url + '/users/18');
  await page.getByRole('heading', { level: 1, name: 'Vinoth Kumar' }).waitFor();
  await context.setOffline(true);
  await page.reload();
  const alert = page.getByRole('alert');
  await alert.getByRole('heading', { level: 1, name: HI.OfflineTitle }).waitFor();
  await alert.getByText(HI.OfflineNeedsConnection).waitFor();
  await eventually(async () => (await page.title()).startsWith(HI.OfflineTitle), 'the title to say offline');
  await context.setOffline(false);
  await page.getByRole('heading', { level: 1, name: 'Vinoth Kumar' }).waitFor();
  await eventually(async () => (await page.title()).startsWith('Vinoth Kumar'), 'the title to follow the page again');
  await context.close();
});

test('320 px, Tamil: a reload offline says offline, with the date of an older copy; back online the notice goes', async () => {
  const { context, page } = await signedInPhone(env, { size: PHONES[1], lang: 'ta', serviceWorkers: 'allow' });
  await controlledByWorker(page);
  const notice = page.getByRole('status').filter({ hasText: lead(TA.OfflineCopy) });

  await context.setOffline(true);
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Divya' }).waitFor();
  await notice.waitFor();
  assert.equal(await page.getByText(lead(TA.UnreachableCopy)).count(), 0);
  const backOnline = Date.now();
  await context.setOffline(false);
  await notice.waitFor({ state: 'detached' });
  // Back online the app reads /me/ again and keeps the answer: wait until it has, so that
  // keeping it cannot land over the older copy made below.
  const keptAt = () => page.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.startsWith('testpress.kept-profile.'));
    return JSON.parse(localStorage.getItem(key)).fetched_at;
  });
  await eventually(async () => (await keptAt()) >= backOnline, 'the fresh profile to be kept');

  // A copy from three days ago: its stamp carries the date.
  const threeDaysAgo = Date.now() - 3 * 86_400_000;
  await context.setOffline(true);
  await page.evaluate((ms) => {
    const key = Object.keys(localStorage).find((k) => k.startsWith('testpress.kept-profile.'));
    const kept = JSON.parse(localStorage.getItem(key));
    localStorage.setItem(key, JSON.stringify({ ...kept, fetched_at: ms }));
  }, threeDaysAgo);
  await page.reload();
  await notice.waitFor();
  const month = await page.evaluate((ms) => new Intl.DateTimeFormat('ta', { month: 'short' }).format(new Date(ms)), threeDaysAgo);
  const day = String(new Date(threeDaysAgo).getDate());
  const text = await notice.textContent();
  assert.ok(text.includes(month) && text.includes(day), `the date (${day} ${month}) in: ${text}`);
  await context.setOffline(false);
  await notice.waitFor({ state: 'detached' });
  await context.close();
});

test('320 px, Tamil: when nothing gets through though the browser says online, that is offline too, and the notice goes once Testpress answers', async () => {
  const { context, page } = await signedInPhone(env, { size: PHONES[1], lang: 'ta' });
  // A phone with mobile data but no signal: navigator.onLine stays true, no online event.
  const noSignal = (route) => route.abort('internetdisconnected');
  await page.route('**/api/**', noSignal);
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Divya' }).waitFor();
  const notice = page.getByRole('status').filter({ hasText: lead(TA.OfflineCopy) });
  await notice.waitFor();
  assert.equal(await page.getByText(lead(TA.UnreachableCopy)).count(), 0);

  await page.goto(env.api.url + '/users/18');
  await page.getByRole('alert').getByRole('heading', { level: 1, name: TA.OfflineTitle }).waitFor();
  await page.unroute('**/api/**', noSignal);
  // No click and no online event: the app asks again by itself.
  await page.getByRole('heading', { level: 1, name: 'Vinoth Kumar' }).waitFor({ timeout: 15_000 });
  assert.ok(await page.evaluate(() => navigator.onLine));
  await context.close();
});

test('390 px, Hindi: a new version is offered where the student is, scrolled down the form, clear of the Save bar', async () => {
  const { context, page } = await signedInPhone(env, { lang: 'hi', serviceWorkers: 'allow' });
  await controlledByWorker(page);
  await page.goto(env.api.url + '/me/edit');
  const save = page.getByRole('button', { name: HI.SaveChanges });
  await page.getByLabel(HI.City).fill('Hosur');
  await page.getByLabel(HI.City).blur();
  await page.mouse.wheel(0, 5000);
  await eventually(() => page.evaluate(() => window.scrollY > 400), 'the page to scroll down');

  const swPath = join(appDir, 'sw.js');
  const original = readFileSync(swPath, 'utf8');
  writeFileSync(swPath, original.replace(/const BUILD = "([0-9a-f]+)"/, 'const BUILD = "$1-phone"'));
  try {
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    const banner = page.getByRole('status').filter({ hasText: HI.UpdateReady });
    await banner.waitFor();
    const viewport = page.viewportSize();
    const box = await banner.boundingBox();
    assert.ok(box.y >= 0 && box.y + box.height <= viewport.height, `the offer is on screen: ${JSON.stringify(box)}`);
    const bar = await save.boundingBox();
    assert.ok(box.y + box.height <= bar.y, 'it does not cover the Save bar');
    await banner.getByRole('button', { name: HI.Reload }).waitFor();
    assert.deepEqual(await axeBothThemes(page), []);
  } finally {
    writeFileSync(swPath, original);
  }
  await context.close();
});

test('320 px, Tamil: staying after the unsaved-changes question closes the account menu', async () => {
  const { context, page } = await signedInPhone(env, { size: PHONES[1], lang: 'ta' });
  await page.goto(env.api.url + '/me/edit');
  await page.getByLabel(TA.City).fill('Salem');
  const button = page.getByRole('banner').getByRole('button', { name: TA.AccountMenuFor.replace('{name}', 'Divya') });
  await button.click();
  const menu = page.getByRole('banner').getByRole('link', { name: TA.MyProfile });
  await menu.waitFor();
  page.once('dialog', (d) => d.dismiss());
  await menu.click();
  await eventually(async () => (await button.getAttribute('aria-expanded')) === 'false', 'the menu to close');
  await menu.waitFor({ state: 'hidden' });
  assert.equal(new URL(page.url()).pathname, '/me/edit');
  assert.equal(await page.getByLabel(TA.City).inputValue(), 'Salem');
  await context.close();
});

test('390 px, Hindi: a slow sign-in says it is still working long before it gives up', async () => {
  const context = await env.browser.newContext({ ...phone(PHONES[0]), locale: 'hi-IN' });
  const { page, problems } = await openPage(context);
  await page.goto(env.api.url + '/login');
  await page.getByRole('heading', { level: 1, name: HI.SignIn }).waitFor();
  await env.api.fault({ path: '/api/v2.2/auth-token/', method: 'POST', delay_ms: 9000, times: 1 });
  await page.getByLabel(HI.Username).fill(DEMO.username);
  await page.getByLabel(HI.Password, { exact: true }).fill(DEMO.password);
  await page.getByRole('button', { name: HI.SignIn }).click();
  await page.getByRole('button', { name: HI.SigningIn }).waitFor();
  await page.getByRole('status').filter({ hasText: HI.StillSigningIn }).waitFor({ timeout: 8000 });
  await page.waitForURL('**/me', { timeout: 20_000 });
  assert.deepEqual(problems, []);
  await context.close();
});

/** A phone tab on /login whose wasm is held back until `release()`: the HTML page alone. */
async function loginBeforeTheApp(size) {
  const context = await env.browser.newContext(phone(size));
  const tab = await openPage(context);
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await tab.page.route('**/*.wasm', async (route) => { await held; await route.continue(); });
  await tab.page.goto(env.api.url + '/login', { waitUntil: 'domcontentloaded' });
  await tab.page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  return { context, ...tab, release };
}

test('390 px: before the app runs, Show shows the password (and stays shown), Sign in says "Signing in…" at once', async () => {
  const early = await loginBeforeTheApp(PHONES[0]);
  const password = early.page.getByLabel('Password', { exact: true });
  await early.page.getByLabel('Username').fill(DEMO.username);
  await password.fill(DEMO.password);
  await early.page.getByRole('button', { name: 'Show password' }).tap();
  await early.page.getByRole('button', { name: 'Hide password' }).waitFor();
  assert.equal(await password.getAttribute('type'), 'text');
  early.release();
  await appStarted(early.page);
  await early.page.getByRole('button', { name: 'Hide password' }).waitFor();
  assert.equal(await password.getAttribute('type'), 'text', 'the app kept it shown');
  assert.equal(await password.inputValue(), DEMO.password);
  await early.context.close();

  const pressed = await loginBeforeTheApp(PHONES[1]);
  await pressed.page.getByLabel('Username').fill(DEMO.username);
  await pressed.page.getByLabel('Password', { exact: true }).fill(DEMO.password);
  await pressed.page.getByRole('button', { name: 'Sign in' }).tap();
  await pressed.page.getByRole('button', { name: 'Signing in…' }).waitFor();
  assert.equal(await pressed.page.locator('#prerendered').count(), 1, 'still the HTML page');
  pressed.release();
  await pressed.page.waitForURL('**/me');
  await pressed.page.getByRole('heading', { level: 1, name: 'Divya' }).waitFor();
  assert.deepEqual([...early.problems, ...pressed.problems], []);
  await pressed.context.close();
});

test('the language picker is drawn by the app, readable in both themes; /favicon.ico is an icon', async () => {
  const context = await env.browser.newContext(phone(PHONES[1]));
  const { page } = await openPage(context);
  await page.goto(env.api.url + '/login');
  // The app's own picker (one chosen before the app runs is prerender.test.mjs's).
  await appStarted(page);
  await chooseLanguage(page, 'ta');
  const picker = page.getByRole('banner').getByRole('combobox', { name: TA.Language });
  for (const colorScheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme });
    const style = await picker.evaluate((el) => {
      const s = getComputedStyle(el);
      return { appearance: s.appearance, color: s.color, background: s.backgroundColor };
    });
    assert.equal(style.appearance, 'none', 'not the engine\'s own control');
    assert.ok(contrast(style.color, style.background) >= 4.5, `${colorScheme}: ${JSON.stringify(style)}`);
  }
  const icon = await page.request.get(env.api.url + '/favicon.ico');
  assert.equal(icon.status(), 200);
  assert.match(icon.headers()['content-type'], /^image\//);
  assert.deepEqual([...(await icon.body()).subarray(0, 4)], [0, 0, 1, 0], 'an ICO file');
  await context.close();
});

test('390 px, Hindi: the crop step has a button to choose, touch help, a sharp preview, "processing" after 100 %, and says where the crop is', async () => {
  const { context, page, problems } = await signedInPhone(env, { lang: 'hi', username: 'Vinoth' });
  await page.goto(env.api.url + '/me/edit');
  const chooser = page.getByLabel(HI.ChoosePhoto);
  await chooser.waitFor({ state: 'attached' });
  const button = page.getByText(HI.ChoosePhoto, { exact: true });
  const box = await button.boundingBox();
  assert.ok(box.height >= 44 && box.width >= 44, `a button-sized target: ${JSON.stringify(box)}`);
  await chooser.setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: jpeg });
  const preview = page.getByRole('img', { name: HI.CropPreview });
  await preview.waitFor();
  await page.getByText(HI.ChosenFile.replace('{name}', 'photo.jpg')).waitFor();
  assert.equal(await page.getByText('No file chosen').count(), 0);
  await page.getByText(HI.CropHelpTouch).waitFor();
  assert.equal(await page.getByText(HI.CropHelpKeys).isVisible(), false, 'no keys or wheel on a phone');
  const sharp = await preview.evaluate((c) => ({ backing: c.width, shown: c.clientWidth }));
  assert.ok(sharp.backing >= sharp.shown * 3, `3 pixels a CSS pixel: ${JSON.stringify(sharp)}`);

  await page.getByLabel(HI.Zoom).fill('2');
  await page.getByText(lead(HI.CropPosition).replace(/\s*$/, '') + ' 200%', { exact: false }).waitFor();

  await env.api.fault({ path: '/api/v2.2/users/18/', method: 'PUT', delay_ms: 4000, times: 1 });
  await page.getByRole('button', { name: HI.UploadPhoto }).click();
  await page.getByText(HI.ProcessingPhoto).waitFor();
  await page.getByRole('status').filter({ hasText: HI.PhotoSaved }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('at a desk (mouse, no touch) the crop help names the keys and the wheel', async () => {
  const context = await env.browser.newContext();
  const { page } = await openPage(context);
  await page.goto(env.api.url + '/login?next=%2Fme%2Fedit');
  await signIn(page, { username: 'Vinoth', password: DEMO.password });
  await page.getByLabel('Choose a new photo').setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: jpeg });
  await page.getByText(/^Drag or use the arrow keys/).waitFor();
  assert.equal(await page.getByText(/^Drag the photo to place it/).isVisible(), false);
  await context.close();
});
