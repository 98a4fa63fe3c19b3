#!/usr/bin/env python3
"""Serve a built single-page app on the loopback interface.

Files under ROOT are served as they are; any other path without a file extension (a deep link
such as /practice) gets ROOT/index.html, so the client-side router can take over after a reload.
Missing assets (a path with an extension) are a plain 404.

Usage: spa_server.py ROOT [--port PORT] [--quiet]
"""

import argparse
import functools
import http.server
import os
import posixpath
import signal
import sys
import urllib.parse

EXTRA_TYPES = {
    ".wasm": "application/wasm",
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".css": "text/css",
    ".svg": "image/svg+xml",
    ".webmanifest": "application/manifest+json",
    ".json": "application/json",
    ".md": "text/plain; charset=utf-8",
}


class SpaHandler(http.server.SimpleHTTPRequestHandler):
    quiet = False

    def guess_type(self, path):
        ext = posixpath.splitext(path)[1].lower()
        return EXTRA_TYPES.get(ext) or super().guess_type(path)

    def send_head(self):
        url_path = urllib.parse.urlsplit(self.path).path
        fs_path = self.translate_path(self.path)
        if not os.path.exists(fs_path) and not posixpath.splitext(url_path)[1]:
            # A route of the app, not a file: hand it to the SPA.
            self.path = "/index.html"
        return super().send_head()

    def end_headers(self):
        # index.html must never be cached (it names the hashed assets); the rest is hashed.
        if self.path.endswith(".html") or self.path == "/":
            self.send_header("Cache-Control", "no-cache")
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()

    def log_message(self, format, *args):
        if not self.quiet:
            super().log_message(format, *args)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--quiet", action="store_true", help="do not log each request")
    args = parser.parse_args()

    root = os.path.abspath(args.root)
    if not os.path.isfile(os.path.join(root, "index.html")):
        sys.exit(f"spa_server: {root}/index.html not found (build first)")

    SpaHandler.quiet = args.quiet
    handler = functools.partial(SpaHandler, directory=root)
    http.server.ThreadingHTTPServer.allow_reuse_address = True
    server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(f"Serving {root} on http://127.0.0.1:{server.server_address[1]}/", flush=True)
    try:
        server.serve_forever()
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
