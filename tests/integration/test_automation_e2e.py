"""Rules end to end, as a user runs them: the CLI, a real Dovecot and a real SMTP server.

The issue's two examples (a complaint opens a case and is acknowledged; a won deal sends the
welcome mail), and the loop every auto-responder invites: our acknowledgement reaches a
customer whose out-of-office answers it; that answer must not be acknowledged again.
"""

from __future__ import annotations

import email
import json
import time
from email.message import EmailMessage
from email.policy import default
from email.utils import formatdate

import pytest

from tests.integration.test_cli import PASSWORD
from tests.integration.test_send import add_sending_account

pytestmark = pytest.mark.integration

RULES = {"rules": [
    {"name": "complaint", "when": {"event": "message_received"},
     "if": {"all": [{"field": "subject", "op": "contains", "value": "投诉"}]},
     "then": [{"action": "create_case", "priority": "high"},
              {"action": "send_template", "template": "ack", "to": "sender"}]},
    {"name": "welcome", "when": {"event": "field_changed", "record": "deal", "field": "stage", "to": "Won"},
     "then": [{"action": "send_template", "template": "welcome", "to": "deal.contact"}]}]}


def _arrives(dovecot, subject: str, message_id: str, headers: dict[str, str] | None = None,
             in_reply_to: str = "") -> None:
    message = EmailMessage()
    message["From"] = "王经理 <wang@huaxin.cn>"
    message["To"] = "sales@example.com"
    message["Subject"] = subject
    message["Date"] = formatdate(time.time())
    message["Message-ID"] = message_id
    if in_reply_to:
        message["In-Reply-To"] = in_reply_to
        message["References"] = f"<c1@huaxin.cn> {in_reply_to}"
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content("你们的发货太慢了，我要投诉。")
    client = dovecot.client("sales", PASSWORD)
    client.append("INBOX", message.as_bytes())
    client.logout()


def _lines(result) -> list[dict]:
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.fixture
def set_up(cli, dovecot, smtp, tmp_path):
    add_sending_account(cli, dovecot, smtp.port)
    cli("contacts", "add", "--email", "wang@huaxin.cn", "--name", "王经理", "--company", "华信贸易")
    for name, subject, body in (("ack", "已收到您的来信", "{{ contact.name }}，您好：我们已收到，会尽快处理。"),
                                ("welcome", "欢迎成为我们的客户", "{{ contact.name }}，感谢您的信任！")):
        path = tmp_path / f"{name}.md"
        path.write_text(body, encoding="utf-8")
        cli("templates", "add", name, "--subject", subject, "--body-file", str(path))
    rules_file = tmp_path / "rules.json"
    rules_file.write_text(json.dumps(RULES, ensure_ascii=False), encoding="utf-8")
    cli("rules", "import", str(rules_file))
    cli("sync")
    return cli


def test_a_complaint_opens_a_case_and_is_acknowledged_once_and_the_auto_reply_does_not_loop(set_up, dovecot,
                                                                                            smtp):
    cli = set_up
    _arrives(dovecot, "投诉：发货太慢", "<c1@huaxin.cn>")

    result = cli("sync")

    assert "rules: 1 done" in result.stdout
    [case] = _lines(cli("cases", "list", "--json"))
    assert (case["title"], case["priority"], case["customer"]) == ("投诉：发货太慢", "high", "王经理")
    assert "<c1@huaxin.cn>" in case["messages"]
    [ack] = smtp.received
    message = email.message_from_bytes(ack.content, policy=default)
    assert ack.rcpt_tos == ["wang@huaxin.cn"] and str(message["Subject"]) == "已收到您的来信"
    assert message["Auto-Submitted"] == "auto-generated" and message["In-Reply-To"] == "<c1@huaxin.cn>"
    assert "王经理，您好" in message.get_body(("plain",)).get_content()

    # The customer's out-of-office answers our acknowledgement.
    _arrives(dovecot, "自动回复: 已收到您的来信 投诉", "<ooo@huaxin.cn>", headers={"Auto-Submitted": "auto-replied"},
             in_reply_to=message["Message-ID"])
    cli("sync")
    cli("sync")

    assert len(smtp.received) == 1 and len(_lines(cli("cases", "list", "--json"))) == 1
    log = _lines(cli("rules", "log", "--json"))
    assert [entry["status"] for entry in log] == ["skipped", "done"]
    assert log[0]["skipped"] == "automatic mail (auto-reply)"
    shown = json.loads(cli("cases", "show", case["id"][:8], "--json").stdout)
    assert {"<c1@huaxin.cn>", "<ooo@huaxin.cn>"} <= {item["message_id"] for item in shown["timeline"]}
    assert shown["status"] == "new"  # an auto-reply does not reopen or move a case


def test_a_deal_moved_to_won_sends_the_welcome_mail_once(set_up, smtp):
    cli = set_up
    deal = cli("deals", "add", "华信 2000 台", "--contact", "wang@huaxin.cn", "--amount", "772000",
               "--currency", "CNY").stdout.strip()
    cli("sync")
    assert smtp.received == []

    cli("deals", "move", deal, "Won")
    cli("sync")
    cli("sync")

    [welcome] = smtp.received
    message = email.message_from_bytes(welcome.content, policy=default)
    assert welcome.rcpt_tos == ["wang@huaxin.cn"] and str(message["Subject"]) == "欢迎成为我们的客户"
    assert [entry["rule"] for entry in _lines(cli("rules", "log", "--json"))] == ["welcome"]
