"""The local store: SQLAlchemy models, the engine, migrations and queries (no Qt)."""
