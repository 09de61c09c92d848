"""The language of the window: which one, and the Qt translators that speak it.

Chosen once at start-up (:func:`install_translations` in ``run_gui``), before the first
window is built: the ``language`` setting, a machine setting so it is known before a profile
opens, or with ``system`` (the default) the system's locale — ``LC_ALL``, ``LC_MESSAGES``,
``LANG`` on Linux, the preferred languages on Windows and macOS, as :meth:`QLocale.system`
reads them.  Only Simplified Chinese has a translation; any other language gets the English
source text.  A change in the Settings window takes effect at the next start (widgets read
their words when they are built).

Three translators, newest asked first: Liaison's (``liaison_zh_CN.qm``), Qt's own
(``qtbase_zh_CN.qm`` from PySide6: the OK/Cancel of message boxes, the file dialog, the
context menus of text fields), and :class:`~app.ui.plurals.EnglishPlurals`, installed before
them, which answers only the plural strings the others leave open.  The default
:class:`QLocale` follows the language, so dates and numbers that widgets write through
``QLocale()`` come out the Chinese way ("11月30日 周一", "¥772,000").

**Where the .qm comes from.**  The repository keeps the source, ``resources/i18n/*.ts``
(``scripts/translations.py update`` refreshes it).  ``scripts/bootstrap.sh`` compiles it
beside itself with lrelease.  Where the compiled file is missing or older than its source —
an installed wheel, a checkout after ``git pull`` — :func:`compiled_translation` compiles it
here, once, with the lrelease that PySide6 ships (about 50 ms): into the resources folder if
it can be written, else into the user's cache folder.  A frozen build should ship the .qm.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from app.bundled import resources_dir

log = logging.getLogger("liaison.ui.i18n")

ENGLISH, CHINESE = "en", "zh_CN"
TRANSLATED = (CHINESE,)  # languages with a .ts in resources/i18n
SETTING = "language"
CATALOGUE = "liaison"  # resources/i18n/liaison_<language>.ts


def system_language(system: QLocale | None = None) -> str:
    """The translated language the system asks for, else English.

    Any Chinese locale gets Simplified Chinese (the only Chinese there is), which reads
    better to a Taiwanese or Hong Kong user than English would.
    """
    system = system if system is not None else QLocale.system()
    for name in system.uiLanguages() or [system.name()]:
        if QLocale(name.replace("-", "_")).language() == QLocale.Language.Chinese:
            return CHINESE
        if QLocale(name.replace("-", "_")).language() not in (QLocale.Language.C, QLocale.Language.AnyLanguage):
            return ENGLISH  # the user's first language is one without a translation
    return ENGLISH


def chosen_language(setting: str | None = None, system: QLocale | None = None) -> str:
    """``en`` or ``zh_CN``: the setting's value, or with ``system`` the system's language."""
    if setting is None:
        setting = configured_language()
    if setting in TRANSLATED or setting == ENGLISH:
        return setting
    return system_language(system)


def configured_language() -> str:
    """The ``language`` setting (policy included); ``system`` if it cannot be read."""
    from app.settings import get

    try:
        return str(get(None, SETTING))  # a machine setting: no profile needed
    except Exception:  # noqa: BLE001 - a broken settings file must not stop the window opening
        log.warning("the language setting could not be read; the system's language applies", exc_info=True)
        return "system"


def source_file(language: str) -> Path:
    return resources_dir() / "i18n" / f"{CATALOGUE}_{language}.ts"


def _fresh(qm: Path, ts: Path) -> bool:
    try:
        return qm.stat().st_mtime >= ts.stat().st_mtime
    except FileNotFoundError:
        return qm.exists() and not ts.exists()


def _cache_dir() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("Liaison", appauthor=False)) / "i18n"


def lrelease_program() -> Path:
    """The lrelease that comes with PySide6 (the ``pyside6-lrelease`` command runs the same)."""
    import PySide6

    return Path(PySide6.__file__).resolve().parent / ("lrelease.exe" if sys.platform == "win32" else "lrelease")


def compile_translation(ts: Path, qm: Path) -> bool:
    """Compile ``ts`` into ``qm`` with lrelease; False (logged) when that cannot be done."""
    try:
        qm.parent.mkdir(parents=True, exist_ok=True)
        done = subprocess.run([str(lrelease_program()), "-silent", str(ts), "-qm", str(qm)],
                              capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("could not compile %s: %s", ts, exc)
        return False
    if done.returncode != 0 or not qm.exists():
        log.warning("lrelease failed on %s: %s", ts, (done.stderr or done.stdout).strip())
        return False
    return True


def compiled_translation(language: str, cache: Path | None = None) -> Path | None:
    """The up-to-date .qm of ``language``, compiled first if need be; None when there is none."""
    ts = source_file(language)
    beside = ts.with_suffix(".qm")
    if _fresh(beside, ts):
        return beside
    if not ts.exists():
        return None
    if os.access(ts.parent, os.W_OK) and compile_translation(ts, beside):
        return beside
    cached = (cache or _cache_dir()) / beside.name
    if _fresh(cached, ts) or compile_translation(ts, cached):
        return cached
    return beside if beside.exists() else None  # out of date beats English


def qt_translation_dir() -> str:
    """Where PySide6 keeps Qt's own translations (``qtbase_zh_CN.qm``)."""
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


def install_translations(app: QCoreApplication | None = None, language: str | None = None) -> list[QTranslator]:
    """Install Qt's and Liaison's translators for ``language`` (default: :func:`chosen_language`)
    and make its locale the default.  Returns the translators (kept alive by ``app``), so a test
    can remove them again with :func:`remove_translations`."""
    app = app or QCoreApplication.instance()
    language = language or chosen_language()
    installed: list[QTranslator] = []
    if language == ENGLISH:
        system = QLocale.system()
        if system.language() != QLocale.Language.English:  # English words, the region's conventions
            QLocale.setDefault(QLocale(QLocale.Language.English, system.territory()))
        return installed
    QLocale.setDefault(QLocale(language))
    qt_own = QTranslator(app)
    if qt_own.load(QLocale(language), "qtbase", "_", qt_translation_dir()):
        QCoreApplication.installTranslator(qt_own)
        installed.append(qt_own)
    else:
        log.warning("Qt's own translation for %s was not found in %s", language, qt_translation_dir())
    qm = compiled_translation(language)
    ours = QTranslator(app)
    if qm is not None and ours.load(str(qm)):
        QCoreApplication.installTranslator(ours)
        installed.append(ours)
    else:
        log.warning("no translation for %s (%s): the window stays in English", language, qm)
    log.info("interface language %s", language)
    return installed


def remove_translations(translators: list[QTranslator]) -> None:
    """Undo :func:`install_translations` (tests; the window never switches while it runs)."""
    for translator in translators:
        QCoreApplication.removeTranslator(translator)
    QLocale.setDefault(QLocale.system())
