"""Automation rules benchmark: what 100 rules cost per incoming message, testing a rule
against a large mailbox, and how soon a case exists after its complaint arrives.

    .venv/bin/python -m bench.rules_bench [--messages 10000] [--stored 100000] [--skip-latency]

* **Per message** (target < 1 ms added by 100 enabled rules): ``--messages`` messages from the
  CRM benchmark's sender pool (four in five from contacts, linked), evaluated as new mail by the
  engine with no rules, then with 100 varied rules (subject, sender domain, customer tags,
  regular expressions, body words behind a subject test; about 0.4 % of messages match one and
  notify).  The
  rules are back-dated so the stored mail counts as arriving after them.  The added time is
  divided by the messages.
* **Testing a rule** (target < 3 s) against ``--stored`` messages: ``rules test`` on a subject
  rule and on a rule over the customer's tags.
* **Complaint → case** (target < 5 s): the services as the window runs them (IDLE on, the
  schedule ticking) against a private Dovecot; a complaint is appended to the Inbox and the
  time until the case exists is taken, ten times, and the time from the message being stored
  to the case.

Prints a table and writes bench/results/rules.json.  Not a test: it asserts nothing; on the
shared 2-core machine other processes' load shows in the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from sqlalchemy import text

from app.automation import rule_book
from app.automation.engine import run_rules
from app.automation.rule_format import check_rule
from app.crm import linking
from app.crm.csv_import import import_contacts
from app.paths import ProfilePaths
from app.store.database import Store
from bench.crm_bench import build_mail_profile, contacts_csv

PASSWORD = "bench-pass"
WORDS = ["invoice", "meeting", "urgent", "投诉", "报价", "合同", "发票", "delivery", "price"]


def hundred_rules() -> list[dict]:
    """A hundred rules like a team's rule book: most never match this mail, a few match one
    message each (about 0.4 % of messages in all), and some ask for the customer."""
    rules = []
    for n in range(100):
        kind = n % 5
        if kind == 0:
            condition = {"field": "subject", "op": "is", "value": f"Quote {n * 97}"}
        elif kind == 1:
            condition = {"all": [{"field": "domain", "op": "in", "value": [f"company-{n}.example.com", f"other-{n}.cn"]},
                                 {"field": "subject", "op": "contains", "value": "urgent"}]}
        elif kind == 2:
            condition = {"all": [{"field": "customer.tags", "op": "is", "value": f"tag{n}"},
                                 {"field": "subject", "op": "contains", "value": "Quote"}]}
        elif kind == 3:
            condition = {"any": [{"field": "subject", "op": "matches", "value": rf"^Quote {n}5$"},
                                 {"field": "from", "op": "matches", "value": rf"^boss{n}@"}]}
        else:
            condition = {"all": [{"field": "subject", "op": "contains", "value": rng_word(n)},
                                 {"field": "body", "op": "contains", "value": "please"}]}
        rules.append({"name": f"rule {n}", "when": {"event": "message_received"}, "if": condition,
                      "then": [{"action": "notify", "title": "{subject}"}]})
    return rules


def rng_word(n: int) -> str:
    return WORDS[n % len(WORDS)]


def _profile(root: Path, messages: int, contacts: int) -> Path:
    cached = Path(tempfile.gettempdir()) / f"liaison-rules-bench-{messages}-{contacts}"
    if not (cached / "liaison.sqlite3").exists():
        shutil.rmtree(cached, ignore_errors=True)
        build_mail_profile(cached, messages, contacts)
        store = Store(ProfilePaths(cached).database)
        import_contacts(store, contacts_csv(contacts, max(1, contacts // 5)))
        linking.relink_all(store)
        store.close()
    target = root / f"p{messages}"
    shutil.copytree(cached, target)
    return ProfilePaths(target).database


def _evaluate(database: Path, rules: list[dict]) -> dict:
    store = Store(database)
    try:
        if rules:
            rule_book.import_rules(store, {"rules": rules})
        with store.engine.begin() as connection:  # the stored mail counts as arriving after the rules
            connection.exec_driver_sql("UPDATE automation_rules SET since = 0")
            connection.exec_driver_sql("DELETE FROM automation_cursors")
            connection.exec_driver_sql("INSERT INTO automation_cursors (name, value) VALUES ('messages', 0), "
                                       "('changes', (SELECT max(id) FROM crm_changes)), ('sent', 0)")
        started = time.perf_counter()
        report = run_rules(store, timed=False)
        seconds = time.perf_counter() - started
        return {"seconds": seconds, "matched": report.matched, "events": report.events}
    finally:
        store.close()


def per_message(root: Path, messages: int) -> dict:
    database = _profile(root, messages, 2000)
    rules = hundred_rules()
    for rule in rules:
        check_rule(rule)
    base = root / "base.sqlite3"
    shutil.copyfile(database, base)
    without = _evaluate(base, [])
    with_rules = _evaluate(database, rules)
    added = (with_rules["seconds"] - without["seconds"]) / messages * 1000
    return {"messages": messages, "without_rules_s": round(without["seconds"], 3),
            "with_100_rules_s": round(with_rules["seconds"], 3), "added_ms_per_message": round(added, 3),
            "runs": with_rules["matched"]}


def trying(root: Path, stored: int) -> dict:
    database = _profile(root, stored, 10000)
    store = Store(database)
    figures = {"messages": stored}
    try:
        for name, rule in (("subject", {"name": "t", "when": {"event": "message_received"},
                                        "if": {"field": "subject", "op": "contains", "value": "报价"},
                                        "then": [{"action": "notify", "title": "x"}]}),
                           ("customer tags", {"name": "t", "when": {"event": "message_received"},
                                              "if": {"all": [{"field": "customer.name", "op": "contains",
                                                              "value": "Person 1"},
                                                             {"field": "domain", "op": "contains",
                                                              "value": "example"}]},
                                              "then": [{"action": "notify", "title": "x"}]})):
            started = time.perf_counter()
            trial = rule_book.try_rule(store, check_rule(rule))
            figures[f"{name}_s"] = round(time.perf_counter() - started, 2)
            figures[f"{name}_matched"] = trial.as_json()["matched"]
    finally:
        store.close()
    return figures


def latency(root: Path, rounds: int = 10) -> dict:
    import keyring

    from app.crm import cases
    from app.profile import open_profile
    from app.secrets import SecretStore
    from app.services.runtime import Services
    from app.store.accounts import NewAccount, create_account
    from tests.support.automation import arriving
    from tests.support.dovecot import DovecotServer
    from tests.support.test_keyring import MemoryKeyring

    keyring.set_keyring(MemoryKeyring())
    server = DovecotServer()
    server.add_user("sales", PASSWORD)
    server.start()
    _paths, store = open_profile(str(root / "live"))
    services = None
    try:
        account = create_account(store, NewAccount(
            name="work", email="sales@example.com", username="sales", imap_host="localhost",
            imap_port=server.ssl_port, imap_security="ssl", smtp_host="localhost", smtp_port=2525,
            smtp_security="starttls", ca_file=str(server.ca_file)))
        SecretStore().set_password(account.uuid, PASSWORD)
        rule_book.import_rules(store, {"rules": [{"name": "complaint", "when": {"event": "message_received"},
                                                  "if": {"field": "subject", "op": "contains", "value": "投诉"},
                                                  "then": [{"action": "create_case", "priority": "high"}]}]})
        services = Services(store)
        services.start()
        services.sync(account.id, user=True).result(timeout=60)
        time.sleep(1.0)  # IDLE is listening
        client = server.client("sales", PASSWORD)
        to_case, stored_to_case = [], []
        for n in range(rounds):
            appended = time.perf_counter()
            client.append("INBOX", arriving("客户 <c@customer.cn>", f"投诉 第{n}次", f"<lat-{n}@customer.cn>"))
            stored_at = None
            while time.perf_counter() - appended < 30:
                if stored_at is None:
                    with store.read() as session:
                        found = session.execute(text(
                            "SELECT 1 FROM mail_messages WHERE message_id = :m"), {"m": f"<lat-{n}@customer.cn>"}).first()
                    if found:
                        stored_at = time.perf_counter()
                if len(cases.list_cases(store)) > n:
                    break
                time.sleep(0.02)
            done = time.perf_counter()
            to_case.append(done - appended)
            stored_to_case.append(done - (stored_at or done))
        client.logout()
        return {"rounds": rounds, "append_to_case_median_s": round(statistics.median(to_case), 2),
                "append_to_case_max_s": round(max(to_case), 2),
                "stored_to_case_median_s": round(statistics.median(stored_to_case), 2),
                "stored_to_case_max_s": round(max(stored_to_case), 2)}
    finally:
        if services is not None:
            services.stop()
        store.close()
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=10000)
    parser.add_argument("--stored", type=int, default=100000)
    parser.add_argument("--skip-latency", action="store_true")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="liaison-rules-bench-"))
    try:
        result = {"per_message": per_message(root, args.messages), "trying": trying(root, args.stored)}
        if not args.skip_latency:
            result["complaint_to_case"] = latency(root)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    for section, figures in result.items():
        print(section)
        for key, value in figures.items():
            print(f"  {key:<28} {value}")
    out = REPO / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "rules.json").write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    main()
