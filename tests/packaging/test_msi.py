"""The Windows installer's definition, built here with wixl and inspected (issue 19, item 2).

No Windows bundle can be made on Linux and no MSI can be installed here: this builds the MSI
from a stand-in bundle folder (the same layout PyInstaller makes on Windows: liaison.exe and
_internal/), with the same script the CI workflow uses on the real bundle, and reads its
tables back with msiinfo. What it proves: per-machine (ALLUSERS=1, 64-bit Program Files),
one stable UpgradeCode with a new ProductCode per build, an upgrade that removes the older
version (Upgrade table + RemoveExistingProducts), a downgrade refused (OnlyDetect row and a
launch condition evaluated after FindRelatedProducts), every file of the bundle at its place,
and the Start menu shortcut. Installing, upgrading and uninstalling silently is left to the
Windows job of .github/workflows/installers.yml.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = [pytest.mark.packaging, pytest.mark.timeout(300)]

UPGRADE_CODE = "{E0F705B5-5218-4BEC-A5C7-71F26AA835A4}"  # never changes: it names the product
STAND_IN_FILES = [
    "liaison.exe",
    "liaison-cli.exe",  # the console program for the command line (same _internal)
    "_internal/python311.dll",
    "_internal/base_library.zip",
    "_internal/PySide6/Qt6Core.dll",
    "_internal/PySide6/plugins/platforms/qwindows.dll",
    "_internal/app/_bundled/migrations/env.py",
    "_internal/app/_bundled/migrations/versions/0001_initial.py",
    "_internal/app/_bundled/resources/i18n/liaison_zh_CN.qm",
    "_internal/app/_bundled/resources/icons/liaison.svg",
    "_internal/keyring-25.7.0.dist-info/entry points.txt",  # a name with a space
]
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _need_tools():
    for tool in ("wixl", "wixl-heat", "msiinfo"):
        if shutil.which(tool) is None:
            pytest.fail(f"{tool} is not installed: run the README's test command, which installs it")


def _build(bundle: Path, out: Path, version: str | None = None) -> Path:
    env = dict(os.environ)
    if version:
        env["MSI_VERSION"] = version
    result = subprocess.run(["bash", "packaging/windows/build_msi.sh", str(bundle), str(out)], cwd=REPO,
                            capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def _table(msi: Path, name: str) -> list[dict[str, str]]:
    """Rows of one table, as msiinfo exports it (names, types, table name, then rows)."""
    text = subprocess.run(["msiinfo", "export", str(msi), name], capture_output=True, text=True,
                          check=True).stdout
    lines = text.split("\r\n") if "\r\n" in text else text.split("\n")
    columns = lines[0].split("\t")
    return [dict(zip(columns, line.split("\t"))) for line in lines[3:] if line]


def _properties(msi: Path) -> dict[str, str]:
    return {row["Property"]: row["Value"] for row in _table(msi, "Property")}


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("windows-bundle") / "liaison"
    for name in STAND_IN_FILES:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"MZ stand-in for " + name.encode())
    return root


@pytest.fixture(scope="module")
def msi(bundle, tmp_path_factory) -> Path:
    _need_tools()
    return _build(bundle, tmp_path_factory.mktemp("msi") / "liaison.msi")


def _version() -> str:
    return subprocess.run(["bash", "packaging/build.sh", "version"], cwd=REPO, check=True,
                          capture_output=True, text=True).stdout.strip()


def test_a_per_machine_64_bit_installer_of_this_version(msi):
    assert msi.read_bytes()[:8] == OLE_MAGIC
    props = _properties(msi)
    assert props["ALLUSERS"] == "1"  # per machine: no per-user prompt, no per-user install
    assert props["ProductName"] == "Liaison"
    assert props["ProductVersion"] == _version()
    assert props["UpgradeCode"] == UPGRADE_CODE
    summary = subprocess.run(["msiinfo", "suminfo", str(msi)], capture_output=True, text=True, check=True).stdout
    assert "Template: x64;1033" in summary
    dirs = {row["Directory"]: row for row in _table(msi, "Directory")}
    assert dirs["INSTALLDIR"]["Directory_Parent"] == "ProgramFiles64Folder"
    assert dirs["INSTALLDIR"]["DefaultDir"] == "Liaison"
    components = _table(msi, "Component")
    assert components and all(int(row["Attributes"]) & 256 for row in components), "not all 64-bit components"


def test_upgrades_in_place_and_refuses_a_downgrade(msi):
    version = _version()
    rows = _table(msi, "Upgrade")
    assert {row["UpgradeCode"] for row in rows} == {UPGRADE_CODE}
    upgrade = [r for r in rows if not int(r["Attributes"]) & 2]  # 2: OnlyDetect
    detect = [r for r in rows if int(r["Attributes"]) & 2]
    # Older versions (below this one) are found and removed...
    assert len(upgrade) == 1 and upgrade[0]["VersionMax"] == version and not upgrade[0]["VersionMin"]
    assert upgrade[0]["ActionProperty"] == "WIX_UPGRADE_DETECTED"
    # ...newer ones are only detected, and then the launch condition stops the install.
    assert len(detect) == 1 and detect[0]["VersionMin"] == version and not detect[0]["VersionMax"]
    downgrade_property = detect[0]["ActionProperty"]
    conditions = {row["Condition"]: row["Description"] for row in _table(msi, "LaunchCondition")}
    assert f"NOT {downgrade_property}" in conditions
    assert "newer version of Liaison" in conditions[f"NOT {downgrade_property}"]
    assert downgrade_property in _properties(msi)["SecureCustomProperties"].split(";")
    sequence = {row["Action"]: int(row["Sequence"]) for row in _table(msi, "InstallExecuteSequence")}
    assert sequence["FindRelatedProducts"] < sequence["LaunchConditions"]
    assert "RemoveExistingProducts" in sequence


def test_each_build_is_a_new_product_of_the_same_family(bundle, msi, tmp_path):
    newer = _build(bundle, tmp_path / "newer.msi", version="99.0.0")
    old_props, new_props = _properties(msi), _properties(newer)
    assert new_props["UpgradeCode"] == old_props["UpgradeCode"]
    assert new_props["ProductCode"] != old_props["ProductCode"]
    assert new_props["ProductVersion"] == "99.0.0"
    assert next(r for r in _table(newer, "Upgrade") if int(r["Attributes"]) & 2)["VersionMin"] == "99.0.0"


def test_every_file_of_the_bundle_is_installed_at_its_place(bundle, msi):
    dirs = {row["Directory"]: row for row in _table(msi, "Directory")}
    components = {row["Component"]: row for row in _table(msi, "Component")}

    def path_of(directory: str) -> list[str]:
        parts = []
        while directory != "INSTALLDIR":
            row = dirs[directory]
            parts.append(row["DefaultDir"].split("|")[-1])
            directory = row["Directory_Parent"]
        return list(reversed(parts))

    installed = sorted("/".join([*path_of(components[row["Component_"]]["Directory_"]),
                                 row["FileName"].split("|")[-1]])
                       for row in _table(msi, "File"))
    assert installed == sorted(STAND_IN_FILES)
    sizes = {row["FileName"].split("|")[-1]: int(row["FileSize"]) for row in _table(msi, "File")}
    assert sizes["liaison.exe"] == (bundle / "liaison.exe").stat().st_size
    media = _table(msi, "Media")
    assert media and media[0]["Cabinet"].startswith("#"), "files not in an embedded cabinet"


def test_start_menu_shortcut(msi):
    shortcuts = _table(msi, "Shortcut")
    assert [(s["Name"], s["Directory_"], s["Target"]) for s in shortcuts] == \
        [("Liaison", "ProgramMenuFolder", "[INSTALLDIR]liaison.exe")]


def test_refuses_a_folder_that_is_not_a_windows_bundle(tmp_path):
    _need_tools()
    result = subprocess.run(["bash", "packaging/windows/build_msi.sh", str(tmp_path), str(tmp_path / "x.msi")],
                            cwd=REPO, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "no liaison.exe" in result.stderr
