"""What customer records do after a sync stored new mail (runs in the sync's thread)."""

from __future__ import annotations

import logging

from app.crm.automatic_backfill import backfill_auto_kind
from app.crm.followups import check_followups
from app.crm.linking import link_new_mail
from app.store.database import Store

log = logging.getLogger("liaison.crm")


def after_sync(store: Store) -> None:
    """Classify, link and settle follow-ups for mail that arrived."""
    classified = backfill_auto_kind(store)
    if classified:
        log.info("classified %d older messages for auto-replies and bounces", classified)
    link_new_mail(store)
    check_followups(store)
