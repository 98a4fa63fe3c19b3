import { expect, FrameLocator, Page, test } from '@playwright/test';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { replies } from '../support/assessment';

// SCORM 1.2 against the real scorm-again runtime: the trainer downloads a set's package; a host
// page on another origin (a stand-in platform, served by request routing) makes the platform
// side with scorm-again's Scorm12API and frames the package's launch page at a deep path. The
// candidate plays the whole set (an assessment, or a practice set with its feedback and hints),
// with a relaunch between its calls; the test reads the data model the runtime recorded. The zip
// and its manifest are read by Python's zipfile and XML parser.

const LMS = 'http://lms.example.test';
const COURSE = '/courses/composure/42/';
const SCORM_AGAIN = path.join(__dirname, '../node_modules/scorm-again/dist/scorm12.js');

const complete = (f: FrameLocator, kind = 'Assessment') =>
  f.getByRole('heading', { name: `${kind} complete`, level: 1 });

/** A set the trainer packages: its name, mode and the zip's file name. */
interface SetSpec {
  name: string;
  mode: 'assessment' | 'practice';
  file: RegExp;
}
const ASSESSMENT: SetSpec = { name: 'Induction <week> & "calls"', mode: 'assessment', file: /induction-+week-+calls\.scorm12\.zip$/ };
const PRACTICE: SetSpec = { name: 'Drill <objections> & "hints"', mode: 'practice', file: /drill-+objections-+hints\.scorm12\.zip$/ };

interface Unpacked {
  zip: string[];
  files: string[];
  resources: { href: string; scormtype: string }[];
  schemaversion: string;
  mastery: string;
  bad: string | null;
}

/** Checks and extracts the zip with Python's zipfile; parses the manifest as XML. */
function unpack(zip: string, dir: string): Unpacked {
  const script = `
import json, sys, zipfile, xml.etree.ElementTree as ET
z = zipfile.ZipFile(sys.argv[1])
bad = z.testzip()
z.extractall(sys.argv[2])
root = ET.fromstring(z.read('imsmanifest.xml'))
ns = {'c': 'http://www.imsproject.org/xsd/imscp_rootv1p1p2', 'a': 'http://www.adlnet.org/xsd/adlcp_rootv1p2'}
res = root.findall('c:resources/c:resource', ns)
print(json.dumps({
  'zip': z.namelist(),
  'files': [f.get('href') for r in res for f in r.findall('c:file', ns)],
  'resources': [{'href': r.get('href'), 'scormtype': r.get('{%s}scormtype' % ns['a'])} for r in res],
  'schemaversion': root.findtext('c:metadata/c:schemaversion', namespaces=ns),
  'mastery': root.findtext('.//a:masteryscore', namespaces=ns),
  'bad': bad,
}))
`;
  return JSON.parse(execFileSync('python3', ['-c', script, zip, dir], { encoding: 'utf8' }));
}

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

// The platform's page: scorm-again's Scorm12API as window.API, the course in a frame. `launch`
// starts a fresh runtime with what the platform kept of earlier launches (as a platform does on
// a relaunch) and loads the course again; commits and finishes are counted.
const HOST = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Platform</title>
<script src="/scorm-again/scorm12.js"></script>
<script>
  window.commits = 0; window.finishes = 0; window.journal = [];
  window.launch = (kept) => {
    if (window.API) window.journal.push(...window.model().interactions);
    const api = new Scorm12API({ autocommit: false, logLevel: 5 });
    api.loadFromJSON({ core: { student_id: 'c-17', student_name: 'Lovelace, Ada', entry: kept ? 'resume' : 'ab-initio' },
      suspend_data: kept ? kept.suspend_data : '' });
    api.on('LMSCommit', () => { window.commits++; });
    api.on('LMSFinish', () => { window.finishes++; });
    window.API = api;
    document.getElementById('course').src = '${COURSE}index.html';
  };
  // The data model as scorm-again renders it, with the interactions (keyed "0", "1", ...) as a list.
  window.model = () => {
    const cmi = JSON.parse(JSON.stringify(window.API.cmi));
    cmi.interactions = Object.keys(cmi.interactions).sort((a, b) => a - b).map((k) => cmi.interactions[k]);
    return cmi;
  };
</script></head>
<body><iframe id="course" title="Course" width="1200" height="760"></iframe>
<script>window.launch(null);</script></body></html>`;

/** Serves the stand-in platform: its page, scorm-again, and the unpacked course at COURSE. */
async function platform(page: Page, dir: string) {
  await page.route(`${LMS}/**`, async (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === '/host.html') return route.fulfill({ body: HOST, contentType: 'text/html' });
    if (url.pathname === '/scorm-again/scorm12.js')
      return route.fulfill({ path: SCORM_AGAIN, contentType: 'text/javascript' });
    if (url.pathname.startsWith(COURSE)) {
      const file = path.join(dir, decodeURIComponent(url.pathname.slice(COURSE.length)));
      if (fs.existsSync(file))
        return route.fulfill({ path: file, contentType: TYPES[path.extname(file)] ?? 'application/octet-stream' });
    }
    return route.fulfill({ status: 404, body: 'not found' });
  });
}

/** The trainer saves a 2-call set (a practice set with hints on) and downloads its SCORM
 * package; returns the zip and the set's share link. */
async function downloadPackage(page: Page, dir: string, set = ASSESSMENT): Promise<{ zip: string; link: string }> {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.goto('/trainer');
  await page.getByRole('button', { name: 'New persona set' }).click();
  await page.getByLabel('Set name').fill(set.name);
  await page.getByLabel('Number of calls').fill('2');
  await page.getByLabel('Difficulty').selectOption('1');
  await page.getByLabel('Mode').selectOption(set.mode);
  await page.getByLabel('Time limit per reply').selectOption('off');
  await page.getByLabel('Pass mark').fill('50');
  if (set.mode === 'practice') await page.getByLabel('Hints').check();
  await page.getByRole('button', { name: 'Save set' }).click();
  const item = page.getByRole('region', { name: set.name });
  const link = await item.getByRole('textbox', { name: 'Share link' }).inputValue();
  const download = page.waitForEvent('download');
  await item.getByRole('button', { name: 'Download SCORM package' }).click();
  const file = path.join(dir, (await download).suggestedFilename());
  await (await download).saveAs(file);
  await expect(page.getByRole('status').filter({ hasText: 'SCORM package of' })).toContainText('downloaded');
  expect(file).toMatch(set.file);
  return { zip: file, link };
}

/** Picks the first line offered until `stop` shows, pressing "Continue" on each verdict card
 * (practice) and starting call 2 from its ready screen unless that is where to stop. Returns
 * the replies made and the verdict cards seen. */
async function answerUntil(f: FrameLocator, stop: ReturnType<FrameLocator['getByRole']>) {
  const start = f.getByRole('button', { name: 'Start call 2' });
  const go = f.getByRole('button', { name: 'Continue' });
  const seen = { replies: 0, verdicts: 0 };
  for (let i = 0; i < 160; i++) {
    await expect(replies(f as unknown as Page).first().or(stop).or(start).or(go).first()).toBeVisible();
    if (await stop.isVisible()) return seen;
    if (await start.isVisible()) {
      await start.click();
      continue;
    }
    if (await go.isVisible()) {
      await expect(f.getByRole('region', { name: 'Feedback on your last line' })).toBeVisible();
      seen.verdicts++;
      await go.click();
      await expect(go).toBeHidden();
      continue;
    }
    const n = await f.getByRole('log', { name: 'Transcript' }).getByRole('listitem').count();
    await replies(f as unknown as Page).first().click();
    seen.replies++;
    await expect
      .poll(async () =>
        (await stop.isVisible()) ||
        (await start.isVisible()) ||
        (await f.getByRole('log', { name: 'Transcript' }).getByRole('listitem').count()) !== n)
      .toBe(true);
  }
  throw new Error('the set did not get there');
}

test('a SCORM 1.2 package runs a whole assessment in a platform, resumes after a relaunch and records it', async ({ page }, info) => {
  test.setTimeout(120_000);
  const dir = info.outputPath('package');
  fs.mkdirSync(dir, { recursive: true });
  const { zip } = await downloadPackage(page, info.outputPath('.'));
  const bytes = fs.statSync(zip).size;
  console.log(`SCORM package: ${bytes} bytes`);

  // The zip: a valid manifest, SCORM 1.2, one SCO at index.html, every file named.
  const u = unpack(zip, dir);
  expect(u.bad).toBeNull();
  expect(u.schemaversion).toBe('1.2');
  expect(u.mastery).toBe('50');
  expect(u.resources).toEqual([{ href: 'index.html', scormtype: 'sco' }]);
  expect(u.zip[0]).toBe('imsmanifest.xml');
  expect([...u.files].sort()).toEqual(u.zip.filter((n) => n !== 'imsmanifest.xml').sort());
  for (const want of ['index.html', 'set.json']) expect(u.files).toContain(want);
  expect(u.files.some((f) => f.endsWith('.wasm'))).toBe(true);
  expect(u.files.some((f) => f.endsWith('.js'))).toBe(true);
  // The launch page names only files of the package.
  const launch = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  expect(launch).not.toMatch(/(src|href)="\/[^/]/);

  // The platform launches the course; the name comes from it.
  await platform(page, dir);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${LMS}/host.html`);
  const f = page.frameLocator('#course');
  await expect(f.getByRole('heading', { name: 'Assessment: Induction <week> & "calls"', level: 1 })).toBeVisible();
  await expect(f.getByRole('textbox', { name: 'Your name' })).toHaveValue('Lovelace, Ada');
  await expect(f.getByRole('textbox', { name: 'Your name' })).toHaveAttribute('readonly', '');
  await expect(f.getByText('Your learning platform supplied your name.')).toBeVisible();
  await expect(f.getByRole('link', { name: 'Trainer' })).toHaveCount(0);
  await f.getByRole('button', { name: 'Begin assessment' }).click();
  await expect(f.getByText('Call 1 of 2')).toBeVisible();

  // Call 1, then the platform closes the course at the ready screen.
  const ready = f.getByRole('heading', { name: 'Call 2 of 2 — ready?', level: 1 });
  expect((await answerUntil(f, ready)).verdicts).toBe(0);
  const mid = await page.evaluate(() => (window as any).model());
  expect(mid.core.lesson_status).toBe('incomplete');
  expect(mid.suspend_data).toMatch(/^C1[0-9a-zA-Z_-]+$/);
  expect(mid.suspend_data.length).toBeLessThanOrEqual(4096);
  expect(mid.interactions.length).toBeGreaterThan(0);
  expect(Number(mid.core.score.raw)).toBeGreaterThanOrEqual(0);
  const commitsMid = await page.evaluate(() => (window as any).commits);
  expect(commitsMid).toBeGreaterThanOrEqual(mid.interactions.length);

  // Relaunch with nothing but what the platform kept: this browser's storage is cleared first.
  await f.locator('body').evaluate(() => localStorage.clear());
  await page.evaluate((kept) => (window as any).launch(kept), { suspend_data: mid.suspend_data });
  await expect(f.getByRole('heading', { name: 'Call 2 of 2 — ready?', level: 1 })).toBeVisible();
  const finishesMid = await page.evaluate(() => (window as any).finishes);

  await answerUntil(f, complete(f));
  await expect(complete(f)).toBeVisible();
  const outcome = await f.locator('.outcome').innerText();
  const overall = Number(/overall (\d+)/.exec(outcome)?.[1]);

  // The result file holds every reply: the platform has one interaction per reply.
  const download = page.waitForEvent('download');
  await f.getByRole('button', { name: 'Download result' }).click();
  const result = JSON.parse(fs.readFileSync(await (await download).path(), 'utf8'));
  expect(result.candidate).toBe('Lovelace, Ada');
  const choices = result.calls.flatMap((c: any, i: number) => c.choices.map((ch: any) => ({ ...ch, call: i + 1 })));

  const end = await page.evaluate(() => (window as any).model());
  const all = [...(await page.evaluate(() => (window as any).journal)), ...end.interactions];
  expect(end.core.lesson_status).toBe(result.claimed.passed ? 'passed' : 'failed');
  expect(end.core.lesson_status).toBe(overall >= 50 ? 'passed' : 'failed');
  expect(Number(end.core.score.raw)).toBe(overall);
  expect(end.core.score.min).toBe('0');
  expect(end.core.score.max).toBe('100');
  expect(end.core.session_time).toMatch(/^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/);
  expect(end.suspend_data.length).toBeGreaterThan(0);
  expect(end.suspend_data.length).toBeLessThanOrEqual(4096);
  expect(all).toHaveLength(choices.length);
  all.forEach((it: any, k: number) => {
    const ch = choices[k];
    expect(it.type).toBe('choice');
    expect(it.id).toMatch(new RegExp(`^call${ch.call}-reply\\d+$`));
    expect(['correct', 'wrong', 'neutral']).toContain(it.result);
    expect(it.student_response).toBe(ch.pick === null || ch.pick === undefined ? '' : String.fromCharCode(97 + ch.pick));
    // HHHH:MM:SS.SS (scorm-again keeps it without trailing zeros): the reply time, to 10 ms.
    expect(it.latency).toMatch(/^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/);
    const [h, m, sec] = it.latency.split(':').map(Number);
    expect(Math.round((h * 3600 + m * 60 + sec) * 100)).toBe(Math.floor(ch.ms / 10));
  });
  expect(new Set(all.map((i: any) => i.id)).size).toBe(all.length);
  // The end of the attempt calls LMSFinish on the relaunch's runtime.
  expect(await page.evaluate(() => (window as any).finishes)).toBe(finishesMid + 1);
  expect(await page.evaluate(() => (window as any).API.isTerminated())).toBe(true);
  expect(await page.evaluate(() => (window as any).commits)).toBeGreaterThan(commitsMid);
  expect(errors).toEqual([]);
});

test('the package opened on its own, without a platform, works as the app does and says so', async ({ page }, info) => {
  const dir = info.outputPath('package');
  fs.mkdirSync(dir, { recursive: true });
  const { zip } = await downloadPackage(page, info.outputPath('.'));
  unpack(zip, dir);
  await platform(page, dir);
  await page.goto(`${LMS}${COURSE}index.html`);
  await expect(page.getByRole('status').filter({ hasText: 'No learning platform found' })).toBeVisible();
  await expect(page.getByRole('heading', { name: /^Assessment: Induction/, level: 1 })).toBeVisible();
  const name = page.getByRole('textbox', { name: 'Your name' });
  await expect(name).toHaveValue('');
  await name.fill('Grace');
  await page.getByRole('button', { name: 'Begin assessment' }).click();
  await expect(page.getByText('Call 1 of 2')).toBeVisible();
  await expect(replies(page).first()).toBeVisible();
});

test('a practice set is packaged too: it plays as practice in the platform, which records completed, never passed or failed', async ({ page }, info) => {
  test.setTimeout(120_000);
  const dir = info.outputPath('package');
  fs.mkdirSync(dir, { recursive: true });
  const { zip, link } = await downloadPackage(page, info.outputPath('.'), PRACTICE);
  console.log(`SCORM package of a practice set: ${fs.statSync(zip).size} bytes`);

  // Outside a package nothing changes: the practice set's link on /assessment is refused.
  expect(link).toMatch(/\/practice\?set=/);
  await page.goto(`/assessment${new URL(link).search}`);
  await expect(page.getByRole('alert')).toHaveText('This set is for practice, not an assessment: open it on the Practice page.');
  await expect(page.getByRole('button', { name: /^Begin/ })).toHaveCount(0);

  // The zip: one SCO, every file named, and no mastery score (practice has no pass mark).
  const u = unpack(zip, dir);
  expect(u.bad).toBeNull();
  expect(u.resources).toEqual([{ href: 'index.html', scormtype: 'sco' }]);
  expect(u.mastery).toBeNull();
  expect([...u.files].sort()).toEqual(u.zip.filter((n) => n !== 'imsmanifest.xml').sort());

  // In the platform it plays as practice: titled so, hints on, a verdict after each reply.
  await platform(page, dir);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${LMS}/host.html`);
  const f = page.frameLocator('#course');
  await expect(f.getByRole('heading', { name: `Practice: ${PRACTICE.name}`, level: 1 })).toBeVisible();
  expect(await page.frame({ url: /index\.html$/ })?.title()).toBe('Practice · Composure');
  await expect(f.getByRole('textbox', { name: 'Your name' })).toHaveValue('Lovelace, Ada');
  await f.getByRole('button', { name: 'Begin practice' }).click();
  await expect(f.getByText('Call 1 of 2')).toBeVisible();
  await expect(f.getByRole('heading', { name: `Practice: ${PRACTICE.name}`, level: 1 })).toBeVisible();
  await f.getByRole('button', { name: 'Show hint' }).click();
  await expect(f.getByRole('note')).not.toBeEmpty();

  // Call 1, then the platform closes the course at the ready screen: incomplete so far.
  const ready = f.getByRole('heading', { name: 'Call 2 of 2 — ready?', level: 1 });
  const first = await answerUntil(f, ready);
  expect(first.replies).toBeGreaterThan(0);
  expect(first.verdicts).toBe(first.replies);
  const mid = await page.evaluate(() => (window as any).model());
  expect(mid.core.lesson_status).toBe('incomplete');
  expect(mid.interactions).toHaveLength(first.replies);
  expect(Number(mid.core.score.raw)).toBeGreaterThanOrEqual(0);
  expect(mid.suspend_data.length).toBeLessThanOrEqual(4096);

  // Relaunch with only what the platform kept (the hint included): back at the ready screen.
  await f.locator('body').evaluate(() => localStorage.clear());
  await page.evaluate((kept) => (window as any).launch(kept), { suspend_data: mid.suspend_data });
  await expect(ready).toBeVisible();
  const finishesMid = await page.evaluate(() => (window as any).finishes);

  const second = await answerUntil(f, complete(f, 'Practice'));
  expect(second.verdicts).toBe(second.replies);
  console.log(`practice: ${first.replies} + ${second.replies} replies, ${first.verdicts + second.verdicts} verdict cards`);
  const outcome = await f.locator('.outcome').innerText();
  expect(outcome).toMatch(/^Practice finished: overall \d+/);
  const overall = Number(/overall (\d+)/.exec(outcome)?.[1]);

  const end = await page.evaluate(() => (window as any).model());
  const all = [...(await page.evaluate(() => (window as any).journal)), ...end.interactions];
  expect(end.core.lesson_status).toBe('completed');
  expect(Number(end.core.score.raw)).toBe(overall);
  expect(end.core.score.min).toBe('0');
  expect(end.core.score.max).toBe('100');
  expect(end.core.session_time).toMatch(/^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/);
  expect(all).toHaveLength(first.replies + second.replies);
  expect(new Set(all.map((i: any) => i.id)).size).toBe(all.length);
  all.forEach((it: any) => expect(it.type).toBe('choice'));
  expect(await page.evaluate(() => (window as any).finishes)).toBe(finishesMid + 1);
  expect(await page.evaluate(() => (window as any).API.isTerminated())).toBe(true);
  expect(errors).toEqual([]);
});
