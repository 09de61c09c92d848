"""Sending mail: Markdown to MIME, reply/forward, SMTP, the outbox (never twice), drafts and
templates.  No Qt here."""
