"""The machine's policy file, ``policies.json``: IT presets or locks settings (no Qt).

Security: this file is how an organisation keeps unencrypted mail and customer exports off
its computers, so it is read with care.

Where it is (machine-wide, writable by administrators only):

* Linux: ``/etc/liaison/policies.json``
* Windows: ``%ProgramData%\\Liaison\\policies.json``
* macOS: ``/Library/Application Support/Liaison/policies.json``

``LIAISON_POLICIES=FILE`` names another file (tests, staging).  Since anyone can set a
variable, that file only *adds*: where the machine's own file exists it is read too and wins,
setting by setting, so a user cannot shed IT's locks by pointing the variable at an empty file.  On Windows, what Group Policy
set through the ADMX templates (:mod:`app.settings.policy_registry`) is read too and wins over
the file, setting by setting.  Shape::

    {"policies": {"allow_export": {"value": false, "locked": true},
                  "default_currency": {"value": "EUR"}}}

A key is any setting of :mod:`app.settings.schema`.  ``locked`` (default false) makes the value
the value: the Settings window shows it disabled, ``settings set`` refuses it, the core obeys
it.  Unlocked, the value replaces the default and the user may change it.  ``description``
is allowed at the top and in each entry (the example file uses it as a comment).

The file is read once, when Liaison starts (GUI and CLI alike, :func:`install_machine_policy`);
a changed file applies from the next start.  What is wrong with it becomes one sentence (the
CLI prints it as a ``liaison: warning:`` line, the window shows it once), each problem is
logged, and the rest applies:

* no file: nothing is preset or locked;
* a broken entry (unknown key, not ``{"value": …}``, a value the setting cannot hold): that
  entry is ignored, the others apply;
* a file that cannot be read, is not JSON, or has no ``policies`` object: none of it applies.

**Fail closed.**  Either way, a *security* setting (one with ``fail_closed`` in the schema:
``allow_plaintext_mail``, ``allow_export``) whose entry is broken, or any security setting
when the whole file is unusable, is locked to its safe value (off).  A policy file exists
only where IT manages the computer, and a typo must not quietly switch unencrypted mail or
exports back on across a fleet; the price — something stays off until IT fixes the file —
is visible (the warning says so) and reversible.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.errors import UserFacingError
from app.settings import policy, policy_registry
from app.settings.checks import QT_TRANSLATE_NOOP, InvalidSetting
from app.settings.policy import Policy
from app.settings.policy_registry import Reader
from app.settings.schema import SCHEMA, Setting

log = logging.getLogger("liaison.settings")

FILE_ENV = "LIAISON_POLICIES"
GROUP_POLICY = "HKLM\\" + policy_registry.ROOT  # how a problem in Group Policy's entries is located
ENTRY_FIELDS = ("value", "locked", "description")
TOP_FIELDS = ("policies", "description", "$schema")


class PolicyProblem(UserFacingError):
    """Something wrong with the policy file, in one sentence (a warning: the program goes on)."""


UNREADABLE = QT_TRANSLATE_NOOP(
    "errors", "The policy file {path} cannot be read ({reason}): none of it applies, and security settings "
              "are locked to their safe values until it is fixed.")
NOT_JSON = QT_TRANSLATE_NOOP(
    "errors", "The policy file {path} is not valid JSON (line {line}, column {column}): none of it applies, and security settings "
              "are locked to their safe values until it is fixed.")
NO_POLICIES = QT_TRANSLATE_NOOP(
    "errors", "The policy file {path} has no \"policies\" object: none of it applies, and security settings "
              "are locked to their safe values until it is fixed.")
UNKNOWN_FIELD = QT_TRANSLATE_NOOP(
    "errors", "The policy file {path} has a field '{key}' that Liaison does not know: it is ignored.")
UNKNOWN_KEY = QT_TRANSLATE_NOOP(
    "errors", "The policy file {path} names '{key}', which is not a setting (settings show lists them): "
              "that entry is ignored.")
BAD_ENTRY = QT_TRANSLATE_NOOP(
    "errors", "In the policy file {path}, '{key}' is not written as {{\"value\": …, \"locked\": true}}: "
              "that entry is ignored.")
BAD_VALUE = QT_TRANSLATE_NOOP(
    "errors", "In the policy file {path}, the value of '{key}' is ignored: {reason}")
BAD_ENTRY_CLOSED = QT_TRANSLATE_NOOP(
    "errors", "In the policy file {path}, '{key}' is not written as {{\"value\": …, \"locked\": true}}, so "
              "this security setting is locked to its safe value ({value}).")
BAD_VALUE_CLOSED = QT_TRANSLATE_NOOP(
    "errors", "In the policy file {path}, the value of '{key}' cannot be used, so this security setting is "
              "locked to its safe value ({value}): {reason}")
SEVERAL = QT_TRANSLATE_NOOP(
    "errors", "The policy file {path} has {count} entries that could not be used as written ({keys}); "
              "the log says why for each.")


@dataclass(frozen=True)
class PolicyFile:
    """What was read: the policies that apply and every problem found (each one sentence)."""

    path: Path
    policies: dict[str, Policy] = field(default_factory=dict)
    problems: tuple[PolicyProblem, ...] = ()

    @property
    def warning(self) -> PolicyProblem | None:
        """The one sentence the user sees: the problem, or a count when there are several."""
        if not self.problems:
            return None
        if len(self.problems) == 1:
            return self.problems[0]
        keys = [str(p.params.get("key") or "policies") for p in self.problems]
        first = self.problems[0].params.get("path") or str(self.path)
        return PolicyProblem(SEVERAL, code="policy.several", path=first, count=len(self.problems), keys=keys)

    def log_problems(self) -> None:
        for problem in self.problems:
            log.warning("%s", problem.message)


def default_path() -> Path:
    """The policy file read first: the one ``LIAISON_POLICIES`` names, or the machine's."""
    if os.environ.get(FILE_ENV):
        return Path(os.environ[FILE_ENV]).expanduser()
    return machine_path()


def machine_path() -> Path:
    """Where this platform keeps the machine's policy file."""
    if sys.platform == "win32":
        return Path(os.environ.get("ProgramData") or r"C:\ProgramData") / "Liaison" / "policies.json"
    if sys.platform == "darwin":
        return Path("/Library/Application Support/Liaison/policies.json")
    return Path("/etc/liaison/policies.json")


def _closed() -> dict[str, Policy]:
    """Every security setting locked to its safe value (a policy file that cannot be used)."""
    return {s.key: Policy(s.fail_closed, locked=True) for s in SCHEMA if s.fail_closed is not None}


def read(path: str | os.PathLike | None = None, registry: Reader | None = None) -> PolicyFile:
    """Read and check the policy file at ``path`` (default: :func:`default_path`) and, on
    Windows (or with ``registry``), Group Policy's entries, which replace the file's; never raises."""
    if path is not None:
        loaded = _read_file(Path(path))
    else:
        loaded = _read_file(default_path())
        if os.environ.get(FILE_ENV):
            # Anyone can set an environment variable: the file it names adds policies (tests,
            # staging) but never removes the machine's own, which is read too and wins.
            loaded = _layered(loaded, _read_file(machine_path()))
    group = _group_policy(registry)
    if not group:
        return loaded
    policies, problems = dict(loaded.policies), list(loaded.problems)
    by_key = {s.key: s for s in SCHEMA}
    for key, entry in group.items():
        found, problem = _entry(by_key[key], entry, GROUP_POLICY)
        policies.pop(key, None)
        if problem is not None:
            problems.append(problem)
        if found is not None:
            policies[key] = found
    return PolicyFile(path, policies, tuple(problems))


def _layered(under: PolicyFile, over: PolicyFile) -> PolicyFile:
    """``over``'s policies replacing ``under``'s, setting by setting; the problems of both."""
    if not over.policies and not over.problems:  # no such file
        return under
    return PolicyFile(over.path, {**under.policies, **over.policies}, under.problems + over.problems)


def _group_policy(registry: Reader | None) -> dict[str, Any]:
    if registry is None and sys.platform != "win32":
        return {}
    try:
        return policy_registry.entries(registry)
    except OSError as exc:  # the key exists but cannot be read: as good as no Group Policy
        log.warning("Group Policy for Liaison could not be read: %s", exc)
        return {}


def _read_file(path: Path) -> PolicyFile:
    where = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")  # Notepad's BOM is not an error
    except FileNotFoundError:
        return PolicyFile(path)
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else type(exc).__name__
        return PolicyFile(path, _closed(), (PolicyProblem(UNREADABLE, code="policy.unreadable", path=where,
                                                          reason=reason),))
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return PolicyFile(path, _closed(), (PolicyProblem(NOT_JSON, code="policy.not_json", path=where,
                                                          line=exc.lineno, column=exc.colno),))
    entries = data.get("policies") if isinstance(data, dict) else None
    if not isinstance(entries, dict):
        return PolicyFile(path, _closed(), (PolicyProblem(NO_POLICIES, code="policy.no_policies", path=where),))
    problems = [PolicyProblem(UNKNOWN_FIELD, code="policy.unknown_field", path=where, key=name)
                for name in data if name not in TOP_FIELDS]
    by_key = {s.key: s for s in SCHEMA}
    policies: dict[str, Policy] = {}
    for key, entry in entries.items():
        s = by_key.get(key)
        if s is None:
            problems.append(PolicyProblem(UNKNOWN_KEY, code="policy.unknown_key", path=where, key=key))
            continue
        found, problem = _entry(s, entry, where)
        if problem is not None:
            problems.append(problem)
        if found is not None:
            policies[key] = found
    return PolicyFile(path, policies, tuple(problems))


def _entry(s: Setting, entry: Any, where: str) -> tuple[Policy | None, PolicyProblem | None]:
    """One entry as a policy, or why it cannot be one (a security setting then fails closed)."""
    closed = Policy(s.fail_closed, locked=True) if s.fail_closed is not None else None
    safe = s.format(s.fail_closed) if closed else None
    if (not isinstance(entry, dict) or "value" not in entry or set(entry) - set(ENTRY_FIELDS)
            or not isinstance(entry.get("locked", False), bool)):
        if closed:
            return closed, PolicyProblem(BAD_ENTRY_CLOSED, code="policy.bad_entry", path=where, key=s.key, value=safe)
        return None, PolicyProblem(BAD_ENTRY, code="policy.bad_entry", path=where, key=s.key)
    try:
        value = s.check(entry["value"])
    except InvalidSetting as refused:
        if closed:
            return closed, PolicyProblem(BAD_VALUE_CLOSED, code="policy.bad_value", path=where, key=s.key,
                                         value=safe, reason=refused)
        return None, PolicyProblem(BAD_VALUE, code="policy.bad_value", path=where, key=s.key, reason=refused)
    return Policy(value, locked=bool(entry.get("locked", False))), None


def install_machine_policy(path: str | os.PathLike | None = None) -> PolicyFile:
    """Read the policy file and make every later settings read obey it (at start, GUI and CLI).

    Nothing is logged here — logging is set up only once a profile is open; the caller logs
    :meth:`PolicyFile.log_problems` then, and shows :attr:`PolicyFile.warning` its own way.
    """
    loaded = read(path)
    policies = dict(loaded.policies)
    policy.install((lambda: policies) if policies else None)
    return loaded
