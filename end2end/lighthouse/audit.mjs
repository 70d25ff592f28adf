// Lighthouse's accessibility audit of each customer page, on a phone, in the same
// Chromium as the browser tests: prints each page's score and every audit that failed;
// exits non-zero unless every page scores 100.
//
//   CREMA_URL=http://127.0.0.1:3000 node lighthouse/audit.mjs
//
// scripts/lighthouse runs it against a release build on a fresh database.
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import {
  BASE_URL,
  CHROMIUM,
  apiAs,
  createShop,
  customerToken,
  newEmail,
  qrCode,
} from '../tests/support.mjs';

// Each customer page as a visitor meets it: `cookie` signs the visitor in; `language`
// is the browser's, for the pages in German.
async function customerPages() {
  const slug = await createShop();
  const signedIn = async (name) => `crema_session=${await customerToken(newEmail(name))}`;
  const start = async (cookie) => {
    const token = cookie.split('=')[1];
    const { token: qr } = await qrCode(slug);
    return apiAs(token, 'POST', `/shops/${slug}/orders`, { qr_token: qr });
  };

  const choosing = await signedIn('lh-menu');
  const menu = await start(choosing);
  const queuedBy = await signedIn('lh-queued');
  const queued = await start(queuedBy);
  await apiAs(queuedBy.split('=')[1], 'PUT', `/orders/${queued.id}/drink`, {
    drink: 'latte',
    choices: ['oat', 'vanilla'],
  });
  return [
    { name: 'the scanned code, signed out', url: (await qrCode(slug)).url },
    { name: 'the menu', url: `${BASE_URL}/order/${slug}/${menu.id}`, cookie: choosing },
    { name: 'an order in the queue', url: `${BASE_URL}/order/${slug}/${queued.id}`, cookie: queuedBy },
    { name: 'your orders', url: `${BASE_URL}/order/${slug}`, cookie: queuedBy },
    { name: 'a code that expired', url: `${BASE_URL}/order/${slug}?t=expired`, cookie: choosing },
    { name: 'the menu, in German', url: `${BASE_URL}/order/${slug}/${menu.id}`, cookie: choosing, language: 'de-DE' },
    { name: 'an order in the queue, in German', url: `${BASE_URL}/order/${slug}/${queued.id}`, cookie: queuedBy, language: 'de-DE' },
  ];
}

const chrome = await chromeLauncher.launch({
  chromePath: CHROMIUM.executablePath,
  chromeFlags: CHROMIUM.args,
});
let below = 0;
try {
  for (const page of await customerPages()) {
    const { lhr } = await lighthouse(page.url, {
      port: chrome.port,
      onlyCategories: ['accessibility'],
      formFactor: 'mobile',
      screenEmulation: { mobile: true, width: 390, height: 844, deviceScaleFactor: 3, disabled: false },
      extraHeaders: {
        ...(page.cookie && { Cookie: page.cookie }),
        ...(page.language && { 'Accept-Language': page.language }),
      },
      logLevel: 'error',
    });
    const score = Math.round(lhr.categories.accessibility.score * 100);
    console.log(`${String(score).padStart(3)}  ${page.name}`);
    for (const ref of lhr.categories.accessibility.auditRefs) {
      const audit = lhr.audits[ref.id];
      if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
        console.log(`       ${audit.id}: ${audit.title}`);
      }
    }
    if (score < 100) below += 1;
  }
} finally {
  await chrome.kill();
}
if (below > 0) {
  console.error(`${below} customer page(s) below 100`);
  process.exit(1);
}
