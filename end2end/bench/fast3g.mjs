// The customer app on a phone over Chromium's "Fast 3G" profile: what the first page
// load transfers, and how long from scanning the booth's code to the menu.
//
//   CREMA_URL=http://127.0.0.1:3000 node bench/fast3g.mjs
//
// Run it against a release build (scripts/bench-page does).
import {
  BASE_URL,
  VIEWPORTS,
  createShop,
  customerToken,
  launchBrowser,
  newEmail,
  openPage,
  qrCode,
  recordTransfers,
  staffToken,
  totalBytes,
} from '../tests/support.mjs';

// Chromium DevTools' "Fast 3G" preset.
const FAST_3G = {
  offline: false,
  latency: 562.5,
  downloadThroughput: (1.6 * 1024 * 1024 * 0.9) / 8,
  uploadThroughput: (750 * 1024 * 0.9) / 8,
};

const throttled = (page) => recordTransfers(page, FAST_3G);

const browser = await launchBrowser();
const slug = await createShop();
const runs = [];
for (let run = 0; run < 3; run += 1) {
  // A first visit: nothing cached, not signed in.
  const first = await openPage(browser, { viewport: VIEWPORTS.phone });
  const transfers = await throttled(first.page);
  const { url } = await qrCode(slug);
  const started = Date.now();
  await first.page.goto(url, { waitUntil: 'commit' });
  await first.page.getByRole('heading', { name: 'Sign in to order' }).waitFor();
  const signInPainted = Date.now() - started;
  await first.page.waitForSelector('body[data-hydrated]', { state: 'attached', timeout: 60_000 });
  const signInLive = Date.now() - started;
  await first.page.waitForLoadState('networkidle');
  const bytes = totalBytes(transfers);
  await first.close();

  // A signed-in visitor scanning the code: the order starts and the menu shows.
  const token = await customerToken(newEmail('bench'));
  const second = await openPage(browser, { viewport: VIEWPORTS.phone, token });
  await throttled(second.page);
  const { url: next } = await qrCode(slug);
  const scanned = Date.now();
  await second.page.goto(next, { waitUntil: 'commit' });
  // Usable: the server-rendered menu, a form that orders with or without the wasm.
  await second.page.getByRole('heading', { name: 'Choose your drink' }).waitFor({ timeout: 60_000 });
  await second.page.getByRole('radio', { name: /Latte/ }).first().waitFor();
  const menuUsable = Date.now() - scanned;
  await second.page.waitForSelector('body[data-hydrated]', { state: 'attached', timeout: 60_000 });
  const menuLive = Date.now() - scanned;
  await second.close();
  runs.push({ bytes, signInPainted, signInLive, menuUsable, menuLive });
}

// The staff apps' first load, signed in (their weight is quoted, not capped).
const staffBytes = {};
for (const [app, role] of [['barista', 'barista'], ['display', 'display']]) {
  const { page, close } = await openPage(browser, {
    viewport: VIEWPORTS.tablet,
    token: await staffToken(role),
  });
  const transfers = await throttled(page);
  await page.goto(`${BASE_URL}/${app}/${slug}`);
  await page.waitForSelector('body[data-hydrated]', { state: 'attached', timeout: 60_000 });
  // Its live stream never finishes loading: what finished within a few seconds counts.
  await page.waitForTimeout(3000);
  staffBytes[app] = totalBytes(transfers);
  await close();
}
await browser.close();

const median = (key) => runs.map((run) => run[key]).sort((a, b) => a - b)[1];
console.log(`Fast 3G (${FAST_3G.latency} ms, ${Math.round(FAST_3G.downloadThroughput / 1024)} KiB/s down), median of ${runs.length}:`);
console.log(`  first page load transfers: ${median('bytes')} bytes (compressed, headers included)`);
console.log(`  QR code → sign-in form painted: ${median('signInPainted')} ms, live: ${median('signInLive')} ms`);
console.log(`  QR code → menu, signed in: usable ${median('menuUsable')} ms, live ${median('menuLive')} ms`);
console.log(`  barista app's first load: ${staffBytes.barista} bytes; display app's: ${staffBytes.display} bytes`);
