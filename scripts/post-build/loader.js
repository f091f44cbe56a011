// The app's loader, in place of trunk's inline one (scripts.mjs fills in the three names).
// It starts the wasm's and config.json's downloads itself, as its first act, rather than
// leaving them to <link rel=preload>: a preload that the later request does not match in
// every detail (WebKit is the strictest) is downloaded a second time, so here each file is
// requested exactly once, in every engine. The glue is imported after both have started
// (its own <link rel=modulepreload> has fetched it meanwhile).
const GLUE = '__GLUE__';
const WASM = '__WASM__';
const WASM_INTEGRITY = '__WASM_INTEGRITY__';

// src/config.rs takes this answer (`get_started_text` in src/own_files.rs). As with the
// app's own requests for its files, an answer that has not begun in 5 s is given up on
// (the app then says so in the console and uses the defaults).
const patience = new AbortController();
const timer = setTimeout(() => patience.abort(), 5000);
window.testpressConfig = fetch('/config.json', { signal: patience.signal });
window.testpressConfig.catch(() => {}).finally(() => clearTimeout(timer));

// At once on every page, the sign-in page too: the stylesheet comes first in the head and
// is on its way by now, so the wasm takes little from the first paint (waiting for that
// paint cost a round trip and more on a phone).
const wasm = fetch(WASM, WASM_INTEGRITY ? { integrity: WASM_INTEGRITY } : {});

// The app starts after the browser has painted the prerendered page (a frame, at most
// 100 ms), so the page's first paint is always the HTML's, as it is on a slow connection.
const painted = new Promise((resolve) => {
  requestAnimationFrame(() => setTimeout(resolve));
  setTimeout(resolve, 100);
});
const [glue] = await Promise.all([import(GLUE), painted]);
const started = await glue.default({ module_or_path: wasm });
window.wasmBindings = glue;
dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm: started } }));
