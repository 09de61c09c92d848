"""Stage names as the window shows them.

The default pipeline's stages are stored in English ("Lead" … "Lost"): every laptop of a team
creates them alike, with the same ids, so a team's deals land in the same stages
(:data:`app.crm.deals.DEFAULT_STAGES`).  Shown, they are translated (context ``Stages``) as
long as nobody renamed them; a stage someone named is shown as it was named.  Only labels go
through here — a field where the name is edited keeps the stored name.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def stage_name(name: str) -> str:
    """A stage's name in the user's language when it is one of the default names."""
    return QCoreApplication.translate("Stages", name) if name else name
