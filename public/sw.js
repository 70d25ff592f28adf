// Crema's service worker: the app opens without a network, and is never stale with one.
//
// The app's files and the customer's pages go to the network first (revalidating any
// copy the browser holds, so an upgrade shows at once) and fall back to what was
// cached the last time they loaded, so a phone in a dead spot still opens the app
// (which says it is offline). The API, streams included, is never cached, nor are the
// staff apps' pages: live data is live or absent. Nor is anything the server marks
// `no-store`: what a signed-in person sees is theirs, and a shared phone's next person
// must not find it offline.

// v3: v1 kept personal pages, v2 the bundle of every app; activating v3 deletes them.
const CACHE = 'crema-shell-v3';
// The app's bundles are not here: each is kept once a page this worker serves loads it,
// so a phone never fetches the staff apps' bundle.
const SHELL = [
  '/offline.html',
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
  if (request.method !== 'GET' || url.origin !== self.location.origin || !cacheable(url, request)) {
    return;
  }
  event.respondWith(networkFirst(event, request));
});

// The app's files, and the customer app's pages (by path: a QR code's token is not
// worth keeping), but not the page that names the address a sign-in code went to.
function cacheable(url, request) {
  if (request.mode === 'navigate') {
    const customer = url.pathname === '/' || url.pathname.startsWith('/order/');
    return customer && !url.searchParams.has('email');
  }
  return !url.pathname.startsWith('/api/');
}

async function networkFirst(event, request) {
  const cache = await caches.open(CACHE);
  const key = request.mode === 'navigate' ? new URL(request.url).pathname : request;
  try {
    const response = await fetch(request, { cache: 'no-cache' });
    if (response.ok && !/no-store/.test(response.headers.get('cache-control') ?? '')) {
      event.waitUntil(cache.put(key, response.clone()));
    }
    return response;
  } catch (offline) {
    const cached = await cache.match(key, { ignoreVary: true });
    if (cached) {
      return cached;
    }
    if (request.mode === 'navigate') {
      return cache.match('/offline.html');
    }
    throw offline;
  }
}
