import { expect, Page, test } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';
import { playWithKeys, replies, review } from '../support/practice';

// The first-call app (issue 15): Home and Practice in a wasm of their own, so that a first visit
// downloads what a first practice call runs and nothing else. The whole app (trainer, assessment,
// progress, the pack importer, SCORM and xAPI) starts at every other address, and wherever this
// browser keeps data only it reads. Each test starts in a new browser context: an empty cache, no
// service worker, nothing stored.

/** The wasm files this page has downloaded, by path. */
const wasmFiles = (page: Page) =>
  page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => new URL(e.name).pathname)
      .filter((p) => p.endsWith('.wasm')),
  );
// The apps' file names carry a hex hash. Trunk writes the whole app's without leading zeros, so
// it can be shorter than 16 digits (one build's was 15): match any length.
const FIRST = /^\/composure-first-[0-9a-f]+_bg\.wasm$/;
/** The built-in campaigns' data files this page has downloaded, as campaign ids (the catalog,
 * packs/index.json, is not one). */
const campaignFiles = (page: Page) =>
  page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => new URL(e.name).pathname.match(/^\/packs\/(.+)-[0-9a-f]{8}\.json$/)?.[1])
      .filter((id) => id)
      .sort(),
  );
const ALL_CAMPAIGNS = ['fibrelink-followup', 'fieldline-survey', 'northgate-bank', 'riverside-reminder', 'volta-complaints'];
/** The call's situation, as the call header shows it: its first words name the campaign's. */
const situation = (page: Page) => page.getByRole('region', { name: 'Customer' });
/** Ends the call under way, as the trainee would (it asks first). */
async function endCall(page: Page) {
  await page.getByRole('button', { name: 'End call' }).click();
  await page.getByRole('alertdialog', { name: 'End this call?' }).getByRole('button', { name: 'Yes, end the call' }).click();
}
const WHOLE = /^\/composure-app-[0-9a-f]+_bg\.wasm$/;

test('a first visit to Home and a whole practice call downloads the first-call app only', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.evaluate(() => localStorage.setItem('composure.prefs', JSON.stringify({ typing: false })));
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Practice' }).click();
  await expect(page.getByRole('heading', { name: 'Practice', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Start call' }).click();
  await expect(replies(page).first()).toBeVisible();
  expect(await playWithKeys(page, '1')).toBeGreaterThan(0);
  await expect(review(page)).toBeVisible();
  const wasm = await wasmFiles(page);
  expect(wasm, wasm.join(', ')).toHaveLength(1);
  expect(wasm[0]).toMatch(FIRST);
});

for (const [link, address] of [
  ['Progress', '/progress'],
  ['Trainer', '/trainer'],
  ['Assessment', '/assessment'],
] as const) {
  test(`the ${link} link from the first-call app opens ${address} in the whole app`, async ({ page }) => {
    await page.goto('/practice');
    await expect(page.getByRole('combobox', { name: 'Campaign' })).toBeVisible();
    expect(await wasmFiles(page)).toEqual([expect.stringMatching(FIRST)]);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link }).click();
    await expect(page.getByRole('heading', { name: link, level: 1 })).toBeVisible();
    expect(new URL(page.url()).pathname).toBe(address);
    expect(await wasmFiles(page)).toEqual([expect.stringMatching(WHOLE)]);
    // Inside the whole app, Home and Practice are client-side navigations: nothing reloads.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Practice' }).click();
    await expect(page.getByRole('heading', { name: 'Practice', level: 1 })).toBeVisible();
    expect(await wasmFiles(page)).toEqual([expect.stringMatching(WHOLE)]);
  });
}

test('a browser that keeps an imported pack opens Practice in the whole app, with the pack offered', async ({ page }) => {
  const doc = fs.readFileSync(path.join(__dirname, '../../../docs/content-format.md'), 'utf8');
  const start = doc.indexOf('```toml\n') + '```toml\n'.length;
  const pack = doc.slice(start, doc.indexOf('```', start));
  await page.goto('/trainer');
  await page.getByLabel('Import pack').setInputFiles({ name: 'greenleaf.toml', mimeType: 'text/plain', buffer: Buffer.from(pack) });
  await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toBeVisible();

  // A new tab (a new page in the same browser): /practice starts the first-call app, which sees
  // the stored pack and hands the tab over to the whole app before it shows anything.
  const tab = await page.context().newPage();
  await tab.goto('/practice');
  const campaign = tab.getByLabel('Campaign', { exact: true });
  await expect(campaign.getByRole('option', { name: /Greenleaf/ })).toHaveCount(1);
  expect(new URL(tab.url()).pathname).toBe('/practice');
  expect(await wasmFiles(tab)).toEqual([expect.stringMatching(WHOLE)]);
  // The tab remembers it: Home, loaded again, starts the whole app at once.
  await tab.goto('/');
  await expect(tab.getByRole('heading', { level: 1 })).toBeVisible();
  expect(await wasmFiles(tab)).toEqual([expect.stringMatching(WHOLE)]);
});

test('a browser with xAPI statements still to send starts the whole app', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(await wasmFiles(page)).toEqual([expect.stringMatching(FIRST)]);
  // A queue as the whole app writes it, with one statement for an LRS that is not there.
  await page.evaluate(() =>
    localStorage.setItem(
      'composure.xapi-outbox',
      JSON.stringify({
        schema: 1,
        pending: [{ endpoint: 'http://127.0.0.1:9/xAPI/', auth: '', statement: {} }],
        queued: {},
      }),
    ),
  );
  const tab = await page.context().newPage();
  await tab.goto('/');
  await expect(tab.getByRole('heading', { level: 1 })).toBeVisible();
  expect(await wasmFiles(tab)).toEqual([expect.stringMatching(WHOLE)]);
});

test('a first call fetches the one campaign it plays; another is fetched when it is picked', async ({ page }) => {
  await page.goto('/practice');
  const campaign = page.getByRole('combobox', { name: 'Campaign' });
  // Every campaign is offered, from the catalog, though only the first has been fetched.
  await expect(campaign.getByRole('option')).toHaveCount(ALL_CAMPAIGNS.length);
  await expect(campaign).toHaveValue('northgate-bank');
  expect(await campaignFiles(page)).toEqual(['northgate-bank']);
  await page.getByRole('button', { name: 'Start call' }).click();
  await expect(replies(page).first()).toBeVisible();
  await expect(situation(page)).toContainText('You call an existing Northgate current-account customer');
  expect(await campaignFiles(page)).toEqual(['northgate-bank']);

  // Another campaign, picked in the setup, plays once it has arrived.
  await endCall(page);
  await campaign.selectOption('volta-complaints');
  await page.getByRole('button', { name: 'Start call' }).click();
  await expect(replies(page).first()).toBeVisible();
  await expect(situation(page)).toContainText('rings the Volta billing line');
  expect(await campaignFiles(page)).toEqual(ALL_CAMPAIGNS);
});

test('the campaign the settings name is the one a first call fetches', async ({ page }) => {
  await page.goto('/favicon.svg');
  await page.evaluate(() => localStorage.setItem('composure.prefs', JSON.stringify({ typing: false, campaign: 'volta-complaints' })));
  await page.goto('/practice');
  await expect(page.getByRole('combobox', { name: 'Campaign' })).toHaveValue('volta-complaints');
  await page.getByRole('button', { name: 'Start call' }).click();
  await expect(situation(page)).toContainText('rings the Volta billing line');
  expect(await campaignFiles(page)).toEqual(['volta-complaints']);
});

test('a mixed shift waits for every campaign, and a call in progress in any of them survives a reload', async ({ page }) => {
  await page.goto('/favicon.svg');
  await page.evaluate(() =>
    localStorage.setItem('composure.prefs', JSON.stringify({ typing: false, mixed: true, shift_calls: 8, campaign: 'fieldline-survey' })),
  );
  await page.goto('/practice');
  await expect(page.getByRole('button', { name: 'Start shift' })).toBeVisible();
  expect(await campaignFiles(page)).toEqual(['fieldline-survey']);
  await page.getByRole('button', { name: 'Start shift' }).click();
  await expect(page.getByText('Call 1 of 8')).toBeVisible();
  expect(await campaignFiles(page)).toEqual(ALL_CAMPAIGNS);
  // Play on until a call of a campaign other than the first call's is under way, then reload:
  // the page fetches every campaign before it restores the call.
  for (let shift = 1; shift <= 20; shift++) {
    await expect(replies(page).first()).toBeVisible();
    if (!(await situation(page).innerText()).includes('Harbour & Vale')) break;
    await endCall(page);
    await page.getByRole('button', { name: 'Start shift' }).click();
  }
  const where = await situation(page).innerText();
  expect(where).not.toContain('Harbour & Vale');
  await page.reload();
  await page.getByRole('button', { name: 'Resume call' }).click();
  await expect(replies(page).first()).toBeVisible();
  expect(await situation(page).innerText()).toBe(where);
  expect(await campaignFiles(page)).toEqual(ALL_CAMPAIGNS);
  expect(await wasmFiles(page)).toEqual([expect.stringMatching(FIRST)]);
});

test('a campaign that cannot be fetched is named when its call would start, and the one that arrived still plays', async ({ page }) => {
  await page.route(/\/packs\/volta-complaints-[0-9a-f]{8}\.json$/, (route) => route.abort('internetdisconnected'));
  await page.goto('/favicon.svg');
  await page.evaluate(() => localStorage.setItem('composure.prefs', JSON.stringify({ typing: false })));
  await page.goto('/practice');
  const campaign = page.getByRole('combobox', { name: 'Campaign' });
  await campaign.selectOption('volta-complaints');
  await page.getByRole('button', { name: 'Start call' }).click();
  await expect(page.getByRole('alert')).toContainText('The call could not start: The built-in content could not be loaded');
  await expect(page.getByRole('alert')).toContainText('volta-complaints');
  await expect(replies(page)).toHaveCount(0);
  // The campaign the first call fetched plays as before.
  await campaign.selectOption('northgate-bank');
  await page.getByRole('button', { name: 'Start call' }).click();
  await expect(replies(page).first()).toBeVisible();
  await expect(situation(page)).toContainText('You call an existing Northgate current-account customer');
});

test('when the page loader’s early fetches fail, the app fetches the catalog and the campaign itself', async ({ page }) => {
  // The loader fetches the catalog and the first call's campaign while the wasm downloads, and
  // the app takes those texts over. Here both of those first requests fail; the app's own
  // requests (the second ones) succeed.
  const requested: string[] = [];
  page.on('request', (r) => {
    const p = new URL(r.url()).pathname;
    if (p.startsWith('/packs/')) requested.push(p);
  });
  await page.route('**/packs/index.json', (route) => route.abort('internetdisconnected'), { times: 1 });
  await page.route(/\/packs\/northgate-bank-[0-9a-f]{8}\.json$/, (route) => route.abort('internetdisconnected'), { times: 1 });
  await page.goto('/practice');
  await page.getByRole('button', { name: 'Start call' }).click();
  await expect(replies(page).first()).toBeVisible();
  await expect(situation(page)).toContainText('You call an existing Northgate current-account customer');
  expect(requested.filter((p) => p === '/packs/index.json')).toHaveLength(2);
  expect(requested.filter((p) => p.startsWith('/packs/northgate-bank-'))).toHaveLength(2);
});

test('the app reads the catalog and the first call’s campaign the page loader fetched, without fetching them again', async ({ page }) => {
  const requested: string[] = [];
  page.on('request', (r) => {
    const p = new URL(r.url()).pathname;
    if (p.startsWith('/packs/')) requested.push(p);
  });
  await page.goto('/practice');
  await page.getByRole('button', { name: 'Start call' }).click();
  await expect(replies(page).first()).toBeVisible();
  expect(requested).toEqual(['/packs/index.json', expect.stringMatching(/^\/packs\/northgate-bank-[0-9a-f]{8}\.json$/)]);
});

test('Practice opens before its first campaign is in; if that campaign cannot be fetched, Start call says so and a second try plays', async ({ page }) => {
  // The setup shows on the catalog alone, and the first call's campaign is read while it is on
  // screen. Here every request for that campaign fails until the route is lifted.
  const northgate = /\/packs\/northgate-bank-[0-9a-f]{8}\.json$/;
  await page.route(northgate, (route) => route.abort('internetdisconnected'));
  await page.goto('/practice');
  await expect(page.getByRole('combobox', { name: 'Campaign' })).toHaveValue('northgate-bank');
  await page.getByRole('button', { name: 'Start call' }).click();
  await expect(page.getByRole('alert')).toContainText('The call could not start: The built-in content could not be loaded');
  await expect(page.getByRole('alert')).toContainText('northgate-bank');
  await expect(replies(page)).toHaveCount(0);
  // Online again: the same button fetches it (and the other campaigns) and the call plays.
  await page.unroute(northgate);
  await page.getByRole('button', { name: 'Start call' }).click();
  await expect(replies(page).first()).toBeVisible();
  await expect(situation(page)).toContainText('You call an existing Northgate current-account customer');
});
