#!/usr/bin/env bash
# Unpack Debian's Courier-IMAP into a private root (default .cache/courier-root) for the tests:
# installing it would remove dovecot-imapd (the packages conflict), so it is never installed.
# The tests run its imapd preauthenticated on loopback (tests/support/courier.py).
set -euo pipefail
cd "$(dirname "$0")/.."
root="${1:-.cache/courier-root}"
[ -x "$root/usr/bin/imapd" ] && exit 0
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get download courier-imap courier-base libcourier-unicode4 courier-authlib libidn12 libgamin0 gamin >/dev/null)
mkdir -p "$root"
for package in "$work"/*.deb; do dpkg -x "$package" "$root"; done
echo "Courier-IMAP unpacked in $root"
