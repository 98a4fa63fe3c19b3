import { expect, test } from '@playwright/test';

// After one visit, Composure loads and a whole call can be played with the network off.

test('after one visit the app loads and plays a call offline', async ({ page, context }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Composure', level: 1 })).toBeVisible();
  await page.evaluate(async () => {
    localStorage.setItem('composure.prefs', JSON.stringify({ typing: false }));
    await navigator.serviceWorker.ready;
  });
  await expect.poll(() => page.evaluate(() => caches.keys().then(async (k) => (k.length ? (await caches.open(k[0])).keys() : [])).then((r) => r.length))).toBeGreaterThan(4);

  await context.setOffline(true);
  expect(await page.evaluate(() => fetch('/favicon.svg?not-cached').then(() => 'online', () => 'offline'))).toBe('offline');
  await page.goto('/practice');
  await expect(page.getByRole('heading', { name: 'Practice', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Start call' }).click();
  const replies = page.getByRole('group', { name: 'Your reply' }).getByRole('button');
  const review = page.getByRole('heading', { name: 'Call review' });
  const go = page.getByRole('button', { name: 'Continue' });
  for (let i = 0; i < 90 && !(await review.isVisible()); i++) {
    await expect(replies.first().or(review).or(go)).toBeVisible();
    if (await review.isVisible()) break;
    await page.keyboard.press(await go.isVisible() ? 'Enter' : '1');
    await page.waitForTimeout(30);
  }
  await expect(review).toBeVisible();
  await context.setOffline(false);
});

test('the Content Security Policy allows only the app’s own files, and the app runs under it', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await page.goto('/');
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toContain('unsafe-inline');
  await page.evaluate(() => localStorage.setItem('composure.prefs', JSON.stringify({ typing: false })));
  await page.goto('/practice');
  await page.getByRole('button', { name: 'Start call' }).click();
  await expect(page.getByRole('group', { name: 'Your reply' }).getByRole('button').first()).toBeVisible();
  // Styles set by the app (the mood bar) still apply: they go through the CSSOM.
  const width = await page.locator('.mood__fill').evaluate((el) => el.getBoundingClientRect().width);
  expect(width).toBeGreaterThan(0);
  // Anything from elsewhere is refused.
  const outside = await page.evaluate(() => fetch('http://127.0.0.2:9/x').then(() => 'loaded', () => 'blocked'));
  expect(outside).toBe('blocked');
  expect(violations.filter((v) => !v.includes('127.0.0.2'))).toEqual([]);
});
