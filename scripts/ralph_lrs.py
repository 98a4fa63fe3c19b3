#!/usr/bin/env python3
"""Runs Ralph's LRS (ralph-malph 5.1.0) on loopback with its file-system backend, for the tests.

Usage: ralph_lrs.py --data DIR --auth-dir DIR --port PORT --allow-origin ORIGIN

Why a launcher rather than `ralph runserver -b fs`:

- Ralph 5.1.0's file-system LRS backend writes every POST with the operation type "index",
  which refuses to write to a file that exists: the first POST creates `fs_lrs.jsonl` and every
  later POST of a new statement fails with 500 "Statements bulk indexation failed" (measured
  here). An LRS that accepts one request is no LRS, so this launcher makes the file-system
  backend append instead. Deployments use Elasticsearch, MongoDB or ClickHouse, which index
  every POST; they need no such change (see docs/lms-xapi.md).
- `ralph runserver` starts uvicorn with a file-watching reloader (two processes); this runs one
  process, so the test script stops it with one signal.

CORS is Ralph's own setting (`RALPH_RUNSERVER_CORS_ALLOW_ORIGINS`), set here from
`--allow-origin`: the app's origin and the LRS's differ, so the browser asks first.
"""

import argparse
import json
import os
import sys


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", required=True, help="folder of fs_lrs.jsonl")
    p.add_argument("--auth-dir", required=True, help="RALPH_APP_DIR (holds auth.json)")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--allow-origin", action="append", default=[], help="an origin for CORS")
    args = p.parse_args()

    # Ralph reads its settings from the environment when its modules are imported.
    os.environ["RALPH_APP_DIR"] = args.auth_dir
    os.environ["RALPH_RUNSERVER_BACKEND"] = "fs"
    os.environ["RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH"] = args.data
    os.environ["RALPH_RUNSERVER_CORS_ALLOW_ORIGINS"] = json.dumps(args.allow_origin)

    import uvicorn
    from ralph.backends.data.base import BaseOperationType
    from ralph.backends.lrs.fs import FSLRSBackend

    FSLRSBackend.default_operation_type = BaseOperationType.APPEND
    from ralph.api import app

    uvicorn.run(app, host="127.0.0.1", port=args.port, log_level="warning")
    return 0


if __name__ == "__main__":
    sys.exit(main())
