// The booth screen at 1920×1080: a QR code phones can read, the drinks left on it, the
// code rotating, orders moving from preparing to ready to gone, closing and opening,
// and a server restart it recovers from.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import {
  BASE_URL,
  VIEWPORTS,
  apiAs,
  baristaStep,
  createShop,
  customerToken,
  settled,
  launchBrowser,
  newEmail,
  openPage,
  queuedOrder,
  screenshot,
  screenshotPath,
  staffToken,
} from './support.mjs';

async function display(browser, slug, base = BASE_URL) {
  const opened = await openPage(browser, {
    viewport: VIEWPORTS.display,
    token: await staffToken('display'),
  });
  await opened.page.goto(`${base}/display/${slug}`);
  await settled(opened.page, opened.errors);
  return opened;
}

// What the QR code on the screen says, read by zbarimg from a screenshot.
async function decodeQr(page, name) {
  await screenshot(page, name);
  const { stdout } = await promisify(execFile)('zbarimg', ['--quiet', '--raw', screenshotPath(name)]);
  return stdout.trim();
}


describe('the booth screen', () => {
  let browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  test('its QR code starts an order on a phone, and the drinks left count down', async () => {
    const slug = await createShop({ drinks_per_code: 5 });
    const { page, errors, close } = await display(browser, slug);
    await page.locator('.drinks-left', { hasText: '5 drinks left on this code' }).waitFor();

    const url = await decodeQr(page, 'display-1-code');
    assert.match(url, new RegExp(`/order/${slug}\\?t=[\\w-]+$`));
    const phone = await openPage(browser, {
      viewport: VIEWPORTS.phone,
      token: await customerToken(newEmail('fay')),
    });
    await phone.page.goto(url);
    await settled(phone.page, phone.errors);
    await phone.page.getByRole('heading', { name: 'Choose your drink' }).waitFor();

    await page.locator('.drinks-left', { hasText: '4 drinks left on this code' }).waitFor();
    assert.deepEqual(errors, []);
    await phone.close();
    await close();
  });

  test('the code rotates, and the old one is refused', async () => {
    const slug = await createShop({ code_window_s: 20, code_grace_s: 0 });
    const { page, errors, close } = await display(browser, slug);
    // The code on the screen now, then the one after it.
    await page.locator('.qr svg').waitFor({ timeout: 30_000 });
    const first = new URL(await decodeQr(page, 'display-2-code')).searchParams.get('t');
    await page.getByText(/^New code in \d+ s$/).waitFor({ timeout: 30_000 });
    await screenshot(page, 'display-3-next-code');
    await page.locator('.qr svg').waitFor({ timeout: 30_000 });
    const second = new URL(await decodeQr(page, 'display-4-new-code')).searchParams.get('t');
    assert.notEqual(second, first);

    const customer = await customerToken(newEmail('gus'));
    await assert.rejects(
      apiAs(customer, 'POST', `/shops/${slug}/orders`, { qr_token: first }),
      /422 .*invalid_token/,
    );
    assert.deepEqual(errors, []);
    await close();
  });

  test('orders move from preparing to ready to gone; closing and opening show live', async () => {
    const slug = await createShop({ ready_retention_s: 5 });
    const { page, errors, close } = await display(browser, slug);
    const { order } = await queuedOrder(slug, 'dora', { drink: 'flat-white', choices: ['oat'] });
    const preparing = page.locator('.board.preparing li', { hasText: `#${order.number}` });
    await preparing.waitFor();
    assert.match(await preparing.textContent(), /Flat white/);

    const barista = await staffToken('barista');
    await apiAs(barista, 'POST', `/orders/${order.id}/claim`);
    await page.locator('.board.preparing li.making', { hasText: `#${order.number}` }).waitFor();
    await apiAs(barista, 'POST', `/orders/${order.id}/complete`);
    const ready = page.locator('.board.ready li', { hasText: `#${order.number}` });
    await ready.waitFor();
    await preparing.waitFor({ state: 'detached' });
    await screenshot(page, 'display-5-ready');
    await ready.waitFor({ state: 'detached', timeout: 10_000 });

    await apiAs(barista, 'PUT', `/shops/${slug}/open`, { open: false });
    await page.getByText("We're closed").waitFor();
    assert.equal(await page.locator('.qr svg').count(), 0, 'no code while closed');
    await screenshot(page, 'display-6-closed');
    await apiAs(barista, 'PUT', `/shops/${slug}/open`, { open: true });
    await page.locator('.qr svg').waitFor();
    assert.deepEqual(errors, []);
    await close();
  });

  test('after a keynote: every number stays on the screen, at every size', async () => {
    // 24 orders in flight: 12 queued, 6 being made, 6 ready.
    const slug = await createShop({ capacity: 40, drinks_per_code: 100 });
    const orders = [];
    for (let at = 0; at < 24; at += 1) orders.push((await queuedOrder(slug, `rush${at}`)).order);
    for (const order of orders.slice(0, 6)) await baristaStep(order.id, 'complete');
    for (const order of orders.slice(6, 12)) await baristaStep(order.id, 'claim');

    const { page, errors, close } = await display(browser, slug);
    const sizes = [
      ['1920x1080', VIEWPORTS.display],
      ['1280x720', { width: 1280, height: 720 }],
      ['portrait', { width: 1080, height: 1920 }],
    ];
    for (const [name, viewport] of sizes) {
      await page.setViewportSize(viewport);
      await page.locator('.board.preparing li.making').first().waitFor();
      const numbers = await page.locator('.board .number').evaluateAll((elements) =>
        elements.map((element) => {
          const box = element.getBoundingClientRect();
          const inView =
            box.width > 0 &&
            box.top >= 0 &&
            box.left >= 0 &&
            box.bottom <= window.innerHeight &&
            box.right <= window.innerWidth;
          return { text: element.textContent.trim(), inView };
        }),
      );
      const shown = numbers.filter((number) => number.inView).map((number) => number.text);
      const expected = orders.map((order) => `#${order.number}`);
      assert.deepEqual([...shown].sort(), [...expected].sort(), `${name}: every number in view`);
      assert.equal(await page.locator('.board.preparing li').count(), 18, name);
      assert.equal(await page.locator('.board li.more').count(), 0, name);
      await screenshot(page, `display-7-busy-${name}`);
    }
    assert.deepEqual(errors, []);
    await close();
  });

  test('it recovers from a server restart', { skip: !process.env.CREMA_BIN }, async () => {
    const slug = await createShop();
    const port = Number(new URL(BASE_URL).port) + 1;
    const start = async () => {
      const server = spawn(process.env.CREMA_BIN, [], {
        env: {
          ...process.env,
          CREMA__DEV_MODE: 'true',
          DATABASE_URL: process.env.CREMA_DATABASE_URL,
          LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
        },
        // The site's files are found from the project's root.
        cwd: new URL('../../', import.meta.url).pathname,
        stdio: 'ignore',
      });
      for (let tries = 0; tries < 100; tries += 1) {
        try {
          if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return server;
        } catch {}
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      throw new Error('the second server did not start');
    };
    let server = await start();
    const { page, close } = await display(browser, slug, `http://127.0.0.1:${port}`);
    await page.locator('.qr svg').waitFor();

    // A graceful stop ends the screen's stream; the screen says so and retries.
    server.kill('SIGTERM');
    await once(server, 'exit');
    await page.getByText('Reconnecting…').waitFor();
    // Orders go on through the other server meanwhile.
    const { order } = await queuedOrder(slug, 'dora', { drink: 'flat-white', choices: ['oat'] });
    server = await start();
    await page.locator('.board.preparing li', { hasText: `#${order.number}` }).waitFor({ timeout: 30_000 });
    await page.locator('.qr svg').waitFor();
    await screenshot(page, 'display-7-recovered');
    server.kill('SIGTERM');
    await once(server, 'exit');
    await close();
  });
});
