"""The rules engine on a real profile (SQLite, the writer thread): triggers, conditions,
actions, exactly-once, loop guards, retries.  Mail is stored as a sync stores it (no server:
the end-to-end tests with Dovecot and SMTP are in tests/integration/test_automation_e2e.py)."""

from __future__ import annotations

import json
import time

import pytest
from sqlalchemy import select

from app.automation import rule_book
from app.automation.engine import MAX_DEPTH, run_rules
from app.crm import cases
from app.crm.customers import ContactInput, add_contact
from app.crm.deals import add_deal, add_stage, move_deal, read_stages
from app.crm.linking import link_new_mail
from app.mail.sending.templates import save_template
from app.store import mail_cache
from app.store.accounts import account_folders
from app.store.automation_models import Notification
from app.store.crm_models import Contact, Task
from app.store.models import Message, PendingMailAction
from tests.support.automation import arriving, outbox, rules, runs
from tests.support.mail_store import MailStore

COMPLAINT = {"name": "complaint", "when": {"event": "message_received"},
             "if": {"all": [{"field": "subject", "op": "contains", "value": "投诉"}]},
             "then": [{"action": "create_case", "priority": "high"},
                      {"action": "send_template", "template": "ack", "to": "sender"}]}


@pytest.fixture
def mailbox(store):
    box = MailStore(store)
    add_contact(store, ContactInput(name="王经理", emails=["wang@huaxin.cn"], company="华信科技", tags=["VIP"]))
    save_template(store, "ack", "已收到: {{ contact.name }}", "{{ contact.name }}，您好：我们已收到您的来信。")
    return box


def deliver(box: MailStore, *raws: bytes, folder: str = "INBOX") -> list[int]:
    """Store mail as a pass does, then link it (the pass's customers step runs before the rules)."""
    pks = box.add(*raws, folder=folder)
    link_new_mail(box.store)
    return pks


def test_a_complaint_opens_one_case_on_the_customer_and_acknowledges_it_once(store, mailbox):
    rules(store, COMPLAINT)
    deliver(mailbox, arriving("王经理 <wang@huaxin.cn>", "投诉：发货太慢", "<c1@huaxin.cn>"))

    report = run_rules(store)
    again = run_rules(store)

    assert (report.matched, report.done, report.mail_queued) == (1, 1, 1)
    assert again.matched == 0
    [case] = cases.list_cases(store)
    assert (case.title, case.priority, case.status, case.customer) == ("投诉：发货太慢", "high", "new", "王经理")
    assert case.messages == ["<c1@huaxin.cn>"] and case.assignee == "sales@example.com"
    [(subject, recipients, raw)] = outbox(store)
    assert subject == "已收到: 王经理" and recipients == ["wang@huaxin.cn"]
    assert b"Auto-Submitted: auto-generated" in raw and b"In-Reply-To: <c1@huaxin.cn>" in raw
    [run] = runs(store)
    assert run["status"] == "done" and [s["status"] for s in run["steps"]] == ["done", "done"]


def test_the_customers_reply_joins_the_open_case_and_reopens_a_solved_one_but_not_a_closed_one(store, mailbox):
    rules(store, COMPLAINT)
    deliver(mailbox, arriving("王经理 <wang@huaxin.cn>", "投诉：发货太慢", "<c1@huaxin.cn>"))
    run_rules(store)
    [case] = cases.list_cases(store)
    cases.update_case(store, case.uuid, {"status": "solved"})

    deliver(mailbox, arriving("王经理 <wang@huaxin.cn>", "Re: 投诉：发货太慢", "<c2@huaxin.cn>",
                              in_reply_to="<c1@huaxin.cn>"))
    report = run_rules(store)

    [case] = cases.list_cases(store)  # still one case: the reply is on it, not a second one
    assert case.messages == ["<c1@huaxin.cn>", "<c2@huaxin.cn>"] and case.status == "open"
    assert report.cases_updated == [case.uuid]
    assert runs(store)[-1]["steps"][0]["status"] == "skipped"  # create_case: the message is on the case
    cases.update_case(store, case.uuid, {"status": "closed"})
    deliver(mailbox, arriving("王经理 <wang@huaxin.cn>", "Re: Re: 投诉", "<c3@huaxin.cn>", in_reply_to="<c2@huaxin.cn>"))
    run_rules(store)
    assert [c.status for c in cases.list_cases(store)] == ["new", "closed"]  # a new request, a new case


@pytest.mark.parametrize("headers, sender", [
    ({"Auto-Submitted": "auto-replied"}, "王经理 <wang@huaxin.cn>"),
    ({"Precedence": "bulk"}, "王经理 <wang@huaxin.cn>"),
    ({}, "MAILER-DAEMON <mailer-daemon@huaxin.cn>"),
])
def test_auto_replies_bounces_and_bulk_mail_never_trigger_a_rule_and_the_log_says_why(store, mailbox, headers,
                                                                                     sender):
    rules(store, COMPLAINT)
    deliver(mailbox, arriving(sender, "投诉 自动回复", "<auto@huaxin.cn>", headers=headers))

    report = run_rules(store)

    assert report.skipped == 1 and report.done == 0
    assert cases.list_cases(store) == [] and outbox(store) == []
    assert runs(store)[0]["skipped"].startswith("automatic mail")


def test_mail_from_before_the_rule_is_left_alone_and_mail_that_came_while_closed_is_evaluated_once(store, mailbox):
    deliver(mailbox, arriving("王经理 <wang@huaxin.cn>", "投诉 旧邮件", "<old@huaxin.cn>", at=time.time() - 86400))
    rules(store, COMPLAINT)
    # The app was closed: a later sync stored two messages; the rules run at the next start.
    deliver(mailbox, arriving("王经理 <wang@huaxin.cn>", "投诉 新邮件", "<new@huaxin.cn>"),
            arriving("王经理 <wang@huaxin.cn>", "你好", "<hello@huaxin.cn>"))

    first, second = run_rules(store), run_rules(store)

    assert [c.messages for c in cases.list_cases(store)] == [["<new@huaxin.cn>"]]
    assert (first.matched, second.matched) == (1, 0)


def test_a_deal_won_sends_the_welcome_mail_to_its_contact_once(store, mailbox):
    save_template(store, "welcome", "欢迎合作", "{{ contact.name }}，欢迎！")
    rules(store, {"name": "welcome",
                  "when": {"event": "field_changed", "record": "deal", "field": "stage", "to": "Won"},
                  "then": [{"action": "send_template", "template": "welcome", "to": "deal.contact"}]})
    deal = add_deal(store, "华信 服务器", contact_email="wang@huaxin.cn", amount="12000", currency="CNY")
    won = next(stage for stage in read_stages(store) if stage.name == "Won")

    run_rules(store)
    assert outbox(store) == []  # created, not yet won
    move_deal(store, deal, won.uuid)
    run_rules(store)
    run_rules(store)

    [(subject, recipients, raw)] = outbox(store)
    assert (subject, recipients) == ("欢迎合作", ["wang@huaxin.cn"]) and b"Auto-Submitted" in raw


def test_conditions_all_any_not_over_message_and_customer_fields(store, mailbox):
    rules(store, {"name": "vip quote", "when": {"event": "message_received", "folder": "any"},
                  "if": {"all": [
                      {"any": [{"field": "customer.tags", "op": "is", "value": "vip"},
                               {"field": "domain", "op": "in", "value": ["bigcorp.com"]}]},
                      {"field": "subject", "op": "matches", "value": r"报价|quot(e|ation)"},
                      {"field": "has_attachment", "op": "is", "value": True},
                      {"not": {"field": "body", "op": "contains", "value": "unsubscribe"}}]},
                  "then": [{"action": "notify", "title": "VIP quote from {customer.name}", "body": "{subject}"}]})
    deliver(mailbox,
            arriving("王经理 <wang@huaxin.cn>", "报价 请查收", "<q1@huaxin.cn>", attachment=b"%PDF"),
            arriving("王经理 <wang@huaxin.cn>", "报价 没有附件", "<q2@huaxin.cn>"),
            arriving("Li <li@other.cn>", "Quotation", "<q3@other.cn>", attachment=b"%PDF"),
            arriving("王经理 <wang@huaxin.cn>", "Quote", "<q4@huaxin.cn>", attachment=b"%PDF",
                     body="news... unsubscribe here"))

    run_rules(store)

    with store.read() as session:
        notes = [(n.title, n.body) for n in session.scalars(select(Notification))]
    assert notes == [("VIP quote from 王经理", "报价 请查收")]


def test_quoted_text_of_a_reply_is_not_the_customers_words(store, mailbox):
    rules(store, {"name": "complaint in body", "when": {"event": "message_received"},
                  "if": {"field": "body", "op": "contains", "value": "投诉"},
                  "then": [{"action": "notify", "title": "{subject}"}]})
    quoted = "谢谢，收到。\n\n在 2026年11月29日 王经理 写道：\n> 我要投诉发货太慢\n"
    deliver(mailbox, arriving("王经理 <wang@huaxin.cn>", "Re: 发货", "<r1@huaxin.cn>", body=quoted),
            arriving("王经理 <wang@huaxin.cn>", "发货", "<r2@huaxin.cn>", body="我要投诉发货太慢"))

    run_rules(store)

    assert [run["matched"] for run in runs(store)] == ["发货"]


def test_field_changed_from_and_changed_to_and_record_created(store, mailbox):
    rules(store,
          {"name": "new contact", "when": {"event": "record_created", "record": "contact"},
           "then": [{"action": "add_tag", "tag": "new"}]},
          {"name": "promoted", "when": {"event": "field_changed", "record": "contact", "field": "title"},
           "if": {"field": "title", "op": "changed_to", "value": "CEO"},
           "then": [{"action": "assign_owner", "owner": "boss@example.com"}]})
    add_contact(store, ContactInput(name="Anna", emails=["anna@bigcorp.com"]))
    run_rules(store)
    from app.crm.customers import update_contact
    update_contact(store, "anna@bigcorp.com", ContactInput(name="Anna", emails=["anna@bigcorp.com"], title="CTO"))
    run_rules(store)
    update_contact(store, "anna@bigcorp.com", ContactInput(name="Anna", emails=["anna@bigcorp.com"], title="CEO"))
    run_rules(store)

    with store.read() as session:
        anna = session.scalar(select(Contact).where(Contact.name == "Anna"))
        assert json.loads(anna.tags) == ["new"] and anna.owner == "boss@example.com"
    assert [r["rule"] for r in runs(store)] == ["new contact", "promoted"]


def test_message_actions_queue_for_the_server_and_link_to_the_named_customer(store, mailbox):
    add_contact(store, ContactInput(name="Zhou", emails=["zhou@partner.cn"]))
    rules(store, {"name": "file invoices", "when": {"event": "message_received"},
                  "if": {"field": "subject", "op": "contains", "value": "发票"},
                  "then": [{"action": "mark_read"}, {"action": "flag_message"},
                           {"action": "move_message", "folder": "Sent"},
                           {"action": "link_customer", "contact": "zhou@partner.cn"}]})
    [pk] = deliver(mailbox, arriving("billing <billing@vendor.cn>", "发票 11月", "<inv@vendor.cn>"))

    run_rules(store)

    with store.read() as session:
        message = session.get(Message, pk)
        assert message.seen and message.flagged and message.moving
        kinds = sorted(a.kind for a in session.scalars(select(PendingMailAction)))
    assert kinds == ["add_flags", "add_flags", "move"]
    from app.store.crm_models import MessageLink
    with store.read() as session:
        zhou = session.scalar(select(Contact.id).where(Contact.name == "Zhou"))
        assert session.scalar(select(MessageLink.source).where(MessageLink.message_id == pk,
                                                               MessageLink.contact_id == zhou)) == "manual"
    assert runs(store)[0]["status"] == "done"


def test_two_rules_that_feed_each_other_stop_and_the_log_says_why(store, mailbox):
    """A ping-pong: each rule's change is the other's trigger.  Without the guards it never ends."""
    from app.crm.custom_fields import define_field
    define_field(store, "contact", "note", "Note", "text")
    rules(store,
          {"name": "ping", "when": {"event": "field_changed", "record": "contact", "field": "title"},
           "then": [{"action": "set_field", "field": "custom.note", "value": "{record.title}+"}]},
          {"name": "pong", "when": {"event": "field_changed", "record": "contact", "field": "note"},
           "then": [{"action": "set_field", "field": "title", "value": "{record.note}-"}]})
    from app.crm.customers import update_contact
    update_contact(store, "wang@huaxin.cn", ContactInput(name="王经理", emails=["wang@huaxin.cn"], title="经理"))

    for _ in range(10):
        run_rules(store)

    log = runs(store)
    done = [r for r in log if r["status"] == "done"]
    stopped = [r for r in log if r["status"] == "skipped"]
    assert 0 < len(done) <= MAX_DEPTH and len(stopped) == 1
    assert "chain" in stopped[0]["skipped"]


def test_an_action_failing_half_way_is_retried_without_doing_the_first_step_twice(store, mailbox):
    rules(store, {"name": "follow up", "when": {"event": "message_received"},
                  "then": [{"action": "create_task", "title": "Answer {from}", "due_in": "1d"},
                           {"action": "send_template", "template": "missing", "to": "sender"}]})
    deliver(mailbox, arriving("王经理 <wang@huaxin.cn>", "你好", "<h1@huaxin.cn>"))
    now = int(time.time())

    run_rules(store, now=now)
    [run] = runs(store)
    assert run["status"] == "retrying" and run["steps"][1]["status"] == "failed"
    assert "missing" in run["steps"][1]["note"]
    save_template(store, "missing", "Hi", "Hello {{ contact.name }}")
    run_rules(store, now=now + 30)  # not yet due
    assert runs(store)[0]["status"] == "retrying"
    run_rules(store, now=now + 61)

    [run] = runs(store)
    assert run["status"] == "done" and run["attempts"] == 2
    with store.read() as session:
        assert [t.title for t in session.scalars(select(Task))] == ["Answer wang@huaxin.cn"]
    assert len(outbox(store)) == 1


def test_a_run_that_keeps_failing_is_reported_once(store, mailbox):
    rules(store, {"name": "broken", "when": {"event": "message_received"},
                  "then": [{"action": "send_template", "template": "nope", "to": "sender"}]})
    deliver(mailbox, arriving("王经理 <wang@huaxin.cn>", "你好", "<h2@huaxin.cn>"))
    now = int(time.time())
    for step in range(8):
        run_rules(store, now=now + step * 8000)
    [run] = runs(store)
    assert run["status"] == "failed" and run["attempts"] == 5
    notes = rule_book.take_notifications(store)
    assert [n.title for n in notes] == ["broken"] and "nope" in notes[0].body
    assert rule_book.take_notifications(store) == []


def test_overdue_no_reply_no_activity_and_schedule_each_fire_once_per_occasion(store, mailbox):
    from app.crm.activities import add_task

    start = int(time.time())
    # The daily slot sits half a day from now, so the first look (start + 30 min) never
    # crosses it whatever the hour the suite runs at.
    good_morning_at = time.strftime("%H:%M", time.localtime(start + 12 * 3600))
    rules(store,
          {"name": "overdue", "when": {"event": "overdue", "record": "task"},
           "then": [{"action": "notify", "title": "Overdue: {record.title}"}]},
          {"name": "waiting", "when": {"event": "no_reply", "after": "2d"},
           "then": [{"action": "notify", "title": "Waiting: {subject}"}]},
          {"name": "quiet", "when": {"event": "no_activity", "days": 30},
           "then": [{"action": "return_to_pool"}]},
          {"name": "monday", "when": {"event": "schedule", "every": "daily", "at": good_morning_at},
           "then": [{"action": "notify", "title": "Good morning"}]})
    with store.read() as session:
        contact_id = session.scalar(select(Contact.id).where(Contact.name == "王经理"))
    add_task(store, "Call back", due_at=start + 3600, contact_id=contact_id)
    deliver(mailbox, arriving("王经理 <wang@huaxin.cn>", "能便宜点吗", "<ask@huaxin.cn>", at=start + 60))
    from app.crm.customers import update_contact
    update_contact(store, "wang@huaxin.cn", ContactInput(name="王经理", emails=["wang@huaxin.cn"],
                                                        owner="sales@example.com"))

    def titles():
        with store.read() as session:
            return sorted(n.title for n in session.scalars(select(Notification)))

    run_rules(store, now=start + 1800)
    assert titles() == []
    run_rules(store, now=start + 2 * 86400 + 120)
    run_rules(store, now=start + 2 * 86400 + 180)
    assert titles() == ["Good morning", "Overdue: Call back", "Waiting: 能便宜点吗"]
    run_rules(store, now=start + 31 * 86400 + 200)
    with store.read() as session:
        assert session.scalar(select(Contact.owner).where(Contact.name == "王经理")) == ""
    assert titles().count("Good morning") == 2  # one per day it ran, not per minute


def test_a_flood_from_one_sender_is_answered_at_most_so_often_and_one_message_once(store, mailbox):
    from app.automation.engine import RATE_PER_HOUR

    rules(store, {"name": "every mail", "when": {"event": "message_received"},
                  "then": [{"action": "send_template", "template": "ack", "to": "sender"}]})
    for n in range(RATE_PER_HOUR + 3):
        deliver(mailbox, arriving("王经理 <wang@huaxin.cn>", f"消息 {n}", f"<flood-{n}@huaxin.cn>"))
    deliver(mailbox, arriving("王经理 <wang@huaxin.cn>", "消息 0 again", "<flood-0@huaxin.cn>"))  # stored twice

    run_rules(store)

    log = runs(store)
    assert len(outbox(store)) == RATE_PER_HOUR
    assert [r["status"] for r in log].count("skipped") == 3 and "in an hour" in log[-1]["skipped"]
    assert len(log) == RATE_PER_HOUR + 3  # the second copy of message 0 is the same event


def test_rules_import_export_round_trip_and_one_sentence_errors(store):
    from app.automation.rule_format import InvalidRule, check_rule

    rules(store, COMPLAINT, {"name": "weekly", "enabled": False,
                             "when": {"event": "schedule", "every": "weekly", "at": "08:30", "day": "monday"},
                             "then": [{"action": "notify", "title": "Pipeline review"}]})
    exported = rule_book.export_rules(store)
    rule_book.import_rules(store, exported)
    assert rule_book.export_rules(store) == exported
    assert exported["rules"][0] == {**COMPLAINT, "enabled": True, "scope": "me"}
    for bad, words in [
        ({"name": "x", "when": {"event": "message_received"}, "then": [{"action": "explode"}]}, "each action"),
        ({"name": "x", "when": {"event": "overdue", "record": "deal"}, "then": [{"action": "notify", "title": "t"}]},
         "only tasks and cases"),
        ({"name": "x", "when": {"event": "message_received"}, "if": {"field": "subject", "op": "matches",
                                                                      "value": "("},
          "then": [{"action": "notify", "title": "t"}]}, "not a regular expression"),
        ({"name": "x", "when": {"event": "record_created", "record": "deal"}, "then": [{"action": "mark_read"}]},
         "needs a message"),
        ({"name": "x", "when": {"event": "no_reply", "after": "soon"}, "then": [{"action": "notify", "title": "t"}]},
         "not a duration"),
    ]:
        with pytest.raises(InvalidRule) as caught:
            check_rule(bad)
        assert words in str(caught.value) and "\n" not in str(caught.value)


def test_trying_a_rule_lists_what_it_would_have_matched_without_doing_anything(store, mailbox):
    deliver(mailbox, arriving("王经理 <wang@huaxin.cn>", "投诉 一", "<t1@huaxin.cn>", at=time.time() - 5 * 86400),
            arriving("Li <li@other.cn>", "投诉 二", "<t2@other.cn>", at=time.time() - 86400),
            arriving("Li <li@other.cn>", "你好", "<t3@other.cn>"))
    spec = rule_book.check_rule({**COMPLAINT, "if": {"all": [*COMPLAINT["if"]["all"],
                                                               {"field": "customer.tags", "op": "is", "value": "VIP"}]}})
    trial = rule_book.try_rule(store, spec)
    assert (trial.examined, [hit.label for hit in trial.hits]) == (3, ["投诉 一"])
    assert cases.list_cases(store) == [] and outbox(store) == []


def test_a_new_stage_named_in_a_rule_and_a_field_that_does_not_exist_fail_in_one_sentence(store, mailbox):
    add_stage(store, "Pilot")
    rules(store, {"name": "stage", "when": {"event": "record_created", "record": "deal"},
                  "then": [{"action": "set_field", "field": "stage", "value": "Pilot"},
                           {"action": "set_field", "field": "stage", "value": "Nowhere"}]})
    deal = add_deal(store, "Trial", contact_email="wang@huaxin.cn")
    run_rules(store)
    [run] = runs(store)
    assert [s["status"] for s in run["steps"]] == ["done", "failed"]
    assert run["steps"][1]["note"] == "There is no stage 'Nowhere'."
    from app.crm.deals import deal_detail
    detail = deal_detail(store, deal)
    assert next(s.name for s in read_stages(store) if s.uuid == detail.stage_uuid) == "Pilot"


def test_mail_sent_triggers_its_rule_but_mail_a_rule_sent_does_not(store, mailbox):
    from app.mail.sending.outbox import enqueue
    from app.mail.sending.outgoing import Outgoing
    from app.store.models import OutboxMessage

    rules(store, {"name": "log quotes", "when": {"event": "message_sent"},
                  "if": {"field": "subject", "op": "contains", "value": "报价"},
                  "then": [{"action": "create_task", "title": "Follow up {subject} with {customer.name}",
                            "due_in": "3d"},
                           {"action": "send_template", "template": "ack", "to": "contact"}]})
    enqueue(store, mailbox.account, Outgoing("Li", "sales@example.com", [("王经理", "wang@huaxin.cn")], "报价 第二版",
                                             "见附件"))

    def mark_all_sent():
        with store.writer.waiting_allowed():
            store.write_with(lambda s: s.query(OutboxMessage).filter(OutboxMessage.state != "sent").update(
                {"state": "sent", "sent_at": int(time.time())}))

    mark_all_sent()
    run_rules(store)
    mark_all_sent()  # the acknowledgement the rule queued goes out too
    run_rules(store)

    with store.read() as session:
        assert [t.title for t in session.scalars(select(Task))] == ["Follow up 报价 第二版 with 王经理"]
    assert len(outbox(store)) == 2  # ours and the rule's; the rule's own mail triggered nothing
    assert [r["status"] for r in runs(store)] == ["done"]


def test_an_overdue_case_is_escalated_once(store, mailbox):
    start = int(time.time())
    rules(store, {"name": "escalate", "when": {"event": "overdue", "record": "case"},
                  "if": {"field": "record.priority", "op": "in", "value": ["high", "urgent"]},
                  "then": [{"action": "set_field", "field": "priority", "value": "urgent"},
                           {"action": "notify", "title": "Overdue case: {record.title}"}]})
    urgent = cases.open_case(store, "打印机坏了", priority="high", due_at=start + 600)
    cases.open_case(store, "Low", priority="low", due_at=start + 600)

    run_rules(store, now=start + 700)
    run_rules(store, now=start + 800)

    assert [(c.uuid, c.priority) for c in cases.list_cases(store) if c.priority == "urgent"] == [(urgent, "urgent")]
    with store.read() as session:
        assert [n.title for n in session.scalars(select(Notification))] == ["Overdue case: 打印机坏了"]


def test_replies_join_a_case_opened_by_hand_in_a_profile_without_rules(store, mailbox):
    deliver(mailbox, arriving("王经理 <wang@huaxin.cn>", "打印机坏了", "<p1@huaxin.cn>"))
    case = cases.open_case(store, "打印机坏了", messages=["<p1@huaxin.cn>"])
    run_rules(store)  # the app's first run: nothing old is replayed

    deliver(mailbox, arriving("王经理 <wang@huaxin.cn>", "Re: 打印机坏了", "<p2@huaxin.cn>", in_reply_to="<p1@huaxin.cn>"))
    report = run_rules(store)

    assert report.cases_updated == [case]
    assert cases.case_detail(store, case).case.messages == ["<p1@huaxin.cn>", "<p2@huaxin.cn>"]


def test_a_trial_over_customer_fields_agrees_across_batches_customers_and_folders(store, mailbox, monkeypatch):
    """The trial resolves customers once per batch and per set of links, and decides the trigger
    once per folder: the same answers as asking message by message, whatever the batch size."""
    add_contact(store, ContactInput(name="Li Ming", emails=["li@other.cn"], tags=["trial"]))
    senders = ["王经理 <wang@huaxin.cn>", "Li <li@other.cn>", "Nobody <x@unknown.cn>"]
    deliver(mailbox, *[arriving(senders[n % 3], f"询价 {n}", f"<b{n}@t.cn>") for n in range(11)])
    mail_cache.reconcile_folders(store, mailbox.account.id, [
        mail_cache.ServerFolder("INBOX", "/", frozenset(), "inbox", True),
        mail_cache.ServerFolder("Sent", "/", frozenset({"\\Sent"}), "sent", True),
        mail_cache.ServerFolder("Archive", "/", frozenset({"\\Archive"}), "archive", True)])
    mailbox.folders = {f.name: f.id for f in account_folders(store, mailbox.account.id)}
    mailbox.next_uid["Archive"] = 1
    deliver(mailbox, arriving("王经理 <wang@huaxin.cn>", "询价 archived", "<arch@t.cn>"), folder="Archive")
    spec = rule_book.check_rule({"name": "vip", "when": {"event": "message_received"},
                                 "if": {"any": [{"field": "customer.tags", "op": "is", "value": "VIP"},
                                                {"field": "company.name", "op": "contains", "value": "华信"}]},
                                 "then": [{"action": "notify", "title": "t"}]})
    whole = rule_book.try_rule(store, spec)
    monkeypatch.setattr(rule_book, "TRIAL_BATCH", 2)
    small_batches = rule_book.try_rule(store, spec)
    expected = sorted(f"询价 {n}" for n in range(0, 11, 3))  # 王经理's in the Inbox, not the archived one
    assert sorted(hit.label for hit in whole.hits) == expected
    assert sorted(hit.label for hit in small_batches.hits) == expected
    assert whole.examined == small_batches.examined == 11  # the Archive is not the trigger's folder
