// The app's service worker (release builds only; the post-build hook fills in BUILD, FILES
// and PAGES and writes it as /sw.js). It keeps the app's own files so a repeat visit works
// without a connection. It handles only the app's pages and files: /api/, /media/ and any
// other page on the origin go to the network exactly as the page made them, token and all,
// and nothing of them is stored.
const BUILD = '__BUILD__';
/**
 * Every file of this build: [path, hashed, kept at install]. Hashed files never change
 * under their name. The Hindi and Tamil catalogues and the install icons are kept the first
 * time they are used instead: nobody downloads a language or an icon they never use.
 */
const FILES = __FILES__;
const CACHE = `testpress-app-${BUILD}`;
const KNOWN = new Set(FILES.map(([path]) => path));
/** How long a page may take on a poor connection before the kept copy is used. */
const NETWORK_PATIENCE_MS = 4000;

/**
 * The app's pages: each pattern and the file it opens as (its prerendered page, else the
 * shell), from src/route.rs's `Route::PAGES` (the post-build hook fills it in).
 */
const PAGES = __PAGES__;

/** The kept page for one of the app's own paths (`/me/` is `/me`), else null. */
function pageFor(pathname) {
  const parts = (pathname.length > 1 ? pathname.replace(/\/$/, '') : pathname).split('/');
  const same = (pattern) => pattern.length === parts.length
    && pattern.every((part, i) => (part.startsWith(':') ? parts[i] !== '' : part === parts[i]));
  const page = PAGES.find(([pattern]) => same(pattern.split('/')));
  return page ? page[1] : null;
}

/** A copy without the redirect flag: a redirected answer may not answer a navigation. */
async function plain(response) {
  return response.redirected
    ? new Response(await response.blob(), { status: response.status, statusText: response.statusText, headers: response.headers })
    : response;
}

self.addEventListener('install', (event) => {
  // All or nothing: if any file fails, this worker is dropped and the network still serves.
  // Hashed files come from the HTTP cache the page just filled (no second download); the
  // rest are revalidated, so the kept pages and their files belong to the same build.
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await Promise.all(FILES.filter(([, , atInstall]) => atInstall).map(async ([path, hashed]) => {
      const response = await fetch(new Request(path, { cache: hashed ? 'default' : 'no-cache' }));
      if (!response.ok) throw new Error(`${path}: ${response.status}`);
      await cache.put(path, await plain(response));
    }));
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith('testpress-app-') && key !== CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

// The page's "Reload" on "A new version is ready": only then does a new worker take over.
self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    const page = pageFor(url.pathname);
    if (page) event.respondWith(networkFirst(request, page));
  } else if (url.pathname === '/config.json') {
    event.respondWith(keptFirst(event, request, '/config.json'));
  } else if (KNOWN.has(url.pathname) && !url.pathname.startsWith('/favicon.')) {
    // Not the favicons: Firefox cancels its favicon loads as pages change, and reports a
    // cancelled load a worker answered as the worker's error; the HTTP cache serves them.
    event.respondWith(cacheFirst(request, url.pathname));
  }
});

/** The build's files: from the cache, else the network (and kept from then on). */
async function cacheFirst(request, path) {
  const kept = await caches.match(path, { cacheName: CACHE });
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok && response.type === 'basic') {
    const cache = await caches.open(CACHE);
    await cache.put(path, response.clone());
  }
  return response;
}

/**
 * config.json: the kept copy at once, so a repeat visit starts the app without waiting for
 * the network (on a poor connection that wait was the longest part of the start); the
 * network's answer is kept meanwhile, for the next start. A changed config.json thus shows
 * one start later under the worker; a first visit always reads the network's.
 */
async function keptFirst(event, request, key) {
  const network = fetch(request).then(async (response) => {
    if (response.ok && response.type === 'basic') {
      const cache = await caches.open(CACHE);
      await cache.put(key, response.clone());
    }
    return response;
  });
  const kept = await caches.match(key, { cacheName: CACHE });
  if (!kept) return network;
  event.waitUntil(network.catch(() => {})); // offline: the kept copy simply stays
  return kept;
}

/**
 * Pages: the network, so a deploy shows at once; the kept copy when the network fails,
 * dawdles or answers with a server error. A fresh page is not kept (the kept ones must
 * match this build's files, and a newer page is a newer build's).
 */
async function networkFirst(request, key) {
  const network = fetch(request);
  network.catch(() => {}); // a failure is answered below, not reported as unhandled
  const patience = new Promise((resolve) => setTimeout(resolve, NETWORK_PATIENCE_MS));
  try {
    const first = await Promise.race([network, patience]);
    if (first && first.status < 500) return first;
  } catch {
    // Offline or refused: the kept copy below.
  }
  const kept = await caches.match(key, { cacheName: CACHE });
  return kept ?? network;
}
