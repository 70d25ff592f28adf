// A shop's report: today's figures and charts, following the shop live as an order is
// made; the CSV download; a range of days; on a laptop and on a tablet.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  BASE_URL,
  VIEWPORTS,
  apiAs,
  createShop,
  launchBrowser,
  openPage,
  queuedOrder,
  screenshot,
  settled,
  staffToken,
} from './support.mjs';

describe('the report', () => {
  let browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  test("today's report draws its charts and counts an order made as it happens", async () => {
    const slug = await createShop();
    const barista = await staffToken('barista');
    // Two orders made and one cancelled before the page opens.
    for (const [name, drink, choices] of [
      ['ada', 'latte', ['oat']],
      ['bo', 'cappuccino', ['whole']],
    ]) {
      const { order } = await queuedOrder(slug, name, { drink, choices });
      await apiAs(barista, 'POST', `/orders/${order.id}/claim`);
      await apiAs(barista, 'POST', `/orders/${order.id}/complete`);
    }
    const cancelled = await queuedOrder(slug, 'cy');
    await apiAs(cancelled.token, 'POST', `/orders/${cancelled.order.id}/cancel`, {});

    const laptop = await openPage(browser, { viewport: { width: 1366, height: 900 }, token: await staffToken('admin') });
    const { page, errors } = laptop;
    await page.goto(`${BASE_URL}/admin/${slug}/report`);
    await settled(page, errors);
    await page.getByText('Live', { exact: true }).waitFor();
    const made = page.locator('[data-figure="made"]');
    assert.equal(await made.textContent(), '2');
    assert.equal(await page.locator('[data-figure="cancelled-by-customers"]').textContent(), '1');
    for (const title of ['Orders per hour', 'Drinks made', 'Choices made', 'Wait over the day']) {
      const chart = page.locator('figure.report-chart', { hasText: title });
      await chart.locator('svg[role="img"] title').waitFor({ state: 'attached' });
    }
    assert.match(
      await page.locator('figure.report-chart', { hasText: 'Drinks made' }).locator('svg').textContent(),
      /Latte/,
    );
    await screenshot(page, 'report-laptop');

    // An order made now reaches the open page by the shop's stream.
    const { order } = await queuedOrder(slug, 'dee', { drink: 'espresso', choices: ['double'] });
    await apiAs(barista, 'POST', `/orders/${order.id}/complete`);
    await page.locator('[data-figure="made"]', { hasText: '3' }).waitFor();
    assert.match(
      await page.locator('figure.report-chart', { hasText: 'Drinks made' }).locator('svg').textContent(),
      /Espresso/,
    );

    // The CSV, as the link fetches it with the admin's session: one row per order, a
    // header first.
    const href = await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href');
    const csv = await page.request.get(`${BASE_URL}${href}`);
    assert.equal(csv.status(), 200);
    assert.match(csv.headers()['content-disposition'], /^attachment; filename="t-.*\.csv"$/);
    const text = await csv.text();
    const lines = text.trim().split('\n');
    assert.equal(lines[0], 'id,number,day,state,drink,choices,customer_id,barista,created_at,queued_at,claimed_at,ready_at,ended_at,cancel_reason');
    assert.equal(lines.length, 1 + 4);

    // Another range: a day without orders is zeros, and not live.
    await page.getByLabel('From', { exact: true }).fill('2026-01-01');
    await page.getByLabel('To', { exact: true }).fill('2026-01-02');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/from=2026-01-01/);
    await settled(page, errors);
    assert.equal(await page.locator('[data-figure="started"]').textContent(), '0');
    assert.equal(await page.getByText('Live', { exact: true }).count(), 0);
    await page.locator('figure.report-chart', { hasText: 'Orders per hour' }).locator('svg text', { hasText: 'No orders' }).waitFor();
    assert.deepEqual(errors, []);
    await laptop.close();
  });

  test('the report reads on a tablet, and only an admin opens it', async () => {
    const tablet = await openPage(browser, { viewport: VIEWPORTS.tablet, token: await staffToken('admin') });
    await tablet.page.goto(`${BASE_URL}/admin/demo/report`);
    await settled(tablet.page, tablet.errors);
    await tablet.page.locator('figure.report-chart').first().waitFor();
    await screenshot(tablet.page, 'report-tablet');
    assert.deepEqual(tablet.errors, []);
    await tablet.close();

    const board = await openPage(browser, { viewport: VIEWPORTS.tablet, token: await staffToken('barista') });
    const response = await board.page.goto(`${BASE_URL}/admin/demo/report`);
    assert.equal(response.status(), 403);
    await board.close();
  });
});
