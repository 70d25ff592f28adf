// Stock at the counter: the barista marks items sold out or counts them on the tablet,
// and a customer choosing on a phone sees it live; ordering what just sold out is
// refused next to it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  BASE_URL,
  VIEWPORTS,
  apiAs,
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

// A customer's phone on the menu of an order just started at `slug`.
async function choosing(browser, slug) {
  const token = await customerToken(newEmail('stock'));
  const { token: qr } = await qrCode(slug);
  const order = await apiAs(token, 'POST', `/shops/${slug}/orders`, { qr_token: qr });
  const phone = await openPage(browser, { viewport: VIEWPORTS.phone, token });
  await phone.page.goto(`${BASE_URL}/order/${slug}/${order.id}`);
  await settled(phone.page, phone.errors);
  return phone;
}

function row(page, name) {
  return page.locator('.stock-row', { has: page.locator('.stock-name', { hasText: new RegExp(`^\\W*${name}$`) }) });
}

describe('stock at the counter', () => {
  let browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  test('sold out and counts on the board reach an open menu live', async () => {
    const slug = await createShop();
    const tablet = await openPage(browser, { viewport: VIEWPORTS.tablet, token: await staffToken('barista') });
    await tablet.page.goto(`${BASE_URL}/barista/${slug}`);
    await settled(tablet.page, tablet.errors);
    await tablet.page.getByText('Live', { exact: true }).waitFor();
    const phone = await choosing(browser, slug);
    const board = tablet.page;

    // Oat milk sold out in one tap: the phone's menu shows it at once.
    await board.locator('.stock-panel summary').click();
    await board.getByRole('button', { name: 'Mark Oat milk sold out' }).click();
    await row(board, 'Oat milk').locator('.stock-state', { hasText: 'Sold out' }).waitFor();
    // The demo menu comes with soy milk and the iced latte off: oat makes three.
    await board.locator('.stock-summary', { hasText: '3 sold out' }).waitFor();
    await phone.page.getByRole('radio', { name: /^\W*Latte\b/ }).check();
    const oat = phone.page.getByRole('radio', { name: /Oat milk/ }).first();
    await phone.page.waitForFunction(() =>
      [...document.querySelectorAll('label.choice.sold-out')].some((label) => label.textContent.includes('Oat milk')),
    );
    assert.equal(await oat.isDisabled(), true);

    // A count of 1 on the flat white: one order takes it, and it sells out by itself.
    await row(board, 'Flat white').getByLabel('Flat white: portions left').fill('1');
    await row(board, 'Flat white').getByRole('button', { name: 'Set' }).click();
    await row(board, 'Flat white').getByText('1 left').waitFor();
    await board.locator('.stock-row.low', { hasText: 'Flat white' }).waitFor();
    await screenshot(board, 'barista-stock-panel');
    await queuedOrder(slug, 'first', { drink: 'flat-white', choices: ['whole'] });
    await row(board, 'Flat white').getByText('Sold out: none left').waitFor();
    await phone.page.locator('label.drink-option.sold-out', { hasText: 'Flat white' }).waitFor();
    await screenshot(phone.page, 'customer-stock-sold-out');

    // Back in: the phone can choose oat again.
    await board.getByRole('button', { name: 'Put Oat milk back in' }).click();
    await phone.page.waitForFunction(() =>
      [...document.querySelectorAll('label.choice')].some(
        (label) => label.textContent.includes('Oat milk') && !label.classList.contains('sold-out'),
      ),
    );
    assert.deepEqual(tablet.errors, []);
    assert.deepEqual(phone.errors, []);
    await phone.close();
    await tablet.close();
  });

  test('a drink that sells out while it is being reviewed is refused next to it', async () => {
    const slug = await createShop();
    const phone = await choosing(browser, slug);
    const { page } = phone;

    await page.getByRole('radio', { name: /^\W*Espresso\b/ }).check();
    await page.getByRole('radio', { name: 'Double' }).check();
    await page.getByRole('button', { name: 'Review my order' }).click();
    await page.getByRole('heading', { name: 'Check your order' }).waitFor();
    await apiAs(await staffToken('barista'), 'PATCH', `/shops/${slug}/stock`, {
      drinks: { espresso: { available: false } },
    });
    await page.getByRole('button', { name: 'Order', exact: true }).click();

    await page.getByText('Sorry, Espresso is sold out.').waitFor();
    await page.getByRole('heading', { name: 'Choose your drink' }).waitFor();
    await screenshot(page, 'customer-stock-refused');
    assert.deepEqual(phone.errors, []);
    await phone.close();
  });
});
