// Trunk's post-build hook (Trunk.toml): turns trunk's output into what ships.
//   1. scripts.mjs: inline scripts become hashed files; release builds minify the JS glue.
//   2. locales.mjs: the Hindi and Tamil catalogues, hashed, named in <meta>s.
//   3. csp.mjs: the Content-Security-Policy <meta>, and a check that nothing inline is left.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { externaliseScripts } from './post-build/scripts.mjs';
import { copyLocales } from './post-build/locales.mjs';
import { addPolicyMeta, apiOrigin, assertNothingInline, policy } from './post-build/csp.mjs';

const dir = process.env.TRUNK_STAGING_DIR;
const sourceDir = process.env.TRUNK_SOURCE_DIR ?? process.cwd();
if (!dir) {
  console.error('post-build: TRUNK_STAGING_DIR is not set (run me from trunk)');
  process.exit(1);
}
const release = process.env.TRUNK_PROFILE === 'release';

try {
  let html = readFileSync(join(dir, 'index.html'), 'utf8');
  const scripts = await externaliseScripts(html, { dir, release, publicUrl: process.env.TRUNK_PUBLIC_URL ?? '/' });
  const locales = copyLocales(scripts.html, { sourceDir, dir });
  let config = '';
  try {
    config = readFileSync(join(dir, 'config.json'), 'utf8');
  } catch {
    // No config.json: same-origin.
  }
  const text = policy({ apiOrigin: apiOrigin(config) });
  html = addPolicyMeta(locales.html, text);
  assertNothingInline(html);
  writeFileSync(join(dir, 'index.html'), html);
  console.log(`post-build: ${[...scripts.files, ...locales.files].join(', ')}; policy: ${text}`);
} catch (error) {
  console.error(`post-build: ${error.message}`);
  process.exit(1);
}
