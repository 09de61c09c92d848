"""Reports a sales manager opens every Monday, computed from the local store (no Qt).

Each report is a :class:`~app.reports.table.Report`: named columns with a kind (text, count,
money, percent, seconds, date) and rows of plain values, so the window, the command line and
the exports (:mod:`app.reports.export`) show the same numbers.
"""
