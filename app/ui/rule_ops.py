"""What the Rules view and the rule editor ask of the core, as functions for ops (no Qt).

Reads run on the reader pool (``ops.read``); every write runs on the writer thread
(``ops.write``) and returns ``RULES`` as its change set, so the view and anything else
listening refresh from the change, not from the click.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app.automation import rule_book
from app.automation.rule_format import RuleSpec
from app.errors import UserFacingError
from app.mail.sending.templates import list_templates
from app.services import events as ev
from app.services import rule_changes
from app.store.accounts import list_accounts
from app.store.database import Store
from app.store.models import Folder
from app.ui.ops import OpResult

RUN_LOG_LIMIT = 200


@dataclass
class RulesPage:
    rules: list[RuleSpec]
    runs: list[dict[str, Any]]  # a RunEntry's fields; a failed step's note is the error as stored


def read_page(store: Store, limit: int = RUN_LOG_LIMIT, rule: str | None = None) -> RulesPage:
    """The rules in order and the latest runs (a failed step's note stays the stored error, so
    the window says it in the user's language: ``error_text``)."""
    runs = [{**entry.as_json(), "steps": list(entry.steps), "skipped": entry.skipped, "waiting": entry.waiting}
            for entry in rule_book.run_log(store, limit, rule)]
    return RulesPage(rule_book.list_rules(store), runs)


@dataclass
class EditorChoices:
    """What the editor's combo boxes offer besides free text."""

    templates: list[str] = field(default_factory=list)
    folders: list[str] = field(default_factory=list)
    accounts: list[str] = field(default_factory=list)


def editor_choices(store: Store) -> EditorChoices:
    with store.read() as session:
        folders = sorted({name for name in session.scalars(select(Folder.name))}, key=str.casefold)
    accounts = [account.name for account in list_accounts(store) if not account.is_sample]
    return EditorChoices([t.name for t in list_templates(store)], folders, accounts)


def _rules_changed(value: Any = None) -> OpResult:
    return OpResult(value, ev.ChangeSet.of(ev.RULES))


# Saving, enabling, deleting and importing run as ``ops.call`` (a plain thread): a team rule
# goes to the team server, which must not hold up the writer thread.
def save(store: Store, spec: RuleSpec, replacing: str | None) -> OpResult:
    return _rules_changed(rule_changes.save_rule(store, spec, replacing=replacing))


def set_enabled(store: Store, name: str, enabled: bool) -> OpResult:
    rule_changes.set_enabled(store, name, enabled)
    return _rules_changed()


def delete(store: Store, name: str) -> OpResult:
    rule_changes.delete_rule(store, name)
    return _rules_changed()


def move(store: Store, name: str, offset: int) -> OpResult:
    rule_book.move_rule(store, name, offset)
    return _rules_changed()


class UnreadableRulesFile(UserFacingError):
    def __init__(self, path: str, problem: str):
        super().__init__("The rules file {path} cannot be read: {problem}", code="rules.file_unreadable",
                         path=path, problem=problem)


def import_file(store: Store, path: str) -> OpResult:
    """Every rule of the file, or none (the first problem is told in one sentence)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise UnreadableRulesFile(path, str(exc)) from None
    return _rules_changed(rule_changes.import_rules(store, data))


def export_file(store: Store, path: str) -> int:
    data = rule_book.export_rules(store)
    Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return len(data["rules"])
