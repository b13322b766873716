#!/usr/bin/env bash
# Set up everything intmk-graph needs on a fresh machine: a virtual environment in
# .venv with the package. With --test, also the test tools, Debian's chromium for the
# browser tests (Playwright drives /usr/bin/chromium; it never downloads a browser) and
# the DejaVu fonts the test PDFs are set in.
# Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

EXTRAS=""
if [ "${1:-}" = "--test" ]; then
    EXTRAS="[test]"
    # chromium for the browser tests; DejaVu Sans for the test PDFs (tests/pdfdocs.py).
    if ! command -v /usr/bin/chromium >/dev/null 2>&1 || [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then
        SUDO=""
        if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
        $SUDO apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
    fi
fi

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".${EXTRAS}"
