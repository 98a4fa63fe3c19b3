import { expect, Page } from '@playwright/test';
import * as fs from 'fs';

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

const complete = (page: Page) => page.getByRole('heading', { name: 'Assessment complete', level: 1 });

/** A clean browser: no stored data, typing animation off. */
export async function fresh(page: Page) {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.evaluate(() => localStorage.setItem('composure.prefs', JSON.stringify({ typing: false })));
}

/** A Learning Record Store as the set form names it. */
export interface Lrs {
  endpoint: string;
  user: string;
  password: string;
}

/** The trainer saves an assessment set (sending statements to `lrs`, if given) and returns its link. */
export async function buildSet(page: Page, name: string, calls: number, limit: string, lrs?: Lrs): Promise<string> {
  await page.goto('/trainer');
  await page.getByRole('button', { name: 'New persona set' }).click();
  await page.getByLabel('Set name').fill(name);
  await page.getByLabel('Number of calls').fill(String(calls));
  await page.getByLabel('Difficulty').selectOption('1');
  await page.getByLabel('Mode').selectOption('assessment');
  await page.getByLabel('Time limit per reply').selectOption(limit);
  await page.getByLabel('Pass mark').fill('50');
  if (lrs) {
    const form = page.getByRole('form', { name: 'New persona set' });
    await form.getByText('Learning Record Store (xAPI)').click();
    await form.getByLabel('LRS endpoint').fill(lrs.endpoint);
    await form.getByLabel('LRS user name').fill(lrs.user);
    await form.getByLabel('LRS password').fill(lrs.password);
  }
  await page.getByRole('button', { name: 'Save set' }).click();
  const item = page.getByRole('region', { name });
  await expect(item).toBeVisible();
  return item.getByRole('textbox', { name: 'Share link' }).inputValue();
}

export async function begin(page: Page, link: string, candidate: string) {
  await page.goto(link);
  await page.getByRole('textbox', { name: 'Your name' }).fill(candidate);
  await page.getByRole('button', { name: 'Begin assessment' }).click();
  await expect(replies(page).first()).toBeVisible();
}

export const startNext = (page: Page) => page.getByRole('button', { name: /^Start call \d+$/ });

/** Presses 1 until the assessment is complete (starting each next call from its ready screen),
 * then downloads the result. */
export async function finish(page: Page): Promise<string> {
  for (let i = 0; i < 200 && !(await complete(page).isVisible()); i++) {
    await expect(replies(page).first().or(complete(page)).or(startNext(page))).toBeVisible();
    if (await complete(page).isVisible()) break;
    if (await startNext(page).isVisible()) {
      await startNext(page).click();
      continue;
    }
    await page.keyboard.press('1');
    await page.waitForTimeout(30);
  }
  await expect(complete(page)).toBeVisible();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download result' }).click(),
  ]);
  return fs.readFileSync((await download.path())!, 'utf8');
}

