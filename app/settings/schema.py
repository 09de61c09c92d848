"""Every setting of Liaison, declared once (no Qt).

A :class:`Setting` says what a setting is: its key, type, default, English label and help
(translated by the window in the ``settings`` context), its **scope** — where its value lives —
and the section of the Settings window it belongs to.  The Settings window, the CLI
(``settings show`` / ``settings set``) and every reader go through this one list;
:mod:`app.settings.values` reads and writes the values.

Scopes:

* ``machine``: this computer's user, every profile (a JSON file in the platform's config
  folder, :mod:`app.settings.machine`);
* ``profile``: one profile's database (the ``crm_settings`` key/value table, JSON values;
  the keys of earlier versions keep their meaning, so old profiles keep their values);
* ``account``: one mail account (a column of ``accounts``).

A machine-wide policy (IT presetting or locking a setting) applies to a key whatever its
scope; :func:`app.settings.values.effective` is where it does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from app.settings import checks
from app.settings.checks import (
    NOT_A_CHOICE,
    NOT_A_LIST,
    NOT_A_NUMBER,
    NOT_TEXT,
    NOT_YES_NO,
    ONE_LINE,
    OUT_OF_RANGE,
    QT_TRANSLATE_NOOP,
    InvalidSetting,
    UnknownSetting,
)

# Types
BOOL, INT, TEXT, MARKDOWN, CHOICE, LIST = "bool", "int", "text", "markdown", "choice", "list"
TYPES = (BOOL, INT, TEXT, MARKDOWN, CHOICE, LIST)

# Scopes
MACHINE, PROFILE, ACCOUNT = "machine", "profile", "account"
SCOPES = (MACHINE, PROFILE, ACCOUNT)

# Sections of the Settings window, in order, with their English titles
ACCOUNTS, READING, CUSTOMERS, TEAM, SEARCH, GENERAL = "accounts", "reading", "customers", "team", "search", "general"
SECTIONS = {
    ACCOUNTS: QT_TRANSLATE_NOOP("settings", "Accounts"),
    READING: QT_TRANSLATE_NOOP("settings", "Reading"),
    CUSTOMERS: QT_TRANSLATE_NOOP("settings", "Customers"),
    SEARCH: QT_TRANSLATE_NOOP("settings", "Search"),
    TEAM: QT_TRANSLATE_NOOP("settings", "Team"),
    GENERAL: QT_TRANSLATE_NOOP("settings", "General"),
}

_TRUE = {"true", "yes", "on", "1", "y"}
_FALSE = {"false", "no", "off", "0", "n"}


@dataclass(frozen=True)
class Setting:
    """One setting.  ``validate(value, key)`` checks one value (one item of a list) and returns
    it as stored; ``choices`` are ``(value, English label)`` pairs."""

    key: str
    type: str
    default: Any
    label: str
    help: str
    scope: str
    section: str
    choices: tuple[tuple[str, str], ...] | None = None
    validate: Callable[[Any, str], Any] | None = None
    placeholder: str = ""  # an example value for an empty field or a list's "add" field
    minimum: int | None = None  # int only
    maximum: int | None = None
    sort_items: bool = False  # list only: kept sorted (domain lists) rather than in the order added
    # Security settings only: the value a machine policy locks in when IT wrote a policy file
    # that cannot be read, or an entry for this key that is broken ("fail closed", see
    # app.settings.policy_file).  None: a broken policy leaves the setting alone.
    fail_closed: Any = None

    def __post_init__(self) -> None:
        assert self.type in TYPES and self.scope in SCOPES and self.section in SECTIONS, self.key
        assert (self.type == CHOICE) == (self.choices is not None), self.key

    @property
    def choice_values(self) -> tuple[str, ...]:
        return tuple(value for value, _label in self.choices or ())

    def check(self, value: Any) -> Any:
        """``value`` as it is stored, or :class:`InvalidSetting` saying why it cannot be."""
        key = self.key
        if self.type == BOOL:
            if not isinstance(value, bool):
                raise InvalidSetting(NOT_YES_NO, key=key, code="settings.not_yes_no", value=value)
            return value
        if self.type == INT:
            if isinstance(value, bool) or not isinstance(value, int):
                raise InvalidSetting(NOT_A_NUMBER, key=key, code="settings.not_a_number", value=value)
            low = self.minimum if self.minimum is not None else -(2 ** 63)
            high = self.maximum if self.maximum is not None else 2 ** 63 - 1
            if not low <= value <= high:
                raise InvalidSetting(OUT_OF_RANGE, key=key, code="settings.out_of_range", low=low, high=high)
            return self.validate(value, key) if self.validate else value
        if self.type == LIST:
            if isinstance(value, str) or not isinstance(value, (list, tuple)):
                raise InvalidSetting(NOT_A_LIST, key=key, code="settings.not_a_list", value=type(value).__name__)
            items: list = []
            for item in value:
                text = str(item).strip()
                if not text:
                    continue
                text = self.validate(text, key) if self.validate else text
                if text not in items:
                    items.append(text)
            return sorted(items) if self.sort_items else items
        if not isinstance(value, str):
            raise InvalidSetting(NOT_TEXT, key=key, code="settings.not_text", value=type(value).__name__)
        if self.type == CHOICE:
            if value not in self.choice_values:
                raise InvalidSetting(NOT_A_CHOICE, key=key, code="settings.not_a_choice", value=value,
                                     choices=list(self.choice_values))
            return value
        if self.type == TEXT:
            value = value.strip()
            if "\n" in value or "\r" in value:
                raise InvalidSetting(ONE_LINE, key=key, code="settings.one_line")
        else:  # MARKDOWN: several lines, trailing blanks dropped
            value = "\n".join(line.rstrip() for line in value.replace("\r\n", "\n").split("\n")).strip("\n")
        return self.validate(value, key) if self.validate else value

    def parse(self, text: str) -> Any:
        """A value typed on the command line: lists comma-separated, yes/no for a switch."""
        if self.type == BOOL:
            word = text.strip().lower()
            if word in _TRUE:
                return True
            if word in _FALSE:
                return False
            raise InvalidSetting(NOT_YES_NO, key=self.key, code="settings.not_yes_no", value=text)
        if self.type == INT:
            try:
                return int(text.strip())
            except ValueError:
                raise InvalidSetting(NOT_A_NUMBER, key=self.key, code="settings.not_a_number", value=text) from None
        if self.type == LIST:
            return [item.strip() for item in text.replace("，", ",").split(",") if item.strip()]
        if self.type == MARKDOWN:
            return text.replace("\\n", "\n")
        return text

    def format(self, value: Any) -> str:
        """A value as one line of text (``settings show``)."""
        if self.type == BOOL:
            return "true" if value else "false"
        if self.type == LIST:
            return ", ".join(str(item) for item in value)
        if self.type == MARKDOWN:
            return str(value).replace("\n", "\\n")
        return str(value)


# -- the settings --------------------------------------------------------------------------
DEFAULT_FREE_MAIL = (
    "qq.com", "foxmail.com", "vip.qq.com", "163.com", "126.com", "yeah.net", "vip.163.com", "188.com",
    "sina.com", "sina.cn", "sohu.com", "139.com", "aliyun.com", "tom.com", "21cn.com",
    "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "yahoo.com",
    "yahoo.co.jp", "icloud.com", "me.com", "mac.com", "aol.com", "gmx.de", "gmx.net", "web.de",
    "mail.ru", "yandex.ru", "proton.me", "protonmail.com", "zoho.com", "naver.com", "daum.net",
)
SYNC_CHOICES = (
    ("push", QT_TRANSLATE_NOOP("settings", "As soon as it arrives (push)")),
    ("5", QT_TRANSLATE_NOOP("settings", "Every 5 minutes")),
    ("15", QT_TRANSLATE_NOOP("settings", "Every 15 minutes")),
    ("30", QT_TRANSLATE_NOOP("settings", "Every 30 minutes")),
    ("manual", QT_TRANSLATE_NOOP("settings", "Only when I click Sync")),
)

# The languages of the interface; each language is named in its own words, so that someone
# who cannot read the current one still finds theirs.
LANGUAGES = (
    ("system", QT_TRANSLATE_NOOP("settings", "Same as the system")),
    ("en", QT_TRANSLATE_NOOP("settings", "English")),
    ("zh_CN", QT_TRANSLATE_NOOP("settings", "简体中文")),
)

SCHEMA: tuple[Setting, ...] = (
    # Accounts -------------------------------------------------------------------------
    Setting("display_name", TEXT, "",
            QT_TRANSLATE_NOOP("settings", "Your name"),
            QT_TRANSLATE_NOOP("settings", "The name people see beside your address in mail you send."),
            ACCOUNT, ACCOUNTS, placeholder=QT_TRANSLATE_NOOP("settings", "e.g. Wang Fang")),
    Setting("signature", MARKDOWN, "",
            QT_TRANSLATE_NOOP("settings", "Signature"),
            QT_TRANSLATE_NOOP("settings", "Added below new messages, after a “-- ” line. Markdown works here: "
                                          "**bold**, *italic*, [a link](https://example.com)."),
            ACCOUNT, ACCOUNTS),
    Setting("sync_mode", CHOICE, "push",
            QT_TRANSLATE_NOOP("settings", "Check for new mail"),
            QT_TRANSLATE_NOOP("settings", "Push keeps a connection open and shows new mail at once; the other "
                                          "choices check on a schedule."),
            ACCOUNT, ACCOUNTS, choices=SYNC_CHOICES),
    # Asked wherever a connection is opened (app.settings.guards), not only when an account is
    # added: an account set up before IT turned it off is refused too.
    Setting("allow_plaintext_mail", BOOL, True,
            QT_TRANSLATE_NOOP("settings", "Allow accounts without encryption"),
            QT_TRANSLATE_NOOP("settings", "An account whose security is “none” sends your password and mail "
                                          "unencrypted. When this is off, such accounts can be neither added "
                                          "nor used."),
            MACHINE, ACCOUNTS, fail_closed=False),
    # OAuth2 sign-in (app.mail.accounts.oauth): the client ids registered with each provider.
    # Empty by default: IT presets them by policy; with none, the sign-in button says so.
    Setting("oauth_client_id_google", TEXT, "",
            QT_TRANSLATE_NOOP("settings", "Google sign-in client id"),
            QT_TRANSLATE_NOOP("settings", "The OAuth2 client id (a desktop app) your organisation registered with "
                                          "Google. Without it, Gmail accounts sign in with an app password."),
            MACHINE, ACCOUNTS, placeholder="1234-abc.apps.googleusercontent.com"),
    Setting("oauth_client_secret_google", TEXT, "",
            QT_TRANSLATE_NOOP("settings", "Google sign-in client secret"),
            QT_TRANSLATE_NOOP("settings", "The client secret Google issues with a desktop app's client id. For "
                                          "desktop apps Google does not treat it as confidential."),
            MACHINE, ACCOUNTS),
    Setting("oauth_client_id_microsoft", TEXT, "",
            QT_TRANSLATE_NOOP("settings", "Microsoft sign-in client id"),
            QT_TRANSLATE_NOOP("settings", "The application (client) id your organisation registered in Microsoft "
                                          "Entra ID for Outlook.com and Microsoft 365 mailboxes."),
            MACHINE, ACCOUNTS, placeholder="00000000-0000-0000-0000-000000000000"),
    # Reading --------------------------------------------------------------------------
    Setting("remote_content", CHOICE, "never",
            QT_TRANSLATE_NOOP("settings", "Load remote images and styles"),
            QT_TRANSLATE_NOOP("settings", "A remote image works like a read receipt: loading it tells the sender "
                                          "when and where you opened the message. Each message still offers to "
                                          "load them, and mail from the senders you trust loads them."),
            MACHINE, READING,
            choices=(("never", QT_TRANSLATE_NOOP("settings", "Never automatically — no read receipts (recommended)")),
                     ("always", QT_TRANSLATE_NOOP("settings", "Always — senders can see when you read")))),
    Setting("trusted_senders", LIST, [],
            QT_TRANSLATE_NOOP("settings", "Senders you trust"),
            QT_TRANSLATE_NOOP("settings", "Mail from these addresses loads remote images by itself. A message from "
                                          "anyone else offers “Always for this sender”."),
            PROFILE, READING, validate=checks.address, placeholder="name@example.com", sort_items=True),
    # Customers ------------------------------------------------------------------------
    Setting("free_mail_domains", LIST, sorted(DEFAULT_FREE_MAIL),
            QT_TRANSLATE_NOOP("settings", "Free-mail domains"),
            QT_TRANSLATE_NOOP("settings", "An address at one of these never names a company: someone writing "
                                          "from qq.com or gmail.com could work anywhere."),
            PROFILE, CUSTOMERS, validate=checks.domain, placeholder="example.com", sort_items=True),
    Setting("internal_domains", LIST, [],
            QT_TRANSLATE_NOOP("settings", "Your company's domains"),
            QT_TRANSLATE_NOOP("settings", "People at these domains are your colleagues, not customers. When the "
                                          "list is empty, the domains of your account addresses count, except "
                                          "free-mail domains."),
            PROFILE, CUSTOMERS, validate=checks.domain, placeholder="example.com", sort_items=True),
    Setting("ignored_senders", LIST, [],
            QT_TRANSLATE_NOOP("settings", "Senders never suggested as customers"),
            QT_TRANSLATE_NOOP("settings", "Left out of Unknown senders. “Ignore” in that list adds a sender here."),
            PROFILE, CUSTOMERS, validate=checks.address, placeholder="name@example.com", sort_items=True),
    Setting("default_country", TEXT, "CN",
            QT_TRANSLATE_NOOP("settings", "Country of phone numbers"),
            QT_TRANSLATE_NOOP("settings", "A phone number written without a country code is read as a number of "
                                          "this country. Two letters: CN, DE, SG…"),
            PROFILE, CUSTOMERS, validate=checks.country_code, placeholder="CN"),
    Setting("default_currency", TEXT, "CNY",
            QT_TRANSLATE_NOOP("settings", "Currency of new deals"),
            QT_TRANSLATE_NOOP("settings", "Used when a new deal names no currency. Three letters: CNY, EUR, USD…"),
            PROFILE, CUSTOMERS, validate=checks.currency_code, placeholder="CNY"),
    Setting("allow_export", BOOL, True,
            QT_TRANSLATE_NOOP("settings", "Allow exporting customer data"),
            QT_TRANSLATE_NOOP("settings", "Contacts as vCard, a customer's complete data, and reports as CSV, "
                                          "Excel or PDF. When this is off, none of them can be written to a file."),
            MACHINE, CUSTOMERS, fail_closed=False),
    # Team -----------------------------------------------------------------------------
    Setting("team_server_url", TEXT, "",
            QT_TRANSLATE_NOOP("settings", "Team server"),
            QT_TRANSLATE_NOOP("settings", "The address signing in uses when none is given. When your "
                                          "organisation sets it, only this server can be used."),
            MACHINE, TEAM, validate=checks.server_url, placeholder="https://liaison.example.com"),
    # Search ---------------------------------------------------------------------------
    Setting("remember_searches", BOOL, True,
            QT_TRANSLATE_NOOP("settings", "Remember recent searches"),
            QT_TRANSLATE_NOOP("settings", "The search field offers your last searches again. They are kept in this "
                                          "profile only."),
            PROFILE, SEARCH),
    # General --------------------------------------------------------------------------
    # Read once at start-up, before any profile is open (app.ui.translations): a machine
    # setting, since the window's words are chosen before a profile's database is.
    Setting("language", CHOICE, "system",
            QT_TRANSLATE_NOOP("settings", "Language"),
            QT_TRANSLATE_NOOP("settings", "The language of menus, buttons, messages and dates. "
                                          "A change takes effect the next time Liaison starts."),
            MACHINE, GENERAL, choices=LANGUAGES),
    # Read by app.secrets.SecretStore for every secret; "auto" keeps an existing secrets file in
    # use until `secrets move-to-keyring` empties it, so no stored password is ever hidden.
    Setting("secrets_store", CHOICE, "auto",
            QT_TRANSLATE_NOOP("settings", "Where passwords are kept"),
            QT_TRANSLATE_NOOP("settings", "The system keyring when one works; otherwise an encrypted file, "
                                          "unlocked once per session by your primary password. Passwords are "
                                          "never stored unencrypted."),
            MACHINE, GENERAL,
            choices=(("auto", QT_TRANSLATE_NOOP("settings", "Automatic: the system keyring, or the encrypted file "
                                                            "when there is none")),
                     ("keyring", QT_TRANSLATE_NOOP("settings", "The system keyring only")),
                     ("file", QT_TRANSLATE_NOOP("settings", "The encrypted file (primary password)")))),
    # Read when a profile is opened (app.profile): a new profile is created encrypted, a plain
    # one is converted.  Turning it off never decrypts an encrypted profile.
    Setting("encrypt_profile", BOOL, True,
            QT_TRANSLATE_NOOP("settings", "Encrypt the profile"),
            QT_TRANSLATE_NOOP("settings", "Keeps your mail, customers and search index encrypted on this computer "
                                          "(AES-256), under a key kept where your passwords are. A profile that is not "
                                          "encrypted yet is converted the next time Liaison starts."),
            MACHINE, GENERAL, fail_closed=True),
)

assert len({s.key for s in SCHEMA}) == len(SCHEMA), "a key is declared twice"

UNKNOWN_KEY = QT_TRANSLATE_NOOP("errors", "There is no setting called '{key}' (settings show lists them).")


def setting(key: str) -> Setting:
    """The setting called ``key``; :class:`UnknownSetting` when there is none."""
    for found in SCHEMA:
        if found.key == key:
            return found
    raise UnknownSetting(UNKNOWN_KEY, code="settings.unknown", key=key)


def in_section(section: str) -> list[Setting]:
    return [s for s in SCHEMA if s.section == section]
