import { expect, Page, test } from '@playwright/test';
import { go, replies, review } from '../support/practice';

// Every practice screen at a laptop, a tablet and a phone: nothing scrolls sideways, each new
// screen starts at its top, and a screenshot of each is kept as a test artefact
// (target/e2e/test-results/screens-*/), for people to look at, not as golden images.


async function look(page: Page, name: string) {
  const [scrollWidth, width, scrollY] = await page.evaluate(() => [
    document.documentElement.scrollWidth,
    window.innerWidth,
    window.scrollY,
  ]);
  expect(scrollWidth, `${name}: page ${scrollWidth} px wide in a ${width} px window`).toBeLessThanOrEqual(width);
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
  return scrollY;
}

/** Answers until the review (or the shift's last review) shows. */
async function playOut(page: Page) {
  for (let i = 0; i < 120 && !(await review(page).isVisible()); i++) {
    await expect(replies(page).first().or(review(page)).or(go(page))).toBeVisible();
    if (await review(page).isVisible()) break;
    await page.keyboard.press((await go(page).isVisible()) ? 'Enter' : '1');
  }
  await expect(review(page)).toBeVisible();
}

for (const [width, height] of [[1366, 768], [768, 1024], [390, 844]]) {
  test(`every practice screen at ${width}x${height}`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await page.goto('/');
    await page.evaluate(() => {
      localStorage.clear();
      localStorage.setItem('composure.prefs', JSON.stringify({ typing: false, reply_limit_s: 30, shift_calls: 3, shift_plan: 1 }));
    });
    await page.goto('/practice');
    await look(page, `setup-${width}`);

    await page.getByRole('button', { name: 'Start shift' }).click();
    await expect(replies(page).first()).toBeVisible();
    await look(page, `call-${width}`);
    await page.keyboard.press('1');
    await expect(go(page)).toBeVisible();
    await look(page, `verdict-${width}`);
    await page.keyboard.press('Enter');

    // Found under way after a reload: resume or end it.
    if (!(await review(page).isVisible())) {
      await page.reload();
      await expect(page.getByRole('heading', { name: 'Call in progress' })).toBeVisible();
      await look(page, `paused-${width}`);
      await page.getByRole('button', { name: 'Resume call' }).click();
    }
    await playOut(page);
    // A new screen starts at its top.
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);
    await look(page, `review-${width}`);

    for (let call = 2; call <= 3; call++) {
      await page.getByRole('button', { name: 'Next call' }).click();
      await playOut(page);
    }
    await page.getByRole('button', { name: 'Finish shift' }).click();
    await expect(page.getByRole('heading', { name: 'Shift summary' })).toBeVisible();
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);
    await look(page, `shift-summary-${width}`);
  });
}
