"""The server's database: models, engine and transactions (SQLAlchemy 2, Alembic)."""
