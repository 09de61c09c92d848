from tests.integration.conftest import account, imap, run_sync  # noqa: F401  (shared fixtures)
