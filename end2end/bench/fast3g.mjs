// The customer app on a phone over Chromium's "Fast 3G" profile: what the first page
// load transfers, and how long from scanning the booth's code to the menu, for a new and
// for a returning visitor.
//
//   CREMA_URL=http://127.0.0.1:3000 node bench/fast3g.mjs
//
// Run it against a release build (scripts/bench-page does).
import {
  BASE_URL,
  VIEWPORTS,
  createShop,
  customerToken,
  latestCode,
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

// The page's throttling does not reach its service worker, which fetches for it: the
// worker's own connection is throttled alike (a session of its own, as DevTools does).
async function throttleServiceWorker(browser) {
  const cdp = await browser.newBrowserCDPSession();
  const { targetInfos } = await cdp.send('Target.getTargets');
  const worker = targetInfos.find((target) => target.type === 'service_worker');
  if (!worker) throw new Error('no service worker to throttle');
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: worker.targetId, flatten: false });
  let id = 0;
  const send = (method, params = {}) =>
    new Promise((resolve, reject) => {
      id += 1;
      const mine = id;
      const listener = ({ sessionId: from, message }) => {
        const answer = JSON.parse(message);
        if (from !== sessionId || answer.id !== mine) return;
        cdp.off('Target.receivedMessageFromTarget', listener);
        if (answer.error) reject(new Error(`${method}: ${answer.error.message}`));
        else resolve(answer.result);
      };
      cdp.on('Target.receivedMessageFromTarget', listener);
      cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: mine, method, params }) });
    });
  await send('Network.enable');
  await send('Network.emulateNetworkConditions', FAST_3G);
  return cdp;
}

// When the page itself had the menu and came alive, in epoch milliseconds: a script in
// every document the page loads watches for them. (Playwright's own waiting polls ever
// more slowly, up to 500 ms apart, and would round the times up.)
const watchTheMenu = () => {
  const at = () => performance.timeOrigin + performance.now();
  const check = () => {
    const menu = [...document.querySelectorAll('h1')].some((h) => h.textContent.includes('Choose your drink'));
    if (menu && document.querySelector('input[type="radio"]')) window.__usableAt ??= at();
    if (document.body?.hasAttribute('data-hydrated')) window.__liveAt ??= at();
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
};

// Scans the shop's current code on `page`; resolves with the milliseconds until the menu
// is usable (the server-rendered menu, a form that orders with or without the wasm) and
// until it is live (hydrated).
async function scanToMenu(page) {
  const { url } = await qrCode(slug);
  await page.addInitScript(watchTheMenu);
  const scanned = Date.now();
  await page.goto(url, { waitUntil: 'commit' });
  await page.getByRole('heading', { name: 'Choose your drink' }).waitFor({ timeout: 60_000 });
  await page.getByRole('radio', { name: /Latte/ }).first().waitFor();
  await page.waitForSelector('body[data-hydrated]', { state: 'attached', timeout: 60_000 });
  const [usableAt, liveAt] = await page.evaluate(() => [window.__usableAt, window.__liveAt]);
  return { usable: Math.round(usableAt - scanned), live: Math.round(liveAt - scanned) };
}

const browser = await launchBrowser();
const slug = await createShop();
const runs = [];
for (let run = 0; run < 3; run += 1) {
  // A first visit: nothing cached, not signed in. The page is forms alone: painted is
  // usable. (Service workers stay out of the first two: their own fetches would not be
  // throttled.)
  const first = await openPage(browser, { viewport: VIEWPORTS.phone, serviceWorkers: 'block' });
  const transfers = await throttled(first.page);
  const { url } = await qrCode(slug);
  const started = Date.now();
  await first.page.goto(url, { waitUntil: 'commit' });
  await first.page.getByRole('heading', { name: 'Sign in to order' }).waitFor();
  const signInPainted = Date.now() - started;
  await first.page.waitForLoadState('networkidle');
  const bytes = totalBytes(transfers);
  await first.close();

  // A signed-in visitor scanning the code, nothing cached: the order starts and the
  // menu shows.
  const token = await customerToken(newEmail('bench'));
  const second = await openPage(browser, { viewport: VIEWPORTS.phone, token, serviceWorkers: 'block' });
  await throttled(second.page);
  const menu = await scanToMenu(second.page);
  await second.close();

  // A visitor who signed in on this phone a moment ago, through the page's forms (the
  // page asking for the code fetched the bundle meanwhile), scanning the code.
  const signedInHere = await openPage(browser, { viewport: VIEWPORTS.phone, serviceWorkers: 'block' });
  const email = newEmail('bench-here');
  await signedInHere.page.goto(`${BASE_URL}/order/${slug}`);
  await signedInHere.page.getByLabel('Your e-mail address').fill(email);
  await signedInHere.page.getByRole('button', { name: 'Send me a code' }).click();
  await signedInHere.page.getByLabel('Code', { exact: true }).fill(await latestCode(email));
  await signedInHere.page.waitForLoadState('networkidle');
  await signedInHere.page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await signedInHere.page.getByText(`Signed in as ${email}`).waitFor();
  await throttled(signedInHere.page);
  const here = await scanToMenu(signedInHere.page);
  await signedInHere.close();

  // A returning visitor: the app used before (its service worker installed, the bundle
  // kept: the shop's page fetches it), scanning a new code.
  const regular = await customerToken(newEmail('bench-returning'));
  const returningPhone = await openPage(browser, { viewport: VIEWPORTS.phone, token: regular });
  await returningPhone.page.goto(`${BASE_URL}/order/${slug}`);
  await returningPhone.page.waitForLoadState('networkidle');
  await returningPhone.page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    while (!navigator.serviceWorker.controller) await new Promise((resolve) => setTimeout(resolve, 50));
  });
  const worker = await throttleServiceWorker(browser);
  await throttled(returningPhone.page);
  const returning = await scanToMenu(returningPhone.page);
  await worker.detach();
  await returningPhone.close();

  runs.push({
    bytes,
    signInPainted,
    menuUsable: menu.usable,
    menuLive: menu.live,
    hereUsable: here.usable,
    hereLive: here.live,
    returningUsable: returning.usable,
    returningLive: returning.live,
  });
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
console.log(`  QR code → sign-in form painted (forms: usable): ${median('signInPainted')} ms`);
console.log(`  QR code → menu, signed in, nothing cached: usable ${median('menuUsable')} ms, live ${median('menuLive')} ms`);
console.log(`  QR code → menu, signed in on this phone: usable ${median('hereUsable')} ms, live ${median('hereLive')} ms`);
console.log(`  QR code → menu, returning (service worker warm): usable ${median('returningUsable')} ms, live ${median('returningLive')} ms`);
console.log(`  barista app's first load: ${staffBytes.barista} bytes; display app's: ${staffBytes.display} bytes`);
