// The customer app before, or without, its wasm: every step from the booth's code to the
// queue is a form the server renders and answers.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  VIEWPORTS,
  apiAs,
  createShop,
  customerToken,
  settled,
  latestCode,
  launchBrowser,
  newEmail,
  openPage,
  qrCode,
  screenshot,
} from './support.mjs';

// A signed-in visitor's phone, scanning a new shop's code, whose every request for the
// wasm waits for `hold()` to resolve. The service worker would fetch the wasm past the hold: it
// stays out.
async function scanWithWasmHeld(browser, name, hold) {
  const slug = await createShop();
  const token = await customerToken(newEmail(name));
  const opened = await openPage(browser, { viewport: VIEWPORTS.phone, token, serviceWorkers: 'block' });
  const held = { count: 0 };
  await opened.page.route(/\.wasm$/, async (route) => {
    held.count += 1;
    await hold();
    await route.continue().catch(() => {});
  });
  const started = Date.now();
  await opened.page.goto((await qrCode(slug)).url, { waitUntil: 'commit' });
  return { ...opened, token, held, started };
}

describe('the customer app as forms', () => {
  let browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  test('without JavaScript, a visitor signs in and orders from the QR code', async () => {
    const slug = await createShop();
    const { url } = await qrCode(slug);
    const { page, errors, close } = await openPage(browser, {
      viewport: VIEWPORTS.phone,
      javaScriptEnabled: false,
    });
    const bundles = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/pkg/')) bundles.push(request.url());
    });
    await page.goto(url);

    const email = newEmail('noscript');
    await page.getByLabel('Your e-mail address').fill(email);
    await page.getByRole('button', { name: 'Send me a code' }).click();
    await page.getByText(`We sent a 6-digit code to ${email}`).waitFor();
    await page.getByLabel('Code', { exact: true }).fill(await latestCode(email));
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();

    // Signed in, back on the code's page: starting is a button, never the page itself.
    await page.getByRole('button', { name: 'Start my order' }).waitFor();
    await screenshot(page, 'customer-noscript-start');
    await page.getByRole('button', { name: 'Start my order' }).click();
    await page.waitForURL(new RegExp(`/order/${slug}/[0-9a-f-]{36}$`));
    await page.getByRole('heading', { name: 'Choose your drink' }).waitFor();

    // Ordering without a required choice: the menu again, saying which, and the order
    // still waits for the choice.
    await page.getByRole('radio', { name: /^\W*Latte\b/ }).check();
    await page.getByRole('button', { name: 'Order', exact: true }).click();
    await page.getByText('Milk: choose exactly 1.').waitFor();
    await page.getByRole('heading', { name: 'Choose your drink' }).waitFor();
    await screenshot(page, 'customer-noscript-refused');

    // A drink's options show under it once it is picked.
    await page.getByRole('radio', { name: /^\W*Latte\b/ }).check();
    assert.equal(await page.getByRole('radio', { name: 'Oat milk' }).isVisible(), true);
    await page.getByRole('radio', { name: 'Oat milk' }).check();
    await page.getByRole('checkbox', { name: 'Vanilla' }).check();
    await screenshot(page, 'customer-noscript-menu');
    await page.getByRole('button', { name: 'Order', exact: true }).click();

    await page.getByRole('heading', { name: 'In the queue' }).waitFor();
    const number = await page.locator('.big-number').textContent();
    assert.match(number, /^#\d+$/);
    assert.match(await page.locator('.receipt').textContent(), /Latte · Oat milk · Vanilla/);
    await screenshot(page, 'customer-noscript-queued');
    // A browser that runs no scripts is sent no app to run.
    assert.deepEqual(bundles, []);
    assert.deepEqual(errors, []);
    await close();
  });

  test('with the wasm held back for 10 s, a signed-in visitor orders from the menu', async () => {
    const tenSeconds = () => new Promise((resolve) => setTimeout(resolve, 10_000));
    const { page, errors, close, token, held, started } = await scanWithWasmHeld(browser, 'slow', tenSeconds);

    // The order starts as the page arrives, and the menu works as a form. The order's page
    // shows its own address, in the code's place in the history (Back starts nothing).
    await page.getByRole('heading', { name: 'Choose your drink' }).waitFor();
    assert.match(new URL(page.url()).pathname, /^\/order\/[a-z0-9-]+\/[0-9a-f-]{36}$/);
    // A new tab's history keeps its first entry (about:blank); the code's page is gone.
    assert.equal(await page.evaluate(() => history.length), 2);
    await page.getByRole('radio', { name: /^\W*Flat white\b/ }).check();
    await page.getByRole('radio', { name: 'Oat milk' }).check();
    await page.getByRole('button', { name: 'Order', exact: true }).click();
    await page.getByRole('heading', { name: 'In the queue' }).waitFor();
    assert.ok(Date.now() - started < 10_000, 'ordered before the wasm arrived');
    assert.ok(held.count > 0, 'the wasm was asked for');

    // Then the wasm arrives and the page is live.
    await settled(page, errors);
    const orders = await apiAs(token, 'GET', '/me/orders');
    assert.equal(orders.length, 1, 'Back started no other order');
    const [order] = orders;
    assert.equal(order.state, 'queued');
    assert.equal(order.drink, 'flat-white');
    assert.deepEqual(errors, []);
    await close();
  });

  test('what a visitor picked before the wasm arrived stays picked once it is live', async () => {
    let release;
    const arrived = new Promise((resolve) => {
      release = resolve;
    });
    const { page, errors, close } = await scanWithWasmHeld(browser, 'early', () => arrived);
    await page.getByRole('heading', { name: 'Choose your drink' }).waitFor();
    await page.getByRole('radio', { name: /^\W*Latte\b/ }).check();
    await page.getByRole('radio', { name: 'Oat milk' }).check();
    await page.getByRole('checkbox', { name: 'Caramel' }).check();

    release();
    await settled(page, errors);
    assert.equal(await page.getByRole('radio', { name: /^\W*Latte\b/ }).isChecked(), true);
    assert.equal(await page.getByRole('radio', { name: 'Oat milk' }).isChecked(), true);
    assert.equal(await page.getByRole('checkbox', { name: 'Caramel' }).isChecked(), true);
    await page.getByRole('button', { name: 'Review my order' }).click();
    await page.getByRole('heading', { name: 'Check your order' }).waitFor();
    await page.getByRole('button', { name: 'Order', exact: true }).click();
    await page.getByRole('heading', { name: 'In the queue' }).waitFor();
    assert.match(await page.locator('.receipt').textContent(), /Latte · Oat milk · Caramel/);
    assert.deepEqual(errors, []);
    await close();
  });
});
