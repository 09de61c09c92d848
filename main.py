"""Liaison: `python main.py` starts the desktop client; `python main.py COMMAND` the CLI."""

import sys

from app.entry import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
