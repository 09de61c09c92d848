"""Setting up a mail account: provider table, autoconfig, MX lookup, the login test, and the
account's credential from the keyring.  No Qt here."""
