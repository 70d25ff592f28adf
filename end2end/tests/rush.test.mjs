// The rush after a keynote: a barista board that holds 24 orders in flight on a tablet
// without scrolling, with the drinks still to make counted together; the names
// customers give, on the cards and (when the shop shows them) on the booth screen; and
// each customer's place in the line, counting down live; and a walk-up visitor's order,
// taken at the counter.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  BASE_URL,
  VIEWPORTS,
  apiAs,
  baristaStep,
  checkAccessibility,
  createShop,
  customerToken,
  launchBrowser,
  newEmail,
  openPage,
  qrCode,
  queuedOrder,
  screenshot,
  settled,
  staffToken,
} from './support.mjs';

async function board(browser, slug) {
  const opened = await openPage(browser, { viewport: VIEWPORTS.tablet, token: await staffToken('barista') });
  await opened.page.goto(`${BASE_URL}/barista/${slug}`);
  await settled(opened.page, opened.errors);
  await opened.page.getByText('Live', { exact: true }).waitFor();
  return opened;
}

describe('the rush', () => {
  let browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  test('after a keynote the board shows every order on a tablet, without scrolling', async () => {
    // 24 orders in flight: 12 new, 6 being made, 6 ready; lattes and espressos.
    const slug = await createShop({ capacity: 40, drinks_per_code: 100 });
    const latte = { drink: 'latte', choices: ['oat', 'vanilla'] };
    const espresso = { drink: 'espresso', choices: ['double'] };
    const orders = [];
    for (let at = 0; at < 24; at += 1) {
      orders.push((await queuedOrder(slug, `keynote${at}`, at % 3 === 0 ? espresso : latte)).order);
    }
    for (const order of orders.slice(0, 6)) await baristaStep(order.id, 'complete');
    for (const order of orders.slice(6, 12)) await baristaStep(order.id, 'claim');

    const { page, errors, close } = await board(browser, slug);
    const lanes = { new: orders.slice(12), making: orders.slice(6, 12), ready: orders.slice(0, 6) };
    for (const [lane, expected] of Object.entries(lanes)) {
      const cards = page.locator(`.lane.${lane} .card`);
      await page.locator(`.lane.${lane} .count`, { hasText: String(expected.length) }).waitFor();
      const seen = await cards.evaluateAll((elements) =>
        elements.map((card) => {
          const box = card.getBoundingClientRect();
          const inView = box.top >= 0 && box.left >= 0 && box.bottom <= innerHeight && box.right <= innerWidth;
          return { number: card.querySelector('.card-number').textContent.trim(), inView };
        }),
      );
      assert.deepEqual(
        seen.filter((card) => card.inView).map((card) => card.number).sort(),
        expected.map((order) => `#${order.number}`).sort(),
        `${lane}: every card in view`,
      );
      // The step to take on each card stays a finger's size.
      const heights = await cards
        .locator('.card-actions .button:visible')
        .evaluateAll((buttons) => buttons.map((button) => button.getBoundingClientRect().height));
      assert.equal(heights.length, expected.length, lane);
      assert.ok(heights.every((height) => height >= 44), `${lane}: ${heights}`);
    }
    assert.equal(await page.locator('.lane .more').count(), 0);

    // All day: the 18 drinks still to make, alike ones together.
    const allDay = await page.locator('.all-day li').allTextContents();
    const toMake = orders.slice(6);
    const espressos = toMake.filter((order) => order.drink === 'espresso').length;
    assert.deepEqual(allDay, [
      `${toMake.length - espressos} × Latte · Oat milk · Vanilla`,
      `${espressos} × Espresso · Double`,
    ]);
    await screenshot(page, 'barista-4-busy');
    await checkAccessibility(page);

    // Selected, a compact card offers its other steps too.
    const first = page.locator('.lane.new .card').first();
    await first.click({ position: { x: 8, y: 8 } });
    await first.getByRole('button', { name: 'Cancel…' }).waitFor();
    await screenshot(page, 'barista-5-busy-selected');

    // Past what a lane can show, it says how many more wait.
    for (let at = 0; at < 3; at += 1) await queuedOrder(slug, `late${at}`, espresso);
    await page.locator('.lane.new .more', { hasText: '+3 more' }).waitFor();
    assert.equal(await page.locator('.lane.new .card').count(), 12);
    await screenshot(page, 'barista-6-more');
    assert.deepEqual(errors, []);
    await close();
  });

  test('a name given with the order reaches the card and, when the shop shows names, the screen', async () => {
    const slug = await createShop();
    const token = await customerToken(newEmail('ada'));
    const { token: qr } = await qrCode(slug);
    const started = await apiAs(token, 'POST', `/shops/${slug}/orders`, { qr_token: qr });
    const { page: barista, errors: baristaErrors, close: closeBoard } = await board(browser, slug);

    const phone = await openPage(browser, { viewport: VIEWPORTS.phone, token });
    await phone.page.goto(`${BASE_URL}/order/${slug}/${started.id}`);
    await settled(phone.page, phone.errors);
    await phone.page.getByRole('radio', { name: /Flat white/ }).check();
    await phone.page.getByRole('radio', { name: 'Oat milk' }).check();
    await phone.page.getByLabel('Your name (optional)').fill('Ada');
    await phone.page.getByRole('button', { name: 'Review my order' }).click();
    assert.equal(await phone.page.getByLabel('Your name (optional)').inputValue(), 'Ada');
    await screenshot(phone.page, 'customer-name');
    await phone.page.getByRole('button', { name: 'Order', exact: true }).click();
    await phone.page.getByRole('heading', { name: 'In the queue' }).waitFor();
    const order = await apiAs(token, 'GET', `/orders/${started.id}`);
    assert.equal(order.customer_name, 'Ada');

    const card = barista.locator('.lane.new .card', { hasText: `#${order.number}` });
    assert.equal(await card.locator('.card-name').textContent(), 'Ada');
    await screenshot(barista, 'barista-name');

    // The screen shows the number alone until the shop shows names.
    const screen = await openPage(browser, { viewport: VIEWPORTS.display, token: await staffToken('display') });
    await screen.page.goto(`${BASE_URL}/display/${slug}`);
    await settled(screen.page, screen.errors);
    await baristaStep(order.id, 'complete');
    const ready = screen.page.locator('.board.ready li', { hasText: `#${order.number}` });
    await ready.waitFor();
    assert.equal(await ready.locator('.order-name').count(), 0);
    await apiAs(await staffToken('admin'), 'PATCH', `/shops/${slug}`, { names_on_board: true });
    await screen.page.reload();
    await settled(screen.page, screen.errors);
    await ready.locator('.order-name', { hasText: 'Ada' }).waitFor();
    await screenshot(screen.page, 'display-name');

    assert.deepEqual(phone.errors, []);
    assert.deepEqual(baristaErrors, []);
    assert.deepEqual(screen.errors, []);
    await Promise.all([phone.close(), closeBoard(), screen.close()]);
  });

  test('a customer watches their place in the line count down, and is told when it is ready, by e-mail too', async () => {
    const slug = await createShop();
    const first = await queuedOrder(slug, 'early1');
    const second = await queuedOrder(slug, 'early2');
    const { token, order } = await queuedOrder(slug, 'waiting');
    const phone = await openPage(browser, { viewport: VIEWPORTS.phone, token });
    await phone.page.context().grantPermissions(['notifications'], { origin: BASE_URL });
    await phone.page.goto(`${BASE_URL}/order/${slug}/${order.id}`);
    await settled(phone.page, phone.errors);
    await phone.page.getByText("Your phone will tell you when it's ready.").waitFor();
    await phone.page.getByRole('button', { name: "E-mail me when it's ready" }).click();
    await phone.page.getByText("We'll e-mail you when it's ready.").waitFor();
    await phone.page.getByText(/^2 ahead of you: about \d+ min\.$/).waitFor();
    await screenshot(phone.page, 'customer-place');
    await baristaStep(first.order.id, 'complete');
    await phone.page.getByText(/^1 ahead of you: about \d+ min\.$/).waitFor();
    await baristaStep(second.order.id, 'claim');
    await phone.page.getByText(/^You're next: about \d+ min\.$/).waitFor();

    // Made: the page shows a system notification through its service worker.
    await baristaStep(order.id, 'complete');
    await phone.page.getByRole('heading', { name: 'Ready for pickup!' }).waitFor();
    const shown = await phone.page.evaluate(async () => {
      const registration = await navigator.serviceWorker.ready;
      // The worker may still be installing on a busy machine: up to 15 s.
      for (let tries = 0; tries < 150; tries += 1) {
        const notifications = await registration.getNotifications();
        if (notifications.length) return notifications.map((n) => [n.title, n.body]);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return [];
    });
    assert.deepEqual(shown, [['Ready for pickup!', `Your Latte is waiting on the counter. Show #${order.number} to the barista.`]]);
    // And the one mail they asked for.
    const { email } = await apiAs(token, 'GET', '/me');
    let mailed = [];
    for (let tries = 0; tries < 50 && !mailed.length; tries += 1) {
      mailed = (await apiAs(token, 'GET', `/dev/mailbox?email=${encodeURIComponent(email)}`)).filter((mail) => !mail.code);
      if (!mailed.length) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.deepEqual(mailed.map((mail) => mail.subject), [`Your drink #${order.number} is ready`]);
    assert.deepEqual(phone.errors, []);
    await phone.close();
  });

  test('a visitor without a phone orders at the counter, and their number shows like any other', async () => {
    const slug = await createShop();
    const { page, errors, close } = await board(browser, slug);
    const screen = await openPage(browser, { viewport: VIEWPORTS.display, token: await staffToken('display') });
    await screen.page.goto(`${BASE_URL}/display/${slug}`);
    await settled(screen.page, screen.errors);

    await page.getByText('Walk-up order').click();
    const form = page.locator('.walk-up-form');
    await form.getByLabel('Drink').selectOption({ label: 'Latte' });
    await form.getByRole('radio', { name: 'Oat milk' }).check();
    await form.getByRole('checkbox', { name: 'Vanilla' }).check();
    await form.getByLabel('Name to call out (optional)').fill('Cy');
    await screenshot(page, 'barista-walk-up');
    await form.getByRole('button', { name: 'Add to the queue' }).click();
    const added = await form.getByText(/^#\d+ is in the queue\.$/).textContent();
    const number = added.split(' ')[0];

    const card = page.locator('.lane.new .card', { hasText: number });
    assert.equal(await card.locator('.card-name').textContent(), 'Cy');
    assert.match(await card.locator('.card-drink').textContent(), /Latte · Oat milk · Vanilla/);
    await screen.page.locator('.board.preparing li', { hasText: number }).waitFor();
    // The form is ready for the next visitor.
    assert.equal(await form.getByLabel('Name to call out (optional)').inputValue(), '');
    await checkAccessibility(page);
    assert.deepEqual(errors, []);
    assert.deepEqual(screen.errors, []);
    await Promise.all([close(), screen.close()]);
  });

  test("robots started over the API fill the board with their own orders, badged", async () => {
    const slug = await createShop({ capacity: 100, drinks_per_code: 1000 });
    const admin = await staffToken('admin');
    // Slow robot baristas: the robots' orders wait on the board.
    await apiAs(admin, 'POST', `/shops/${slug}/simulation`, {
      customers_per_minute: 600,
      baristas: 1,
      make_s: 600,
      duration_s: 10,
    });
    const { page, errors, close } = await board(browser, slug);
    await page.locator('.lane.new .card .card-robot', { hasText: 'Robot' }).first().waitFor({ timeout: 15_000 });
    await page.locator('.lane.making .card .card-robot').first().waitFor({ timeout: 15_000 });
    await screenshot(page, 'barista-robots');
    await apiAs(admin, 'DELETE', `/shops/${slug}/simulation`);
    for (let tries = 0; tries < 50; tries += 1) {
      if ((await apiAs(admin, 'GET', `/shops/${slug}/simulation`)).state === 'ended') break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.equal((await apiAs(admin, 'GET', `/shops/${slug}/simulation`)).state, 'ended');
    assert.deepEqual(errors, []);
    await close();
  });
});
