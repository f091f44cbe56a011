// What a student or an institute sees around the data: page titles, the dark theme (axe
// in both themes), the institute's own name, logo and colour, and the wide-screen layout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openPage, signedInPage, standInAndBrowser, axeViolations, contrast, viaMenu, DEMO, deployedWith } from './harness.mjs';

const env = standInAndBrowser();

/** Signed in as Divya, on /me, in a context with `options`; against `api` when given. */
const signedIn = (options = {}, api = env.api) => signedInPage({ browser: env.browser, api }, DEMO.username, options);

test('every page has its own title, following the data and the route', async () => {
  const { page, problems } = await signedIn();
  await page.getByRole('heading', { level: 1, name: 'Divya' }).waitFor();
  assert.equal(await page.title(), 'Divya — My profile · Testpress Profile');
  await viaMenu(page, 'Edit profile');
  await page.waitForFunction(() => document.title === 'Edit profile · Testpress Profile');
  await page.goto(env.api.url + '/users/18');
  await page.getByRole('heading', { level: 1, name: 'Vinoth Kumar' }).waitFor();
  assert.equal(await page.title(), 'Vinoth Kumar · Testpress Profile');
  await page.goto(env.api.url + '/users/999');
  await page.getByRole('heading', { level: 1, name: 'No such student' }).waitFor();
  assert.equal(await page.title(), 'No such student · Testpress Profile');
  await page.goto(env.api.url + '/nowhere');
  await page.waitForFunction(() => document.title === 'Page not found · Testpress Profile');
  // The data changes, the title follows.
  await page.goto(env.api.url + '/me/edit');
  await page.getByLabel('First name').fill('Divya S');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByRole('status').filter({ hasText: 'Your profile has been saved.' }).waitFor();
  await page.getByRole('status').getByRole('link', { name: 'View your profile' }).click();
  await page.waitForFunction(() => document.title === 'Divya S — My profile · Testpress Profile');
  // History entries carry their page's title.
  await page.goBack();
  await page.waitForFunction(() => document.title === 'Edit profile · Testpress Profile');
  assert.deepEqual(problems, []);
  const restore = await page.evaluate(() => localStorage.getItem('testpress.token'));
  await fetch(`${env.api.url}/api/v2.2/users/17/`, { method: 'PUT', headers: { 'content-type': 'application/json', authorization: `JWT ${restore}` }, body: '{"first_name": "Divya"}' });
});

for (const colorScheme of ['light', 'dark']) {
  test(`${colorScheme} theme: every page passes axe (WCAG 2.2 AA), from the first paint`, async () => {
    const { context, page, problems } = await signedIn({ colorScheme });
    const surfaces = await page.evaluate(() => [getComputedStyle(document.documentElement).backgroundColor, getComputedStyle(document.body).color]);
    const [background, text] = surfaces;
    const dark = contrast(background, 'rgb(0, 0, 0)') < contrast(background, 'rgb(255, 255, 255)');
    assert.equal(dark, colorScheme === 'dark', `${colorScheme}: page ${background}, text ${text}`);
    assert.ok(contrast(background, text) >= 7, 'body text reads easily');
    for (const [path, ready] of [
      ['/me', 'heading'], ['/me/edit', 'First name'], ['/users/18', 'heading'], ['/nowhere', 'heading'],
    ]) {
      await page.goto(env.api.url + path);
      if (ready === 'heading') await page.locator('main h1').waitFor();
      else await page.getByLabel(ready).waitFor();
      await page.waitForTimeout(100);
      assert.deepEqual(await axeViolations(page), [], `${colorScheme} ${path}`);
    }
    // The account menu open, the crop editor open.
    await page.goto(env.api.url + '/me/edit');
    await page.getByLabel('First name').waitFor();
    await page.getByRole('banner').getByRole('button', { name: /^Account menu/ }).click();
    assert.deepEqual(await axeViolations(page), [], `${colorScheme} menu`);
    await page.keyboard.press('Escape');
    // Signed out: the sign-in page, with an error showing.
    const signedOut = await openPage(await env.browser.newContext({ colorScheme }));
    await signedOut.page.goto(env.api.url + '/login');
    await signedOut.page.getByRole('button', { name: 'Sign in' }).click();
    await signedOut.page.getByText('Enter your username.').waitFor();
    assert.deepEqual(await axeViolations(signedOut.page), [], `${colorScheme} /login`);
    // No flash of the other theme: the HTML's own first paint already has it.
    const held = await openPage(await env.browser.newContext({ colorScheme }));
    await held.page.route('**/*.wasm', () => {}); // never arrives
    await held.page.goto(env.api.url + '/login', { waitUntil: 'domcontentloaded' });
    assert.equal(await held.page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor), background);
    assert.equal(await held.page.evaluate(() => document.querySelector('meta[name=color-scheme]').content), 'light dark');
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('the focus ring stands out (3:1 or more) on the page, on cards and on the header, in both themes', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const { page } = await signedIn({ colorScheme });
    await page.getByRole('heading', { level: 1, name: 'Divya' }).waitFor();
    for (const target of ['main a.button', 'header .account-button', 'header select', 'header .brand']) {
      await page.locator(target).first().focus();
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Tab'); // focus by keyboard, so :focus-visible applies
      const ring = await page.evaluate(() => {
        const el = document.activeElement;
        const style = getComputedStyle(el);
        let bg = 'rgba(0, 0, 0, 0)';
        for (let node = el.parentElement; node; node = node.parentElement) {
          bg = getComputedStyle(node).backgroundColor;
          if (!/rgba\(.*, 0\)$/.test(bg)) break;
        }
        return { outline: style.outlineColor, width: style.outlineWidth, gap: style.boxShadow, around: bg };
      });
      assert.ok(parseFloat(ring.width) >= 2, `${colorScheme} ${target}: ${ring.width} ring`);
      const gapColour = ring.gap.match(/rgba?\([^)]*\)/)?.[0];
      const best = Math.max(contrast(ring.outline, ring.around), gapColour ? contrast(gapColour, ring.around) : 0);
      assert.ok(best >= 3, `${colorScheme} ${target}: ${JSON.stringify(ring)} (${best.toFixed(2)}:1)`);
    }
  }
});

/** The institute's logo, beside its config.json. */
const LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="5" fill="#0b6e4f"/></svg>';

test('an institute\'s name, logo and colour brand the header, the titles, buttons and links, at AA in both themes', async () => {
  const api = await deployedWith({ api_base: '', institute: { name: 'Chennai IAS Academy', logo: '/logo.svg', color: '#0b6e4f' } }, { 'logo.svg': LOGO });
  for (const colorScheme of ['light', 'dark']) {
    const { page, problems } = await signedIn({ colorScheme }, api);
    await page.getByRole('heading', { level: 1, name: 'Divya' }).waitFor();
    assert.equal(await page.title(), 'Divya — My profile · Chennai IAS Academy');
    const brand = page.getByRole('banner').getByRole('link', { name: 'Chennai IAS Academy' });
    await brand.waitFor();
    assert.equal(await brand.getByRole('img').getAttribute('alt'), 'Chennai IAS Academy');
    assert.equal(await brand.getByRole('img').getAttribute('src'), '/logo.svg');
    const colours = await page.evaluate(() => {
      const css = (selector, prop) => getComputedStyle(document.querySelector(selector))[prop];
      return {
        header: css('.site-header', 'backgroundColor'), headerText: css('.brand', 'color'),
        button: css('main a.button', 'backgroundColor'), buttonText: css('main a.button', 'color'),
        link: css('.skip-link', 'color'), card: css('main .card', 'backgroundColor'),
        theme: document.querySelector('meta[name=theme-color]').content,
      };
    });
    assert.equal(colours.header, 'rgb(11, 110, 79)');
    assert.equal(colours.button, 'rgb(11, 110, 79)');
    assert.equal(colours.theme, '#0b6e4f');
    assert.ok(contrast(colours.header, colours.headerText) >= 4.5, JSON.stringify(colours));
    assert.ok(contrast(colours.button, colours.buttonText) >= 4.5, JSON.stringify(colours));
    assert.ok(contrast(colours.card, colours.link) >= 4.5, `${colorScheme}: ${JSON.stringify(colours)}`);
    assert.deepEqual(await axeViolations(page), [], colorScheme);
    assert.deepEqual(problems, []);
  }
});

test('a bad colour or logo in config.json is ignored with a console warning, never a broken page', async () => {
  const api = await deployedWith({ api_base: '', institute: { name: 'Madurai Coaching Centre', logo: 'javascript:alert(1)', color: 'greenish' } }, { 'logo.svg': LOGO });
  const context = await env.browser.newContext();
  const { page, problems } = await openPage(context);
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  await page.goto(api.url + '/login');
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  await page.getByRole('banner').getByRole('link', { name: 'Madurai Coaching Centre' }).waitFor();
  assert.equal(await page.getByRole('banner').locator('img').count(), 0, 'no logo from a javascript: URL');
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('.site-header')).backgroundColor), 'rgb(29, 78, 216)', 'today\'s blue');
  assert.ok(warnings.some((w) => w.includes('institute.logo')), warnings.join('\n'));
  assert.ok(warnings.some((w) => w.includes('institute.color')), warnings.join('\n'));
  assert.deepEqual(problems, []);
});

test('from about 1024 px the photo sits beside the details and beside the form, in columns that line up', async () => {
  const { page } = await signedIn({ viewport: { width: 1440, height: 900 } });
  await page.getByRole('heading', { level: 1, name: 'Divya' }).waitFor();
  const profileCard = await page.locator('main .profile-card').boundingBox();
  const details = await page.getByRole('region', { name: 'Details' }).boundingBox();
  assert.ok(profileCard.x + profileCard.width <= details.x, 'card left, details right');
  assert.ok(Math.abs(profileCard.y - details.y) < 2, 'tops aligned');
  await viaMenu(page, 'Edit profile');
  await page.getByLabel('First name').waitFor();
  const photo = await page.getByRole('region', { name: 'Photo' }).boundingBox();
  const form = await page.getByRole('form', { name: 'Your details' }).boundingBox();
  assert.ok(photo.x + photo.width <= form.x, 'photo editor left, form right');
  assert.ok(Math.abs(photo.y - form.y) < 2, 'tops aligned');
  assert.ok(Math.abs(photo.x - profileCard.x) < 1 && Math.abs(photo.width - profileCard.width) < 1, 'the same left column on both pages');
  assert.ok(Math.abs(form.x + form.width - (details.x + details.width)) < 1, 'the same right edge');
  // Phones stay one column.
  await page.setViewportSize({ width: 390, height: 800 });
  const narrowPhoto = await page.getByRole('region', { name: 'Photo' }).boundingBox();
  const narrowForm = await page.getByRole('form', { name: 'Your details' }).boundingBox();
  assert.ok(narrowPhoto.y + narrowPhoto.height <= narrowForm.y, 'stacked on a phone');
});
