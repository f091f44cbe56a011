// Registers the service worker (release builds only; loaded by index.html) and tells the
// app, through DOM events, when a new version is waiting. It never reloads on its own:
// only when the student presses the app's "Reload" (the `testpress:apply-update` event).
if ('serviceWorker' in navigator) {
  const ready = () => {
    document.documentElement.setAttribute('data-update-ready', '');
    dispatchEvent(new Event('testpress:update-ready'));
  };
  let applying = false;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (applying) location.reload();
  });
  // After the page has loaded, so the worker's downloads never compete with the app's.
  addEventListener('load', async () => {
    let registration;
    try {
      registration = await navigator.serviceWorker.register('/sw.js');
    } catch {
      return; // No worker: the app works from the network, as before.
    }
    if (!registration) return; // Refused quietly (some embedded browsers and test harnesses).
    const watch = (worker) => worker?.addEventListener('statechange', () => {
      if (worker.state === 'installed' && navigator.serviceWorker.controller) ready();
    });
    if (registration.waiting && navigator.serviceWorker.controller) ready();
    watch(registration.installing);
    registration.addEventListener('updatefound', () => watch(registration.installing));
    addEventListener('testpress:apply-update', () => {
      applying = true;
      if (registration.waiting) registration.waiting.postMessage('skip-waiting');
      else location.reload();
    });
    // A tab left open for days still hears of a deploy.
    const check = () => registration.update().catch(() => {});
    setInterval(check, 60 * 60 * 1000);
    addEventListener('online', check);
  });
}
