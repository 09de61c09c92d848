"""The bundled sample profile behind "Explore sample data" (Qt-free).

Realistic mail in English and Chinese with a few customers (a trading company in Shenzhen,
a German distributor, a Singapore food importer, a prospect on free mail), written into a
profile of its own under an account marked ``is_sample``: it has no server, is never synced,
and nothing in it is presented as the user's mail.  Dates are relative to when it is built.
"""

from __future__ import annotations

import time
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from datetime import datetime, timezone
from pathlib import Path

from app.mail.reading.envelope import parse_envelope
from app.mail.imap.fetched import FetchedMessage
from app.paths import ProfilePaths
from app.search import mail_index
from app.mail.imap import message_writer
from app.store import mail_cache
from app.store.accounts import NewAccount, account_folders, create_account, list_accounts, mark_sample
from app.store.database import Store
from app.store.migrate import ensure_schema
from app.store.models import Account
from app.mail.reading.conversation_threads import rethread_account

ME = ("Li Lei", "li.lei@liaison-demo.example")
ZHANG = ("张伟", "zhang.wei@huaxin-trade.cn")
CHEN = ("陈静", "chen.jing@huaxin-trade.cn")
ANNA = ("Anna Schmidt", "anna.schmidt@nordwind-handel.de")
RAJ = ("Raj Patel", "raj@sunrise-foods.com.sg")
WANG = ("王芳", "wangfang@163.com")
MAYA = ("Maya Chen", "maya.chen@liaison-demo.example")
EXPO = ("华南照明展 South China Lighting Expo", "news@lighting-expo.example")

EXPO_HTML = """<html><body style="font-family:Arial,sans-serif">
<table width="100%" cellpadding="8" style="background:#0b5394;color:#ffffff"><tr>
<td><img src="https://lighting-expo.example/banner.png" width="120" alt="Expo"></td>
<td><h2 style="margin:0">2026 华南照明展 · South China Lighting Expo</h2>深圳会展中心 · 12 月 8–10 日</td>
</tr></table>
<p>尊敬的展商，您好：</p>
<p>感谢您报名参展。您的展位为 <b>B12</b>，布展时间为 12 月 7 日 08:00–18:00。</p>
<table cellpadding="4" style="border:1px solid #cccccc">
<tr style="background:#eeeeee"><th>日期</th><th>活动</th></tr>
<tr><td>12 月 8 日</td><td>开幕式 · 新品发布</td></tr>
<tr><td>12 月 9 日</td><td>采购商对接会</td></tr></table>
<p>请在<a href="https://lighting-expo.example/exhibitors">展商中心</a>下载参展证。</p>
</body></html>"""

# (folder, sender, recipients, subject, body, days ago, seen, flagged, attachment name)
MESSAGES = (
    ("INBOX", ZHANG, [ME], "询价：LED 面板 2000 台",
     "李先生，您好：\n\n我们计划采购 2000 台 60x60 LED 面板，用于深圳新办公楼项目。请提供含税报价、"
     "交货期和质保条款。\n\n谢谢！\n张伟\n华信贸易 采购部", 9, True, False, None),
    ("Sent", ME, [ZHANG], "回复：询价：LED 面板 2000 台",
     "张经理，您好：\n\n附件是 2000 台 LED 面板的报价单，含税单价 386 元，交货期 4 周，质保 3 年。"
     "如需样品，我们可以本周寄出。\n\n李雷", 8, True, False, "报价单-华信贸易.pdf"),
    ("INBOX", ZHANG, [ME], "回复：询价：LED 面板 2000 台",
     "李先生：\n\n报价已收到，价格我们内部在评估。能否在 1 月 15 日前交货？另外请把合同草案发给陈静。"
     "\n\n张伟", 6, True, True, None),
    ("INBOX", CHEN, [ME, ZHANG], "合同草案 — 华信贸易 / LED 面板",
     "李雷您好，\n\n合同草案已阅，第 5 条付款方式请改为 30% 预付、70% 到货后 30 天内付清。"
     "修改后请回传盖章版。\n\n陈静\n华信贸易 法务", 2, False, False, "合同草案-修订.docx"),
    ("INBOX", ANNA, [ME], "Quote for 500 units, delivery to Hamburg",
     "Dear Mr Li,\n\nThank you for the samples, our team liked the 60x60 panels. Could you quote "
     "500 units, DAP Hamburg, with delivery in February? We would also need the CE declaration.\n\n"
     "Kind regards,\nAnna Schmidt\nNordwind Handel GmbH", 5, True, False, None),
    ("Sent", ME, [ANNA], "Re: Quote for 500 units, delivery to Hamburg",
     "Dear Anna,\n\nPlease find our quote attached: EUR 49.80 per unit, DAP Hamburg, shipping in "
     "week 6. The CE declaration is attached as well.\n\nBest regards,\nLi Lei", 4, True, False,
     "Quote-Nordwind-500.pdf"),
    ("INBOX", ANNA, [ME], "Re: Quote for 500 units, delivery to Hamburg",
     "Dear Mr Li,\n\nThe price works for us. Our purchasing manager will send the order on Monday. "
     "Can you confirm the pallet dimensions?\n\nAnna", 1, False, True, None),
    ("INBOX", RAJ, [ME], "Meeting next Tuesday at Singapore Food Expo",
     "Hi Li Lei,\n\nGreat to meet you at the trade fair. Are you free for a coffee next Tuesday at "
     "10:00 at the Expo? I would like to discuss lighting for our three new cold stores.\n\n"
     "Cheers,\nRaj Patel\nSunrise Foods Pte Ltd", 3, True, False, None),
    ("INBOX", WANG, [ME], "样品咨询",
     "您好，我在展会上拿到了您的名片。我们是一家小型装修公司，想先买 10 台样品测试，可以吗？"
     "运费怎么算？\n\n王芳", 0, False, False, None),
    ("INBOX", MAYA, [ME], "Q4 pipeline review on Friday",
     "Hi Li Lei,\n\nFor Friday's review please bring the status of Huaxin, Nordwind and Sunrise. "
     "Huaxin looks like our biggest deal this quarter.\n\nMaya", 1, True, False, None),
    ("INBOX", EXPO, [ME], "参展确认：展位 B12", EXPO_HTML, 2, True, False, None),
    ("Archive", ZHANG, [ME], "展会邀请：华南照明展",
     "李先生：\n\n下个月的华南照明展我们会参加，展位 B12，欢迎来交流。\n\n张伟", 40, True, False, None),
    ("Archive", ANNA, [ME], "Samples received",
     "Dear Mr Li,\n\nThe samples arrived today in perfect condition. We will test them this week.\n\n"
     "Anna", 20, True, False, None),
)

FOLDERS = (("INBOX", "inbox"), ("Sent", "sent"), ("Archive", "archive"), ("Trash", "trash"))


def _message(sender, recipients, subject, body, sent_at: datetime, attachment: str | None) -> bytes:
    message = EmailMessage()
    message["From"] = f"{sender[0]} <{sender[1]}>"
    message["To"] = ", ".join(f"{name} <{addr}>" for name, addr in recipients)
    message["Subject"] = subject
    message["Date"] = format_datetime(sent_at)
    message["Message-ID"] = make_msgid(domain=sender[1].rpartition("@")[2])
    if body.startswith("<html"):
        from app.mail.reading.html_text import html_to_text

        message.set_content(html_to_text(body))
        message.add_alternative(body, subtype="html")
    else:
        message.set_content(body)
    if attachment:
        # A small placeholder document, labelled as what it is: sample data has no real files.
        message.add_attachment(f"Sample attachment: {attachment}\n".encode(),
                               maintype="application", subtype="octet-stream", filename=attachment)
    return message.as_bytes()


def _sample_customers(store: Store, moment: float) -> None:
    """Customers, deals, notes and tasks of the sample: the mail links to them by itself."""
    from app.crm import activities, deals
    from app.crm.customers import ContactInput, add_company, add_contact, company_by_name, contact_by_email

    add_company(store, "华信贸易 Huaxin Trading", ["huaxin-trade.cn"], industry="建材 Building materials")
    add_contact(store, ContactInput(name=ZHANG[0], emails=[ZHANG[1]], phones=["+86 138 2651 0923"],
                                    company="华信贸易 Huaxin Trading", title="采购经理", tags=["VIP"]))
    add_contact(store, ContactInput(name=CHEN[0], emails=[CHEN[1]], company="华信贸易 Huaxin Trading", title="法务"))
    add_company(store, "Nordwind Handel GmbH", ["nordwind-handel.de"], industry="Distribution")
    add_contact(store, ContactInput(name=ANNA[0], emails=[ANNA[1]], phones=["+49 40 3098 7710"],
                                    company="Nordwind Handel GmbH", title="Purchasing"))
    add_contact(store, ContactInput(name=RAJ[0], emails=[RAJ[1]], company="Sunrise Foods Pte Ltd"))
    deals.add_deal(store, "LED 面板 2000 台", contact_email=ZHANG[1], amount="772000", currency="CNY",
                   stage="Negotiation")
    deals.add_deal(store, "500 panels DAP Hamburg", contact_email=ANNA[1], amount="24900", currency="EUR",
                   stage="Proposal")
    deals.add_deal(store, "Cold-store lighting", contact_email=RAJ[1], currency="SGD", stage="Lead")
    with store.read() as session:
        zhang_id = contact_by_email(session, ZHANG[1]).id
        anna_id = contact_by_email(session, ANNA[1]).id
    activities.add_note(store, "喜欢喝普洱茶；决策需要总经理签字。", contact_id=zhang_id)
    activities.log_activity(store, "call", "电话确认交货期：1 月 15 日前", happened_at=int(moment - 5 * 86400),
                            duration_minutes=12, contact_id=zhang_id)
    activities.add_task(store, "寄送合同盖章版", due_at=int(moment + 86400), contact_id=zhang_id)
    activities.add_task(store, "Confirm pallet dimensions", due_at=int(moment + 2 * 86400), contact_id=anna_id)
    with store.read() as session:
        huaxin_id = company_by_name(session, "华信贸易 Huaxin Trading").id
    activities.add_note(store, "年底前确认 2027 年框架协议；付款条件改为 30% 预付、70% 到货后 30 天。",
                        company_id=huaxin_id)
    activities.log_activity(store, "meeting", "深圳工厂参观与样品测试", "带 5 台 60x60 样品；陈静讨论合同第 5 条。",
                            happened_at=int(moment - 3 * 86400), duration_minutes=90, company_id=huaxin_id,
                            attendees=[ZHANG[0], CHEN[0], ME[0]])


def sample_account(store: Store) -> Account | None:
    return next((a for a in list_accounts(store) if a.is_sample), None)


def build_sample_profile(root: Path, now: float | None = None) -> Path:
    """Create (once) the sample profile at ``root``; returns its directory."""
    paths = ProfilePaths(Path(root)).ensure()
    ensure_schema(paths)  # logging stays with the user's own profile
    store = Store(paths.database)
    try:
        if sample_account(store) is not None:
            return paths.root
        account = create_account(store, NewAccount(
            name="Sample · 示例", email=ME[1], display_name=ME[0], imap_host="sample.invalid",
            imap_port=993, imap_security="ssl", smtp_host="sample.invalid", smtp_port=465,
            smtp_security="ssl"))
        mark_sample(store, account.id)
        mail_cache.reconcile_folders(store, account.id, [
            mail_cache.ServerFolder(name, "/", frozenset(), role, True) for name, role in FOLDERS])
        folder_ids = {f.name: f.id for f in account_folders(store, account.id)}
        moment = now if now is not None else time.time()
        for folder_name, _role in FOLDERS:
            batch = []
            for uid, (folder, sender, to, subject, body, days, seen, flagged, attachment) in enumerate(
                    (m for m in MESSAGES if m[0] == folder_name), start=1):
                sent_at = datetime.fromtimestamp(moment - days * 86400 - uid * 3600, timezone.utc)
                raw = _message(sender, to, subject, body, sent_at, attachment)
                flags = ({"\\Seen"} if seen else set()) | ({"\\Flagged"} if flagged else set())
                batch.append(FetchedMessage(uid=uid, raw=raw, flags=flags, internal_date=None,
                                            size=len(raw), modseq=None, envelope=parse_envelope(raw)))
            mail_cache.begin_folder_sync(store, folder_ids[folder_name], 1)
            message_writer.store_messages(store, folder_ids[folder_name], batch)
            mail_cache.finish_folder_sync(store, folder_ids[folder_name], len(batch) + 1, None, len(batch))
        rethread_account(store, account.id)  # replies join their conversations (by subject here)
        mail_index.index_pending(store)
        _sample_customers(store, moment)
        return paths.root
    finally:
        store.close()
