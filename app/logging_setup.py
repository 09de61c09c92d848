"""Logging to the profile's log file.  Loggers are named per area (liaison.imap, .db, .sync,
.ui); nothing secret is ever passed to them (credentials have a redacting ``repr``)."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler

from app.paths import ProfilePaths


def configure_logging(paths: ProfilePaths, level: int = logging.INFO) -> None:
    root = logging.getLogger("liaison")
    if any(isinstance(h, RotatingFileHandler) for h in root.handlers):
        return
    handler = RotatingFileHandler(paths.log_file, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)
    root.propagate = False
