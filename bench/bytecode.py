"""Compiling the app before a benchmark times its processes, as an installed copy runs.

pip (and the packages) write an installed Liaison's bytecode once.  A checkout run where
``PYTHONDONTWRITEBYTECODE`` is set (this development machine) would instead compile every
module in every process it times, the sync's parse workers included (about 0.5 s each), which
is not what a user waits for.
"""

from __future__ import annotations

import compileall
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def compile_like_an_install() -> None:
    """Write the bytecode of the app, ``main.py`` and the benches' test keyring."""
    compileall.compile_dir(REPO / "app", quiet=1)
    compileall.compile_dir(REPO / "tests" / "support", quiet=1)
    compileall.compile_file(REPO / "main.py", quiet=1)
