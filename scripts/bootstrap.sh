#!/usr/bin/env bash
# Sets up what Liaison needs on Debian/Ubuntu: system packages (installed when run as root,
# named otherwise) and a virtualenv in .venv with the Python dependencies.
# Usage: scripts/bootstrap.sh app|test|server  (server: what `python -m server` needs)
set -euo pipefail
cd "$(dirname "$0")/.."
purpose="${1:-app}"

# Qt runtime (xcb for a real display), CJK font so Chinese is never boxes, venv support.
APP_PACKAGES="python3 python3-venv libglib2.0-0 libgl1 libegl1 libfontconfig1 libxkbcommon0
  libdbus-1-3 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xkb1
  libxkbcommon-x11-0 fonts-wqy-microhei"
# Real servers for the integration tests, Xvfb for screenshots, mbsync and notmuch (the
# peers of the sync and search benchmarks).
# The team server's tests run a private PostgreSQL cluster.
# The installer tests (tests/packaging): debootstrap makes the clean Debian 12 root the .deb is
# installed into, xwininfo (x11-utils) and xwd (x11-apps) find and photograph its window,
# wixl builds the MSI and msitools (msiinfo) inspects it. packaging/build.sh installs its own
# build tools (PyInstaller's Python, lintian, dpkg-dev).
TEST_PACKAGES="dovecot-imapd openssl xvfb xauth isync notmuch python3-notmuch2 postgresql
  debootstrap x11-utils x11-apps msitools wixl"

wanted="$APP_PACKAGES"
[ "$purpose" = test ] && wanted="$APP_PACKAGES $TEST_PACKAGES"
[ "$purpose" = server ] && wanted="python3 python3-venv"

missing=""
for pkg in $wanted; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
done
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "Installing system packages:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # policy-rc.d keeps the system Dovecot from starting on 143/993: tests run their own.
    apt-get install -y -qq --no-install-recommends $missing >/dev/null
  else
    echo "Missing system packages:$missing" >&2
    echo "Install them with: sudo apt-get install$missing" >&2
    exit 1
  fi
fi

# Courier-IMAP, the second IMAP server of the tests, conflicts with dovecot-imapd: it is
# unpacked into .cache/courier-root, never installed (its tests skip when that fails).
if [ "$purpose" = test ]; then
  bash scripts/courier_root.sh || echo "Courier-IMAP could not be unpacked: its tests will be skipped" >&2
fi

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
# Reinstall only when the declared dependencies changed.
extras=""
[ "$purpose" = test ] && extras="[test,server]"
[ "$purpose" = server ] && extras="[server]"
stamp=".venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)-${purpose}"
if [ ! -e "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null
  .venv/bin/python -m pip install -q -e ".${extras}"
  touch "$stamp"
fi

# The window's translations: resources/i18n/*.ts compiled into .qm files (lrelease from
# PySide6). The app compiles a missing or stale one itself at start-up; doing it here keeps
# that first start quick and shows a broken .ts at set-up time.
if [ "$purpose" != server ]; then
  .venv/bin/python scripts/translations.py build
fi
