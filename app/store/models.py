"""Tables of the local store.

Two kinds of data live here and are treated differently:

* **User data** (``accounts``, ``mail_pending_actions``, and later customer records, drafts
  and the outbox) is sacred: migrations carry it forward and never drop it.
* **The mail cache** (every other ``mail_*`` table) mirrors the IMAP server and can be rebuilt
  from it; a UIDVALIDITY change empties a folder's cache and fetches it again.

Timestamps are integer seconds since the epoch, UTC: compact, fast to sort and index.
"""

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Account(Base):
    """A mailbox the user reads.  Holds no secret: the password is in the keyring under ``uuid``."""

    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    name: Mapped[str] = mapped_column(String, unique=True)
    email: Mapped[str] = mapped_column(String)
    display_name: Mapped[str] = mapped_column(String, default="")
    username: Mapped[str] = mapped_column(String)
    imap_host: Mapped[str] = mapped_column(String)
    imap_port: Mapped[int] = mapped_column(Integer)
    imap_security: Mapped[str] = mapped_column(String)  # ssl | starttls | none
    smtp_host: Mapped[str] = mapped_column(String)
    smtp_port: Mapped[int] = mapped_column(Integer)
    smtp_security: Mapped[str] = mapped_column(String)
    auth_method: Mapped[str] = mapped_column(String, default="password")  # password | oauth2
    # OAuth2 accounts: provider, endpoints, client id, scopes (JSON; app.mail.accounts.oauth.config).
    # Never a token: the refresh token is in the keyring, the access token only in memory.
    oauth_config: Mapped[str | None] = mapped_column(Text, nullable=True)
    ca_file: Mapped[str | None] = mapped_column(String, nullable=True)
    tls_verify: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[int] = mapped_column(Integer)
    # How the account is kept current: push (IDLE) | 5 | 15 | 30 (minutes) | manual
    sync_mode: Mapped[str] = mapped_column(String, default="push", server_default="push")
    # The bundled sample profile's account: no server behind it, never synced.
    is_sample: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    signature: Mapped[str] = mapped_column(Text, default="", server_default="")  # Markdown


class Folder(Base):
    """One IMAP mailbox and its sync cursor (UIDVALIDITY, UIDNEXT, HIGHESTMODSEQ)."""

    __tablename__ = "mail_folders"
    __table_args__ = (UniqueConstraint("account_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String)
    delimiter: Mapped[str | None] = mapped_column(String, nullable=True)
    role: Mapped[str | None] = mapped_column(String, nullable=True)  # inbox|sent|drafts|trash|junk|archive
    selectable: Mapped[bool] = mapped_column(Boolean, default=True)
    uidvalidity: Mapped[int | None] = mapped_column(Integer, nullable=True)
    uidnext: Mapped[int | None] = mapped_column(Integer, nullable=True)
    highestmodseq: Mapped[int | None] = mapped_column(Integer, nullable=True)
    server_count: Mapped[int | None] = mapped_column(Integer, nullable=True)
    sync_state: Mapped[str] = mapped_column(String, default="new")  # new|syncing|partial|ok|error
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    last_synced_at: Mapped[int | None] = mapped_column(Integer, nullable=True)


class Message(Base):
    """The envelope of one message in one folder, decoded for display and search."""

    __tablename__ = "mail_messages"
    __table_args__ = (
        UniqueConstraint("folder_id", "uid"),
        # Covers the message list's query: a folder's visible ids in date order (migration 0005).
        Index("ix_mail_messages_folder_list", "folder_id", "moving", "date", "uid"),
        Index("ix_mail_messages_message_id", "message_id"),
        # Searches without words walk mail newest first (migration 0009).
        Index("ix_mail_messages_date", "date"),
        # Conversations read in order from the index alone: the response-time report walks
        # every conversation with a customer (migration 0014; it replaced thread_id's own index).
        Index("ix_mail_messages_thread_order", "thread_id", "date", "id", "from_addr", "message_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    folder_id: Mapped[int] = mapped_column(ForeignKey("mail_folders.id", ondelete="CASCADE"))
    uid: Mapped[int] = mapped_column(Integer)
    modseq: Mapped[int | None] = mapped_column(Integer, nullable=True)
    message_id: Mapped[str | None] = mapped_column(String, nullable=True)
    in_reply_to: Mapped[str | None] = mapped_column(String, nullable=True)
    references: Mapped[str | None] = mapped_column(Text, nullable=True)
    from_name: Mapped[str] = mapped_column(String, default="")
    from_addr: Mapped[str] = mapped_column(String, default="")
    to_list: Mapped[str] = mapped_column(Text, default="[]")  # JSON [[name, addr], ...]
    cc_list: Mapped[str] = mapped_column(Text, default="[]")
    reply_to_list: Mapped[str] = mapped_column(Text, default="[]")
    subject: Mapped[str] = mapped_column(Text, default="")
    date: Mapped[int] = mapped_column(Integer)  # Date header, INTERNALDATE when missing/broken
    internal_date: Mapped[int | None] = mapped_column(Integer, nullable=True)
    size: Mapped[int] = mapped_column(Integer, default=0)
    seen: Mapped[bool] = mapped_column(Boolean, default=False)
    flagged: Mapped[bool] = mapped_column(Boolean, default=False)
    answered: Mapped[bool] = mapped_column(Boolean, default=False)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    keywords: Mapped[str] = mapped_column(Text, default="")  # other flags, space separated
    has_attachments: Mapped[bool] = mapped_column(Boolean, default=False)
    # Set while a move of this message (to another folder, Trash, Archive) waits for the
    # server: the message is hidden from this folder, and shown again if the move is undone.
    moving: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    # The conversation (app.store.threads): the smallest message id in it; NULL until threaded.
    thread_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # What kind of automatic mail this is: "" ordinary, "auto-reply", "bounce"; NULL not yet
    # checked (rows stored before migration 0007; app.crm.automatic fills them in).
    auto_kind: Mapped[str | None] = mapped_column(String, nullable=True)


class RemoteContentSender(Base):
    """A sender whose mail may load remote images and CSS ("always for this sender").  User data."""

    __tablename__ = "remote_content_senders"

    addr: Mapped[str] = mapped_column(String, primary_key=True)  # lower-cased
    allowed_at: Mapped[int] = mapped_column(Integer)


class RecentSearch(Base):
    """A search the user ran, for the search field's history.  User data."""

    __tablename__ = "recent_searches"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    query: Mapped[str] = mapped_column(Text, unique=True)
    used_at: Mapped[int] = mapped_column(Integer)


class MessageBody(Base):
    """The raw RFC 822 bytes of a message, compressed: kept so nothing is ever lost."""

    __tablename__ = "mail_bodies"

    message_id: Mapped[int] = mapped_column(
        ForeignKey("mail_messages.id", ondelete="CASCADE"), primary_key=True
    )
    compression: Mapped[str] = mapped_column(String, default="zlib")  # zlib | none
    raw: Mapped[bytes] = mapped_column(LargeBinary)


class MessageAddress(Base):
    """Every participant of a message, one row each, for "all mail with this person"."""

    __tablename__ = "mail_addresses"
    __table_args__ = (Index("ix_mail_addresses_addr_date", "addr", "date"),
                      Index("ix_mail_addresses_domain_date", "domain", "date"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    message_id: Mapped[int] = mapped_column(
        ForeignKey("mail_messages.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String)  # from | to | cc | reply-to
    name: Mapped[str] = mapped_column(String, default="")
    addr: Mapped[str] = mapped_column(String)  # lower-cased
    domain: Mapped[str] = mapped_column(String)
    date: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # the message's date


class Attachment(Base):
    """Metadata of one attachment; the bytes stay inside the raw message."""

    __tablename__ = "mail_attachments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    message_id: Mapped[int] = mapped_column(
        ForeignKey("mail_messages.id", ondelete="CASCADE"), index=True
    )
    part_index: Mapped[int] = mapped_column(Integer)
    filename: Mapped[str] = mapped_column(String, default="")
    content_type: Mapped[str] = mapped_column(String, default="application/octet-stream")
    size: Mapped[int] = mapped_column(Integer, default=0)
    content_id: Mapped[str | None] = mapped_column(String, nullable=True)
    inline: Mapped[bool] = mapped_column(Boolean, default=False)


class OutboxMessage(Base):
    """A message the user sent: it waits here until the SMTP server has it.  User data.

    ``state``: queued → sending → sent; or failed (the server refused it for good, reason in
    ``last_error``); or unconfirmed (Liaison stopped while the server may have been accepting
    it and the message was not found in Sent: it is never re-sent without the user).
    ``phase`` says how far a send got: ``connect`` (nothing transmitted, safe to retry) or
    ``data`` (the message itself was being transmitted).
    """

    __tablename__ = "mail_outbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    message_id: Mapped[str] = mapped_column(String, index=True)  # the RFC Message-ID
    subject: Mapped[str] = mapped_column(Text, default="")
    recipients: Mapped[str] = mapped_column(Text)  # JSON addresses (To, Cc and Bcc)
    raw: Mapped[bytes] = mapped_column(LargeBinary)
    state: Mapped[str] = mapped_column(String, default="queued", index=True)
    phase: Mapped[str | None] = mapped_column(String, nullable=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[int] = mapped_column(Integer)
    sent_at: Mapped[int | None] = mapped_column(Integer, nullable=True)
    in_sent_folder: Mapped[bool] = mapped_column(Boolean, default=False)
    merge_batch: Mapped[str | None] = mapped_column(String, nullable=True, index=True)  # a mail merge


class Draft(Base):
    """A message being written, saved every few seconds so a crash loses nothing.  User data."""

    __tablename__ = "mail_drafts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    to_list: Mapped[str] = mapped_column(Text, default="")
    cc_list: Mapped[str] = mapped_column(Text, default="")
    bcc_list: Mapped[str] = mapped_column(Text, default="")
    subject: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")  # Markdown
    attachments: Mapped[str] = mapped_column(Text, default="[]")  # JSON file paths
    in_reply_to: Mapped[str | None] = mapped_column(String, nullable=True)
    references: Mapped[str | None] = mapped_column(Text, nullable=True)
    message_id: Mapped[str] = mapped_column(String)  # kept from first save to sending
    server_uid: Mapped[int | None] = mapped_column(Integer, nullable=True)  # its copy in Drafts
    updated_at: Mapped[int] = mapped_column(Integer)


class MailTemplate(Base):
    """A Markdown template with merge fields ({{ contact.first_name }}…).  User data."""

    __tablename__ = "mail_templates"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    name: Mapped[str] = mapped_column(String, unique=True)
    subject: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[int] = mapped_column(Integer)


class PendingMailAction(Base):
    """The remote half of a user action on mail, waiting to reach the server.

    The local half (the flag change in ``mail_messages``) is applied at once; this row is
    pushed at the start of the next sync and deleted when the server has it.  It is user
    intent, so it is user data: it survives restarts and is never dropped by a migration.
    """

    __tablename__ = "mail_pending_actions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    folder_name: Mapped[str] = mapped_column(String)
    uidvalidity: Mapped[int] = mapped_column(Integer)
    uid: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String)  # add_flags | remove_flags | move
    flags: Mapped[str] = mapped_column(String)  # space separated ("" for a move)
    target_folder: Mapped[str | None] = mapped_column(String, nullable=True)  # for a move
    # Set just before a push sends the action; an action in flight can no longer be cancelled
    # (undo must wait for the server's answer).  After a crash it is simply sent again.
    sent_at: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_at: Mapped[int] = mapped_column(Integer)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)


# The customer-record tables share this metadata (imported last: they refer to Base).
from app.store import automation_models, crm_models, team_models  # noqa: E402,F401
