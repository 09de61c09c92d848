"""The sync API: push field-level mutations, pull what changed since a cursor
(docs/sync-protocol.md)."""
