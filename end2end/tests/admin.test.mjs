// The operator's console: an admin sets up a shop from the browser alone (its settings,
// with the server's refusal next to the field; opening it; a staff account kept to it),
// a customer orders there, and the console follows the shop live.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  BASE_URL,
  VIEWPORTS,
  apiAs,
  launchBrowser,
  openPage,
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
    await card.getByRole('button', { name: 'Save settings' }).click();
    await card.getByText('Saved.').waitFor();
    const shop = await apiAs(null, 'GET', `/shops/${slug}`);
    assert.equal(shop.settings.capacity, 3);
    assert.equal(shop.settings.timezone, 'Europe/Paris');

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
