"""Structured logs: one JSON object per line on stderr, for the server and uvicorn alike.
Never a password or token: requests are logged by method, path, status and time only."""

from __future__ import annotations

import json
import logging
import time


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {"time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
                 + f".{int(record.msecs):03d}Z", "level": record.levelname.lower(),
                 "logger": record.name, "message": record.getMessage()}
        entry.update(getattr(record, "fields", {}) or {})
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def log_config(level: str = "INFO") -> dict:
    """A logging.config dict (also handed to uvicorn, so its own lines are JSON too)."""
    handler = {"class": "logging.StreamHandler", "formatter": "json",
               "stream": "ext://sys.stderr"}
    return {"version": 1, "disable_existing_loggers": False,
            "formatters": {"json": {"()": "server.logs.JsonFormatter"}},
            "handlers": {"stderr": handler},
            "loggers": {"liaison.server": {"handlers": ["stderr"], "level": level,
                                           "propagate": False},
                        "uvicorn": {"handlers": ["stderr"], "level": level, "propagate": False},
                        # our own request line replaces uvicorn's access log
                        "uvicorn.access": {"handlers": [], "level": "WARNING",
                                           "propagate": False}}}
