"""The Liaison team server: users, teams, permissions, audit and the record sync API.

Stateless by design: every request reads and writes the database (PostgreSQL in production,
SQLite for evaluation), so any number of app processes can run behind a load balancer.
"""

__version__ = "0.1.0"

# The record schema the sync protocol speaks (docs/sync-protocol.md). Clients one version
# behind keep working (fields newer than they know are left out of what they pull); older
# clients are told to update.
SCHEMA_VERSION = 2
OLDEST_SUPPORTED_SCHEMA = SCHEMA_VERSION - 1
