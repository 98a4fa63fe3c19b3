import { expect, Page, test } from '@playwright/test';
import { untilReady } from '../support/assessment';
import * as fs from 'fs';
import * as path from 'path';

// Journeys of a trainer and a candidate on /trainer and /assessment: build a set, share its
// link, take the assessment, import the result and see it verified (or not, once edited);
// import packs with and without errors. Found by role and name; calls answered with the keys.

const replies = (page: Page) => page.getByRole('group', { name: 'Your reply' }).getByRole('button');
const transcript = (page: Page) => page.getByRole('log', { name: 'Transcript' }).getByRole('listitem');
const complete = (page: Page) => page.getByRole('heading', { name: 'Assessment complete', level: 1 });
const startNext = (page: Page) => page.getByRole('button', { name: /^Start call \d+$/ });
const SIZES = [
  { width: 1366, height: 768 },
  { width: 768, height: 1024 },
  { width: 390, height: 844 },
];

/** Full-page screenshots of the page as it is, at the three sizes (kept as test artefacts). */
async function shots(page: Page, name: string) {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.screenshot({ path: test.info().outputPath(`${name}-${size.width}x${size.height}.png`), fullPage: true });
  }
  await page.setViewportSize(SIZES[0]);
}

/** The first ```toml block of the content-format document: a valid pack. */
function docPack(): string {
  const doc = fs.readFileSync(path.join(__dirname, '../../../docs/content-format.md'), 'utf8');
  const start = doc.indexOf('```toml\n') + '```toml\n'.length;
  return doc.slice(start, doc.indexOf('```', start));
}

async function fresh(page: Page) {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
}

/** The trainer saves an assessment set and returns its link. */
async function buildSet(page: Page, name: string, calls = 2, mode = 'assessment'): Promise<string> {
  await page.goto('/trainer');
  await expect(page.getByRole('heading', { name: 'Trainer', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'New persona set' }).click();
  await page.getByLabel('Set name').fill(name);
  await page.getByLabel('Number of calls').fill(String(calls));
  await page.getByLabel('Difficulty').selectOption('1');
  await page.getByLabel('Mode').selectOption(mode);
  await page.getByLabel('Time limit per reply').selectOption('off');
  await page.getByLabel('Pass mark').fill('50');
  await expect(page.getByLabel('Seed')).toHaveValue(/^\d+$/);
  await page.getByRole('button', { name: 'Save set' }).click();
  const item = page.getByRole('region', { name });
  await expect(item).toBeVisible();
  await expect(item.getByRole('button', { name: 'Copy link' })).toBeVisible();
  await expect(item.getByRole('button', { name: 'Download file' })).toBeVisible();
  const link = await item.getByRole('textbox', { name: 'Share link' }).inputValue();
  expect(link).toMatch(new RegExp(`/${mode === 'assessment' ? 'assessment' : 'practice'}\\?set=[A-Za-z0-9_-]+$`));
  return link;
}

/** Answers with digit keys until the assessment is complete, starting each next call from its
 * ready screen. */
async function playAssessment(page: Page) {
  for (let i = 0; i < 120; i++) {
    if (await complete(page).isVisible()) return;
    await expect(replies(page).first().or(complete(page)).or(startNext(page))).toBeVisible();
    if (await complete(page).isVisible()) return;
    if (await startNext(page).isVisible()) {
      await startNext(page).click();
      continue;
    }
    const before = `${await page.locator('.assessment-progress').innerText()}|${await transcript(page).count()}`;
    await page.keyboard.press('1');
    await expect
      .poll(async () => {
        if ((await complete(page).isVisible()) || (await startNext(page).isVisible())) return true;
        const now = `${await page.locator('.assessment-progress').innerText().catch(() => '')}|${await transcript(page).count()}`;
        return now !== before;
      })
      .toBe(true);
  }
  throw new Error('the assessment did not end');
}

/** A candidate takes the assessment at `link` and downloads the result; returns its text. */
async function takeAssessment(page: Page, link: string, setName: string, candidate: string): Promise<string> {
  await page.goto(link);
  await expect(page.getByRole('heading', { name: `Assessment: ${setName}`, level: 1 })).toBeVisible();
  await expect(page.getByText('No hints, no retries')).toBeVisible();
  await expect(page.getByText('Pass mark: 50')).toBeVisible();
  await page.getByRole('button', { name: 'Begin assessment' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Your name' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Your name' }).fill(candidate);
  await page.getByRole('button', { name: 'Begin assessment' }).click();
  await expect(page.getByText('Call 1 of 2')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Show hint' })).toHaveCount(0);

  // One reply, then a reload: the same call resumes at the same turn.
  await expect(replies(page).first()).toBeVisible();
  await page.keyboard.press('1');
  // Wait for the next offer (of this call, or of the next one if that reply ended the call), so the
  // page is not between two calls when it is read.
  await expect(replies(page).first().or(complete(page)).or(startNext(page))).toBeVisible();
  if (await startNext(page).isVisible()) {
    // That reply ended call 1: a reload comes back to the ready screen.
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Call 2 of 2 — ready?', level: 1 })).toBeVisible();
    // Leaving the tab counts only while a call is on screen: start call 2 first.
    await startNext(page).click();
    await expect(replies(page).first()).toBeVisible();
  } else if (!(await complete(page).isVisible())) {
    const progress = await page.locator('.assessment-progress').innerText();
    const lines = await transcript(page).allInnerTexts();
    await page.reload();
    await expect(page.locator('.assessment-progress')).toHaveText(progress);
    expect(await transcript(page).allInnerTexts()).toEqual(lines);
  }
  // Leaving the tab during a call is counted.
  await page.evaluate(() => {
    Object.defineProperty(document, 'hidden', { value: true, configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
    Object.defineProperty(document, 'hidden', { value: false, configurable: true });
  });
  // No feedback between replies.
  await expect(page.getByRole('region', { name: 'Feedback on your last line' })).toHaveCount(0);
  await playAssessment(page);

  await expect(complete(page)).toBeVisible();
  await expect(page.getByText(/^(Passed|Not passed): overall \d+/)).toBeVisible();
  await expect(page.getByText('left the tab 1 time(s)')).toBeVisible();
  // A summary of each call in words, and numbered steps to hand the result in.
  const calls = page.getByRole('region', { name: 'Your calls' }).getByRole('listitem');
  await expect(calls).toHaveCount(2);
  for (const [i, call] of (await calls.all()).entries()) {
    await expect(call).toHaveText(new RegExp(`^Call ${i + 1}: .+\\(.+\\) (Goal reached|Closed politely|You ended|Handed on|The customer hung up|A compliance failure).* \\((the right ending|not the ending).*\\)\\. Overall \\d+ out of 100\\.$`));
  }
  const steps = page.getByRole('region', { name: 'Hand in your result' }).getByRole('listitem');
  await expect(steps).toHaveCount(3);
  await expect(steps.nth(0)).toContainText('Download the result file');
  await expect(steps.nth(1)).toContainText('Send the file to your trainer');
  await expect(steps.nth(2)).toContainText('Your trainer imports it and sees');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    steps.nth(0).getByRole('button', { name: 'Download result' }).click(),
  ]);
  const file = await download.path();
  const text = fs.readFileSync(file!, 'utf8');
  const result = JSON.parse(text);
  expect(result.schema).toBe(1);
  expect(result.candidate).toBe(candidate);
  expect(result.calls).toHaveLength(2);
  expect(result.tab_leaves).toBe(1);
  expect(result.reloads ?? 0).toBeLessThanOrEqual(1);
  expect(result.salt).toEqual(expect.any(Number));
  expect(result.content_hash).toMatch(/^[0-9a-f]{16}$/);

  // A finished assessment is not restarted by coming back: it shows its result.
  await page.goto('/assessment');
  await expect(complete(page)).toBeVisible();
  return text;
}

async function importResult(page: Page, name: string, text: string) {
  await page.getByLabel('Import results').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

const results = (page: Page) => page.getByRole('table', { name: 'Assessment results' });

test('a trainer builds an assessment, a candidate takes it, the trainer sees it verified', async ({ page }) => {
  await fresh(page);
  const link = await buildSet(page, 'Week 1 assessment');
  const text = await takeAssessment(page, link, 'Week 1 assessment', 'Ada Lovelace');

  await page.goto('/trainer');
  await importResult(page, 'ada.json', text);
  const row = results(page).getByRole('row').filter({ hasText: 'Ada Lovelace' });
  await expect(row).toBeVisible();
  await expect(row.getByRole('cell').nth(9)).toHaveText('Verified');
  await expect(row.getByRole('cell').nth(10)).toHaveText('Set as issued');
  await expect(row.getByRole('cell').nth(8)).toHaveText(/^(Pass|Fail)$/);
  for (const col of ['Candidate', 'Set', 'Date', 'Overall', 'Composure', 'Correctness', 'Outcome', 'Responsiveness', 'Result', 'Verified', 'Set check', 'Tab leaves', 'Reloads', 'Clock']) {
    await expect(results(page).getByRole('columnheader', { name: col, exact: true })).toBeVisible();
  }
  await expect(page.getByRole('img', { name: 'Score distribution' })).toBeVisible();
  await expect(page.getByText(/Overall scores of 1 result\(s\) by band/).last()).toBeVisible();

  // The same file again is not counted twice; sorting by a header marks it sorted.
  await importResult(page, 'ada-again.json', text);
  await expect(page.getByRole('alert').filter({ hasText: 'already imported' })).toBeVisible();
  await results(page).getByRole('button', { name: 'Overall', exact: true }).click();
  await expect(results(page).getByRole('columnheader', { name: 'Overall', exact: true })).toHaveAttribute('aria-sort', 'ascending');

  // At 1366 x 768 the whole table fits: its last column ends inside the viewport, Verified shows.
  await page.setViewportSize({ width: 1366, height: 768 });
  for (const name of ['Verified', 'Clock']) {
    const box = await results(page).getByRole('columnheader', { name, exact: true }).boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x + box!.width).toBeLessThanOrEqual(1366);
  }
  const cell = await row.getByRole('cell').last().boundingBox();
  expect(cell!.x + cell!.width).toBeLessThanOrEqual(1366);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
  // Nothing is hidden in a sideways scroll of the table's box either.
  const wrap = page.locator('.table-wrap').filter({ has: results(page) });
  expect(await wrap.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
  await shots(page, 'trainer-results');

  // The row opens the whole transcript in a dialog, with the focus on its heading; Escape
  // closes it and the focus goes back to the row.
  const opener = row.getByRole('button', { name: 'Ada Lovelace' });
  await opener.click();
  const dialog = page.getByRole('dialog', { name: 'Transcript: Ada Lovelace' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('heading', { name: 'Transcript: Ada Lovelace' })).toBeFocused();
  await shots(page, 'trainer-transcript');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(opener).toBeFocused();
  await opener.click();
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Close transcript' })).toBeInViewport();
  await dialog.getByRole('button', { name: 'Close transcript' }).click();
  await expect(dialog).toHaveCount(0);
  await opener.click();
  await expect(page.getByRole('heading', { name: 'Transcript: Ada Lovelace' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Call review' })).toHaveCount(2);
  await expect(page.getByRole('region', { name: 'Call review' })).toHaveCount(2);
  // Two reviews on one page: every id is still unique (the reviews label themselves by id).
  const ids = await page.locator('[id]').evaluateAll((els) => els.map((e) => e.id));
  expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  await expect(page.getByText('Your line:').first()).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await shots(page, 'trainer');

  // CSV with the same columns.
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  const lines = fs.readFileSync((await csv.path())!, 'utf8').trim().split(/\r?\n/);
  expect(lines[0]).toBe('Candidate,Set,Date,Overall,Composure,Correctness,Outcome,Responsiveness,Result,Verified,Set check,Tab leaves,Reloads,Clock');
  expect(lines[1]).toMatch(/^Ada Lovelace,Week 1 assessment,.*,(Pass|Fail),Verified,Set as issued,1,[01],OK$/);

  // Imported results survive a reload.
  await page.reload();
  await expect(results(page).getByRole('row').filter({ hasText: 'Ada Lovelace' })).toBeVisible();
});

test('an edited score shows Not verified; bad files are refused by name', async ({ page }) => {
  await fresh(page);
  const link = await buildSet(page, 'Week 2 assessment');
  const text = await takeAssessment(page, link, 'Week 2 assessment', 'Grace Hopper');
  const edited = JSON.parse(text);
  const bump = (n: number) => (n >= 90 ? n - 9 : n + 9);
  edited.calls[0].claimed.overall = bump(edited.calls[0].claimed.overall);
  edited.claimed.scores.overall = bump(edited.claimed.scores.overall);

  await page.goto('/trainer');
  await importResult(page, 'grace.json', JSON.stringify(edited, null, 2));
  const row = results(page).getByRole('row').filter({ hasText: 'Grace Hopper' });
  await expect(row.getByRole('cell').nth(9)).toHaveText(/^Not verified: /);
  await expect(row.getByRole('cell').nth(8)).toHaveText('—');

  // Malformed, truncated, unknown schema, wrong kind and tag-laden text: refused, nothing changes.
  const bad: [string, string, RegExp][] = [
    ['truncated.json', text.slice(0, text.length / 2), /truncated\.json was not imported: it is cut short/],
    ['notjson.json', 'hello there', /notjson\.json was not imported: it is not valid Composure data/],
    ['future.json', text.replace('"schema": 1', '"schema": 9'), /future\.json was not imported: it uses schema version 9/],
    ['<b>set</b>.json', JSON.stringify({ schema: 1, kind: 'composure-set' }), /<b>set<\/b>\.json was not imported: it is a persona set file/],
  ];
  for (const [name, body, message] of bad) {
    await importResult(page, name, body);
    await expect(page.getByRole('alert').filter({ hasText: message })).toBeVisible();
    await expect(results(page).getByRole('row')).toHaveCount(2);
  }
  expect(await page.locator('b').count()).toBe(0);
});

test('a pack with errors shows its diagnostics and is refused', async ({ page }) => {
  await fresh(page);
  await page.goto('/trainer');
  const broken = docPack().replace('purpose = "survey"', 'purpose = "party"');
  await page.getByLabel('Import pack').setInputFiles({ name: 'broken.toml', mimeType: 'text/plain', buffer: Buffer.from(broken) });
  await expect(page.getByRole('alert').filter({ hasText: 'The pack was not imported' })).toBeVisible();
  const diags = page.getByRole('region', { name: 'Pack diagnostics' }).getByRole('listitem');
  await expect(diags.first()).toHaveText(/^broken\.toml:\d+:\d+: error: /);
  // The faulty line, and a caret line marking the bad value under it.
  const party = diags.filter({ hasText: 'party' }).first();
  const excerpt = (await party.locator('pre').innerText()).split('\n');
  expect(excerpt[0]).toBe('purpose = "party"');
  expect(excerpt[1]).toMatch(/^ +\^+$/);
  expect(excerpt[1].indexOf('^')).toBe(excerpt[0].indexOf('"party"'));
  expect(excerpt[1].trim().length).toBe('"party"'.length);
  await shots(page, 'trainer-pack-diagnostics');
  const keys = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('composure.pack.')));
  expect(keys).toHaveLength(0);
  await page.goto('/practice');
  await expect(page.getByLabel('Campaign', { exact: true }).getByRole('option', { name: /Greenleaf/ })).toHaveCount(0);
});

test('a valid custom pack becomes selectable in Practice and can be removed', async ({ page }) => {
  await fresh(page);
  await page.evaluate(() => localStorage.setItem('composure.prefs', JSON.stringify({ typing: false })));
  await page.goto('/trainer');
  await page.getByLabel('Import pack').setInputFiles({ name: 'greenleaf.toml', mimeType: 'text/plain', buffer: Buffer.from(docPack()) });
  await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toBeVisible();
  await page.getByRole('button', { name: 'New persona set' }).click();
  await expect(page.getByRole('group', { name: 'Campaign' }).getByLabel(/Greenleaf/)).toBeVisible();

  await page.getByRole('link', { name: 'Practice' }).click();
  const campaign = page.getByLabel('Campaign', { exact: true });
  await expect(campaign.getByRole('option', { name: /Greenleaf/ })).toHaveCount(1);
  await campaign.selectOption({ label: 'Greenleaf Foods: two-minute shopper survey' });
  await page.getByRole('button', { name: 'Start call' }).click();
  await expect(replies(page).first()).toBeVisible();
  await expect(page.getByText('loyalty-card member')).toBeVisible();

  await page.getByRole('link', { name: 'Trainer' }).click();
  // Removing a pack asks first.
  await page.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(page.getByRole('alertdialog', { name: 'Confirm removal' })).toBeVisible();
  await page.getByRole('button', { name: 'Keep it' }).click();
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  await page.getByRole('button', { name: 'Remove', exact: true }).click();
  await page.getByRole('button', { name: 'Remove pack' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Pack removed' })).toBeVisible();
});

test('a practice link starts the set for the trainee; sets can be duplicated and deleted', async ({ page }) => {
  await fresh(page);
  const link = await buildSet(page, 'Warm-up', 2, 'practice');
  await page.getByRole('region', { name: 'Warm-up' }).getByRole('button', { name: 'Duplicate' }).click();
  await expect(page.getByLabel('Set name')).toHaveValue('Warm-up (copy)');
  await page.getByRole('button', { name: 'Save set' }).click();
  await expect(page.getByRole('region', { name: 'Warm-up (copy)' })).toBeVisible();
  await page.getByRole('region', { name: 'Warm-up (copy)' }).getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('alertdialog')).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('region', { name: 'Warm-up (copy)' })).toBeVisible();
  await page.getByRole('region', { name: 'Warm-up (copy)' }).getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('button', { name: 'Yes, delete set' }).click();
  await expect(page.getByRole('region', { name: 'Warm-up (copy)' })).toHaveCount(0);

  // A bad link is refused with a clear message.
  await page.goto('/practice?set=abc$');
  await expect(page.getByRole('alert').filter({ hasText: 'cannot be opened' })).toBeVisible();

  await page.evaluate(() => localStorage.setItem('composure.prefs', JSON.stringify({ typing: false })));
  await page.goto(link);
  await expect(replies(page).first()).toBeVisible();
  await expect(page).toHaveURL(/\/practice$/);
});

test('the Trainer page links to the content format document', async ({ page, request }) => {
  await page.goto('/trainer');
  const link = page.getByRole('link', { name: 'the content format' });
  await expect(link).toBeVisible();
  const href = await link.getAttribute('href');
  const res = await request.get(href ?? '');
  expect(res.ok()).toBe(true);
  expect(await res.text()).toContain('# Composure content format');
});

test('a result that cannot be stored (storage full) gets no row and the trainer is told', async ({ page }) => {
  await fresh(page);
  const link = await buildSet(page, 'Week 3 assessment');
  const text = await takeAssessment(page, link, 'Week 3 assessment', 'Quota Tester');
  await page.goto('/trainer');
  // Fill the origin's storage to the last kilobyte, as years of use might.
  const filled = await page.evaluate(() => {
    let n = 0;
    for (let size = 1 << 20; size >= 1024; size >>= 1) {
      for (;;) {
        try {
          localStorage.setItem(`filler.${n}`, 'x'.repeat(size));
          n++;
        } catch {
          break;
        }
      }
    }
    return n;
  });
  expect(filled).toBeGreaterThan(0);
  await importResult(page, 'quota.json', text);
  await expect(page.getByRole('alert').filter({ hasText: /quota\.json was not imported: it could not be kept in this browser/ })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'Quota Tester' })).toHaveCount(0);
  // Room again: the same file imports, and its row survives a reload.
  await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('filler.')).forEach((k) => localStorage.removeItem(k)));
  await importResult(page, 'quota.json', text);
  await expect(page.getByRole('row').filter({ hasText: 'Quota Tester' })).toHaveCount(1);
  await page.reload();
  await expect(page.getByRole('row').filter({ hasText: 'Quota Tester' })).toHaveCount(1);
});

test('the set form is grouped, and a refused value is shown beside its field', async ({ page }) => {
  await fresh(page);
  await page.goto('/trainer');
  await page.getByRole('button', { name: 'New persona set' }).click();
  for (const name of ['Basics', 'Customers', 'Rules']) {
    await expect(page.getByRole('group', { name, exact: true })).toBeVisible();
  }
  await expect(page.getByRole('group', { name: 'Basics' }).getByLabel('Set name')).toBeVisible();
  await expect(page.getByRole('group', { name: 'Rules' }).getByLabel('Pass mark')).toBeVisible();
  // Seed and weights are folded away under Advanced.
  const advanced = page.getByText('Advanced: seed and score weights');
  await expect(advanced).toBeVisible();
  await expect(page.getByLabel('Seed')).toBeHidden();
  await page.getByLabel('Set name').fill('Week 4');
  await page.getByLabel('Pass mark').fill('500');
  await page.getByRole('button', { name: 'Save set' }).click();
  const pass = page.getByLabel('Pass mark');
  await expect(pass).toHaveAttribute('aria-invalid', 'true');
  await expect(pass).toHaveAccessibleDescription('enter a whole number from 0 to 100.');
  await expect(page.getByRole('alert').filter({ hasText: 'The set was not saved. Pass mark:' })).toBeVisible();
  await shots(page, 'trainer-set-form-error');
  // Fixing it clears the mark; a bad seed opens Advanced and is marked there.
  await pass.fill('60');
  await expect(pass).not.toHaveAttribute('aria-invalid', 'true');
  await advanced.click();
  await page.getByLabel('Seed').fill('twelve');
  await advanced.click();
  await expect(page.getByLabel('Seed')).toBeHidden();
  await page.getByRole('button', { name: 'Save set' }).click();
  await expect(page.getByLabel('Seed')).toBeVisible();
  await expect(page.getByLabel('Seed')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Seed')).toHaveAccessibleDescription('enter a whole number.');
  await page.getByLabel('Seed').fill('12');
  await page.getByRole('button', { name: 'Save set' }).click();
  const item = page.getByRole('region', { name: 'Week 4' });
  await expect(item).toBeVisible();
  // One primary action; the others grouped as quiet buttons.
  await expect(item.getByRole('button', { name: 'Copy link' })).toHaveClass(/button--primary/);
  const more = item.getByRole('group', { name: 'More for Week 4' });
  for (const name of ['Download file', 'Edit', 'Duplicate', 'Delete']) {
    await expect(more.getByRole('button', { name })).toHaveClass(/button--quiet/);
  }
});

test('between calls a ready screen waits, untimed; the screens at three sizes', async ({ page }) => {
  await fresh(page);
  await page.evaluate(() => localStorage.setItem('composure.prefs', JSON.stringify({ typing: false })));
  await page.goto('/trainer');
  await page.getByRole('button', { name: 'New persona set' }).click();
  await page.getByLabel('Set name').fill('Ready check');
  await page.getByLabel('Number of calls').fill('2');
  await page.getByLabel('Difficulty').selectOption('1');
  await page.getByLabel('Mode').selectOption('assessment');
  await page.getByLabel('Time limit per reply').selectOption('10');
  await page.getByRole('button', { name: 'Save set' }).click();
  const link = await page.getByRole('region', { name: 'Ready check' }).getByRole('textbox', { name: 'Share link' }).inputValue();
  await page.goto(link);
  await page.getByRole('textbox', { name: 'Your name' }).fill('Rita');
  await shots(page, 'assessment-intro');
  await page.getByRole('button', { name: 'Begin assessment' }).click();
  await expect(replies(page).first()).toBeVisible();
  await shots(page, 'assessment-call');
  const ready = await untilReady(page);
  await expect(ready).toBeFocused();
  await expect(page.getByRole('timer')).toHaveCount(0);
  await expect(page.getByRole('group', { name: 'Your reply' })).toHaveCount(0);
  await shots(page, 'assessment-ready');
  // A reload comes back to it, and is not counted: no call was on screen.
  await page.reload();
  await expect(ready).toBeVisible();
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('composure.assessment') ?? '{}'));
  expect(stored.reloads ?? 0).toBe(0);
  expect(stored.done).toHaveLength(1);
  // The reply timer did not run while the ready screen showed.
  await page.waitForTimeout(2_500);
  await page.getByRole('button', { name: 'Start call 2' }).click();
  await expect(page.getByText('Call 2 of 2')).toBeVisible();
  const left = Number((await page.getByRole('timer').innerText()).replace(/\D/g, ''));
  expect(left).toBeGreaterThanOrEqual(9);
  await playAssessment(page);
  await expect(complete(page)).toBeVisible();
  await expect(page.getByRole('region', { name: 'Your calls' }).getByRole('listitem')).toHaveCount(2);
  await shots(page, 'assessment-complete');
});
