"""Sync benchmark: `python main.py sync` side by side with mbsync, against one private Dovecot.

    .venv/bin/python -m bench.sync_bench [--messages 10000] [--attachment-every 10]

Seeds a generated Inbox (realistic sizes, English and Chinese, some attachments) straight into
the Maildir, warms Dovecot's index once so neither tool pays for it, then measures:

* initial full sync (headers and complete bodies stored), Liaison vs mbsync (to a Maildir);
* a resync with nothing changed: the whole command, Python start-up included (from compiled
  bytecode, as an installed copy runs: the bench compiles the app first);
* peak resident memory of each process (ru_maxrss from wait4);
* the cost of search indexing: Liaison's initial sync as usual (mail stored, indexed alongside
  when storing pauses and what is left at the end of the pass; the summary line gives both)
  and with ``sync --no-index``.

``--link-mbps N`` puts both tools behind a loopback relay paced to N MB/s
(bench/throttled_link.py): a remote server as a laptop sees it, instead of one on the same
machine that only the CPU limits.

Prints a table and writes bench/results/sync.json.  Not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.bytecode import compile_like_an_install  # noqa: E402
from bench.throttled_link import ThrottledLink  # noqa: E402
from tests.support.dovecot import DovecotServer  # noqa: E402
from tests.support.maildir_seed import seed_maildir  # noqa: E402
from tests.support.message_factory import make_message  # noqa: E402

PASSWORD = "bench-pass"

MBSYNC_CONFIG = """\
IMAPAccount bench
Host localhost
Port {port}
User sales
Pass {password}
SSLType IMAPS
CertificateFile {ca}

IMAPStore remote
Account bench

MaildirStore local
Path {maildir}/
Inbox {maildir}/INBOX
SubFolders Verbatim

Channel inbox
Far :remote:INBOX
Near :local:INBOX
Sync Pull
Create Near
Expunge None
SyncState *
"""


def timed(command: list[str], env: dict | None = None, stdin: str | None = None) -> tuple[float, int, str]:
    """(seconds, peak RSS in MB, output) of one child process."""
    started = time.perf_counter()
    proc = subprocess.Popen(command, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, cwd=REPO)
    if stdin:
        proc.stdin.write(stdin.encode())
    proc.stdin.close()
    output = proc.stdout.read().decode("utf-8", "replace")
    _pid, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{command[0]} failed ({proc.returncode}):\n{output}")
    return elapsed, usage.ru_maxrss // 1024, output


def seed(server: DovecotServer, count: int, attachment_every: int) -> int:
    base = time.time() - count * 420
    messages = ((make_message(n, attachment_every=attachment_every), base + n * 420) for n in range(count))
    folder = server.maildir("sales")
    seed_maildir(folder, messages, server.uid, server.gid)
    total = sum(p.stat().st_size for p in (folder / "cur").iterdir())
    return total


def warm_index(server: DovecotServer) -> None:
    client = server.client("sales", PASSWORD)
    client.select_folder("INBOX", readonly=True)
    uids = client.search(["ALL"])
    for start in range(0, len(uids), 2000):
        client.fetch(uids[start:start + 2000], ["RFC822.SIZE", "FLAGS", "INTERNALDATE"])
    client.logout()


def run_liaison(server: DovecotServer, port: int, work: Path, *sync_options: str) -> dict:
    work.mkdir()
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "tests.support.test_keyring.FileKeyring",
           "LIAISON_TEST_KEYRING_FILE": str(work / "keyring.json"), "PYTHONPATH": str(REPO)}
    base = [sys.executable, "main.py", "--profile", str(work / "profile")]
    timed(base + ["account", "add", "--name", "bench", "--email", "sales@example.com",
                  "--username", "sales", "--imap-host", "localhost", "--imap-port", str(port),
                  "--imap-security", "ssl", "--smtp-host", "localhost", "--smtp-port", "25",
                  "--smtp-security", "starttls", "--ca-file", str(server.ca_file),
                  "--password-stdin"], env, stdin=PASSWORD + "\n")
    initial, initial_rss, out = timed(base + ["sync", *sync_options], env)
    resyncs = [timed(base + ["sync", *sync_options], env) for _ in range(5)]
    indexing = re.search(r"indexed for search in ([0-9.]+) s", out)
    # "N indexed for search while syncing" (all of it, as it was stored) or "... in T s after
    # the pass (N of them while syncing)"
    alongside = (re.search(r"(\d+) indexed for search while syncing", out)
                 or re.search(r"\((\d+) of them while syncing\)", out))
    return {"initial_s": initial, "initial_rss_mb": initial_rss, "summary": out.strip(),
            "index_s": float(indexing.group(1)) if indexing else 0.0,
            "indexed_alongside": int(alongside.group(1)) if alongside else 0,
            "resync_s": min(r[0] for r in resyncs), "resync_median_s": sorted(r[0] for r in resyncs)[2],
            "resync_rss_mb": max(r[1] for r in resyncs),
            "db_mb": (work / "profile" / "liaison.sqlite3").stat().st_size / 1e6}


def run_mbsync(server: DovecotServer, port: int, work: Path) -> dict:
    maildir = work / "mbsync-mail"
    maildir.mkdir(parents=True)
    config = work / "mbsyncrc"
    config.write_text(MBSYNC_CONFIG.format(port=port, password=PASSWORD,
                                           ca=server.ca_file, maildir=maildir))
    command = ["mbsync", "-q", "-c", str(config), "inbox"]
    initial, initial_rss, _ = timed(command)
    resyncs = [timed(command) for _ in range(5)]
    return {"initial_s": initial, "initial_rss_mb": initial_rss,
            "resync_s": min(r[0] for r in resyncs), "resync_median_s": sorted(r[0] for r in resyncs)[2],
            "resync_rss_mb": max(r[1] for r in resyncs)}


def median_of(results) -> dict:
    """Field-wise median of several runs' numbers (text fields from the first run)."""
    results = list(results)
    merged = dict(results[0])
    for key, value in results[0].items():
        if isinstance(value, (int, float)):
            merged[key] = statistics.median(r[key] for r in results)
    return merged


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--attachment-every", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3,
                        help="alternating rounds of both tools; medians are reported")
    parser.add_argument("--link-mbps", type=float, default=0,
                        help="reach the server through a link paced to this many MB/s (0: direct)")
    args = parser.parse_args()

    compile_like_an_install()
    server = DovecotServer()
    server.add_user("sales", PASSWORD)
    work = Path(tempfile.mkdtemp(prefix="liaison-bench-"))
    link = None
    try:
        print(f"seeding {args.messages} messages...", flush=True)
        size = seed(server, args.messages, args.attachment_every)
        server.start()
        warm_index(server)
        link = ThrottledLink(server.ssl_port, args.link_mbps) if args.link_mbps else None
        port = link.port if link else server.ssl_port
        rounds = []
        for index in range(args.rounds):
            # mbsync goes first in each round, so any cache warm-up favours it.
            rounds.append((run_mbsync(server, port, work / f"m{index}"),
                           run_liaison(server, port, work / f"l{index}"),
                           run_liaison(server, port, work / f"n{index}", "--no-index")))
            print(f"round {index + 1}: mbsync {rounds[-1][0]['initial_s']:.2f} s, "
                  f"Liaison {rounds[-1][1]['initial_s']:.2f} s, "
                  f"Liaison --no-index {rounds[-1][2]['initial_s']:.2f} s", flush=True)
    finally:
        if link is not None:
            link.close()
        server.remove()
    mbsync, liaison = median_of(r[0] for r in rounds), median_of(r[1] for r in rounds)
    unindexed = median_of(r[2] for r in rounds)
    result = {"messages": args.messages, "maildir_mb": round(size / 1e6, 1), "link_mbps": args.link_mbps,
              "liaison": liaison,
              "mbsync": mbsync, "liaison_no_index": unindexed, "rounds": rounds,
              "whole_pass_with_indexing_ratio": liaison["initial_s"] / unindexed["initial_s"],
              "initial_ratio": liaison["initial_s"] / mbsync["initial_s"],
              "resync_ratio": liaison["resync_s"] / mbsync["resync_s"]}
    out = REPO / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / ("sync.json" if not args.link_mbps else f"sync-{args.link_mbps:g}mbps.json")).write_text(
        json.dumps(result, indent=2))
    through = f", through a {args.link_mbps:g} MB/s link" if args.link_mbps else ""
    print(f"{args.messages} messages, {result['maildir_mb']} MB in the Maildir{through}; "
          f"medians of {args.rounds} rounds")
    print(f"{'':28}{'Liaison':>10}{'mbsync':>10}{'ratio':>8}")
    print(f"{'initial full sync (s)':28}{liaison['initial_s']:>10.2f}{mbsync['initial_s']:>10.2f}"
          f"{result['initial_ratio']:>8.2f}")
    print(f"{'resync, no change (s, best)':28}{liaison['resync_s']:>10.3f}{mbsync['resync_s']:>10.3f}"
          f"{result['resync_ratio']:>8.2f}")
    print(f"{'peak RSS initial (MB)':28}{liaison['initial_rss_mb']:>10}{mbsync['initial_rss_mb']:>10}")
    print(f"{'peak RSS resync (MB)':28}{liaison['resync_rss_mb']:>10}{mbsync['resync_rss_mb']:>10}")
    stored = liaison["initial_s"] - liaison["index_s"]
    result["stored_before_indexing_s"] = stored
    result["storing_slowdown"] = stored / unindexed["initial_s"] - 1
    print(f"{'initial sync, --no-index (s)':28}{unindexed['initial_s']:>10.2f}")
    print(f"with indexing: mail stored and listed after {stored:.2f} s ({result['storing_slowdown'] * 100:+.0f} % "
          f"against --no-index), all of it searchable after {liaison['initial_s']:.2f} s "
          f"(indexing {liaison['index_s']:.2f} s at the end of the pass; "
          f"{liaison['indexed_alongside']:.0f} messages indexed while syncing)")
    print(f"Liaison database: {liaison['db_mb']:.1f} MB ({unindexed['db_mb']:.1f} MB without the index); "
          f"{liaison['summary']}")


if __name__ == "__main__":
    main()
