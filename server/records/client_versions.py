"""What a client is told of a record's versions: ``{field: {"v": version, "hlc": clock}}`` for
the fields the record has.

``records.versions`` keeps more (who made each version, and every element of a set field with
its own clock: five times the size of the fields themselves), and a pull answers only this. So
the writer stores it beside the versions (``records.client_versions``), whenever it changes a
record's fields or versions, and a pull page sends that column's text as it is (see
``server.records.views``) instead of decoding the versions and building this again for every
record of every page.
"""

from __future__ import annotations


def client_versions(fields: dict | None, versions: dict | None) -> dict:
    fields = fields or {}
    return {name: {"v": meta.get("v", 0), "hlc": meta.get("hlc", "")}
            for name, meta in (versions or {}).items() if name in fields}
