"""Liaison: `python main.py` starts the desktop client; `python main.py COMMAND` the CLI."""

import multiprocessing
import sys

from app.entry import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # search indexing workers in a frozen (installer) build
    sys.exit(main(sys.argv[1:]))
