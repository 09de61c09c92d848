"""What a record's fields are called in the window (the team server's field names → words).

The sync protocol names fields as the server does (``title``, ``stage``, ``custom.wechat``);
people read labels in their language. Custom fields show the label their definition gives.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP

_LABELS = {
    "name": QT_TRANSLATE_NOOP("FieldNames", "Name"),
    "first_name": QT_TRANSLATE_NOOP("FieldNames", "First name"),
    "last_name": QT_TRANSLATE_NOOP("FieldNames", "Last name"),
    "title": QT_TRANSLATE_NOOP("FieldNames", "Title"),
    "company": QT_TRANSLATE_NOOP("FieldNames", "Company"),
    "contact": QT_TRANSLATE_NOOP("FieldNames", "Contact"),
    "deal": QT_TRANSLATE_NOOP("FieldNames", "Deal"),
    "emails": QT_TRANSLATE_NOOP("FieldNames", "Email addresses"),
    "phones": QT_TRANSLATE_NOOP("FieldNames", "Phone numbers"),
    "tags": QT_TRANSLATE_NOOP("FieldNames", "Tags"),
    "domains": QT_TRANSLATE_NOOP("FieldNames", "Domains"),
    "industry": QT_TRANSLATE_NOOP("FieldNames", "Industry"),
    "stage": QT_TRANSLATE_NOOP("FieldNames", "Stage"),
    "amount": QT_TRANSLATE_NOOP("FieldNames", "Amount"),
    "currency": QT_TRANSLATE_NOOP("FieldNames", "Currency"),
    "expected_close": QT_TRANSLATE_NOOP("FieldNames", "Expected close"),
    "status": QT_TRANSLATE_NOOP("FieldNames", "Status"),
    "loss_reason": QT_TRANSLATE_NOOP("FieldNames", "Reason lost"),
    "notes": QT_TRANSLATE_NOOP("FieldNames", "Notes"),
    "body": QT_TRANSLATE_NOOP("FieldNames", "Text"),
    "subject": QT_TRANSLATE_NOOP("FieldNames", "Subject"),
    "due_at": QT_TRANSLATE_NOOP("FieldNames", "Due"),
    "remind_at": QT_TRANSLATE_NOOP("FieldNames", "Reminder"),
    "done_at": QT_TRANSLATE_NOOP("FieldNames", "Done"),
    "happened_at": QT_TRANSLATE_NOOP("FieldNames", "When"),
    "duration_minutes": QT_TRANSLATE_NOOP("FieldNames", "Duration"),
    "kind": QT_TRANSLATE_NOOP("FieldNames", "Kind"),
    "position": QT_TRANSLATE_NOOP("FieldNames", "Position"),
    "outcome": QT_TRANSLATE_NOOP("FieldNames", "Outcome"),
    "probability": QT_TRANSLATE_NOOP("FieldNames", "Probability"),
    "label": QT_TRANSLATE_NOOP("FieldNames", "Label"),
    "field_type": QT_TRANSLATE_NOOP("FieldNames", "Field type"),
    "choices": QT_TRANSLATE_NOOP("FieldNames", "Choices"),
}


def field_label(field: str, custom_label: str | None = None) -> str:
    """The words for a server field name; a custom field's own label, else its key."""
    if field.startswith("custom."):
        return custom_label or field.split(".", 1)[1]
    text = _LABELS.get(field)
    return QCoreApplication.translate("FieldNames", text) if text else field
