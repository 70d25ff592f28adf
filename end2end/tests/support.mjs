// Shared by the end-to-end tests: the browser, pages that fail on any error, screenshots.
import { mkdir } from 'node:fs/promises';
import { chromium } from 'playwright-core';

export const BASE_URL = process.env.CREMA_URL ?? 'http://127.0.0.1:3000';

export const VIEWPORTS = {
  phone: { width: 390, height: 844 },
  tablet: { width: 1024, height: 768 },
  display: { width: 1920, height: 1080 },
};

const SCREENSHOTS = new URL('../screenshots/', import.meta.url);

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

// A page in its own context that records every page error and console error, so a
// test can assert that the page stayed healthy (a hydration crash shows up here).
export async function openPage(browser, { viewport, javaScriptEnabled = true }) {
  const context = await browser.newContext({ viewport, javaScriptEnabled });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console error: ${message.text()}`);
  });
  // Without JavaScript, Chromium refuses the script requests on purpose.
  if (javaScriptEnabled) {
    page.on('requestfailed', (request) => errors.push(`request failed: ${request.url()}`));
  }
  return { page, errors, close: () => context.close() };
}

// Resolves once the wasm has taken over the server-rendered page; otherwise fails with
// the page's errors (a hydration mismatch, say).
export async function hydrated(page, errors) {
  try {
    await page.waitForSelector('body[data-hydrated]', { state: 'attached', timeout: 20_000 });
  } catch (timeout) {
    throw new Error(`the page did not hydrate:\n${errors.join('\n') || timeout.message}`);
  }
}

export async function screenshot(page, name) {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: new URL(`${name}.png`, SCREENSHOTS).pathname, fullPage: true });
}
