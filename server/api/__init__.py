"""The HTTP API (FastAPI): routes are thin; decisions live in policy, records, sync, admin."""
