"""The team-server client (no Qt): push the local change queue, pull what the team changed,
apply it through the same door as every other write (docs/sync-protocol.md)."""
