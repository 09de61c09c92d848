"""Keep the window's translations in step with the source (run from the repository's root).

    .venv/bin/python scripts/translations.py update   # refresh resources/i18n/*.ts from app/
    .venv/bin/python scripts/translations.py build    # compile them into .qm files (bootstrap does)
    .venv/bin/python scripts/translations.py check    # list every string without a translation

``update`` first writes ``app/ui/core_texts.py``: the Qt-free core raises its errors with
English templates (``UserFacingError("No template called {name}.", name=…)``) and describes
mail providers in English, and the window translates them where it shows them
(``app.ui.error_presenter``, context ``errors``; provider advice, context ``Providers``).
lupdate cannot know a string passed to an error class is a message, so this script finds
them (every call of a :class:`~app.errors.Phrase` subclass with a literal template, and of
the few callables in ``TEMPLATE_ARGUMENT`` that take a template elsewhere or make the Phrase
themselves, outside ``app/cli``, whose errors only the command line prints) and lists them in
that module, where lupdate reads them like any ``QT_TRANSLATE_NOOP``.  Then ``pyside6-lupdate`` scans ``app/``
into each ``.ts``: new strings arrive as "unfinished", strings gone from the source are
dropped.  Translate the unfinished ones (Qt Linguist, ``pyside6-linguist``, or any editor),
then ``build``.  ``tests/unit/test_translations.py`` fails while a string is untranslated.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
APP = REPO / "app"
I18N = REPO / "resources" / "i18n"
CORE_MODULE = APP / "ui" / "core_texts.py"
LANGUAGES = ("zh_CN",)
# Errors only the command line prints, and Cancelled, which nobody is shown.
NOT_SHOWN_IN_WINDOW = ("cli",)
SILENT = {"Cancelled"}
# Not errors, but sentences made the same way (a template and parameters) for the window.
TEMPLATED = {"Notice"}  # app.errors.Notice: warnings, import problems
PROVIDER_TEXTS = ("password_help", "imap_help")
# Callables whose template is not a Phrase class's first argument: which positional argument
# holds it.  app.automation: InvalidRule(rule, "problem", ...) names the rule first; Skipped
# (an Exception) and _note make the Phrase of a run-log step themselves.
TEMPLATE_ARGUMENT = {"InvalidRule": 1, "Skipped": 0, "_note": 0}

PLACEHOLDER = re.compile(r"%n|%L?\d|\{[A-Za-z_][A-Za-z0-9_]*\}")


# -- what the core says in English ------------------------------------------------------------
def _parse_all(app: Path) -> dict[Path, ast.Module]:
    return {path: ast.parse(path.read_text(encoding="utf-8"), str(path)) for path in sorted(app.rglob("*.py"))
            if "_bundled" not in path.parts}


def _phrase_classes(trees: dict[Path, ast.Module]) -> set[str]:
    bases: dict[str, set[str]] = {}
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                bases.setdefault(node.name, set()).update(
                    b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in node.bases)
    found = {"Phrase"}
    while True:
        more = {name for name, parents in bases.items() if name not in found and parents & found}
        if not more:
            return found
        found |= more


def _module_strings(tree: ast.Module) -> dict[str, str]:
    """Module-level ``NAME = "text"`` (a NAME = QT_TRANSLATE_NOOP(...) is lupdate's already)."""
    strings = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    strings[target.id] = node.value.value
    return strings


def _texts_of(node: ast.AST, strings: dict[str, str]) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.Name) and node.id in strings:
        return [strings[node.id]]
    if isinstance(node, ast.IfExp):
        return _texts_of(node.body, strings) + _texts_of(node.orelse, strings)
    return []


def _call_name(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


def core_texts(app: Path = APP) -> list[tuple[str, str, str]]:
    """``(context, English text, module)`` for every error template and provider advice the
    core gives the window, in a stable order, each once."""
    trees = _parse_all(app)
    phrases = (_phrase_classes(trees) - SILENT) | TEMPLATED
    found: dict[tuple[str, str], str] = {}
    for path, tree in trees.items():
        relative = path.relative_to(app.parent).as_posix()
        if path.relative_to(app).parts[0] in NOT_SHOWN_IN_WINDOW:
            continue
        strings = _module_strings(tree)
        for klass in [n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)] + [tree]:
            inside_phrase = isinstance(klass, ast.ClassDef) and klass.name in phrases
            for node in ast.walk(klass):
                if not isinstance(node, ast.Call):
                    continue
                name = _call_name(node)
                is_super = name == "__init__" and inside_phrase and isinstance(node.func, ast.Attribute) \
                    and isinstance(node.func.value, ast.Call) and _call_name(node.func.value) == "super"
                index = TEMPLATE_ARGUMENT.get(name, 0 if name in phrases or is_super else None)
                if index is not None and len(node.args) > index:
                    for text in _texts_of(node.args[index], strings):
                        found.setdefault(("errors", text), relative)
                if name == "Provider":
                    for keyword in node.keywords:
                        if keyword.arg in PROVIDER_TEXTS:
                            for text in _texts_of(keyword.value, strings):
                                found.setdefault(("Providers", text), relative)
    return [(context, text, where) for (context, text), where in sorted(found.items(), key=lambda i: (i[1], i[0]))]


def core_module(texts: list[tuple[str, str, str]]) -> str:
    """The text of ``app/ui/core_texts.py`` for ``texts``."""
    lines = ['"""Sentences the Qt-free core gives the window in English, listed for the translators.',
             "",
             "Generated by ``scripts/translations.py update`` — do not edit.  The core raises errors with",
             "English templates and describes mail providers in English; the window translates them",
             "where it shows them (``app.ui.error_presenter``, ``app.ui.account_setup_dialog``).  lupdate",
             "cannot tell such a string from any other, so they are named here once, by module.",
             '"""', "", "from PySide6.QtCore import QT_TRANSLATE_NOOP", "", "TEXTS = ("]
    where = None
    for context, text, module in texts:
        if module != where:
            lines.append(f"    # {module}")
            where = module
        lines.append(f"    QT_TRANSLATE_NOOP({context!r}, {text!r}),")
    lines.append(")")
    return "\n".join(lines) + "\n"


# -- lupdate, lrelease, and reading a .ts -----------------------------------------------------
def qt_tool(name: str) -> str:
    """PySide6's ``lupdate``/``lrelease`` (the ``pyside6-*`` commands run the same binaries)."""
    import PySide6

    program = Path(PySide6.__file__).resolve().parent / (name + (".exe" if sys.platform == "win32" else ""))
    if not program.exists():
        raise SystemExit(f"{program} is missing: install pyside6-essentials")
    return str(program)


def lupdate(ts: Path, app: Path = APP) -> None:
    """Scan ``app`` into ``ts`` (kept translations stay, vanished strings go, no line numbers
    so that a moved line changes nothing)."""
    subprocess.run([qt_tool("lupdate"), "-silent", "-extensions", "py", "-locations", "none", "-no-obsolete",
                    "-source-language", "en", "-target-language", ts.stem.split("_", 1)[1],
                    str(app), "-ts", str(ts)], check=True, cwd=app.parent)


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([qt_tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    translations: tuple[str, ...]
    finished: bool
    numerus: bool


def read_ts(ts: Path) -> list[Message]:
    messages = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = translation.get("type", "") if translation is not None else "unfinished"
            forms = [f.text or "" for f in translation.iter("numerusform")] if translation is not None else []
            if not forms and translation is not None:
                forms = [translation.text or ""]
            messages.append(Message(name, message.findtext("source") or "", tuple(forms),
                                    kind not in ("unfinished", "vanished", "obsolete"),
                                    message.get("numerus") == "yes"))
    return messages


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def problems(messages: list[Message]) -> list[str]:
    """One line per message a user would see in English, or with a placeholder lost."""
    found = []
    for m in messages:
        where = f"[{m.context}] {m.source!r}"
        if not m.finished or not any(t.strip() for t in m.translations):
            found.append(f"{where}: no translation")
            continue
        wanted = placeholders(m.source)
        for text in m.translations:
            if placeholders(text) != wanted and not (m.numerus and placeholders(text) == [p for p in wanted if p != "%n"]):
                found.append(f"{where}: placeholders {wanted} but the translation {text!r} has {placeholders(text)}")
    return found


def ts_file(language: str) -> Path:
    return I18N / f"liaison_{language}.ts"


def fresh_scan(language: str) -> list[Message]:
    """What ``update`` would make of the committed .ts, without touching it."""
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / ts_file(language).name
        shutil.copy(ts_file(language), copy)
        lupdate(copy)
        return read_ts(copy)


# -- commands --------------------------------------------------------------------------------
def update() -> None:
    CORE_MODULE.write_text(core_module(core_texts()), encoding="utf-8")
    I18N.mkdir(parents=True, exist_ok=True)
    for language in LANGUAGES:
        lupdate(ts_file(language))
        left = problems(read_ts(ts_file(language)))
        print(f"{ts_file(language).relative_to(REPO)}: {len(left)} message(s) to translate")


def build() -> None:
    for language in LANGUAGES:
        lrelease(ts_file(language), ts_file(language).with_suffix(".qm"))


def check() -> int:
    left = [f"{language}: {line}" for language in LANGUAGES for line in problems(fresh_scan(language))]
    print("\n".join(left) or "every string is translated")
    return 1 if left else 0


if __name__ == "__main__":
    os.chdir(REPO)
    command = sys.argv[1] if len(sys.argv) > 1 else "check"
    if command == "update":
        update()
    elif command == "build":
        build()
    elif command == "check":
        sys.exit(check())
    else:
        raise SystemExit(__doc__)
