"""Deterministic, realistic test messages (English and Chinese, some with attachments)."""

from __future__ import annotations

import random
from email.message import EmailMessage
from email.utils import format_datetime
from datetime import datetime, timedelta, timezone

PEOPLE = [
    ("张伟", "zhang.wei@huaxin-trade.cn"), ("李娜", "lina@qq.com"), ("王芳", "wangfang@163.com"),
    ("Anna Schmidt", "anna.schmidt@example.de"), ("James O'Connor", "james@acme-corp.com"),
    ("陈静", "chenjing@aliyun.com"), ("Maria García", "maria@ventas.example.es"),
    ("刘洋", "liuyang@exmail-co.cn"), ("Tom Becker", "tom.becker@outlook.com"),
    ("Sales Desk", "sales@globex.example.com"),
]
SUBJECTS = [
    "报价单 - 第{n}批货物", "Re: 合同草案 v{n}", "Quarterly review #{n}", "Fwd: 采购合同已签署 ({n})",
    "Invoice {n} attached", "会议纪要 {n}", "Meeting next week? ({n})", "Re: Re: pricing question {n}",
    "Über unsere Bestellung {n}", "回复: 样品寄送 {n}",
]
PARAGRAPH_EN = ("Thanks for the call today. As discussed, please find the updated figures below; "
                "let me know if anything needs changing before we send it to the board. ")
PARAGRAPH_ZH = "您好，感谢您今天的来电。根据我们的讨论，请查收更新后的报价，如有需要修改的地方请告知。"


def make_message(n: int, *, seed: int = 7, to: str = "sales@example.com",
                 attachment_every: int = 10, base_date: datetime | None = None) -> bytes:
    rng = random.Random(seed * 1_000_003 + n)
    name, addr = PEOPLE[rng.randrange(len(PEOPLE))]
    msg = EmailMessage()
    msg["From"] = f"{name} <{addr}>"
    msg["To"] = to
    if rng.random() < 0.3:
        cc_name, cc_addr = PEOPLE[rng.randrange(len(PEOPLE))]
        msg["Cc"] = f"{cc_name} <{cc_addr}>"
    msg["Subject"] = SUBJECTS[rng.randrange(len(SUBJECTS))].format(n=n)
    start = base_date or datetime(2026, 1, 1, tzinfo=timezone.utc)
    msg["Date"] = format_datetime(start + timedelta(minutes=7 * n))
    msg["Message-ID"] = f"<msg-{seed}-{n}@liaison.test>"
    if n > 0 and rng.random() < 0.4:
        msg["In-Reply-To"] = f"<msg-{seed}-{n - 1}@liaison.test>"
        msg["References"] = f"<msg-{seed}-{n - 1}@liaison.test>"
    paragraphs = rng.randint(2, 30)
    text = "\n\n".join((PARAGRAPH_ZH if rng.random() < 0.5 else PARAGRAPH_EN) * rng.randint(1, 3)
                       for _ in range(paragraphs))
    msg.set_content(f"Message {n}\n\n{text}\n")
    if rng.random() < 0.5:
        html = "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
        msg.add_alternative(f"<html><body>{html}</body></html>", subtype="html")
    if attachment_every and n % attachment_every == 0:
        size = rng.choice([20_000, 60_000, 150_000, 400_000])
        payload = rng.randbytes(size)
        filename = rng.choice(["报价单.pdf", "contract-draft.docx", "photo.jpg", "数据.xlsx"])
        msg.add_attachment(payload, maintype="application", subtype="octet-stream", filename=filename)
    return msg.as_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
