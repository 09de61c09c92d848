"""Search benchmark: Liaison's index side by side with notmuch on the same 100,000 messages.

    .venv/bin/python -m bench.search_bench [--messages 100000] [--queries 20] [--runs 3]

Needs ``notmuch`` and ``python3-notmuch2`` (Debian packages; ``scripts/bootstrap.sh test``
installs them).

* **Corpus**: :mod:`bench.search_corpus` (Zipf vocabulary, half Chinese, 3,000 senders, HTML,
  attachments, three years), written once as a Maildir for notmuch and stored once into a
  Liaison profile (not timed).
* **Index build**: ``notmuch new`` on the Maildir (with ``XAPIAN_CJK_NGRAM=1``, so notmuch
  indexes Chinese at all) vs ``python main.py search --rebuild`` on the profile; both whole
  processes, both reading every message and writing a full-text index with positions.
* **Queries**, five kinds, ``--queries`` instances each, ``--runs`` times each, newest 50
  results with their ids: a word, a from: address, a subject phrase, a 30-day date range, a
  two-character Chinese word.  Liaison: ``search_mail`` in-process (what the window and CLI
  call); notmuch: the notmuch2 bindings in-process.  p95 and median per kind, and the number
  of matches each found for the same query (a check that both answer the same question).

Prints a table and writes bench/results/search.json.  Not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from app.paths import ProfilePaths  # noqa: E402
from app.search.mail_search import count_mail, search_mail  # noqa: E402
from app.store.database import Store  # noqa: E402
from bench.search_corpus import EN_WORDS, ZH_WORDS, Corpus  # noqa: E402
from tests.support.big_profile import build_big_profile  # noqa: E402

LIMIT = 50
NOTMUCH_CONFIG = """[database]
path={maildir}
[user]
name=Bench
primary_email=sales@example.com
[new]
tags=
ignore=
[search]
exclude_tags=
[maildir]
synchronize_flags=false
"""


def write_maildir(corpus: Corpus, root: Path) -> None:
    for sub in ("cur", "new", "tmp"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    for n in range(corpus.count):
        path = root / "cur" / f"{corpus.date_of(n)}.M{n}.bench:2,S"
        path.write_bytes(corpus.raw(n).replace(b"\r\n", b"\n"))


def timed(command: list[str], env: dict | None = None) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=REPO)
    return time.perf_counter() - started


def pick_queries(corpus: Corpus, per_kind: int) -> list[tuple[str, str, str]]:
    """(kind, Liaison query, notmuch query) triples, deterministic."""
    rng = random.Random(5)
    queries = []
    for rank in range(40, len(EN_WORDS), max(1, (len(EN_WORDS) - 40) // per_kind))[:per_kind]:
        queries.append(("word", EN_WORDS[rank], EN_WORDS[rank]))
    for index in rng.sample(range(60), per_kind // 2) + rng.sample(range(60, 3000), per_kind - per_kind // 2):
        address = corpus.senders[index][1]
        queries.append(("from: address", f"from:{address}", f"from:{address}"))
    english = [s for s in corpus.subject_pool if s.isascii() and len(s.split()) >= 2]
    for subject in rng.sample(english, per_kind):
        words = " ".join(subject.split()[:2]).lower()
        queries.append(("subject phrase", f'subject:"{words}"', f'subject:"{words}"'))
    first = datetime(2023, 1, 1)
    for _ in range(per_kind):
        start = first + timedelta(days=rng.randrange(0, 3 * 365 - 30))
        end = start + timedelta(days=30)
        queries.append(("date range", f"after:{start:%Y-%m-%d} before:{end:%Y-%m-%d}",
                        f"date:{start:%Y-%m-%d}..{end - timedelta(days=1):%Y-%m-%d}"))
    two_char = [w for w in ZH_WORDS if len(w) == 2]
    for rank in range(0, len(two_char), max(1, len(two_char) // per_kind))[:per_kind]:
        queries.append(("Chinese word", two_char[rank], two_char[rank]))
    return queries


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def run_liaison_queries(paths: ProfilePaths, queries, runs: int) -> tuple[dict, dict]:
    store = Store(paths.database)
    timings: dict[str, list[float]] = {}
    counts = {}
    try:
        for kind, query, _ in queries:
            counts[query] = count_mail(store, query)
            for _ in range(runs):
                started = time.perf_counter()
                hits = search_mail(store, query, LIMIT).hits
                timings.setdefault(kind, []).append(time.perf_counter() - started)
                assert len(hits) <= LIMIT
    finally:
        store.close()
    return timings, counts


def run_notmuch_queries(maildir: Path, config: Path, queries, runs: int) -> tuple[dict, dict]:
    spec = {"database": str(maildir), "config": str(config), "runs": runs, "limit": LIMIT,
            "queries": [[kind, notmuch] for kind, _, notmuch in queries]}
    env = {**os.environ, "XAPIAN_CJK_NGRAM": "1"}
    result = subprocess.run(["/usr/bin/python3", str(REPO / "bench" / "notmuch_queries.py")], input=json.dumps(spec),
                            capture_output=True, text=True, check=True, env=env)
    data = json.loads(result.stdout)
    return data["timings"], data["counts"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="liaison-search-bench-"))
    try:
        corpus = Corpus(args.messages)
        started = time.perf_counter()
        maildir = work / "mail"
        write_maildir(corpus, maildir)
        paths = build_big_profile(work / "profile", corpus.count, corpus.raw)  # queued for the index, not indexed
        print(f"corpus of {args.messages} messages built in {time.perf_counter() - started:.0f} s "
              f"({sum(p.stat().st_size for p in (maildir / 'cur').iterdir()) / 1e6:.0f} MB)", flush=True)

        config = work / "notmuch-config"
        config.write_text(NOTMUCH_CONFIG.format(maildir=maildir))
        env = {**os.environ, "NOTMUCH_CONFIG": str(config), "XAPIAN_CJK_NGRAM": "1"}
        notmuch_build = timed(["notmuch", "new", "--quiet"], env)
        print(f"notmuch new: {notmuch_build:.1f} s", flush=True)
        liaison_build = timed([sys.executable, "main.py", "--profile", str(paths.root), "search", "--rebuild"])
        print(f"liaison search --rebuild: {liaison_build:.1f} s", flush=True)
        sizes = {"liaison_db_mb": paths.database.stat().st_size / 1e6,
                 "notmuch_db_mb": sum(p.stat().st_size for p in (maildir / ".notmuch").rglob("*") if p.is_file()) / 1e6}

        queries = pick_queries(corpus, args.queries)
        liaison_times, liaison_counts = run_liaison_queries(paths, queries, args.runs)
        notmuch_times, notmuch_counts = run_notmuch_queries(maildir, config, queries, args.runs)
        table = {}
        for kind in liaison_times:
            examples = [q for q in queries if q[0] == kind]
            table[kind] = {
                "liaison_p95_ms": percentile(liaison_times[kind], 0.95) * 1000,
                "liaison_median_ms": statistics.median(liaison_times[kind]) * 1000,
                "notmuch_p95_ms": percentile(notmuch_times[kind], 0.95) * 1000,
                "notmuch_median_ms": statistics.median(notmuch_times[kind]) * 1000,
                "matches_liaison": sum(liaison_counts[q[1]] for q in examples),
                "matches_notmuch": sum(notmuch_counts[q[2]] for q in examples),
                "example": examples[0][1]}
        results = {"messages": args.messages, "index_build_s": {"liaison": liaison_build, "notmuch": notmuch_build},
                   "sizes": sizes, "queries": table, "per_kind": args.queries, "runs": args.runs,
                   "per_query_matches": {q[1]: [liaison_counts[q[1]], notmuch_counts[q[2]]] for q in queries}}
        print(f"\nindex build, {args.messages} messages: Liaison {liaison_build:.1f} s, notmuch {notmuch_build:.1f} s "
              f"(ratio {liaison_build / notmuch_build:.2f}); index size: Liaison database {sizes['liaison_db_mb']:.0f} MB "
              f"(mail included), notmuch {sizes['notmuch_db_mb']:.0f} MB")
        print(f"{'query (newest 50)':<16} {'Liaison p95':>12} {'median':>8} {'notmuch p95':>12} {'median':>8} "
              f"{'matches L/N':>16}  example")
        for kind, row in table.items():
            print(f"{kind:<16} {row['liaison_p95_ms']:>10.1f}ms {row['liaison_median_ms']:>6.1f}ms "
                  f"{row['notmuch_p95_ms']:>10.1f}ms {row['notmuch_median_ms']:>6.1f}ms "
                  f"{row['matches_liaison']:>8}/{row['matches_notmuch']:<8} {row['example']}")
        out = REPO / "bench" / "results"
        out.mkdir(exist_ok=True)
        (out / "search.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
