// What a phone transfers, held to budgets so that no change quietly makes it heavier
// (scripts/test runs this on the release site): the first visit to the QR code's page,
// and a signed-in scan up to the live menu. The service worker's own fetches (its offline
// page, icons) are not the page's and do not count.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  VIEWPORTS,
  createShop,
  customerToken,
  latestCode,
  launchBrowser,
  newEmail,
  openPage,
  qrCode,
  recordTransfers,
  settled,
  totalBytes,
} from './support.mjs';

// Bytes, compressed, headers included: html, css, js and wasm.
const FIRST_VISIT_BUDGET = 250_000;
// A signed-in scan with nothing cached: the code's page, the order's page and the
// customer app's bundle (the bundle alone was 293,655 bytes brotli on 2026-12-02,
// 299,345 on 2026-12-04 once open menus follow the counter's stock live, and 302,218 the
// same day once the focus follows each step and one live region tells the order's
// status, 307,716 the next day once it speaks German as well as English: both
// languages' words and journey sentences, and 312,491 the day after once a customer
// gives a name, follows their place in the line and is told the drink was handed over,
// and 320,806 the same day once they can ask for an e-mail when the drink is ready, then
// 289,616 on 2026-12-05 once the shop's page left it: forms, as the pages before it, and
// 286,803 the same day once stock events were read without serde's buffering); it goes
// up only for what a person needs.
const SCAN_BUDGET = 330_000;

// The scripts and wasm that came over the network (not from the browser's cache).
const bundlesOf = (transfers) =>
  transfers
    .filter(({ bytes }) => bytes > 0)
    .map(({ url }) => new URL(url).pathname)
    .filter((path) => /\.(js|wasm)$/.test(path));

describe('what a phone transfers', () => {
  let browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  test('the first visit is forms, within its budget', async () => {
    const slug = await createShop();
    const { page, errors, close } = await openPage(browser, { viewport: VIEWPORTS.phone });
    const transfers = await recordTransfers(page);
    await page.goto((await qrCode(slug)).url);
    await page.getByLabel('Your e-mail address').waitFor();
    await page.waitForLoadState('networkidle');

    assert.deepEqual(bundlesOf(transfers), []);
    const bytes = totalBytes(transfers);
    assert.ok(bytes <= FIRST_VISIT_BUDGET, `the first visit transferred ${bytes} bytes`);
    assert.deepEqual(errors, []);
    await close();
  });

  test("a signed-in scan fetches the customer app's bundle alone, once, within its budget", async () => {
    const slug = await createShop();
    const token = await customerToken(newEmail('weight'));
    // Without its service worker, which could fetch the bundle for the page (the page
    // would count it as 0 bytes).
    const { page, errors, close } = await openPage(browser, { viewport: VIEWPORTS.phone, token, serviceWorkers: 'block' });
    const transfers = await recordTransfers(page);
    const asked = [];
    page.on('request', (request) => asked.push(`${request.method()} ${new URL(request.url()).pathname}`));
    await page.goto((await qrCode(slug)).url);
    await page.waitForURL(new RegExp(`/order/${slug}/[0-9a-f-]{36}$`));
    await settled(page, errors);
    await page.waitForLoadState('networkidle');

    // The code's page asks for the bundle before it sends its start form, and turns into
    // the order's page in place: the one download goes on.
    const bundle = asked.findIndex((request) => request.endsWith('.wasm'));
    const start = asked.indexOf(`POST /order/${slug}`);
    assert.ok(bundle >= 0 && bundle < start, asked.join(', '));
    const [loaded] = await page.evaluate(() => performance.getEntriesByType('navigation').map((entry) => entry.name));
    assert.match(loaded, new RegExp(`/order/${slug}\\?t=`));

    const fetched = bundlesOf(transfers).filter((path) => path.startsWith('/pkg/'));
    assert.equal(fetched.length, 2, fetched.join(', '));
    for (const path of fetched) {
      assert.match(path, /^\/pkg\/crema-customer\.[0-9a-f]{16}\.(js|wasm)$/);
    }
    const bytes = totalBytes(transfers);
    assert.ok(bytes <= SCAN_BUDGET, `the scan transferred ${bytes} bytes`);
    assert.deepEqual(errors, []);
    await close();
  });

  test('the page asking for the e-mailed code fetches the bundle that the order then finds', async () => {
    const slug = await createShop();
    const { page, errors, close } = await openPage(browser, { viewport: VIEWPORTS.phone, serviceWorkers: 'block' });
    const transfers = await recordTransfers(page);
    await page.goto((await qrCode(slug)).url);
    const email = newEmail('prefetch');
    await page.getByLabel('Your e-mail address').fill(email);
    const prefetched = page.waitForEvent('requestfinished', (request) => request.url().endsWith('.wasm'));
    await page.getByRole('button', { name: 'Send me a code' }).click();
    await prefetched;

    await page.getByLabel('Code', { exact: true }).fill(await latestCode(email));
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL(new RegExp(`/order/${slug}/[0-9a-f-]{36}$`));
    await settled(page, errors);

    // Over the network once, while the person read their mail; from the cache after.
    const fetched = bundlesOf(transfers).filter((path) => path.startsWith('/pkg/'));
    assert.equal(fetched.length, 2, fetched.join(', '));
    assert.deepEqual(errors, []);
    await close();
  });
});
