"""IMAP: sessions, one account's pass over its folders, folder sync, IDLE, queued user actions.

Network work runs on an account's own job thread (see :mod:`app.services`); every database
write these modules make runs on the store's writer thread.  No Qt here.
"""
