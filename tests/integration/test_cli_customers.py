"""Customer commands as subprocesses, on mail synced from a real Dovecot."""

from __future__ import annotations

import json

import pytest

from tests.integration.test_cli import PASSWORD, add_account, assert_one_line_error
from tests.support.mail_store import mail

pytestmark = pytest.mark.integration

ZHANG = "张伟 <zhang.wei@huaxin-trade.cn>"


@pytest.fixture
def synced(cli, dovecot):
    imap = dovecot.client("sales", PASSWORD)
    imap.append("INBOX", mail(ZHANG, "sales@example.com", "询价：LED 面板", message_id="<q1@huaxin>"))
    imap.append("Sent", mail("sales@example.com", ZHANG, "回复：询价：LED 面板", day=2, message_id="<q2@me>",
                             in_reply_to="<q1@huaxin>"))
    imap.append("INBOX", mail("陈静 <chen.jing@huaxin-trade.cn>", "sales@example.com", "合同草案", cc=ZHANG, day=3,
                              message_id="<c1@huaxin>"))
    imap.append("INBOX", mail("王芳 <wangfang@163.com>", "sales@example.com", "样品咨询", day=4))
    imap.logout()
    add_account(cli, dovecot, "--ca-file", str(dovecot.ca_file))
    cli("sync")
    return cli


def test_a_new_contact_shows_its_whole_history_at_once(synced):
    synced("contacts", "add", "--email", "zhang.wei@huaxin-trade.cn", "--name", "张伟", "--company", "华信贸易",
           "--phone", "138 1234 5678")
    shown = json.loads(synced("customer", "show", "zhang.wei@huaxin-trade.cn", "--json").stdout)
    assert shown["contact"]["phones"] == ["+8613812345678"]
    assert shown["company"]["domains"] == ["huaxin-trade.cn"]
    emails = [(e["message_id"], e["subject"]) for e in shown["timeline"] if e["kind"] == "email"]
    assert emails == [("<c1@huaxin>", "合同草案"), ("<q2@me>", "回复：询价：LED 面板"), ("<q1@huaxin>", "询价：LED 面板")]

    unknown = [json.loads(line)["address"] for line in synced("contacts", "unknown", "--json").stdout.splitlines()]
    assert unknown == ["wangfang@163.com", "chen.jing@huaxin-trade.cn"]


def test_import_set_history_and_restore(synced, tmp_path):
    csv_file = tmp_path / "客户.csv"
    csv_file.write_bytes("姓名,邮箱,公司,职位\r\n张伟,zhang.wei@huaxin-trade.cn,华信贸易,采购经理\r\n"
                         "王芳,wangfang@163.com,,\r\n".encode("gbk"))
    dry = json.loads(synced("contacts", "import", str(csv_file), "--dry-run", "--json").stdout)
    assert (dry["created"], dry["written"], dry["encoding"]) == (2, False, "gb18030")
    assert json.loads(synced("contacts", "list", "--json").stdout or "null") is None
    done = json.loads(synced("contacts", "import", str(csv_file), "--json").stdout)
    assert (done["created"], done["written"]) == (2, True)

    synced("contacts", "set", "zhang.wei@huaxin-trade.cn", "title=销售总监", "phone=13812345678")
    synced("contacts", "set", "zhang.wei@huaxin-trade.cn", "title=")
    versions = [json.loads(line) for line in synced("history", "zhang.wei@huaxin-trade.cn", "--json").stdout.splitlines()]
    assert [v["origin"] for v in versions] == ["import", "local", "local"]
    assert versions[1]["changes"][0] == {"field": "title", "op": "set", "old": "采购经理", "new": "销售总监",
                                         "lost": False}
    synced("history", "zhang.wei@huaxin-trade.cn", "--restore", "2")
    shown = json.loads(synced("customer", "show", "zhang.wei@huaxin-trade.cn", "--json").stdout)
    assert shown["contact"]["title"] == "销售总监"


def test_bad_input_is_one_line_and_changes_nothing(synced, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("Name,Email\nAnna,anna.example.com\n", encoding="utf-8")
    result = synced("contacts", "import", str(bad), check=False)
    assert result.returncode == 1 and "row 1, email: 'anna.example.com' has no @" in result.stdout
    assert "nothing was imported" in result.stderr and "Traceback" not in result.stderr
    assert_one_line_error(synced("contacts", "add", "--email", "x.example.com", "--name", "X", check=False),
                          2, "has no @")
    assert_one_line_error(synced("customer", "show", "nobody@example.com", check=False), 2, "No contact")
    assert_one_line_error(synced("contacts", "import", str(tmp_path / "missing.csv"), check=False), 2,
                          "Could not read")
    short = tmp_path / "short.csv"
    short.write_text("Name,Email,Company\nAnna,anna@nordwind.de\n", encoding="utf-8")
    result = synced("contacts", "import", str(short), "--dry-run", check=False)
    assert result.returncode == 1 and "row 1, cells: the row has 2 cells but the header has 3 columns" in result.stdout
    noise = tmp_path / "noise.vcf"
    noise.write_bytes(bytes(range(256)) * 8)
    assert_one_line_error(synced("contacts", "import", str(noise), "--dry-run", check=False), 2, "no vCard")
    cut = tmp_path / "cut.vcf"
    cut.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna\r\nEMAIL:anna@nordwind.de\r\n", encoding="utf-8")
    result = synced("contacts", "import", str(cut), "--dry-run", check=False)
    assert result.returncode == 1 and "row 1, END: the card has no END:VCARD line" in result.stdout
    assert "nothing was imported" in result.stderr and "Traceback" not in result.stderr
    assert json.loads(synced("contacts", "list", "--json").stdout or "null") is None


def test_manual_link_explain_and_deals(synced):
    synced("contacts", "add", "--email", "wangfang@163.com", "--name", "王芳")
    synced("companies", "add", "华信贸易", "--domain", "huaxin-trade.cn")
    personal = synced("link", "--account", "work", "--uid", "3", "--explain").stdout.splitlines()
    assert personal == ["linked      contact 王芳                     from       wangfang@163.com",
                        "not linked  -                              free-mail  163.com"]
    business = synced("link", "--account", "work", "--uid", "2", "--explain").stdout
    assert "linked      company 华信贸易" in business and "domain" in business
    deal = synced("deals", "add", "LED 面板 2000 台", "--company", "华信贸易", "--amount", "772,000",
                  "--stage", "Proposal").stdout.strip()
    synced("link", "--account", "work", "--uid", "1", "--deal", deal)
    assert "deal LED 面板 2000 台" in synced("link", "--account", "work", "--uid", "1", "--explain").stdout
    synced("deals", "move", deal, "Won")
    listed = [json.loads(line) for line in synced("deals", "list", "--json").stdout.splitlines()]
    assert [(d["title"], d["stage"], d["status"], d["amount"]) for d in listed] == [
        ("LED 面板 2000 台", "Won", "won", "772000")]
    synced("link", "--account", "work", "--uid", "3", "--contact", "wangfang@163.com", "--remove")
    assert synced("link", "--account", "work", "--uid", "3", "--explain").stdout.splitlines()[0] == \
        "not linked  contact 王芳                     unlinked   wangfang@163.com"


def test_custom_fields_and_settings(cli):
    cli("fields", "add", "contact", "level", "Level", "choice", "--choice", "A", "--choice", "B")
    cli("fields", "add", "contact", "birthday", "Birthday", "date")
    cli("contacts", "add", "--email", "anna@nordwind.de", "--name", "Anna")
    assert "custom.level: null → \"B\"" in cli("contacts", "set", "anna@nordwind.de", "custom.level=b",
                                               "custom.birthday=1990/2/3").stdout
    shown = json.loads(cli("customer", "show", "anna@nordwind.de", "--json").stdout)
    assert shown["contact"]["custom"] == {"level": "B", "birthday": "1990-02-03"}
    assert_one_line_error(cli("contacts", "set", "anna@nordwind.de", "custom.level=Z", check=False), 2,
                          "is not one of: A, B")
    assert_one_line_error(cli("contacts", "set", "anna@nordwind.de", "custom.nope=1", check=False), 2,
                          "no custom field 'nope'")
    assert "default_country: DE" in cli("settings", "country", "de").stdout
    cli("contacts", "add", "--email", "bob@x.de", "--name", "Bob", "--phone", "030 1234567")
    assert json.loads(cli("customer", "show", "bob@x.de", "--json").stdout)["contact"]["phones"] == ["+49301234567"]
    listed = cli("settings", "free-mail", "--remove", "qq.com", "--add", "example-free.cn").stdout
    assert "example-free.cn" in listed and " qq.com," not in listed and "vip.qq.com" in listed
    assert_one_line_error(cli("settings", "country", "XX", check=False), 2, "not a country code")


def test_pipeline_stages_are_configurable(cli):
    assert cli("deals", "stages").stdout.splitlines()[0] == "Lead (open)"
    cli("deals", "stages", "--add", "样品测试", "--position", "2")
    cli("deals", "stages", "--rename", "Lost", "Lost to competitor")
    stages = cli("deals", "stages").stdout.splitlines()
    assert stages == ["Lead (open)", "Qualified (open)", "样品测试 (open)", "Proposal (open)", "Negotiation (open)",
                      "Won (won)", "Lost to competitor (lost)"]
    deal = cli("deals", "add", "Panels", "--stage", "样品测试").stdout.strip()
    cli("deals", "move", deal, "Lost to competitor")
    assert json.loads(cli("deals", "list", "--json").stdout)["status"] == "lost"
