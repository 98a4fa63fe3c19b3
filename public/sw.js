// Composure's service worker: after one visit the app loads and works with the network off.
//
// - Install: fetch the page, find the files it names (the hashed wasm, js and css, the icon, the
//   manifest) and cache them with it.
// - Navigations: network first, so a new release is picked up on the next visit; the cached page
//   when offline. Each fresh page re-caches its files and drops the ones the release no longer
//   names, so a new release replaces the cached one.
// - Other same-origin GETs: cache first, then the network.
const CACHE = 'composure';

const assetsOf = (html) =>
  [...new Set([...html.matchAll(/["'](\/[^"'\s?#]+\.(?:js|wasm|css|svg|webmanifest|md))["']/g)].map((m) => m[1]))];

async function cacheRelease(cache, response) {
  const html = await response.clone().text();
  const assets = assetsOf(html);
  await cache.put('/', response);
  await cache.addAll(assets);
  const keep = new Set(['/', ...assets].map((p) => new URL(p, self.location.origin).href));
  for (const req of await cache.keys()) {
    if (!keep.has(req.url)) await cache.delete(req);
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const response = await fetch('/', { cache: 'no-store' });
      if (response.ok) await cacheRelease(cache, response);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== self.location.origin || url.pathname === '/sw.js') return;
  if (req.mode === 'navigate') {
    event.respondWith(
      (async () => {
        const cache = await caches.open(CACHE);
        try {
          const response = await fetch(req);
          if (response.ok && response.headers.get('content-type')?.includes('text/html')) {
            event.waitUntil(cacheRelease(cache, response.clone()).catch(() => {}));
          }
          return response;
        } catch {
          return (await cache.match('/')) ?? Response.error();
        }
      })(),
    );
    return;
  }
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      const hit = await cache.match(req);
      if (hit) return hit;
      const response = await fetch(req);
      if (response.ok) await cache.put(req, response.clone());
      return response;
    })(),
  );
});
