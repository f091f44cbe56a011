// Choosing, cropping and uploading a photo against the stand-in API.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { standInAndBrowser, viaMenu, headerAvatar, editingPage } from './harness.mjs';

let jpeg;
const env = standInAndBrowser({
  setup: async () => {
    // A real JPEG (600×540) the stand-in generated for a seeded user: our "camera photo".
    const token = await env.api.token('priya');
    const me = await fetch(`${env.api.url}/api/v2.2/me/`, { headers: { authorization: `JWT ${token}` } }).then((r) => r.json());
    jpeg = Buffer.from(await fetch(me.photo).then((r) => r.arrayBuffer()));
  },
});
beforeEach(() => env.api.clearFaults());

/** Signed in as `username`, on the edit page once its form is up (harness.mjs). */
const editing = (username = 'testpress', options = {}) => editingPage(env, { username, options });

test('a chosen photo is cropped with the keyboard, uploaded with progress, and shows everywhere at once', async () => {
  const { page, puts, problems } = await editing('Vinoth');
  assert.equal(await page.getByLabel('Choose a new photo').getAttribute('accept'), 'image/*');
  assert.equal(await headerAvatar(page, 'Vinoth Kumar').locator('img').count(), 0, 'no photo yet: initials');

  await page.getByLabel('Choose a new photo').setInputFiles({ name: 'me.jpg', mimeType: 'image/jpeg', buffer: jpeg });
  const preview = page.getByRole('img', { name: /^Crop preview/ });
  await preview.waitFor();
  await preview.focus();
  await page.keyboard.press('+');
  await page.keyboard.press('+');
  await page.keyboard.press('ArrowRight');
  const zoom = Number(await page.getByLabel('Zoom').inputValue());
  assert.ok(zoom >= 1.2, `zoomed with the keyboard (${zoom})`);

  await env.api.fault({ path: '/api/v2.2/users/18/', method: 'PUT', delay_ms: 800, times: 1 });
  await page.getByRole('button', { name: 'Upload photo' }).click();
  await page.getByRole('progressbar').waitFor();
  await page.getByRole('status').filter({ hasText: 'Your new photo is saved.' }).waitFor();

  assert.equal(puts.length, 1);
  const sent = puts[0];
  assert.equal(sent.crop_width, sent.crop_height, 'a square crop');
  assert.ok(sent.crop_width < 540 && sent.crop_width > 300, `zoomed crop ${sent.crop_width}`);
  assert.ok(sent.x_offset + sent.crop_width <= 600 && sent.y_offset + sent.crop_height <= 540);
  assert.ok(!sent.photo.startsWith('data:'), 'base64 without a data: prefix');

  // The server made the five variants.
  const me = await fetch(`${env.api.url}/api/v2.2/me/`, { headers: { authorization: `JWT ${await env.api.token('Vinoth')}` } }).then((r) => r.json());
  const sizes = await page.evaluate(async (urls) => Promise.all(urls.map((u) => new Promise((ok) => {
    const img = new Image();
    img.onload = () => ok([img.naturalWidth, img.naturalHeight]);
    img.onerror = () => ok(null);
    img.src = u;
  }))), [me.large_image, me.medium_image, me.small_image, me.x_small_image, me.mini_image]);
  assert.deepEqual(sizes, [[256, 256], [128, 128], [48, 48], [32, 32], [24, 24]]);

  // The header and /me show it without a reload.
  const header = headerAvatar(page, 'Vinoth Kumar').locator('img');
  assert.ok((await header.getAttribute('srcset')).includes(me.x_small_image));
  await viaMenu(page, 'My profile');
  const avatar = page.getByRole('main').getByRole('img', { name: 'Vinoth Kumar' });
  await page.waitForFunction(() => document.querySelector('main img.avatar')?.complete);
  const shown = await avatar.evaluate((img) => img.currentSrc);
  assert.ok([me.large_image, me.medium_image].includes(shown), shown);
  assert.deepEqual(problems, []);
});

test('dragging and the wheel move and zoom the crop', async () => {
  const { page } = await editing('meera');
  await page.getByLabel('Choose a new photo').setInputFiles({ name: 'me.jpg', mimeType: 'image/jpeg', buffer: jpeg });
  const preview = page.getByRole('img', { name: /^Crop preview/ });
  await preview.waitFor();
  const box = await preview.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, -200);
  await page.waitForFunction(() => Number(document.getElementById('photo-zoom').value) > 1);
  const puts = [];
  page.on('request', (r) => { if (r.method() === 'PUT') puts.push(r.postDataJSON()); });
  await page.mouse.down();
  await page.mouse.move(box.x + box.width, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await page.getByRole('button', { name: 'Upload photo' }).click();
  await page.getByRole('status').filter({ hasText: 'Your new photo is saved.' }).waitFor();
  assert.equal(puts[0].x_offset, 0, 'dragged the photo right: the crop hit the left edge');
});

test('files that are not images, empty, or over 10 MB are refused before any upload', async () => {
  const { page, puts, problems } = await editing('arjun');
  const input = page.getByLabel('Choose a new photo');
  await input.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a photo') });
  await page.getByRole('alert').getByText("That file isn't an image. Please choose a photo (JPEG or PNG).").waitFor();
  await input.setInputFiles({ name: 'huge.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(10 * 1024 * 1024 + 1, 0xff) });
  await page.getByRole('alert').getByText('That photo is larger than 10 MB. Please choose a smaller one.').waitFor();
  await input.setInputFiles({ name: 'broken.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('definitely not jpeg data') });
  await page.getByRole('alert').getByText("We couldn't open that file as a photo. Please choose a JPEG or PNG.").waitFor();
  assert.equal(await page.getByRole('img', { name: /^Crop preview/ }).count(), 0);
  assert.deepEqual(puts, []);
  assert.deepEqual(problems, []);
});

test('a photo the server refuses, or a failed upload, is explained and kept for another try', async () => {
  const { page, problems } = await editing('arjun');
  await page.getByLabel('Choose a new photo').setInputFiles({ name: 'me.jpg', mimeType: 'image/jpeg', buffer: jpeg });
  await page.getByRole('img', { name: /^Crop preview/ }).waitFor();
  await env.api.fault({ path: '/api/v2.2/users/20/', method: 'PUT', status: 400, times: 1, body: '{"photo": ["Upload a valid image."]}' });
  await page.getByRole('button', { name: 'Upload photo' }).click();
  await page.getByRole('alert').getByText('Upload a valid image.').waitFor();
  await env.api.fault({ path: '/api/v2.2/users/20/', method: 'PUT', status: 503, times: 1, body: '' });
  await page.getByRole('button', { name: 'Upload photo' }).click();
  await page.getByRole('alert').getByText(/Testpress is having trouble right now.*Your photo is still selected/).waitFor();
  await page.getByRole('button', { name: 'Upload photo' }).click();
  await page.getByRole('status').filter({ hasText: 'Your new photo is saved.' }).waitFor();
  assert.deepEqual(problems, []);
});
