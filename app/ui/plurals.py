"""English plurals for ``tr("%n message(s)", "", n)`` without a compiled translation file.

Source strings are English and mark their plural forms the way Qt's own tools expect:
``"%n message(s)"``, ``"%n compan(y/ies)"``, ``"%n contact(s) (was/were) not written to"``.  A
translation for the user's language (a ``.qm`` file) gives the real forms of that language;
for English, and for any string a translation lacks, :class:`EnglishPlurals` picks the form:
"1 message", "2 messages", "0 companies".  Install it first, so real translations installed
after it win (Qt asks the newest translator first).
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, QTranslator

_CHOICE = re.compile(r"\((\w*)/(\w*)\)")  # (y/ies), (was/were)
_SUFFIX = re.compile(r"\((s|es)\)")  # message(s), box(es)


def english_plural(text: str, n: int) -> str:
    """``text`` with its plural marks resolved for ``n`` (``%n`` itself is left to Qt)."""
    one = n == 1
    text = _CHOICE.sub(lambda m: m.group(1) if one else m.group(2), text)
    return _SUFFIX.sub(lambda m: "" if one else m.group(1), text)


class EnglishPlurals(QTranslator):
    """Answers only plural strings (``n >= 0`` with a plural mark); everything else falls through."""

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: N802 - Qt override
        if n is None or n < 0 or not source or "(" not in source:
            return None  # a null string: "no translation here", Qt asks the next translator
        resolved = english_plural(source, n)
        return resolved if resolved != source else None

    def isEmpty(self) -> bool:  # noqa: N802 - Qt override: a translator with no file is not empty
        return False


_installed: EnglishPlurals | None = None


def install_english_plurals(app: QCoreApplication | None = None) -> EnglishPlurals:
    """Install once for the application (call before installing real translations)."""
    global _installed
    if _installed is None:
        _installed = EnglishPlurals(app or QCoreApplication.instance())
        QCoreApplication.installTranslator(_installed)
    return _installed


def remove_english_plurals() -> None:
    """Undo :func:`install_english_plurals` (tests that install it put things back as they were)."""
    global _installed
    if _installed is not None:
        QCoreApplication.removeTranslator(_installed)
        _installed = None
