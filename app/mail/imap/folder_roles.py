"""Which folder is the Inbox, Sent, Drafts, Trash, Junk or Archive.

RFC 6154 SPECIAL-USE flags win.  Many servers this client must serve (QQ, 163/126, Aliyun,
Exmail, older corporate servers) send none, so well-known names are recognised too, in
English and Chinese.
"""

from __future__ import annotations

ROLES = ("inbox", "sent", "drafts", "trash", "junk", "archive")

_SPECIAL_USE = {
    "\\sent": "sent",
    "\\drafts": "drafts",
    "\\trash": "trash",
    "\\junk": "junk",
    "\\archive": "archive",
    "\\all": "archive",
}

_NAMES = {
    "sent": ("sent", "sent items", "sent messages", "sent mail", "已发送", "已发送邮件",
             "已傳送郵件", "发件箱"),
    "drafts": ("drafts", "draft", "草稿箱", "草稿", "草稿夾"),
    "trash": ("trash", "deleted", "deleted items", "deleted messages", "bin", "已删除",
              "已删除邮件", "垃圾桶", "已刪除郵件"),
    "junk": ("junk", "spam", "junk e-mail", "junk email", "bulk mail", "垃圾邮件", "垃圾郵件",
             "广告邮件"),
    "archive": ("archive", "archives", "all mail", "归档", "存档"),
}
_ROLE_BY_NAME = {name: role for role, names in _NAMES.items() for name in names}


def folder_role(name: str, flags: set[str], delimiter: str | None) -> str | None:
    """The role of one folder, or None for an ordinary folder."""
    if name.upper() == "INBOX":
        return "inbox"
    lowered = {flag.lower() for flag in flags}
    for flag, role in _SPECIAL_USE.items():
        if flag in lowered:
            return role
    leaf = name.rsplit(delimiter, 1)[-1] if delimiter else name
    return _ROLE_BY_NAME.get(leaf.strip().lower())


def assign_roles(folders: list[tuple[str, set[str], str | None]]) -> dict[str, str | None]:
    """Roles for a whole folder list; each role goes to one folder, SPECIAL-USE first."""
    result: dict[str, str | None] = {}
    taken: set[str] = set()
    by_flag = sorted(folders, key=lambda f: not any(fl.lower() in _SPECIAL_USE for fl in f[1]))
    for name, flags, delimiter in by_flag:
        role = folder_role(name, flags, delimiter)
        if role in taken:
            role = None
        if role:
            taken.add(role)
        result[name] = role
    return result
