"""`pip install .` gives a working `liaison` command (issue 14, "Installable").

What a user does, in a fresh virtualenv that has nothing of the source tree on sys.path: build
the project's wheel from a copy of the checkout, install it, and use the `liaison` command it
puts in the venv's bin/ from an unrelated folder. The dependencies are installed as wheels at
the versions this test run itself uses (so pip takes them from its cache or the index once, then
installs offline with --no-index). Proves the console script, that migrations/ and resources/
ship inside the package, and the version.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = [pytest.mark.integration, pytest.mark.timeout(900)]

# Not needed to build the package; left out of the copy to keep it quick.
# .cache holds the installer tests' build venv, Debian root, apt downloads and .deb (~600 MB): never copied.
TOP_LEVEL_SKIPPED = {".git", ".venv", "build", "dist", "tests", "bench", "docs", ".pytest_cache", ".cache"}
STEP_TIMEOUT = 600  # one pip step; the first run on a machine with an empty pip cache downloads Qt


def _copy_ignore(directory: str, names: list[str]) -> set[str]:
    skipped = {n for n in names if n == "__pycache__" or n.endswith((".pyc", ".egg-info"))}
    if Path(directory) == REPO:
        skipped |= TOP_LEVEL_SKIPPED & set(names)
    return skipped


def _pip(*args: str, python: str = sys.executable) -> None:
    result = subprocess.run([python, "-m", "pip", *args, "--disable-pip-version-check"],
                            capture_output=True, text=True, timeout=STEP_TIMEOUT)
    if result.returncode != 0:
        raise AssertionError(f"pip {' '.join(args)} failed ({result.returncode}):\n"
                             f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}")


def _constraints(path: Path) -> Path:
    """Pin every dependency to the version installed here (already tested, already cached)."""
    pins = sorted({f"{dist.metadata['Name']}=={dist.version}"
                   for dist in importlib.metadata.distributions()
                   if dist.metadata["Name"] and dist.metadata["Name"].lower() != "liaison"})
    path.write_text("\n".join(pins) + "\n")
    return path


class Installed:
    def __init__(self, work: Path, venv: Path, timings: dict[str, float]):
        self.work = work
        self.venv = venv
        self.timings = timings
        self.bin = venv / "bin"
        self.cwd = work / "elsewhere"  # not the checkout: nothing of the source tree on sys.path
        self.cwd.mkdir()
        home = work / "home"
        self.env = {k: v for k, v in os.environ.items()
                    if k not in {"PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "VIRTUAL_ENV",
                                 "LIAISON_PROFILE", "PYTHON_KEYRING_BACKEND"}}
        self.env.update(QT_QPA_PLATFORM="offscreen", HOME=str(home),
                        XDG_CONFIG_HOME=str(home / ".config"), XDG_DATA_HOME=str(home / ".local/share"),
                        XDG_CACHE_HOME=str(home / ".cache"),
                        PATH=f"{self.bin}{os.pathsep}{os.environ.get('PATH', '')}")

    def liaison(self, *args: str, extra_env: dict[str, str] | None = None,
                timeout: float = 120) -> subprocess.CompletedProcess:
        return subprocess.run([str(self.bin / "liaison"), *args], capture_output=True, text=True,
                              cwd=self.cwd, env={**self.env, **(extra_env or {})}, timeout=timeout)

    def python(self, code: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(self.bin / "python"), "-c", code], capture_output=True, text=True,
                              cwd=self.cwd, env=self.env, timeout=120)


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    work = tmp_path_factory.mktemp("install")
    timings: dict[str, float] = {}
    started = time.monotonic()

    def lap(step: str) -> None:
        nonlocal started
        now = time.monotonic()
        timings[step] = round(now - started, 1)
        started = now

    source = work / "checkout"
    shutil.copytree(REPO, source, ignore=_copy_ignore)
    lap("copy checkout")

    wheels = work / "wheels"
    _pip("wheel", "--no-deps", "-q", "-w", str(wheels), str(source))
    (wheel,) = wheels.glob("liaison-*.whl")
    lap("build wheel")
    # Every dependency as a wheel, once, pinned to what this test run uses.
    _pip("wheel", "-q", "-w", str(wheels), "-c", str(_constraints(work / "constraints.txt")), str(wheel))
    lap("dependency wheels")

    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=STEP_TIMEOUT)
    lap("python -m venv")
    _pip("install", "-q", "--no-index", "--find-links", str(wheels), "liaison",
         python=str(venv / "bin" / "python"))
    lap("pip install")
    yield Installed(work, venv, timings)
    shutil.rmtree(work, ignore_errors=True)  # ~470 MB; pytest would keep three runs' worth


def test_liaison_runs_from_the_venv_not_the_checkout(installed):
    script = installed.bin / "liaison"
    assert str(installed.bin / "python") in "\n".join(script.read_text().splitlines()[:3])  # shebang
    probe = installed.python(
        "import json, importlib.metadata, app, app.bundled as b\n"
        "print(json.dumps({'app': app.__file__, 'migrations': str(b.migrations_dir()),\n"
        "  'resources': str(b.resources_dir()), 'icon': str(b.icon_path()),\n"
        "  'version': importlib.metadata.version('liaison'), '__version__': app.__version__}))")
    assert probe.returncode == 0, probe.stderr
    found = json.loads(probe.stdout)
    site_packages = (installed.venv / "lib").resolve()
    package = Path(found["app"]).resolve().parent
    assert package.is_relative_to(site_packages) and "site-packages" in package.parts, found
    assert Path(found["migrations"]) == package / "_bundled" / "migrations"
    assert Path(found["resources"]) == package / "_bundled" / "resources"
    assert sorted(p.name for p in (Path(found["migrations"]) / "versions").glob("0*.py")) == \
        sorted(p.name for p in (REPO / "migrations" / "versions").glob("0*.py"))
    icons = {p.name for p in (Path(found["resources"]) / "icons").iterdir()}
    assert {"liaison.svg"} | {f"liaison-{size}.png" for size in (16, 32, 48, 64, 128, 256)} <= icons
    assert "render_pngs.py" not in icons  # the build script stays in the checkout
    assert found["version"] == found["__version__"]
    print("install timings (s):", installed.timings)


def test_help_and_version(installed):
    helped = installed.liaison("--help")
    assert helped.returncode == 0, helped.stderr
    assert helped.stdout.startswith("usage: liaison")
    shown = installed.liaison("--version")
    assert shown.returncode == 0, shown.stderr
    from app import __version__

    assert shown.stdout.strip() == f"Liaison {__version__}"


def test_a_new_profile_is_created_and_migrated(installed):
    from app.store.migrate import SCHEMA_HEAD

    profile = installed.work / "profile-cli"
    listed = installed.liaison("--profile", str(profile), "account", "list")
    assert listed.returncode == 0, (listed.stdout, listed.stderr)
    with sqlite3.connect(profile / "liaison.sqlite3") as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (SCHEMA_HEAD,)

    synced = installed.liaison("--profile", str(profile), "sync")
    assert synced.returncode == 2, (synced.stdout, synced.stderr)
    lines = synced.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("liaison: ") and "No accounts yet" in lines[0], lines


def test_the_window_starts_with_its_icon(installed):
    profile = installed.work / "profile-gui"
    # The throwaway home has no keyring, so the window would first ask to create a primary
    # password for the secrets file (tests/ui/test_primary_password.py): keep to the keyring here.
    machine_settings = installed.work / "machine-settings-gui.json"
    machine_settings.write_text('{"settings": {"secrets_store": "keyring"}}')
    started = installed.liaison("--profile", str(profile),
                                extra_env={"LIAISON_QUIT_AFTER_START_MS": "300",
                                           "LIAISON_MACHINE_SETTINGS": str(machine_settings)}, timeout=120)
    assert started.returncode == 0, (started.stdout, started.stderr)
    assert "Traceback" not in started.stderr
    assert (profile / "liaison.sqlite3").exists()

    # The installed copy's icon is found and Qt's SVG plugin draws it.
    icon = installed.python(
        "import sys\n"
        "from PySide6.QtGui import QGuiApplication, QIcon\n"
        "from app.bundled import icon_path\n"
        "qt = QGuiApplication(sys.argv[:1])\n"
        "icon = QIcon(str(icon_path()))\n"
        "image = icon.pixmap(64, 64).toImage()\n"
        "print(icon_path().is_file(), not icon.isNull(), image.pixelColor(32, 32).alpha())")
    assert icon.returncode == 0, icon.stderr
    assert icon.stdout.split() == ["True", "True", "255"], (icon.stdout, icon.stderr)
