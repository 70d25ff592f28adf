// Crema's service worker: the app opens without a network, and is never stale with one.
//
// Pages and the app's files go to the network first and fall back to what was cached
// the last time they loaded, so an upgrade shows at once and a phone in a dead spot
// still opens its last order page (which says it is offline). The API, streams
// included, is never cached: live data is live or absent.

const CACHE = 'crema-shell-v1';
const SHELL = [
  '/offline.html',
  '/pkg/crema.js',
  '/pkg/crema.wasm',
  '/pkg/crema.css',
  '/favicon.svg',
  '/manifest.webmanifest',
  '/icons/icon-192.png',
];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(SHELL))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/api/')) {
    return;
  }
  event.respondWith(networkFirst(request));
});

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) {
      await cache.put(request, response.clone());
    }
    return response;
  } catch (offline) {
    const cached = await cache.match(request, { ignoreVary: true });
    if (cached) {
      return cached;
    }
    if (request.mode === 'navigate') {
      return cache.match('/offline.html');
    }
    throw offline;
  }
}
