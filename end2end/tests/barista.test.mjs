// The barista board on a tablet: live orders, steps across the lanes until handed over,
// two baristas racing for one order, cancelling with a reason, closing the shop, and
// catching up after the network came back.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  BASE_URL,
  VIEWPORTS,
  apiAs,
  createShop,
  cuttableNetwork,
  settled,
  launchBrowser,
  openPage,
  queuedOrder,
  screenshot,
  staffToken,
} from './support.mjs';

async function board(browser, slug, username = 'barista') {
  const opened = await openPage(browser, {
    viewport: VIEWPORTS.tablet,
    token: await staffToken(username),
  });
  await opened.page.goto(`${BASE_URL}/barista/${slug}`);
  await settled(opened.page, opened.errors);
  await opened.page.getByText('Live', { exact: true }).waitFor();
  return opened;
}

function card(page, lane, number) {
  return page.locator(`.lane.${lane} .card`, { hasText: `#${number}` });
}

describe('the barista board', () => {
  let browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  test('orders arrive live and move across the lanes; the customer and the screen follow', async () => {
    const slug = await createShop();
    const { page, errors, close } = await board(browser, slug);
    const screen = await openPage(browser, { viewport: VIEWPORTS.display, token: await staffToken('display') });
    await screen.page.goto(`${BASE_URL}/display/${slug}`);
    await settled(screen.page, screen.errors);
    const { token, order } = await queuedOrder(slug, 'ann');
    const customer = await openPage(browser, { viewport: VIEWPORTS.phone, token });
    await customer.page.goto(`${BASE_URL}/order/${slug}/${order.id}`);
    await settled(customer.page, customer.errors);

    await card(page, 'new', order.number).waitFor();
    assert.match(await card(page, 'new', order.number).textContent(), /Latte · Oat milk · Vanilla/);
    await screenshot(page, 'barista-1-new-order');

    await card(page, 'new', order.number).getByRole('button', { name: 'Make' }).click();
    await card(page, 'making', order.number).waitFor();
    await customer.page.getByRole('heading', { name: 'Being made' }).waitFor();
    await screenshot(page, 'barista-2-making');

    await card(page, 'making', order.number).getByRole('button', { name: 'Done' }).click();
    await card(page, 'ready', order.number).waitFor();
    await customer.page.getByRole('heading', { name: 'Ready for pickup!' }).waitFor();
    const onScreen = screen.page.locator('.board.ready li', { hasText: `#${order.number}` });
    await onScreen.waitFor();
    await screenshot(page, 'barista-3-ready');

    // Handed over: it leaves the board and, within a second, the booth screen.
    await card(page, 'ready', order.number).getByRole('button', { name: 'Handed over' }).click();
    await card(page, 'ready', order.number).waitFor({ state: 'detached' });
    await onScreen.waitFor({ state: 'detached', timeout: 1_000 });
    await customer.page.getByRole('heading', { name: 'Enjoy!' }).waitFor();

    const journey = await apiAs(token, 'GET', `/orders/${order.id}/journey`);
    assert.deepEqual(
      journey.map((event) => event.type),
      ['order.created', 'order.queued', 'order.claimed', 'order.ready', 'order.picked_up'],
    );
    assert.deepEqual(errors, []);
    assert.deepEqual(customer.errors, []);
    assert.deepEqual(screen.errors, []);
    await customer.close();
    await screen.close();
    await close();
  });

  test('two baristas race for one order: one makes it, the other sees who', async () => {
    const slug = await createShop();
    const lena = await board(browser, slug, 'barista');
    const admin = await board(browser, slug, 'admin');
    const { order } = await queuedOrder(slug, 'bob');
    await card(lena.page, 'new', order.number).waitFor();
    await card(admin.page, 'new', order.number).waitFor();

    // Both tap at once: each button is found first, then both are clicked together (a
    // click that waited for its card to stand still could find it already moved on).
    const buttons = await Promise.all(
      [lena, admin].map(({ page }) => card(page, 'new', order.number).getByRole('button', { name: 'Make' }).elementHandle()),
    );
    await Promise.all(buttons.map((button) => button.evaluate((element) => element.click())));

    const made = await apiAs(await staffToken('admin'), 'GET', `/orders/${order.id}`);
    assert.equal(made.state, 'making');
    const [winner, loser] = made.barista_id === (await me('barista')) ? [lena, admin] : [admin, lena];
    await card(winner.page, 'making', order.number).getByRole('button', { name: 'Done' }).waitFor();
    await card(loser.page, 'making', order.number).getByText(/has it$/).waitFor();
    await loser.page.locator('.board-notice', { hasText: 'is already being made by' }).waitFor();
    await screenshot(loser.page, 'barista-4-lost-the-race');
    await lena.close();
    await admin.close();
  });

  test('a cancel with a reason reaches the customer', async () => {
    const slug = await createShop();
    const { page, errors, close } = await board(browser, slug);
    const { token, order } = await queuedOrder(slug, 'cat');
    const customer = await openPage(browser, { viewport: VIEWPORTS.phone, token });
    await customer.page.goto(`${BASE_URL}/order/${slug}/${order.id}`);
    await settled(customer.page, customer.errors);

    const queued = card(page, 'new', order.number);
    await queued.getByRole('button', { name: 'Cancel…' }).click();
    await queued.getByLabel('Why?').fill('The oat milk ran out');
    await screenshot(page, 'barista-5-cancel');
    await queued.getByRole('button', { name: `Cancel #${order.number}` }).click();
    await queued.waitFor({ state: 'detached' });
    await customer.page.getByRole('heading', { name: 'Cancelled' }).waitFor();
    await customer.page.locator('.status-text', { hasText: 'The oat milk ran out' }).waitFor();
    assert.deepEqual(errors, []);
    await customer.close();
    await close();
  });

  test('closing the shop closes it in the customer app too', async () => {
    const slug = await createShop();
    const { page, errors, close } = await board(browser, slug);
    const { token, order } = await queuedOrder(slug, 'dan');
    const customer = await openPage(browser, { viewport: VIEWPORTS.phone, token });
    await customer.page.goto(`${BASE_URL}/order/${slug}/${order.id}`);
    await settled(customer.page, customer.errors);
    await customer.page.locator('.status', { hasText: 'Open' }).waitFor();

    await page.getByRole('button', { name: 'Close the shop' }).click();
    await page.getByRole('button', { name: 'Open the shop' }).waitFor();
    await customer.page.locator('.status', { hasText: 'Closed' }).waitFor();
    await screenshot(page, 'barista-6-closed');
    assert.equal((await apiAs(undefined, 'GET', `/shops/${slug}`)).open, false);
    assert.deepEqual(errors, []);
    await customer.close();
    await close();
  });

  test('the board catches up after the network comes back', async () => {
    const slug = await createShop();
    const network = await cuttableNetwork();
    const { page, close } = await openPage(browser, {
      viewport: VIEWPORTS.tablet,
      token: await staffToken('barista'),
    });
    await page.goto(`${network.url}/barista/${slug}`);
    await page.getByText('Live', { exact: true }).waitFor();

    network.cut();
    await page.getByText('Reconnecting…').waitFor();
    const { order } = await queuedOrder(slug, 'eli');
    await screenshot(page, 'barista-7-reconnecting');
    network.restore();
    await card(page, 'new', order.number).waitFor({ timeout: 30_000 });
    await page.getByText('Live', { exact: true }).waitFor();
    await close();
    await network.close();
  });
});

// A staff member's id.
async function me(username) {
  return (await apiAs(await staffToken(username), 'GET', '/me')).id;
}
