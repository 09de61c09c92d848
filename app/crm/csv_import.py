"""Importing contacts from CSV: decode, map columns, check every row, then all or nothing.

Real files come from Excel (GBK on Chinese Windows, UTF-8 with a BOM elsewhere, sometimes
UTF-16 "Unicode text" with tabs), Outlook and Gmail exports, and other CRMs.  The encoding is
detected, the delimiter sniffed, and known column names (English and Chinese, Outlook and
Gmail styles) mapped to fields; ``--map "Column=field"`` overrides.  Every row is checked
before anything is written, its number of cells included; the report lists (row, field,
problem), and a file with any problem writes nothing.  Rows whose address matches an existing contact update it, never
replacing filled fields with empty cells.
"""

from __future__ import annotations

import csv
import io
import json
import time
from dataclasses import dataclass, field

from app.crm import linking
from app.crm.custom_fields import fields_of, parse_value
from app.crm.customers import ContactInput, contact_by_email, split_name, validated
from app.crm.records import RECORD_TYPES, apply_changes, new_uuid
from app.crm.settings import free_mail_domains, get_setting
from app.crm.validation import InvalidValue
from app.errors import Notice, UserFacingError
from app.store.crm_models import ContactEmail
from app.store.database import Store
from app.store.writer import writes

MAX_BYTES = 200 * 1024 * 1024
FIELDS = ("name", "first_name", "last_name", "email", "phone", "company", "title", "tags", "owner", "note")

KNOWN_COLUMNS = {
    "name": "name", "full name": "name", "display name": "name", "contact": "name", "姓名": "name",
    "名字": "name", "联系人": "name", "客户姓名": "name",
    "first name": "first_name", "given name": "first_name", "名": "first_name",
    "last name": "last_name", "family name": "last_name", "surname": "last_name", "姓": "last_name",
    "email": "email", "e-mail": "email", "email address": "email", "e-mail address": "email", "mail": "email",
    "e-mail 1 - value": "email", "e-mail 2 address": "email", "e-mail 2 - value": "email",
    "e-mail 3 address": "email", "邮箱": "email", "电子邮件": "email", "电子邮箱": "email", "邮件地址": "email",
    "phone": "phone", "telephone": "phone", "mobile": "phone", "mobile phone": "phone", "business phone": "phone",
    "phone 1 - value": "phone", "home phone": "phone", "电话": "phone", "手机": "phone", "手机号": "phone",
    "手机号码": "phone", "联系电话": "phone", "移动电话": "phone", "办公电话": "phone",
    "company": "company", "organization": "company", "organisation": "company", "organization 1 - name": "company",
    "company name": "company", "公司": "company", "公司名称": "company", "单位": "company", "客户名称": "company",
    "title": "title", "job title": "title", "position": "title", "organization 1 - title": "title",
    "职位": "title", "职务": "title", "头衔": "title",
    "tags": "tags", "labels": "tags", "categories": "tags", "group membership": "tags", "标签": "tags",
    "分组": "tags", "owner": "owner", "负责人": "owner",
    "notes": "note", "note": "note", "备注": "note",
    # Outlook (its "Title" is the salutation when "Job Title" is there too: see map_columns)
    "primary phone": "phone", "business phone 2": "phone", "company main phone": "phone", "other phone": "phone",
    "home phone 2": "phone",
    # Thunderbird CSV export, English and Chinese
    "primary email": "email", "secondary email": "email", "work phone": "phone", "mobile number": "phone",
    "主要电子邮件": "email", "次要电子邮件": "email", "工作电话": "phone", "家庭电话": "phone",
    "移动电话号码": "phone", "组织": "company", "显示名称": "name", "姓氏": "last_name",
    # Foxmail address book export
    "电子邮件地址": "email", "邮件地址1": "email", "邮件地址2": "email", "个人手机": "phone", "个人电话": "phone",
    "公司电话": "phone", "单位名称": "company", "公司名": "company", "e-mail address 1": "email",
}
# Columns that name a salutation ("Mr.") when the file also has the job title column.
_SALUTATION_WITH = {"title": "job title"}


@dataclass
class Problem:
    row: int  # 1-based data row (the header is row 0)
    field: str
    problem: str


@dataclass
class ImportReport:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    encoding: str = ""
    delimiter: str = ","
    mapping: dict[str, str] = field(default_factory=dict)  # column → field
    problems: list[Problem] = field(default_factory=list)
    written: bool = False


def decode_csv(data: bytes) -> tuple[str, str]:
    """(text, encoding) of a CSV file from any of the usual sources."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace"), "utf-16"
    bare_utf16 = _utf16_without_bom(data)
    if bare_utf16:  # some exporters (Foxmail) write UTF-16 with no BOM: NUL in every other byte
        return data.decode(bare_utf16, "replace"), bare_utf16
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data[:256 * 1024]).best()
    encoding = best.encoding if best is not None else "cp1252"
    return data.decode(encoding, "replace"), encoding


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4 or sample.count(0) < len(sample) // 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd > even * 4:
        return "utf-16-le"
    if even > odd * 4:
        return "utf-16-be"
    return None


def _delimiter(text: str) -> str:
    sample = text[:16384]
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        return "\t" if sample.count("\t") > sample.count(",") else ","


def map_columns(header: list[str], overrides: dict[str, str], custom_keys: set[str]) -> dict[int, str]:
    """Column index → field, from the overrides first, then the known names."""
    mapping: dict[int, str] = {}
    lowered = {name.strip().lower(): index for index, name in enumerate(header)}
    for column, target in overrides.items():
        if column.strip().lower() not in lowered:
            raise UserFacingError("The file has no column '{column}' (columns: {items}).", column=column, items=list(header))
        if target not in FIELDS and not (target.startswith("custom.") and target[7:] in custom_keys) \
                and target != "ignore":
            raise UserFacingError("'{target}' is not a contact field (fields: {items}, custom.<key>, ignore).", target=target, items=list(FIELDS))
        mapping[lowered[column.strip().lower()]] = target
    for index, name in enumerate(header):
        if index not in mapping:
            key = name.strip().lower().lstrip("\ufeff")
            if _SALUTATION_WITH.get(key) in lowered:
                continue  # Outlook's "Title" beside "Job Title" holds Mr./Ms., not the job
            if key in KNOWN_COLUMNS:
                mapping[index] = KNOWN_COLUMNS[key]
            elif key.startswith("custom.") and key[7:] in custom_keys:
                mapping[index] = key
    return {i: f for i, f in mapping.items() if f != "ignore"}


@dataclass
class _Row:
    number: int
    data: ContactInput
    note: str
    ok: bool = True  # False when the row has a problem (it is reported, and nothing is written)


def _parse_row(number: int, cells: list[str], mapping: dict[int, str], custom_fields, country: str,
               problems: list[Problem]) -> _Row | None:
    given: dict[str, list[str]] = {}
    for index, target in mapping.items():
        value = cells[index].strip() if index < len(cells) else ""
        if value:
            given.setdefault(target, []).append(value)
    if not given:
        return None  # an empty line
    data = ContactInput(name=" ".join(given.get("name", [])), company=" ".join(given.get("company", [])),
                        title=" ".join(given.get("title", [])), first_name=" ".join(given.get("first_name", [])),
                        last_name=" ".join(given.get("last_name", [])), owner=" ".join(given.get("owner", [])))
    data.tags = [t.strip() for value in given.get("tags", []) for t in value.replace("；", ";").replace(",", ";")
                 .split(";") if t.strip()]
    if not data.name and (data.first_name or data.last_name):
        data.name = " ".join(p for p in (data.first_name, data.last_name) if p)
    data.emails = [e for value in given.get("email", []) for e in value.replace("；", ";").split(";")]
    data.phones = [p for value in given.get("phone", []) for p in value.replace("；", ";").split(";")]
    ok = True
    for target, values in given.items():
        if target.startswith("custom."):
            try:
                data.custom[target[7:]] = parse_value(custom_fields[target[7:]], " ".join(values))
            except InvalidValue as exc:
                problems.append(Problem(number, target, Notice.of(exc)))
                ok = False
    ok = check_input(number, data, country, problems) and ok
    return _Row(number, data, "\n".join(given.get("note", [])), ok)


def check_input(number: int, data: ContactInput, country: str, problems: list[Problem]) -> bool:
    """Record every problem of one contact's data; True when there is none."""
    ok = True
    for email in data.emails:
        try:
            validated(ContactInput(emails=[email]), country)
        except InvalidValue as exc:
            problems.append(Problem(number, "email", Notice.of(exc)))
            ok = False
    for phone in data.phones:
        try:
            validated(ContactInput(phones=[phone]), country)
        except InvalidValue as exc:
            problems.append(Problem(number, "phone", Notice.of(exc)))
            ok = False
    if not data.emails and not data.name:
        problems.append(Problem(number, "email", Notice("the row has neither a name nor an email address")))
        ok = False
    return ok


def plan(store: Store, data: bytes, overrides: dict[str, str] | None = None) -> tuple[ImportReport, list[_Row]]:
    """Read and check the whole file; writes nothing."""
    if len(data) > MAX_BYTES:
        raise UserFacingError("The file is larger than 200 MB; split it first.")
    text, encoding = decode_csv(data)
    report = ImportReport(encoding=encoding, delimiter=_delimiter(text))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=report.delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise UserFacingError("The file is empty.") from None
    except csv.Error as exc:
        raise UserFacingError("The file is not readable as CSV: {exc}.", exc=exc) from None
    custom_fields = fields_of(store, "contact")
    mapping = map_columns(header, overrides or {}, set(custom_fields))
    report.mapping = {header[i]: f for i, f in sorted(mapping.items())}
    if "email" not in mapping.values() and "name" not in mapping.values():
        raise UserFacingError("No column was recognised as a name or an email address; map one with "
                              "--map \"Column=email\".")
    country = get_setting(store, "default_country")
    rows: list[_Row] = []
    try:
        for number, cells in enumerate(reader, start=1):
            fits = _fits_header(number, cells, len(header), report)
            parsed = _parse_row(number, cells, mapping, custom_fields, country, report.problems)
            if parsed is not None:
                parsed.ok = parsed.ok and fits
                rows.append(parsed)
    except csv.Error as exc:
        raise UserFacingError("The file is not readable as CSV near line {line_num}: {exc}.", line_num=reader.line_num, exc=exc) from None
    _check_repeats(rows, country, report)
    return report, rows


def _fits_header(number: int, cells: list[str], columns: int, report: ImportReport) -> bool:
    """Whether a row has as many cells as the header has columns (reported when it has not).

    A missing cell or an unquoted delimiter inside a value shifts every later value into the
    wrong field, and extra cells would be dropped: neither may be imported silently.  Empty
    lines and empty cells after the last column (some exporters pad rows) are harmless.
    """
    if len(cells) == columns or not any(cell.strip() for cell in cells):
        return True
    if len(cells) > columns and not any(cell.strip() for cell in cells[columns:]):
        return True
    delimiter = "tab" if report.delimiter == "\t" else f"'{report.delimiter}'"
    report.problems.append(Problem(number, "cells", Notice(
        "the row has {cells} cells but the header has {columns} columns "
        "(a missing cell, or a {delimiter} inside a value without quotes)",
        cells=len(cells), columns=columns, delimiter=delimiter)))
    return False


def _check_repeats(rows: list[_Row], country: str, report: ImportReport) -> None:
    """The same address on two rows is a problem: which one should win is the user's call."""
    seen_emails: dict[str, int] = {}
    for row in rows:
        emails = []
        for raw in row.data.emails:
            try:
                emails += validated(ContactInput(emails=[raw]), country)[0]
            except InvalidValue:
                continue  # already reported
        for email in emails:
            if email in seen_emails:
                report.problems.append(Problem(row.number, "email", Notice("{email} is also on row {row}", email=email,
                                                                           row=seen_emails[email])))
            seen_emails.setdefault(email, row.number)
    report.rows = len(rows)


def import_cards(store: Store, inputs: list[tuple[ContactInput, str]], dry_run: bool = False,
                 encoding: str = "", problems: list[Problem] | None = None) -> ImportReport:
    """Import contacts already read from another format (vCard): same checks, same writing.

    ``problems``: what the reader already found wrong with the file (a card cut off).
    """
    country = get_setting(store, "default_country")
    report = ImportReport(encoding=encoding, problems=list(problems or []))
    rows = [_Row(number, data, note, check_input(number, data, country, report.problems))
            for number, (data, note) in enumerate(inputs, start=1)]
    _check_repeats(rows, country, report)
    report.problems.sort(key=lambda problem: problem.row)
    return _finish(store, report, rows, dry_run)


def import_contacts(store: Store, data: bytes, overrides: dict[str, str] | None = None,
                    dry_run: bool = False) -> ImportReport:
    """Check the file; unless it is a dry run or has problems, write every row in one transaction."""
    report, rows = plan(store, data, overrides)
    return _finish(store, report, rows, dry_run)


def _finish(store: Store, report: ImportReport, rows: list[_Row], dry_run: bool) -> ImportReport:
    if dry_run or report.problems:
        _count(store, report, rows)
        return report
    _write(store, report, rows)
    report.written = True
    linking.relink_all(store)  # once for the whole file: retroactive links for every new address
    return report


def _count(store: Store, report: ImportReport, rows: list[_Row]) -> None:
    with store.read() as session:
        for row in rows:
            found = any(contact_by_email(session, e.strip().lower()) is not None for e in row.data.emails)
            if found:
                report.updated += 1
            else:
                report.created += 1


@writes
def _write(store: Store, report: ImportReport, rows: list[_Row]) -> None:
    """Write every row in one transaction (all rows or none).

    New contacts, the usual bulk of an import, are inserted in bulk with their history rows
    (the same entries :func:`app.crm.records.create` makes); rows matching an existing
    contact go through :func:`apply_changes` only when they change something.
    """
    country = get_setting(store, "default_country")
    free = free_mail_domains(store)
    with store.write() as session:
        bulk = BulkContacts(session, free)
        for row in rows:
            emails, phones = validated(row.data, country)
            company_id = bulk.company_for(row.data.company, emails) if row.data.company else None
            existing_id = next((bulk.email_owner[e] for e in emails if e in bulk.email_owner), None)
            if existing_id is None:
                contact_id = bulk.new_contact(row.data, emails, phones, company_id)
                report.created += 1
            else:
                contact_id = existing_id
                if not bulk.would_change(existing_id, row.data, emails, phones, company_id):
                    report.unchanged += 1
                elif _update_existing(session, existing_id, row.data, emails, phones, company_id):
                    report.updated += 1
                else:
                    report.unchanged += 1
            if row.note:
                bulk.new_note(row.note, contact_id)
        bulk.flush()


def _update_existing(session, contact_id: int, data: ContactInput, emails, phones, company_id) -> bool:
    from app.store.crm_models import Contact

    contact = session.get(Contact, contact_id)
    while contact.merged_into_id is not None:
        contact = session.get(Contact, contact.merged_into_id)
    current_emails = [e for (e,) in session.query(ContactEmail.email).filter(ContactEmail.contact_id == contact.id)
                      .order_by(ContactEmail.position)]
    values = {"name": data.name.strip(), "title": data.title, "owner": data.owner,
              "first_name": data.first_name, "last_name": data.last_name, "company_id": company_id,
              "emails": current_emails + [e for e in emails if e not in current_emails],
              "phones": phones and _merged_phones(session, contact.id, phones),
              "tags": data.tags and sorted(set(data.tags) | set(_current_tags(contact)))}
    values.update({f"custom.{k}": v for k, v in data.custom.items()})
    return bool(apply_changes(session, RECORD_TYPES["contact"], contact, values, "import"))


class BulkContacts:
    """Inserts new contacts, companies and notes through executemany, history included."""

    def __init__(self, session, free: frozenset[str]):
        self.session = session
        self.cursor = session.connection().connection.cursor()
        self.free = free
        self.at = int(time.time())
        self.email_owner = dict(self.cursor.execute("SELECT email, contact_id FROM crm_contact_emails"))
        self.claimed = {d for (d,) in self.cursor.execute("SELECT domain FROM crm_company_domains")}
        self.companies = {name.lower(): (cid, uuid) for cid, name, uuid in self.cursor.execute(
            "SELECT id, name, uuid FROM crm_companies WHERE deleted_at IS NULL")}
        self.company_uuid = {cid: uuid for cid, uuid in self.companies.values()}
        self._state: dict[int, dict] | None = None
        self.next_id = {table: (self.cursor.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0] + 1)
                        for table in ("crm_companies", "crm_contacts", "crm_notes")}
        self.rows: dict[str, list[tuple]] = {key: [] for key in (
            "crm_companies", "crm_company_domains", "crm_contacts", "crm_contact_emails", "crm_contact_phones",
            "crm_notes", "crm_changes")}

    def _existing_state(self) -> dict[int, dict]:
        """Current fields of every contact, loaded once, to skip rows that change nothing."""
        if self._state is None:
            state: dict[int, dict] = {}
            for row in self.cursor.execute("SELECT id, name, first_name, last_name, title, owner, company_id, tags, "
                                           "custom FROM crm_contacts"):
                state[row[0]] = {"name": row[1], "first_name": row[2], "last_name": row[3], "title": row[4],
                                 "owner": row[5], "company_id": row[6], "tags": json.loads(row[7] or "[]"),
                                 "custom": json.loads(row[8] or "{}"), "emails": [], "phones": []}
            for table, key in (("crm_contact_emails", "email"), ("crm_contact_phones", "phone")):
                for contact_id, value in self.cursor.execute(
                        f"SELECT contact_id, {key} FROM {table} ORDER BY contact_id, position"):
                    state[contact_id][key + "s"].append(value)
            self._state = state
        return self._state

    def would_change(self, contact_id: int, data: ContactInput, emails, phones, company_id) -> bool:
        """What apply_changes would do, decided in memory: an empty cell never counts."""
        current = self._existing_state().get(contact_id)
        if current is None:
            return True
        given = {"name": data.name.strip(), "title": data.title, "owner": data.owner,
                 "first_name": data.first_name, "last_name": data.last_name, "company_id": company_id}
        if any(value not in ("", None) and value != current[key] for key, value in given.items()):
            return True
        if any(e not in current["emails"] for e in emails) or any(p not in current["phones"] for p in phones):
            return True
        if any(t not in current["tags"] for t in data.tags):
            return True
        return any(v != "" and current["custom"].get(k) != v for k, v in data.custom.items())

    def _id(self, table: str) -> int:
        value = self.next_id[table]
        self.next_id[table] += 1
        return value

    def _history(self, record_type: str, record_uuid: str, batch: str, values: dict) -> None:
        changes = self.rows["crm_changes"]
        changes.append((new_uuid(), batch, record_type, record_uuid, "*", None, '"created"', self.at, "import"))
        for name, value in values.items():
            if value in ("", None, []):
                continue
            old = "[]" if isinstance(value, list) else ("null" if name.endswith("_id") else '""')
            old = None if old == "null" else old
            changes.append((new_uuid(), batch, record_type, record_uuid, name, old,
                            json.dumps(value, ensure_ascii=False), self.at, "import"))

    def company_for(self, name: str, emails: list[str]) -> int:
        key = name.strip().lower()
        if key in self.companies:
            return self.companies[key][0]
        company_id, uuid = self._id("crm_companies"), new_uuid()
        domains = [d for d in dict.fromkeys(e.rpartition("@")[2] for e in emails)
                   if d not in self.free and d not in self.claimed]
        self.claimed.update(domains)
        self.rows["crm_companies"].append((company_id, uuid, name.strip(), self.at, self.at))
        self.rows["crm_company_domains"] += [(company_id, d) for d in domains]
        self._history("company", uuid, new_uuid(), {"name": name.strip(), "domains": domains})
        self.companies[key] = (company_id, uuid)
        self.company_uuid[company_id] = uuid
        return company_id

    def new_contact(self, data: ContactInput, emails: list[str], phones: list[str], company_id: int | None) -> int:
        contact_id, uuid = self._id("crm_contacts"), new_uuid()
        first, last = split_name(data.name)
        values = {"name": data.name.strip(), "first_name": data.first_name or first,
                  "last_name": data.last_name or last, "title": data.title, "owner": data.owner}
        self.rows["crm_contacts"].append((contact_id, uuid, *values.values(), company_id,
                                          json.dumps(data.tags, ensure_ascii=False),
                                          json.dumps(data.custom, ensure_ascii=False), self.at, self.at))
        self.rows["crm_contact_emails"] += [(contact_id, e, i) for i, e in enumerate(emails)]
        self.rows["crm_contact_phones"] += [(contact_id, p, i) for i, p in enumerate(phones)]
        for email in emails:
            self.email_owner[email] = contact_id
        history = {**values, "company_id": self.company_uuid.get(company_id), "emails": emails, "phones": phones,
                   "tags": data.tags, **{f"custom.{k}": v for k, v in data.custom.items()}}
        self._history("contact", uuid, new_uuid(), history)
        return contact_id

    def new_note(self, body: str, contact_id: int) -> None:
        note_id, uuid = self._id("crm_notes"), new_uuid()
        self.rows["crm_notes"].append((note_id, uuid, body, contact_id, self.at, self.at))
        self._history("note", uuid, new_uuid(), {"body": body})

    def flush(self) -> None:
        statements = {
            "crm_companies": "INSERT INTO crm_companies (id, uuid, name, created_at, updated_at, industry, owner, "
                             "tags, custom) VALUES (?, ?, ?, ?, ?, '', '', '[]', '{}')",
            "crm_company_domains": "INSERT INTO crm_company_domains (company_id, domain) VALUES (?, ?)",
            "crm_contacts": "INSERT INTO crm_contacts (id, uuid, name, first_name, last_name, title, owner, "
                            "company_id, tags, custom, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            "crm_contact_emails": "INSERT INTO crm_contact_emails (contact_id, email, position, label) "
                                  "VALUES (?, ?, ?, '')",
            "crm_contact_phones": "INSERT INTO crm_contact_phones (contact_id, phone, position, label) "
                                  "VALUES (?, ?, ?, '')",
            "crm_notes": "INSERT INTO crm_notes (id, uuid, body, contact_id, created_at, updated_at) "
                         "VALUES (?, ?, ?, ?, ?, ?)",
            "crm_changes": "INSERT INTO crm_changes (op_uuid, batch_uuid, record_type, record_uuid, field, old, new, "
                           "at, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        }
        for table, sql in statements.items():  # parents before children
            self.cursor.executemany(sql, self.rows[table])
        self.cursor.close()


def _merged_phones(session, contact_id: int, phones: list[str]) -> list[str]:
    from app.store.crm_models import ContactPhone

    current = [p for (p,) in session.query(ContactPhone.phone).filter(ContactPhone.contact_id == contact_id)
               .order_by(ContactPhone.position)]
    return current + [p for p in phones if p not in current]


def _current_tags(contact) -> list[str]:
    return json.loads(contact.tags or "[]")



def is_vcard(data: bytes, filename: str = "") -> bool:
    if filename.lower().endswith((".vcf", ".vcard")):
        return True
    head = data[:4096].lstrip(b"\xef\xbb\xbf\xff\xfe\x00").lower().replace(b"\x00", b"")
    return head.lstrip().startswith(b"begin:vcard")


def import_file(store: Store, data: bytes, filename: str = "", dry_run: bool = False,
                overrides: dict[str, str] | None = None) -> ImportReport:
    """A CSV, vCard or LDIF file (told apart by its name or its first line), checked, then all or nothing."""
    from app.crm.ldif import import_ldif, is_ldif

    if is_ldif(data, filename):
        return import_ldif(store, data, dry_run=dry_run)
    if is_vcard(data, filename):
        from app.crm.vcard import import_vcards

        return import_vcards(store, data, dry_run=dry_run)
    return import_contacts(store, data, overrides, dry_run=dry_run)
