"""Render the primary-password dialogs and Settings → General's Passwords part to PNGs.

    .venv/bin/python scripts/screenshot_secrets.py OUT_DIR [en|zh_CN]

A throwaway profile, machine settings and secrets file, and no keyring (keyring's ``fail``
backend), so the encrypted secrets file is the store in use.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

import screenshot as shots  # noqa: E402  (sets up the 1280×800 offscreen screen first)


def main() -> None:
    out_dir = Path(sys.argv[1] if len(sys.argv) > 1 else "docs").resolve()
    language = sys.argv[2] if len(sys.argv) > 2 else "en"
    out_dir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp())
    os.environ["LIAISON_SECRETS_FILE"] = str(work / "secrets.sealed")
    os.environ["LIAISON_MACHINE_SETTINGS"] = str(work / "settings.json")
    os.environ["LIAISON_POLICIES"] = str(work / "policies.json")
    import keyring
    from keyring.backends.fail import Keyring as FailKeyring
    from PySide6.QtWidgets import QApplication

    keyring.set_keyring(FailKeyring())
    from app.profile import open_profile
    from app.settings.schema import GENERAL
    from app.ui.ops import Ops
    from app.ui.plurals import install_english_plurals
    from app.ui.primary_password import CREATE, UNLOCK, PrimaryPasswordDialog
    from app.ui.settings_dialog import PAGES, SettingsDialog
    from app.ui.translations import install_translations
    from app.vault.secrets_file import SecretsFile

    app = QApplication(sys.argv)
    install_english_plurals(app)
    install_translations(app, language)
    suffix = "zh" if language != "en" else "en"

    create = PrimaryPasswordDialog(CREATE)
    create.show()
    shots.settle(app)
    create.grab().save(str(out_dir / f"primary-password-create-{suffix}.png"))
    create.hide()

    SecretsFile().create("right-primary")
    unlock = PrimaryPasswordDialog(UNLOCK)
    unlock.show()
    unlock.password.setText("wrong")
    unlock.ok_button.click()
    shots.wait(app, lambda: unlock.error.isVisible())
    shots.settle(app)
    unlock.grab().save(str(out_dir / f"primary-password-wrong-{suffix}.png"))
    unlock.hide()

    paths, store = open_profile(str(work / "profile"))
    ops = Ops.standalone(store)
    settings = SettingsDialog(store, ops)
    settings.show()
    settings.page_list.setCurrentRow([name for name, _icon in PAGES].index(GENERAL))
    shots.wait(app, lambda: settings.secrets_panel.state is not None)
    shots.settle(app)
    settings.grab().save(str(out_dir / f"settings-passwords-{suffix}.png"))
    settings.hide()
    ops.shutdown()
    store.close()


if __name__ == "__main__":
    main()
