"""Bundled server settings for the mail providers salespeople use most.

Looked up by the address's domain first, then (for companies on hosted mail under their own
domain, such as Tencent Exmail or Aliyun enterprise mail) by the domain's MX host.  The
``password_help`` says what the provider wants instead of the web password and where to get
it: the most common reason a first login fails.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ServerSettings:
    imap_host: str
    imap_port: int
    imap_security: str  # ssl | starttls | none
    smtp_host: str
    smtp_port: int
    smtp_security: str
    username: str = "%EMAILADDRESS%"  # Thunderbird placeholders: %EMAILADDRESS%, %EMAILLOCALPART%

    def login_for(self, email: str) -> str:
        local, _, domain = email.partition("@")
        return (self.username.replace("%EMAILADDRESS%", email)
                .replace("%EMAILLOCALPART%", local).replace("%EMAILDOMAIN%", domain))


@dataclass(frozen=True)
class Provider:
    key: str
    name: str
    domains: tuple[str, ...]
    settings: ServerSettings
    mx_suffixes: tuple[str, ...] = ()
    password_help: str = ""  # English; shown through the UI's tr() and printed by the CLI
    imap_help: str = ""  # where IMAP is switched on, for providers that ship it off


_QQ_HELP = ("QQ Mail needs an authorisation code (授权码), not your QQ password: in QQ Mail on the "
            "web open Settings → Account → POP3/IMAP/SMTP service, switch on IMAP/SMTP and "
            "generate an authorisation code.")
_NETEASE_HELP = ("NetEase mail needs an authorisation code (授权码), not your web password: in the web "
                 "mailbox open Settings → POP3/SMTP/IMAP, switch on IMAP/SMTP and create an "
                 "authorisation code.")

PROVIDERS: tuple[Provider, ...] = (
    Provider("qq", "QQ Mail", ("qq.com", "vip.qq.com", "foxmail.com"),
             ServerSettings("imap.qq.com", 993, "ssl", "smtp.qq.com", 465, "ssl"),
             mx_suffixes=("mx1.qq.com", "mx2.qq.com", "mx3.qq.com"),
             password_help=_QQ_HELP, imap_help=_QQ_HELP),
    Provider("exmail", "Tencent Exmail (腾讯企业邮)", ("exmail.qq.com",),
             ServerSettings("imap.exmail.qq.com", 993, "ssl", "smtp.exmail.qq.com", 465, "ssl"),
             mx_suffixes=("mxbiz1.qq.com", "mxbiz2.qq.com"),
             password_help=("Tencent Exmail may need a client-specific password when secure login "
                            "is on: in Exmail on the web open Settings → Account → Client-specific "
                            "password (客户端专用密码)."),
             imap_help=("Ask your mail administrator to allow IMAP/SMTP, or switch it on in Exmail "
                        "on the web under Settings → Client settings (客户端设置).")),
    Provider("163", "NetEase 163 Mail", ("163.com",),
             ServerSettings("imap.163.com", 993, "ssl", "smtp.163.com", 465, "ssl"),
             mx_suffixes=("163mx01.mxmail.netease.com",),
             password_help=_NETEASE_HELP, imap_help=_NETEASE_HELP),
    Provider("126", "NetEase 126 Mail", ("126.com",),
             ServerSettings("imap.126.com", 993, "ssl", "smtp.126.com", 465, "ssl"),
             password_help=_NETEASE_HELP, imap_help=_NETEASE_HELP),
    Provider("yeah", "NetEase yeah.net", ("yeah.net",),
             ServerSettings("imap.yeah.net", 993, "ssl", "smtp.yeah.net", 465, "ssl"),
             password_help=_NETEASE_HELP, imap_help=_NETEASE_HELP),
    Provider("netease-qiye", "NetEase Enterprise Mail (网易企业邮箱)", ("qiye.163.com",),
             ServerSettings("imap.qiye.163.com", 993, "ssl", "smtp.qiye.163.com", 994, "ssl"),
             mx_suffixes=(".qiye.163.com", "mxmail.netease.com"),
             imap_help="Ask your mail administrator to allow IMAP for your mailbox."),
    Provider("aliyun", "Aliyun Mail", ("aliyun.com",),
             ServerSettings("imap.aliyun.com", 993, "ssl", "smtp.aliyun.com", 465, "ssl"),
             imap_help=("In Aliyun Mail on the web open Settings → POP3/SMTP/IMAP and switch on "
                        "IMAP/SMTP.")),
    Provider("aliyun-qiye", "Alibaba Enterprise Mail (阿里企业邮箱)", ("qiye.aliyun.com",),
             ServerSettings("imap.qiye.aliyun.com", 993, "ssl", "smtp.qiye.aliyun.com", 465, "ssl"),
             mx_suffixes=(".qiye.aliyun.com", "mxhichina.com"),
             imap_help="Ask your mail administrator to allow IMAP/SMTP for your mailbox."),
    Provider("sina", "Sina Mail", ("sina.com", "sina.cn", "vip.sina.com"),
             ServerSettings("imap.sina.com", 993, "ssl", "smtp.sina.com", 465, "ssl"),
             password_help=("Sina Mail needs an authorisation code (授权码): in the web mailbox "
                            "open Settings → Client POP/IMAP/SMTP, switch on IMAP and create one."),
             imap_help="In Sina Mail on the web open Settings → Client POP/IMAP/SMTP and switch on IMAP."),
    Provider("sohu", "Sohu Mail", ("sohu.com",),
             ServerSettings("imap.sohu.com", 993, "ssl", "smtp.sohu.com", 465, "ssl"),
             password_help=("Sohu Mail needs its separate client password (独立密码): in the web "
                            "mailbox open Settings → POP3/SMTP/IMAP, switch on the service and set it."),
             imap_help="In Sohu Mail on the web open Settings → POP3/SMTP/IMAP and switch on IMAP."),
    Provider("139", "China Mobile 139 Mail", ("139.com",),
             ServerSettings("imap.139.com", 993, "ssl", "smtp.139.com", 465, "ssl"),
             password_help=("139 Mail may need an authorisation code: in the web mailbox open "
                            "Settings → Client settings (客户端设置), switch on IMAP/SMTP and create one."),
             imap_help="In 139 Mail on the web open Settings → Client settings and switch on IMAP."),
    Provider("gmail", "Gmail", ("gmail.com", "googlemail.com"),
             ServerSettings("imap.gmail.com", 993, "ssl", "smtp.gmail.com", 465, "ssl"),
             mx_suffixes=("aspmx.l.google.com", ".googlemail.com", "smtp.google.com"),
             password_help=("Google needs an app password, not your Google password: turn on "
                            "2-Step Verification, then create one at "
                            "https://myaccount.google.com/apppasswords."),
             imap_help="In Gmail on the web open Settings → Forwarding and POP/IMAP and enable IMAP."),
    Provider("outlook", "Outlook.com / Microsoft 365",
             ("outlook.com", "hotmail.com", "live.com", "msn.com", "outlook.cn"),
             ServerSettings("outlook.office365.com", 993, "ssl", "smtp.office365.com", 587, "starttls"),
             mx_suffixes=(".mail.protection.outlook.com",),
             password_help=("Microsoft has turned off password sign-in for most Outlook.com and "
                            "Microsoft 365 mailboxes; it works only where your administrator still "
                            "allows app passwords (account.microsoft.com → Security)."),
             imap_help="In Outlook on the web open Settings → Mail → Forwarding and IMAP and allow IMAP."),
    Provider("yahoo", "Yahoo Mail", ("yahoo.com", "ymail.com", "rocketmail.com", "yahoo.co.jp"),
             ServerSettings("imap.mail.yahoo.com", 993, "ssl", "smtp.mail.yahoo.com", 465, "ssl"),
             password_help=("Yahoo needs an app password: open Account info → Account security → "
                            "Generate app password.")),
    Provider("icloud", "iCloud Mail", ("icloud.com", "me.com", "mac.com"),
             ServerSettings("imap.mail.me.com", 993, "ssl", "smtp.mail.me.com", 587, "starttls",
                            username="%EMAILLOCALPART%"),
             password_help=("iCloud needs an app-specific password: sign in at "
                            "https://account.apple.com → Sign-In and Security → App-Specific Passwords.")),
    Provider("zoho", "Zoho Mail", ("zoho.com", "zohomail.com", "zoho.com.cn"),
             ServerSettings("imap.zoho.com", 993, "ssl", "smtp.zoho.com", 465, "ssl"),
             mx_suffixes=("mx.zoho.com", "mx2.zoho.com", "mx3.zoho.com"),
             password_help=("With two-factor sign-in on, Zoho needs an application-specific "
                            "password: My Account → Security → App Passwords."),
             imap_help="In Zoho Mail open Settings → Mail Accounts → IMAP and enable IMAP access."),
)

_BY_DOMAIN = {domain: provider for provider in PROVIDERS for domain in provider.domains}
_BY_KEY = {provider.key: provider for provider in PROVIDERS}


def provider_for_domain(domain: str) -> Provider | None:
    return _BY_DOMAIN.get(domain.strip().lower().rstrip("."))


def provider_by_key(key: str) -> Provider | None:
    return _BY_KEY.get(key)


def provider_for_mx(mx_host: str) -> Provider | None:
    """The hosted-mail provider behind an MX host (``mxbiz1.qq.com`` → Tencent Exmail)."""
    host = mx_host.strip().lower().rstrip(".")
    for provider in PROVIDERS:
        for suffix in (s.lstrip(".") for s in provider.mx_suffixes):
            if host == suffix or host.endswith("." + suffix):
                return provider
    return None
