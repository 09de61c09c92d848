"""`python main.py import-mail` as a subprocess: exit codes, one-line errors, and the mail afterwards."""

from __future__ import annotations

import json

import pytest

from tests.integration.test_cli import add_account, assert_one_line_error

pytestmark = pytest.mark.integration


def write_mbox(path, count: int, cut_last: bool = False) -> None:
    text = "".join(f"From - Mon Mar 02 10:00:00 2015\nFrom: 张伟 <zhang.wei@huaxin-trade.cn>\nTo: me@example.com\n"
                   f"Subject: 报价 {n}\nMessage-ID: <cli{n}@example.com>\nDate: Mon, 2 Mar 2015 10:00:00 +0000\n"
                   f"\n第 {n} 封\n\n" for n in range(count))
    if cut_last:
        text += "From - Mon Mar 02 10:00:00 2015\nFrom: x@example.com\nSubject: cut"
    path.write_bytes(text.encode())


def test_missing_and_garbage_paths_are_one_sentence_and_exit_2(cli, tmp_path):
    assert_one_line_error(cli("import-mail", str(tmp_path / "nowhere.mbox"), check=False), 2,
                          "There is no file or folder at", "nowhere.mbox")
    garbage = tmp_path / "garbage.mbox"
    garbage.write_bytes(bytes(range(256)) * 40)
    assert_one_line_error(cli("import-mail", str(garbage), check=False), 2, "is not an mbox file")
    empty = tmp_path / "empty"
    empty.mkdir()
    assert_one_line_error(cli("import-mail", str(empty), check=False), 2, "No mail was found in")
    assert_one_line_error(cli("import-mail", str(garbage), "--account", "x", check=False), 2, "--upload")
    assert json.loads(cli("account", "list", "--json").stdout or "[]") == []  # nothing was made


def test_import_then_list_show_search_and_resume(cli, tmp_path):
    mbox = tmp_path / "Inbox"
    write_mbox(mbox, 5, cut_last=True)
    first = cli("import-mail", str(mbox), "--to-folder", "旧邮件", check=False)
    assert first.returncode == 1  # completed, with a message it could not import
    assert "Local Folders/旧邮件: 5 imported, 1 cut off at the end of the file" in first.stdout
    assert "1 message(s) of" in first.stderr and "cut off" in first.stderr
    listed = [json.loads(line) for line in cli("messages", "--folder", "旧邮件", "--json").stdout.splitlines()]
    assert sorted(m["subject"] for m in listed) == [f"报价 {n}" for n in range(5)]
    assert listed[0]["account"] == "Local Folders"
    shown = cli("show", "--account", "Local Folders", "--folder", "旧邮件", "--uid", "3", "--json").stdout
    assert json.loads(shown)["text"].strip() == "第 2 封"
    assert "报价 4" in cli("search", "报价").stdout

    write_mbox(mbox, 7)  # the file is whole now: running again brings the rest only
    again = cli("import-mail", str(mbox), "--to-folder", "旧邮件")
    assert "Local Folders/旧邮件: 2 imported, 5 already there" in again.stdout


def test_upload_over_the_command_line(cli, dovecot, tmp_path):
    add_account(cli, dovecot, "--ca-file", str(dovecot.ca_file))
    mbox = tmp_path / "Inbox"
    write_mbox(mbox, 3)
    result = cli("import-mail", str(mbox), "--upload", "--account", "work", "--to-folder", "Archive")
    assert "work/Archive: 3 imported" in result.stdout
    assert "work: synced, 3 new messages stored" in result.stdout
    listed = cli("messages", "--account", "work", "--folder", "Archive", "--json").stdout.splitlines()
    assert len(listed) == 3
    assert_one_line_error(cli("import-mail", str(mbox), "--upload", "--account", "nobody", check=False), 2,
                          "No account named 'nobody'")
