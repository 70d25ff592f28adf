// The customer app on a phone: from the booth's QR code to "ready", every refusal,
// cancelling, a customer timeout, a reload mid-order, and the installable PWA.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  BASE_URL,
  VIEWPORTS,
  apiAs,
  baristaStep,
  createShop,
  customerToken,
  settled,
  latestCode,
  launchBrowser,
  launchProfile,
  newEmail,
  openPage,
  qrCode,
  screenshot,
  staffToken,
} from './support.mjs';

// Signs in through the page's own form, as a person does.
async function signIn(page, email) {
  await page.getByLabel('Your e-mail address').fill(email);
  await page.getByRole('button', { name: 'Send me a code' }).click();
  // As a person does: the mail is read once the page says it was sent.
  await page.getByText(`We sent a 6-digit code to ${email}`).waitFor();
  await page.getByLabel('Code', { exact: true }).fill(await latestCode(email));
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

// Starts an order over the API for a new customer; returns their token and the order.
async function orderOverApi(slug, name) {
  const token = await customerToken(newEmail(name));
  const { token: qr } = await qrCode(slug);
  const order = await apiAs(token, 'POST', `/shops/${slug}/orders`, { qr_token: qr });
  return { token, order };
}

function orderIdOf(page) {
  return new URL(page.url()).pathname.split('/').pop();
}

describe('the customer app', () => {
  let browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  test('from the QR code to ready for pickup', async () => {
    const slug = await createShop();
    const { url } = await qrCode(slug);
    const { page, errors, close } = await openPage(browser, { viewport: VIEWPORTS.phone });
    await page.goto(url);
    await settled(page, errors);
    await screenshot(page, 'customer-1-scanned');

    await signIn(page, newEmail('ada'));
    await page.waitForURL(new RegExp(`/order/${slug}/[0-9a-f-]{36}$`));
    await page.getByRole('heading', { name: 'Choose your drink' }).waitFor();
    await page.locator('.countdown', { hasText: /[45]:\d\d left$/ }).waitFor();
    // Sold out: shown, not selectable.
    assert.equal(await page.getByLabel(/Iced latte/).isDisabled(), true);
    await screenshot(page, 'customer-2-menu');

    await page.getByRole('radio', { name: /^\W*Latte\b/ }).check();
    // A required group left empty is named when the person tries to go on.
    await page.getByRole('button', { name: 'Review my order' }).click();
    await page.getByText('Milk: choose 1.').waitFor();
    assert.equal(await page.getByRole('radio', { name: 'Soy milk' }).isDisabled(), true);
    await page.getByRole('radio', { name: 'Oat milk' }).check();
    await page.getByRole('checkbox', { name: 'Vanilla' }).check();
    await page.getByRole('checkbox', { name: 'Caramel' }).check();
    // Syrups: up to 2, so the third is out of reach.
    assert.equal(await page.getByRole('checkbox', { name: 'Hazelnut' }).isDisabled(), true);
    await screenshot(page, 'customer-3-options');
    await page.getByRole('button', { name: 'Review my order' }).click();
    await page.getByRole('heading', { name: 'Check your order' }).waitFor();
    assert.equal(await page.locator('.review-drink').textContent(), 'Latte');
    await screenshot(page, 'customer-4-review');
    await page.getByRole('button', { name: 'Order', exact: true }).click();

    await page.getByRole('heading', { name: 'In the queue' }).waitFor();
    const number = await page.locator('.big-number').textContent();
    assert.match(number, /^#\d+$/);
    await page.getByText(`Look for ${number} on the booth screen.`).waitFor();
    await screenshot(page, 'customer-5-queued');

    // A reload mid-order shows where the order is, and stays live.
    const id = orderIdOf(page);
    await baristaStep(id, 'claim');
    await page.getByRole('heading', { name: 'Being made' }).waitFor();
    await page.reload();
    await settled(page, errors);
    await page.getByRole('heading', { name: 'Being made' }).waitFor();
    await screenshot(page, 'customer-6-making');

    await baristaStep(id, 'complete');
    await page.getByRole('heading', { name: 'Ready for pickup!' }).waitFor();
    await page.getByText(`Show ${number} to the barista.`).waitFor();
    // The journey tells each step in words.
    const journey = await page.locator('.journey li').allTextContents();
    assert.ok(journey.length >= 4, journey.join('\n'));
    assert.ok(journey.some((line) => /ready/i.test(line)), journey.join('\n'));
    assert.match(await page.locator('.receipt').textContent(), /Latte · Oat milk · Vanilla · Caramel/);
    await screenshot(page, 'customer-7-ready');

    assert.deepEqual(errors, []);
    await close();
  });

  test('each refusal has its own screen', async () => {
    const closed = await createShop({ open: false });
    const full = await createShop({ capacity: 1 });
    const oneDrink = await createShop({ drinks_per_code: 1 });
    const once = await createShop({ daily_limit: 1 });
    await orderOverApi(full, 'other');
    await orderOverApi(oneDrink, 'other');

    const email = newEmail('bo');
    const token = await customerToken(email);
    // Bo had today's coffee at `once`.
    const { token: qr } = await qrCode(once);
    const served = await apiAs(token, 'POST', `/shops/${once}/orders`, { qr_token: qr });
    await apiAs(token, 'PUT', `/orders/${served.id}/drink`, { drink: 'espresso', choices: ['single'] });
    await baristaStep(served.id, 'claim');
    await baristaStep(served.id, 'complete');

    const { page, errors, close } = await openPage(browser, { viewport: VIEWPORTS.phone, token });
    const screens = [
      ['shop_closed', closed, 'The booth is closed'],
      ['at_capacity', full, 'Lots of orders right now'],
      ['no_drinks_left', oneDrink, "This code's drinks are gone"],
      ['daily_limit_reached', once, "That's today's coffee"],
    ];
    for (const [code, slug, title] of screens) {
      const { url } = await qrCode(slug);
      // The code's page leaves by itself for the refusal's.
      await page.goto(url);
      await page
        .getByRole('heading', { name: title })
        .waitFor()
        .catch(async (error) => {
          await screenshot(page, `failed-customer-refused-${code}`);
          throw new Error(`${code}: ${error.message}\n${await page.locator('main').innerText()}`);
        });
      await settled(page, errors);
      await screenshot(page, `customer-refused-${code}`);
    }
    await page.getByText('from midnight (UTC time)').waitFor();

    await page.goto(`${BASE_URL}/order/${full}?t=an-old-code`);
    await page.getByRole('heading', { name: 'This code has expired' }).waitFor();
    await settled(page, errors);
    await screenshot(page, 'customer-refused-invalid_token');

    // An order in progress, and the code scanned again: a link to the order.
    const open = await createShop();
    const mine = await apiAs(token, 'POST', `/shops/${open}/orders`, {
      qr_token: (await qrCode(open)).token,
    });
    await page.goto((await qrCode(open)).url);
    await page.getByRole('heading', { name: 'You already have an order' }).waitFor();
    await settled(page, errors);
    await page.getByRole('link', { name: 'Go to your order' }).click();
    await page.waitForURL(`${BASE_URL}/order/${open}/${mine.id}`);
    await page.getByRole('heading', { name: 'Choose your drink' }).waitFor();
    await screenshot(page, 'customer-refused-order_in_progress');

    assert.deepEqual(errors, []);
    await close();
  });

  test('a customer cancels, after confirming', async () => {
    const slug = await createShop();
    const { token, order } = await orderOverApi(slug, 'cy');
    const { page, errors, close } = await openPage(browser, { viewport: VIEWPORTS.phone, token });
    await page.goto(`${BASE_URL}/order/${slug}/${order.id}`);
    await settled(page, errors);
    await page.getByRole('button', { name: 'Cancel order' }).click();
    await page.getByText('Cancel this order?').waitFor();
    await screenshot(page, 'customer-cancel-confirm');
    await page.getByRole('button', { name: 'Yes, cancel it' }).click();
    await page.getByRole('heading', { name: 'Cancelled' }).waitFor();
    await screenshot(page, 'customer-cancelled');
    const after = await apiAs(token, 'GET', `/orders/${order.id}`);
    assert.equal(after.state, 'cancelled');
    assert.deepEqual(errors, []);
    await close();
  });

  test('a barista cancels with a reason, and the customer reads it', async () => {
    const slug = await createShop();
    const { token, order } = await orderOverApi(slug, 'dee');
    await apiAs(token, 'PUT', `/orders/${order.id}/drink`, { drink: 'flat-white', choices: ['oat'] });
    const { page, errors, close } = await openPage(browser, { viewport: VIEWPORTS.phone, token });
    await page.goto(`${BASE_URL}/order/${slug}/${order.id}`);
    await settled(page, errors);
    await page.getByRole('heading', { name: 'In the queue' }).waitFor();
    await apiAs(await staffToken('barista'), 'POST', `/orders/${order.id}/cancel`, {
      reason: 'We ran out of oat milk',
    });
    await page.getByRole('heading', { name: 'Cancelled' }).waitFor();
    await page.locator('.status-text', { hasText: 'We ran out of oat milk' }).waitFor();
    assert.deepEqual(errors, []);
    await close();
  });

  test('a customer who takes too long to choose is told so', async () => {
    // Long enough for the page to load on a busy machine before the order times out.
    const slug = await createShop({ customer_timeout_s: 12 });
    const { token, order } = await orderOverApi(slug, 'eve');
    const { page, errors, close } = await openPage(browser, { viewport: VIEWPORTS.phone, token });
    await page.goto(`${BASE_URL}/order/${slug}/${order.id}`);
    await settled(page, errors);
    await page.getByRole('heading', { name: 'Choose your drink' }).waitFor();
    await page.getByRole('heading', { name: 'Time ran out' }).waitFor({ timeout: 30_000 });
    await page.getByText('You took too long to choose').waitFor();
    await screenshot(page, 'customer-timed-out');
    assert.deepEqual(errors, []);
    await close();
  });

  test('the app is an installable PWA that opens offline', async () => {
    const { context, close } = await launchProfile(VIEWPORTS.phone);
    const page = context.pages()[0] ?? (await context.newPage());
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${BASE_URL}/order/demo`);
    await settled(page, errors);
    const manifestUrl = await page.locator('link[rel="manifest"]').getAttribute('href');
    const manifest = await (await fetch(new URL(manifestUrl, BASE_URL))).json();
    assert.equal(manifest.display, 'standalone');
    for (const size of ['192x192', '512x512']) {
      const icon = manifest.icons.find((icon) => icon.sizes === size && icon.type === 'image/png');
      assert.ok(icon, `an icon of ${size}`);
      const response = await fetch(new URL(icon.src, BASE_URL));
      assert.equal(response.headers.get('content-type'), 'image/png');
    }
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    assert.equal(scope, `${BASE_URL}/`);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    assert.deepEqual(installabilityErrors, []);
    await cdp.detach();

    // Offline, a page seen before opens from the cache and says it is offline; one
    // never seen gets the offline page.
    await page.reload();
    await settled(page, errors);
    await context.setOffline(true);
    await page.reload();
    await settled(page, errors);
    await page.getByText("You're offline. Pages show what they last knew").waitFor();
    await screenshot(page, 'customer-offline-cached');
    await page.goto(`${BASE_URL}/order/demo/never-visited`);
    await page.getByRole('heading', { name: "You're offline" }).waitFor();
    await screenshot(page, 'customer-offline');
    await context.setOffline(false);
    assert.deepEqual(errors, []);
    await close();
  });

  test('on a shared phone, the next person finds nothing of the last one, offline too', async () => {
    const { context, close } = await launchProfile(VIEWPORTS.phone);
    const page = context.pages()[0] ?? (await context.newPage());
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${BASE_URL}/order/demo`);
    await settled(page, errors);
    await page.evaluate(async () => navigator.serviceWorker.ready);

    const email = newEmail('lisa');
    await signIn(page, email);
    await page.getByText(`Signed in as ${email}`).waitFor();
    await page.reload();
    await settled(page, errors);
    await page.getByText(`Signed in as ${email}`).waitFor();
    // Every page the service worker keeps, read back: none of them is hers.
    const cached = await page.evaluate(async () => {
      let text = '';
      for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const request of await cache.keys()) {
          const response = await cache.match(request);
          if ((response.headers.get('content-type') ?? '').includes('text/html')) {
            text += await response.text();
          }
        }
      }
      return text;
    });
    assert.ok(!cached.includes(email), 'no cached page names her');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Your e-mail address').waitFor();
    await context.setOffline(true);
    await page.reload();
    await page.locator('body').waitFor();
    assert.ok(!(await page.content()).includes(email), 'offline, nothing of hers shows');
    await screenshot(page, 'customer-shared-phone-offline');
    await context.setOffline(false);

    // Back online, she signs in once more and deletes her data.
    await page.goto(`${BASE_URL}/order/demo`);
    await settled(page, errors);
    await signIn(page, email);
    await page.getByText(`Signed in as ${email}`).waitFor();
    // The shop's page is forms: the question folds out of the first button.
    const question = page.getByText('Delete your e-mail address from Crema and sign out?');
    await page.locator('summary', { hasText: 'Delete my data' }).click();
    await question.waitFor();
    await screenshot(page, 'customer-delete-my-data');
    await page.locator('summary', { hasText: 'Keep it' }).click();
    await question.waitFor({ state: 'hidden' });
    await page.locator('summary', { hasText: 'Delete my data' }).click();
    await page.getByRole('button', { name: 'Delete my data' }).click();
    await page.getByLabel('Your e-mail address').waitFor();
    assert.deepEqual(errors, []);
    await close();
  });
});
