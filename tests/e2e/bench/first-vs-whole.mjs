// The first-call app against the whole app, in one build and one Chromium run (issue 15): cold
// loads of Home and of a first offered line from /practice, each started once in the first-call
// app and once in the whole app (the tab's hand-over flag set before the page loads), interleaved
// so that drift in the machine's speed hits both. The service worker is blocked: only the page's
// own downloads and work are measured.
//
// Usage: node tests/e2e/bench/first-vs-whole.mjs BASE_URL [ROUNDS] [MBIT_S RTT_MS]   (a release
// build served at BASE_URL, e.g. by scripts/spa_server.py dist). With MBIT_S and RTT_MS the page's
// network is throttled to that bandwidth and round trip (Chromium's network emulation), so the
// size of what each app downloads shows. Prints the median, min and max of each, in ms.
import { chromium } from 'playwright';

const base = process.argv[2];
const rounds = Number(process.argv[3] ?? 7);
const [mbits, rtt] = [Number(process.argv[4] ?? 0), Number(process.argv[5] ?? 0)];
if (!base) {
  console.error('usage: node first-vs-whole.mjs BASE_URL [ROUNDS]');
  process.exit(2);
}
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--disable-gpu'] });

/** Milliseconds from navigation start until `ready` holds, in a new context; and the wasm used. */
async function once(whole, path, ready) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto(base + '/favicon.svg');
  if (mbits > 0) {
    const cdp = await context.newCDPSession(page);
    const bytesPerSecond = (mbits * 1e6) / 8;
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: rtt,
      downloadThroughput: bytesPerSecond,
      uploadThroughput: bytesPerSecond,
    });
  }
  await page.addInitScript((w) => {
    if (w) sessionStorage.setItem('composure.whole-app', '1');
    localStorage.setItem('composure.prefs', JSON.stringify({ typing: false }));
  }, whole);
  await page.goto(base + path);
  await ready(page);
  const ms = await page.evaluate(() => performance.now());
  const wasm = await page.evaluate(() =>
    performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((n) => n.endsWith('.wasm')),
  );
  await context.close();
  const want = whole ? /^\/composure-app-/ : /^\/composure-first-/;
  if (wasm.length !== 1 || !want.test(wasm[0])) throw new Error(`expected one ${want} wasm, got ${wasm}`);
  return ms;
}

const home = (page) => page.getByRole('link', { name: 'Practice', exact: true }).first().waitFor();
const firstLine = async (page) => {
  await page.getByRole('button', { name: 'Start call' }).click();
  await page.getByRole('group', { name: 'Your reply' }).getByRole('button').first().waitFor();
};
const runs = { 'Home, first-call app': [], 'Home, whole app': [], 'first line, first-call app': [], 'first line, whole app': [] };
for (let i = 0; i < rounds; i++) {
  runs['Home, first-call app'].push(await once(false, '/', home));
  runs['Home, whole app'].push(await once(true, '/', home));
  runs['first line, first-call app'].push(await once(false, '/practice', firstLine));
  runs['first line, whole app'].push(await once(true, '/practice', firstLine));
}
await browser.close();
if (mbits > 0) console.log(`network: ${mbits} Mbit/s, ${rtt} ms round trip`);
for (const [name, xs] of Object.entries(runs)) {
  const s = [...xs].sort((a, b) => a - b);
  console.log(`${name.padEnd(28)} median ${s[Math.floor(s.length / 2)].toFixed(1)} ms (min ${s[0].toFixed(1)}, max ${s[s.length - 1].toFixed(1)}, n=${s.length})`);
}
