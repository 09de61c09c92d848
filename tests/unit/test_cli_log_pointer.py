"""An internal error points to the log file only when the log file is really being written."""

from __future__ import annotations

import argparse
import logging

from app.cli import runner


def crash(*_args):
    raise RuntimeError("a bug")


def test_an_internal_error_does_not_point_to_a_log_file_that_cannot_be_written(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(logging.getLogger("liaison"), "handlers", [])  # this process's own logging setup
    monkeypatch.setattr(runner, "_dispatch", crash)
    profile = tmp_path / "profile"
    (profile / "logs" / "liaison.log").mkdir(parents=True)  # cannot be opened as a file

    assert runner.run_command(argparse.Namespace(command="contacts", profile=str(profile))) == 70

    lines = capsys.readouterr().err.strip().splitlines()
    assert lines[0].startswith("liaison: warning: cannot open the log file")
    assert lines[1] == "liaison: internal error; please report it."


def test_an_internal_error_points_to_the_log_file_it_was_written_to(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(logging.getLogger("liaison"), "handlers", [])
    monkeypatch.setattr(runner, "_dispatch", crash)
    profile = tmp_path / "profile"

    assert runner.run_command(argparse.Namespace(command="contacts", profile=str(profile))) == 70

    assert f"details in {profile / 'logs' / 'liaison.log'}" in capsys.readouterr().err
    assert "RuntimeError: a bug" in (profile / "logs" / "liaison.log").read_text()
