"""Errors carry a template and parameters; the text is made where it is shown, so a translation
reaches every error, stored ones included; and the crash report's scrubber keeps secrets out."""

from __future__ import annotations

import json
import pickle
import re
import sqlite3
import ssl

import pytest

from app.errors import (
    AuthError,
    Cancelled,
    LiaisonError,
    NetworkError,
    Phrase,
    ServerError,
    StoreError,
    TlsError,
    UserFacingError,
    describe,
    error_code,
    format_template,
    from_json,
)


def shout(template: str) -> str:
    """A fake translation: upper-cases the sentence and leaves its ``{fields}`` alone."""
    return re.sub(r"(\{[^}]*\})|([^{]+)", lambda m: m.group(1) or m.group(2).upper(), template)


def test_a_template_with_parameters_makes_the_english_message():
    error = NetworkError("{host}:{port} refused the connection: check the port number.",
                         code="net.refused", host="imap.example.com", port=993)
    assert error.message == str(error) == "imap.example.com:993 refused the connection: check the port number."
    assert error.code == "net.refused"
    assert error.params == {"host": "imap.example.com", "port": 993}
    assert error.template.startswith("{host}:{port} refused")


def test_the_code_is_the_template_unless_a_short_one_is_given():
    assert UserFacingError("No account named {name}.", name="x").code == "No account named {name}."


def test_plain_sentences_keep_working_braces_and_all():
    error = UserFacingError("Unknown field {custom.level} in the CSV")
    assert str(error) == "Unknown field {custom.level} in the CSV"
    assert error.params == {} and error.exit_code == 2
    assert describe(error, shout) == "UNKNOWN FIELD {custom.level} IN THE CSV"
    assert isinstance(error, LiaisonError) and isinstance(error, Exception)


def test_formatting_never_raises_on_missing_extra_or_odd_fields():
    assert format_template("{a} and {missing}", {"a": 1, "extra": 2}) == "1 and {missing}"
    assert format_template("literal {{braces}} and {a}", {"a": "x"}) == "literal {braces} and x"
    assert format_template("{a.attr} {0} {a!r} {", {"a": "x"}) == "{a.attr} {0} {a!r} {"
    assert str(LiaisonError("{x:>{y}}", x=1)) == "{x:>{y}}"
    assert format_template("{HOST}", {"host": "h"}) == "h"  # a tool changed the field's case


def test_describe_translates_the_template_then_fills_in_the_parameters():
    error = ServerError("The server {host} refused a command: {reply}", host="imap.qq.com",
                        reply="[ALERT] Please login with authorization code")
    assert describe(error, shout) == ("THE SERVER imap.qq.com REFUSED A COMMAND: "
                                      "[ALERT] Please login with authorization code")
    assert describe(error) == error.message


def test_parameters_that_are_errors_phrases_or_lists_are_rendered_and_translated_too():
    inner = [LiaisonError("{address} ({reply_code} {reply})", address="a@x.org", reply_code=550,
                          reply="No such user"), LiaisonError("{address} refused", address="b@x.org")]
    error = LiaisonError("The server refused the recipients: {recipients}. {advice}", recipients=inner,
                         advice=Phrase("Check the addresses."))
    assert error.message == ("The server refused the recipients: a@x.org (550 No such user), b@x.org refused. "
                             "Check the addresses.")
    assert describe(error, shout) == ("THE SERVER REFUSED THE RECIPIENTS: a@x.org (550 No such user), "
                                      "b@x.org REFUSED. CHECK THE ADDRESSES.")


def test_a_broken_translator_never_hides_the_error():
    def broken(_text):
        raise RuntimeError("catalogue missing")

    error = LiaisonError("Disk {path} is full.", path="/tmp")
    assert describe(error, broken) == "Disk /tmp is full."
    assert describe(error, lambda _t: "") == "Disk /tmp is full."


def test_stored_errors_round_trip_with_class_code_and_parameters():
    error = AuthError("{host} rejected the password ({reply}).", "535 5.7.8 bad credentials",
                      code="smtp.auth", host="smtp.qq.com")
    stored = error.to_json()
    data = json.loads(stored)
    assert data["code"] == "smtp.auth" and data["params"]["host"] == "smtp.qq.com"
    assert "rejected the password (535" not in stored  # parameters, not a sentence
    back = from_json(stored)
    assert type(back) is AuthError and back.server_text == "535 5.7.8 bad credentials"
    assert back.message == error.message and back.code == "smtp.auth" and back.exit_code == 3
    assert error_code(stored) == "smtp.auth"
    assert describe(stored, shout) == "{HOST} REJECTED THE PASSWORD ({REPLY}).".replace(
        "{HOST}", "smtp.qq.com").replace("{REPLY}", "535 5.7.8 bad credentials")


def test_nested_errors_survive_storage():
    error = TlsError("Not secure. {detail}", code="setup.tls",
                     detail=TlsError("The certificate of {host} could not be verified.", host="h"))
    back = from_json(error.to_json())
    assert isinstance(back.params["detail"], TlsError)
    assert describe(back, shout) == "NOT SECURE. THE CERTIFICATE OF h COULD NOT BE VERIFIED."


def test_plain_text_from_older_versions_is_shown_as_it_is():
    old = "The server smtp.example.com answered 550: mailbox unavailable"
    assert from_json(old) is None and error_code(old) is None
    assert describe(old, shout) == old
    assert describe("{not json", shout) == "{not json"
    assert describe('{"some": "other json"}', shout) == '{"some": "other json"}'
    assert describe(None) == "" and describe("") == ""


def test_other_exceptions_are_described_by_their_text():
    assert describe(ValueError("boom")) == "boom"
    assert describe(KeyError()) == "KeyError"


def test_errors_pickle_with_their_parameters():
    error = StoreError("The local database failed: {reply}", code="db.failed", reply="disk I/O error")
    back = pickle.loads(pickle.dumps(error))
    assert type(back) is StoreError and back.params == error.params and back.code == "db.failed"


def test_auth_error_knows_its_account_and_whether_the_password_is_missing():
    from app.mail.accounts.credential import credential_for

    account = type("A", (), {"uuid": "u-1", "name": "Work", "id": 7})()
    with pytest.raises(AuthError) as caught:
        credential_for(account)
    error = caught.value
    assert error.message == "No password is stored for Work."
    assert "liaison" not in error.message and "--password-stdin" not in error.message
    assert error.missing and error.account_id == 7
    assert Cancelled().exit_code == 130


def test_the_cli_adds_its_own_hint_line_for_a_missing_password():
    from app.cli.runner import error_lines

    missing = AuthError("No password is stored for {account}.", account="My Work", missing=True)
    assert error_lines(missing) == ["liaison: No password is stored for My Work.",
                                    "run: liaison account set-password 'My Work' --password-stdin"]
    refused = AuthError("{host} rejected it ({reply}).", "NO [AUTHENTICATIONFAILED]", host="h")
    assert error_lines(refused) == ["liaison: h rejected it (NO [AUTHENTICATIONFAILED])."]


def test_imap_errors_are_templates_with_the_servers_words_as_a_parameter():
    import imaplib

    from app.mail.imap.session import ImapSettings, imap_errors

    settings = ImapSettings("imap.example.com", 993, "ssl", "me")
    with pytest.raises(ServerError) as caught:
        with imap_errors(settings):
            raise imaplib.IMAP4.error("b'[CANNOT] Mailbox is locked'")
    assert caught.value.params["reply"] == "[CANNOT] Mailbox is locked"
    assert "Mailbox is locked" not in caught.value.template
    with pytest.raises(TlsError) as caught:
        with imap_errors(settings):
            raise ssl.SSLCertVerificationError("certificate verify failed")
    assert caught.value.code == "imap.tls_untrusted" and "--ca-file" not in caught.value.message


def test_smtp_refusals_keep_the_reply_out_of_the_template():
    import smtplib

    from app.mail.sending.smtp_send import PermanentFailure, SmtpSettings, smtp_errors

    settings = SmtpSettings("smtp.example.com", 587, "starttls", "me")
    with pytest.raises(PermanentFailure) as caught:
        with smtp_errors(settings):
            raise smtplib.SMTPRecipientsRefused({"nobody@example.org": (550, b"5.1.1 No such user here")})
    error = caught.value
    assert error.code == "smtp.recipients_refused"
    assert error.message == "The server refused the recipients: nobody@example.org (550 5.1.1 No such user here)."
    assert "No such user" not in error.template
    assert describe(from_json(error.to_json()), shout).startswith("THE SERVER REFUSED THE RECIPIENTS: nobody@")


def test_sqlite_errors_are_classified_with_codes():
    from sqlalchemy.exc import OperationalError

    from app.store.database import classify_sqlite_error

    def classify(text):
        return classify_sqlite_error(OperationalError("stmt", {}, sqlite3.OperationalError(text)))

    assert classify("database or disk is full").code == "db.disk_full"
    assert classify("database is locked").code == "db.busy"
    odd = classify("no such table: x")
    assert odd.code == "db.failed" and odd.params["reply"] == "no such table: x"


def test_account_setup_explanations_translate_the_providers_advice():
    from app.mail.accounts.providers import provider_by_key
    from app.mail.accounts.setup import explain

    wrong = AuthError("rejected", server_text="[AUTHENTICATIONFAILED] Invalid credentials")
    explained = explain(wrong, provider_by_key("qq"))
    assert isinstance(explained, AuthError) and explained.code == "setup.password"
    assert explained.server_text == "[AUTHENTICATIONFAILED] Invalid credentials"
    assert "QQ MAIL NEEDS AN AUTHORISATION CODE" in describe(explained, shout)
    tls = explain(TlsError("The certificate of {host} could not be verified.", host="h"), None)
    assert describe(tls, shout).endswith("THE CERTIFICATE OF h COULD NOT BE VERIFIED.")


# -- stored outbox reasons ------------------------------------------------------------------

@pytest.fixture
def queued(store):
    """An account whose SMTP port refuses connections, and one message in its outbox."""
    from app.mail.sending.outbox import enqueue
    from app.mail.sending.outgoing import Outgoing
    from app.store.accounts import NewAccount, create_account
    from tests.support.ports import free_port

    account = create_account(store, NewAccount("work", "me@example.com", "127.0.0.1", 993, "ssl",
                                               "127.0.0.1", free_port(), "none"))
    enqueue(store, account, Outgoing("Me", "me@example.com", [("", "x@example.org")], "hello", "body"))
    return account


def test_a_stored_outbox_reason_is_code_and_parameters_and_is_translated_where_shown(store, queued):
    from app.mail.imap.session import PasswordCredential
    from app.mail.sending.outbox import deliver_due, list_outbox

    counts = deliver_due(store, queued, PasswordCredential("pw"))
    assert counts["queued"] == 1
    with store.read() as session:
        stored = session.execute(__import__("sqlalchemy").text("SELECT last_error FROM mail_outbox")).scalar()
    data = json.loads(stored)  # not an English sentence
    assert data["code"] == "smtp.refused_connection" and data["params"]["host"] == "127.0.0.1"
    (info,) = list_outbox(store)
    port = data["params"]["port"]
    assert info.error_text() == f"127.0.0.1:{port} refused the connection: check the port number."
    assert info.error_text(shout) == f"127.0.0.1:{port} REFUSED THE CONNECTION: CHECK THE PORT NUMBER."
    entry = info.as_json()
    assert entry["error"] == info.error_text() and entry["error_code"] == "smtp.refused_connection"


def test_an_outbox_reason_written_by_an_older_version_is_shown_as_it_is(store, queued):
    from sqlalchemy import update

    from app.mail.sending.outbox import list_outbox
    from app.store.models import OutboxMessage

    old = "The server smtp.example.com answered 452: mailbox full (it will be tried again)"
    def write_old_row():
        with store.write() as session:
            session.execute(update(OutboxMessage).values(last_error=old))

    store.writer.call(write_old_row)
    (info,) = list_outbox(store)
    assert info.error_text(shout) == old and info.error_code is None
    assert info.as_json()["error"] == old


# -- the crash report's scrubber ------------------------------------------------------------

@pytest.mark.parametrize("line, secret", [
    ("imaplib > b'a001 LOGIN sales \"hunter2-secret\"'", "hunter2-secret"),
    ("send: 'AUTH PLAIN AHNhbGVzAGh1bnRlcjI='", "AHNhbGVzAGh1bnRlcjI="),
    ("a002 AUTHENTICATE XOAUTH2 dXNlcj1zYWxlcwFhdXRoPUJlYXJlciB5YTI5", "dXNlcj1zYWxlcwFhdXRo"),
    ("connect(host='x', password='hunter2-secret')", "hunter2-secret"),
    ("config: password=hunter2-secret port=993", "hunter2-secret"),
    ("Authorization: Bearer ya29.a0AfH6SMBx", "ya29.a0AfH6SMBx"),
    ("fetching https://sales:hunter2-secret@example.com/config", "hunter2-secret"),
    ('{"access_token": "ya29.tok3n", "expires_in": 3599}', "ya29.tok3n"),
    ("token: 0123456789abcdef", "0123456789abcdef"),
])
def test_the_scrubber_removes_credentials(line, secret):
    from app.ui.crash_handling import scrub_secrets

    scrubbed = scrub_secrets(f"before\n{line}\nafter")
    assert secret not in scrubbed
    assert "[removed]" in scrubbed and scrubbed.startswith("before\n") and scrubbed.endswith("\nafter")


def test_the_scrubber_keeps_ordinary_lines():
    from app.ui.crash_handling import scrub_secrets

    text = ('Traceback (most recent call last):\n  File "app/ui/x.py", line 3, in _login\n'
            "ValueError: the folder INBOX has 3 messages")
    assert scrub_secrets(text) == text
