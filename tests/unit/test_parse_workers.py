"""Parsing fetched batches once, in worker processes for a big first sync, documents included."""

from __future__ import annotations

import os
import zlib
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

import pytest

from app.mail.imap import message_writer
from app.mail.imap.batch_preparer import Deferred
from app.mail.imap.fetched import FetchedBody
from app.mail.imap.message_writer import PreparedBatch, prepare_batch
from app.search import mail_index
from app.search.mail_document import fetched_document
from app.search.mail_search import search_mail
from app.services.parse_workers import SyncPreparer
from app.store.raw_sql import fetch_all
from tests.support.mail_store import MailStore
from tests.support.message_factory import make_message

CORPUS = Path(__file__).resolve().parent.parent / "data" / "mime"


def corpus_bodies() -> list[FetchedBody]:
    """Every hostile corpus message, and generated mail with attachments and Chinese text."""
    raws = [p.read_bytes() for p in sorted(CORPUS.rglob("*")) if p.is_file() and p.suffix not in (".tsv", ".md")]
    raws += [make_message(n, attachment_every=3) for n in range(30)]
    return [FetchedBody(uid=uid, raw=raw, flags=set(), internal_date=1_760_000_000 + uid, size=len(raw), modseq=None)
            for uid, raw in enumerate(raws, start=1)]


def stored_documents(store, ids: list[int]) -> dict[int, tuple]:
    """The documents the indexer builds from the stored messages (what a rebuild writes)."""
    return {message_id: document for message_id, _rowid, document in
            mail_index._load(lambda sql, params: fetch_all(store, sql, params), ids)}


def test_a_document_built_at_fetch_is_the_one_the_indexer_builds_from_the_stored_message(store):
    box = MailStore(store)
    folder = box.folders["INBOX"]
    bodies = corpus_bodies()
    batch = prepare_batch(folder, bodies, fetched_document)
    with store.writer.waiting_allowed():
        assert message_writer.store_prepared(store, folder, batch) == len(bodies)
    ids = [row[0] for row in fetch_all(store, "SELECT id FROM mail_messages ORDER BY uid")]
    rebuilt = stored_documents(store, ids)
    assert [rebuilt[i] for i in ids] == batch.documents
    assert mail_index.pending_count(store) == 0  # indexed with the mail, nothing left queued
    assert mail_index.indexed_count(store) == len(bodies)


def test_a_batch_stored_again_is_neither_duplicated_nor_indexed_twice(store):
    box = MailStore(store)
    folder = box.folders["INBOX"]
    bodies = corpus_bodies()[:20]
    with store.writer.waiting_allowed():
        message_writer.store_prepared(store, folder, prepare_batch(folder, bodies[:12], fetched_document))
        assert message_writer.store_prepared(store, folder, prepare_batch(folder, bodies, fetched_document)) == 8
    assert mail_index.indexed_count(store) == 20 and mail_index.pending_count(store) == 0


def test_without_documents_the_messages_stay_queued_for_the_indexer(store):
    box = MailStore(store)
    folder = box.folders["INBOX"]
    with store.writer.waiting_allowed():
        message_writer.store_prepared(store, folder, prepare_batch(folder, corpus_bodies()[:10]))
    assert mail_index.pending_count(store) == 10 and mail_index.indexed_count(store) == 0


def test_workers_prepare_exactly_what_the_store_thread_would():
    bodies = corpus_bodies()
    here = prepare_batch(7, bodies, fetched_document)
    preparer = SyncPreparer(documents=True, workers=2, workers_from=100)
    try:
        pending = preparer.submit(7, bodies, expected=len(bodies))
        assert preparer.started and not isinstance(pending, Deferred)
        there = pending.result()
    finally:
        preparer.close()
    assert there.rows == here.rows and there.documents == here.documents
    assert [zlib.decompress(b) if c == "zlib" else b for c, b in there.encoded] == [m.raw for m in here.messages]
    assert [m.envelope for m in there.messages] == [m.envelope for m in here.messages]
    assert all(m.raw == b"" for m in there.messages)  # the raw bytes are not sent back


def test_a_small_folder_is_parsed_on_the_store_thread_with_its_documents():
    preparer = SyncPreparer(documents=True, workers=2, workers_from=100)
    pending = preparer.submit(7, corpus_bodies()[:5], expected=99)
    batch = pending.result()
    assert isinstance(pending, Deferred) and not preparer.started
    assert batch.documents is not None and len(batch.documents) == 5


def test_no_index_prepares_no_documents_in_workers_or_here():
    preparer = SyncPreparer(documents=False, workers=1, workers_from=3)
    try:
        assert preparer.submit(7, corpus_bodies()[:3], expected=3).result().documents is None
        assert preparer.submit(7, corpus_bodies()[:2], expected=2).result().documents is None
    finally:
        preparer.close()


class DyingWorkers(SyncPreparer):
    """Workers that die as they start, as in a frozen build without freeze_support."""

    def _started_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn"),
                                             initializer=os._exit, initargs=(3,))
        return self._pool


def test_when_the_workers_die_the_batch_is_parsed_here_and_left_for_the_indexer(caplog):
    bodies = corpus_bodies()[:6]
    preparer = DyingWorkers(documents=True, workers=1, workers_from=1)
    try:
        batch = preparer.submit(7, bodies, expected=6).result()
        assert preparer.broken and "parsing workers failed" in caplog.text
        assert [m.uid for m in batch.messages] == [b.uid for b in bodies] and batch.documents is None
        later = preparer.submit(7, bodies, expected=6)
        assert isinstance(later, Deferred) and later.result().documents is None
    finally:
        preparer.close()


@pytest.mark.parametrize("documents", [True, False])
def test_a_prepared_batch_is_all_a_store_needs(store, documents):
    box = MailStore(store)
    folder = box.folders["INBOX"]
    bodies = corpus_bodies()[-12:]
    preparer = SyncPreparer(documents=documents, workers=1, workers_from=1)
    try:
        batch: PreparedBatch = preparer.submit(folder, bodies, expected=12).result()
    finally:
        preparer.close()
    with store.writer.waiting_allowed():
        assert message_writer.store_prepared(store, folder, batch) == 12
    if not documents:
        mail_index.index_pending(store)
    assert mail_index.pending_count(store) == 0
    subject = batch.messages[0].envelope.subject.split()[0]
    assert search_mail(store, subject, 50).hits
