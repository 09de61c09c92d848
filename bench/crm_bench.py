"""Customer-records benchmark: linking, the customer panel, CSV import.

    .venv/bin/python -m bench.crm_bench [--messages 100000] [--contacts 5000] [--companies 1000]

* **Linking from scratch**: a profile of 100,000 messages (one sender from a pool of 6,000
  addresses: 5,000 belong to contacts at 1,000 company domains, the rest are strangers and
  free-mail senders; a fifth of the messages have a Cc), 5,000 contacts and 1,000 companies;
  every link is deleted and rebuilt (``relink_all``), median of 3.
* **Customer panel**: the 360° panel (offscreen) showing a contact with 2,000 messages:
  details, deals, tasks, the first timeline page; first time and median of 10.
* **CSV import**: 50,000 new contacts (with phones and 2,000 companies) into an empty profile,
  and into the 100,000-message profile (where the import also links their past mail).

Prints a table and writes bench/results/crm.json.  Not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from app.crm import linking  # noqa: E402
from app.crm.csv_import import import_contacts  # noqa: E402
from app.mail.reading.envelope import parse_envelope  # noqa: E402
from app.mail.imap.fetched import FetchedMessage  # noqa: E402
from app.paths import ProfilePaths  # noqa: E402
from app.mail.imap import message_writer  # noqa: E402
from app.store import mail_cache  # noqa: E402
from app.store.accounts import NewAccount, account_folders, create_account  # noqa: E402
from app.store.database import Store  # noqa: E402
from app.store.migrate import SCHEMA_HEAD, ensure_schema  # noqa: E402

VIP = "vip.buyer@company-7.example.com"
FREE = ("qq.com", "163.com", "gmail.com", "126.com")


def contact_address(n: int) -> str:
    return VIP if n == 7 * 5 else f"person{n}@company-{n // 5}.example.com"


def stranger(n: int) -> str:
    return f"someone{n}@{FREE[n % len(FREE)]}" if n % 2 else f"someone{n}@elsewhere-{n % 300}.example.net"


def raw(n: int, rng: random.Random, contacts: int) -> bytes:
    if n % 50 == 0:
        sender = VIP  # 2,000 of 100,000 messages: the contact whose panel is measured
    elif rng.random() < 0.8:
        sender = contact_address(rng.randrange(contacts))
    else:
        sender = stranger(rng.randrange(1000))
    cc = f"Cc: {contact_address(rng.randrange(contacts))}\r\n" if rng.random() < 0.2 else ""
    return (f"From: Person <{sender}>\r\nTo: sales@example.com\r\n{cc}Subject: Quote {n}\r\n"
            f"Message-ID: <crm-{n}@bench>\r\nDate: {time.strftime('%a, %d %b %Y %H:%M:%S +0000', time.gmtime(1_735_689_600 + n * 300))}\r\n"
            f"Content-Type: text/plain; charset=utf-8\r\n\r\nMessage {n}\r\n").encode()


def build_mail_profile(root: Path, messages: int, contacts: int) -> None:
    paths = ProfilePaths(root).ensure()
    ensure_schema(paths)
    store = Store(paths.database)
    account = create_account(store, NewAccount(
        name="Bench", email="sales@example.com", imap_host="imap.invalid", imap_port=993, imap_security="ssl",
        smtp_host="smtp.invalid", smtp_port=465, smtp_security="ssl"))
    mail_cache.reconcile_folders(store, account.id, [mail_cache.ServerFolder("INBOX", "/", frozenset(), "inbox", True)])
    inbox = account_folders(store, account.id)[0]
    mail_cache.begin_folder_sync(store, inbox.id, 1)
    rng = random.Random(5)
    for start in range(0, messages, 5000):
        batch = []
        for n in range(start, min(messages, start + 5000)):
            data = raw(n, rng, contacts)
            batch.append(FetchedMessage(uid=n + 1, raw=data, flags={"\\Seen"}, internal_date=None, size=len(data),
                                        modseq=None, envelope=parse_envelope(data)))
        message_writer.store_messages(store, inbox.id, batch)
    store.close()


def contacts_csv(count: int, companies: int, prefix: str = "person") -> bytes:
    rows = ["Name,Email,Phone,Company"]
    for n in range(count):
        address = contact_address(n) if prefix == "person" else f"{prefix}{n}@firm-{n % companies}.example.org"
        rows.append(f"Person {n},{address},+86 138{n:08d},Company {n % companies if prefix != 'person' else n // 5}")
    return "\n".join(rows).encode()


def measure_panel(store: Store, runs: int = 10) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from app.ui.customer_panel import CustomerPanel

    app = QApplication.instance() or QApplication([])
    panel = CustomerPanel(store)
    panel.resize(360, 800)
    panel.show()
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        panel.show_sender("VIP", VIP)
        panel.repaint()
        timings.append(time.perf_counter() - started)
        app.processEvents()
    return {"first_ms": timings[0] * 1000, "median_ms": statistics.median(timings) * 1000,
            "timeline_rows": panel.timeline.count()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--contacts", type=int, default=5000)
    parser.add_argument("--companies", type=int, default=1000)
    parser.add_argument("--import-rows", type=int, default=50_000)
    args = parser.parse_args()
    cached = Path(f"/tmp/liaison-crm-bench-{args.messages}-{SCHEMA_HEAD}")
    if not (cached / "liaison.sqlite3").exists():
        print(f"building a profile with {args.messages} messages…", flush=True)
        build_mail_profile(cached, args.messages, args.contacts)
    work = Path(tempfile.mkdtemp(prefix="liaison-crm-bench-"))
    shutil.copytree(cached, work / "mail")
    store = Store(ProfilePaths(work / "mail").database)
    result: dict = {}
    started = time.perf_counter()
    report = import_contacts(store, contacts_csv(args.contacts, args.companies))
    result["setup_import_s"] = time.perf_counter() - started
    assert report.created == args.contacts and not report.problems, report
    with store.read() as session:
        from sqlalchemy import func, select

        from app.store.crm_models import Company, MessageLink

        result["companies"] = session.scalar(select(func.count()).select_from(Company))
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        linking.relink_all(store)
        timings.append(time.perf_counter() - started)
    with store.read() as session:
        result["links"] = session.scalar(select(func.count()).select_from(MessageLink))
    result["relink_s"] = statistics.median(timings)
    result["relink_runs"] = timings
    result["panel"] = measure_panel(store)
    started = time.perf_counter()
    big = import_contacts(store, contacts_csv(args.import_rows, 2000, prefix="buyer"))
    result["import_into_mail_profile_s"] = time.perf_counter() - started
    store.close()
    fresh_paths = ProfilePaths(work / "fresh").ensure()
    ensure_schema(fresh_paths)
    fresh = Store(fresh_paths.database)
    started = time.perf_counter()
    fresh_report = import_contacts(fresh, contacts_csv(args.import_rows, 2000, prefix="buyer"))
    result["import_fresh_s"] = time.perf_counter() - started
    fresh.close()
    assert big.created == fresh_report.created == args.import_rows
    shutil.rmtree(work)
    print(f"{'measure':<58}{'value':>10}{'target':>10}")
    print(f"{'link ' + str(args.messages) + ' messages, ' + str(args.contacts) + ' contacts, ' + str(result['companies']) + ' companies (s)':<58}"
          f"{result['relink_s']:>10.2f}{'< 10':>10}   runs {', '.join(f'{t:.2f}' for t in timings)}; {result['links']} links")
    print(f"{'customer panel, contact with 2,000 messages (ms, median)':<58}{result['panel']['median_ms']:>10.1f}"
          f"{'< 150':>10}   first {result['panel']['first_ms']:.1f} ms")
    print(f"{'CSV import ' + str(args.import_rows) + ' contacts, empty profile (s)':<58}{result['import_fresh_s']:>10.2f}{'< 20':>10}")
    print(f"{'CSV import ' + str(args.import_rows) + ' contacts, 100k-message profile (s)':<58}"
          f"{result['import_into_mail_profile_s']:>10.2f}{'< 20':>10}")
    out = REPO / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "crm.json").write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
