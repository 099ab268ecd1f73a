"""Debian's Chromium and the flags it runs with, headless, in tests and audits.

One place for both users: tests/browser/conftest.py (Playwright) and .ci/audit.py (Lighthouse).
"""

import os
from pathlib import Path

CHROMIUM_PATH = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
# No sandbox (containers), no GPU, and nothing that reaches the network by itself.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
