"""Import benchmark: `python main.py import-mail` on a generated mbox, speed and peak memory.

    .venv/bin/python -m bench.import_bench [--sizes 20000,100000] [--gigabytes 2]

Writes a Thunderbird-style mbox (LF line ends, ``From -`` envelope lines, ``X-Mozilla-Status``,
English and Chinese text, one message in ten with an attachment; bench/../tests/support's
generator), then runs the real command in a fresh profile and measures, per size:

* the import (messages parsed and stored in Local Folders, linked, threaded) with
  ``--no-index``, and the same with search indexing, in messages per second;
* a second run over the same file, where every message is a duplicate (what resuming costs);
* the peak resident memory of the process (ru_maxrss of the child), and separately that of
  the streaming part alone (read, parse, store; no threading, linking or indexing after
  it): flat memory means that figure hardly moves when the file grows five times.  The
  whole command's peak also holds the after-import conversation threading, which reads the
  account's messages at once (about 1.2 KB each), as it does after a sync.

``--gigabytes N`` adds one more run on an mbox of N GiB made of messages carrying a 256 KiB
attachment each (a mailbox of scanned contracts rather than of chat): the file is streamed,
so the peak memory must stay that of a small import.

Prints a table and writes bench/results/import.json.  Not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.support.big_profile import START, raw_message  # noqa: E402


def write_mbox(path: Path, count: int) -> int:
    """A Thunderbird-like mbox of ``count`` messages, written in a stream; returns its size."""
    with open(path, "wb") as out:
        for n in range(count):
            envelope = time.strftime("From - %a %b %d %H:%M:%S %Y\n", time.gmtime(START + n * 300))
            raw = raw_message(n).replace(b"\r\n", b"\n")
            head, _, body = raw.partition(b"\n\n")
            status = b"X-Mozilla-Status: 0001\n" if n % 3 else b"X-Mozilla-Status: 0000\n"
            out.write(envelope.encode() + head + b"\n" + status + b"\n" + body.replace(b"\nFrom ", b"\n>From "))
            out.write(b"\n")
    return path.stat().st_size


def write_big_mbox(path: Path, gigabytes: float) -> tuple[int, int]:
    """An mbox of about ``gigabytes`` GiB, messages of ~256 KiB; returns (messages, bytes)."""
    import base64
    import random

    rng = random.Random(7)
    blob = base64.encodebytes(rng.randbytes(192 * 1024))  # 76-character lines, like a real attachment
    target, count = int(gigabytes * 2**30), 0
    with open(path, "wb") as out:
        while out.tell() < target:
            envelope = time.strftime("From - %a %b %d %H:%M:%S %Y\n", time.gmtime(START + count * 300))
            head, _, _ = raw_message(count * 10 + 1).replace(b"\r\n", b"\n").partition(b"\n\n")
            head = head.replace(b"Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64", b"")
            out.write(envelope.encode() + head.rstrip(b"\n") + b'\nContent-Type: multipart/mixed; boundary="b"\n\n'
                      b"--b\nContent-Type: text/plain; charset=utf-8\n\nThe signed contract is attached.\n"
                      b'--b\nContent-Type: application/pdf; name="contract.pdf"\n'
                      b"Content-Transfer-Encoding: base64\n\n" + blob + b"--b--\n\n")
            count += 1
    return count, path.stat().st_size


def measure_big(gigabytes: float, work: Path) -> dict:
    mbox = work / "Big.mbox"
    count, size = write_big_mbox(mbox, gigabytes)
    seconds, rss, _ = _isolated(work / "profile-big", str(mbox), "--no-index")
    stream_rss = _streaming_peak(work / "profile-big-stream", mbox)
    mbox.unlink()
    return {"messages": count, "mbox_mib": round(size / 2**20), "seconds": round(seconds, 1),
            "messages_per_s": round(count / seconds), "mib_per_s": round(size / 2**20 / seconds, 1),
            "peak_rss_mib": rss, "streaming_peak_rss_mib": stream_rss}


def _streaming_peak(profile: Path, mbox: Path) -> int:
    """Peak RSS (MiB) of the streaming part alone, in a fresh process."""
    code = ("import resource, sys; sys.path.insert(0, sys.argv[3]); "
            "from app.profile import open_profile; from app.mail.importing.importer import Importer; "
            "from app.mail.importing.local_destination import LocalDestination; "
            "paths, store = open_profile(sys.argv[1]); Importer(sys.argv[2], LocalDestination(store)).run(); "
            "store.close(); print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    done = subprocess.run([sys.executable, "-c", code, str(profile), str(mbox), str(REPO)],
                          capture_output=True, text=True, cwd=REPO, check=True)
    return int(done.stdout.split()[-1]) // 1024


def measure(count: int, work: Path) -> dict:
    mbox = work / f"Inbox-{count}"
    size = write_mbox(mbox, count)
    # ru_maxrss of children is a running maximum over all of them: each run is made by a
    # fresh intermediate process that reports the peak of its one child.
    result = {"messages": count, "mbox_mib": round(size / 2**20, 1)}
    for label, args in (("no_index", ("--no-index",)), ("with_index", ())):
        profile = work / f"profile-{count}-{label}"
        seconds, rss, _ = _isolated(profile, str(mbox), *args)
        result[label] = {"seconds": round(seconds, 2), "messages_per_s": round(count / seconds),
                         "peak_rss_mib": rss}
    result["streaming_peak_rss_mib"] = _streaming_peak(work / f"profile-{count}-stream", mbox)
    profile = work / f"profile-{count}-no_index"
    seconds, rss, _ = _isolated(profile, str(mbox), "--no-index")
    result["again_all_duplicates"] = {"seconds": round(seconds, 2), "messages_per_s": round(count / seconds),
                                      "peak_rss_mib": rss}
    mbox.unlink()
    return result


def _isolated(profile: Path, *args: str) -> tuple[float, int, str]:
    """One import in a child process that reports its own peak RSS (a clean ru_maxrss)."""
    code = ("import os, resource, subprocess, sys, time; t = time.perf_counter(); "
            "r = subprocess.run(sys.argv[1:], capture_output=True); s = time.perf_counter() - t; "
            "sys.stderr.write(r.stderr.decode()); sys.stdout.write(r.stdout.decode()); "
            "print('BENCH', s, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode)")
    done = subprocess.run([sys.executable, "-c", code, sys.executable, str(REPO / "main.py"), "--profile",
                           str(profile), "import-mail", *args], capture_output=True, text=True, cwd=REPO)
    line = next(l for l in done.stdout.splitlines() if l.startswith("BENCH"))
    _tag, seconds, rss_kib, rc = line.split()
    if rc != "0":
        raise SystemExit(f"import-mail failed ({rc}): {done.stderr}")
    return float(seconds), int(rss_kib) // 1024, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="20000,100000", help="message counts, comma separated")
    parser.add_argument("--gigabytes", type=float, default=0, help="also import an mbox this big (GiB)")
    args = parser.parse_args()
    results = []
    big = None
    with tempfile.TemporaryDirectory(prefix="liaison-import-bench-") as tmp:
        for count in (int(s) for s in args.sizes.split(",") if s):
            results.append(measure(count, Path(tmp)))
            r = results[-1]
            print(f"{count:>8,} messages ({r['mbox_mib']:>7.1f} MiB mbox): "
                  f"{r['no_index']['messages_per_s']:>6,}/s without indexing "
                  f"(peak {r['no_index']['peak_rss_mib']} MiB), "
                  f"{r['with_index']['messages_per_s']:>6,}/s with indexing "
                  f"(peak {r['with_index']['peak_rss_mib']} MiB), "
                  f"again (all duplicates) {r['again_all_duplicates']['messages_per_s']:>6,}/s; "
                  f"streaming part alone: peak {r['streaming_peak_rss_mib']} MiB")
        if args.gigabytes:
            big = measure_big(args.gigabytes, Path(tmp))
            print(f"{big['messages']:>8,} messages ({big['mbox_mib']:>7,} MiB mbox): {big['seconds']} s, "
                  f"{big['messages_per_s']:,} messages/s, {big['mib_per_s']} MiB/s, peak {big['peak_rss_mib']} MiB "
                  f"(streaming part alone: {big['streaming_peak_rss_mib']} MiB)")
    out = REPO / "bench" / "results" / "import.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"cpu_count": os.cpu_count(), "results": results, "big": big}, indent=2) + "\n")
    print(f"written: {out.relative_to(REPO)}")


if __name__ == "__main__":
    main()
