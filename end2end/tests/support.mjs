// Shared by the end-to-end tests: the browser, pages that fail on any error, screenshots.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium } from 'playwright-core';

export const BASE_URL = process.env.CREMA_URL ?? 'http://127.0.0.1:3000';

export const VIEWPORTS = {
  phone: { width: 390, height: 844 },
  tablet: { width: 1024, height: 768 },
  display: { width: 1920, height: 1080 },
};

const SCREENSHOTS = new URL('../screenshots/', import.meta.url);

// Debian's Chromium, as every test and benchmark launches it.
export const CHROMIUM = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

export function launchBrowser() {
  return chromium.launch(CHROMIUM);
}

// A browser with a profile on disk, as a person's is: Chromium installs web apps only
// outside incognito. Removes the profile when closed.
export async function launchProfile(viewport) {
  const dir = await mkdtemp(join(tmpdir(), 'crema-profile-'));
  const context = await chromium.launchPersistentContext(dir, { ...CHROMIUM, viewport });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

// The demo staff accounts' password (scripts/test runs the server in dev mode).
export const DEMO_PASSWORD = process.env.CREMA_DEMO_PASSWORD ?? 'crema-demo';

async function api(path, body) {
  return apiAs(undefined, body === undefined ? 'GET' : 'POST', path, body);
}

// A JSON API call, with a session token when given; throws on an error status.
export async function apiAs(token, method, path, body) {
  const headers = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${BASE_URL}/api/v1${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? null : response.json();
}

// A new open shop with the demo menu and `settings`, so that a test's orders and
// settings touch no other test. Returns its slug.
export async function createShop(settings = {}) {
  const admin = await staffToken('admin');
  const demo = await api('/shops/demo');
  const slug = `t-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
  await apiAs(admin, 'POST', '/shops', {
    slug,
    name: 'Test booth',
    open: true,
    menu: demo.menu,
    ...settings,
  });
  return slug;
}

// The shop's current QR code, as the booth screen gets it.
export async function qrCode(slug) {
  return apiAs(await staffToken('display'), 'GET', `/shops/${slug}/qr`);
}

// A unique e-mail address for a test's customer.
export function newEmail(name) {
  return `${name}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.org`;
}

// The code in the newest dev-mailbox message to `email`.
export async function latestCode(email) {
  const mail = await api(`/dev/mailbox?email=${encodeURIComponent(email)}`);
  return mail[0].code;
}

// Session tokens, signed in over the API.
export async function staffToken(username) {
  return (await api('/auth/login', { username, password: DEMO_PASSWORD })).token;
}

export async function customerToken(email) {
  await api('/auth/code', { email });
  return (await api('/auth/verify', { email, code: await latestCode(email) })).token;
}

// A barista's step on an order (`claim`, `complete`, …), over the API.
export async function baristaStep(id, step) {
  return apiAs(await staffToken('barista'), 'POST', `/orders/${id}/${step}`);
}

/** A new customer's order at `slug`, queued over the API: `{ token, order }`. */
export async function queuedOrder(slug, name, choice = { drink: 'latte', choices: ['oat', 'vanilla'] }) {
  const token = await customerToken(newEmail(name));
  const { token: qr } = await qrCode(slug);
  const started = await apiAs(token, 'POST', `/shops/${slug}/orders`, { qr_token: qr });
  const order = await apiAs(token, 'PUT', `/orders/${started.id}/drink`, choice);
  return { token, order };
}

// Pages without JavaScript, which axe reads from a copy (see `checkAccessibility`).
const SCRIPTLESS = new WeakSet();

// A page in its own context that records every page error and console error, so a
// test can assert that the page stayed healthy (a hydration crash shows up here).
// With `token`, the browser starts signed in; with `locale`, it asks for that language.
export async function openPage(
  browser,
  { viewport, javaScriptEnabled = true, token, serviceWorkers, locale },
) {
  const context = await browser.newContext({ viewport, javaScriptEnabled, serviceWorkers, locale });
  if (token) {
    await context.addCookies([{ name: 'crema_session', value: token, url: BASE_URL }]);
  }
  const page = await context.newPage();
  if (!javaScriptEnabled) SCRIPTLESS.add(page);
  const errors = [];
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // A refusal the page shows on purpose (not signed in, not allowed, a conflict, invalid
    // input) is not an error of the page.
    if (message.type() === 'error' && !/status of (40[139]|422) /.test(message.text())) {
      errors.push(`console error: ${message.text()}`);
    }
  });
  // Without JavaScript, Chromium refuses the script requests on purpose.
  if (javaScriptEnabled) {
    page.on('requestfailed', (request) => {
      // A live stream is long-lived, and a page may move on (a form sent at once) while
      // its bundle and icon load: leaving or reloading the page aborts them.
      const left =
        request.failure()?.errorText === 'net::ERR_ABORTED' &&
        /\/stream\b|\/pkg\/|\/favicon\.svg$/.test(request.url());
      if (!left) errors.push(`request failed: ${request.url()}`);
    });
  }
  return { page, errors, close: () => context.close() };
}

// Resolves once the page is ready for a person: a page that loads the app once the
// wasm has taken over the server-rendered page, a page of forms alone (a customer's
// before the order: app/src/ssr/document.rs) once it has loaded; otherwise fails with
// the page's errors (a hydration mismatch, say).
//
// Every page that settles is checked for accessibility (see `checkAccessibility`).
export async function settled(page, errors) {
  await page.waitForLoadState('load');
  if ((await page.locator('link[rel="modulepreload"]').count()) > 0) {
    try {
      await page.waitForSelector('body[data-hydrated]', { state: 'attached', timeout: 20_000 });
    } catch (timeout) {
      throw new Error(`the page did not hydrate:\n${errors.join('\n') || timeout.message}`);
    }
  }
  await checkAccessibility(page);
}

// The rules of WCAG 2.0, 2.1 and 2.2 at levels A and AA that axe-core checks.
const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

// Fails with every violation of WCAG 2.2 A/AA that axe-core finds on the page as it is
// now, naming the rule and the elements. Run on every page that settles and before every
// screenshot, so each screen the suite visits is checked in each state it shows.
export async function checkAccessibility(page) {
  // axe runs as a script in the page: a page without JavaScript is read from a copy of
  // its document, in a page that runs scripts but loads nothing.
  const scriptless = SCRIPTLESS.has(page);
  const checked = scriptless ? await scriptedCopy(page) : page;
  // In the page itself (legacy mode): Crema's pages have no frames.
  const { violations } = await new AxeBuilder({ page: checked })
    .withTags(WCAG_AA)
    .setLegacyMode(true)
    .analyze()
    .finally(() => scriptless && checked.close());
  if (violations.length === 0) return;
  const found = violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help}\n` +
      violation.nodes
        .map((node) => `  ${node.target.join(' ')}: ${node.failureSummary.replaceAll('\n', ' ')}`)
        .join('\n'),
  );
  throw new Error(`${page.url()} is not accessible:\n${found.join('\n')}`);
}

async function scriptedCopy(page) {
  const html = await page.content();
  const copy = await page.context().browser().newPage({ viewport: page.viewportSize() });
  await copy.route('**/*', (route) => route.abort());
  await copy.setContent(html.replace(/<script\b[\s\S]*?<\/script>/gi, ''));
  return copy;
}

// Every response the page receives, as Chromium counts what came over the network
// (`encodedDataLength`: compressed, headers included). `conditions` throttles the network
// (see bench/fast3g.mjs).
export async function recordTransfers(page, conditions) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  if (conditions) await cdp.send('Network.emulateNetworkConditions', conditions);
  const urls = new Map();
  const transfers = [];
  cdp.on('Network.requestWillBeSent', (event) => urls.set(event.requestId, event.request.url));
  cdp.on('Network.loadingFinished', (event) =>
    transfers.push({ url: urls.get(event.requestId), bytes: event.encodedDataLength }),
  );
  return transfers;
}

export function totalBytes(transfers) {
  return transfers.reduce((sum, transfer) => sum + transfer.bytes, 0);
}

export function screenshotPath(name) {
  return new URL(`${name}.png`, SCREENSHOTS).pathname;
}

export async function screenshot(page, name) {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: screenshotPath(name), fullPage: true });
  await checkAccessibility(page);
}

// A TCP proxy in front of the server whose network the test can cut (every open
// connection dropped, new ones refused) and restore, as a flaky booth Wi-Fi does.
export async function cuttableNetwork() {
  const target = new URL(BASE_URL);
  const sockets = new Set();
  let down = false;
  const server = net.createServer((client) => {
    if (down) {
      client.destroy();
      return;
    }
    const upstream = net.connect(Number(target.port), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => {
        client.destroy();
        upstream.destroy();
        sockets.delete(socket);
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    cut() {
      down = true;
      for (const socket of sockets) socket.destroy();
    },
    restore() {
      down = false;
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}
