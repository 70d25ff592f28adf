// Signing in: customers by e-mail code (read from the dev mailbox), staff by password,
// and a customer refused by a staff app.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  BASE_URL,
  DEMO_PASSWORD,
  VIEWPORTS,
  customerToken,
  settled,
  latestCode,
  launchBrowser,
  openPage,
  screenshot,
} from './support.mjs';

describe('signing in', () => {
  let browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  test('a customer signs in with a code from the dev mailbox, and out again', async () => {
    const email = `guest-${Date.now()}@example.org`;
    const { page, errors, close } = await openPage(browser, { viewport: VIEWPORTS.phone });
    await page.goto(`${BASE_URL}/order/demo`);
    await settled(page, errors);

    await page.getByLabel('Your e-mail address').fill(email);
    await screenshot(page, 'customer-sign-in-email');
    await page.getByRole('button', { name: 'Send me a code' }).click();
    await page.getByText(`We sent a 6-digit code to ${email}`).waitFor();
    await page.getByLabel('Code').fill(await latestCode(email));
    await screenshot(page, 'customer-sign-in-code');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();

    await page.getByText(`Signed in as ${email}`).waitFor();
    await screenshot(page, 'customer-signed-in');
    await page.reload();
    await settled(page, errors);
    await page.getByText(`Signed in as ${email}`).waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Your e-mail address').waitFor();
    assert.deepEqual(errors, []);
    await close();
  });

  test('a wrong code is explained next to the form', async () => {
    const email = `typo-${Date.now()}@example.org`;
    const { page, errors, close } = await openPage(browser, { viewport: VIEWPORTS.phone });
    await page.goto(`${BASE_URL}/order/demo`);
    await settled(page, errors);
    await page.getByLabel('Your e-mail address').fill(email);
    await page.getByRole('button', { name: 'Send me a code' }).click();
    await page.getByText(`We sent a 6-digit code to ${email}`).waitFor();
    const code = await latestCode(email);

    await page.getByLabel('Code').fill(code === '000000' ? '000001' : '000000');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();

    await page.getByRole('alert').getByText('That code is not right').waitFor();
    await screenshot(page, 'customer-sign-in-wrong-code');
    await close();
  });

  test('a barista signs in to the board', async () => {
    const { page, errors, close } = await openPage(browser, { viewport: VIEWPORTS.tablet });
    const response = await page.goto(`${BASE_URL}/barista/demo`);
    assert.equal(response.status(), 401);
    await settled(page, errors);
    await screenshot(page, 'barista-sign-in');

    await page.getByLabel('Username').fill('barista');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText("don't match an account").waitFor();

    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Signed in as barista').waitFor();
    await page.getByRole('heading', { name: 'Crema demo booth' }).waitFor();
    await screenshot(page, 'barista-signed-in');
    assert.deepEqual(errors, []);
    await close();
  });

  test('a customer who opens the barista app is refused', async () => {
    const token = await customerToken(`nosy-${Date.now()}@example.org`);
    const { page, errors, close } = await openPage(browser, { viewport: VIEWPORTS.tablet, token });

    const response = await page.goto(`${BASE_URL}/barista/demo`);

    assert.equal(response.status(), 403);
    await settled(page, errors);
    await page.getByRole('heading', { name: 'Not for this account' }).waitFor();
    assert.equal(await page.getByText('Crema demo booth').count(), 0, 'no board shown');
    await screenshot(page, 'barista-refuses-customer');
    assert.deepEqual(errors, []);
    await close();
  });
});
