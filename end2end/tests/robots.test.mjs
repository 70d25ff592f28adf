// The booth comes alive on its own: robots started from the console move the barista
// board, the booth screen and the live picture of how it works; a recorded day replayed
// from the console says whether the booth kept up; and a customer's receipt leads to
// their order's path through the workflow.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  BASE_URL,
  VIEWPORTS,
  apiAs,
  baristaStep,
  createShop,
  launchBrowser,
  openPage,
  queuedOrder,
  screenshot,
  settled,
  staffToken,
} from './support.mjs';
import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

async function opened(browser, viewport, path, token) {
  const page = await openPage(browser, { viewport, token });
  await page.page.goto(`${BASE_URL}${path}`);
  await settled(page.page, page.errors);
  return page;
}

// Today's orders in `state`, as the picture counts them.
async function counted(page, state) {
  const text = await page.locator(`.how-node[data-state="${state}"] .how-count`).textContent();
  return Number(text);
}

async function until(what, check, timeout = 30_000) {
  const deadline = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('robots, replays and how it works', () => {
  let browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  test('robots started from the console move the board, the screen and the picture', async () => {
    const slug = await createShop({ capacity: 100, drinks_per_code: 1000, how_it_works: true });
    const admin = await staffToken('admin');
    const barista = await opened(browser, VIEWPORTS.tablet, `/barista/${slug}`, await staffToken('barista'));
    const screen = await opened(browser, VIEWPORTS.display, `/display/${slug}`, await staffToken('display'));
    // Anyone may watch how it works: no session.
    const how = await opened(browser, VIEWPORTS.display, `/how/${slug}`);
    await how.page.getByText('Live', { exact: true }).waitFor();
    assert.equal(await counted(how.page, 'ready'), 0);

    const console = await opened(browser, { width: 1366, height: 900 }, '/admin', admin);
    const card = console.page.locator('.console-shop', { hasText: slug });
    await card.getByText('Robots and replays', { exact: true }).click();
    await card.getByLabel('Customers a minute').fill('60');
    await card.getByLabel('Seconds to make a drink').fill('4');
    await card.getByLabel('Minutes to run').fill('1');
    await card.getByRole('button', { name: 'Start the robots' }).click();
    await card.locator('.simulation-status', { hasText: 'Running' }).waitFor();

    // The board and the screen move with the robots' orders, badged.
    await barista.page.locator('.card .card-robot').first().waitFor({ timeout: 20_000 });
    await screen.page.locator('.board .board-robot').first().waitFor({ timeout: 20_000 });
    // The picture counts them and names what acted.
    await until('a ready robot order counted', async () => (await counted(how.page, 'ready')) > 0);
    await how.page.locator('.how-stream li', { hasText: 'Robot' }).first().waitFor();
    await how.page.locator('.how-edge.lit').first().waitFor({ timeout: 10_000 });
    await screenshot(barista.page, 'robots-barista');
    await screenshot(screen.page, 'robots-display');
    await screenshot(how.page, 'how-display');
    await card.locator('.simulation-timeline').waitFor({ timeout: 10_000 });
    await screenshot(console.page, 'robots-console');
    const phone = await opened(browser, VIEWPORTS.phone, `/how/${slug}`);
    await screenshot(phone.page, 'how-phone');

    await card.getByRole('button', { name: 'Stop the robots' }).click();
    await card.locator('.simulation-status', { hasText: 'Ended' }).waitFor({ timeout: 15_000 });
    assert.equal((await apiAs(admin, 'GET', `/shops/${slug}/simulation`)).state, 'ended');

    // The day so far, replayed from the console at 60×: whether the booth kept up.
    const exported = await fetch(`${BASE_URL}/api/v1/shops/${slug}/orders.csv?robots=true`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    assert.equal(exported.status, 200);
    const dir = await mkdtemp(join(tmpdir(), 'crema-replay-'));
    const file = join(dir, 'orders.csv');
    await writeFile(file, await exported.text());
    await card.getByLabel('An orders.csv export (the report\'s)').setInputFiles(file);
    await card.getByLabel('Speed (1–60 times)').fill('60');
    await card.getByRole('button', { name: 'Replay it' }).click();
    await card.locator('.simulation-status', { hasText: 'Replay of' }).waitFor();
    await card.locator('.simulation-status', { hasText: 'Ended' }).waitFor({ timeout: 60_000 });
    await card.locator('.simulation-verdict', { hasText: /Kept up|Fell behind/ }).waitFor();
    await screenshot(console.page, 'replay-console');
    await rm(dir, { recursive: true, force: true });

    for (const { errors, close } of [barista, screen, how, console, phone]) {
      assert.deepEqual(errors, []);
      await close();
    }
  });

  test('a receipt leads to the order\'s path through the workflow', async () => {
    const slug = await createShop({ capacity: 20, drinks_per_code: 100 });
    const { token, order } = await queuedOrder(slug, 'path');
    await baristaStep(order.id, 'claim');
    await baristaStep(order.id, 'complete');
    const phone = await opened(browser, VIEWPORTS.phone, `/order/${slug}/${order.id}`, token);
    await phone.page.getByRole('link', { name: 'See its path through the workflow' }).click();
    await phone.page.waitForURL(`**/how/${slug}/${order.id}`);
    await settled(phone.page, phone.errors);
    const stays = phone.page.locator('.how-path li');
    assert.deepEqual(
      await stays.evaluateAll((items) => items.map((item) => item.dataset.state)),
      ['awaiting_drink', 'queued', 'making', 'ready'],
    );
    assert.equal(await phone.page.locator('.how-node.marked').count(), 4);
    assert.ok((await phone.page.locator('.how-edge.lit').count()) >= 4);
    await screenshot(phone.page, 'how-order-path');
    // The shop does not show how it works: the live picture is not for anyone.
    const hidden = await (await fetch(`${BASE_URL}/how/${slug}`)).text();
    assert.match(hidden, /This booth does not show how it works\./);
    assert.deepEqual(phone.errors, []);
    await phone.close();
  });
});
