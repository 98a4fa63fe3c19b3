// Browser figures for scripts/bench: load time, turn latency and memory, measured with the
// Performance APIs in Debian's Chromium against the release build on loopback.
// Usage: node bench/browser.mjs BASE_URL RUNS > result.json
import { chromium } from '@playwright/test';

const base = process.argv[2];
const runs = Number(process.argv[3] ?? 7);

const launch = () =>
  chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--enable-precise-memory-info', '--js-flags=--expose-gc'],
  });

async function freshPage(browser, prefs) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await page.goto(base + '/favicon.svg');
  await page.evaluate((p) => { localStorage.clear(); localStorage.setItem('composure.prefs', JSON.stringify(p)); }, prefs);
  return { context, page };
}

const replies = (page) => page.getByRole('group', { name: 'Your reply' }).getByRole('button');
const review = (page) => page.getByRole('heading', { name: 'Call review' });

async function loadTimes(browser) {
  const home = [], firstLine = [];
  for (let i = 0; i < runs; i++) {
    const { context, page } = await freshPage(browser, { typing: false });
    await page.goto(base + '/');
    await page.getByRole('link', { name: 'Practice', exact: true }).first().waitFor();
    home.push(await page.evaluate(() => performance.now()));
    await page.goto(base + '/practice');
    await page.getByRole('button', { name: 'Start call' }).click();
    await replies(page).first().waitFor();
    firstLine.push(await page.evaluate(() => performance.now()));
    await context.close();
  }
  return { home, firstLine };
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
  const game = await play(browser, 200, Number(process.argv[4] ?? 100));
  console.log(JSON.stringify({ load, ...game }));
} finally {
  await browser.close();
}
