// The edit page on a phone (390 and 320 px, 3× touch screens), in Hindi and Tamil where
// words run long: the Save bar never hides the field in use and keeps one height, Save
// changes saves a chosen photo too, names say their limit, Indian phone numbers as people
// write them, what a save during typing saved, where focus goes, required fields marked,
// and inputs as wide as what they hold.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import {
  standInAndBrowser, editingPage, openPage, catalogue, fill, seededPhoto, focusedElement,
  stickyAncestorBox, viewportBox, labelBox, eventually, axeViolations, DEMO, PHONE_390, PHONE_320, focusReaches,
} from './harness.mjs';

let jpeg;
const env = standInAndBrowser({ setup: async () => { jpeg = await seededPhoto(env); } });
beforeEach(() => env.api.clearFaults());

const TA = catalogue('ta');
const HI = catalogue('hi');
// Room for the focus ring (3 px, 2 px out) beyond a control's box.
const RING = 5;

const saveButton = (page, words) => page.getByRole('button', { name: words.SaveChanges });
const barBox = (page, words) => stickyAncestorBox(saveButton(page, words));

/** Whether the focused control (ring included) is on screen and clear of the Save bar. */
async function focusedClearOfBar(page, words) {
  const bar = await barBox(page, words);
  const box = await page.evaluate(() => {
    const r = document.activeElement.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom };
  });
  return box.top - RING >= 0 && box.bottom + RING <= bar.top;
}

for (const [name, phone, city] of [['390', PHONE_390, 'Karaikal'], ['320', PHONE_320, 'Cuddalore']]) {
  test(`at ${name} px in Tamil, Tab never leaves a field under the Save bar, which keeps one compact height`, async () => {
    const { page, words, problems } = await editingPage(env, { lang: 'ta', username: 'meera', options: phone });
    const pristine = await barBox(page, words);
    assert.ok(pristine.height <= 0.14 * phone.viewport.height, `the bar is compact (${pristine.height} px)`);
    // Every control from First name down to Gender, then Save.
    await page.getByLabel(words.FirstName).focus();
    for (let i = 0; i < 12; i++) {
      await eventually(() => focusedClearOfBar(page, words), `focused control ${i} clear of the bar`);
      const here = await focusedElement(page);
      if (here.tag === 'BUTTON') break;
      await page.keyboard.press('Tab');
    }
    // Typing, saving, a message: the bar keeps its height all along.
    await page.getByLabel(words.City).fill(city); // a new value each run
    assert.equal((await barBox(page, words)).height, pristine.height, 'with Discard shown');
    await env.api.fault({ path: '/api/v2.2/users/21/', method: 'PUT', delay_ms: 1500, times: 1 });
    await saveButton(page, words).click();
    await page.getByRole('button', { name: words.Saving }).waitFor();
    assert.equal((await stickyAncestorBox(page.getByRole('button', { name: words.Saving }))).height, pristine.height, 'while saving');
    await page.getByRole('status').filter({ hasText: words.ProfileSaved }).waitFor();
    assert.equal((await barBox(page, words)).height, pristine.height, 'with the outcome shown');
    await env.api.fault({ path: '/api/v2.2/users/21/', method: 'PUT', status: 500, times: 1 });
    await page.getByLabel(words.City).fill(`${city} East`);
    await saveButton(page, words).click();
    const failed = page.getByRole('alert').filter({ hasText: words.ChangesStillHere });
    await failed.waitFor();
    assert.equal((await barBox(page, words)).height, pristine.height, 'with a server error shown');
    // The message takes focus, on screen above the bar.
    await focusReaches(page, 'save-outcome');
    // The form lifts it out from under the bar a frame after it takes focus.
    await eventually(() => focusedClearOfBar(page, words), 'the outcome above the bar');
    assert.deepEqual(problems, []);
  });
}

test('at 320 px in Tamil, a failed check focuses the first bad field with its label in view, clear of the bar', async () => {
  const { page, words, puts, problems } = await editingPage(env, { lang: 'ta', options: PHONE_320 });
  await page.getByLabel(words.Phone).fill('12345');
  await page.getByLabel(words.PinCode).fill('6000');
  await saveButton(page, words).click();
  await page.getByRole('alert').filter({ hasText: words.ErrInvalid }).waitFor();
  await focusReaches(page, 'phone', 'focus on Phone');
  const label = await labelBox(page.getByLabel(words.Phone));
  const field = await viewportBox(page.getByLabel(words.Phone));
  const bar = await barBox(page, words);
  assert.ok(label.top >= 0, `the label is on screen (${label.top})`);
  assert.ok(field.bottom + RING <= bar.top, `the field is above the bar (${field.bottom} vs ${bar.top})`);
  assert.deepEqual(puts, []);
  assert.deepEqual(problems, []);
});

test('at 390 px in Tamil, Save changes saves a chosen and cropped photo, alone or with other changes', async () => {
  const { page, words, puts, problems } = await editingPage(env, { lang: 'ta', username: 'Vinoth', options: PHONE_390 });
  const before = await env.api.profileOf('Vinoth');
  // The photo alone: no "no changes to save".
  await page.getByLabel(words.ChoosePhoto).setInputFiles({ name: 'me.jpg', mimeType: 'image/jpeg', buffer: jpeg });
  await page.getByLabel(words.Zoom).waitFor();
  await saveButton(page, words).click();
  const saved = page.getByRole('status').filter({ hasText: words.PhotoSaved });
  await saved.first().waitFor();
  assert.equal(await page.getByText(words.NothingToSave).count(), 0);
  const afterPhoto = await env.api.profileOf('Vinoth');
  assert.notEqual(afterPhoto.photo, before.photo, 'the photo is saved');
  assert.equal(puts.length, 1);
  assert.ok(puts[0].photo && puts[0].crop_width > 0, 'the cropped photo went up');
  // A photo and a detail with one press: the details, then the photo.
  await page.getByLabel(words.ChoosePhoto).setInputFiles({ name: 'me2.jpg', mimeType: 'image/jpeg', buffer: jpeg });
  await page.getByLabel(words.Zoom).waitFor();
  await page.getByLabel(words.City).fill('Salem');
  await saveButton(page, words).click();
  const both = page.getByRole('status').filter({ hasText: words.ProfileSaved }).filter({ hasText: words.PhotoSaved });
  await both.waitFor();
  await focusReaches(page, 'save-outcome', 'focus on what happened');
  const stored = await env.api.profileOf('Vinoth');
  assert.equal(stored.city, 'Salem');
  assert.notEqual(stored.photo, afterPhoto.photo);
  assert.deepEqual(puts.slice(1).map((p) => Object.keys(p).includes('photo')), [false, true], 'details first, then the photo');
  // A refused upload says so where the student is, and the photo stays chosen.
  await page.getByLabel(words.ChoosePhoto).setInputFiles({ name: 'me3.jpg', mimeType: 'image/jpeg', buffer: jpeg });
  await page.getByLabel(words.Zoom).waitFor();
  await env.api.fault({ path: '/api/v2.2/users/18/', method: 'PUT', status: 503, times: 1 });
  await saveButton(page, words).click();
  await page.getByRole('alert').filter({ hasText: words.PhotoNotSaved }).waitFor();
  // Shown beside the photo too, but announced once: by the form, where the student is.
  assert.equal(await page.getByRole('alert').count(), 1, 'one alert for one failure');
  await page.getByLabel(words.Zoom).waitFor();
  // That photo is still to save: leaving asks first.
  const asked = [];
  page.once('dialog', (d) => { asked.push(d.message()); d.dismiss(); });
  await page.getByRole('banner').getByRole('link').first().click();
  await eventually(() => asked.length === 1, 'the leave question');
  assert.deepEqual(asked, [words.LeaveQuestion]);
  assert.ok(page.url().endsWith('/me/edit'));
  assert.deepEqual(problems, []);
});

test('at 320 px in Hindi, names say their limit, nothing is cut, and a long name wraps between words', async () => {
  const { page, words, puts, problems } = await editingPage(env, { lang: 'hi', username: 'arjun', options: PHONE_320 });
  const first = page.getByLabel(words.FirstName);
  assert.ok((await first.getAttribute('aria-describedby')).includes('first_name-hint'));
  await page.getByText(words.NameHint).first().waitFor();
  const tooLong = 'Venkatalakshmi Ananthapadmanabh'; // 31
  await first.fill(tooLong);
  assert.equal(await first.inputValue(), tooLong, 'the 31st character is kept, not cut');
  await page.getByText(fill(words.UseAtMostChars, { n: 30 })).waitFor();
  await saveButton(page, words).click();
  await page.getByRole('alert').filter({ hasText: words.ErrInvalid }).waitFor();
  assert.deepEqual(puts, []);
  await first.fill('Venkatalakshmi');
  await page.getByLabel(words.LastName).fill('Ananthapadmanabhan Iyer');
  await saveButton(page, words).click();
  await page.getByRole('status').filter({ hasText: words.ProfileSaved }).waitFor();
  await page.getByRole('link', { name: words.ViewProfile }).click();
  const heading = page.getByRole('heading', { level: 1, name: 'Venkatalakshmi Ananthapadmanabhan Iyer' });
  await heading.waitFor();
  // Each word on one line: none broken in the middle.
  const broken = await heading.evaluate((h1) => {
    const text = h1.firstChild;
    const out = [];
    for (const m of text.textContent.matchAll(/\S+/g)) {
      const range = document.createRange();
      range.setStart(text, m.index);
      range.setEnd(text, m.index + m[0].length);
      const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      if (tops.size > 1) out.push(m[0]);
    }
    return out;
  });
  assert.deepEqual(broken, []);
  assert.deepEqual(problems, []);
});

test('at 390 px in Tamil, Indian phone numbers as usually written are saved as their 10 digits', async () => {
  const { page, words, puts, problems } = await editingPage(env, { lang: 'ta', username: 'priya', options: PHONE_390 });
  const phone = page.getByLabel(words.Phone);
  for (const [written, digits] of [['+91 98765 43210', '9876543210'], ['098765 43211', '9876543211'], ['91-98765-43212', '9876543212']]) {
    await phone.fill(written);
    await phone.blur();
    assert.equal(await phone.getAttribute('aria-invalid'), 'false', written);
    await saveButton(page, words).click();
    await page.getByRole('status').filter({ hasText: words.ProfileSaved }).waitFor();
    assert.equal(puts.at(-1).phone, digits, written);
    assert.equal((await env.api.profileOf('priya')).phone, digits);
    await page.getByLabel(words.City).focus(); // leave the outcome, so the next one is new
  }
  assert.deepEqual(problems, []);
});

test('at 390 px in Hindi, what is typed during a save is said to be still unsaved, and stays so', async () => {
  const { page, words, problems } = await editingPage(env, { lang: 'hi', username: 'meera', options: PHONE_390 });
  await env.api.fault({ path: '/api/v2.2/users/21/', method: 'PUT', delay_ms: 1500, times: 1 });
  await page.getByLabel(words.City).fill('Madurai');
  await saveButton(page, words).click();
  await page.getByRole('button', { name: words.Saving }).waitFor();
  await page.getByLabel(words.Address1).fill('12 Anna Salai');
  await page.getByRole('status').filter({ hasText: words.SavedNewerWaiting }).waitFor();
  assert.equal(await page.getByText(words.ProfileSaved, { exact: true }).count(), 0);
  assert.equal((await focusedElement(page)).id, 'address1', 'the student carries on typing there');
  const stored = await env.api.profileOf('meera');
  assert.equal(stored.city, 'Madurai');
  assert.notEqual(stored.address1, '12 Anna Salai');
  // Still unsaved: Discard is offered, and a second Save saves it.
  await page.getByRole('button', { name: words.DiscardChanges }).waitFor();
  await saveButton(page, words).click();
  await page.getByRole('status').filter({ hasText: words.ProfileSaved }).waitFor();
  assert.equal((await env.api.profileOf('meera')).address1, '12 Anna Salai');
  assert.deepEqual(problems, []);
});

test('at 320 px in Tamil, focus stays put after a wrong password and while saving, and "Saving…" is announced', async () => {
  const context = await env.browser.newContext({ locale: 'ta-IN', ...PHONE_320 });
  const { page, problems } = await openPage(context);
  await page.goto(env.api.url + '/login?next=%2Fme%2Fedit');
  await page.getByLabel(TA.Username).fill('testpress');
  await page.getByLabel(TA.Password, { exact: true }).fill('wrong-password');
  await page.getByRole('button', { name: TA.SignIn }).click();
  await page.getByRole('alert').filter({ hasText: TA.WrongCredentials }).waitFor();
  await focusReaches(page, 'password', 'focus on the password');
  // Enter on the button itself, with a slow answer: focus stays on it, then the password.
  await env.api.fault({ path: '/api/v2.2/auth-token/', delay_ms: 1000, times: 1 });
  await page.getByRole('button', { name: TA.SignIn }).focus();
  await page.keyboard.press('Enter');
  const busy = page.getByRole('button', { name: TA.SigningIn });
  await busy.waitFor();
  assert.equal(await busy.getAttribute('aria-disabled'), 'true');
  assert.equal((await focusedElement(page)).tag, 'BUTTON', 'focus stays on the pressed button');
  await focusReaches(page, 'password', 'focus on the password again');
  await page.getByLabel(TA.Password, { exact: true }).fill(DEMO.password);
  await page.getByLabel(TA.Password, { exact: true }).press('Enter');
  await page.waitForURL('**/me/edit');
  await page.getByLabel(TA.City).fill('Vellore');
  await env.api.fault({ path: '/api/v2.2/users/17/', method: 'PUT', delay_ms: 1500, times: 1 });
  await saveButton(page, TA).click();
  await page.getByRole('status').filter({ hasText: TA.Saving }).waitFor();
  const saving = page.getByRole('button', { name: TA.Saving });
  assert.equal(await saving.getAttribute('aria-disabled'), 'true');
  assert.equal((await focusedElement(page)).tag, 'BUTTON', 'focus stays on Save while it runs');
  await page.getByRole('status').filter({ hasText: TA.ProfileSaved }).waitFor();
  await focusReaches(page, 'save-outcome');
  assert.deepEqual(problems, []);
});

for (const colorScheme of ['light', 'dark']) {
  test(`at 390 px in Hindi (${colorScheme}), required fields are marked before any save, and axe finds nothing`, async () => {
    const { page, words, problems } = await editingPage(env, { lang: 'hi', options: { ...PHONE_390, colorScheme } });
    for (const [label, required] of [[words.FirstName, true], [words.LastName, false], [words.Phone, true], [words.City, false]]) {
      const control = page.getByLabel(label, { exact: true });
      assert.equal(await control.getAttribute('aria-required'), required ? 'true' : null, label);
      // Said beside the label, in words.
      const shown = await control.evaluate((el) => el.labels[0].parentElement.innerText);
      assert.equal(shown.includes(words.Required), required, `${label}: "${shown}"`);
    }
    assert.deepEqual(await axeViolations(page), [], 'pristine');
    // With problems and an outcome shown too.
    await page.getByLabel(words.Phone, { exact: true }).fill('12');
    await saveButton(page, words).click();
    await page.getByRole('alert').filter({ hasText: words.ErrInvalid }).waitFor();
    assert.deepEqual(await axeViolations(page), [], 'with errors');
    assert.deepEqual(problems, []);
  });
}

test('at 1440 px, each input is about as wide as what goes in it', async () => {
  const { page, problems } = await editingPage(env, { options: { viewport: { width: 1440, height: 900 } } });
  const width = async (label) => (await viewportBox(page.getByLabel(label, { exact: true }))).width;
  assert.ok((await width('PIN code')) <= 160, `PIN ${await width('PIN code')}`);
  assert.ok((await width('Birth date')) <= 220, `date ${await width('Birth date')}`);
  assert.ok((await width('Phone')) <= 270, `phone ${await width('Phone')}`);
  for (const label of ['First name', 'City', 'Address line 1', 'State']) {
    assert.ok((await width(label)) <= 520, `${label} ${await width(label)}`);
  }
  assert.deepEqual(problems, []);
});
