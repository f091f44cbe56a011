// Trunk's post-build hook (Trunk.toml): turns trunk's output into what ships.
//   1. scripts.mjs: inline scripts become hashed files; release builds minify the JS glue.
//   2. locales.mjs: the Hindi and Tamil catalogues, hashed, named in <meta>s.
//   3. pwa.mjs: the web app manifest; in release builds the service worker's registration.
//   4. csp.mjs: the Content-Security-Policy <meta>, and a check that nothing inline is left.
//   5. prerendered-pages.mjs: the pages that paint before the app runs (index, login and me.html),
//      drawn by the app's own components (src/bin/prerender.rs).
//   6. pwa.mjs, last: release builds list every file in /sw.js.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { externaliseScripts } from './post-build/scripts.mjs';
import { copyLocales } from './post-build/locales.mjs';
import { addManifest, addRegistration, writeServiceWorker } from './post-build/pwa.mjs';
import { addPolicyMeta, assertNothingInline, policy } from './post-build/csp.mjs';
import { buildFacts, renderedPages } from './post-build/facts.mjs';
import { prerender } from './post-build/prerendered-pages.mjs';

const dir = process.env.TRUNK_STAGING_DIR;
const sourceDir = process.env.TRUNK_SOURCE_DIR ?? process.cwd();
if (!dir) {
  console.error('post-build: TRUNK_STAGING_DIR is not set (run me from trunk)');
  process.exit(1);
}
const release = process.env.TRUNK_PROFILE === 'release';

try {
  // No config.json: same-origin, the app's own name.
  const configPath = join(dir, 'config.json');
  const facts = buildFacts({ sourceDir, configPath });
  const written = [];
  const step = (result) => {
    written.push(...result.files);
    return result.html;
  };
  let html = readFileSync(join(dir, 'index.html'), 'utf8');
  html = step(await externaliseScripts(html, { dir, release, publicUrl: process.env.TRUNK_PUBLIC_URL ?? '/' }));
  html = step(copyLocales(html, { sourceDir, dir }));
  html = step(addManifest(html, { dir, facts }));
  if (release) html = step(addRegistration(html, { dir }));
  const text = policy({ apiOrigin: facts.api_origin });
  html = addPolicyMeta(html, text);
  html = step(prerender(html, { dir, facts, pages: renderedPages({ sourceDir, configPath }) }));
  for (const page of ['index.html', 'login.html', 'me.html']) {
    if (page === 'index.html') writeFileSync(join(dir, page), html);
    assertNothingInline(readFileSync(join(dir, page), 'utf8'));
  }
  if (release) written.push(`sw.js (${writeServiceWorker({ dir, pages: facts.pages })} files)`);
  console.log(`post-build: ${written.join(', ')}; policy: ${text}`);
} catch (error) {
  console.error(`post-build: ${error.message}`);
  process.exit(1);
}
