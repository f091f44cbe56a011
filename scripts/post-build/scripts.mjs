// Scripts: trunk writes its wasm loader (and, under `trunk serve`, its live-reload client)
// inline; the loader is replaced by ours (loader.js) and the client moved out, both as
// content-hashed files, so `script-src 'self'` needs no hash. In
// release builds the JS glue is minified, which trunk 0.21's own minifier cannot do (it
// stops at wasm-bindgen's `export {…}` line), and the `integrity` hashes trunk wrote for it
// are recomputed.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { transform } from 'esbuild';

export const contentHash = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);
const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

const minify = async (code) => (await transform(code, { minify: true, format: 'esm', target: 'es2022' })).code;

/** A tag's attributes, names lower-cased, values unquoted (`true` when bare). */
function attributes(tag) {
  const attrs = {};
  for (const [, name, value] of tag.replace(/^<\w+|\/?>$/g, '').matchAll(/([^\s=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?/g)) {
    attrs[name.toLowerCase()] = value === undefined ? true : value.replace(/^["']|["']$/g, '');
  }
  return attrs;
}

/** Writes `text` as `<stem>-<hash>.<ext>` in `dir`; returns the file name. */
export function writeHashed(dir, stem, text, ext = 'js') {
  const name = `${stem}-${contentHash(text)}.${ext}`;
  writeFileSync(join(dir, name), text);
  return name;
}

/**
 * Moves the inline scripts out of `html`; in release builds minifies the loader and the
 * glue. Returns the new HTML and the names of the files written.
 */
export async function externaliseScripts(html, { dir, release, publicUrl = '/' }) {
  const files = [];
  const loader = html.match(/<script type=("?)module\1>([\s\S]*?)<\/script>/);
  if (!loader) throw new Error('no inline module script (trunk\'s wasm loader) in index.html');
  const glue = loader[2].match(/from\s*['"]([^'"]+\.js)['"]/)?.[1];
  const wasm = loader[2].match(/module_or_path:\s*['"]([^'"]+\.wasm)['"]/)?.[1];
  if (!glue || !wasm) throw new Error("trunk's loader has changed: no glue module or wasm path in it");
  // Our loader (loader.js) requests the wasm itself, so trunk's preload of it goes; its
  // integrity hash goes with the request instead.
  let integrity = '';
  html = html.replace(/<link\b[^>]*>/g, (tag) => {
    const attrs = attributes(tag);
    if (attrs.rel !== 'preload' || attrs.href !== wasm) return tag;
    integrity = attrs.integrity ?? '';
    return '';
  });
  const template = readFileSync(new URL('./loader.js', import.meta.url), 'utf8');
  let code = template.replace("'__GLUE__'", JSON.stringify(glue)).replace("'__WASM__'", JSON.stringify(wasm))
    .replace("'__WASM_INTEGRITY__'", JSON.stringify(integrity));
  if (/'__[A-Z_]+__'/.test(code)) throw new Error('loader.js has a placeholder left');
  if (release) code = await minify(code);
  const loaderName = writeHashed(dir, 'loader', code);
  files.push(loaderName);
  // `async`: it runs the moment it arrives, not after the stylesheet (which holds back
  // deferred scripts), so the downloads it starts begin a round trip or more sooner.
  html = html.replace(loader[0], `<script type=module async src=/${loaderName}></script>`);

  // Development only: trunk's live-reload client. Trunk fills in its address and path when
  // it serves the HTML; in a file, the page's own host (where trunk serves) does the same.
  const reload = html.match(/<script(?: nonce="?[^ >]*"?)?>("use strict";[\s\S]*?\.well-known\/trunk\/ws[\s\S]*?)<\/script>/);
  if (reload) {
    const client = reload[1]
      .replace(/(['`])\{\{__TRUNK_ADDRESS__\}\}\1/g, 'window.location.host')
      .replaceAll('{{__TRUNK_WS_BASE__}}', publicUrl.endsWith('/') ? publicUrl : `${publicUrl}/`);
    const name = writeHashed(dir, 'live-reload', client);
    files.push(name);
    html = html.replace(reload[0], `<script src=/${name}></script>`);
  }

  if (release) {
    // The glue module: minified in place, under trunk's name (a hash of its unminified
    // text, so still unique per build), with a fresh integrity hash wherever it is named.
    for (const [, glue] of html.matchAll(/href="?\/([^"\s>]+\.js)"?[^>]*rel=modulepreload/g)) {
      const path = join(dir, glue);
      const minified = await minify(readFileSync(path, 'utf8'));
      writeFileSync(path, minified);
      html = html.replace(new RegExp(`(href="?/${glue.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"?[^>]*integrity=)("?)sha384-[^"\\s>]+\\2`), `$1$2${sri(minified)}$2`);
    }
  }
  return { html, files };
}
