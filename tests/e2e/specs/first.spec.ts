import { expect, Page, test } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';
import { playWithKeys, replies, review } from '../support/practice';

// The first-call app (issue 15): Home and Practice in a wasm of their own, so that a first visit
// downloads what a first practice call runs and nothing else. The whole app (trainer, assessment,
// progress, the pack importer, SCORM and xAPI) starts at every other address, and wherever this
// browser keeps data only it reads. Each test starts in a new browser context: an empty cache, no
// service worker, nothing stored.

/** The wasm files this page has downloaded, by path. */
const wasmFiles = (page: Page) =>
  page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => new URL(e.name).pathname)
      .filter((p) => p.endsWith('.wasm')),
  );
const FIRST = /^\/composure-first-[0-9a-f]{16}_bg\.wasm$/;
const WHOLE = /^\/composure-app-[0-9a-f]{16}_bg\.wasm$/;

test('a first visit to Home and a whole practice call downloads the first-call app only', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.evaluate(() => localStorage.setItem('composure.prefs', JSON.stringify({ typing: false })));
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Practice' }).click();
  await expect(page.getByRole('heading', { name: 'Practice', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Start call' }).click();
  await expect(replies(page).first()).toBeVisible();
  expect(await playWithKeys(page, '1')).toBeGreaterThan(0);
  await expect(review(page)).toBeVisible();
  const wasm = await wasmFiles(page);
  expect(wasm, wasm.join(', ')).toHaveLength(1);
  expect(wasm[0]).toMatch(FIRST);
});

for (const [link, address] of [
  ['Progress', '/progress'],
  ['Trainer', '/trainer'],
  ['Assessment', '/assessment'],
] as const) {
  test(`the ${link} link from the first-call app opens ${address} in the whole app`, async ({ page }) => {
    await page.goto('/practice');
    await expect(page.getByRole('combobox', { name: 'Campaign' })).toBeVisible();
    expect(await wasmFiles(page)).toEqual([expect.stringMatching(FIRST)]);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link }).click();
    await expect(page.getByRole('heading', { name: link, level: 1 })).toBeVisible();
    expect(new URL(page.url()).pathname).toBe(address);
    expect(await wasmFiles(page)).toEqual([expect.stringMatching(WHOLE)]);
    // Inside the whole app, Home and Practice are client-side navigations: nothing reloads.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Practice' }).click();
    await expect(page.getByRole('heading', { name: 'Practice', level: 1 })).toBeVisible();
    expect(await wasmFiles(page)).toEqual([expect.stringMatching(WHOLE)]);
  });
}

test('a browser that keeps an imported pack opens Practice in the whole app, with the pack offered', async ({ page }) => {
  const doc = fs.readFileSync(path.join(__dirname, '../../../docs/content-format.md'), 'utf8');
  const start = doc.indexOf('```toml\n') + '```toml\n'.length;
  const pack = doc.slice(start, doc.indexOf('```', start));
  await page.goto('/trainer');
  await page.getByLabel('Import pack').setInputFiles({ name: 'greenleaf.toml', mimeType: 'text/plain', buffer: Buffer.from(pack) });
  await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toBeVisible();

  // A new tab (a new page in the same browser): /practice starts the first-call app, which sees
  // the stored pack and hands the tab over to the whole app before it shows anything.
  const tab = await page.context().newPage();
  await tab.goto('/practice');
  const campaign = tab.getByLabel('Campaign', { exact: true });
  await expect(campaign.getByRole('option', { name: /Greenleaf/ })).toHaveCount(1);
  expect(new URL(tab.url()).pathname).toBe('/practice');
  expect(await wasmFiles(tab)).toEqual([expect.stringMatching(WHOLE)]);
  // The tab remembers it: Home, loaded again, starts the whole app at once.
  await tab.goto('/');
  await expect(tab.getByRole('heading', { level: 1 })).toBeVisible();
  expect(await wasmFiles(tab)).toEqual([expect.stringMatching(WHOLE)]);
});

test('a browser with xAPI statements still to send starts the whole app', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(await wasmFiles(page)).toEqual([expect.stringMatching(FIRST)]);
  // A queue as the whole app writes it, with one statement for an LRS that is not there.
  await page.evaluate(() =>
    localStorage.setItem(
      'composure.xapi-outbox',
      JSON.stringify({
        schema: 1,
        pending: [{ endpoint: 'http://127.0.0.1:9/xAPI/', auth: '', statement: {} }],
        queued: {},
      }),
    ),
  );
  const tab = await page.context().newPage();
  await tab.goto('/');
  await expect(tab.getByRole('heading', { level: 1 })).toBeVisible();
  expect(await wasmFiles(tab)).toEqual([expect.stringMatching(WHOLE)]);
});
