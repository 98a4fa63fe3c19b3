import { expect, Page, test } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';

// The bad-input corpus in the browser: each import names the problem, stored data is
// unchanged, and markup in imported text is shown as text, never run.

const corpus = (name: string) => fs.readFileSync(path.join(__dirname, '../../corpus', name));
const storage = (page: Page) =>
  page.evaluate(() => Object.fromEntries(Object.keys(localStorage).sort().map((k) => [k, localStorage.getItem(k)])));

test('broken files are refused by name and change nothing stored', async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => {
    localStorage.clear();
    localStorage.setItem('composure.prefs', JSON.stringify({ typing: false }));
  });
  await page.goto('/trainer');
  await expect(page.getByRole('heading', { name: 'Trainer', level: 1 })).toBeVisible();
  const before = await storage(page);
  const cases: [string, string, string][] = [
    ['Import pack', 'pack-syntax-error.toml', 'The pack was not imported'],
    ['Import pack', 'pack-future-format.toml', 'The pack was not imported'],
    ['Import results', 'result-truncated.json', 'cut short'],
    ['Import results', 'result-not-json.json', 'not valid Composure data'],
    ['Import results', 'result-wrong-kind.json', 'persona set file'],
    ['Import results', 'result-future-schema.json', 'schema version 3'],
    ['Import set', 'set-future-schema.json', 'schema version 99'],
    ['Import set', 'set-truncated.json', 'cut short'],
    ['Import set', 'set-bad-difficulty.json', 'difficulty 9'],
  ];
  for (const [control, file, message] of cases) {
    await page.getByLabel(control).setInputFiles({ name: file, mimeType: 'text/plain', buffer: corpus(file) });
    await expect(page.getByRole('alert').filter({ hasText: message }).first(), `${file}`).toBeVisible();
  }
  expect(await storage(page)).toEqual(before);
});

test('a link with broken encoding is refused with a clear message', async ({ page }) => {
  const payload = corpus('link-broken-encoding.txt').toString().trim();
  await page.goto(`/assessment?set=${encodeURIComponent(payload)}`);
  await expect(page.getByRole('alert').first()).toContainText(/link/i);
});

test('markup in every text field of a pack is shown as text, never run', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  await page.goto('/');
  await page.evaluate(() => {
    localStorage.clear();
    localStorage.setItem('composure.prefs', JSON.stringify({ typing: false, hints: true }));
  });
  await page.goto('/trainer');
  await page.getByLabel('Import pack').setInputFiles({ name: 'markup.toml', mimeType: 'text/plain', buffer: corpus('pack-markup-everywhere.toml') });
  await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toBeVisible();
  await page.getByRole('link', { name: 'Practice' }).click();
  const campaign = page.getByLabel('Campaign', { exact: true });
  await campaign.selectOption({ label: '<img src=x onerror=alert(1)><b>Greenleaf Foods: two-minute shopper survey' });
  await page.getByRole('button', { name: 'Start call' }).click();
  const log = page.getByRole('log', { name: 'Transcript' });
  await expect(log).toContainText('<script>alert(1)</script>');
  await page.getByRole('button', { name: 'Show hint' }).click();
  await expect(page.getByRole('note')).toContainText('<img src=x onerror=alert(1)>');
  await expect(page.getByRole('group', { name: 'Your reply' }).getByRole('button').first()).toContainText('<img src=x');
  // No image or inline script came from the pack (the page's own inline scripts are its module
  // loader, which has a type, and the script that picks the app, #app-loader).
  expect(await page.locator('img[src="x"], script:not([src]):not([type]):not(#app-loader)').count()).toBe(0);
  expect(dialogs).toEqual([]);
});
