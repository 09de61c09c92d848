"""Reports benchmark: every report over a large profile, and the Reports view's first paint.

    .venv/bin/python -m bench.report_bench [--messages 100000] [--contacts 10000] [--deals 5000]

The profile (built once and cached under /tmp): ``--messages`` messages from the CRM
benchmark's sender pool (``bench.crm_bench``: four in five from contacts), threaded and linked;
``--contacts`` contacts with companies (CSV import); ``--deals`` deals spread over the stages,
a tenth won or lost, with expected close dates over a year; a reply from us to every third
customer message, so response times have waits to measure.

Measured: each report (``app.reports.catalogue``) computed three times, median (the issue's
target: < 500 ms); the Reports view (offscreen) from construction to its first report on
screen (target < 1 s). Prints a table and writes bench/results/reports.json. Not a test: it
asserts nothing. On the shared 2-core machine other processes' load shows in the figures.
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
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.crm_bench import build_mail_profile, contact_address, contacts_csv  # noqa: E402
from app.crm import deals, linking  # noqa: E402
from app.crm.csv_import import import_contacts  # noqa: E402
from app.mail.imap import message_writer  # noqa: E402
from app.mail.imap.fetched import FetchedMessage  # noqa: E402
from app.mail.reading.conversation_threads import rethread_account  # noqa: E402
from app.mail.reading.envelope import parse_envelope  # noqa: E402
from app.paths import ProfilePaths  # noqa: E402
from app.reports.catalogue import REPORTS  # noqa: E402
from app.reports.table import Filters  # noqa: E402
from app.store import mail_cache  # noqa: E402
from app.store.accounts import account_folders  # noqa: E402
from app.store.database import Store  # noqa: E402
from app.store.migrate import SCHEMA_HEAD  # noqa: E402


def _replies(store: Store, messages: int) -> None:
    """A reply from sales@example.com to every third message, an hour to two days later."""
    rng = random.Random(9)
    inbox = account_folders(store, 1)[0]
    batch = []
    for n in range(0, messages, 3):
        at = 1_735_689_600 + n * 300 + rng.randrange(3600, 2 * 86400)
        data = (f"From: Sales <sales@example.com>\r\nTo: someone@example.com\r\nSubject: Re: Quote {n}\r\n"
                f"Message-ID: <reply-{n}@bench>\r\nIn-Reply-To: <crm-{n}@bench>\r\nReferences: <crm-{n}@bench>\r\n"
                f"Date: {time.strftime('%a, %d %b %Y %H:%M:%S +0000', time.gmtime(at))}\r\n"
                f"Content-Type: text/plain; charset=utf-8\r\n\r\nThanks {n}\r\n").encode()
        batch.append(FetchedMessage(uid=messages + n + 1, raw=data, flags={"\\Seen"}, internal_date=None,
                                    size=len(data), modseq=None, envelope=parse_envelope(data)))
    mail_cache.begin_folder_sync(store, inbox.id, 1)
    for start in range(0, len(batch), 5000):
        message_writer.store_messages(store, inbox.id, batch[start:start + 5000])


def build(root: Path, messages: int, contacts: int, deal_count: int) -> None:
    build_mail_profile(root, messages, contacts)
    store = Store(ProfilePaths(root).database)
    _replies(store, messages)
    import_contacts(store, contacts_csv(contacts, contacts // 5))
    rethread_account(store, 1)
    linking.relink_all(store)
    rng = random.Random(3)
    stages = [row.name for row in deals.pipeline_stages(store)]
    for n in range(deal_count):
        month = 1 + n % 12
        uuid = deals.add_deal(store, f"Deal {n}", contact_address(n % contacts),
                              amount=str(rng.randrange(1000, 900000)), currency="CNY" if n % 4 else "USD",
                              stage=stages[n % 4], expected_close=f"2027-{month:02d}-15")
        if n % 10 == 0:
            deals.move_deal(store, uuid, deals.stage_uuid_named(store, "Won" if n % 20 else "Lost"))
    store.close()


def measure_view(store: Store) -> float:
    from PySide6.QtWidgets import QApplication

    from app.ui.reports_view import ReportsView

    app = QApplication.instance() or QApplication([])
    started = time.perf_counter()
    view = ReportsView(store)
    view.show()
    while view.report is None:
        app.processEvents()
        time.sleep(0.001)
    app.processEvents()
    elapsed = time.perf_counter() - started
    view.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--contacts", type=int, default=10_000)
    parser.add_argument("--deals", type=int, default=5_000)
    args = parser.parse_args()
    cached = Path(f"/tmp/liaison-report-bench-{args.messages}-{args.contacts}-{args.deals}-{SCHEMA_HEAD}")
    if not (cached / "liaison.sqlite3").exists():
        print(f"building a profile: {args.messages} messages, {args.contacts} contacts, {args.deals} deals…",
              flush=True)
        shutil.rmtree(cached, ignore_errors=True)
        build(cached, args.messages, args.contacts, args.deals)
    work = Path(tempfile.mkdtemp(prefix="liaison-report-bench-"))
    shutil.copytree(cached, work / "p")
    store = Store(ProfilePaths(work / "p").database)
    result: dict = {"reports": {}}
    for name, report in REPORTS.items():
        timings, rows = [], 0
        for _ in range(3):
            started = time.perf_counter()
            rows = len(report(store, Filters()).rows)
            timings.append(time.perf_counter() - started)
        result["reports"][name] = {"median_ms": statistics.median(timings) * 1000, "rows": rows,
                                   "runs_ms": [t * 1000 for t in timings]}
    result["view_first_report_s"] = measure_view(store)
    store.close()
    shutil.rmtree(work)
    print(f"{'report':<20}{'median ms':>10}{'rows':>8}{'target':>10}")
    for name, figures in result["reports"].items():
        print(f"{name:<20}{figures['median_ms']:>10.0f}{figures['rows']:>8}{'< 500':>10}")
    print(f"{'view, first report':<20}{result['view_first_report_s'] * 1000:>10.0f}{'':>8}{'< 1000':>10}")
    out = REPO / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "reports.json").write_text(json.dumps({"args": vars(args), **result}, indent=1))


if __name__ == "__main__":
    main()
