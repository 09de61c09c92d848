"""Automation rules: when something happens to mail or a customer, Liaison does the next step.

A rule is a trigger (``when``), conditions (``if``) and actions (``then``), stored as the JSON
users import and export (:mod:`.rule_format`).  The engine (:mod:`.engine`) reads events from
cursors over what the profile stores (new messages, mail sent, record changes) and from the
clock (overdue, no reply, no activity, schedules), evaluates the enabled rules against facts
gathered lazily (:mod:`.facts`, :mod:`.conditions`) and runs their actions (:mod:`.actions`).

**Exactly once.**  Every (rule, event) pair that matched gets one row in ``automation_runs``,
inserted before any action runs (its unique key is the claim: a second engine in the CLI or
after a crash finds it and stops).  Every action is idempotent by a key derived from the rule,
the event and the action's place (the case's UUID, the outbox batch, the notification key),
so retrying a run that failed half way never does a step twice.

**Never a loop.**  Automatic mail (auto-replies, bounces, bulk) and mail a rule sent never
trigger rules; what a rule writes is remembered with its chain (``automation_effects``), an
event caused by it continues that chain: a rule fires at most once per record per chain,
chains deeper than :data:`~.engine.MAX_DEPTH` stop, and a record that rules touch too often
within an hour is left alone.  Each stop is in the run log with its reason.
"""
