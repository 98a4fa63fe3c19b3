#!/usr/bin/env python3
"""Trunk post-build hook: adds a Content Security Policy to the built index.html.

The policy allows nothing but the app's own files: scripts, styles, images, the manifest, the
service worker and fetches from the same origin, WebAssembly compilation, and the one inline
module script Trunk writes to start the app. The one exception is fetches to a Learning Record
Store (xAPI), which lives on another origin: any HTTPS origin, and plain HTTP on loopback only (allowed by its SHA-256 hash, computed here because
it names the hashed file names of each build). No inline style attributes: the UI sets styles
through the CSSOM.

Before that it replaces Trunk's loader in index.html by one that picks the app for the address
(see loader): the first-call app (scripts/build-first; src/ui/first.rs) on its own addresses,
the whole app everywhere else.

It also writes the launch page of SCORM packages next to it (scorm-launch.html: relative URLs,
its own policy, always the whole app; see package_page).

Usage: csp.py [INDEX_HTML]   (default: $TRUNK_STAGING_DIR/index.html)
"""

import base64
import hashlib
import json
import os
import re
import sys

path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.environ["TRUNK_STAGING_DIR"], "index.html")
html = open(path, encoding="utf-8").read()
html = re.sub(r'\s*<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)


def with_csp(html):
    """The page with its policy (scripts allowed by the hashes of its own inline scripts)."""
    hashes = [
        "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"
        for body in re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, flags=re.S)
    ]
    policy = "; ".join(
        [
            "default-src 'self'",
            "script-src 'self' 'wasm-unsafe-eval' " + " ".join(hashes),
            "style-src 'self'",
            "img-src 'self' data:",
            # A Learning Record Store is on another origin (docs/lms-xapi.md): any over HTTPS, and
            # plain HTTP only on this machine (the tests' LRS, a trainer trying one locally).
            "connect-src 'self' https: http://127.0.0.1:* http://localhost:*",
            "worker-src 'self'",
            "manifest-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
        ]
    )
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}" />'
    html, n = re.subn(r'(<meta charset="utf-8" ?/?>)', r"\1\n    " + meta.replace("\\", "\\\\"), html, count=1)
    if n != 1:
        sys.exit(f"csp.py: no <meta charset> in {path}")
    return html, len(hashes)


def package_page(html):
    """The launch page of a SCORM package (scorm-launch.html, index.html in the zip): every file
    by a relative URL, so the course runs from any folder of a learning platform; no service
    worker or web manifest; and the marker that starts the app in package mode."""
    html = re.sub(r'(["\'])/((?:packs/)?[^"\'/\s?#]+\.(?:js|wasm|css|svg|webmanifest|md|json))\1', r"\1./\2\1", html)
    html = re.sub(r'\s*<link rel="manifest"[^>]*>', "", html)
    html, n = re.subn(
        r'(<meta charset="utf-8" ?/?>)', r'\1\n    <meta name="composure-package" content="scorm12" />', html, count=1
    )
    if n != 1:
        sys.exit(f"csp.py: no <meta charset> in {path}")
    return html


def first_call_settings():
    """The first-call app's addresses and its hand-over key, read from src/ui/first.rs so the
    page's loader and the app cannot disagree."""
    source = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "ui", "first.rs"), encoding="utf-8").read()
    paths = re.search(r"pub const FIRST_PATHS: \[&str; \d+\] = \[([^\]]*)\];", source)
    key = re.search(r'pub const WHOLE_APP_KEY: &str = "([^"]+)";', source)
    if not paths or not key:
        sys.exit("csp.py: FIRST_PATHS or WHOLE_APP_KEY not found in src/ui/first.rs")
    return re.findall(r'"([^"]+)"', paths.group(1)), key.group(1)


def first_call_campaigns(folder):
    """What the loader needs to fetch a first call's campaign while the wasm loads: the storage
    keys of the settings and of a call in progress (read from the core's store, so the loader
    and the app cannot disagree), and each built-in campaign's data file by id, in catalog
    order (from the catalog scripts/compile-packs wrote)."""
    source = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "crates", "core", "src", "store", "key.rs"), encoding="utf-8").read()
    prefs = re.search(r'pub const PREFS: &str = "([^"]+)";', source)
    current = re.search(r'pub const CURRENT: &str = "([^"]+)";', source)
    if not prefs or not current:
        sys.exit("csp.py: PREFS or CURRENT not found in crates/core/src/store/key.rs")
    catalog = json.load(open(os.path.join(folder, "packs", "index.json"), encoding="utf-8"))
    files = [["/" + e["href"], e["id"]] for e in catalog["campaigns"]]
    if not files:
        sys.exit("csp.py: the catalog lists no campaign")
    return prefs.group(1), current.group(1), {i: href for href, i in files}, files[0][0]


def one_style_sheet(html):
    """The page with its style sheets as one file (`app-HASH.css`, their texts in page order):
    one request instead of five while the page loads. The SCORM launch page keeps the five."""
    folder = os.path.dirname(path)
    links = re.findall(r'<link rel="stylesheet" href="/([^"]+\.css)"[^>]*/?>', html)
    if not links:
        sys.exit(f"csp.py: no style sheets in {path}")
    text = "".join(open(os.path.join(folder, f), encoding="utf-8").read().rstrip() + "\n" for f in links)
    name = "app-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16] + ".css"
    open(os.path.join(folder, name), "w", encoding="utf-8").write(text)
    first = True

    def replace(_):
        nonlocal first
        out = f'<link rel="stylesheet" href="/{name}" />' if first else ""
        first = False
        return out

    return re.sub(r'<link rel="stylesheet" href="/[^"]+\.css"[^>]*/?>', replace, html)


def loader(html):
    """The page with a loader that starts the first-call app on its addresses (unless this tab
    has handed over to the whole app) and the whole app everywhere else. Both start fetching
    their wasm at once; nothing is preloaded for the app that is not started."""
    folder = os.path.dirname(path)
    first = sorted(f for f in os.listdir(folder) if re.fullmatch(r"composure-first-[0-9a-f]+\.js", f))
    if len(first) != 1:
        sys.exit(f"csp.py: expected one composure-first-*.js in {folder} (scripts/build-first), found {first}")
    first_js = "/" + first[0]
    first_wasm = first_js[: -len(".js")] + "_bg.wasm"
    whole_js = re.search(r"import init, \* as bindings from '(/composure-app-[0-9a-f]+\.js)';", html)
    whole_wasm = re.search(r"module_or_path: '(/composure-app-[0-9a-f]+_bg\.wasm)'", html)
    if not whole_js or not whole_wasm:
        sys.exit(f"csp.py: Trunk's loader not found in {path}")
    paths, key = first_call_settings()
    prefs_key, current_key, campaigns, first_campaign = first_call_campaigns(folder)
    # A classic script in <head> runs while the page is parsed: it picks the app and preloads
    # its two files at once, alongside the style sheets (a module script would run only after
    # them). The module script below starts the app it picked.
    chooser = f"""<script id="app-loader">
// Which app starts here (written by scripts/csp.py): the first-call app, Home and Practice only,
// on its own addresses unless this tab handed over to the whole app; the whole app elsewhere.
(() => {{
  let app = ['{whole_js.group(1)}', '{whole_wasm.group(1)}'];
  try {{
    if ({json.dumps(paths)}.includes(location.pathname) && !sessionStorage.getItem('{key}')) {{
      app = ['{first_js}', '{first_wasm}'];
    }}
  }} catch {{
    // No sessionStorage (a sandboxed frame): the whole app works without it.
  }}
  window.composureApp = app;
  const preload = (rel, href, as) => {{
    const link = document.createElement('link');
    link.rel = rel;
    link.href = href;
    link.crossOrigin = 'anonymous';
    if (as) link.as = as;
    document.head.append(link);
  }};
  preload('modulepreload', app[0]);
  preload('preload', app[1], 'fetch');
  // Content files the app reads as soon as it starts are fetched now, while the wasm downloads
  // and compiles, and handed over: the app takes a text from here instead of fetching it again
  // (ui::browser::fetch_text). A failed fetch leaves null, and the app fetches the file itself.
  // Unlike a preload, the text is ready when the app asks: a fetch that a preload answers still
  // waited for the main thread, 15 to 40 ms while the app mounted.
  const fetched = {{}};
  window.composureFetched = fetched;
  const prefetch = (href) => {{
    const url = new URL(href, location.href).href;
    fetched[url] = fetch(url).then((r) => (r.ok ? r.text() : null)).catch(() => null);
  }};
  // The content catalog: every page but Home reads it as it opens (Home only later, after it is
  // interactive, so there it would only share the network with the wasm).
  if (location.pathname !== '/') prefetch('/packs/index.json');
  // Practice in the first-call app plays one campaign first (content::first_call_campaign:
  // the one the settings name, else the catalog's first): fetch it now too. Not when a call in
  // progress or a practice link will need every campaign, nor where storage cannot be read.
  try {{
    if (app[0] === '{first_js}' && location.pathname === '/practice' &&
        !new URLSearchParams(location.search).has('set') && localStorage.getItem('{current_key}') === null) {{
      const files = {json.dumps(campaigns)};
      let named = '';
      try {{
        named = JSON.parse(localStorage.getItem('{prefs_key}') ?? '{{}}').campaign;
      }} catch {{
        // Damaged settings: the app sets them aside and starts with the first campaign.
      }}
      prefetch(Object.hasOwn(files, named) ? files[named] : '{first_campaign}');
    }}
  }} catch {{
    // No localStorage: the app fetches the campaign itself.
  }}
}})();
</script>
    """
    html, n = re.subn(r"(<title>[^<]*</title>\s*)", lambda m: m.group(1) + chooser, html, count=1)
    if n != 1:
        sys.exit(f"csp.py: no <title> in {path}")
    script = f"""<script type="module">
// Starts the app the script in <head> picked (written by scripts/csp.py).
const app = window.composureApp;
try {{
  const {{ default: init }} = await import(app[0]);
  await init({{ module_or_path: app[1] }});
}} catch (error) {{
  // The app's files did not arrive: offline on a page of the whole app never opened here (the
  // service worker caches it when first used), or a failed download. Say so in words.
  const main = document.createElement('main');
  main.className = 'site-main';
  const box = document.createElement('div');
  box.className = 'container';
  const note = document.createElement('p');
  note.className = 'notice notice--danger';
  note.setAttribute('role', 'alert');
  note.textContent =
    'Composure could not start this page: its files did not arrive. Offline, a page opened on ' +
    'this device before still works, and so does Practice; any other page needs a connection ' +
    'the first time. Online, reload the page to try again.';
  const link = document.createElement('a');
  link.href = '/practice';
  link.className = 'button';
  link.textContent = 'Go to Practice';
  box.append(note, link);
  main.append(box);
  document.body.append(main);
  throw error;
}}
dispatchEvent(new CustomEvent('TrunkApplicationStarted'));
// The service worker that lets Composure work offline after one visit. It is registered a few
// seconds after the app has started: installing, it downloads and caches every campaign, and
// at once it competed with the first page for the network and the processor (on two cores,
// Home took about 70 ms longer). Offline use is a bonus: the app works the same without it.
if ('serviceWorker' in navigator) {{
  setTimeout(() => navigator.serviceWorker.register('/sw.js').catch(() => {{}}), 3000);
}}
</script>"""
    html, n = re.subn(r'<script type="module">\s*import init.*?</script>', lambda _: script, html, count=1, flags=re.S)
    if n != 1:
        sys.exit(f"csp.py: Trunk's loader not found in {path}")
    # The loader fetches the catalog itself, where the page reads it at once (not on Home).
    html, n = re.subn(r'\s*<!-- The content catalog[^>]*-->\s*<link rel="preload" href="/packs/index.json"[^>]*>', "", html, count=1)
    if n != 1:
        sys.exit(f"csp.py: the catalog's preload not found in {path}")
    # Trunk preloads the whole app's files: a first visit to Home must not download them.
    html = re.sub(r'<link rel="(?:modulepreload|preload)" href="/composure-app-[^"]*"[^>]*>', "", html)
    return html


launch = os.path.join(os.path.dirname(path), "scorm-launch.html")
page, n = with_csp(package_page(html))
open(launch, "w", encoding="utf-8").write(page)
html, n = with_csp(loader(one_style_sheet(html)))
open(path, "w", encoding="utf-8").write(html)
print(f"csp.py: Content-Security-Policy added to {path} ({n} inline script hash(es)); {launch} written")
