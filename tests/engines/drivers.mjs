// The two non-Chromium engines, each behind the same small interface (`Engine` below), so one
// flow script drives both: Firefox (Debian's firefox-esr) through puppeteer-core over
// WebDriver BiDi, headless; WebKit (WebKitGTK's MiniBrowser) through WebKitWebDriver and
// selenium-webdriver, which needs an X display (xvfb-run). Neither library downloads a
// browser or a driver here: both are given Debian's binaries.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';

const FIREFOX = process.env.FIREFOX_BIN ?? '/usr/bin/firefox-esr';
const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER_BIN ?? '/usr/bin/WebKitWebDriver';
const MINIBROWSER = process.env.MINIBROWSER_BIN ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const SETUP_HINT = 'install it with `scripts/setup.sh --engines`';
const START_TIMEOUT = 90_000;

/** The phone the flows run at, where the engine allows (MiniBrowser's window has a minimum). */
export const PHONE = { width: 390, height: 844 };

/**
 * Installed before any of the app's scripts run: a CSP violation becomes a console error,
 * which the engine's console capture then reports (the Chromium harness does the same).
 */
const WATCH_CSP = `document.addEventListener('securitypolicyviolation', (e) => {
  console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline'));
});`;

/**
 * WebKit's console capture, for pages that load it first (webkit.test.mjs): classic
 * WebDriver reports no console messages, and MiniBrowser's "console messages to stdout"
 * stays silent in the private session an automation run uses. So the page keeps its console
 * errors and uncaught exceptions in `__enginesProblems`, and `collect()` takes them before
 * every navigation the flows make and after every flow.
 */
export const WEBKIT_WATCHER = `(() => {
  const problems = (window.__enginesProblems = []);
  const error = console.error.bind(console);
  console.error = (...args) => { problems.push('console.error: ' + args.map(String).join(' ')); error(...args); };
  addEventListener('error', (e) => problems.push('uncaught: ' + e.message));
  addEventListener('unhandledrejection', (e) => problems.push('unhandled rejection: ' + String(e.reason)));
})();
${WATCH_CSP}`;

/** Rejects after `ms` with `message`, so a hung start or close cannot hang the suite. */
function within(ms, promise, message) {
  let timer;
  const timeout = new Promise((_, fail) => { timer = setTimeout(() => fail(new Error(message)), ms); });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/*
 * An Engine:
 *   name, viewport ({ width, height } the page really has), problems (console errors,
 *   uncaught exceptions and CSP violations, as strings, since launch),
 *   run(expression) → its JSON value (promises awaited), collect() (brings `problems` up to
 *   date where the engine cannot push them),
 *   element(expression) → a handle for the element it evaluates to (or null),
 *   click(h), type(h, text), clear(h), upload(h, path), chooseOption(select, option),
 *   key(key) (to the focused element), goto(url), reload(), back(), close().
 */

/**
 * Chromium (Debian's, headless) through playwright-core, as in tests/e2e/, for the checks
 * that compare all three engines (the smoke flows themselves run in tests/e2e/ there).
 */
export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  const { CHROMIUM_ARGS } = await import('../e2e/harness.mjs');
  const executablePath = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';
  let browser;
  try {
    browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS, timeout: START_TIMEOUT });
  } catch (error) {
    throw new Error(`Chromium (${executablePath}) did not start: ${error.message}`);
  }
  const problems = [];
  const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 3 });
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  await page.addInitScript(WATCH_CSP);
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console.error: ${msg.text()}`); });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('dialog', (dialog) => {
    if (dialog.type() !== 'beforeunload') problems.push(`a ${dialog.type()} dialog: ${dialog.message()}`);
    dialog.accept().catch(() => {});
  });
  const viewport = await page.evaluate(() => ({ width: innerWidth, height: innerHeight }));
  return {
    name: 'Chromium', version: browser.version(), viewport, problems,
    run: (expression) => page.evaluate(expression),
    collect: async () => {},
    element: async (expression) => (await page.evaluateHandle(expression)).asElement(),
    click: (h) => h.click(),
    type: (h, text) => h.type(text),
    clear: (h) => h.fill(''),
    upload: (h, path) => h.setInputFiles(path),
    chooseOption: (select, option) => option.evaluate((o) => o.value).then((value) => select.selectOption(value)),
    key: (key) => page.keyboard.press(key),
    goto: (url) => page.goto(url).then(() => {}),
    reload: () => page.reload().then(() => {}),
    back: () => page.evaluate(() => { history.back(); }),
    async close() {
      await within(30_000, browser.close(), 'Chromium did not close').catch(() => {});
    },
  };
}

/** Firefox, headless, over WebDriver BiDi. */
export async function launchFirefox() {
  if (!existsSync(FIREFOX)) throw new Error(`Firefox is not installed at ${FIREFOX}: ${SETUP_HINT}`);
  const { default: puppeteer } = await import('puppeteer-core');
  let browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox', protocol: 'webDriverBiDi', executablePath: FIREFOX, headless: true,
      timeout: START_TIMEOUT, protocolTimeout: 120_000,
      // No updates, telemetry or first-run pages reaching out while the tests run.
      extraPrefsFirefox: { 'app.update.enabled': false, 'datareporting.policy.dataSubmissionEnabled': false, 'browser.aboutwelcome.enabled': false },
    });
  } catch (error) {
    throw new Error(`Firefox (${FIREFOX}) did not start over WebDriver BiDi: ${error.message}`);
  }
  const problems = [];
  try {
    const page = (await browser.pages())[0] ?? await browser.newPage();
    page.setDefaultTimeout(60_000);
    page.setDefaultNavigationTimeout(90_000);
    await page.setViewport({ ...PHONE, deviceScaleFactor: 3 });
    await page.evaluateOnNewDocument(WATCH_CSP);
    page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console.error: ${msg.text()}`); });
    page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
    // Leaving a form with unsaved changes asks first (the app's beforeunload); a flow that
    // leaves one means to. Any other dialog is a problem.
    page.on('dialog', (dialog) => {
      if (dialog.type() !== 'beforeunload') problems.push(`a ${dialog.type()} dialog: ${dialog.message()}`);
      dialog.accept().catch(() => {});
    });
    const viewport = await page.evaluate(() => ({ width: innerWidth, height: innerHeight }));
    return {
      name: 'Firefox', version: await browser.version(), viewport, problems,
      run: (expression) => page.evaluate(expression),
      collect: async () => {}, // the console events arrive by themselves
      element: async (expression) => (await page.evaluateHandle(expression)).asElement(),
      click: (h) => h.click(),
      type: (h, text) => h.type(text),
      async clear(h) {
        await h.focus();
        await page.keyboard.down('Control');
        await page.keyboard.press('a');
        await page.keyboard.up('Control');
        await page.keyboard.press('Backspace');
      },
      upload: (h, path) => h.uploadFile(path),
      chooseOption: (select, option) => option.evaluate((o) => o.value).then((value) => select.select(value)),
      key: (key) => page.keyboard.press(key),
      goto: (url) => page.goto(url).then(() => {}),
      reload: () => page.reload().then(() => {}),
      // Not page.goBack(): it waits for a load event, which a page restored from Firefox's
      // back-forward cache never fires. The flows wait for the page they expect instead.
      back: () => page.evaluate(() => { history.back(); }),
      async close() {
        await within(30_000, browser.close(), 'Firefox did not close').catch(() => browser.process()?.kill('SIGKILL'));
      },
    };
  } catch (error) {
    await browser.close().catch(() => browser.process()?.kill('SIGKILL'));
    throw error;
  }
}

async function freePort() {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  await new Promise((ok) => server.close(ok));
  return port;
}

/**
 * Makes sure a detached child's process group dies with this process, even when it is
 * interrupted or killed by the test runner's timeout; returns the function that undoes it.
 */
function dieWithUs(child) {
  const kill = () => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone already */ } };
  const onSignal = (signal) => { kill(); process.kill(process.pid, signal); };
  process.on('exit', kill);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return () => {
    process.off('exit', kill);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}

/**
 * Kills a detached child's whole process group (the driver, its MiniBrowser and helpers),
 * even when the driver itself has already gone.
 */
async function killGroup(child) {
  const running = child.exitCode === null && child.signalCode === null;
  const exited = running ? once(child, 'exit') : Promise.resolve();
  try { process.kill(-child.pid, 'SIGTERM'); } catch { return; /* the group is gone */ }
  await within(10_000, exited, 'still running').catch(() => {});
  try { process.kill(-child.pid, 'SIGKILL'); } catch { return; /* all gone */ }
  // Until the last of the group has gone (signal 0 only asks whether any is left).
  for (let i = 0; i < 50; i++) {
    try { process.kill(-child.pid, 0); } catch { return; }
    await new Promise((ok) => setTimeout(ok, 100));
  }
}

/**
 * Starts WebKitWebDriver on a free port and waits until it answers. A port taken between
 * choosing and binding it (other suites share the machine) is retried on another.
 */
async function startWebKitDriver() {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    // Its own process group, so closing ends MiniBrowser and WebKit's helper processes too.
    const child = spawn(WEBKIT_DRIVER, [`--port=${port}`], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const forget = dieWithUs(child);
    const log = []; // the driver's own output, for the error if it does not start
    for (const stream of [child.stdout, child.stderr]) createInterface({ input: stream }).on('line', (line) => log.push(line));
    let exitCode;
    child.once('exit', (code) => { exitCode = code; });
    const deadline = Date.now() + START_TIMEOUT;
    while (exitCode === undefined && Date.now() < deadline) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/status`)).ok) return { child, port, forget };
      } catch { /* not listening yet */ }
      await new Promise((ok) => setTimeout(ok, 100));
    }
    await killGroup(child);
    forget();
    const why = exitCode === undefined ? `no answer within ${START_TIMEOUT / 1000} s` : `exited with ${exitCode}`;
    if (attempt === 3 || exitCode === undefined) throw new Error(`WebKitWebDriver ${why}: ${log.join(' | ')}`);
  }
}

/** WebKitGTK's MiniBrowser through WebKitWebDriver, on the X display in $DISPLAY. */
export async function launchWebKit() {
  for (const [path, what] of [[WEBKIT_DRIVER, 'WebKitWebDriver'], [MINIBROWSER, 'MiniBrowser']]) {
    if (!existsSync(path)) throw new Error(`${what} is not installed at ${path}: ${SETUP_HINT}`);
  }
  if (!process.env.DISPLAY) throw new Error('WebKit (MiniBrowser) needs an X display: run the suite under `xvfb-run -a`');
  const { Builder } = await import('selenium-webdriver');
  let started;
  let driver;
  try {
    started = await startWebKitDriver();
    driver = await within(START_TIMEOUT, new Builder().usingServer(`http://127.0.0.1:${started.port}`).withCapabilities({
      browserName: 'MiniBrowser',
      // Leaving a form with unsaved changes asks first (the app's beforeunload); a flow
      // that leaves one means to.
      unhandledPromptBehavior: 'accept',
      'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
    }).build(), `no browser session within ${START_TIMEOUT / 1000} s`);
  } catch (error) {
    if (started) {
      await killGroup(started.child);
      started.forget();
    }
    throw new Error(`WebKit (${MINIBROWSER} via ${WEBKIT_DRIVER}) did not start: ${error.message}`);
  }
  const problems = [];
  const close = async () => {
    await within(30_000, driver.quit(), 'WebKit did not close').catch(() => {});
    await killGroup(started.child);
    started.forget();
  };
  try {
    await driver.manage().setTimeouts({ script: 60_000, pageLoad: 90_000, implicit: 0 });
    await driver.manage().window().setRect(PHONE);
    // Promises are awaited in the page; a rejection comes back as `{ error }`.
    const run = async (expression) => {
      const result = await driver.executeAsyncScript(`const done = arguments[arguments.length - 1];
        Promise.resolve().then(() => (${expression})).then((value) => done({ value }), (e) => done({ error: String(e && e.stack || e) }));`);
      if (result.error) throw new Error(result.error);
      return result.value;
    };
    const viewport = await run('({ width: innerWidth, height: innerHeight })');
    const capabilities = await driver.getCapabilities();
    return {
      name: 'WebKit', version: capabilities.get('browserVersion'), viewport, problems,
      run,
      async collect() {
        const found = await run(`window.__enginesProblems ? window.__enginesProblems.splice(0) : location.protocol.startsWith('http') ? ['the console watcher is missing from ' + location.pathname] : []`).catch(() => []);
        problems.push(...found);
      },
      element: (expression) => driver.executeScript(`return ${expression};`),
      click: (h) => h.click(),
      type: (h, text) => h.sendKeys(text),
      clear: (h) => h.clear(),
      upload: (h, path) => h.sendKeys(path),
      chooseOption: (_select, option) => option.click(),
      key: (key) => driver.actions().sendKeys(key).perform(),
      goto: (url) => driver.get(url),
      reload: () => driver.navigate().refresh(),
      back: () => driver.navigate().back(),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

export const ENGINES = { chromium: launchChromium, firefox: launchFirefox, webkit: launchWebKit };
