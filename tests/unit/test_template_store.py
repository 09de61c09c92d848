"""Templates kept in the profile: added, renamed, deleted; fields checked (the Templates dialog's core)."""

from __future__ import annotations

import pytest

from app.mail.sending.templates import (TemplateNameTaken, UnknownFields, delete_template, field_names,
                                        field_token, list_templates, save_template)


def test_templates_are_added_renamed_and_deleted(store):
    first = save_template(store, "报价单", "{{ company.name }} 报价", "{{ contact.name }}您好")
    assert save_template(store, "报价单", "新的", "正文") == first  # the same name replaces
    save_template(store, "Follow-up", "Hi", "Dear {{ contact.first_name }}")
    assert save_template(store, "Quote", "Quote", "Body", uuid=first) == first  # renamed in place
    assert [(t.name, t.subject) for t in list_templates(store)] == [("Follow-up", "Hi"), ("Quote", "Quote")]
    with pytest.raises(TemplateNameTaken):
        save_template(store, "Follow-up", "x", "y", uuid=first)
    with pytest.raises(TemplateNameTaken):  # the dialog's New never replaces another template
        save_template(store, "Follow-up", "x", "y", replace=False)
    delete_template(store, first)
    assert [t.name for t in list_templates(store)] == ["Follow-up"]


def test_unknown_fields_and_empty_names_are_refused(store):
    with pytest.raises(UnknownFields) as refused:
        save_template(store, "bad", "{{ contact.nickname }}", "{{ deal.colour }}")
    assert refused.value.fields == ["contact.nickname", "deal.colour"]
    with pytest.raises(Exception, match="needs a name"):
        save_template(store, "  ", "s", "b")
    assert "contact.first_name" in field_names() and field_token("sender.name") == "{{ sender.name }}"
