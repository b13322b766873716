#!/usr/bin/env bash
# Set up everything intmk-graph needs on a fresh machine: a virtual environment in
# .venv with the package and YASGUI for the query page. With --test, also the test tools,
# Debian's chromium for the browser tests (Playwright drives /usr/bin/chromium; it never
# downloads a browser), the DejaVu fonts the test PDFs are set in, LibreOffice Writer
# (headless, it lays out test PDFs with its own line numbering), Tesseract's German
# model (the scans of tests/read/test_ocr.py) and Virtuoso.
# Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

EXTRAS=""
if [ "${1:-}" = "--test" ]; then
    EXTRAS="[test]"
    # chromium for the browser tests; DejaVu Sans for the test PDFs (tests/pdfdocs.py);
    # Virtuoso, a real store for 'intmk-graph push' (tests/publish/test_push.py starts its own).
    if ! command -v /usr/bin/chromium >/dev/null 2>&1 || [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] \
            || [ ! -x /usr/bin/virtuoso-t ] || [ ! -x /usr/bin/soffice ] \
            || [ ! -f /usr/share/tesseract-ocr/5/tessdata/deu.traineddata ]; then
        SUDO=""
        if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
        $SUDO apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-dejavu-core virtuoso-opensource >/dev/null
        # Writer without its GUI and without the recommended extras: some 60 packages, half a minute
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui >/dev/null
        # Tesseract with its German model, for 'build --ocr' (OCRmyPDF, a Python extra, drives it)
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends tesseract-ocr tesseract-ocr-deu >/dev/null
    fi
fi

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".${EXTRAS}"

# YASGUI for the query page of 'intmk-graph serve', from the npm registry: only the
# package's own build (npm pack, no dependencies), checked against its published hash.
YASGUI_VERSION=4.6.2
YASGUI_INTEGRITY="sha512-Zw45KdPoAE1KRaAoxIHdQqeJxvaVG1oQdntw0hy0ktX35Zu8ZccuOLrXCLwR+GU+0xMzLw8Mjw6BkSZV2vUuQw=="
VENDOR=src/intmk_graph/publish/web/vendor
if [ ! -f "$VENDOR/yasgui.min.js" ] || ! grep -q "\"version\": \"$YASGUI_VERSION\"" "$VENDOR/package.json" 2>/dev/null; then
    if command -v npm >/dev/null 2>&1; then
        TMP=$(mktemp -d)
        (cd "$TMP" && npm pack --silent "@zazuko/yasgui@$YASGUI_VERSION" >/dev/null)
        GOT="sha512-$(openssl dgst -sha512 -binary "$TMP"/zazuko-yasgui-$YASGUI_VERSION.tgz | base64 -w0)"
        if [ "$GOT" != "$YASGUI_INTEGRITY" ]; then
            echo "setup: the YASGUI package does not match its published hash; not installed" >&2
        else
            tar -xzf "$TMP"/zazuko-yasgui-$YASGUI_VERSION.tgz -C "$TMP"
            mkdir -p "$VENDOR"
            cp "$TMP/package/build/yasgui.min.js" "$TMP/package/build/yasgui.min.css" "$TMP/package/package.json" "$VENDOR/"
        fi
        rm -rf "$TMP"
    else
        echo "setup: npm not found; 'intmk-graph serve' will offer a plain query form instead of YASGUI" >&2
    fi
fi
