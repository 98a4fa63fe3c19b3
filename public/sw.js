// Composure's service worker: after one visit the app loads and works with the network off.
//
// - Install: fetch the page, find the files it names (the hashed wasm, js and css, the icon, the
//   manifest, the content catalog) and cache them with it, then every campaign's data file the
//   catalog names (their names carry a hash of their bytes), so practice works offline after
//   one visit. The whole app's wasm and JS (`/composure-app-*`) are the exception: a first visit
//   to Home or Practice runs the first-call app and never downloads them, so they are cached the
//   first time a page of the whole app loads them (then kept while the page names them). Offline,
//   a page of the whole app that was never opened says so (the page's loader).
// - Navigations: network first, so a new release is picked up on the next visit; the cached page
//   when offline. Each fresh page re-caches its files and drops the ones the release no longer
//   names, so a new release replaces the cached one.
// - The content catalog (`/packs/index.json`, the one data file whose name does not change):
//   network first, then the cache, so a page always reads the catalog of its own release.
// - Other same-origin GETs: cache first, then the network.
const CACHE = 'composure';

const assetsOf = (html) =>
  [...new Set([...html.matchAll(/["'](\/[^"'\s?#]+\.(?:js|wasm|css|svg|webmanifest|md|json))["']/g)].map((m) => m[1]))];

// The campaign data files the content catalog names (relative to the app's root).
async function packsOf(cache, assets) {
  const catalog = assets.find((a) => a.endsWith('/packs/index.json'));
  if (!catalog) return [];
  const response = await cache.match(catalog);
  if (!response) return [];
  const { campaigns = [] } = await response.json();
  return campaigns.map((c) => '/' + c.href);
}

// The whole app's files: cached when first used, not on install (see above).
const onDemand = (asset) => asset.startsWith('/composure-app-');

async function cacheRelease(cache, response) {
  const html = await response.clone().text();
  const named = assetsOf(html);
  await cache.put('/', response);
  // The catalog is fetched fresh: its name is the same in every release.
  await Promise.all(named.filter((a) => !onDemand(a)).map(async (a) => {
    const r = await fetch(a, { cache: a.endsWith('.json') ? 'no-store' : 'default' });
    if (!r.ok) throw new Error(`${a}: HTTP ${r.status}`);
    await cache.put(a, r);
  }));
  const packs = await packsOf(cache, named);
  await cache.addAll(packs);
  const assets = [...named, ...packs];
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
  if (url.pathname === '/packs/index.json') {
    event.respondWith(
      (async () => {
        const cache = await caches.open(CACHE);
        try {
          return await fetch(req, { cache: 'no-store' });
        } catch {
          return (await cache.match(req)) ?? Response.error();
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
