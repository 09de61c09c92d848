#!/usr/bin/env bash
# Set up (first time) and run every test: unit, integration (private Dovecot on loopback)
# and GUI (pytest-qt, offscreen). Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh test
export QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m pytest -p no:cacheprovider "$@"
