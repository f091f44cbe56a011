// What a flow does with a page, on top of an engine from drivers.mjs: find by role or label,
// act, and wait for the outcome. Every wait polls for a condition (never a fixed pause) and
// fails with what it waited for; the timeouts are generous for a busy 2-core machine.
import { describe, locateInPage } from './locate.mjs';

const WAIT_MS = Number(process.env.ENGINES_WAIT_MS ?? 30_000);
const POLL_MS = 100;
const LOCATE = locateInPage.toString();

/** `fn` (a function's source, run in the page) called with the JSON-serialisable `args`. */
const call = (fn, ...args) => `(${fn})(...${JSON.stringify(args)})`;
const found = (query) => `(${LOCATE})(${JSON.stringify(query)})`;

export class Tab {
  constructor(engine, origin) {
    this.engine = engine;
    this.origin = origin;
  }

  /** Runs `fn(...args)` in the page and returns its (JSON) value. */
  evaluate(fn, ...args) {
    return this.engine.run(call(fn.toString(), ...args));
  }

  /**
   * Polls `fn(...args)` in the page until it returns something truthy, and returns that.
   * A navigation in between (the page's context going away) is just another poll.
   */
  waitUntil(what, fn, ...args) {
    return this.poll(what, call(fn.toString(), ...args));
  }

  /** `waitUntil` for an expression's source. (No eval in the page: the CSP forbids it.) */
  async poll(what, expression) {
    const deadline = Date.now() + WAIT_MS;
    let last;
    for (;;) {
      try {
        const value = await this.engine.run(expression);
        if (value) return value;
        last = value;
      } catch (error) {
        last = error.message.split('\n')[0];
      }
      if (Date.now() > deadline) {
        // Where it was and what it showed, for the failure's message.
        const page = await this.evaluate(() => `${location.pathname}${location.search} (${document.readyState}), showing "${document.body?.innerText.replace(/\s+/g, ' ').slice(0, 300)}"`).catch((e) => `? (${e.message})`);
        throw new Error(`${this.engine.name}: waited ${WAIT_MS / 1000} s for ${what} (last: ${JSON.stringify(last)}) at ${page}`);
      }
      await new Promise((ok) => setTimeout(ok, POLL_MS));
    }
  }

  waitForPath(path) {
    return this.waitUntil(`the address ${path}`, (p) => location.pathname + location.search === p, path);
  }

  /** Waits until exactly one visible element matches `query`. */
  waitFor(query) {
    return this.poll(`one ${describe(query)}`, `${found(query)}.length === 1`);
  }

  /** The one element matching `query`, once it is there. */
  async element(query) {
    await this.waitFor(query);
    const handle = await this.engine.element(`${found(query)}[0]`);
    if (!handle) throw new Error(`${this.engine.name}: ${describe(query)} went away`);
    return handle;
  }

  /** Reads a property (or attribute, with `attr:`) of the element matching `query`. */
  async read(query, property) {
    await this.waitFor(query);
    return this.engine.run(`((el) => ${property.startsWith('attr:') ? `el.getAttribute(${JSON.stringify(property.slice(5))})` : `el[${JSON.stringify(property)}]`})(${found(query)}[0])`);
  }

  async click(query) {
    await this.engine.click(await this.element(query));
  }

  /** Replaces a field's value by typing, as a student would. */
  async fill(query, text) {
    const field = await this.element(query);
    await this.engine.clear(field);
    if (text) await this.engine.type(field, text);
    await this.poll(`${describe(query)} to hold "${text}"`, `${found(query)}[0]?.value === ${JSON.stringify(text)}`);
  }

  /** Chooses the option shown as `label` in the select matching `query`. */
  async choose(query, label) {
    const select = await this.element(query);
    const option = await this.engine.element(`[...${found(query)}[0].options].find((o) => o.textContent.trim() === ${JSON.stringify(label)})`);
    if (!option) throw new Error(`${this.engine.name}: ${describe(query)} has no option "${label}"`);
    await this.engine.chooseOption(select, option);
  }

  async upload(query, path) {
    await this.engine.upload(await this.element(query), path);
  }

  /** Focuses the element matching `query` and presses `key` there. */
  async press(query, key) {
    await this.waitFor(query);
    await this.engine.run(`${found(query)}[0].focus()`);
    await this.engine.key(key);
  }

  /**
   * Before the flows leave a page: it has loaded and the app has started, so leaving aborts
   * no download half-way (Firefox reports a service-worker fetch cut short as an error, as it
   * would for a student who left that early; that is not what these flows test). Then what
   * the page saw is collected.
   */
  async settle() {
    const url = await this.engine.run('location.href').catch(() => '');
    if (url.startsWith(this.origin)) {
      await this.waitUntil('the page to load and the app to start', () => document.readyState === 'complete' && !document.getElementById('prerendered'));
    }
    await this.engine.collect();
  }

  async goto(path) {
    await this.settle();
    await this.engine.goto(this.origin + path);
  }

  async reload() {
    await this.settle();
    await this.engine.reload();
  }

  async back() {
    await this.settle();
    await this.engine.back();
  }

  /** Console errors, uncaught exceptions and CSP violations since the engine started. */
  async problems() {
    await this.engine.collect();
    return this.engine.problems;
  }
}
