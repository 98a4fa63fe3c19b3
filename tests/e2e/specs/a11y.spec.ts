import AxeBuilder from '@axe-core/playwright';
import { expect, Page, test } from '@playwright/test';

// The accessibility gate: axe-core finds no serious or critical violation on each screen, and a
// whole call can be played from the keyboard with a visible focus indicator.

async function noSeriousViolations(page: Page, screen: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const summary = bad.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `${screen}: ${summary.join('\n')}`).toEqual([]);
}

const replies = (page: Page) => page.getByRole('group', { name: 'Your reply' }).getByRole('button');
const review = (page: Page) => page.getByRole('heading', { name: 'Call review' });

test('home, practice setup, a call, its review and progress pass axe', async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => {
    localStorage.clear();
    localStorage.setItem('composure.prefs', JSON.stringify({ typing: false, hints: true, reply_limit_s: 45 }));
  });
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Composure', level: 1 })).toBeVisible();
  await noSeriousViolations(page, 'Home');

  await page.goto('/practice');
  await expect(page.getByRole('button', { name: 'Start call' })).toBeVisible();
  await noSeriousViolations(page, 'Practice setup');

  await page.getByRole('button', { name: 'Start call' }).click();
  await expect(replies(page).first()).toBeVisible();
  await expect(page.getByRole('timer')).toBeVisible();
  await page.getByRole('button', { name: 'Show hint' }).click();
  await noSeriousViolations(page, 'Call in progress');

  const go = page.getByRole('button', { name: 'Continue' });
  let verdictChecked = false;
  for (let i = 0; i < 90 && !(await review(page).isVisible()); i++) {
    await expect(replies(page).first().or(review(page)).or(go)).toBeVisible();
    if (await review(page).isVisible()) break;
    if (await go.isVisible()) {
      if (!verdictChecked) {
        await noSeriousViolations(page, 'Verdict after a reply');
        verdictChecked = true;
      }
      await page.keyboard.press('Enter');
      continue;
    }
    await page.keyboard.press('1');
    await page.waitForTimeout(30);
  }
  expect(verdictChecked).toBe(true);
  await expect(review(page)).toBeVisible();
  await noSeriousViolations(page, 'Call review');

  await page.goto('/progress');
  await expect(page.getByRole('table', { name: 'Recent calls' })).toBeVisible();
  await noSeriousViolations(page, 'Progress');
});

test('focus is visible on every control reached with Tab', async ({ page }) => {
  await page.goto('/practice');
  await expect(page.getByRole('button', { name: 'Start call' })).toBeVisible();
  let reached = 0;
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement === document.body)) break;
    reached++;
    const ring = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return 'none';
      const s = getComputedStyle(el);
      const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
      const shadow = s.boxShadow && s.boxShadow !== 'none';
      return outline || shadow ? 'visible' : `${el.tagName} ${el.textContent?.trim().slice(0, 30)} has no focus indicator`;
    });
    expect(ring).toBe('visible');
  }
  expect(reached).toBeGreaterThan(10);
});

test("the customer's new line is announced through the polite live region", async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => localStorage.setItem('composure.prefs', JSON.stringify({ typing: true })));
  await page.goto('/practice');
  const log = page.getByRole('log', { name: 'Transcript' });
  const go = page.getByRole('button', { name: 'Continue' });
  // Some first replies end the call at once; then the next call is tried.
  for (let attempt = 0; attempt < 8; attempt++) {
    await page.getByRole('button', { name: /Start call|Next call/ }).click();
    await expect(log).toHaveAttribute('aria-live', 'polite');
    await expect(replies(page).first()).toBeVisible();
    const before = await log.getByRole('listitem').count();
    await page.keyboard.press('1');
    await expect(go).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(replies(page).first().or(review(page))).toBeVisible();
    if (await review(page).isVisible()) continue;
    // The reply, then (after the typing delay) the customer's line, landed inside the live region.
    expect(await log.getByRole('listitem').count()).toBeGreaterThanOrEqual(before + 2);
    return;
  }
  throw new Error('every call ended on its first reply');
});

test('the trainer page, its set form and an assessment pass axe', async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.goto('/trainer');
  await expect(page.getByRole('heading', { name: 'Trainer', level: 1 })).toBeVisible();
  await noSeriousViolations(page, 'Trainer');
  await page.getByRole('button', { name: 'New persona set' }).click();
  await page.getByLabel('Set name').fill('Axe check');
  await page.getByLabel('Number of calls').fill('2');
  await page.getByLabel('Mode').selectOption('assessment');
  await page.getByLabel('Time limit per reply').selectOption('off');
  await noSeriousViolations(page, 'Trainer set form');
  await page.getByRole('button', { name: 'Save set' }).click();
  const link = await page.getByRole('region', { name: 'Axe check' }).getByRole('textbox', { name: 'Share link' }).inputValue();
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Assessment: Axe check', level: 1 })).toBeVisible();
  await noSeriousViolations(page, 'Assessment intro');
  await page.getByRole('textbox', { name: 'Your name' }).fill('Axe');
  await page.getByRole('button', { name: 'Begin assessment' }).click();
  await expect(replies(page).first()).toBeVisible();
  await noSeriousViolations(page, 'Assessment call');
  // The ready screen between calls and the result with its per-call summary.
  const done = page.getByRole('heading', { name: 'Assessment complete', level: 1 });
  const ready = page.getByRole('heading', { name: /— ready\?$/, level: 1 });
  let readyChecked = false;
  for (let i = 0; i < 200 && !(await done.isVisible()); i++) {
    await expect(replies(page).first().or(ready).or(done)).toBeVisible();
    if (await done.isVisible()) break;
    if (await ready.isVisible()) {
      if (!readyChecked) await noSeriousViolations(page, 'Assessment ready screen');
      readyChecked = true;
      await page.getByRole('button', { name: /^Start call \d+$/ }).click();
      continue;
    }
    await page.keyboard.press('1');
    await page.waitForTimeout(30);
  }
  await expect(done).toBeVisible();
  expect(readyChecked).toBe(true);
  await noSeriousViolations(page, 'Assessment complete');
});

test("the trainer's set form works from the keyboard alone, and markup in a name stays text", async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.goto('/trainer');
  await expect(page.getByRole('heading', { name: 'Trainer', level: 1 })).toBeVisible();
  const focused = (role: 'button' | 'textbox', name: string) =>
    page.getByRole(role, { name, exact: true }).evaluate((el) => el === document.activeElement).catch(() => false);
  const tabTo = async (role: 'button' | 'textbox', name: string) => {
    for (let i = 0; i < 80; i++) {
      if (await focused(role, name)) return;
      await page.keyboard.press('Tab');
    }
    throw new Error(`could not reach ${role} "${name}" with Tab`);
  };
  await tabTo('button', 'New persona set');
  await page.keyboard.press('Enter');
  await tabTo('textbox', 'Set name');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('<img src=x onerror=alert(1)> Week one');
  await tabTo('button', 'Save set');
  await page.keyboard.press('Enter');
  const saved = page.getByRole('region', { name: '<img src=x onerror=alert(1)> Week one' });
  await expect(saved).toBeVisible();
  await expect(saved.getByRole('textbox', { name: 'Share link' })).toHaveValue(/\?set=/);
  expect(await page.locator('img[src="x"]').count()).toBe(0);
});
