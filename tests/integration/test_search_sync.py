"""Search on mail synced from a real Dovecot: indexed as it syncs, kept current, rebuilt (CLI)."""

from __future__ import annotations

import json

import pytest

from tests.integration.test_cli import PASSWORD, add_account, assert_one_line_error
from tests.integration.test_cli_reading import gbk_message_with_attachments
from tests.support.mail_store import mail

pytestmark = pytest.mark.integration

ZHANG = "张伟 <zhang.wei@huaxin-trade.cn>"
ME = "Me <sales@example.com>"


def search(cli, *args) -> list[dict]:
    result = cli("search", *args, "--json")
    return [json.loads(line) for line in result.stdout.splitlines()]


def subjects(cli, *args) -> list[str]:
    return [row["subject"] for row in search(cli, *args) if row["kind"] == "message"]


@pytest.fixture
def synced(cli, dovecot):
    imap = dovecot.client("sales", PASSWORD)
    imap.append("INBOX", gbk_message_with_attachments())
    imap.append("INBOX", mail(ZHANG, ME, "请查收报价单", day=3, message_id="<q@x>", body="附件是报价单"))
    imap.append("INBOX", mail("Anna <anna@example.de>", ME, "Quarterly review", day=4, message_id="<r@x>",
                              body="The Résumé of the figures"))
    imap.logout()
    add_account(cli, dovecot, "--ca-file", str(dovecot.ca_file))
    cli("sync")
    return cli


def test_synced_mail_is_searchable_at_once_in_gbk_and_utf8(synced):
    # Newest first: the GBK message is dated 2 November, the other 3 October.
    assert subjects(synced, "报价") == ["关于采购合同的报价（€计价）", "请查收报价单"]
    assert subjects(synced, "合同") == ["关于采购合同的报价（€计价）"]  # GBK subject and body
    assert subjects(synced, "请查收") == ["关于采购合同的报价（€计价）", "请查收报价单"]
    assert subjects(synced, "from:张伟") == ["关于采购合同的报价（€计价）", "请查收报价单"]
    assert subjects(synced, "has:attachment 报价单.pdf") == ["关于采购合同的报价（€计价）"]
    assert subjects(synced, "resume", "--limit", "1") == ["Quarterly review"]
    row = search(synced, "quarterly")[0]
    assert (row["folder"], row["from"]["address"], row["unread"]) == ("INBOX", "anna@example.de", True)


def test_new_and_expunged_mail_is_reflected_after_the_next_sync(synced, dovecot):
    imap = dovecot.client("sales", PASSWORD)
    imap.append("INBOX", mail(ZHANG, ME, "样品寄送", day=5, message_id="<s@x>", body="样品已发出，物流单号附后"))
    imap.select_folder("INBOX")
    quarterly = imap.search(["SUBJECT", "Quarterly"])
    imap.delete_messages(quarterly)
    imap.expunge()
    imap.logout()
    synced("sync")
    assert subjects(synced, "物流") == ["样品寄送"]
    assert subjects(synced, "quarterly") == []


def test_no_index_sync_is_caught_up_by_the_next_sync_and_rebuild_gives_the_same_answers(synced, dovecot):
    imap = dovecot.client("sales", PASSWORD)
    imap.append("INBOX", mail(ZHANG, ME, "发票已开", day=6, message_id="<i@x>", body="增值税发票"))
    imap.logout()
    synced("sync", "--no-index")
    result = synced("search", "发票", "--json")
    assert result.stdout == "" and "1 messages are not indexed yet" in result.stderr
    assert "1 indexed for search in" in synced("sync").stdout
    assert subjects(synced, "发票") == ["发票已开"]
    before = {q: subjects(synced, q) for q in ("报价", "from:anna", "has:attachment", "发票")}
    assert "search index rebuilt: 4 messages" in synced("search", "--rebuild").stdout
    assert {q: subjects(synced, q) for q in before} == before


@pytest.mark.parametrize("query, phrase", [
    ("before:2026-02-30", "is not a date"),
    ("is:important", "use is:unread"),
    ("in:Nowhere", "No folder is called 'Nowhere'"),
])
def test_bad_queries_are_one_line_errors(synced, query, phrase):
    assert_one_line_error(synced("search", query, check=False), 2, phrase)


def test_search_without_a_query_is_a_one_line_error(synced):
    assert_one_line_error(synced("search", check=False), 2, "Give a query")
