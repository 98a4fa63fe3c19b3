import { expect, Page, test } from '@playwright/test';
import { begin, buildSet, finish, fresh, untilReady } from '../support/assessment';

// Assessment integrity as a cheating candidate would probe it: an edited link, a rehearsal in
// practice, a second tab, a reload to reset the timer, re-opening a finished assessment; and the
// trainer's view of what cannot be proven. Found by role and name, as a person would.

const replies = (page: Page) => page.getByRole('group', { name: 'Your reply' }).getByRole('button');
const complete = (page: Page) => page.getByRole('heading', { name: 'Assessment complete', level: 1 });
const results = (page: Page) => page.getByRole('table', { name: 'Assessment results' });

/** The set inside a link, decoded as a candidate with a text editor would. */
function decode(link: string): any {
  const payload = new URL(link).searchParams.get('set')!;
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
}
function encode(link: string, file: any, path = '/assessment'): string {
  const url = new URL(link);
  return `${url.origin}${path}?set=${Buffer.from(JSON.stringify(file)).toString('base64url')}`;
}

test('an edited link shows Set changed, never a verified pass', async ({ page }) => {
  await fresh(page);
  const link = await buildSet(page, 'Integrity A', 1, 'off');
  const file = decode(link);
  file.set.pass_mark = 0;
  file.set.weights = { composure: 0, correctness: 0, outcome: 0, responsiveness: 100 };
  await begin(page, encode(link, file), 'Mallory');
  const text = await finish(page);
  await page.goto('/trainer');
  await page.getByLabel('Import results').setInputFiles({ name: 'mallory.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  const row = results(page).getByRole('row').filter({ hasText: 'Mallory' });
  await expect(row.getByRole('cell').nth(10)).toHaveText('Set changed: pass mark, score weights');
  await expect(row.getByRole('cell').nth(8)).toHaveText('—');
  await expect(page.getByText('What a Verified result proves')).toBeVisible();
  // Removing all results asks first.
  await page.getByRole('button', { name: 'Remove all results' }).click();
  await expect(page.getByRole('alertdialog')).toContainText('Remove all 1 results');
  await page.getByRole('button', { name: 'Keep them' }).click();
  await expect(row).toBeVisible();
  await page.getByRole('button', { name: 'Remove all results' }).click();
  await page.getByRole('button', { name: 'Remove them' }).click();
  await expect(page.getByText('No results imported yet.')).toBeVisible();
});

test('a rehearsal in practice is refused and would not predict the calls', async ({ page }) => {
  await fresh(page);
  const link = await buildSet(page, 'Integrity B', 1, 'off');
  const file = decode(link);
  file.set.mode = 'practice';
  await page.goto(encode(link, file, '/practice'));
  await expect(page.getByRole('alert').filter({ hasText: 'issued as an assessment' })).toBeVisible();
  await expect(replies(page)).toHaveCount(0);
  // Even with the id edited too, the practice call is not the assessment's call.
  file.set.id = 'p-edited';
  await page.goto(encode(link, file, '/practice'));
  await expect(replies(page).first()).toBeVisible();
  // The customer's first line and the lines offered: identical if the calls were the same.
  const call = async () =>
    `${await page.getByRole('log', { name: 'Transcript' }).innerText()}\n${(await replies(page).allInnerTexts()).join('\n')}`;
  const practised = await call();
  await begin(page, link, 'Eve');
  const attempt = await call();
  expect(attempt).not.toEqual(practised);
});

test('a second tab is refused, a reload keeps the deadline, a finished assessment is not restarted', async ({ page, context }) => {
  await fresh(page);
  const link = await buildSet(page, 'Integrity C', 1, '10');
  await begin(page, link, 'Trudy');
  const timer = page.getByRole('timer');
  await expect(timer).toBeVisible();

  // A second tab of the running attempt.
  const other = await context.newPage();
  await other.goto('/assessment');
  await expect(other.getByRole('alert').filter({ hasText: 'open in another tab' })).toBeVisible();
  await expect(other.getByRole('group', { name: 'Your reply' })).toHaveCount(0);
  await other.close();

  // Wait, reload: the deadline runs on instead of starting again at 10 s.
  await page.waitForTimeout(4_500);
  await page.reload();
  await expect(timer).toBeVisible();
  const left = Number((await timer.innerText()).replace(/\D/g, ''));
  expect(left).toBeLessThanOrEqual(6);
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('composure.assessment') ?? '{}'));
  expect(stored.reloads).toBe(1);

  const text = await finish(page);
  expect(JSON.parse(text).reloads).toBe(1);
  // Opening the trainer's link again shows the result, not a fresh attempt.
  await page.goto(link);
  await expect(complete(page)).toBeVisible();
  await expect(page.getByText('already completed this assessment')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Begin assessment' })).toHaveCount(0);
});

test('a long name with bidirectional controls is shown short and as typed', async ({ page }) => {
  await fresh(page);
  const link = await buildSet(page, 'Integrity D', 1, 'off');
  await begin(page, link, '\u202Egnp.exe' + 'x'.repeat(300));
  const text = await finish(page);
  expect(JSON.parse(text).candidate.length).toBeLessThanOrEqual(80);
  await page.goto('/trainer');
  await page.getByLabel('Import results').setInputFiles({ name: 'r.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  const cell = results(page).getByRole('row').nth(1).getByRole('cell').first();
  await expect(cell).toHaveText(/^gnp\.exex+…?$/);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThan(4000);
});

test('in practice too, a reload keeps the reply deadline', async ({ page }) => {
  await fresh(page);
  await page.evaluate(() => localStorage.setItem('composure.prefs', JSON.stringify({ typing: false, reply_limit_s: 10 })));
  await page.goto('/practice');
  await page.getByRole('button', { name: 'Start call' }).click();
  const timer = page.getByRole('timer');
  await expect(timer).toBeVisible();
  await page.waitForTimeout(4_500);
  await page.reload();
  // The call under way is offered back; resuming it does not buy time.
  await page.getByRole('button', { name: 'Resume call' }).click();
  await expect(replies(page).first()).toBeVisible();
  await expect(timer).toBeVisible();
  const left = Number((await timer.innerText()).replace(/\D/g, ''));
  expect(left).toBeLessThanOrEqual(6);
});

test('leaving the tab on the ready screen between calls is not counted; during a call it is', async ({ page }) => {
  await fresh(page);
  const link = await buildSet(page, 'Integrity E', 2, 'off');
  await begin(page, link, 'Ivan');
  const ready = await untilReady(page);
  const leave = () =>
    page.evaluate(() => {
      Object.defineProperty(document, 'hidden', { value: true, configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
      Object.defineProperty(document, 'hidden', { value: false, configurable: true });
    });
  await leave();
  const stored = async () => page.evaluate(() => JSON.parse(localStorage.getItem('composure.assessment') ?? '{}'));
  expect((await stored()).tab_leaves).toBe(0);
  await page.getByRole('button', { name: 'Start call 2' }).click();
  await expect(replies(page).first()).toBeVisible();
  await leave();
  await expect.poll(async () => (await stored()).tab_leaves).toBe(1);
  const text = await finish(page);
  expect(JSON.parse(text).tab_leaves).toBe(1);
  expect(JSON.parse(text).calls).toHaveLength(2);
});
