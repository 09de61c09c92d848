"""The team server's tests: every test that takes ``team_server`` runs twice, on PostgreSQL (a
private cluster) and on SQLite, against a real ``python -m server run``. The fixtures
(``backend_url``, ``team_server``) live in tests/conftest.py: the client's team-sync tests in
tests/integration use them too."""
