// The operator's console: an admin sets up a shop from the browser alone (its settings,
// with the server's refusal next to the field; opening it; a staff account kept to it),
// a customer orders there, and the console follows the shop live; a menu built in the
// editor; a booth screen paired by its code.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  BASE_URL,
  VIEWPORTS,
  apiAs,
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

describe('the console', () => {
  let browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  test('an admin sets up a new shop, opens it and follows its orders live', async () => {
    const laptop = await openPage(browser, { viewport: { width: 1366, height: 900 }, token: await staffToken('admin') });
    const { page, errors } = laptop;
    await page.goto(`${BASE_URL}/admin`);
    await settled(page, errors);
    await page.getByText('Live', { exact: true }).waitFor();

    // A new shop, its menu copied from the demo booth.
    const slug = `c-${Date.now().toString(36)}`;
    await page.getByText('New shop', { exact: true }).click();
    const form = page.locator('.new-shop form');
    await form.getByLabel('Address (like reinvent-2026)').fill(slug);
    await form.getByLabel('Name', { exact: true }).fill('Console booth');
    await form.getByLabel('Time zone').selectOption('Europe/Paris');
    await form.getByLabel('Menu').selectOption('demo');
    await form.getByRole('button', { name: 'Create the shop' }).click();
    const card = page.locator('.console-shop', { hasText: slug });
    await card.waitFor();
    await screenshot(page, 'console-shops');

    // Settings: the server's refusal shows next to the field; a good value saves.
    await card.getByText('Settings', { exact: true }).click();
    const capacity = card.getByLabel('Orders in progress at once');
    await capacity.fill('5000');
    await card.getByRole('button', { name: 'Save settings' }).click();
    await card.locator(`#${slug}-capacity-error`, { hasText: 'capacity' }).waitFor();
    await screenshot(page, 'console-settings-refused');
    await capacity.fill('3');
    await card.getByLabel(/^Language/).selectOption('de');
    await card.getByRole('button', { name: 'Save settings' }).click();
    await card.getByText('Saved.').waitFor();
    const shop = await apiAs(null, 'GET', `/shops/${slug}`);
    assert.equal(shop.settings.capacity, 3);
    assert.equal(shop.settings.timezone, 'Europe/Paris');
    assert.equal(shop.settings.language, 'de');

    // Open it; a customer's order shows in its numbers, live.
    await card.getByRole('button', { name: 'Open', exact: true }).click();
    await card.locator('.status.open').waitFor();
    await queuedOrder(slug, 'console', { drink: 'latte', choices: ['oat'] });
    await card.locator('.console-shop-numbers', { hasText: '1 in progress' }).waitFor();
    await card.locator('.console-shop-numbers', { hasText: '1 ordered today' }).waitFor();

    // A barista account kept to this shop: it works here and nowhere else.
    const username = `kim${Date.now().toString(36)}`;
    await page.getByText('New staff account', { exact: true }).click();
    const staff = page.locator('.new-staff form');
    await staff.getByLabel('Username').fill(username);
    await staff.getByLabel('Password (10 characters or more)').fill('short');
    await staff.getByRole('checkbox', { name: 'Console booth' }).check();
    await staff.getByRole('button', { name: 'Create the account' }).click();
    await staff.locator('#staff-password-error', { hasText: '10 characters' }).waitFor();
    await staff.getByLabel('Password (10 characters or more)').fill('a long password');
    await staff.getByRole('button', { name: 'Create the account' }).click();
    await page.locator('.staff-table tr', { hasText: username }).getByText(slug).waitFor();
    await screenshot(page, 'console-staff');
    const { token } = await (
      await fetch(`${BASE_URL}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: 'a long password' }),
      })
    ).json();
    await apiAs(token, 'GET', `/shops/${slug}/orders`);
    await assert.rejects(apiAs(token, 'GET', '/shops/demo/orders'), /403/);

    // Archived, it takes no orders and says so.
    await card.getByRole('button', { name: 'Archive' }).click();
    await card.locator('.status', { hasText: 'Archived' }).waitFor();
    assert.deepEqual(errors, []);
    await laptop.close();
  });

  test('an admin builds a menu, a customer orders from it, and a booth screen pairs by its code', async () => {
    const laptop = await openPage(browser, { viewport: { width: 1366, height: 900 }, token: await staffToken('admin') });
    const { page, errors } = laptop;
    await page.goto(`${BASE_URL}/admin`);
    await settled(page, errors);

    // A new shop with no menu yet.
    const slug = `m-${Date.now().toString(36)}`;
    await page.getByText('New shop', { exact: true }).click();
    const form = page.locator('.new-shop form');
    await form.getByLabel('Address (like reinvent-2026)').fill(slug);
    await form.getByLabel('Name', { exact: true }).fill('Menu booth');
    await form.getByRole('button', { name: 'Create the shop' }).click();
    const card = page.locator('.console-shop', { hasText: slug });
    await card.waitFor();

    // One drink with a required milk, oat milk sold out.
    await card.locator('.menu-editor summary').click();
    const editor = card.locator('.menu-editor');
    await editor.getByRole('button', { name: 'Add a drink' }).click();
    await editor.getByLabel('Drink 1', { exact: true }).fill('Flat white');
    await editor.getByLabel('Icon', { exact: true }).fill('☕');
    await editor.getByRole('button', { name: 'Add a group to drink 1' }).click();
    await editor.getByLabel('Group', { exact: true }).fill('Milk');
    await editor.getByLabel('At least', { exact: true }).fill('1');
    await editor.getByLabel('At most', { exact: true }).fill('3');
    await editor.locator('.rule', { hasText: 'choose 1 to 3, required' }).waitFor();
    for (const name of ['Whole milk', 'Oat milk']) {
      await editor.getByRole('button', { name: 'Add a choice to group 1 of drink 1' }).click();
      await editor.getByLabel('Choice', { exact: true }).last().fill(name);
    }
    await editor.getByRole('checkbox', { name: 'Available' }).last().uncheck();
    // The phone's preview follows the draft.
    await editor.locator('.phone-frame label.drink-option', { hasText: 'Flat white' }).waitFor();

    // More than its choices: the server refuses, and says where.
    await editor.getByRole('button', { name: 'Save the menu' }).click();
    await editor.locator('.form-error', { hasText: 'Flat white › Milk' }).waitFor();
    await screenshot(page, 'console-menu-refused');
    await editor.getByLabel('At most', { exact: true }).fill('1');
    await editor.getByRole('button', { name: 'Save the menu' }).click();
    await editor.getByText('Saved: open menus show it now.').waitFor();
    await editor.locator('.phone-frame label.drink-option', { hasText: 'Flat white' }).click();
    await editor.locator('.phone-frame label.choice.sold-out', { hasText: 'Oat milk' }).waitFor();
    await screenshot(page, 'console-menu-editor');
    const { menu } = await apiAs(null, 'GET', `/shops/${slug}`);
    assert.deepEqual(menu, [
      {
        id: 'flat-white',
        name: 'Flat white',
        available: true,
        icon: '☕',
        groups: [
          {
            id: 'milk',
            name: 'Milk',
            min: 1,
            max: 1,
            choices: [
              { id: 'whole-milk', name: 'Whole milk', available: true },
              { id: 'oat-milk', name: 'Oat milk', available: false },
            ],
          },
        ],
      },
    ]);
    await card.getByRole('button', { name: 'Open', exact: true }).click();
    await card.locator('.status.open').waitFor();

    // A customer orders from it on a phone: the milk is required, oat is sold out.
    const token = await customerToken(newEmail('menu'));
    const { token: qr } = await qrCode(slug);
    const order = await apiAs(token, 'POST', `/shops/${slug}/orders`, { qr_token: qr });
    const phone = await openPage(browser, { viewport: VIEWPORTS.phone, token });
    await phone.page.goto(`${BASE_URL}/order/${slug}/${order.id}`);
    await settled(phone.page, phone.errors);
    await phone.page.getByRole('radio', { name: /Flat white/ }).check();
    await phone.page.getByRole('button', { name: 'Review my order' }).click();
    await phone.page.getByText('Milk: choose 1.').waitFor();
    assert.equal(await phone.page.getByRole('radio', { name: /Oat milk/ }).isDisabled(), true);
    await phone.page.getByRole('radio', { name: 'Whole milk' }).check();
    await phone.page.getByRole('button', { name: 'Review my order' }).click();
    await phone.page.getByRole('button', { name: 'Order', exact: true }).click();
    await phone.page.getByRole('heading', { name: 'In the queue' }).waitFor();
    assert.deepEqual(phone.errors, []);
    await phone.close();

    // The counter counts the whole milk: the console shows it running low, live.
    await apiAs(await staffToken('barista'), 'PATCH', `/shops/${slug}/stock`, {
      choices: { 'whole-milk': { remaining: 3 } },
    });
    await card.locator('.stock-low', { hasText: 'Whole milk: 3 left' }).waitFor();

    // A booth screen that nobody signed in pairs by the code it shows.
    const tv = await openPage(browser, { viewport: VIEWPORTS.display });
    await tv.page.goto(`${BASE_URL}/display/${slug}`);
    await settled(tv.page, tv.errors);
    await tv.page.getByRole('button', { name: 'Pair this screen' }).click();
    const code = (await tv.page.locator('.pairing-code').textContent()).replace(/\s/g, '');
    assert.match(code, /^[A-HJKMNP-Z2-9]{8}$/);
    await tv.page.locator('.pairing-qr svg').waitFor();
    await screenshot(tv.page, 'display-pairing');
    // The admin scans it: the console's form opens with the code, role and shop filled in.
    await page.goto(`${BASE_URL}/admin?pair=${code}&role=display&shop=${slug}#screens`);
    await settled(page, errors);
    const pair = page.locator('.pair-screen form');
    assert.equal(await pair.getByLabel('Code on the screen').inputValue(), code);
    await pair.getByLabel('Name').fill('Screen by the door');
    assert.equal(await pair.getByLabel('Shop').inputValue(), slug);
    await pair.getByRole('button', { name: 'Pair' }).click();
    await pair.getByText('Paired “Screen by the door”').waitFor();
    // Signed in, it shows the code to order with; in a window's last seconds it counts
    // down to the next code first.
    await tv.page.locator('.qr-panel').waitFor({ timeout: 10_000 });
    await tv.page.locator('.qr svg').waitFor({ timeout: 30_000 });
    await screenshot(tv.page, 'display-paired');
    const screens = page.locator('#screens tr', { hasText: 'Screen by the door' });
    await screens.getByText('Menu booth').waitFor();
    await screenshot(page, 'console-screens');

    // Removed from the console, it is signed out.
    await screens.getByRole('button', { name: 'Remove Screen by the door' }).click();
    await screens.waitFor({ state: 'detached' });
    const me = await tv.page.evaluate(async () => (await fetch('/api/v1/me')).status);
    assert.equal(me, 401);
    assert.deepEqual(tv.errors, []);
    await tv.close();

    // A barista tablet offers the same, beside its sign-in.
    const tablet = await openPage(browser, { viewport: VIEWPORTS.tablet });
    await tablet.page.goto(`${BASE_URL}/barista/${slug}`);
    await settled(tablet.page, tablet.errors);
    await tablet.page.getByRole('button', { name: 'Pair this screen' }).click();
    await tablet.page.locator('.pairing-qr svg').waitFor();
    await screenshot(tablet.page, 'barista-pairing');
    assert.deepEqual(tablet.errors, []);
    await tablet.close();
    assert.deepEqual(errors, []);
    await laptop.close();
  });

  test('the console on a tablet, and its poster', async () => {
    const tablet = await openPage(browser, { viewport: VIEWPORTS.tablet, token: await staffToken('admin') });
    await tablet.page.goto(`${BASE_URL}/admin`);
    await settled(tablet.page, tablet.errors);
    await screenshot(tablet.page, 'console-tablet');
    await tablet.page.goto(`${BASE_URL}/admin/poster/demo`);
    await settled(tablet.page, tablet.errors);
    await tablet.page.locator('.poster-code svg').waitFor();
    await screenshot(tablet.page, 'console-poster');
    assert.deepEqual(tablet.errors, []);
    await tablet.close();
  });

  test('a barista cannot use the console', async () => {
    const tablet = await openPage(browser, { viewport: VIEWPORTS.tablet, token: await staffToken('barista') });
    await tablet.page.goto(`${BASE_URL}/admin`);
    await settled(tablet.page, tablet.errors);
    await tablet.page.getByRole('heading', { name: 'Not for this account' }).waitFor();
    assert.deepEqual(tablet.errors, []);
    await tablet.close();
  });
});
