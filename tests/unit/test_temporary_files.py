"""Plain copies of attachments are kept out of the profile and removed at exit."""

from __future__ import annotations

import stat

from app.ui import temporary_files


def test_private_folders_are_the_users_alone_and_removed_at_exit(tmp_path, monkeypatch):
    monkeypatch.setattr(temporary_files.tempfile, "tempdir", str(tmp_path))
    folder = temporary_files.private_folder("liaison-open-")
    assert folder.parent == tmp_path and stat.S_IMODE(folder.stat().st_mode) == 0o700
    copy = folder / "quote.pdf"
    copy.write_bytes(b"%PDF")
    copy.chmod(0o400)
    temporary_files.remove_all()
    assert not folder.exists()
