// The smoke flows in WebKit (WebKitGTK's MiniBrowser through WebKitWebDriver; needs an X
// display: `xvfb-run -a`). Classic WebDriver can neither run a script before a page's own nor
// report the console, so the stand-in serves a copy of the bundle whose pages load a watcher
// first (console errors, uncaught exceptions, CSP violations), as a file of the app's origin
// (`script-src 'self'` allows it; nothing else in the copy changes).
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST } from '../e2e/harness.mjs';
import { WEBKIT_WATCHER } from './drivers.mjs';
import { smokeFlows } from './smoke.mjs';

const WATCHER = 'engines-watcher.js';

function bundleWithWatcher(workDir) {
  const dir = join(workDir, 'app');
  cpSync(DIST, dir, { recursive: true });
  writeFileSync(join(dir, WATCHER), WEBKIT_WATCHER);
  for (const name of readdirSync(dir)) {
    // A precompressed twin would be served instead of the page with the watcher.
    if (/\.html\.(br|gz)$/.test(name)) rmSync(join(dir, name));
  }
  for (const page of readdirSync(dir).filter((name) => name.endsWith('.html'))) {
    const html = readFileSync(join(dir, page), 'utf8');
    const policy = html.match(/<meta http-equiv=Content-Security-Policy [^>]*>/);
    if (!policy) throw new Error(`${page} has no CSP <meta> to put the watcher after`);
    writeFileSync(join(dir, page), html.replace(policy[0], `${policy[0]}<script src=/${WATCHER}></script>`));
  }
  return dir;
}

smokeFlows('webkit', { appDir: bundleWithWatcher });
