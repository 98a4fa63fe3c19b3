import AxeBuilder from '@axe-core/playwright';
import { expect, Page, test } from '@playwright/test';
import { freshPractice, playWithKeys, review } from '../support/practice';

// Progress worth opening (issue 14, section 3): human names instead of internal ids, a chart with
// labelled axes, dates and a point per call, past calls that open their review, and no sideways
// scrolling on a tablet or a phone (the table becomes cards). Screenshots are kept as artefacts.

const points = (page: Page) => page.getByRole('group', { name: "Open a call's review" }).getByRole('button');
const dialog = (page: Page) => page.getByRole('dialog');

// Internal ids that must never reach the page: hyphenated techniques, move kinds and endings
// ("hang-up" is left out: it is an English word, and the tally says "2 hang-ups").
const RAW_IDS = [
  'set-boundary', 'scam-check', 'polite-close', 'compliance-failure', 'boundary-end',
  'state-purpose', 'check-permission', 'apologise-impact', 'feel-felt-found', 'plain-language',
  'check-understanding', 'disclose-terms', 'next-steps', 'honour-opt-out', 'end-politely',
  'over-promise', 'skip-verification', 'give-up', 'announce-recording', 'opt-out', 'off-topic',
  'manager-request', 'third-party',
];
const ENDINGS = ['Goal reached', 'Closed politely', 'Ended over abuse', 'Handed on', 'Customer hung up', 'Compliance breach'];



/** Two practice calls, then Progress. */
async function twoCallsThenProgress(page: Page) {
  await freshPractice(page, { difficulty: 1 });
  await page.getByRole('button', { name: 'Start call' }).click();
  await playWithKeys(page, '1');
  await page.getByRole('button', { name: 'Next call' }).click();
  await playWithKeys(page, '2');
  await page.getByRole('link', { name: 'Progress' }).click();
  await expect(page.getByRole('heading', { name: 'Progress', level: 1 })).toBeVisible();
  await expect(points(page)).toHaveCount(2);
}

async function noSeriousViolations(page: Page, screen: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const summary = bad.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `${screen}: ${summary.join('\n')}`).toEqual([]);
}

async function noRawIds(page: Page) {
  const text = await page.locator('main').innerText();
  for (const id of RAW_IDS) expect(text, `"${id}" is on the page`).not.toContain(id);
}

test('after two calls, Progress speaks in human names and its chart has axes, dates and points', async ({ page }) => {
  await twoCallsThenProgress(page);
  await expect(page.getByText(/^2 calls; mean overall \d+, mean composure \d+\.$/)).toBeVisible();
  await noRawIds(page);

  const chart = page.getByRole('img', { name: /Overall and composure over your last calls/ });
  await expect(chart).toBeVisible();
  await expect(chart.locator('text', { hasText: 'Score (0 to 100)' })).toBeVisible();
  await expect(chart.locator('text', { hasText: 'Date of the call' })).toBeVisible();
  for (const tick of ['0', '50', '100']) await expect(chart.locator('text.chart__tick', { hasText: new RegExp(`^${tick}$`) })).toHaveCount(1);
  // A date under each of the two points ("2 Dec"), and a visible marker per score per call.
  await expect(chart.locator('text.chart__tick', { hasText: /^\d{1,2} [A-Z][a-z]{2,3}$/ })).toHaveCount(2);
  await expect(chart.locator('circle.chart__mark--overall')).toHaveCount(2);
  await expect(chart.locator('rect.chart__mark--composure')).toHaveCount(2);
  await expect(points(page).first()).toHaveAccessibleName(/^Call on .+ with .+: overall \d+, composure \d+\. Open its review$/);

  // Endings in words, in the table.
  const rows = page.getByRole('table', { name: 'Recent calls' }).getByRole('row');
  await expect(rows).toHaveCount(3);
  for (const row of await rows.all()) {
    const cells = await row.getByRole('cell').allInnerTexts();
    if (cells.length > 0) expect(ENDINGS).toContain(cells[3]);
  }

  // Weak spots carry a human name and an example line: play on until there are some.
  const spots = page.locator('.weak__list li');
  for (let more = 0; more < 6 && (await spots.count()) === 0; more++) {
    await page.getByRole('link', { name: 'Practice' }).click();
    // Practice may bring back the last review (then "Next call") or show its setup.
    await page.getByRole('button', { name: 'Start call' }).or(page.getByRole('button', { name: 'Next call' })).first().click();
    await playWithKeys(page, String(1 + (more % 3)));
    await page.getByRole('link', { name: 'Progress' }).click();
    await expect(page.getByRole('heading', { name: 'Progress', level: 1 })).toBeVisible();
  }
  expect(await spots.count()).toBeGreaterThan(0);
  await noRawIds(page);
  for (const li of await spots.all()) {
    await expect(li.locator('strong')).toHaveText(/^[A-Z][^-]+$/);
    await expect(li.locator('.weak__example')).toHaveText(/^(For example: |The customer says something like ).+/);
  }
  await noSeriousViolations(page, 'Progress with weak spots');
});

test('a point on the chart and a row of the table each open that call\'s review', async ({ page }) => {
  await twoCallsThenProgress(page);

  // The first point, by pointer: the first call's review, in a dialog.
  const firstName = await points(page).first().getAttribute('aria-label');
  await points(page).first().click();
  await expect(dialog(page)).toBeVisible();
  await expect(dialog(page).getByRole('heading', { name: 'Call review' })).toBeVisible();
  await expect(dialog(page).getByText('Your line:').first()).toBeVisible();
  const who = firstName?.match(/ with (.+?): /)?.[1] ?? '';
  expect(who).not.toBe('');
  await expect(dialog(page).locator('.review-dialog__about')).toContainText(who);
  await noSeriousViolations(page, 'A past call\'s review');
  await page.screenshot({ path: test.info().outputPath('progress-review-1366.png'), fullPage: false });
  await page.keyboard.press('Escape');
  await expect(dialog(page)).toBeHidden();

  // The second point, by keyboard, with a visible focus ring.
  await points(page).nth(1).focus();
  const ring = await points(page).nth(1).locator('.chart__hit').evaluate((el) => getComputedStyle(el).stroke);
  expect(ring).not.toMatch(/^(none|transparent|rgba\(0, 0, 0, 0\))$/);
  await page.keyboard.press('Enter');
  await expect(dialog(page).getByRole('heading', { name: 'Call review' })).toBeVisible();
  await dialog(page).getByRole('button', { name: 'Close' }).click();
  await expect(dialog(page)).toBeHidden();

  // A row of the table: its Review button names the call; focus comes back to it on close.
  const open = page.getByRole('table', { name: 'Recent calls' }).getByRole('button', { name: /^Review: Call on / }).first();
  await open.click();
  await expect(dialog(page).getByRole('heading', { name: 'Call review' })).toBeVisible();
  await noRawIds(page);
  await dialog(page).getByRole('button', { name: 'Close' }).click();
  await expect(dialog(page)).toBeHidden();
  await expect(open).toBeFocused();
});

test('a call whose campaign has changed says so in words instead of a review', async ({ page }) => {
  await twoCallsThenProgress(page);
  await page.evaluate(() => {
    for (const key of Object.keys(localStorage).filter((k) => k.startsWith('composure.history.'))) {
      const entry = JSON.parse(localStorage.getItem(key) ?? '{}');
      entry.record.content_hash = '0000000000000000';
      localStorage.setItem(key, JSON.stringify(entry));
    }
  });
  await page.reload();
  await points(page).first().click();
  await expect(dialog(page).getByRole('heading', { name: 'Call review' })).toBeVisible();
  await expect(dialog(page)).toContainText('has changed since you played it');
  await expect(dialog(page)).not.toContainText('0000000000000000');
  await expect(dialog(page).getByText('Your line:')).toHaveCount(0);
});

test('a shift summary counts in words, with plurals right and no raw codes', async ({ page }) => {
  await freshPractice(page, { shift_calls: 3, shift_plan: 1, difficulty: 1 });
  await page.getByRole('button', { name: 'Start shift' }).click();
  for (let call = 1; call <= 3; call++) {
    await expect(page.getByText(`Call ${call} of 3`)).toBeVisible();
    await playWithKeys(page);
    await page.getByRole('button', { name: call < 3 ? 'Next call' : 'Finish shift' }).click();
  }
  await expect(page.getByRole('heading', { name: 'Shift summary' })).toBeVisible();
  const text = await page.locator('main').innerText();
  for (const id of RAW_IDS) expect(text).not.toContain(id);
  expect(text).toMatch(/\b(1 success|[023] successes) · (1 refusal|[023] refusals) · (1 hang-up|[023] hang-ups)\b/);
  expect(text).not.toMatch(/\b1 (successes|refusals|hang-ups)\b|\b[023] (success|refusal|hang-up)\b/);
  expect(text).toMatch(/Plan (not )?met: (1 success|[023] successes) against a plan of 1\./);
  const endings = await page.getByRole('table', { name: 'Calls in this shift' }).getByRole('row').evaluateAll((rows) =>
    rows.slice(1).map((r) => (r.querySelectorAll('td')[3] as HTMLElement | undefined)?.innerText ?? ''),
  );
  expect(endings).toHaveLength(3);
  for (const e of endings) expect(ENDINGS).toContain(e);
});

for (const [name, width, height] of [
  ['1366', 1366, 768],
  ['768', 768, 1024],
  ['390', 390, 844],
] as const) {
  test(`Progress at ${width}x${height} does not scroll sideways`, async ({ page }) => {
    await twoCallsThenProgress(page);
    await page.setViewportSize({ width, height });
    await page.goto('/progress');
    await expect(points(page)).toHaveCount(2);
    const overflow = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    expect(overflow[0], `page ${overflow[0]} px wide in a ${overflow[1]} px window`).toBeLessThanOrEqual(overflow[1]);
    // Every row is still on screen horizontally (cards on a phone, a table on wider screens).
    for (const cell of await page.getByRole('table', { name: 'Recent calls' }).locator('td').all()) {
      const box = await cell.boundingBox();
      expect(box && box.x + box.width <= width + 0.5).toBe(true);
    }
    await page.screenshot({ path: test.info().outputPath(`progress-${name}.png`), fullPage: true });
    await points(page).first().click();
    await expect(dialog(page).getByRole('heading', { name: 'Call review' })).toBeVisible();
    const inDialog = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    expect(inDialog[0]).toBeLessThanOrEqual(inDialog[1]);
    await page.screenshot({ path: test.info().outputPath(`progress-review-${name}.png`) });
  });
}
