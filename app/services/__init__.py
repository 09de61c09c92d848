"""Services: the orchestration the GUI and the CLI share (no Qt here).

* :mod:`.account_sync` — one account's sync pass: the IMAP pass of :mod:`app.mail.imap`,
  then the registered after-pass hooks (threading, customer linking, search indexing; later
  automation and team sync).  ``app.mail`` imports none of them.
* :mod:`.outbox_delivery` — sending what waits in the outbox; needs SMTP only.
* :mod:`.jobs` — per-account job lanes (IMAP work and SMTP work apart, each account apart)
  that coalesce repeated requests.
* :mod:`.runtime` — :class:`~.runtime.Services`, the object both front ends hold: it owns the
  lanes, the IDLE watchers and the schedule, and reports what happens as events
  (:mod:`.events`).  The GUI bridges those events to Qt signals; the CLI waits on jobs.

Package dependencies run one way: store ← mail/crm/search ← services ← ui/cli.
"""
