"""Mail: IMAP sync, MIME decoding, and (later) compose and the SMTP outbox.  No Qt here."""
