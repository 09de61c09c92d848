"""Mail-fidelity benchmark: parse-and-prepare throughput, a 1 MB HTML render, the hostile corpus.

    .venv/bin/python -m bench.fidelity_bench [--messages 10000] [--runs 3]

* **Throughput**: the sync benchmark's generated corpus (English and Chinese, HTML
  alternatives, attachments every 10th message).  "Prepare for display" is what the reader
  does before handing HTML to Qt: build the view (MIME tree, charsets, attachments), the
  readable text, and the sanitised HTML.  One process, one core.
* **1 MB HTML**: a newsletter-like message (tables, styles, CJK, remote images) from
  bytes to laid out in the reader's widget (build, sanitise, setHtml, layout), median of runs.
* **Hostile corpus**: every message of tests/data/mime, the slowest message's time (without
  tracing) and the largest peak of Python allocations (tracemalloc, a separate pass).

Prints a table and writes bench/results/fidelity.json.  Not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from app.mail.reading.html_sanitise import sanitise_html  # noqa: E402
from app.mail.reading.message_view import build_view  # noqa: E402
from tests.support.message_factory import make_message  # noqa: E402


def prepare(raw: bytes) -> None:
    view = build_view(raw)
    _ = view.text
    for segment in view.segments:
        if segment.html is not None:
            sanitise_html(segment.html)


def throughput(count: int, runs: int) -> dict:
    corpus = [make_message(n) for n in range(count)]
    rates = []
    for _ in range(runs):
        started = time.process_time()
        for raw in corpus:
            prepare(raw)
        rates.append(count / (time.process_time() - started))
    return {"messages": count, "messages_per_s": statistics.median(rates), "runs": rates,
            "corpus_mb": sum(map(len, corpus)) / 2**20}


def big_html_message() -> bytes:
    rows = []
    n = 0
    while sum(map(len, rows)) < 1_000_000:
        rows.append(f'<tr><td style="padding:4px;border-bottom:1px solid #ddd"><img src="https://cdn.example/p{n}.png" '
                    f'width="40"></td><td><b>产品 {n}</b> — 高品质工业零件，现货供应，欢迎询价。Product line {n} '
                    f'with <a href="https://shop.example/item/{n}">details</a></td><td align="right">¥{n * 13 % 9999}.00'
                    '</td></tr>\n')
        n += 1
    html = ('<html><head><style>td{font-family:Arial;font-size:13px} .h{color:#333}</style></head><body>'
            '<h1 class="h">月度产品目录 Monthly catalogue</h1><table width="100%" cellspacing="0">'
            + "".join(rows) + "</table></body></html>")
    import base64

    return ("From: Catalogue <news@shop.example>\r\nTo: sales@example.com\r\nSubject: Catalogue\r\n"
            "MIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            ).encode() + base64.encodebytes(html.encode("utf-8"))


def render_big_html(runs: int) -> dict:
    """Bytes → first screen laid out and painted; then until every piece is appended."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from app.ui.mail_browser import MailBrowser

    app = QApplication.instance() or QApplication([])
    browser = MailBrowser()
    browser.resize(700, 900)
    browser.show()
    raw = big_html_message()
    first, complete, stalls = [], [], []
    for _ in range(runs):
        started = time.perf_counter()
        view = build_view(raw)
        safe = sanitise_html(view.segments[0].html)
        browser.set_content(safe.html, lambda _cid: None, {}, safe.css)
        browser.viewport().repaint()
        first.append(time.perf_counter() - started)
        while browser.loading:  # the rest arrives one piece per event-loop turn
            turn = time.perf_counter()
            app.processEvents()
            stalls.append(time.perf_counter() - turn)
        complete.append(time.perf_counter() - started)
    return {"html_bytes": len(view.segments[0].html.encode()), "first_screen_ms": statistics.median(first) * 1000,
            "runs_ms": [t * 1000 for t in first], "complete_ms": statistics.median(complete) * 1000,
            "longest_stall_ms": max(stalls, default=0) * 1000}


def hostile_corpus() -> dict:
    from tests.unit.test_message_view import corpus_messages

    messages = list(corpus_messages())
    slowest = (0.0, "")
    for label, raw in messages:
        started = time.perf_counter()
        prepare(raw)
        for attachment in build_view(raw).attachments:
            attachment.data()
        elapsed = time.perf_counter() - started
        slowest = max(slowest, (elapsed, label))
    biggest = (0, "")
    tracemalloc.start()
    for label, raw in messages:
        tracemalloc.reset_peak()
        prepare(raw)
        biggest = max(biggest, (tracemalloc.get_traced_memory()[1], label))
    tracemalloc.stop()
    return {"messages": len(messages), "slowest_s": slowest[0], "slowest": slowest[1],
            "peak_mb": biggest[0] / 2**20, "peak_message": biggest[1]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    result = {"throughput": throughput(args.messages, args.runs), "big_html": render_big_html(max(args.runs, 5)),
              "hostile": hostile_corpus()}
    t, b, h = result["throughput"], result["big_html"], result["hostile"]
    print(f"{'measure':<36}{'value':>12}{'target':>12}")
    print(f"{'parse+prepare (msgs/s, 1 core)':<36}{t['messages_per_s']:>12.0f}{'>= 1500':>12}   "
          f"runs {', '.join(f'{r:.0f}' for r in t['runs'])}")
    print(f"{'1 MB HTML first screen (ms)':<36}{b['first_screen_ms']:>12.0f}{'< 200':>12}   "
          f"runs {', '.join(f'{r:.0f}' for r in b['runs_ms'])}")
    print(f"{'1 MB HTML complete (ms)':<36}{b['complete_ms']:>12.0f}{'':>12}   "
          f"longest event-loop stall {b['longest_stall_ms']:.0f} ms")
    print(f"{'hostile corpus slowest (s)':<36}{h['slowest_s']:>12.3f}{'< 1':>12}   {h['slowest']}")
    print(f"{'hostile corpus peak alloc (MB)':<36}{h['peak_mb']:>12.1f}{'< 200':>12}   {h['peak_message']}")
    out = REPO / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "fidelity.json").write_text(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
