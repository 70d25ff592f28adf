// The three apps and the home page: rendered on the server (readable without
// JavaScript), live in the browser (their control works), and screenshotted.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  BASE_URL,
  VIEWPORTS,
  settled,
  launchBrowser,
  openPage,
  screenshot,
  staffToken,
} from './support.mjs';

const SHOP_NAME = 'Crema demo booth';

const APPS = [
  {
    name: 'customer',
    path: '/order/demo',
    viewport: VIEWPORTS.phone,
    async useControl(page) {
      // Signed out, the page is forms and HTML alone: the browser opens the menu.
      assert.equal(await page.locator('link[rel="modulepreload"]').count(), 0);
      assert.equal(await page.locator('#menu').isVisible(), false);
      await page.getByText('See the menu').click();
      await page.locator('#menu').getByText('Cappuccino').waitFor({ state: 'visible' });
      assert.equal(await page.locator('details.menu-preview').getAttribute('open'), '');
    },
  },
  {
    name: 'barista',
    path: '/barista/demo',
    staff: 'barista',
    viewport: VIEWPORTS.tablet,
    async useControl(page) {
      await page.getByText('Live', { exact: true }).waitFor();
      const sound = page.getByRole('button', { name: /Sound off/ });
      assert.equal(await sound.getAttribute('aria-pressed'), 'false');
      await sound.click();
      assert.equal(
        await page.getByRole('button', { name: /Sound on/ }).getAttribute('aria-pressed'),
        'true',
      );
    },
  },
  {
    name: 'display',
    path: '/display/demo',
    staff: 'display',
    viewport: VIEWPORTS.display,
    async useControl(page) {
      const main = page.locator('main.display');
      assert.equal(await main.evaluate((el) => el.classList.contains('light')), false);
      await page.getByRole('button', { name: 'Light screen' }).click();
      await page.locator('main.display.light').waitFor();
      assert.equal(
        await page.getByRole('button', { name: 'Dark screen' }).getAttribute('aria-pressed'),
        'true',
      );
    },
  },
];

describe('Crema in Chromium', () => {
  let browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  test('the home page lists the demo shop with its three apps', async () => {
    const { page, errors, close } = await openPage(browser, { viewport: VIEWPORTS.tablet });
    await page.goto(`${BASE_URL}/`);
    await settled(page, errors);
    const card = page.locator('.shop-card', { hasText: SHOP_NAME });
    for (const [label, path] of [['Order', '/order/demo'], ['Barista', '/barista/demo'], ['Display', '/display/demo']]) {
      assert.equal(await card.getByRole('link', { name: label }).getAttribute('href'), path);
    }
    await screenshot(page, 'home-tablet');
    assert.deepEqual(errors, []);
    await close();
  });

  for (const app of APPS) {
    test(`${app.name}: rendered on the server, readable without JavaScript`, async () => {
      const { page, errors, close } = await openPage(browser, {
        viewport: app.viewport,
        javaScriptEnabled: false,
        token: app.staff && (await staffToken(app.staff)),
      });
      const response = await page.goto(`${BASE_URL}${app.path}`);
      assert.equal(response.status(), 200);
      await page.getByText(SHOP_NAME).first().waitFor({ state: 'visible' });
      assert.equal(await page.locator('.status').first().textContent(), 'Open');
      assert.deepEqual(errors, []);
      await close();
    });

    test(`${app.name}: live, its control works`, async () => {
      const { page, errors, close } = await openPage(browser, {
        viewport: app.viewport,
        token: app.staff && (await staffToken(app.staff)),
      });
      await page.goto(`${BASE_URL}${app.path}`);
      await settled(page, errors);
      await app.useControl(page);
      await screenshot(page, `${app.name}-${app.viewport.width}x${app.viewport.height}`);
      assert.deepEqual(errors, []);
      await close();
    });
  }
});
