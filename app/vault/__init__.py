"""The encrypted secrets file: where passwords and tokens live when no OS keyring works (no Qt).

:mod:`.sealed` is the file format (Argon2id + AES-256-GCM), :mod:`.secrets_file` reads and
writes the file safely between processes, :mod:`.session` holds the unlocked key for the
process's session.  :class:`app.secrets.SecretStore` chooses between this and the OS keyring.
"""
