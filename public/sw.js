// Crema's service worker: the app opens without a network, and is never stale with one.
//
// The app's bundles are named after their content (/pkg/crema-customer.<hash>.wasm): once
// kept, they are served from here without asking the network. Pages and every other file
// go to the network first (revalidating any copy the browser holds, so an upgrade shows
// at once) and fall back to what was cached the last time they loaded, so a phone in a
// dead spot still opens the app (which says it is offline). The API, streams included, is
// never cached, nor are the staff apps' pages: live data is live or absent. Nor is
// anything the server marks `no-store`: what a signed-in person sees is theirs, and a
// shared phone's next person must not find it offline.

// The release build writes both lines (scripts/lib/site.sh): the site's version, and the
// customer app's bundle. `cargo leptos watch` serves them as they are here.
const VERSION = 'dev';
const BUNDLE = [];

const CACHE = `crema-${VERSION}`;
const SHELL = ['/offline.html', '/pkg/crema.css', '/favicon.svg', '/manifest.webmanifest', '/icons/icon-192.png'];

// A phone that used the app before gets the new version's bundle now, so that its next
// scan has it; a new visitor's worker fetches the small files of the offline page alone
// (the bundle comes once a page needs it). A new version drops the last one's cache: its
// pages name the last version's bundle.
self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const returning = (await caches.keys()).some((key) => key.startsWith('crema-'));
      const cache = await caches.open(CACHE);
      await cache.addAll(returning ? [...SHELL, ...BUNDLE] : SHELL);
      await self.skipWaiting();
    })(),
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

// Pages of orders this worker just started (see `scan`), by address, until shown.
const started = new Map();

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) {
    return;
  }
  if (request.mode === 'navigate' && started.has(url.pathname)) {
    event.respondWith(started.get(url.pathname));
    started.delete(url.pathname);
  } else if (scanned(url, request)) {
    event.respondWith(scan(event, request, url));
  } else if (namedByContent(url)) {
    event.respondWith(cacheFirst(event, request));
  } else if (cacheable(url, request)) {
    event.respondWith(networkFirst(event, request));
  }
});

// The booth's QR code, opened by the person: not a browser guessing where they will go
// next (`Sec-Purpose`), nor the code's page coming back with a refusal or a sign-in step.
function scanned(url, request) {
  const params = url.searchParams;
  return (
    request.mode === 'navigate' &&
    /^\/order\/[^/]+$/.test(url.pathname) &&
    params.get('t') &&
    !params.has('__err') &&
    !params.has('email') &&
    !request.headers.has('sec-purpose')
  );
}

// A scan in one round trip instead of two (the code's page, then its start form posted
// to the code's own address): the worker posts the form itself, which starts the order
// and answers with the order's page (server/src/scan.rs); the browser, sent to the
// order's address, gets that page from here. An answer lost on the way is asked for
// again with the same key (the same order). Signed out, refused or offline, the code's
// page loads as without the worker and deals with it.
async function scan(event, request, url) {
  const key = crypto.randomUUID();
  for (let attempt = 0; attempt < 2; attempt += 1) {
    let answer;
    try {
      answer = await fetch(url, { method: 'POST', body: new URLSearchParams({ key }) });
    } catch {
      continue;
    }
    const page = answer.headers.get('content-location');
    if (!page) {
      break;
    }
    if (answer.ok) {
      started.set(page, answer);
      // Kept for the redirect that follows, not for later visits.
      setTimeout(() => started.delete(page), 10_000);
    }
    return Response.redirect(page, 303);
  }
  return networkFirst(event, request);
}

// A bundle's file named after its content: `<name>.<16 hex digits>.<ext>`.
function namedByContent(url) {
  return url.pathname.startsWith('/pkg/') && /\.[0-9a-f]{16}\./.test(url.pathname);
}

// The app's files, and the customer app's pages (by path: a QR code's token is not
// worth keeping), but not the page that names the address a sign-in code went to.
function cacheable(url, request) {
  if (request.mode === 'navigate') {
    const customer = url.pathname === '/' || url.pathname.startsWith('/order/');
    return customer && !url.searchParams.has('email');
  }
  return !url.pathname.startsWith('/api/');
}

async function cacheFirst(event, request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  if (cached) {
    return cached;
  }
  const response = await fetch(request);
  if (response.ok) {
    event.waitUntil(cache.put(request, response.clone()));
  }
  return response;
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
