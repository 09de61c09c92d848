"""The small error taxonomy every layer speaks (DESIGN.md practice 10).

Errors are classified where they arise (IMAP, SMTP, SQLite, keyring) into one of these
classes; the CLI and the GUI each have a single presenter that turns them into one sentence.
Anything that is *not* a ``LiaisonError`` is a bug in Liaison: it is logged with its
traceback and reported as an internal error.

**The text is made where it is shown.**  An error carries a *template* — the English source
sentence with ``{name}`` fields, which is also the msgid a translation looks up — and its
*parameters*::

    raise NetworkError("{host}:{port} refused the connection: check the port number.",
                       code="net.refused", host=host, port=port)

``error.message`` is the English sentence (for logs and the CLI); :func:`describe` makes the
sentence through a ``translate`` function (the GUI passes ``QCoreApplication.translate``), so
a translation reaches every error, stored ones included.  Formatting never raises: a missing
parameter leaves its ``{field}`` as written, an extra one is ignored, and a sentence without
parameters is taken literally (``UserFacingError("plain text")`` keeps working, braces and all).
Words that come from elsewhere — a server's reply, a file name, an address — are always
parameters, never part of the template, so they are shown as they are and never translated.

**Stored errors.**  What is kept in the database (an outbox message's reason, a refused
action, a folder's last error) is :meth:`LiaisonError.to_json` — code, template and
parameters — never a sentence; :func:`describe` renders it back, and returns the text of a
row written by an older version (plain English) as it is.  Errors that are stored get a short
explicit ``code=`` (``"smtp.refused"``), a stable identifier for scripts (``outbox list
--json`` shows it as ``error_code``); otherwise the code is the template itself.
"""

from __future__ import annotations

import json
import re
from typing import Any, Callable

Translate = Callable[[str], str]

_FIELD = re.compile(r"\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}")
_KINDS: dict[str, type] = {}


def _untranslated(text: str) -> str:
    return text


def _translated(template: str, translate: Translate) -> str:
    try:
        text = translate(template)
    except Exception:  # noqa: BLE001 - a broken catalogue must never hide the error itself
        return template
    return text if isinstance(text, str) and text else template


def visible(text: str) -> str:
    """Text with control characters written as escapes (``\\r``, ``\\n``, ``\\x1b``).

    For words from elsewhere (a host typed with a line break, a server's reply) inside a
    sentence that must stay one line on a terminal and must not carry escape sequences.
    """
    return "".join(ch if ch.isprintable() or ch == " " else repr(ch)[1:-1] for ch in text)


def render_value(value: Any, translate: Translate = _untranslated) -> str:
    """One parameter as text: errors and phrases are described, lists joined with commas."""
    if isinstance(value, Phrase):
        return describe(value, translate)
    if isinstance(value, (list, tuple, set, frozenset)):
        return ", ".join(render_value(item, translate) for item in value)
    if value is None:
        return ""
    return str(value)


def format_template(template: str, params: dict[str, Any], translate: Translate = _untranslated) -> str:
    """``template`` with its ``{name}`` fields filled in; never raises.

    Without parameters the template is returned as it is (a plain sentence may hold braces).
    With parameters, ``{{`` and ``}}`` are literal braces, a field without a parameter stays
    as written and parameters without a field are ignored.  Only plain names are fields: no
    attribute access or format specs, so a template (or a translation) cannot reach into an
    object.
    """
    if not params:
        return template

    def substitute(match: re.Match) -> str:
        token = match.group(0)
        if token == "{{":
            return "{"
        if token == "}}":
            return "}"
        name = match.group(1)
        if name not in params:
            name = name.lower()  # a translator's tool may have changed a field's case
            if name not in params:
                return token
        return render_value(params[name], translate)

    return _FIELD.sub(substitute, template)


def _encode(value: Any) -> Any:
    if isinstance(value, Phrase):
        return {"$error": value._as_dict()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_encode(item) for item in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def _decode(value: Any) -> Any:
    if isinstance(value, dict) and "$error" in value:
        return _from_dict(value["$error"])
    if isinstance(value, list):
        return [_decode(item) for item in value]
    return value


class Phrase:
    """A translatable sentence with parameters: the part an error and a piece of advice share.

    Used on its own for text that is not an error but is shown beside one (a provider's
    advice inside a login failure, for instance): pass it as a parameter and it is translated
    and filled in where the error is shown.
    """

    def __init__(self, template: str, /, *, code: str | None = None, **params: Any):
        self._setup(template, code, params)

    def _setup(self, template: Any, code: str | None, params: dict[str, Any]) -> None:
        if isinstance(template, Phrase):  # adopting another error's sentence (re-raising as another class)
            params = {**template.params, **params}
            code = code or template._code
            template = template.template
        self.template = str(template)
        self.params = dict(params)
        self._code = code

    @property
    def code(self) -> str:
        """A stable identifier: the explicit short code, or else the template itself."""
        return self._code or self.template

    @property
    def message(self) -> str:
        """The English sentence (logs, the CLI, ``str(error)``)."""
        return format_template(self.template, self.params)

    def describe(self, translate: Translate = _untranslated) -> str:
        return describe(self, translate)

    def _as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": type(self).__name__, "template": self.template,
                                "params": {k: _encode(v) for k, v in self.params.items()}}
        if self._code:
            data["code"] = self._code
        return data

    def to_json(self) -> str:
        """What is stored in the database: kind, code, template and parameters (no sentence)."""
        return json.dumps(self._as_dict(), ensure_ascii=False, sort_keys=True)

    @staticmethod
    def from_json(text: str | None) -> "Phrase | None":
        return from_json(text)

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r})"

    @property
    def key(self) -> tuple[str, str, str]:
        """What makes two of these the same to a reader (the GUI shows a repeated error once)."""
        return type(self).__name__, self.code, self.message


_KINDS["Phrase"] = Phrase


class Notice(str):
    """A sentence that is not an error — a search's warning, a problem found in an import —
    as English text (the command line prints it; code that compares text keeps working) that
    also keeps its template and parameters (``phrase``), so the window can translate it with
    :func:`describe`, like an error."""

    phrase: Phrase

    def __new__(cls, template: "str | Phrase", /, **params: Any) -> "Notice":
        phrase = template if isinstance(template, Phrase) and not params else Phrase(template, **params)
        notice = super().__new__(cls, phrase.message)
        notice.phrase = phrase
        return notice

    @staticmethod
    def of(error: BaseException) -> str:
        """An error as a problem's text: a Notice for one of ours, else its ``str``."""
        return Notice(error) if isinstance(error, Phrase) else str(error)


def _from_dict(data: dict[str, Any]) -> Phrase:
    cls = _KINDS.get(str(data.get("kind", "")), LiaisonError)
    params = {str(k): _decode(v) for k, v in (data.get("params") or {}).items()}
    template = str(data.get("template") or data.get("code") or "")
    obj = cls.__new__(cls)
    if isinstance(obj, BaseException):
        BaseException.__init__(obj, format_template(template, params))
    Phrase._setup(obj, template, data.get("code"), params)
    return obj


def from_json(text: str | None) -> Phrase | None:
    """The error kept by :meth:`Phrase.to_json`, or ``None`` for anything else (old plain text)."""
    if not text or not isinstance(text, str) or not text.lstrip().startswith("{"):
        return None
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if not isinstance(data, dict) or "template" not in data:
        return None
    return _from_dict(data)


def describe(error: Any, translate: Translate = _untranslated) -> str:
    """The sentence for ``error``, made through ``translate`` (the GUI passes Qt's translator).

    ``error`` is a :class:`LiaisonError` (or :class:`Phrase`), a stored error as read from the
    database (:meth:`~Phrase.to_json` text; plain text written by an older version is returned
    as it is), ``None`` (empty text), or any other exception (its ``str``).
    """
    if error is None:
        return ""
    if isinstance(error, str):
        restored = from_json(error)
        if restored is None:
            return error
        error = restored
    elif isinstance(error, dict) and "template" in error:
        error = _from_dict(error)
    if isinstance(error, Phrase):
        return format_template(_translated(error.template, translate), error.params, translate)
    if isinstance(error, BaseException):
        return str(error) or type(error).__name__
    return str(error)


def error_code(stored: Any) -> str | None:
    """The code of an error or a stored error; ``None`` for plain text or nothing."""
    if isinstance(stored, str):
        stored = from_json(stored)
    return stored.code if isinstance(stored, Phrase) else None


def _restore(text: str) -> Phrase | None:
    return from_json(text)


class LiaisonError(Phrase, Exception):
    """An expected failure, told to the user in one sentence.

    ``LiaisonError(template, /, code=None, **params)``: see the module docstring.
    """

    exit_code = 1

    def __init__(self, template: str, /, *, code: str | None = None, **params: Any):
        Phrase._setup(self, template, code, params)
        Exception.__init__(self, self.message)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        _KINDS[cls.__name__] = cls

    def __reduce__(self):  # errors cross process boundaries (search workers) with their params
        return _restore, (self.to_json(),)

    __str__ = Phrase.__str__


_KINDS["LiaisonError"] = LiaisonError


class UserFacingError(LiaisonError):
    """Bad input or a request that cannot be done (unknown account, bad option...)."""

    exit_code = 2


class InvalidValue(UserFacingError):
    """A value a record or a message cannot hold, with the reason in words."""


class Cancelled(LiaisonError):
    """The user stopped the operation; nothing to report."""

    exit_code = 130

    def __init__(self, template: str = "Cancelled.", /, *, code: str | None = None, **params: Any):
        super().__init__(template, code=code, **params)


class AuthError(LiaisonError):
    """The server refused the credentials, or none are stored: ask for the password again.

    ``server_text`` (the ``reply`` parameter) keeps the server's own words, which tell "wrong
    password" apart from "IMAP is switched off" or "an app password is required".  An error
    raised where the account is known carries ``account_id`` (and ``account``, its name), so
    the GUI can ask for that account's password; ``missing`` says no password is stored at
    all (the CLI then names the command that stores one).
    """

    exit_code = 3

    def __init__(self, template: str, /, server_text: str = "", *, code: str | None = None, **params: Any):
        if server_text and "reply" not in params:
            params["reply"] = server_text
        super().__init__(template, code=code, **params)

    @property
    def server_text(self) -> str:
        return str(self.params.get("reply") or "")

    @property
    def account_id(self) -> int | None:
        value = self.params.get("account_id")
        return int(value) if isinstance(value, int) or (isinstance(value, str) and value.isdigit()) else None

    @property
    def missing(self) -> bool:
        return bool(self.params.get("missing"))


class NetworkError(LiaisonError):
    """The server could not be reached, or the connection dropped."""

    exit_code = 4


class TlsError(NetworkError):
    """TLS could not be established or the certificate could not be verified."""

    exit_code = 5


class ServerError(LiaisonError):
    """The server answered, but refused or failed the command."""

    exit_code = 6


class KeyringUnavailable(LiaisonError):
    """No secure password store is usable on this machine."""

    exit_code = 7


class SecretsLocked(LiaisonError):
    """The encrypted secrets file cannot be used now: locked, no primary password yet, a wrong
    primary password, or a damaged file (codes ``secrets.locked``, ``secrets.no_primary_password``,
    ``secrets.wrong_password``, ``secrets.damaged``)."""

    exit_code = 7


class StoreError(LiaisonError):
    """The local database cannot be used (too new, corrupt, disk full...)."""

    exit_code = 8


class Busy(LiaisonError):
    """Another Liaison process is already doing this (a sync of the same account)."""

    exit_code = 9


class OAuthSignInNeeded(AuthError):
    """An OAuth2 account must be signed in again in the browser (no password can help).

    Codes: ``auth.oauth_revoked`` (the provider answered ``invalid_grant``: the grant was
    revoked, expired or the password changed) and ``auth.oauth_missing`` (no refresh token is
    stored for the account).  The window offers "Sign In Again…"; the CLI names
    ``account sign-in``.
    """


def oauth_revoked(account: str, account_id: int | None = None, reply: str = "") -> OAuthSignInNeeded:
    """The provider no longer accepts the account's sign-in: one sentence, sign in again."""
    return OAuthSignInNeeded("The sign-in for {account} has expired or was revoked; sign in again.", reply,
                             code="auth.oauth_revoked", account=account, account_id=account_id)


def oauth_missing(account: str, account_id: int | None = None) -> OAuthSignInNeeded:
    """No refresh token is stored for an OAuth2 account (a new keyring, a restored profile)."""
    return OAuthSignInNeeded("{account} is not signed in on this computer; sign in again.",
                             code="auth.oauth_missing", account=account, account_id=account_id)
