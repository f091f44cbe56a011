// Trunk post-build hook: makes the built index.html run under a strict Content-Security-Policy.
// Trunk writes its wasm loader as an inline <script>; this moves it to a content-hashed file,
// so `script-src 'self'` needs no per-build hash (and a CDN header can be a fixed string),
// then adds the policy as a <meta> (the same policy belongs in the CDN's header: README).
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('csp-hook: TRUNK_STAGING_DIR is not set (run me from trunk)');
  process.exit(1);
}
const htmlPath = join(dir, 'index.html');
let html = readFileSync(htmlPath, 'utf8');

const inline = html.match(/<script type=("?)module\1>([\s\S]*?)<\/script>/);
if (!inline) {
  console.error('csp-hook: no inline module script in index.html');
  process.exit(1);
}
const code = `${inline[2].trim()}\n`;
const loader = `loader-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.js`;
writeFileSync(join(dir, loader), code);
html = html.replace(inline[0], `<script type=module src=/${loader}></script>`);
if (/<script(?![^>]*\ssrc=)[^>]*>/i.test(html) || /\sstyle=/i.test(html) || /\son[a-z]+=/i.test(html)) {
  console.error('csp-hook: index.html still has inline script, style or event-handler attributes');
  process.exit(1);
}

// The API origin from config.json may be called cross-origin; same-origin needs nothing.
let apiOrigin = '';
try {
  const base = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')).api_base ?? '';
  if (/^https?:\/\/[a-z0-9.\-:[\]]+$/i.test(base.replace(/\/$/, ''))) apiOrigin = base.replace(/\/$/, '').toLowerCase();
} catch {
  // A missing or broken config.json means same-origin (the app says so in the console).
}

export const policy = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  `connect-src 'self'${apiOrigin ? ` ${apiOrigin}` : ''}`,
  // The app's own files, photos on the API's (https) image hosts, and the crop preview.
  "img-src 'self' https: data: blob:",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ');
// frame-ancestors only works as a header (browsers ignore it, noisily, in a <meta>).
const meta = `<meta http-equiv=Content-Security-Policy content="${policy}">`;
const charset = html.match(/<meta charset=("?)utf-8\1>/i);
if (!charset) {
  console.error('csp-hook: no <meta charset> to put the policy after');
  process.exit(1);
}
html = html.replace(charset[0], `${charset[0]}${meta}`);
writeFileSync(htmlPath, html);
console.log(`csp-hook: loader moved to ${loader}; policy: ${policy}`);
