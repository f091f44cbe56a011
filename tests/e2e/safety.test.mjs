// Token safety and hostile content: the token goes to the API's origin only and never into a
// URL or the console; hostile text is shown as text; odd stored state leaves a clean app.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStandIn, launchBrowser, openPage, signIn, DEMO, cspViolations } from './harness.mjs';

let api, browser, imageHost, certDir;
/** Every request the second origin (the image host) received. */
const seenByImageHost = [];

before(async () => {
  // A TLS image host on loopback (the app takes foreign images over https only), serving the
  // stand-in's media files and recording every request's headers.
  certDir = mkdtempSync(join(tmpdir(), 'e2e-tls-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(certDir, 'key.pem'), '-out', join(certDir, 'cert.pem')], { stdio: 'ignore' });
  let upstream = '';
  imageHost = createServer({ key: readFileSync(join(certDir, 'key.pem')), cert: readFileSync(join(certDir, 'cert.pem')) }, async (req, res) => {
    seenByImageHost.push({ url: req.url, headers: req.headers });
    const answer = await fetch(upstream + req.url);
    res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/octet-stream' });
    res.end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise((ok) => imageHost.listen(0, '127.0.0.1', ok));
  api = await startStandIn(['--public-url', `https://127.0.0.1:${imageHost.address().port}`]);
  upstream = api.url;
  browser = await launchBrowser(['--ignore-certificate-errors']);
});
after(async () => {
  await browser?.close();
  await api?.stop();
  imageHost?.close();
  rmSync(certDir, { recursive: true, force: true });
  assert.deepEqual(cspViolations, [], 'no Content-Security-Policy violations');
});
beforeEach(() => api.clearFaults());

test('the token goes to the API origin only: never to the image host, a URL or the console', async () => {
  const context = await browser.newContext();
  const { page, problems } = await openPage(context);
  const requests = [];
  const consoleText = [];
  page.on('request', (r) => requests.push({ url: r.url(), auth: r.headers().authorization }));
  page.on('console', (m) => consoleText.push(m.text()));
  await page.goto(api.url + '/login');
  await signIn(page);
  await page.getByRole('heading', { level: 1, name: 'Divya' }).waitFor();
  await page.waitForFunction(() => document.querySelector('main img.avatar')?.naturalWidth > 0);
  await page.goto(api.url + '/users/19');
  await page.getByRole('heading', { level: 1, name: 'Priya Raman' }).waitFor();
  await page.waitForFunction(() => document.querySelector('main img.avatar')?.naturalWidth > 0);
  const token = await page.evaluate(() => localStorage.getItem('testpress.token'));
  assert.ok(token?.length > 20);

  assert.ok(seenByImageHost.length >= 2, 'the avatars really came from the second origin');
  for (const { url, headers } of seenByImageHost) {
    assert.equal(headers.authorization, undefined, `no Authorization header on ${url}`);
    assert.ok(!JSON.stringify(headers).includes(token) && !url.includes(token), `no token in ${url}`);
    assert.ok(url.startsWith('/media/'), `only images were asked of the image host: ${url}`);
  }
  const apiOrigin = new URL(api.url).origin;
  for (const { url, auth } of requests) {
    if (auth) assert.equal(new URL(url).origin, apiOrigin, `Authorization only to the API: ${url}`);
    assert.ok(!url.includes(token), `token in a URL: ${url}`);
  }
  assert.ok(requests.some((r) => r.auth === `JWT ${token}`), 'the API calls did carry it');
  assert.ok(consoleText.every((t) => !t.includes(token)), 'token in the console');
  assert.deepEqual(problems, []);
});

test('HTML, script, right-to-left text and emoji in every text field are shown as text', async () => {
  const hostile = {
    first_name: '<img src=x onerror=alert(1)>',
    last_name: 'مرحبا 👋🏽 עולם',
    city: '<script>window.__pwned=1</script>',
    address1: '"><svg onload="window.__pwned=1">',
    address2: "'; DROP TABLE users; --",
  };
  const token = await api.token('meera');
  const put = await fetch(`${api.url}/api/v2.2/users/21/`, {
    method: 'PUT', headers: { authorization: `JWT ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(hostile),
  });
  assert.equal(put.status, 200, await put.text());
  const name = `${hostile.first_name} ${hostile.last_name}`;

  for (const [viewer, path] of [['meera', '/me'], ['testpress', '/users/21'], ['meera', '/me/edit']]) {
    const { page, problems } = await openPage(await browser.newContext());
    await page.goto(api.url + '/login');
    await signIn(page, { username: viewer, password: DEMO.password });
    await page.goto(api.url + path);
    if (path === '/me/edit') {
      await page.getByLabel('First name').waitFor();
      assert.equal(await page.getByLabel('First name').inputValue(), hostile.first_name);
      assert.equal(await page.getByLabel('City').inputValue(), hostile.city);
    } else {
      await page.getByRole('heading', { level: 1 }).waitFor();
      assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), name);
      if (path === '/me') {
        const body = await page.getByRole('main').innerText();
        for (const value of [hostile.city, hostile.address2]) assert.ok(body.includes(value), value);
      }
    }
    assert.equal(await page.evaluate(() => document.querySelectorAll('[onerror], [onload], main script, main svg').length), 0);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.deepEqual(problems, [], `${viewer} on ${path}`);
  }
});

test('a 1,000-character name wraps on a phone instead of breaking the layout', async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 800 } });
  await context.addInitScript((t) => localStorage.setItem('testpress.token', t), await api.token('testpress'));
  const { page, problems } = await openPage(context);
  const long = 'A'.repeat(1000);
  await api.fault({ path: '/api/v2.2/me/', method: 'GET', body: JSON.stringify({ id: 17, username: 'testpress', first_name: long, display_name: long, batches: ['x'.repeat(1000)] }) });
  await page.goto(api.url + '/me');
  await page.getByRole('heading', { level: 1, name: long }).waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no sideways scrolling (${overflow}px)`);
  assert.deepEqual(problems, []);
});

test('a token issued by another API is dropped at its first use, with the sign-in page and a message', async () => {
  // Well formed and unexpired, but signed by a different server: only the API can tell.
  const other = await startStandIn();
  const foreign = await fetch(`${other.url}/api/v2.2/auth-token/`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(DEMO),
  }).then((r) => r.json()).then((b) => b.token);
  await other.stop();
  const context = await browser.newContext();
  await context.addInitScript((t) => { if (!sessionStorage.getItem('seeded')) { localStorage.setItem('testpress.token', t); sessionStorage.setItem('seeded', '1'); } }, foreign);
  const { page, problems } = await openPage(context);
  await page.goto(api.url + '/users/19');
  await page.waitForURL(api.url + '/login?next=%2Fusers%2F19');
  await page.getByText('Your session has expired. Please sign in again.').waitFor();
  assert.equal(await page.evaluate(() => localStorage.getItem('testpress.token')), null);
  await signIn(page);
  await page.getByRole('heading', { level: 1, name: 'Priya Raman' }).waitFor();
  assert.deepEqual(problems, []);
});

test('a corrupted draft is discarded with a notice, never shown or crashed on', async () => {
  const context = await browser.newContext();
  await context.addInitScript((t) => localStorage.setItem('testpress.token', t), await api.token('testpress'));
  const { page, problems } = await openPage(context);
  for (const junk of ['{"version": 1, "user_id": 17, "fields": {"city": 5}}', 'not json at all', '{"version": 99}']) {
    await page.goto(api.url + '/me');
    await page.evaluate((j) => sessionStorage.setItem('testpress.draft.17', j), junk);
    await page.goto(api.url + '/me/edit');
    await page.getByText("Your unsaved changes couldn't be restored, so they were discarded.").waitFor();
    assert.equal(await page.getByLabel('City').inputValue(), 'Chennai');
    assert.equal(await page.evaluate(() => sessionStorage.getItem('testpress.draft.17')), null);
  }
  assert.deepEqual(problems, []);
});
