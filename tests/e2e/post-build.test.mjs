// The post-build hook on its own, in both of trunk's profiles, on a staging directory made
// the way trunk makes it: development keeps live reload under the strict policy; release
// adds the worker, minifies the glue and keeps its integrity hash true.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..');

/** trunk's live-reload client, as trunk 0.21 injects it (placeholders filled at serve time). */
const RELOAD = `"use strict";
(function () {
    const address = '{{__TRUNK_ADDRESS__}}';
    const base = '{{__TRUNK_WS_BASE__}}';
    let protocol = '';
    protocol = protocol ? protocol : window.location.protocol === 'https:' ? 'wss' : 'ws';
    const url = protocol + '://' + address + base + '.well-known/trunk/ws';
    new WebSocket(url).onmessage = () => window.location.reload();
})()`;

function staging({ release }) {
  const dir = mkdtempSync(join(tmpdir(), 'staging-'));
  const glue = 'export function greet(){ return "hello"; }\nfunction __wbg_init(){ return greet(); }\nexport { __wbg_init as default };\n';
  writeFileSync(join(dir, 'app-0123456789abcdef.js'), glue);
  writeFileSync(join(dir, 'config.json'), '{"api_base": ""}');
  writeFileSync(join(dir, 'main-0123456789abcdef.css'), 'body{}');
  const integrity = `sha384-${createHash('sha384').update(glue).digest('base64')}`;
  const loader = "import init, * as bindings from '/app-0123456789abcdef.js';\nconst wasm = await init({ module_or_path: '/app-0123456789abcdef_bg.wasm' });\nwindow.wasmBindings = bindings;";
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html lang=en><head><meta charset=utf-8><meta content=#1d4ed8 name=theme-color>'
    + `<title>Testpress Profile</title><link href=/main-0123456789abcdef.css rel=stylesheet><link crossorigin href=/app-0123456789abcdef.js integrity=${integrity} rel=modulepreload>`
    + `<script type=module>${loader}</script></head><body><noscript>This app needs JavaScript and WebAssembly to run.</noscript>`
    + (release ? '' : `<script>${RELOAD}</script>`) + '</body></html>');
  execFileSync(process.execPath, [join(root, 'scripts', 'post-build.mjs')], {
    env: { ...process.env, TRUNK_STAGING_DIR: dir, TRUNK_SOURCE_DIR: root, TRUNK_PROFILE: release ? 'release' : 'debug', TRUNK_PUBLIC_URL: '/' },
    stdio: 'pipe',
  });
  return dir;
}

const policyOf = (html) => html.match(/http-equiv=Content-Security-Policy content="([^"]+)"/)[1];

test('development: live reload stays, as a file of this origin, under the same strict policy as release', () => {
  const dev = staging({ release: false });
  const html = readFileSync(join(dev, 'index.html'), 'utf8');
  assert.equal([...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>/g)].length, 0, 'no inline script left');
  const reload = readdirSync(dev).find((f) => /^live-reload-[0-9a-f]{16}\.js$/.test(f));
  assert.ok(reload && html.includes(`<script src=/${reload}></script>`), 'the reload client is a file the page loads');
  const client = readFileSync(join(dev, reload), 'utf8');
  assert.ok(!client.includes('{{__TRUNK'), 'no placeholder left for trunk to fill');
  assert.match(client, /const address = window\.location\.host;/);
  assert.match(client, /const base = '\/';/);
  assert.ok(!existsSync(join(dev, 'sw.js')), 'no service worker in development');
  assert.ok(!html.includes('register-worker'), 'and nothing registers one');
  const release = staging({ release: true });
  assert.equal(policyOf(html), policyOf(readFileSync(join(release, 'index.html'), 'utf8')), 'one policy for both');
  assert.ok(!/unsafe-inline|'unsafe-eval'|ws:|wss:/.test(policyOf(html)), policyOf(html));
});

test('release: the glue is minified and its integrity hash matches; the worker lists every file', () => {
  const dir = staging({ release: true });
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const glue = readFileSync(join(dir, 'app-0123456789abcdef.js'));
  assert.ok(glue.length < 100 && !glue.includes('\n    '), glue.toString());
  const integrity = html.match(/href=\/app-0123456789abcdef\.js integrity=(sha384-[^\s>]+)/)[1];
  assert.equal(integrity, `sha384-${createHash('sha384').update(glue).digest('base64')}`);
  const sw = readFileSync(join(dir, 'sw.js'), 'utf8');
  for (const file of ['/index.html', '/login.html', '/me.html', '/config.json', '/app-0123456789abcdef.js', '/manifest.webmanifest']) {
    assert.ok(sw.includes(`"${file}"`), `${file} in sw.js`);
  }
  assert.match(html, /<script type=module src=\/register-worker-[0-9a-f]{16}\.js><\/script>/);
  const loader = readFileSync(join(dir, html.match(/src=\/(loader-[0-9a-f]{16}\.js)/)[1]), 'utf8');
  assert.ok(loader.indexOf('requestAnimationFrame') < loader.indexOf('module_or_path'), 'the app starts after the first paint');
});

test('the hook refuses a page with anything inline: a script, a style attribute, an event handler', async () => {
  const { assertNothingInline } = await import('../../scripts/post-build/csp.mjs');
  assertNothingInline('<script type=module src=/loader-0123456789abcdef.js></script><p class=x>ok</p>');
  for (const bad of ['<script>alert(1)</script>', '<script type=module>import "/a.js"</script>', '<p style="color:red">x</p>', '<img src=x onerror=alert(1)>']) {
    assert.throws(() => assertNothingInline(bad), /inline/, bad);
  }
});
