"""Timing notmuch queries in-process (run by bench.search_bench with Debian's python3).

Reads JSON from stdin: {"database": path, "config": path, "queries": [[category, query], ...],
"runs": n, "limit": k}; prints JSON {category: [seconds, ...], "counts": {query: n}}.  Each query
takes the newest ``limit`` messages and reads their Message-ID, as a client showing a result
page would.  Uses the python3-notmuch2 bindings; not imported by Liaison itself.
"""

import itertools
import json
import os
import sys
import time

import notmuch2


def main() -> None:
    spec = json.load(sys.stdin)
    os.environ["NOTMUCH_CONFIG"] = spec["config"]
    database = notmuch2.Database(spec["database"], config=spec["config"])
    timings: dict[str, list[float]] = {}
    counts: dict[str, int] = {}
    for category, query in spec["queries"]:
        counts[query] = database.count_messages(query)
        for _ in range(spec["runs"]):
            started = time.perf_counter()
            page = itertools.islice(database.messages(query, sort=notmuch2.Database.SORT.NEWEST_FIRST),
                                    spec["limit"])
            ids = [message.messageid for message in page]
            timings.setdefault(category, []).append(time.perf_counter() - started)
            assert len(ids) <= spec["limit"]
    print(json.dumps({"timings": timings, "counts": counts}))


if __name__ == "__main__":
    main()
