"""Where the folders that ship with Liaison are: ``migrations`` (Alembic) and ``resources``
(icons).  Qt-free.

Both stay at the top level of the repository. A source checkout, and an editable install
(``pip install -e .``), reads them there, beside ``app/``. A built package (``pip install .``,
a wheel) has no repository around it, so the build copies them into the package as
``app/_bundled/migrations`` and ``app/_bundled/resources`` (setup.py's build step); a frozen
build (PyInstaller) should put them at the same place. The copy inside the package wins when
it exists; the source tree never has one.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
SHIPPED = _PACKAGE / "_bundled"  # inside an installed package
CHECKOUT = _PACKAGE.parent  # the repository, for a source checkout or an editable install

APP_ICON = "liaison.svg"


def _folder(name: str) -> Path:
    shipped = SHIPPED / name
    if shipped.is_dir():
        return shipped
    checkout = CHECKOUT / name
    if checkout.is_dir():
        return checkout
    return shipped  # missing everywhere: the error then names where an installed copy keeps it


def migrations_dir() -> Path:
    """Alembic's script location (``env.py``, ``versions/``)."""
    return _folder("migrations")


def resources_dir() -> Path:
    return _folder("resources")


def icon_path(name: str = APP_ICON) -> Path:
    """An icon file in ``resources/icons`` (the application icon by default)."""
    return resources_dir() / "icons" / name
