"""Shared records: their schema, how mutations merge into them, and how they are shown."""
