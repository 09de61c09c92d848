"""The reports by the names the command line and the window use."""

from __future__ import annotations

from app.reports.deal_reports import forecast, funnel, pipeline, stuck_deals, won_lost
from app.reports.mail_reports import activity, response_time, stale_customers

REPORTS = {
    "pipeline": pipeline,
    "funnel": funnel,
    "forecast": forecast,
    "won-lost": won_lost,
    "stuck-deals": stuck_deals,
    "response-time": response_time,
    "stale-customers": stale_customers,
    "activity": activity,
}
