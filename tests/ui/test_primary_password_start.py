"""The start of the real program (run_gui, in a subprocess) on a machine without a keyring: the
primary password is asked before the profile opens; Quit ends cleanly with nothing opened; the
right password opens the window."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent

HARNESS = r"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from app.vault import sealed
sealed.DEFAULT_KDF = {"name": "argon2id", "t": 1, "m": 8, "p": 1}
app = QApplication(sys.argv[:1])
answer_with = sys.argv[2]


def answer():
    from app.ui.primary_password import PrimaryPasswordDialog

    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, PrimaryPasswordDialog) and widget.isVisible():
            print("asked:", widget.mode, flush=True)
            if answer_with == "quit":
                widget.cancel_button.click()
            else:
                widget.password.setText(answer_with)
                widget.repeat.setText(answer_with)
                widget.ok_button.click()
            return
    QTimer.singleShot(30, answer)


QTimer.singleShot(30, answer)
from app.ui.application import run_gui
sys.exit(run_gui(sys.argv[1]))
"""


def start(tmp_path, answer: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring", "QT_QPA_PLATFORM": "offscreen",
           "LIAISON_QUIT_AFTER_START_MS": "300", "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-c", HARNESS, str(tmp_path / "profile"), answer], env=env,
                          capture_output=True, text=True, timeout=120, cwd=REPO)


def test_quit_at_the_primary_password_ends_cleanly_before_the_profile_opens(tmp_path, secrets_file):
    result = start(tmp_path, "quit")
    assert result.returncode == 0, result.stderr
    assert "asked: create" in result.stdout
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "profile" / "liaison.sqlite3").exists() and not secrets_file.exists()


def test_a_primary_password_made_at_start_opens_the_window_and_is_asked_again_next_time(tmp_path, secrets_file):
    first = start(tmp_path, "primary-pass-1")
    assert first.returncode == 0, first.stderr
    assert "asked: create" in first.stdout and secrets_file.exists()
    assert (tmp_path / "profile" / "liaison.sqlite3").exists()
    second = start(tmp_path, "primary-pass-1")
    assert second.returncode == 0, second.stderr
    assert "asked: unlock" in second.stdout
