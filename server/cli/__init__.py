"""The server's command line: run it, migrate its database, administer it."""
