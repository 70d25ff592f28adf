// Keys alone: a customer signs in, chooses a drink with its options and orders without a
// mouse; a barista makes and completes an order by typing its number and a step's key, as
// a bump bar does; at 320 px wide with text at 200 %, every control stays usable.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  BASE_URL,
  VIEWPORTS,
  apiAs,
  createShop,
  launchBrowser,
  latestCode,
  newEmail,
  openPage,
  qrCode,
  queuedOrder,
  screenshot,
  settled,
  staffToken,
} from './support.mjs';

// Whether `locator`'s element holds the keyboard's focus.
function focused(locator) {
  return locator.evaluate((element) => element === document.activeElement);
}

// Presses `key` until `locator` holds the focus (at most `times`).
async function pressUntilFocused(page, key, locator, times = 40) {
  for (let pressed = 0; pressed < times; pressed += 1) {
    if (await focused(locator)) return;
    await page.keyboard.press(key);
  }
  assert.fail(`${key} never reached ${locator}`);
}

// Waits until `locator`'s element holds the focus; the element may be drawn anew meanwhile.
async function waitForFocus(page, locator, timeout = 10_000) {
  const until = Date.now() + timeout;
  while (!(await focused(locator).catch(() => false))) {
    if (Date.now() > until) assert.fail(`${locator} never took the focus`);
    await page.waitForTimeout(50);
  }
}

describe('by keyboard alone', () => {
  let browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  test('a customer signs in, chooses a drink with its options and orders', async () => {
    const slug = await createShop();
    const { url } = await qrCode(slug);
    const { page, errors, close } = await openPage(browser, { viewport: VIEWPORTS.phone });
    await page.goto(url);
    await settled(page, errors);

    const email = newEmail('kim');
    await pressUntilFocused(page, 'Tab', page.getByLabel('Your e-mail address'));
    await page.keyboard.type(email);
    await page.keyboard.press('Enter');
    // The code's field takes the focus once it is shown.
    await waitForFocus(page, page.getByLabel('Code', { exact: true }));
    await page.keyboard.type(await latestCode(email));
    await page.keyboard.press('Enter');

    // Signed in, the menu's heading has the focus: reading goes on from there.
    await waitForFocus(page, page.getByRole('heading', { name: 'Choose your drink' }));
    // Into the drinks (a radio group), then by arrows to the latte.
    await pressUntilFocused(page, 'Tab', page.getByRole('radio', { name: /^\W*Espresso\b/ }));
    await pressUntilFocused(page, 'ArrowDown', page.getByRole('radio', { name: /^\W*Latte\b/ }));
    assert.equal(await page.getByRole('radio', { name: /^\W*Latte\b/ }).isChecked(), true);
    // Its milk, by arrows (soy is sold out and skipped), and a syrup, by Space.
    await pressUntilFocused(page, 'Tab', page.getByRole('radio', { name: 'Whole milk' }));
    await pressUntilFocused(page, 'ArrowDown', page.getByRole('radio', { name: 'Oat milk' }));
    await pressUntilFocused(page, 'Tab', page.getByRole('checkbox', { name: 'Vanilla' }));
    await page.keyboard.press('Space');
    assert.equal(await page.getByRole('checkbox', { name: 'Vanilla' }).isChecked(), true);

    await pressUntilFocused(page, 'Tab', page.getByRole('button', { name: 'Review my order' }));
    await page.keyboard.press('Enter');
    await waitForFocus(page, page.getByRole('heading', { name: 'Check your order' }));
    await screenshot(page, 'keyboard-customer-review');
    await pressUntilFocused(page, 'Tab', page.getByRole('button', { name: 'Order', exact: true }));
    await page.keyboard.press('Enter');

    // The status takes the focus, and the page's live region says it.
    await waitForFocus(page, page.getByRole('heading', { name: 'In the queue' }));
    assert.match(await page.locator('.status-region[role="status"]').textContent(), /In the queue/);
    await screenshot(page, 'keyboard-customer-queued');
    const id = new URL(page.url()).pathname.split('/').pop();
    const order = await apiAs(await staffToken('barista'), 'GET', `/orders/${id}`);
    assert.equal(order.drink, 'latte');
    assert.deepEqual(order.choices, ['oat', 'vanilla']);

    assert.deepEqual(errors, []);
    await close();
  });

  test('a barista selects an order by its number and steps it with M, D, R and H', async () => {
    const slug = await createShop();
    const { token, order } = await queuedOrder(slug, 'lee');
    const { page, errors, close } = await openPage(browser, {
      viewport: VIEWPORTS.tablet,
      token: await staffToken('barista'),
    });
    await page.goto(`${BASE_URL}/barista/${slug}`);
    await settled(page, errors);
    await page.getByText('Live', { exact: true }).waitFor();
    const card = (lane) => page.locator(`.lane.${lane} .card[data-order="${order.id}"]`);
    await card('new').waitFor();

    // A number that is not on the board is said so.
    await page.keyboard.type('9999');
    await page.getByText('Order #9999 — Enter to select').waitFor();
    await page.keyboard.press('Enter');
    await page.getByText('No order #9999 on the board.').waitFor();

    await page.keyboard.type(String(order.number));
    await page.keyboard.press('Enter');
    await waitForFocus(page, card('new'));
    await screenshot(page, 'keyboard-barista-selected');

    // The focus follows the order from lane to lane, each step done before the next key.
    const step = async (key, lane, state) => {
      await page.keyboard.press(key);
      await waitForFocus(page, card(lane));
      for (let tries = 0; (await apiAs(token, 'GET', `/orders/${order.id}`)).state !== state; tries += 1) {
        assert.ok(tries < 100, `the order never became ${state}`);
        await page.waitForTimeout(50);
      }
    };
    await step('m', 'making', 'making');
    await step('d', 'ready', 'ready');
    await step('r', 'making', 'making');
    await step('d', 'ready', 'ready');
    // Handed over, it leaves the board.
    await page.keyboard.press('h');
    await card('ready').waitFor({ state: 'detached' });
    for (let tries = 0; !(await apiAs(token, 'GET', `/orders/${order.id}`)).picked_up_at; tries += 1) {
      assert.ok(tries < 100, 'the order was never handed over');
      await page.waitForTimeout(50);
    }

    assert.deepEqual(errors, []);
    await close();
  });

  test('at 320 px wide with text at 200 %, every control stays on screen and usable', async () => {
    const slug = await createShop();
    const { url } = await qrCode(slug);
    const { page, errors, close } = await openPage(browser, { viewport: { width: 320, height: 640 } });
    const zoomText = () => page.evaluate(() => (document.documentElement.style.fontSize = '200%'));
    // Nothing wider than the screen: no sideways scrolling, no control cut off.
    const fits = async (name) => {
      await zoomText();
      const overflow = await page.evaluate(() => {
        const width = document.documentElement.clientWidth;
        const outside = (element) => {
          const box = element.getBoundingClientRect();
          return element.checkVisibility() && (box.left < 0 || box.right > width + 1);
        };
        // The innermost elements past the edge, controls or not.
        const cut = [...document.body.querySelectorAll('*')]
          .filter((element) => outside(element) && ![...element.children].some(outside))
          .map((element) => {
            const box = element.getBoundingClientRect();
            return `${element.outerHTML.slice(0, 60)} at ${Math.round(box.left)}..${Math.round(box.right)}`;
          });
        return { scroll: document.documentElement.scrollWidth - width, cut };
      });
      assert.deepEqual(overflow, { scroll: 0, cut: [] }, name);
      await screenshot(page, `zoom-200-${name}`);
    };

    await page.goto(url);
    await settled(page, errors);
    await fits('sign-in');
    await page.getByText('See the menu').click();
    await fits('sign-in-menu');
    await page.getByText('See the menu').click();
    const email = newEmail('zoe');
    await page.getByLabel('Your e-mail address').fill(email);
    await page.getByRole('button', { name: 'Send me a code' }).click();
    await page.getByLabel('Code', { exact: true }).fill(await latestCode(email));
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'Choose your drink' }).waitFor();
    await page.getByRole('radio', { name: /^\W*Latte\b/ }).check();
    await page.getByRole('radio', { name: 'Oat milk' }).check();
    await fits('menu');
    await page.getByRole('button', { name: 'Review my order' }).click();
    await page.getByRole('button', { name: 'Order', exact: true }).click();
    await page.getByRole('heading', { name: 'In the queue' }).waitFor();
    await fits('queued');

    assert.deepEqual(errors, []);
    await close();
  });
});
