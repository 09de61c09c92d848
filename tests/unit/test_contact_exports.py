"""Address books exported by Outlook, Thunderbird (CSV and LDIF) and Foxmail (GBK, UTF-16)."""

from __future__ import annotations

import base64

import pytest
from sqlalchemy import select

from app.crm.csv_import import import_file
from app.errors import UserFacingError
from app.store.crm_models import Company, Contact, ContactEmail, ContactPhone


def people(store) -> dict[str, dict]:
    """Every contact by its first address: name, title, company, addresses, phones."""
    found = {}
    with store.read() as session:
        for contact in session.scalars(select(Contact)):
            emails = list(session.scalars(select(ContactEmail.email).where(ContactEmail.contact_id == contact.id)
                                          .order_by(ContactEmail.position)))
            phones = list(session.scalars(select(ContactPhone).where(ContactPhone.contact_id == contact.id)))
            company = session.get(Company, contact.company_id) if contact.company_id else None
            found[emails[0] if emails else contact.name] = {
                "name": contact.name, "title": contact.title, "company": company.name if company else "",
                "emails": emails, "phones": len(phones)}
    return found


OUTLOOK = ('"First Name","Middle Name","Last Name","Title","Suffix","Company","Department","Job Title",'
           '"Business Phone","Business Phone 2","Mobile Phone","E-mail Address","E-mail Type",'
           '"E-mail Display Name","E-mail 2 Address","Notes"\r\n'
           '"Anna","","Schmidt","Ms.","","Nordwind Handel GmbH","Purchasing","Head of Purchasing",'
           '"+49 40 3098 7710","","+49 171 555 0101","anna.schmidt@nordwind-handel.de","SMTP",'
           '"Anna Schmidt (anna.schmidt@nordwind-handel.de)","anna@nordwind.example","Met at the fair"\r\n')


def test_outlook_csv_takes_the_job_title_not_the_salutation(store):
    report = import_file(store, OUTLOOK.encode("cp1252"), "contacts.csv")
    assert report.written and report.created == 1, report.problems
    assert "Title" not in report.mapping and report.mapping["Job Title"] == "title"
    assert "E-mail Display Name" not in report.mapping  # "Anna (anna@…)" is not an address
    anna = people(store)["anna.schmidt@nordwind-handel.de"]
    assert anna == {"name": "Anna Schmidt", "title": "Head of Purchasing", "company": "Nordwind Handel GmbH",
                    "emails": ["anna.schmidt@nordwind-handel.de", "anna@nordwind.example"], "phones": 2}


THUNDERBIRD_CSV = ("First Name,Last Name,Display Name,Nickname,Primary Email,Secondary Email,Screen Name,"
                   "Work Phone,Home Phone,Fax Number,Pager Number,Mobile Number,Job Title,Department,"
                   "Organization,Notes\r\n"
                   "Raj,Patel,Raj Patel,,raj@sunrise-foods.com.sg,,,+65 6123 4567,,,,,Buyer,,Sunrise Foods,\r\n")

THUNDERBIRD_CSV_ZH = ("名,姓氏,显示名称,昵称,主要电子邮件,次要电子邮件,工作电话,家庭电话,移动电话号码,职位,部门,组织,备注\r\n"
                      "伟,张,张伟,,zhang.wei@huaxin-trade.cn,,,,13812345678,采购经理,,华信贸易,\r\n")


@pytest.mark.parametrize("data, email, expected", [
    (THUNDERBIRD_CSV.encode("utf-8"), "raj@sunrise-foods.com.sg",
     {"name": "Raj Patel", "title": "Buyer", "company": "Sunrise Foods"}),
    (THUNDERBIRD_CSV_ZH.encode("gbk"), "zhang.wei@huaxin-trade.cn",  # the Chinese Thunderbird, on Windows
     {"name": "张伟", "title": "采购经理", "company": "华信贸易"}),
])
def test_thunderbird_csv_in_english_and_chinese(store, data, email, expected):
    report = import_file(store, data, "address-book.csv")
    assert report.written, report.problems
    person = people(store)[email]
    assert {k: person[k] for k in expected} == expected
    assert person["phones"] == 1


FOXMAIL = ("姓名,电子邮件地址,个人手机,公司,职位,备注\r\n"
           "王芳,wangfang@163.com,13912345678,王芳装修,经理,样品客户\r\n"
           "陈静,chen.jing@huaxin-trade.cn,,华信贸易,法务,\r\n")


@pytest.mark.parametrize("encoding, data", [
    ("gb18030", FOXMAIL.encode("gbk")),
    ("utf-16", FOXMAIL.encode("utf-16")),  # with a BOM
    ("utf-16-le", FOXMAIL.encode("utf-16-le")),  # without one
    ("utf-16-be", FOXMAIL.encode("utf-16-be")),
])
def test_foxmail_csv_in_its_encodings(store, encoding, data):
    report = import_file(store, data, "foxmail.csv")
    assert report.encoding == encoding
    assert report.written and report.created == 2, report.problems
    assert people(store)["wangfang@163.com"]["name"] == "王芳"
    assert people(store)["chen.jing@huaxin-trade.cn"]["company"] == "华信贸易"


def b64(text: str) -> str:
    return base64.b64encode(text.encode("utf-8")).decode()


LDIF = f"""dn: cn=Anna Schmidt,mail=anna.schmidt@nordwind-handel.de
objectclass: top
objectclass: person
objectclass: organizationalPerson
objectclass: inetOrgPerson
objectclass: mozillaAbPersonAlpha
givenName: Anna
sn: Schmidt
cn: Anna Schmidt
mail: anna.schmidt@nordwind-handel.de
mozillaSecondEmail: anna@nordwind.example
telephoneNumber: +49 40 3098 7710
title: Head of Purchasing
o: Nordwind Handel GmbH
description: Met at the fair in Shenzhen and asked for samp
 les of the 60x60 panels

dn:: {b64("cn=张伟,mail=zhang.wei@huaxin-trade.cn")}
objectclass: top
objectclass: person
givenName:: {b64("伟")}
sn:: {b64("张")}
cn:: {b64("张伟")}
mail: zhang.wei@huaxin-trade.cn
mobile: 13812345678
o:: {b64("华信贸易")}

dn: cn=Huaxin team
objectclass: top
objectclass: groupOfNames
cn: Huaxin team
member: cn=张伟,mail=zhang.wei@huaxin-trade.cn
"""


def test_thunderbird_ldif_with_base64_chinese_and_folded_lines(store):
    report = import_file(store, LDIF.replace("\n", "\r\n").encode("utf-8"), "abook.ldif")
    assert report.encoding == "ldif"
    assert report.written and report.created == 2, report.problems  # the mailing list is not a contact
    found = people(store)
    assert found["anna.schmidt@nordwind-handel.de"] == {
        "name": "Anna Schmidt", "title": "Head of Purchasing", "company": "Nordwind Handel GmbH",
        "emails": ["anna.schmidt@nordwind-handel.de", "anna@nordwind.example"], "phones": 1}
    assert found["zhang.wei@huaxin-trade.cn"]["name"] == "张伟"
    assert found["zhang.wei@huaxin-trade.cn"]["company"] == "华信贸易"
    with store.read() as session:
        from app.store.crm_models import Note

        notes = list(session.scalars(select(Note.body)))
    assert notes == ["Met at the fair in Shenzhen and asked for samples of the 60x60 panels"]


def test_an_ldif_file_without_entries_is_refused(store):
    with pytest.raises(UserFacingError, match="no LDIF address book entry"):
        import_file(store, b"version: 1\n\n# nothing here\n", "empty.ldif")
