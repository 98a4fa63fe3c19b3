#!/usr/bin/env python3
"""Trunk post-build hook: adds a Content Security Policy to the built index.html.

The policy allows nothing but the app's own files: scripts, styles, images, the manifest, the
service worker and fetches from the same origin, WebAssembly compilation, and the one inline
module script Trunk writes to start the app. The one exception is fetches to a Learning Record
Store (xAPI), which lives on another origin: any HTTPS origin, and plain HTTP on loopback only (allowed by its SHA-256 hash, computed here because
it names the hashed file names of each build). No inline style attributes: the UI sets styles
through the CSSOM.

It also writes the launch page of SCORM packages next to it (scorm-launch.html: relative URLs,
its own policy; see package_page).

Usage: csp.py [INDEX_HTML]   (default: $TRUNK_STAGING_DIR/index.html)
"""

import base64
import hashlib
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
    html = re.sub(r'\s*<script src="\./register-sw\.js"[^>]*></script>', "", html)
    html = re.sub(r'\s*<link rel="manifest"[^>]*>', "", html)
    html, n = re.subn(
        r'(<meta charset="utf-8" ?/?>)', r'\1\n    <meta name="composure-package" content="scorm12" />', html, count=1
    )
    if n != 1:
        sys.exit(f"csp.py: no <meta charset> in {path}")
    return html


launch = os.path.join(os.path.dirname(path), "scorm-launch.html")
page, n = with_csp(package_page(html))
open(launch, "w", encoding="utf-8").write(page)
html, n = with_csp(html)
open(path, "w", encoding="utf-8").write(html)
print(f"csp.py: Content-Security-Policy added to {path} ({n} inline script hash(es)); {launch} written")
