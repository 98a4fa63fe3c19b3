import { expect, test } from '@playwright/test';

// After one visit, Composure loads and a whole call can be played with the network off. The
// campaigns are data files beside the app (packs/), not text inside the wasm: the service worker
// keeps every one of them. A first visit caches the first-call app (Home and Practice); the whole
// app is cached the first time one of its pages is opened.

test('neither wasm carries pack text: campaigns are data files the page fetches', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Composure', level: 1 })).toBeVisible();
  const found = await page.evaluate(async () => {
    const catalog = await (await fetch('/packs/index.json')).json();
    const pack = await (await fetch('/' + catalog.campaigns[0].href)).json();
    // The longest thing a customer says in the campaign.
    const line: string = pack.moves.flatMap((m: { say: string[][] }) => m.say.flat()).reduce((a: string, b: string) => (b.length > a.length ? b : a), '');
    // Both apps' wasm files, as the page's loader names them.
    const page = await (await fetch('/')).text();
    const wasm = [...new Set([...page.matchAll(/'(\/composure-(?:first|app)-[0-9a-f]+_bg\.wasm)'/g)].map((m) => m[1]))];
    const inWasm = [];
    for (const w of wasm) {
      const text = new TextDecoder().decode(await (await fetch(w)).arrayBuffer());
      if (text.includes(line)) inWasm.push(w);
    }
    return { campaigns: catalog.campaigns.length, line, wasm: wasm.length, inWasm };
  });
  expect(found.campaigns).toBe(5);
  expect(found.line.length).toBeGreaterThan(10);
  expect(found.wasm).toBe(2);
  expect(found.inWasm, `"${found.line}" is in a wasm`).toEqual([]);
});

test('after one visit the app loads and plays a call offline, in any campaign', async ({ page, context, baseURL }) => {
  // Offline for the page and for the service worker's own fetches too (Playwright's offline mode
  // alone did not reach the worker's fetches after a navigation): every request to the app's
  // origin fails.
  const origin = new RegExp('^' + new URL(baseURL!).origin.replace(/[.]/g, '\\.'));
  const offline = async (off: boolean) => {
    if (off) await context.route(origin, (route) => route.abort('internetdisconnected'));
    else await context.unroute(origin);
    await context.setOffline(off);
  };
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Composure', level: 1 })).toBeVisible();
  await page.evaluate(async () => {
    localStorage.setItem('composure.prefs', JSON.stringify({ typing: false }));
    await navigator.serviceWorker.ready;
  });
  // The page, the first-call app, the catalog and every campaign's data file are cached; the
  // whole app's files are not (a first visit never downloads them).
  const cached = () => page.evaluate(async () => {
    const keys = await caches.keys();
    if (!keys.length) return 'no cache yet';
    const urls = (await (await caches.open(keys[0])).keys()).map((r) => new URL(r.url).pathname);
    const catalog = await (await fetch('/packs/index.json')).json();
    const packs: string[] = catalog.campaigns.map((c: { href: string }) => '/' + c.href);
    const missing = ['/packs/index.json', ...packs].filter((p) => !urls.includes(p)).length;
    const app = (name: string) => urls.filter((u) => new RegExp(`^/composure-${name}-[0-9a-f]+(_bg\\.wasm|\\.js)$`).test(u)).length;
    return `${missing} missing, first-call app ${app('first')}, whole app ${app('app')}`;
  });
  await expect.poll(cached).toBe('0 missing, first-call app 2, whole app 0');

  await offline(true);
  expect(await page.evaluate(() => fetch('/favicon.svg?not-cached').then(() => 'online', () => 'offline'))).toBe('offline');
  await page.goto('/practice');
  await expect(page.getByRole('heading', { name: 'Practice', level: 1 })).toBeVisible();
  // Not the first campaign: every pack is there offline, not only the one used before.
  const campaign = page.getByRole('combobox', { name: 'Campaign' });
  const options = await campaign.getByRole('option').allTextContents();
  expect(options.length).toBe(5);
  await campaign.selectOption({ label: options[options.length - 1] });
  await page.getByRole('button', { name: 'Start call' }).click();
  const replies = page.getByRole('group', { name: 'Your reply' }).getByRole('button');
  const review = page.getByRole('heading', { name: 'Call review' });
  const go = page.getByRole('button', { name: 'Continue' });
  for (let i = 0; i < 90 && !(await review.isVisible()); i++) {
    await expect(replies.first().or(review).or(go)).toBeVisible();
    if (await review.isVisible()) break;
    await page.keyboard.press(await go.isVisible() ? 'Enter' : '1');
    await page.waitForTimeout(30);
  }
  await expect(review).toBeVisible();

  // Progress is a page of the whole app, never opened here: offline, the page says so in words
  // and offers Practice.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Progress' }).click();
  await expect(page.getByRole('alert')).toContainText('any other page needs a connection the first time');
  await expect(page.getByRole('link', { name: 'Go to Practice' })).toBeVisible();
  // Opened once online, the whole app is cached, and Progress opens offline with the call.
  await offline(false);
  await page.goto('/progress');
  await expect(page.getByRole('heading', { name: 'Progress', level: 1 })).toBeVisible();
  await expect.poll(cached).toBe('0 missing, first-call app 2, whole app 2');
  await offline(true);
  await page.goto('/progress');
  await expect(page.getByRole('heading', { name: 'Progress', level: 1 })).toBeVisible();
  await expect(page.getByText(/^1 call; mean overall \d+, mean composure \d+\.$/)).toBeVisible();
  await offline(false);
});

test('the Content Security Policy allows only the app’s own files, and the app runs under it', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await page.goto('/');
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toContain('unsafe-inline');
  await page.evaluate(() => localStorage.setItem('composure.prefs', JSON.stringify({ typing: false })));
  await page.goto('/practice');
  await page.getByRole('button', { name: 'Start call' }).click();
  await expect(page.getByRole('group', { name: 'Your reply' }).getByRole('button').first()).toBeVisible();
  // Styles set by the app (the mood bar) still apply: they go through the CSSOM.
  const width = await page.locator('.mood__fill').evaluate((el) => el.getBoundingClientRect().width);
  expect(width).toBeGreaterThan(0);
  // Anything from elsewhere is refused.
  const outside = await page.evaluate(() => fetch('http://127.0.0.2:9/x').then(() => 'loaded', () => 'blocked'));
  expect(outside).toBe('blocked');
  expect(violations.filter((v) => !v.includes('127.0.0.2'))).toEqual([]);
});
