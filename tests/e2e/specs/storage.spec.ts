import { expect, Page, test } from '@playwright/test';

// What is kept in the browser, damaged as a full disk, an old tab or a curious user would damage
// it: every entry that cannot be used is set aside or left in place, never lost, and the page
// says so in words. Found by role and name, as a person would.

const setAsideKeys = (page: Page) =>
  page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('composure.set-aside.')).sort());

async function seed(page: Page, entries: Record<string, string>) {
  await page.goto('/');
  await page.evaluate((e) => {
    localStorage.clear();
    for (const [k, v] of Object.entries(e)) localStorage.setItem(k, v);
  }, entries);
}

test('damaged sets and packs are set aside and reported, and the rest still loads', async ({ page }) => {
  await seed(page, {
    'composure.set.000000000000001-1': '{"schema":1,"kind":"composure-set","set":',
    'composure.pack.broken-json': 'not json at all',
  });
  await page.goto('/trainer');
  const alerts = page.getByRole('alert').filter({ hasText: 'could not be read' });
  await expect(alerts).toHaveCount(1);
  await expect(alerts).toContainText('composure.set-aside.composure.set.000000000000001-1.1');
  await expect(alerts).toContainText('composure.set-aside.composure.pack.broken-json.1');
  expect(await setAsideKeys(page)).toEqual([
    'composure.set-aside.composure.pack.broken-json.1',
    'composure.set-aside.composure.set.000000000000001-1.1',
  ]);
  // The text is kept exactly as it was.
  expect(await page.evaluate(() => localStorage.getItem('composure.set-aside.composure.pack.broken-json.1'))).toBe('not json at all');
  // The page still works, and the notice can be dismissed.
  await expect(page.getByRole('button', { name: 'New persona set' })).toBeVisible();
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await expect(alerts).toHaveCount(0);
});

test('a stored pack that no longer loads is listed on Trainer with its reason and is not offered in Practice', async ({ page }) => {
  await seed(page, {
    'composure.pack.gone-wrong': JSON.stringify({ file: 'gone-wrong.toml', source: 'format = 1\n[campaign]\nid = "gone-wrong"\n' }),
  });
  await page.goto('/trainer');
  await expect(page.getByText(/^gone-wrong \(gone-wrong\.toml\) cannot be loaded: /)).toBeVisible();
  await page.goto('/practice');
  // The campaigns arrive after the page (their data files are fetched): wait for the list.
  await expect(page.getByRole('combobox', { name: 'Campaign' })).toBeVisible();
  const options = await page.getByRole('combobox', { name: 'Campaign' }).getByRole('option').allInnerTexts();
  expect(options).toHaveLength(5);
  expect(options.join(' ')).not.toContain('gone-wrong');
});

test('settings out of range fall back to their defaults, say so, and the form shows what a call will use', async ({ page }) => {
  await seed(page, {
    'composure.prefs': JSON.stringify({ difficulty: 99, customer: 'nobody', reply_limit_s: 25, typing: false }),
  });
  await page.goto('/practice');
  const notice = page.getByRole('alert').filter({ hasText: 'is not valid' });
  await expect(notice).toContainText('difficulty 99');
  await expect(notice).toContainText('customer “nobody”');
  await expect(notice).toContainText('reply time limit 25 s');
  await expect(page.getByLabel('Difficulty')).toHaveValue('2');
  await expect(page.getByLabel('Customer')).toHaveValue('random');
  await expect(page.getByLabel('Reply time limit')).toHaveValue('0');
  await page.getByRole('button', { name: 'Start call' }).click();
  await expect(page.getByRole('group', { name: 'Your reply' }).getByRole('button').first()).toBeVisible();
  await expect(page.getByRole('timer')).toHaveCount(0);
});

test('a call in progress that no longer replays is set aside for real, not deleted', async ({ page }) => {
  // A well-formed call in progress whose record names content this app does not have.
  const saved = {
    schema: 1, stage: 'call', typing: false, voice: false, offer_at_ms: null, shift: null,
    record: { schema: 1, campaign: 'no-such-campaign', content_hash: '0000000000000000', set: {}, index: 0, choices: [] },
  };
  await seed(page, { 'composure.current': JSON.stringify(saved) });
  await page.goto('/practice');
  await expect(page.getByRole('alert').filter({ hasText: 'could not be restored' })).toContainText('set aside');
  expect(await page.evaluate(() => localStorage.getItem('composure.current'))).toBeNull();
  const keys = await setAsideKeys(page);
  expect(keys).toEqual(['composure.set-aside.composure.current.1']);
  expect(JSON.parse((await page.evaluate((k) => localStorage.getItem(k), keys[0]))!)).toEqual(saved);
  await page.getByRole('button', { name: 'Start call' }).click();
  await expect(page.getByRole('group', { name: 'Your reply' }).getByRole('button').first()).toBeVisible();
});

test('an assessment saved by a newer version is refused and left untouched', async ({ page }) => {
  const future = JSON.stringify({ schema: 9, kind: 'composure-attempt' });
  await seed(page, { 'composure.assessment': future });
  await page.goto('/assessment');
  await expect(page.getByRole('alert').filter({ hasText: 'newer version' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Assessment', level: 1 })).toBeVisible();
  expect(await page.evaluate(() => localStorage.getItem('composure.assessment'))).toBe(future);
  expect(await setAsideKeys(page)).toEqual([]);
});
