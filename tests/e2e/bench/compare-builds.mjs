// Two builds of Composure against each other, in one Chromium run: cold loads of Home and of a
// first offered line from /practice, alternating between the builds so that drift in the
// machine's speed hits both. Each load is in a new browser context (an empty cache; the service
// worker blocked, so only the page's own downloads and work count). For before-and-after figures
// of a change: serve the old and the new dist/ on two ports (scripts/spa_server.py).
//
// Usage: node tests/e2e/bench/compare-builds.mjs URL_A URL_B [ROUNDS]
// Prints the median, min and max of each figure per build, in ms.
import { chromium } from 'playwright';

const [a, b] = process.argv.slice(2, 4);
const rounds = Number(process.argv[4] ?? 9);
if (!a || !b) {
  console.error('usage: node compare-builds.mjs URL_A URL_B [ROUNDS]');
  process.exit(2);
}
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--disable-gpu'] });

/** Milliseconds from navigation start until `ready` holds, in a new context. */
async function once(base, path, ready) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto(base + '/favicon.svg');
  await page.addInitScript(() => localStorage.setItem('composure.prefs', JSON.stringify({ typing: false })));
  await page.goto(base + path);
  await ready(page);
  const ms = await page.evaluate(() => performance.now());
  await context.close();
  return ms;
}

const home = (page) => page.getByRole('link', { name: 'Practice', exact: true }).first().waitFor();
const firstLine = async (page) => {
  await page.getByRole('button', { name: 'Start call' }).click();
  await page.getByRole('group', { name: 'Your reply' }).getByRole('button').first().waitFor();
};
const runs = {};
const add = (name, ms) => (runs[name] ??= []).push(ms);
for (let i = 0; i < rounds; i++) {
  for (const [label, base] of [['A', a], ['B', b]]) add(`Home, ${label}`, await once(base, '/', home));
  for (const [label, base] of [['A', a], ['B', b]]) add(`first line, ${label}`, await once(base, '/practice', firstLine));
}
await browser.close();
console.log(`A: ${a}\nB: ${b}`);
for (const [name, xs] of Object.entries(runs)) {
  const s = [...xs].sort((x, y) => x - y);
  console.log(`${name.padEnd(16)} median ${s[Math.floor(s.length / 2)].toFixed(1)} ms (min ${s[0].toFixed(1)}, max ${s[s.length - 1].toFixed(1)}, n=${s.length})`);
}
