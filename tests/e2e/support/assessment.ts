import { expect, Page } from '@playwright/test';

// What the assessment journeys share: the candidate's screens found by role and name.

export const replies = (page: Page) => page.getByRole('group', { name: 'Your reply' }).getByRole('button');

/** Answers call 1 (pressing 1) until the ready screen for call 2 of 2 shows; returns its heading. */
export async function untilReady(page: Page) {
  const ready = page.getByRole('heading', { name: 'Call 2 of 2 — ready?', level: 1 });
  for (let i = 0; i < 60 && !(await ready.isVisible()); i++) {
    await expect(replies(page).first().or(ready)).toBeVisible();
    if (await ready.isVisible()) break;
    await page.keyboard.press('1');
    await page.waitForTimeout(30);
  }
  await expect(ready).toBeVisible();
  return ready;
}
