import { expect, Page } from '@playwright/test';

// What the practice journeys share: the call screen's parts found by role and name, a fresh
// browser with given settings, and playing a call with the keyboard, as a person would.

export const transcript = (page: Page) => page.getByRole('log', { name: 'Transcript' }).getByRole('listitem');
export const replies = (page: Page) => page.getByRole('group', { name: 'Your reply' }).getByRole('button');
export const review = (page: Page) => page.getByRole('heading', { name: 'Call review' });
/** "Continue" on the verdict card after a reply. */
export const go = (page: Page) => page.getByRole('button', { name: 'Continue' });

/** A browser with nothing stored but these practice settings (typing delay off unless given), on /practice. */
export async function freshPractice(page: Page, prefs: Record<string, unknown> = {}) {
  await page.goto('/');
  await page.evaluate((p) => {
    localStorage.clear();
    localStorage.setItem('composure.prefs', JSON.stringify({ typing: false, ...p }));
  }, prefs);
  await page.goto('/practice');
  await expect(page.getByRole('heading', { name: 'Practice', level: 1 })).toBeVisible();
}

/** After a reply the verdict card waits for "Continue": Enter moves on (focus is on it). */
export async function moveOn(page: Page) {
  await expect(go(page).or(replies(page).first()).or(review(page))).toBeVisible();
  if (await go(page).isVisible()) {
    await expect(go(page)).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(go(page)).toBeHidden();
  }
}

/** Answers with digit keys until the call review appears; returns the number of replies. */
export async function playWithKeys(page: Page, key = '1'): Promise<number> {
  let turns = 0;
  for (; turns < 45; turns++) {
    if (await review(page).isVisible()) return turns;
    const before = await transcript(page).count();
    await expect(replies(page).first().or(review(page))).toBeVisible();
    if (await review(page).isVisible()) return turns;
    await page.keyboard.press(key);
    await expect.poll(async () => (await review(page).isVisible()) || (await transcript(page).count()) > before).toBe(true);
    await moveOn(page);
  }
  throw new Error('the call did not end within 45 replies');
}
