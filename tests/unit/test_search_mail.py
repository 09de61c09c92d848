"""Searching stored mail: every operator, CJK words inside longer runs, index upkeep, hostile input."""

from __future__ import annotations

from email.message import EmailMessage

import pytest

from app.crm.customers import ContactInput, add_company, add_contact
from app.crm.deals import add_deal
from app.crm.linking import set_override
from app.search import mail_index
from app.search.mail_search import search_mail
from app.search.query import QueryError
from app.store import mail_cache
from app.store.raw_sql import fetch_all
from tests.support.mail_store import MailStore, mail

ZHANG = "张伟 <zhang.wei@huaxin-trade.cn>"
ANNA = "Anna Schmidt <anna.schmidt@example.de>"
TOM = "Tom Becker <tom.becker@outlook.com>"
ME = "Me <sales@example.com>"


def with_attachment(sender: str, subject: str, filename: str, day: int = 1) -> bytes:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, ME, subject
    message["Date"] = f"Thu, {day:02d} Oct 2026 09:00:00 +0000"
    message["Message-ID"] = f"<att-{day}@test>"
    message.set_content("see the file")
    message.add_attachment(b"%PDF-1.4", maintype="application", subtype="pdf", filename=filename)
    return message.as_bytes()


def html_only(sender: str, subject: str, html: str, day: int) -> bytes:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, ME, subject
    message["Date"] = f"Fri, {day:02d} Oct 2026 09:00:00 +0000"
    message["Message-ID"] = f"<html-{day}@test>"
    message.set_content(html, subtype="html")
    return message.as_bytes()


@pytest.fixture
def mailbox(store):
    box = MailStore(store)
    box.ids = {}
    box.ids["contract"], = box.add(mail(ZHANG, ME, "采购合同已签署", day=1, body="合同已经签好，请查收。"))
    box.ids["quote"], = box.add(mail(ZHANG, ME, "请查收报价单", day=2, body="附件是最新的报价单。"))
    box.ids["review"], = box.add(mail(ANNA, ME, "Quarterly review", cc=TOM, day=3,
                                      body="The Résumé of our quarterly figures is below."))
    box.ids["pricing"], = box.add(mail(TOM, ME, "Re: pricing question", day=4,
                                       body="Our price list for the CAFÉ range: see the table."))
    box.ids["mixed"], = box.add(mail(ANNA, "张伟 <zhang.wei@huaxin-trade.cn>", "合同v2 draft", day=5,
                                     body="Draft of the 合同 for review."))
    box.ids["attached"], = box.add(with_attachment(TOM, "Documents", "报价单-2026.pdf", day=6))
    box.ids["html"], = box.add(html_only(ANNA, "Newsletter", "<p>Our <b>exhibition</b> booth &amp; "
                                         "展会 details</p><script>hiddenword()</script>", day=7))
    box.ids["sent"], = box.add(mail(ME, ZHANG, "回复: 报价单", day=8, body="好的，谢谢。"), folder="Sent")
    mail_index.index_pending(store)
    return box


def found(store, query: str) -> set[str]:
    ids = {hit.id for hit in search_mail(store, query, limit=100).hits}
    return {name for name, pk in store.mailbox_ids.items() if pk in ids}


@pytest.fixture(autouse=True)
def _expose(store, request):
    if "mailbox" in request.fixturenames:
        store.mailbox_ids = request.getfixturevalue("mailbox").ids


def test_two_character_chinese_words_are_found_inside_longer_runs(store, mailbox):
    assert found(store, "合同") == {"contract", "mixed"}
    assert found(store, "报价") == {"quote", "attached", "sent"}
    assert found(store, "采购合同") == {"contract"}
    assert found(store, "签署") == {"contract"}
    assert found(store, "合同 draft") == {"mixed"}
    assert found(store, "合同v2") == {"mixed"}


def test_a_single_chinese_character_is_found_wherever_it_occurs(store, mailbox):
    assert found(store, "署") == {"contract"}  # the last character of its run
    assert found(store, "展") == {"html"}


def test_latin_words_match_by_prefix_case_and_accent_insensitively(store, mailbox):
    assert found(store, "quarter") == {"review"}
    assert found(store, "resume") == {"review"}
    assert found(store, "cafe") == {"pricing"}
    assert found(store, "QUARTERLY FIGURES") == {"review"}


def test_phrases_need_the_words_together_and_in_order(store, mailbox):
    assert found(store, '"price list"') == {"pricing"}
    assert found(store, '"list price"') == set()


def test_html_is_indexed_as_text_without_scripts_or_markup(store, mailbox):
    assert found(store, "exhibition") == {"html"}
    assert found(store, "hiddenword") == set()
    assert found(store, "amp") == set()


def test_sender_recipient_and_subject_operators(store, mailbox):
    assert found(store, "from:zhang.wei@huaxin-trade.cn") == {"contract", "quote"}
    assert found(store, "from:张伟") == {"contract", "quote"}
    assert found(store, "from:@huaxin-trade.cn") == {"contract", "quote"}
    assert found(store, "from:anna") == {"review", "mixed", "html"}
    assert found(store, "to:张伟") == {"mixed", "sent"}
    assert found(store, "to:tom.becker@outlook.com") == {"review"}  # to: includes Cc
    assert found(store, "cc:tom") == {"review"}
    assert found(store, "cc:zhang") == set()
    assert found(store, 'subject:"pricing question"') == {"pricing"}
    assert found(store, "subject:报价") == {"quote", "sent"}


def test_attachment_names_flags_and_folders(store, mailbox):
    assert found(store, "has:attachment") == {"attached"}
    assert found(store, "报价单-2026") == {"attached"}
    mail_cache.update_flags(store, mailbox.folders["INBOX"], {1: {"\\Seen"}, 2: {"\\Seen", "\\Flagged"}})
    assert found(store, "is:flagged") == {"quote"}
    assert found(store, "from:zhang is:unread") == set()
    assert found(store, "from:zhang is:read") == {"contract", "quote"}
    assert found(store, "in:sent") == {"sent"}
    assert found(store, "报价 -in:sent") == {"quote", "attached"}


def test_dates_before_is_exclusive_and_after_includes_the_day(store, mailbox):
    assert found(store, "after:2026-10-03 before:2026-10-05") == {"review", "pricing"}
    assert found(store, "before:2026-10-02") == {"contract"}


def test_exclusions_of_words_and_operators(store, mailbox):
    assert found(store, "合同 -draft") == {"contract"}
    assert found(store, "from:anna -has:attachment -subject:newsletter") == {"review", "mixed"}
    assert found(store, "-from:zhang -from:anna -in:sent") == {"pricing", "attached"}


def test_customer_and_deal_operators_follow_links(store, mailbox):
    add_company(store, "华信贸易", ["huaxin-trade.cn"])
    add_contact(store, ContactInput(name="Anna Schmidt", emails=["anna.schmidt@example.de"]))
    assert found(store, "customer:华信") == {"contract", "quote", "mixed", "sent"}
    assert found(store, "customer:anna") == {"review", "mixed", "html"}
    assert found(store, "customer:huaxin-trade.cn 报价") == {"quote", "sent"}
    deal = add_deal(store, "Q3 renewal", company="华信贸易")
    set_override(store, mailbox.ids["pricing"], "deal", deal, "link")
    assert found(store, 'deal:"Q3 renewal"') == {"pricing"}
    results = search_mail(store, "customer:nobody", 10)
    assert results.hits == [] and "No contact or company matches 'nobody'." in results.warnings


def test_trash_is_left_out_unless_asked_for(store, mailbox):
    mail_cache.reconcile_folders(store, mailbox.account.id, [
        mail_cache.ServerFolder("INBOX", "/", frozenset(), "inbox", True),
        mail_cache.ServerFolder("Sent", "/", frozenset({"\\Sent"}), "sent", True),
        mail_cache.ServerFolder("Trash", "/", frozenset({"\\Trash"}), "trash", True)])
    mailbox.folders = {**mailbox.folders, "Trash": fetch_all(store, "SELECT id FROM mail_folders WHERE name='Trash'")[0][0]}
    mailbox.next_uid["Trash"] = 1
    mailbox.ids["trashed"], = mailbox.add(mail(ZHANG, ME, "旧合同", day=9), folder="Trash")
    mail_index.index_pending(store)
    assert "trashed" not in found(store, "合同")
    assert found(store, "合同 in:trash") == {"trashed"}
    assert "trashed" in found(store, "合同 in:all")


def test_new_mail_is_queued_and_deleted_mail_leaves_the_index(store, mailbox):
    new_id, = mailbox.add(mail(TOM, ME, "Shipment tracking", day=10, body="container number"))
    assert mail_index.pending_count(store) == 1
    assert search_mail(store, "container", 10).hits == []
    assert mail_index.index_pending(store) == 1
    assert [h.id for h in search_mail(store, "container", 10).hits] == [new_id]
    mail_cache.remove_uids(store, mailbox.folders["INBOX"], {2})  # the quote
    assert found(store, "报价单") == {"attached", "sent"}
    assert fetch_all(store, "SELECT count(*) FROM mail_fts")[0][0] == fetch_all(
        store, "SELECT count(*) FROM mail_messages")[0][0]


def test_rebuild_gives_the_same_answers(store, mailbox):
    before = {q: found(store, q) for q in ("合同", "from:anna", "has:attachment", "cafe")}
    store.write_with(lambda session: session.connection().connection.execute("DELETE FROM mail_fts"))
    assert found(store, "合同") == set()
    assert mail_index.rebuild(store) == len(mailbox.ids)
    assert {q: found(store, q) for q in before} == before


def test_worker_processes_index_a_big_queue_like_one_process_does(store, mailbox, monkeypatch):
    before = {q: found(store, q) for q in ("合同", "报价", "from:anna", "has:attachment", "cafe", "exhibition")}
    store.write_with(lambda session: session.connection().connection.execute("DELETE FROM mail_fts"))
    monkeypatch.setattr(mail_index, "BATCH", 3)  # several batches in flight
    monkeypatch.setattr(mail_index, "PARALLEL_FROM", 1)
    monkeypatch.setattr(mail_index.os, "cpu_count", lambda: 2)
    workers_started = []
    real = mail_index._index_in_workers
    monkeypatch.setattr(mail_index, "_index_in_workers",
                        lambda *args: workers_started.append(args[2].count) or real(*args))
    reported = []
    assert mail_index.rebuild(store, progress=lambda done, total: reported.append((done, total))) == len(mailbox.ids)
    assert workers_started == [2]
    assert reported[-1] == (len(mailbox.ids), len(mailbox.ids))
    assert mail_index.pending_count(store) == 0
    assert {q: found(store, q) for q in before} == before


def test_a_worker_reads_a_profile_whose_path_looks_like_uri_syntax(tmp_path):
    from app.profile import open_profile

    _paths, odd = open_profile(str(tmp_path / "50% off?#mode=rw"))
    try:
        message_id, = MailStore(odd).add(mail(ZHANG, ME, "采购合同已签署", day=1))
        (built_id, _rowid, document), = mail_index.build_documents(str(odd.path), [message_id])
        assert built_id == message_id and "合同" in document[0]
    finally:
        odd.close()


def test_workers_that_cannot_start_leave_the_work_to_this_process(store, mailbox, monkeypatch):
    store.write_with(lambda session: session.connection().connection.execute("DELETE FROM mail_fts"))
    monkeypatch.setattr(mail_index, "PARALLEL_FROM", 1)
    monkeypatch.setattr(mail_index.os, "cpu_count", lambda: 2)

    def broken(store, batches, *rest):
        mail_index._write(store, mail_index.build_documents(str(store.path), batches[0][:2]), batches[0][:2])
        raise mail_index.BrokenProcessPool("no /dev/shm")

    monkeypatch.setattr(mail_index, "_index_in_workers", broken)
    assert mail_index.rebuild(store) == len(mailbox.ids)
    assert mail_index.pending_count(store) == 0
    assert found(store, "合同") == {"contract", "mixed"}


def test_the_same_message_in_two_folders_is_listed_once(store, mailbox):
    raw = mail(ANNA, ME, "Gmail labels", day=11, message_id="<labelled@test>")
    mailbox.add(raw)
    mailbox.add(raw, folder="Sent")
    mail_index.index_pending(store)
    assert len(search_mail(store, "labels", 10).hits) == 1


def test_limit_and_more(store, mailbox):
    results = search_mail(store, "报价", limit=2)
    assert len(results.hits) == 2 and results.more
    assert [h.date for h in results.hits] == sorted((h.date for h in results.hits), reverse=True)


@pytest.mark.parametrize("hostile", [
    'NEAR(合同 报价)', '"', '合同" OR "', '* AND *', 'subject:(a OR b)', '^start', 'a:b:c', '-"-"', "'; DROP TABLE mail_messages; --",
    "\x00\x01合同", "col:" * 10, "((((((", "合同" * 400, "from:\"\"", "in:\"\"", "𠀀𠀁 😀", "‮rtl", "NOT", "AND OR NOT",
])
def test_hostile_queries_never_raise_anything_but_a_query_error(store, mailbox, hostile):
    try:
        search_mail(store, hostile, 20)
    except QueryError as exc:
        assert str(exc) and "\n" not in str(exc)
    assert fetch_all(store, "SELECT count(*) FROM mail_messages")[0][0] == len(mailbox.ids)


def test_unknown_folder_is_a_query_error_naming_the_folders(store, mailbox):
    with pytest.raises(QueryError, match="No folder is called 'Nope'; folders are: INBOX, Sent."):
        search_mail(store, "in:Nope", 10)


def test_a_customer_name_matching_too_many_records_asks_for_more_of_it(store, mailbox, monkeypatch):
    from app.search import mail_search

    for name in ("Chen Jing", "Chen Wei", "Chen Yu"):
        add_contact(store, ContactInput(name=name, emails=[f"{name.replace(' ', '.').lower()}@example.cn"]))
    monkeypatch.setattr(mail_search, "MAX_LINKED_RECORDS", 2)
    with pytest.raises(QueryError, match="names more than 2 records; use more of the name"):
        search_mail(store, "customer:chen", 10)
    assert search_mail(store, 'customer:"chen wei"', 10).warnings == []
