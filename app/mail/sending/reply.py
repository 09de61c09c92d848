"""Reply, reply all and forward: recipients, subject, threading headers and quoting.

* The subject gets one ``Re:`` or ``Fwd:``; existing prefixes (``Re:``, ``RE:``, ``回复:``,
  ``答复:``, ``Fwd:``, ``转发:``…) are folded into it, never stacked (``Re: Re: 回复: x`` → ``Re: x``).
* ``In-Reply-To`` is the original's Message-ID; ``References`` its references plus its id.
* Reply goes to Reply-To (else From); reply all adds every To and Cc, never yourself, never twice.
* The original is quoted as text (an HTML-only original reduced to text first), each line
  prefixed with ``> `` under an attribution line, which is also valid Markdown (a block quote).
"""

from __future__ import annotations

from datetime import datetime, timezone

from app.mail.reading.conversations import base_subject
from app.mail.reading.message_view import MessageView
from app.mail.sending.outgoing import Outgoing, OutgoingAttachment

_PREFIXES = ("re:", "fwd:", "fw:", "回复:", "答复:", "转发:", "aw:", "wg:", "回复：", "答复：", "转发：")


def _clean_subject(subject: str) -> str:
    """The subject without its reply/forward prefixes, original case kept."""
    text = " ".join((subject or "").split())
    base, _ = base_subject(text)
    if not base:
        return ""
    index = text.lower().rfind(base[:20].lower()) if base else -1
    return text[index:] if index >= 0 else text


def reply_subject(subject: str) -> str:
    return f"Re: {_clean_subject(subject)}".rstrip()


def forward_subject(subject: str) -> str:
    return f"Fwd: {_clean_subject(subject)}".rstrip()


def quote(view: MessageView) -> str:
    when = datetime.fromtimestamp(view.envelope.date, timezone.utc).strftime("%Y-%m-%d %H:%M")
    who = view.envelope.from_name or view.envelope.from_addr
    lines = view.text.replace("\r\n", "\n").split("\n")
    quoted = "\n".join(("> " + line) if line else ">" for line in lines)
    return f"On {when}, {who} wrote:\n\n{quoted}\n"


def reply(view: MessageView, me: tuple[str, str], everyone: bool = False) -> Outgoing:
    envelope = view.envelope
    my_addr = me[1].lower()
    to = envelope.reply_to or [(envelope.from_name, envelope.from_addr)]
    cc: list[tuple[str, str]] = []
    if everyone:
        cc = list(envelope.to) + list(envelope.cc)
    seen = {my_addr}
    unique_to = []
    for pair in to:
        if pair[1] and pair[1] not in seen:
            seen.add(pair[1])
            unique_to.append(pair)
    unique_cc = []
    for pair in cc:
        if pair[1] and pair[1] not in seen:
            seen.add(pair[1])
            unique_cc.append(pair)
    if not unique_to and envelope.to:  # replying to your own sent message: to its recipients
        unique_to = [p for p in envelope.to if p[1] != my_addr]
    references = (envelope.references.split() if envelope.references else [])
    if envelope.message_id and envelope.message_id not in references:
        references.append(envelope.message_id)
    return Outgoing(from_name=me[0], from_addr=me[1], to=unique_to, cc=unique_cc,
                    subject=reply_subject(envelope.subject), body="\n\n" + quote(view),
                    in_reply_to=envelope.message_id, references=references)


def forward(view: MessageView, me: tuple[str, str]) -> Outgoing:
    envelope = view.envelope
    when = datetime.fromtimestamp(envelope.date, timezone.utc).strftime("%Y-%m-%d %H:%M")
    header = (f"---------- Forwarded message ----------\nFrom: {envelope.from_name} <{envelope.from_addr}>\n"
              f"Date: {when}\nSubject: {envelope.subject}\n"
              f"To: {', '.join(a for _n, a in envelope.to)}\n")
    attachments = [OutgoingAttachment(a.name or "attachment", a.data(), a.content_type)
                   for a in view.attachments if not a.inline]
    return Outgoing(from_name=me[0], from_addr=me[1], to=[], subject=forward_subject(envelope.subject),
                    body=f"\n\n{header}\n{view.text}\n", attachments=attachments)
