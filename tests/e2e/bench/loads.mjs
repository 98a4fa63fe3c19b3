// Cold loads of Composure, side by side, in one Chromium run: Home interactive, and the first
// offered line of a call from a cold load of /practice. Each load is in a new browser context (an
// empty cache; the service worker blocked, so only the page's own downloads and work count), and
// the two sides alternate so that drift in the machine's speed hits both. `scripts/bench` gives
// the figures against the bare Leptos baseline; this answers narrower questions:
//
//   node tests/e2e/bench/loads.mjs builds URL_A URL_B [ROUNDS] [MBIT_S RTT_MS]
//       two builds against each other (before and after a change: serve the old and the new
//       dist/ on two ports with scripts/spa_server.py);
//   node tests/e2e/bench/loads.mjs apps URL [ROUNDS] [MBIT_S RTT_MS]
//       in one build, the first-call app against the whole app (the tab's hand-over flag set
//       before the page loads).
//
// With MBIT_S and RTT_MS the page's network is throttled to that bandwidth and round trip
// (Chromium's network emulation), so what each side downloads shows.
//
// Prints the median, min and max of each figure, in ms (default 9 rounds).
import { chromium } from 'playwright';

const [mode, ...args] = process.argv.slice(2);
const usage = () => {
  console.error('usage: loads.mjs builds URL_A URL_B [ROUNDS] [MBIT_S RTT_MS] | loads.mjs apps URL [ROUNDS] [MBIT_S RTT_MS]');
  process.exit(2);
};
/** The network to emulate: [Mbit/s, round trip ms], or [0, 0] for none. */
const network = (rest) => [Number(rest[0] ?? 0), Number(rest[1] ?? 0)];
let sides, rounds, mbits = 0, rtt = 0;
if (mode === 'builds' && args.length >= 2) {
  sides = [['A', { base: args[0] }], ['B', { base: args[1] }]];
  rounds = Number(args[2] ?? 9);
  [mbits, rtt] = network(args.slice(3));
} else if (mode === 'apps' && args.length >= 1) {
  sides = [['first-call app', { base: args[0], whole: false }], ['whole app', { base: args[0], whole: true }]];
  rounds = Number(args[1] ?? 9);
  [mbits, rtt] = network(args.slice(2));
} else usage();

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--disable-gpu'] });

/** Milliseconds from navigation start until `ready` holds, in a new context. */
async function once({ base, whole }, path, ready) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto(base + '/favicon.svg');
  if (mbits > 0) {
    const bytesPerSecond = (mbits * 1e6) / 8;
    await (await context.newCDPSession(page)).send('Network.emulateNetworkConditions', {
      offline: false,
      latency: rtt,
      downloadThroughput: bytesPerSecond,
      uploadThroughput: bytesPerSecond,
    });
  }
  await page.addInitScript((w) => {
    if (w) sessionStorage.setItem('composure.whole-app', '1');
    localStorage.setItem('composure.prefs', JSON.stringify({ typing: false }));
  }, !!whole);
  await page.goto(base + path);
  await ready(page);
  const ms = await page.evaluate(() => performance.now());
  if (whole !== undefined) {
    // The app that ran is the one asked for.
    const wasm = await page.evaluate(() =>
      performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((n) => n.endsWith('.wasm')),
    );
    const want = whole ? /^\/composure-app-/ : /^\/composure-first-/;
    if (wasm.length !== 1 || !want.test(wasm[0])) throw new Error(`expected one ${want} wasm, got ${wasm}`);
  }
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
  for (const [label, side] of sides) add(`Home, ${label}`, await once(side, '/', home));
  for (const [label, side] of sides) add(`first line, ${label}`, await once(side, '/practice', firstLine));
}
await browser.close();
if (mode === 'builds') console.log(`A: ${args[0]}\nB: ${args[1]}`);
if (mbits > 0) console.log(`network: ${mbits} Mbit/s, ${rtt} ms round trip`);
for (const [name, xs] of Object.entries(runs)) {
  const s = [...xs].sort((x, y) => x - y);
  const f = (x) => x.toFixed(1);
  console.log(`${name.padEnd(28)} median ${f(s[Math.floor(s.length / 2)])} ms (min ${f(s[0])}, max ${f(s[s.length - 1])}, n=${s.length})`);
}
