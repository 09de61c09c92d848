#!/usr/bin/env bash
# Set up (first time) and start Liaison. Extra arguments go to main.py.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh app
exec .venv/bin/python main.py "$@"
