import { expect, test } from '@playwright/test';

// After one visit, Composure loads and a whole call can be played with the network off. The
// campaigns are data files beside the app (packs/), not text inside the wasm: the service worker
// keeps every one of them, and both apps (the first-call app and the whole app).

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

test('after one visit the app loads and plays a call offline, in any campaign', async ({ page, context }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Composure', level: 1 })).toBeVisible();
  await page.evaluate(async () => {
    localStorage.setItem('composure.prefs', JSON.stringify({ typing: false }));
    await navigator.serviceWorker.ready;
  });
  // The page, both apps, the catalog and every campaign's data file are cached.
  const cached = () => page.evaluate(async () => {
    const keys = await caches.keys();
    if (!keys.length) return -1;
    const urls = (await (await caches.open(keys[0])).keys()).map((r) => new URL(r.url).pathname);
    const catalog = await (await fetch('/packs/index.json')).json();
    const packs: string[] = catalog.campaigns.map((c: { href: string }) => '/' + c.href);
    const apps = urls.filter((u) => /^\/composure-(first|app)-[0-9a-f]+(_bg\.wasm|\.js)$/.test(u)).length;
    return ['/packs/index.json', ...packs].filter((p) => !urls.includes(p)).length + (4 - apps);
  });
  await expect.poll(cached).toBe(0);

  await context.setOffline(true);
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
  // The whole app is cached too: Progress opens offline and lists the call just played.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Progress' }).click();
  await expect(page.getByRole('heading', { name: 'Progress', level: 1 })).toBeVisible();
  await expect(page.getByText(/^1 call; mean overall \d+, mean composure \d+\.$/)).toBeVisible();
  await context.setOffline(false);
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
