import { expect, Page, test } from '@playwright/test';
import { freshPractice, go, replies, review, transcript } from '../support/practice';

// The call screen as a trainee lives it, at a laptop, a tablet and a phone: the newest customer
// line and every offered reply in view, the verdict in its moment, a countdown that says what
// happened, a way out, and focus that follows the conversation. Screenshots of each screen are
// kept as test artefacts (target/e2e/test-results/), not compared as golden images.

const verdict = (page: Page) => page.getByRole('region', { name: 'Feedback on your last line' });


/** Every part of the element's box lies inside the viewport. */
async function inView(page: Page, what: string, box: { x: number; y: number; width: number; height: number } | null) {
  const vp = page.viewportSize()!;
  expect(box, `${what} has a box`).not.toBeNull();
  expect(box!.y, `${what} top`).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height, `${what} bottom (viewport ${vp.height})`).toBeLessThanOrEqual(vp.height + 1);
  expect(box!.x + box!.width, `${what} right (viewport ${vp.width})`).toBeLessThanOrEqual(vp.width + 1);
}

async function noSidewaysScroll(page: Page, where: string) {
  const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  expect(widths[0], `${where}: page width ${widths[0]} in a ${widths[1]} px window`).toBeLessThanOrEqual(widths[1]);
}

for (const [width, height] of [[1366, 768], [768, 1024]]) {
  test(`at ${width}x${height} the newest customer line, every reply and the verdict are in view without scrolling`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await freshPractice(page, { reply_limit_s: 30, difficulty: 3 });
    await page.getByRole('button', { name: 'Start call' }).click();
    let checked = 0;
    for (let turn = 0; turn < 6; turn++) {
      await expect(replies(page).first().or(review(page))).toBeVisible();
      if (await review(page).isVisible()) break;
      expect(await page.evaluate(() => window.scrollY), 'the page itself is not scrolled').toBe(0);
      await inView(page, 'newest customer line', await transcript(page).last().boundingBox());
      const n = await replies(page).count();
      // Each reply is in the window and not clipped by its panel's own scrolling; the panel
      // itself (replies, key help, hint) does not scroll.
      const yourTurn = page.getByRole('region', { name: 'Your turn' });
      const panel = await yourTurn.boundingBox();
      if (width >= 1100) {
        const overflow = await yourTurn.evaluate((el) => el.scrollHeight - el.clientHeight);
        expect(overflow, 'the reply panel needs no scrolling').toBeLessThanOrEqual(1);
      }
      for (let i = 0; i < n; i++) {
        const box = await replies(page).nth(i).boundingBox();
        await inView(page, `reply ${i + 1} of ${n}`, box);
        expect(box!.y + box!.height, `reply ${i + 1} inside its panel`).toBeLessThanOrEqual(panel!.y + panel!.height + 1);
      }
      await inView(page, 'countdown', await page.getByRole('timer').boundingBox());
      await inView(page, 'End call', await page.getByRole('button', { name: 'End call' }).boundingBox());
      if (turn === 0) await page.screenshot({ path: test.info().outputPath(`call-${width}x${height}.png`) });
      await page.keyboard.press('1');
      await expect(verdict(page)).toBeVisible();
      await inView(page, 'verdict card', await verdict(page).boundingBox());
      await inView(page, 'Continue', await go(page).boundingBox());
      if (turn === 0) await page.screenshot({ path: test.info().outputPath(`verdict-${width}x${height}.png`) });
      await page.keyboard.press('Enter');
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });
}

test('at 390x844 no call screen scrolls sideways, and the customer line sits with the replies', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await freshPractice(page, { reply_limit_s: 30 });
  await noSidewaysScroll(page, 'setup');
  await page.screenshot({ path: test.info().outputPath('setup-390x844.png'), fullPage: true });
  await page.getByRole('button', { name: 'Start call' }).click();
  await expect(replies(page).first()).toBeVisible();
  await noSidewaysScroll(page, 'call');
  const line = await transcript(page).last().boundingBox();
  const first = await replies(page).first().boundingBox();
  expect(first!.y - (line!.y + line!.height), 'the first reply follows the customer line closely').toBeLessThan(220);
  await page.screenshot({ path: test.info().outputPath('call-390x844.png'), fullPage: true });
  await page.keyboard.press('1');
  await expect(verdict(page)).toBeVisible();
  await noSidewaysScroll(page, 'verdict');
  await page.screenshot({ path: test.info().outputPath('verdict-390x844.png'), fullPage: true });
});

test('after a keyboard reply focus moves to the verdict, then to the first line of the next offer', async ({ page }) => {
  await freshPractice(page);
  for (let attempt = 0; attempt < 8; attempt++) {
    await page.getByRole('button', { name: /Start call|Next call/ }).click();
    await expect(replies(page).first()).toBeVisible();
    await page.keyboard.press('1');
    await expect(go(page)).toBeFocused();
    // The next offer waits for the trainee.
    await expect(replies(page)).toHaveCount(0);
    await page.keyboard.press('Enter');
    await expect(replies(page).first().or(review(page))).toBeVisible();
    if (await review(page).isVisible()) continue;
    await expect(replies(page).first()).toBeFocused();
    return;
  }
  throw new Error('every call ended on its first reply');
});

test('a reply that runs out of time says so plainly, and the countdown is a bar with the seconds', async ({ page }) => {
  await freshPractice(page, { reply_limit_s: 10 });
  await page.getByRole('button', { name: 'Start call' }).click();
  await expect(replies(page).first()).toBeVisible();
  const timer = page.getByRole('timer');
  await expect(timer).toHaveText(/^\d+ s$/);
  await expect(page.locator('.countdown__track')).toBeVisible();
  await expect(verdict(page).getByRole('heading')).toHaveText('△ Time ran out', { timeout: 15_000 });
  await expect(verdict(page)).toContainText('You did not reply within 10 seconds, so the customer heard silence.');
});

test('End call asks first, then records the call as abandoned, kept out of the means', async ({ page }) => {
  await freshPractice(page);
  await page.getByRole('button', { name: 'Start call' }).click();
  await expect(replies(page).first()).toBeVisible();
  await page.getByRole('button', { name: 'End call' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'End this call?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Keep going' }).click();
  await expect(replies(page).first()).toBeVisible();
  await page.getByRole('button', { name: 'End call' }).click();
  await page.getByRole('alertdialog', { name: 'End this call?' }).getByRole('button', { name: 'Yes, end the call' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'kept in your progress as abandoned' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Start call' })).toBeVisible();
  expect(await page.evaluate(() => localStorage.getItem('composure.current'))).toBeNull();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Progress' }).click();
  await expect(page.getByText('1 abandoned call is not counted.')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Recent calls' }).getByRole('cell', { name: 'Abandoned' })).toBeVisible();
});

test('coming back to a call under way offers Resume or End it; ending it from there records it', async ({ page }) => {
  await freshPractice(page);
  await page.getByRole('button', { name: 'Start call' }).click();
  await expect(replies(page).first()).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Progress' }).click();
  await nav.getByRole('link', { name: 'Practice' }).click();
  await expect(page.getByRole('heading', { name: 'Call in progress' })).toBeVisible();
  await page.getByRole('button', { name: 'End it' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'abandoned' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Start call' })).toBeVisible();
});

test('a drill link always starts a drill, even right after a finished call, and names what it drills', async ({ page }) => {
  await freshPractice(page);
  await page.getByRole('button', { name: 'Start call' }).click();
  // Finish the call, so that its review is what a reload would show.
  for (let i = 0; i < 90 && !(await review(page).isVisible()); i++) {
    await expect(replies(page).first().or(review(page)).or(go(page))).toBeVisible();
    if (await review(page).isVisible()) break;
    await page.keyboard.press((await go(page).isVisible()) ? 'Enter' : '1');
  }
  await expect(review(page)).toBeVisible();
  await page.goto('/practice?drill=objection,insult');
  await expect(replies(page).first()).toBeVisible();
  await expect(page.getByText('Drill: objections, insults')).toBeVisible();
  await expect(review(page)).toHaveCount(0);
});

test('in an assessment at 1366x768 the title stays compact: the newest line and every reply are in view', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.goto('/trainer');
  await page.getByRole('button', { name: 'New persona set' }).click();
  await page.getByLabel('Set name').fill('Laptop check with a rather long assessment name');
  await page.getByLabel('Number of calls').fill('2');
  await page.getByLabel('Mode').selectOption('assessment');
  await page.getByRole('button', { name: 'Save set' }).click();
  const link = await page
    .getByRole('region', { name: 'Laptop check with a rather long assessment name' })
    .getByRole('textbox', { name: 'Share link' })
    .inputValue();
  await page.goto(link);
  await page.getByRole('textbox', { name: 'Your name' }).fill('Grace');
  await page.getByRole('button', { name: 'Begin assessment' }).click();
  await expect(replies(page).first()).toBeVisible();
  await inView(page, 'newest customer line', await transcript(page).last().boundingBox());
  const n = await replies(page).count();
  for (let i = 0; i < n; i++) await inView(page, `reply ${i + 1} of ${n}`, await replies(page).nth(i).boundingBox());
  await inView(page, 'countdown', await page.getByRole('timer').boundingBox());
  await page.screenshot({ path: test.info().outputPath('assessment-call-1366x768.png') });
});
