"""Compose benchmark: opening the composer, the preview while typing, queueing a mail merge.

    .venv/bin/python -m bench.compose_bench

* **Open**: constructing and painting the composer window (offscreen), median of 10, on a
  profile with 1,000 contacts (address completion loads in the background, not counted).
* **Preview**: re-rendering the preview of a 20 KB Markdown message (paragraphs, lists, a
  table; English and Chinese) after a keystroke, median of 30.
* **Mail merge**: 1,000 contacts, one templated message each, built and queued in the outbox.

Prints a table and writes bench/results/compose.json.  Not a test: it asserts nothing.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.crm.csv_import import import_contacts  # noqa: E402
from app.crm.mail_merge import mail_merge  # noqa: E402
from app.mail.sending.templates import save_template  # noqa: E402
from app.profile import open_profile  # noqa: E402
from app.store.accounts import NewAccount, create_account  # noqa: E402

PARAGRAPH = ("感谢您今天的来电。根据我们的讨论，请查收更新后的报价，如有需要修改的地方请告知。"
             "Thanks for the call today; the updated figures are below. ")


def markdown_20k() -> str:
    parts = []
    while sum(map(len, parts)) < 20_000:
        parts.append(f"## 第 {len(parts)} 节\n\n{PARAGRAPH * 3}\n\n- 交货期 4 周\n- **含税**单价\n\n"
                     "| 型号 | 数量 | 单价 |\n|---|---|---|\n| A-60 | 2000 | ¥386 |\n| B-30 | 500 | ¥215 |\n\n")
    return "".join(parts)


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from app.ui.composer import Composer

    app = QApplication.instance() or QApplication([])
    _paths, store = open_profile(tempfile.mkdtemp(prefix="liaison-compose-bench-"))
    account = create_account(store, NewAccount(
        name="Bench", email="sales@example.com", display_name="李雷", imap_host="imap.invalid", imap_port=993,
        imap_security="ssl", smtp_host="smtp.invalid", smtp_port=465, smtp_security="ssl"))
    rows = ["Name,Email,Title,Company"] + [f"Person {n},p{n}@firm-{n % 50}.example.org,Buyer,Firm {n % 50}"
                                           for n in range(1000)]
    import_contacts(store, "\n".join(rows).encode())
    opening = []
    for _ in range(10):
        started = time.perf_counter()
        composer = Composer(store)
        composer.show()
        composer.repaint()
        opening.append(time.perf_counter() - started)
        composer._autosave.stop()
        composer.close()
        app.processEvents()
    composer = Composer(store)
    composer.show()
    text = markdown_20k()
    preview = []
    for n in range(30):
        composer.editor.setPlainText(text + "x" * n)
        started = time.perf_counter()
        composer.update_preview()
        composer.preview.repaint()
        preview.append(time.perf_counter() - started)
    save_template(store, "offer", "{{ company.name }}: quote", "Dear {{ contact.name }},\n\n" + text[:2000])
    started = time.perf_counter()
    report = mail_merge(store, account, "offer", [f"p{n}@firm-{n % 50}.example.org" for n in range(1000)])
    merge = time.perf_counter() - started
    assert len(report.queued) == 1000 and not report.problems, report.problems
    result = {"open_ms": statistics.median(opening) * 1000, "open_runs_ms": [t * 1000 for t in opening],
              "preview_ms": statistics.median(preview) * 1000, "preview_max_ms": max(preview) * 1000,
              "markdown_chars": len(text), "merge_1000_s": merge}
    print(f"{'measure':<48}{'value':>10}{'target':>10}")
    print(f"{'open the composer (ms, median of 10)':<48}{result['open_ms']:>10.1f}{'< 200':>10}")
    print(f"{'preview update, 20 KB Markdown (ms, median of 30)':<48}{result['preview_ms']:>10.1f}{'< 30':>10}"
          f"   max {result['preview_max_ms']:.1f}")
    print(f"{'mail merge to 1,000 contacts queued (s)':<48}{merge:>10.2f}{'< 5':>10}")
    out = REPO / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "compose.json").write_text(json.dumps(result, indent=2))
    os._exit(0)


if __name__ == "__main__":
    main()
