// The app's service worker (release builds only; the post-build hook fills in BUILD and
// FILES and writes it as /sw.js). It keeps the app's own files so a repeat visit works
// without a connection. It never touches /api/ or /media/: those requests go to the
// network exactly as the page made them, token and all, and nothing of them is stored.
const BUILD = '__BUILD__';
/**
 * Every file of this build: [path, hashed, kept at install]. Hashed files never change
 * under their name. The Hindi and Tamil catalogues and the install icons are kept the first
 * time they are used instead: nobody downloads a language or an icon they never use.
 */
const FILES = __FILES__;
const CACHE = `testpress-app-${BUILD}`;
const KNOWN = new Map(FILES.map(([path, hashed]) => [path, hashed]));
/** How long a page or config.json may take on a poor connection before the kept copy is used. */
const NETWORK_PATIENCE_MS = 4000;
/** The kept copy of each page: the prerendered ones for their paths, the shell for the rest. */
const PAGES = { '/login': '/login.html', '/me': '/me.html' };

self.addEventListener('install', (event) => {
  // All or nothing: if any file fails, this worker is dropped and the network still serves.
  // Hashed files come from the HTTP cache the page just filled (no second download); the
  // rest are revalidated, so a page and its files always belong to the same build.
  const requests = FILES.filter(([, , atInstall]) => atInstall)
    .map(([path, hashed]) => new Request(path, { cache: hashed ? 'default' : 'no-cache' }));
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(requests)));
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
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/') || url.pathname.startsWith('/media/')) return;
  if (request.mode === 'navigate') {
    const page = PAGES[url.pathname.replace(/\/$/, '')] ?? '/index.html';
    event.respondWith(networkFirst(request, page));
  } else if (url.pathname === '/config.json') {
    event.respondWith(networkFirst(request, '/config.json'));
  } else if (KNOWN.has(url.pathname)) {
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
 * Pages and config.json: the network, so a deploy or a changed config.json shows at once;
 * the kept copy when the network fails or dawdles. A good answer refreshes the kept copy.
 */
async function networkFirst(request, key) {
  const network = fetch(request).then(async (response) => {
    if (response.ok && response.type === 'basic') {
      const cache = await caches.open(CACHE);
      await cache.put(key, response.clone());
    }
    return response;
  });
  network.catch(() => {}); // a failure is answered below, not reported as unhandled
  const patience = new Promise((resolve) => setTimeout(resolve, NETWORK_PATIENCE_MS));
  try {
    const first = await Promise.race([network, patience]);
    if (first) return first;
  } catch {
    // Offline or refused: the kept copy below.
  }
  const kept = await caches.match(key, { cacheName: CACHE });
  return kept ?? network;
}
