import { expect, Page, test } from '@playwright/test';
import { freshPractice, moveOn, playWithKeys, replies, review, transcript } from '../support/practice';

// Journeys of a new hire on /practice and /progress, played the way a person would: elements
// are found by role and accessible name, and calls are answered with the keyboard.


/** Tabs forward until the element with this role and name has focus. */
async function tabTo(page: Page, role: 'button' | 'link', name: string) {
  const target = page.getByRole(role, { name, exact: true });
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
  }
  throw new Error(`could not reach ${role} "${name}" with Tab`);
}




test('a whole practice call, keyboard only, ends in its review', async ({ page }) => {
  await freshPractice(page, { typing: true });
  await tabTo(page, 'button', 'Start call');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Customer' })).toBeVisible();
  const mood = page.getByRole('meter', { name: 'Customer mood' });
  await expect(mood).toHaveAttribute('aria-valuenow', /\d+/);
  await expect(replies(page).first()).toBeVisible();
  const count = await replies(page).count();
  expect(count).toBeGreaterThanOrEqual(4);
  expect(count).toBeLessThanOrEqual(6);
  // Each button's accessible name holds its line.
  await expect(replies(page).first()).toHaveAccessibleName(/^1\. \S+/);
  const turns = await playWithKeys(page);
  expect(turns).toBeGreaterThan(0);
  await expect(review(page)).toBeVisible();
  for (const label of ['Overall', 'Composure', 'Correctness', 'Outcome', 'Responsiveness']) {
    await expect(page.getByText(label, { exact: true }).first()).toBeVisible();
  }
  await expect(page.getByText('Your line:').first()).toBeVisible();
  for (const name of ['Next call', 'Retry this customer', 'Back to practice']) {
    await expect(page.getByRole('button', { name })).toBeVisible();
  }
});

test('a hint can be revealed, and feedback shows after each reply', async ({ page }) => {
  await freshPractice(page, { hints: true });
  await page.getByRole('button', { name: 'Start call' }).click();
  await page.getByRole('button', { name: 'Show hint' }).click();
  await expect(page.getByRole('note')).not.toBeEmpty();
  await expect(page.getByRole('button', { name: 'Show hint' })).toBeDisabled();
  // Some first replies end the call at once (a critical breach); then the next call is tried.
  const feedback = page.getByRole('region', { name: 'Feedback on your last line' });
  for (let attempt = 0; attempt < 8; attempt++) {
    await replies(page).first().click();
    await expect(feedback.or(review(page))).toBeVisible();
    if (await feedback.isVisible()) break;
    await page.getByRole('button', { name: 'Next call' }).click();
  }
  await expect(feedback).toBeVisible();
  await expect(feedback.getByRole('heading')).toHaveText(/(Best|Good|Weak|Wrong) answer · \w+ tone/);
});

test('a reload mid-call offers to resume the same call at the same turn, or to end it', async ({ page }) => {
  await freshPractice(page);
  await page.getByRole('button', { name: 'Start call' }).click();
  // Reach a call that is still going after one reply (some first replies end it at once).
  for (let attempt = 0; attempt < 8; attempt++) {
    await expect(replies(page).first()).toBeVisible();
    await page.keyboard.press('2');
    await moveOn(page);
    await expect(replies(page).first().or(review(page))).toBeVisible();
    if (!(await review(page).isVisible())) break;
    await page.getByRole('button', { name: 'Next call' }).click();
  }
  await expect(replies(page).first()).toBeVisible();
  const lines = await transcript(page).allInnerTexts();
  const offered = await replies(page).allInnerTexts();
  const name = await page.getByRole('region', { name: 'Customer' }).getByRole('heading').innerText();
  await page.reload();
  // Never restored silently: the page says what is under way and asks.
  await expect(page.getByRole('heading', { name: 'Call in progress' })).toBeVisible();
  await expect(page.getByText(`You have a call in progress with ${name}`)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Resume call' })).toBeFocused();
  await page.getByRole('button', { name: 'Resume call' }).click();
  await expect(page.getByRole('region', { name: 'Customer' }).getByRole('heading')).toHaveText(name);
  await expect(transcript(page)).toHaveCount(lines.length);
  expect(await transcript(page).allInnerTexts()).toEqual(lines);
  expect(await replies(page).allInnerTexts()).toEqual(offered);
});

test('a shift of three calls reaches its summary, and Progress keeps the calls', async ({ page }) => {
  await freshPractice(page, { shift_calls: 3, shift_plan: 1, difficulty: 1 });
  await page.getByRole('button', { name: 'Start shift' }).click();
  for (let call = 1; call <= 3; call++) {
    await expect(page.getByText(`Call ${call} of 3`)).toBeVisible();
    await expect(page.getByRole('meter', { name: /Bonus/ })).toBeVisible();
    await playWithKeys(page);
    await page.getByRole('button', { name: call < 3 ? 'Next call' : 'Finish shift' }).click();
  }
  await expect(page.getByRole('heading', { name: 'Shift summary' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Calls in this shift' }).getByRole('row')).toHaveCount(4);

  await page.getByRole('link', { name: 'Progress' }).click();
  await expect(page.getByRole('heading', { name: 'Progress', level: 1 })).toBeVisible();
  const rows = page.getByRole('table', { name: 'Recent calls' }).getByRole('row');
  await expect(rows).toHaveCount(4);
  await expect(page.getByRole('img', { name: /Overall and composure/ })).toBeVisible();

  // A damaged entry is reported and set aside; the rest survives.
  await page.evaluate(() => {
    localStorage.setItem('composure.history.999999999999999-1', '{"schema":1,"finished_at');
    localStorage.setItem('composure.history.999999999999999-2', '{"schema":7}');
  });
  await page.reload();
  // The damaged one is set aside; the one a newer version wrote is left where it is for that version.
  await expect(page.getByRole('alert').filter({ hasText: 'could not be read' })).toHaveCount(1);
  await expect(page.getByRole('alert').filter({ hasText: 'newer version' })).toHaveCount(1);
  await expect(rows).toHaveCount(4);
  const keys = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('composure.set-aside.')));
  expect(keys).toEqual(['composure.set-aside.composure.history.999999999999999-1.1']);
  expect(await page.evaluate(() => localStorage.getItem('composure.history.999999999999999-2'))).toBe('{"schema":7}');

  // Clearing asks first.
  await page.getByRole('button', { name: 'Clear history' }).click();
  await expect(page.getByRole('alertdialog', { name: 'Clear your history?' })).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(rows).toHaveCount(4);
  await page.getByRole('button', { name: 'Clear history' }).click();
  await page.getByRole('button', { name: 'Yes, clear history' }).click();
  await expect(page.getByText('No finished calls yet.')).toBeVisible();
});

test('a corrupted call in progress is reported and does not break the page', async ({ page }) => {
  await freshPractice(page);
  await page.evaluate(() => localStorage.setItem('composure.current', '{"schema":1,"stage":"call","rec'));
  await page.goto('/practice');
  await expect(page.getByRole('alert').filter({ hasText: 'could not be restored' })).toBeVisible();
  await page.getByRole('button', { name: 'Start call' }).click();
  await expect(replies(page).first()).toBeVisible();
});

test('the transcript follows the conversation, and offers "Jump to latest" to a reader who scrolled up', async ({ page }) => {
  // A short window, so that a few turns overflow the transcript panel.
  await page.setViewportSize({ width: 1366, height: 420 });
  const log = page.getByRole('log', { name: 'Transcript' });
  const panel = log.locator('xpath=..');
  const atBottom = () => panel.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight < 2);
  const overflows = () => panel.evaluate((el) => el.scrollHeight > el.clientHeight + 4);
  // Replies are picked blind, so a call may end early: try new calls until one runs long enough.
  for (let call = 0; call < 12; call++) {
    await freshPractice(page, { difficulty: 1, customer: 'chatterbox' });
    await page.getByRole('button', { name: 'Start call' }).click();
    let scrolledUp = false;
    for (let turn = 0; turn < 30; turn++) {
      await expect(replies(page).first().or(review(page))).toBeVisible();
      if (await review(page).isVisible()) break;
      const before = await transcript(page).count();
      await page.keyboard.press('1');
      await expect.poll(async () => (await review(page).isVisible()) || (await transcript(page).count()) > before).toBe(true);
      await moveOn(page);
      if (await review(page).isVisible()) break;
      if (!scrolledUp) {
        // The newest line is in view inside the panel.
        await expect.poll(atBottom).toBe(true);
        const last = await transcript(page).last().boundingBox();
        const box = await panel.boundingBox();
        expect(last!.y + last!.height).toBeLessThanOrEqual(box!.y + box!.height + 1);
        if (await overflows()) {
          // Read back: scroll up, and the next line does not yank the view down.
          await panel.evaluate((el) => el.scrollTo(0, 0));
          await expect.poll(atBottom).toBe(false);
          scrolledUp = true;
        }
      } else {
        await expect(page.getByRole('button', { name: 'Jump to latest' })).toBeVisible();
        expect(await atBottom()).toBe(false);
        await page.getByRole('button', { name: 'Jump to latest' }).click();
        await expect.poll(atBottom).toBe(true);
        await expect(page.getByRole('button', { name: 'Jump to latest' })).toHaveCount(0);
        return;
      }
    }
  }
  throw new Error('no call of twelve ran long enough to overflow the transcript');
});

test('the key help counts the lines on offer, and a digit with no line says so', async ({ page }) => {
  await freshPractice(page);
  await page.getByRole('button', { name: 'Start call' }).click();
  await expect(replies(page).first()).toBeVisible();
  const n = await replies(page).count();
  await expect(page.getByText(`Press 1 to ${n} to pick a line.`)).toBeVisible();
  const before = await transcript(page).count();
  await page.keyboard.press('9');
  await expect(page.getByRole('status').filter({ hasText: `There is no line 9: press 1 to ${n}.` })).toBeVisible();
  expect(await transcript(page).count()).toBe(before);
  // A real line clears the note.
  await page.keyboard.press('1');
  await expect(page.getByRole('status').filter({ hasText: 'There is no line' })).toHaveCount(0);
});
