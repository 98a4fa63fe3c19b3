import { expect, Page, test } from '@playwright/test';
import { playWithKeys, review } from '../support/practice';

// The review explains each score (a definition and what cost points in this call), and a second
// call with the same customer shows the change since the first.

const SCORES = ['Overall', 'Composure', 'Correctness', 'Outcome', 'Responsiveness'];


test('each score has its definition and what cost points, and a retry shows the change', async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => {
    localStorage.clear();
    localStorage.setItem('composure.prefs', JSON.stringify({ typing: false }));
  });
  await page.goto('/practice');
  await page.getByRole('button', { name: 'Start call' }).click();
  await playWithKeys(page, '1');
  await expect(review(page)).toBeVisible();

  for (const name of SCORES) {
    const card = page.getByRole('region', { name, exact: true });
    await expect(card).toBeVisible();
    await expect(card.getByRole('paragraph').filter({ hasText: /\.$/ }).first()).toBeVisible();
    // The list of what cost points opens from its summary, by keyboard.
    const summary = card.locator('summary');
    await summary.focus();
    await page.keyboard.press('Enter');
    const costs = card.getByRole('list', { name: `What cost ${name.toLowerCase()} points` });
    await expect(costs).toBeVisible();
    expect(await costs.getByRole('listitem').count()).toBeGreaterThan(0);
    const first = (await costs.getByRole('listitem').first().textContent()) ?? '';
    expect(first).toMatch(new RegExp(`^(−(\\d+|<1) ${name.toLowerCase()}: |Nothing: full marks\\.)`));
  }
  // The first call in the campaign has nothing to compare with.
  await expect(page.getByText(/^Since your last call/)).toHaveCount(0);

  await page.getByRole('button', { name: 'Retry this customer' }).click();
  await playWithKeys(page, '2');
  await expect(review(page)).toBeVisible();
  await expect(page.getByText(/^Since your last call with this kind of customer/)).toBeVisible();
  const overall = page.getByRole('region', { name: 'Overall', exact: true });
  await expect(overall.getByText(/^Change: (up \d+|down \d+|no change)$/)).toBeVisible();
  // Kept as a test artefact, not a golden image.
  await page.screenshot({ path: test.info().outputPath('review-second-call.png'), fullPage: true });
});
