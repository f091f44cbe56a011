// Installable and offline: the web app manifest (every build) and, in release builds, the
// service worker with the list of this build's files and the script that registers it.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { writeHashed } from './scripts.mjs';

const here = import.meta.dirname;
/** Writes manifest.webmanifest and links it (and the touch icon) from the page. */
export function addManifest(html, { dir, facts }) {
  const name = facts.institute_name;
  const manifest = {
    name: name ?? 'Testpress Profile',
    short_name: name && [...name].length <= 12 ? name : 'Profile',
    description: 'Your Testpress student profile',
    start_url: '/me',
    scope: '/',
    display: 'standalone',
    background_color: '#f3f4f6',
    theme_color: facts.theme_color ?? '#1d4ed8',
    icons: [
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  };
  writeFileSync(join(dir, 'manifest.webmanifest'), `${JSON.stringify(manifest, null, 2)}\n`);
  const links = '<link rel=manifest href=/manifest.webmanifest><link rel=apple-touch-icon href=/icons/icon-192.png>';
  return { html: html.replace('</head>', `${links}</head>`), files: ['manifest.webmanifest'] };
}

/** Adds the worker's registration script to the page (release builds). */
export function addRegistration(html, { dir }) {
  const code = readFileSync(join(here, 'register-worker.js'), 'utf8');
  const name = writeHashed(dir, 'register-worker', code);
  return { html: html.replace('</head>', `<script type=module src=/${name}></script></head>`), files: [name] };
}

function filesIn(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesIn(path) : [path];
  });
}

/**
 * Writes /sw.js for everything now in `dir` (call it last), with the app's `pages`. Its BUILD changes with any
 * file, so every deploy is a new worker, which the page offers as "A new version is ready".
 */
export function writeServiceWorker({ dir, pages }) {
  const paths = filesIn(dir)
    .map((path) => `/${relative(dir, path).split('\\').join('/')}`)
    .filter((path) => path !== '/sw.js' && !/\.(br|gz)$/.test(path))
    .sort();
  const build = createHash('sha256');
  for (const path of paths) build.update(path).update(readFileSync(join(dir, path)));
  const files = paths.map((path) => [path, /-[0-9a-f]{8,16}(_bg)?\.[a-z]+$/.test(path), !/^\/(icons\/|locale-)/.test(path)]);
  const code = readFileSync(join(here, 'service-worker.js'), 'utf8')
    .replace("'__BUILD__'", JSON.stringify(build.digest('hex').slice(0, 16)))
    .replace('__FILES__', JSON.stringify(files))
    .replace('__PAGES__', JSON.stringify(pages));
  writeFileSync(join(dir, 'sw.js'), code);
  return paths.length;
}
