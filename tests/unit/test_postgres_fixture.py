"""The private PostgreSQL fixture: a working database per test, durability off."""

import pytest
from sqlalchemy import create_engine, inspect, text

SEEN: dict[int, str] = {}


@pytest.mark.parametrize("run", [1, 2])
def test_each_test_gets_its_own_working_database(postgres_url, run):
    engine = create_engine(postgres_url)
    try:
        with engine.begin() as conn:
            # Whichever of the two runs second would find the first one's table if they shared.
            assert not inspect(conn).has_table("probe")
            conn.execute(text("CREATE TABLE probe (id serial PRIMARY KEY, name text NOT NULL)"))
            conn.execute(text("INSERT INTO probe (name) VALUES ('张伟'), ('Anna')"))
        with engine.connect() as conn:
            names = conn.execute(text("SELECT name FROM probe ORDER BY id")).scalars().all()
            assert names == ["张伟", "Anna"]
            assert conn.execute(text("SHOW fsync")).scalar() == "off"
            SEEN[run] = conn.execute(text("SELECT current_database()")).scalar()
    finally:
        engine.dispose()
    assert len(set(SEEN.values())) == len(SEEN)
