"""CSV and vCard import/export with hostile input: encodings, BOMs, bad rows, bad dates, 100k rows."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.crm.csv_import import import_contacts
from app.crm.custom_fields import define_field
from app.crm.vcard import VCard, export_vcards, import_vcards, parse_vcards, write_vcard
from app.errors import UserFacingError
from app.store.crm_models import Change, Contact, Note

EXCEL_ZH = ("姓名,邮箱,手机,公司,职位,备注\r\n"
            "张伟,zhang.wei@huaxin-trade.cn,138 1234 5678,华信贸易,采购经理,喜欢喝茶\r\n"
            "李娜,lina@qq.com,,华信贸易,,\r\n")


def count(store, model=Contact) -> int:
    with store.read() as session:
        return session.scalar(select(func.count()).select_from(model))


@pytest.mark.parametrize("encoding, data", [
    ("gb18030", EXCEL_ZH.encode("gbk")),  # Excel "CSV (Comma delimited)" on Chinese Windows
    ("utf-8-sig", b"\xef\xbb\xbf" + EXCEL_ZH.encode("utf-8")),  # Excel "CSV UTF-8"
    ("utf-16", EXCEL_ZH.replace(",", "\t").encode("utf-16")),  # Excel "Unicode Text"
    ("utf-8", EXCEL_ZH.replace(",", ";").encode("utf-8")),  # semicolons (European Excel)
])
def test_excel_exports_in_every_encoding(store, encoding, data):
    report = import_contacts(store, data)
    assert (report.encoding, report.created, report.problems) == (encoding, 2, [])
    assert report.mapping == {"姓名": "name", "邮箱": "email", "手机": "phone", "公司": "company",
                              "职位": "title", "备注": "note"}
    from app.crm.customer_view import customer_json

    zhang = customer_json(store, "zhang.wei@huaxin-trade.cn")
    assert zhang["contact"]["phones"] == ["+8613812345678"] and zhang["company"]["domains"] == ["huaxin-trade.cn"]
    assert count(store, Note) == 1


def test_dry_run_reports_every_problem_and_writes_nothing(store):
    define_field(store, "contact", "birthday", "Birthday", "date")
    history_before = count(store, Change)  # the field's definition is in the history too
    data = ("Name,Email,Phone,custom.birthday\n"
            "Anna,anna@nordwind.de,+49 30 1234567,1990-02-30\n"  # not a real date
            "Bob,bob.example.com,,\n"  # missing @
            "Carl,carl@x.de,12,2001/13/01\n"  # bad phone, bad month
            ",,,\n"  # an empty line is skipped
            "Dora,anna@nordwind.de,,\n").encode()  # the same address twice
    report = import_contacts(store, data, dry_run=True)
    assert [(p.row, p.field) for p in report.problems] == [
        (1, "custom.birthday"), (2, "email"), (3, "custom.birthday"), (3, "phone"), (5, "email")]
    assert "has no @" in report.problems[1].problem
    assert count(store) == 0 and count(store, Change) == history_before


def test_one_bad_row_among_100k_writes_nothing(store):
    rows = [f"Person {n},p{n}@c{n % 997}.example.com" for n in range(100_000)]
    rows[99_998] = "Broken,not-an-address"
    data = ("Name,Email\n" + "\n".join(rows)).encode()
    report = import_contacts(store, data)
    assert [(p.row, p.field) for p in report.problems] == [(99_999, "email")] and not report.written
    assert count(store) == 0


def test_reimport_updates_without_emptying_fields(store):
    import_contacts(store, "Email,Name,Title\nzw@huaxin.cn,张伟,经理\n".encode())
    report = import_contacts(store, "Email,Name,Title,Phone\nzw@huaxin.cn,,,13812345678\n".encode())
    assert (report.updated, report.created) == (1, 0)
    from app.crm.customer_view import customer_json

    contact = customer_json(store, "zw@huaxin.cn")["contact"]
    assert (contact["name"], contact["title"], contact["phones"]) == ("张伟", "经理", ["+8613812345678"])
    again = import_contacts(store, "Email,Name,Title,Phone\nzw@huaxin.cn,,,13812345678\n".encode())
    assert again.unchanged == 1


@pytest.mark.parametrize("data, message", [
    (b"", "empty"),
    (b"Foo,Bar\n1,2\n", "No column was recognised"),
])
def test_unusable_files_get_one_clear_message(store, data, message):
    with pytest.raises(UserFacingError, match=message):
        import_contacts(store, data)


def test_explicit_column_mapping(store):
    report = import_contacts(store, "Kontakt,Adresse\nAnna,anna@x.de\n".encode(),
                             {"Kontakt": "name", "Adresse": "email"})
    assert report.created == 1
    with pytest.raises(UserFacingError, match="no column 'Nope'"):
        import_contacts(store, b"a,b\n", {"Nope": "email"})


def test_vcard_round_trip_3_and_4(store):
    card = VCard(name="张伟", first_name="伟", last_name="张", emails=["zhang.wei@huaxin-trade.cn", "zw@qq.com"],
                 phones=["+8613812345678"], company="华信贸易; 深圳", title="采购经理",
                 note="第一行\n第二行, 有逗号" + "很长" * 40, tags=["VIP", "华南"])
    for version in ("3.0", "4.0"):
        text = write_vcard(card, version)
        assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))
        assert parse_vcards(text.encode("utf-8")) == [card]
    report = import_vcards(store, write_vcard(card, "4.0").encode())
    assert report.created == 1
    exported = export_vcards(store, "3.0")
    back = parse_vcards(exported.encode())[0]
    assert (back.name, back.emails, back.company, back.title) == ("张伟", card.emails, "华信贸易; 深圳", "采购经理")


def test_vcard_21_from_an_old_phone(store):
    data = (b"BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=GB2312;ENCODING=QUOTED-PRINTABLE:=D5=C5;=CE=B0\r\n"
            b"FN;CHARSET=GB2312;ENCODING=QUOTED-PRINTABLE:=D5=C5=CE=B0\r\nTEL;CELL:13812345678\r\n"
            b"item1.EMAIL;type=INTERNET:zw@x.cn\r\nPHOTO;ENCODING=BASE64;TYPE=JPEG:/9j/4AAQ\r\n AAAA\r\n"
            b"END:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:No Address\r\nEMAIL:broken.example\r\nEND:VCARD\r\n")
    assert [(c.name, c.emails, c.phones) for c in parse_vcards(data)][0] == ("张伟", ["zw@x.cn"], ["13812345678"])
    report = import_vcards(store, data)
    assert [(p.row, p.field) for p in report.problems] == [(2, "email")] and count(store) == 0


@pytest.mark.parametrize("line, cells", [
    ("Carl,carl@x.de\n", 2),  # too few: a cell is missing, the rest may be shifted
    ("Carl,carl@x.de,+49 30 1234567,Nordwind,extra\n", 5),  # too many: "extra" would be dropped
])
def test_csv_row_with_the_wrong_number_of_cells_is_a_problem(store, line, cells):
    data = ("Name,Email,Phone,Company\nAnna,anna@nordwind.de,,Nordwind\n" + line).encode()
    report = import_contacts(store, data, dry_run=True)
    assert [(p.row, p.field) for p in report.problems] == [(2, "cells")]
    assert f"{cells} cells" in report.problems[0].problem and "4 columns" in report.problems[0].problem
    assert not import_contacts(store, data).written and count(store) == 0


def test_csv_trailing_empty_cells_and_empty_lines_are_not_problems(store):
    data = "Name,Email\nAnna,anna@nordwind.de,,\n\nBob,bob@x.de\n".encode()
    report = import_contacts(store, data)
    assert (report.problems, report.created) == ([], 2)


def test_vcard_file_of_random_bytes_is_refused_in_one_sentence(store):
    import random

    noise = random.Random(23).randbytes(4096)
    with pytest.raises(UserFacingError, match="no vCard"):
        import_vcards(store, noise, dry_run=True)


def test_vcard_without_end_is_a_problem_not_silence(store):
    data = (b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna\r\nEMAIL:anna@nordwind.de\r\nEND:VCARD\r\n"
            b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bob\r\nEMAIL:bob@x.de\r\n")  # cut off
    report = import_vcards(store, data, dry_run=True)
    assert [(p.row, p.field) for p in report.problems] == [(2, "END")]
    assert "END:VCARD" in report.problems[0].problem
    assert not import_vcards(store, data).written and count(store) == 0
