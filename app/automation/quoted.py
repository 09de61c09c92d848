"""A reply's own words: the quoted message under it left out, so a rule looking for 投诉 in a
body does not fire again on every reply that quotes the first complaint."""

from __future__ import annotations

import re

# Where the quoted original starts, as mail clients write it: "On … wrote:", Outlook's
# "-----Original Message-----" and "From: … Sent:" block, Foxmail/QQ "------------------ 原始邮件
# ------------------", NetEase and others' "在 …写道：", Gmail's Chinese "于…写道：".
_QUOTE_START = re.compile(
    r"^(\s*On .{1,200} wrote:\s*$"
    r"|\s*-{2,}\s*(Original Message|Forwarded message|原始邮件|原始郵件|转发邮件)\s*-{2,}"
    r"|\s*(From|发件人|寄件者)\s*[:：].*$"
    r"|.{0,200}(写道|寫道)\s*[:：]\s*$)",
    re.IGNORECASE)


def without_quoted(text: str) -> str:
    """The text down to where the quote begins, lines starting with '>' dropped."""
    kept: list[str] = []
    for line in text.splitlines():
        if _QUOTE_START.match(line):
            break
        if line.lstrip().startswith(">"):
            continue
        kept.append(line)
    return "\n".join(kept).strip()
