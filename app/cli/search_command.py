"""`search`: mail and customer records matching a query, or rebuilding the search index."""

from __future__ import annotations

import json
import sys
import time
from dataclasses import asdict
from datetime import datetime, timezone

from app.errors import UserFacingError
from app.search import crm_index, mail_index
from app.search.customer_search import search_customers
from app.search.mail_search import search_mail
from app.search.query import QueryError, parse


def _iso(stamp: int) -> str:
    return datetime.fromtimestamp(stamp, timezone.utc).isoformat()


def _rebuild(store) -> int:
    started = time.perf_counter()
    interactive = sys.stderr.isatty()

    def progress(done: int, total: int) -> None:
        if interactive:
            sys.stderr.write(f"\rindexing: {done}/{total} messages\x1b[K")
            sys.stderr.flush()

    messages = mail_index.rebuild(store, progress=progress)
    records = crm_index.rebuild(store)
    if interactive:
        sys.stderr.write("\r\x1b[K")
    print(f"search index rebuilt: {messages} messages, {records} customer records "
          f"in {time.perf_counter() - started:.1f} s")
    return 0


def _message_json(hit) -> dict:
    return {"kind": "message", "account": hit.account, "folder": hit.folder, "uid": hit.uid,
            "date": _iso(hit.date), "from": {"name": hit.from_name, "address": hit.from_addr},
            "subject": hit.subject, "unread": not hit.seen, "flagged": bool(hit.flagged),
            "has_attachments": bool(hit.has_attachments)}


def run(args, store) -> int:
    if args.rebuild:
        if args.query:
            raise UserFacingError("--rebuild takes no query.")
        return _rebuild(store)
    if not args.query:
        raise UserFacingError("Give a query, for example: search 'from:anna 合同' (or --rebuild).")
    try:
        query = parse(" ".join(args.query))
        mail = search_mail(store, query, args.limit)
        customers = search_customers(store, query, args.limit)
    except QueryError as exc:
        raise UserFacingError(str(exc)) from None
    for warning in mail.warnings:
        print(f"liaison: {warning}", file=sys.stderr)
    pending = mail_index.pending_count(store)
    if pending:
        print(f"liaison: {pending} messages are not indexed yet; sync or 'search --rebuild' indexes them.",
              file=sys.stderr)
    if args.json:
        for hit in mail.hits:
            print(json.dumps(_message_json(hit), ensure_ascii=False))
        for customer in customers:
            print(json.dumps(asdict(customer), ensure_ascii=False))
        return 0
    for hit in mail.hits:
        marker = "*" if not hit.seen else " "
        sender = hit.from_name or hit.from_addr
        print(f"{marker} {_iso(hit.date)[:16].replace('T', ' ')}  {hit.folder}/{hit.uid}  {sender:<24.24}  {hit.subject}")
    if mail.more:
        print(f"  … more than {args.limit} messages; narrow the search or raise --limit")
    if customers:
        print("Customers:")
        for customer in customers:
            print(f"  {customer.kind:<8} {customer.title}" + (f"  ({customer.detail})" if customer.detail else ""))
    if not mail.hits and not customers:
        print("No results.")
    return 0
