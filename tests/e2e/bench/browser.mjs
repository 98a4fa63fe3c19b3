// Browser figures for scripts/bench: load time, transfer, turn latency and memory, measured with
// the Performance APIs in Debian's Chromium against the release builds on loopback. The bare
// Leptos baseline (bench/baseline) is measured in the same browser, its page loads interleaved
// with Composure's so that drift in the machine's speed hits both.
// Usage: node bench/browser.mjs BASE_URL RUNS CALLS BASELINE_URL > result.json
import { chromium } from '@playwright/test';

const base = process.argv[2];
const runs = Number(process.argv[3] ?? 7);
const callsWanted = Number(process.argv[4] ?? 100);
const baseline = process.argv[5];
if (!base || !baseline) throw new Error('usage: browser.mjs BASE_URL RUNS CALLS BASELINE_URL');

const launch = () =>
  chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--enable-precise-memory-info', '--js-flags=--expose-gc'],
  });

/** A new browser context (empty cache, no service worker) whose first request warms the
 * connection to `origin` with a small file, as every measured load does. */
async function freshPage(browser, prefs, origin = base) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await page.goto(origin + '/favicon.svg');
  if (prefs) {
    await page.evaluate((p) => { localStorage.clear(); localStorage.setItem('composure.prefs', JSON.stringify(p)); }, prefs);
  }
  return { context, page };
}

const replies = (page) => page.getByRole('group', { name: 'Your reply' }).getByRole('button');

/** Runs in the page before its own scripts: notes, with the page's clock, when a link or button
 * with a given text first appears (a MutationObserver), and when the first click arrives. The
 * in-page figures leave out Playwright's own delays (its polling, and its click, which waits for
 * the button to hold still over two animation frames); a person's reaction time is not the app's
 * either. */
function watchInPage() {
  window.__seen = {};
  const note = (key, found) => {
    if (window.__seen[key] === undefined && found()) window.__seen[key] = performance.now();
  };
  const named = (selector, text) => () => [...document.querySelectorAll(selector)].some((e) => e.textContent.trim() === text);
  new MutationObserver(() => {
    note('practiceLink', named('a', 'Practice'));
    note('counterLink', named('a', 'Counter'));
    note('startCall', named('button', 'Start call'));
    if (window.__seen.click !== undefined) {
      note('firstLine', () => document.querySelector('[role=group][aria-label="Your reply"] button'));
    }
  }).observe(document, { childList: true, subtree: true });
  addEventListener('click', () => { window.__seen.click ??= performance.now(); }, true);
}
const seen = (page) => page.evaluate(() => window.__seen);
const review = (page) => page.getByRole('heading', { name: 'Call review' });
const now = (page) => page.evaluate(() => performance.now());

/** Cold load of Composure's Home: navigation start to the Practice link in the DOM, as Playwright
 * sees it and as the page does. */
async function composureHome(browser) {
  const { context, page } = await freshPage(browser, { typing: false });
  await page.addInitScript(watchInPage);
  await page.goto(base + '/');
  await page.getByRole('link', { name: 'Practice', exact: true }).first().waitFor();
  const t = await now(page);
  const inPage = (await seen(page)).practiceLink;
  await context.close();
  return [t, inPage];
}

/** Cold load of /practice: navigation start to the first offered line of a call. In the page:
 * until Start call appears, plus from the click to the first line (as if clicked at once). */
async function composureFirstLine(browser) {
  const { context, page } = await freshPage(browser, { typing: false });
  await page.addInitScript(watchInPage);
  await page.goto(base + '/practice');
  await page.getByRole('button', { name: 'Start call' }).click();
  await replies(page).first().waitFor();
  const t = await now(page);
  const s = await seen(page);
  await context.close();
  return [t, s.startCall + (s.firstLine - s.click)];
}

/** Cold load of the baseline's Home, measured the same way: navigation start to its link. */
async function baselineHome(browser) {
  const { context, page } = await freshPage(browser, null, baseline);
  await page.addInitScript(watchInPage);
  await page.goto(baseline + '/');
  await page.getByRole('link', { name: 'Counter', exact: true }).waitFor();
  const t = await now(page);
  const inPage = (await seen(page)).counterLink;
  await context.close();
  return [t, inPage];
}

/** RUNS rounds of the three cold loads; each round starts with a different one, so neither app
 * always runs first. */
async function loadTimes(browser) {
  const home = [], firstLine = [], baselineHomes = [];
  const inPage = { home: [], firstLine: [], baselineHome: [] };
  const both = (all, own, [t, mine]) => { all.push(t); own.push(mine); };
  const jobs = [
    async () => both(baselineHomes, inPage.baselineHome, await baselineHome(browser)),
    async () => both(home, inPage.home, await composureHome(browser)),
    async () => both(firstLine, inPage.firstLine, await composureFirstLine(browser)),
  ];
  for (let i = 0; i < runs; i++) {
    for (let j = 0; j < jobs.length; j++) await jobs[(i + j) % jobs.length]();
  }
  return { home, firstLine, baselineHome: baselineHomes, inPage };
}

/** The same-origin files a page fetched (its own document included), as URL paths. */
const fetched = (page) =>
  page.evaluate(() => {
    const here = location.origin;
    const urls = [performance.getEntriesByType('navigation')[0]?.name ?? location.href,
      ...performance.getEntriesByType('resource').map((e) => e.name)];
    return [...new Set(urls.filter((u) => u.startsWith(here)).map((u) => new URL(u).pathname))];
  });

/** The files of a first visit: Composure's Home, then (in the page) Practice and a first call;
 * the baseline's Home, then its second page. */
async function firstVisit(browser) {
  let { context, page } = await freshPage(browser, { typing: false });
  await page.goto(base + '/');
  await page.getByRole('link', { name: 'Practice', exact: true }).first().click();
  await page.getByRole('button', { name: 'Start call' }).click();
  await replies(page).first().waitFor();
  const composure = await fetched(page);
  await context.close();
  ({ context, page } = await freshPage(browser, null, baseline));
  await page.goto(baseline + '/');
  await page.getByRole('link', { name: 'Counter', exact: true }).click();
  await page.getByRole('button').first().waitFor();
  const base_ = await fetched(page);
  await context.close();
  return { composure, baseline: base_ };
}

/** Plays calls with the keyboard; returns per-turn latencies (key press to the customer's next
 * line in the DOM) and JS heap samples every 10 calls. */
async function play(browser, turnsWanted, callsWanted) {
  const { context, page } = await freshPage(browser, { typing: false, hints: false });
  await page.goto(base + '/practice');
  await page.evaluate(() => {
    window.__lat = [];
    window.__t0 = 0;
    window.addEventListener('keydown', (e) => { if (/^[1-6]$/.test(e.key)) window.__t0 = performance.now(); }, true);
    new MutationObserver(() => {
      if (!window.__t0) return;
      const last = document.querySelector('[role=log] li:last-child');
      if (last && last.classList.contains('turn--customer') && last !== window.__seen) {
        window.__lat.push(performance.now() - window.__t0);
        window.__t0 = 0;
        window.__seen = last;
      }
    }).observe(document.body, { childList: true, subtree: true });
  });
  await page.getByRole('button', { name: 'Start call' }).click();
  const heap = [];
  let calls = 0;
  for (;;) {
    const done = await page.evaluate(() => window.__lat.length);
    if (done >= turnsWanted && calls >= callsWanted) break;
    const go = page.getByRole('button', { name: 'Continue' });
    await replies(page).first().or(review(page)).or(go).waitFor();
    if (await go.isVisible()) {
      // The verdict card after a reply: move on (the turn was timed when the line arrived).
      await page.keyboard.press('Enter');
      continue;
    }
    if (await review(page).isVisible()) {
      calls++;
      if (calls % 10 === 0) {
        await page.evaluate(() => window.gc && window.gc());
        heap.push({ calls, bytes: await page.evaluate(() => performance.memory.usedJSHeapSize) });
      }
      // The last key press ended the call: no customer line answers it, so it is not a turn.
      await page.evaluate(() => { window.__t0 = 0; });
      await page.getByRole('button', { name: 'Next call' }).click();
      continue;
    }
    await page.keyboard.press(String(1 + Math.floor(Math.random() * 3)));
    // The customer's next line, or (when the reply ended the call) the verdict card.
    await page.waitForFunction(
      (n) => window.__lat.length > n || !!document.querySelector('#review-title, .verdict__continue'),
      done,
    );
  }
  const latencies = await page.evaluate(() => window.__lat);
  await context.close();
  return { latencies, heap, calls };
}

const browser = await launch();
try {
  const load = await loadTimes(browser);
  const files = await firstVisit(browser);
  const game = await play(browser, 200, callsWanted);
  console.log(JSON.stringify({ load, files, ...game }));
} finally {
  await browser.close();
}
