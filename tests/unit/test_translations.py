"""The Simplified Chinese translation is complete, and the language is chosen as documented.

The completeness test runs ``pyside6-lupdate`` over ``app/`` into a copy of the committed
``resources/i18n/liaison_zh_CN.ts`` (scripts/translations.py), so a string added anywhere in
the window — or an error template added to the core — fails here until it is translated.
"""

from __future__ import annotations

import ast
import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale

from app.ui import translations
from app.ui.translations import CHINESE, ENGLISH, chosen_language, compiled_translation

REPO = Path(__file__).resolve().parents[2]
HOW_TO_UPDATE = ("Update the translation: `.venv/bin/python scripts/translations.py update`, translate the "
                 "messages it marks unfinished in resources/i18n/liaison_zh_CN.ts (pyside6-linguist or any "
                 "editor; keep %n, %1 and {name} placeholders), then `scripts/translations.py check`.")


def _tool():
    spec = importlib.util.spec_from_file_location("translations_tool", REPO / "scripts" / "translations.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


tool = _tool()


def test_every_string_of_the_window_has_a_chinese_translation_with_its_placeholders():
    messages = tool.fresh_scan(CHINESE)
    assert len(messages) > 900  # the scan found the window's strings, not an empty tree
    missing = tool.problems(messages)
    assert not missing, (f"{len(missing)} string(s) the window shows have no Chinese translation:\n  "
                         + "\n  ".join(missing[:60]) + f"\n{HOW_TO_UPDATE}")


def test_the_list_of_core_sentences_for_the_translators_is_current():
    expected = tool.core_module(tool.core_texts())
    assert tool.CORE_MODULE.read_text(encoding="utf-8") == expected, (
        "app/ui/core_texts.py no longer lists the error templates and provider advice of the core. "
        + HOW_TO_UPDATE)


def test_errors_the_window_can_show_are_raised_with_templates_not_f_strings():
    """An f-string bakes its values into the sentence, so no translation can match it: the
    values go in as parameters (``UserFacingError("No template called {name}.", name=name)``)."""
    app = REPO / "app"
    trees = {path: ast.parse(path.read_text(encoding="utf-8")) for path in app.rglob("*.py")}
    errors = tool._phrase_classes(trees)
    found = []
    for path, tree in trees.items():
        if path.relative_to(app).parts[0] in tool.NOT_SHOWN_IN_WINDOW:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and tool._call_name(node) in errors and node.args \
                    and isinstance(node.args[0], ast.JoinedStr):
                found.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert not found, "error sentences made with f-strings (untranslatable): " + ", ".join(found)


def test_placeholder_check_catches_a_lost_placeholder():
    good = tool.Message("X", "Saved %1 as {name}", ("已将 %1 保存为 {name}",), True, False)
    lost = tool.Message("X", "Saved %1 as {name}", ("已保存",), True, False)
    unfinished = tool.Message("X", "Saved", ("",), False, False)
    assert tool.problems([good]) == []
    assert len(tool.problems([lost, unfinished])) == 2


@pytest.mark.parametrize(("setting", "system", "expected"), [
    ("system", "zh_CN", CHINESE), ("system", "zh_TW", CHINESE), ("system", "en_US", ENGLISH),
    ("system", "de_DE", ENGLISH), ("en", "zh_CN", ENGLISH), ("zh_CN", "en_US", CHINESE),
    ("unknown", "zh_CN", CHINESE),
])
def test_the_setting_wins_and_system_follows_the_locale(setting, system, expected):
    assert chosen_language(setting, QLocale(system)) == expected


def test_the_language_setting_is_read_from_the_machine_file(machine_settings):
    machine_settings.write_text('{"settings": {"language": "zh_CN"}}')
    assert translations.configured_language() == "zh_CN"
    assert chosen_language(system=QLocale("en_US")) == CHINESE


@pytest.mark.parametrize("env", [{"LANG": "zh_CN.UTF-8"}, {"LANG": "en_US.UTF-8", "LC_ALL": "zh_CN.UTF-8"}])
def test_a_chinese_environment_gives_chinese(env, tmp_path):
    """What a desktop started with LANG / LC_ALL = zh_CN.UTF-8 gets (a fresh process: Qt reads
    the environment once)."""
    clean = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE")}
    clean.update(env, LIAISON_MACHINE_SETTINGS=str(tmp_path / "settings.json"), PYTHONPATH=str(REPO))
    probe = ("from PySide6.QtCore import QCoreApplication; app = QCoreApplication([]); "
             "from app.ui.translations import chosen_language; print(chosen_language())")
    done = subprocess.run([sys.executable, "-c", probe], env=clean, capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == CHINESE, done.stderr


def _source_tree(tmp_path: Path, monkeypatch) -> Path:
    """A resources folder holding only the .ts, as a fresh wheel install has it."""
    folder = tmp_path / "resources" / "i18n"
    folder.mkdir(parents=True)
    (folder / "liaison_zh_CN.ts").write_bytes((REPO / "resources" / "i18n" / "liaison_zh_CN.ts").read_bytes())
    monkeypatch.setattr(translations, "resources_dir", lambda: tmp_path / "resources")
    return folder


def test_a_missing_qm_is_compiled_beside_its_source_and_a_stale_one_again(tmp_path, monkeypatch):
    folder = _source_tree(tmp_path, monkeypatch)
    qm = compiled_translation(CHINESE, cache=tmp_path / "cache")
    assert qm == folder / "liaison_zh_CN.qm" and qm.stat().st_size > 10_000
    ts = folder / "liaison_zh_CN.ts"
    os.utime(qm, (1, 1))  # older than its source: compiled again
    assert compiled_translation(CHINESE, cache=tmp_path / "cache").stat().st_mtime > ts.stat().st_mtime - 1


def test_a_read_only_install_compiles_into_the_cache_folder(tmp_path, monkeypatch):
    folder = _source_tree(tmp_path, monkeypatch)
    monkeypatch.setattr(translations.os, "access", lambda path, mode: False)  # root may write anywhere
    qm = compiled_translation(CHINESE, cache=tmp_path / "cache")
    assert qm == tmp_path / "cache" / "liaison_zh_CN.qm" and qm.exists()
    assert not (folder / "liaison_zh_CN.qm").exists()


def test_window_strings_are_written_the_ways_lupdate_reads():
    """``widget.tr("…")`` is filed by lupdate under the variable's name but looked up under the
    widget's class, and a helper such as ``_t("…")`` is not read at all: either string is never
    translated.  ``self.tr``, ``translate("Context", …)`` and ``QT_TRANSLATE_NOOP`` are."""
    found = []
    for path in (REPO / "app" / "ui").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "tr" \
                    and not (isinstance(node.func.value, ast.Name) and node.func.value.id == "self"):
                found.append(f"{path.relative_to(REPO)}:{node.lineno}: {ast.unparse(node.func)}(…)")
            if isinstance(node, ast.FunctionDef) and node.name in ("_t", "_tr", "tr_", "_"):
                found.append(f"{path.relative_to(REPO)}:{node.lineno}: helper {node.name}()")
            # Another name for QT_TRANSLATE_NOOP (_N = QT_TRANSLATE_NOOP, import … as _N) is not read either.
            if isinstance(node, ast.alias) and node.name == "QT_TRANSLATE_NOOP" and node.asname \
                    or isinstance(node, ast.Assign) and isinstance(node.value, ast.Name) \
                    and node.value.id == "QT_TRANSLATE_NOOP":
                found.append(f"{path.relative_to(REPO)}:{getattr(node, 'lineno', '?')}: QT_TRANSLATE_NOOP renamed")
            # translate("Context", "%n …", "", n): lupdate skips the call unless n is a plain name.
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "translate" \
                    and len(node.args) > 3 and not isinstance(node.args[3], (ast.Name, ast.Constant)):
                found.append(f"{path.relative_to(REPO)}:{node.lineno}: translate(…, {ast.unparse(node.args[3])})")
    assert not found, "strings lupdate files wrongly or not at all:\n  " + "\n  ".join(found)
