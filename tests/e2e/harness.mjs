// Shared end-to-end plumbing: a stand-in API serving the release bundle on a free loopback
// port, and headless Chromium (Debian's) driven by playwright-core.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const root = resolve(import.meta.dirname, '..', '..');
export const DIST = process.env.E2E_DIST ?? join(root, 'dist');
const STAND_IN = process.env.STAND_IN_BIN ?? join(root, 'target', 'debug', 'testpress-stand-in');
const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';

export const DEMO = { username: 'testpress', password: 'demo1234' };

/** Starts the stand-in API (in-memory database, fault injection on) serving the built app. */
export async function startStandIn(extraArgs = []) {
  const args = ['--port', '0', '--db', ':memory:', '--faults', '--app-dir', DIST, ...extraArgs];
  const child = spawn(STAND_IN, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise((ok, fail) => {
    child.once('exit', (code) => fail(new Error(`stand-in exited with ${code} before listening`)));
    lines.on('line', (line) => {
      const match = line.match(/listening on (http:\/\/\S+)/);
      if (match) ok(match[1]);
    });
  });
  return {
    url,
    async fault(fault) {
      const r = await fetch(`${url}/__test__/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fault) });
      if (r.status !== 201) throw new Error(`fault not accepted: ${r.status} ${await r.text()}`);
    },
    async clearFaults() {
      await fetch(`${url}/__test__/faults`, { method: 'DELETE' });
    },
    async settings(settings) {
      await fetch(`${url}/__test__/settings`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(settings) });
    },
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
    },
  };
}

/** Headless Chromium with a fresh profile; `close()` removes the profile. */
export async function launchBrowser() {
  const profile = mkdtempSync(join(tmpdir(), 'e2e-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--no-first-run', '--disable-sync', '--disable-quic', '--disable-dev-shm-usage',
    ],
    viewport: { width: 1280, height: 800 },
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * A new tab that records every console error, uncaught exception and CSP violation,
 * so a test can assert that a user saw nothing broken behind the scenes.
 */
export async function openPage(context) {
  const page = await context.newPage();
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console.error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`uncaught: ${err.message}`));
  page.on('crash', () => problems.push('the page crashed'));
  return { page, problems };
}
