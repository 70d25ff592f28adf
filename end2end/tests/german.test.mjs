// Crema in German: a shop set to `de` renders its three apps in German, a German browser
// gets German on an English shop, and a German-speaking visitor orders without meeting
// an English word that Crema wrote (the menu's words are the shop's own).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  BASE_URL,
  VIEWPORTS,
  apiAs,
  baristaStep,
  createShop,
  latestCode,
  launchBrowser,
  newEmail,
  openPage,
  qrCode,
  queuedOrder,
  screenshot,
  settled,
  staffToken,
} from './support.mjs';

// English words Crema writes, which no German sentence of Crema's holds.
const ENGLISH =
  /\b(the|your|you|and|order|orders|sign|ready|queue|cancel|choose|drinks?|with|for|of|to|is|are|this|that|scan|left|sold|back|send|open|closed|menu|booth|wait|being|made|pickup|journey|number|change|review|delete|data|none|required|time|minutes|make|done|recall|release|preparing|new|screen|stock|sound|keys|selects|loading)\b/i;

// The shop's own words (its name and its menu's), which stay as the shop wrote them.
async function shopWords(slug) {
  const shop = await apiAs(undefined, 'GET', `/shops/${slug}`);
  const words = [shop.name];
  for (const drink of shop.menu) {
    words.push(drink.name, drink.icon ?? '');
    for (const group of drink.groups) {
      words.push(group.name, ...group.choices.map((choice) => choice.name));
    }
  }
  // Longest first: "Iced latte" goes before "Latte" could split it.
  return words.filter(Boolean).sort((a, b) => b.length - a.length);
}

// Fails naming the English words the page shows or says (its text, its title, the
// names and placeholders of its controls), the shop's own words left out.
async function assertGerman(page, words, where) {
  assert.equal(await page.locator('html').getAttribute('lang'), 'de', where);
  const text = await page.evaluate(() => {
    const said = [...document.querySelectorAll('[aria-label], [placeholder]')].map((element) =>
      [element.getAttribute('aria-label'), element.getAttribute('placeholder')].join(' '),
    );
    return [document.title, document.body.innerText, ...said].join('\n');
  });
  let crema = text;
  for (const word of words) crema = crema.split(word).join(' ');
  const english = crema
    .split('\n')
    .filter((line) => ENGLISH.test(line))
    .map((line) => line.trim());
  assert.deepEqual(english, [], `${where}: English on a German page`);
}

describe('Crema in German', () => {
  let browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  test('a German browser orders in German on an English shop', async () => {
    const slug = await createShop({ name: 'Kaffeestand' });
    const words = await shopWords(slug);
    const { url } = await qrCode(slug);
    const email = newEmail('grete');
    const { page, errors, close } = await openPage(browser, {
      viewport: VIEWPORTS.phone,
      locale: 'de-DE',
    });
    const response = await page.goto(url);
    assert.match(response.headers().vary ?? '', /accept-language/i);
    await settled(page, errors);
    await assertGerman(page, words, 'the scanned code');

    await page.getByLabel('Deine E-Mail-Adresse').fill(email);
    await page.getByRole('button', { name: 'Code schicken' }).click();
    await page.getByText(`Wir haben einen 6-stelligen Code an ${email} geschickt.`).waitFor();
    await assertGerman(page, [email, ...words], 'the code sent');
    await page.getByLabel('Code', { exact: true }).fill('000000');
    await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
    // A refusal in German too.
    await page.getByText(/Der Code stimmt nicht|Für diese Adresse gibt es keinen/).waitFor();
    await page.getByLabel('Code', { exact: true }).fill(await latestCode(email));
    await page.getByRole('button', { name: 'Anmelden', exact: true }).click();

    await page.waitForURL(new RegExp(`/order/${slug}/[0-9a-f-]{36}$`));
    await page.getByRole('heading', { name: 'Wähle dein Getränk' }).waitFor();
    await settled(page, errors);
    await page.locator('.countdown', { hasText: /noch [45]:\d\d$/ }).waitFor();
    await assertGerman(page, words, 'the menu');

    await page.getByRole('radio', { name: /^\W*Latte\b/ }).check();
    await page.getByRole('button', { name: 'Bestellung prüfen' }).click();
    await page.getByText('Milk: wähle 1.').waitFor();
    await assertGerman(page, words, 'a rule broken');
    await page.getByRole('radio', { name: 'Oat milk' }).check();
    await page.getByRole('button', { name: 'Bestellung prüfen' }).click();
    await page.getByRole('heading', { name: 'Prüfe deine Bestellung' }).waitFor();
    await assertGerman(page, words, 'the review');
    await page.getByRole('button', { name: 'Bestellen', exact: true }).click();

    await page.getByRole('heading', { name: 'In der Warteschlange' }).waitFor();
    await assertGerman(page, words, 'queued');
    const id = new URL(page.url()).pathname.split('/').pop();
    await baristaStep(id, 'claim');
    await page.getByRole('heading', { name: 'Wird zubereitet' }).waitFor();
    await baristaStep(id, 'complete');
    await page.getByRole('heading', { name: 'Abholbereit!' }).waitFor();
    await page.locator('.journey').getByText(/ist fertig: Hol es an der Theke ab\./).waitFor();
    // The journey's first steps, read at load, are written from their events too.
    await page.locator('.journey').getByText(/Die Bestellung bei Kaffeestand hat begonnen/).waitFor();
    await assertGerman(page, words, 'ready');
    await screenshot(page, 'german-customer-ready');

    // Reloaded, the server renders the same German page.
    await page.reload();
    await settled(page, errors);
    await page.getByRole('heading', { name: 'Abholbereit!' }).waitFor();
    await assertGerman(page, words, 'ready, reloaded');
    assert.deepEqual(errors, []);
    await close();
  });

  test('a shop set to German renders its three apps in German', async () => {
    const slug = await createShop({ name: 'Kaffeestand', language: 'de' });
    const words = await shopWords(slug);
    await queuedOrder(slug, 'hans');

    // A browser in a language Crema lacks gets the shop's.
    const customer = await openPage(browser, { viewport: VIEWPORTS.phone, locale: 'fr-FR' });
    await customer.page.goto(`${BASE_URL}/order/${slug}`);
    await settled(customer.page, customer.errors);
    await customer.page.getByText('Zur Karte').click();
    await assertGerman(customer.page, words, 'the customer app');
    await screenshot(customer.page, 'german-customer-welcome');
    assert.deepEqual(customer.errors, []);
    await customer.close();

    // One whose first language Crema has gets it: the browser's comes first.
    const english = await openPage(browser, { viewport: VIEWPORTS.phone, locale: 'en-GB' });
    await english.page.goto(`${BASE_URL}/order/${slug}`);
    await settled(english.page, english.errors);
    assert.equal(await english.page.locator('html').getAttribute('lang'), 'en');
    await english.page.getByText('See the menu').waitFor();
    await english.close();

    // The staff apps speak the shop's language, whatever the browser's.
    const barista = await openPage(browser, {
      viewport: VIEWPORTS.tablet,
      locale: 'en-US',
      token: await staffToken('barista'),
    });
    await barista.page.goto(`${BASE_URL}/barista/${slug}`);
    await settled(barista.page, barista.errors);
    await barista.page.getByRole('heading', { name: /^Neu/ }).waitFor();
    await barista.page.getByRole('button', { name: 'Zubereiten' }).click();
    await barista.page.getByRole('button', { name: 'Fertig', exact: true }).waitFor();
    await barista.page.locator('summary', { hasText: 'Vorrat' }).click();
    await assertGerman(barista.page, words, 'the barista board');
    await screenshot(barista.page, 'german-barista');
    assert.deepEqual(barista.errors, []);
    await barista.close();

    const display = await openPage(browser, {
      viewport: VIEWPORTS.display,
      locale: 'en-US',
      token: await staffToken('display'),
    });
    await display.page.goto(`${BASE_URL}/display/${slug}`);
    await settled(display.page, display.errors);
    await display.page.getByRole('heading', { name: 'In Zubereitung' }).waitFor();
    await display.page.getByText(/Getränke übrig auf diesem Code/).waitFor();
    await assertGerman(display.page, words, 'the booth screen');
    await screenshot(display.page, 'german-display');
    assert.deepEqual(display.errors, []);
    await display.close();
  });
});
