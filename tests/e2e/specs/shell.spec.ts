import { test, expect, type Page } from '@playwright/test';

// Every test fails on an uncaught error or a console error (a broken wasm build shows up here).
test.beforeEach(async ({ page }) => {
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console.error: ${msg.text()}`);
  });
  (page as Page & { problems?: string[] }).problems = problems;
});

test.afterEach(async ({ page }) => {
  expect((page as Page & { problems?: string[] }).problems ?? []).toEqual([]);
});

test('home shows the heading, the three ways in and the landmarks', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Composure' })).toBeVisible();
  await expect(page).toHaveTitle('Composure');

  const main = page.getByRole('main');
  for (const name of ['Practice', 'Trainer', 'Assessment']) {
    await expect(main.getByRole('link', { name, exact: true })).toBeVisible();
  }
  await expect(page.getByRole('banner')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expect(page.getByRole('contentinfo')).toBeVisible();
});

test('moves from Home to Practice by keyboard alone', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Composure' })).toBeVisible();

  const practice = page.getByRole('main').getByRole('link', { name: 'Practice', exact: true });
  for (let presses = 0; presses < 20; presses++) {
    await page.keyboard.press('Tab');
    if (await practice.evaluate((el) => el === document.activeElement)) break;
  }
  await expect(practice).toBeFocused();
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { level: 1, name: 'Practice' })).toBeVisible();
  await expect(page).toHaveURL(/\/practice$/);
  await expect(page).toHaveTitle('Practice · Composure');
  // Focus moves to the new page's content, not back to the top of the document.
  await expect(page.getByRole('main')).toBeFocused();
});

test('the skip link is the first stop and moves focus to the main content', async ({ page }) => {
  await page.goto('/practice');
  await expect(page.getByRole('heading', { level: 1, name: 'Practice' })).toBeVisible();

  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
  await expect(page.getByRole('heading', { level: 1, name: 'Practice' })).toBeVisible();
});

test('the current section is marked in the navigation', async ({ page }) => {
  await page.goto('/trainer');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Trainer' })).toHaveAttribute('aria-current', 'page');
  await expect(nav.getByRole('link', { name: 'Practice' })).not.toHaveAttribute('aria-current');
});

for (const [path, heading] of [
  ['/practice', 'Practice'],
  ['/trainer', 'Trainer'],
  ['/assessment', 'Assessment'],
  ['/progress', 'Progress'],
]) {
  test(`deep link ${path} renders and survives a reload`, async ({ page }) => {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expect(page).toHaveTitle(`${heading} · Composure`);
  });
}

test('an unknown address shows the not-found page with a way home', async ({ page }) => {
  await page.goto('/no/such/page');
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText('/no/such/page');

  await page.getByRole('link', { name: 'Back to home' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Composure' })).toBeVisible();
  await expect(page).toHaveURL(/\/$/);
});

test('fits a 768 px tablet without sideways scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 768, height: 1024 });
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Composure' })).toBeVisible();
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
});
