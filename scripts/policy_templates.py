"""The policy templates IT uses, generated from the one settings schema (run from the repository's root).

    .venv/bin/python scripts/policy_templates.py write   # regenerate packaging/policies/
    .venv/bin/python scripts/policy_templates.py check   # exit 1 when a file there is out of date

Written to ``packaging/policies/``:

* ``policies.schema.json`` — a JSON Schema (draft 2020-12) of ``policies.json``: every setting,
  its type, allowed values and default; editors validate a file against it.
* ``policies.example.json`` — every setting with its default, unlocked, and its label and help
  as ``description``: copy the entries you need to ``/etc/liaison/policies.json``.
* ``liaison.admx``, ``en-US/liaison.adml``, ``zh-CN/liaison.adml`` — Windows Group Policy
  templates (copy them to ``C:\\Windows\\PolicyDefinitions`` or the domain's Central Store).
  Each setting is a policy under Liaison → its section, writing the registry values that
  :mod:`app.settings.policy_registry` reads; "Locked" is a check box in each.  The Chinese
  texts are the committed translation's (``resources/i18n/liaison_zh_CN.ts``, context
  ``settings``); a label not translated yet is in English there.

``tests/unit/test_policy_templates.py`` fails when these files drift from the schema (or from
the translation): run ``write`` and commit the result.
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from xml.sax.saxutils import escape

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from app.settings.policy_registry import ROOT  # noqa: E402
from app.settings.schema import BOOL, CHOICE, INT, LIST, MARKDOWN, SCHEMA, SECTIONS, Setting  # noqa: E402

OUT = REPO / "packaging" / "policies"
TS = REPO / "resources" / "i18n" / "liaison_zh_CN.ts"
NAMESPACE = "Liaison.Policies"

# The templates' own words (not the window's): English, and Chinese beside them.
WORDS = {
    "en-US": {
        "Liaison": "Liaison",
        "supported": "Liaison 1.0 and later",
        "description": "Settings of Liaison set by your organisation.",
        "locked": "Locked: users cannot change this setting",
        "explain": "{help}\n\nEnabled: Liaison uses the value set here. With \"Locked\" ticked, nobody can change "
                   "it on the computer (the Settings window shows it disabled, the command line refuses it); "
                   "otherwise it replaces the default and the user may change it.\n\nDisabled or not configured: "
                   "the user's own setting applies.\n\nSetting key: {key}",
        "true": "On", "false": "Off",
    },
    "zh-CN": {
        "Liaison": "Liaison",
        "supported": "Liaison 1.0 及更高版本",
        "description": "由贵单位设置的 Liaison 设置。",
        "locked": "锁定：用户不能更改此设置",
        "explain": "{help}\n\n已启用：Liaison 使用此处设置的值。勾选“锁定”后，任何人都不能在这台电脑上更改它"
                   "（设置窗口中显示为不可用，命令行拒绝更改）；否则它取代默认值，用户仍可更改。\n\n"
                   "已禁用或未配置：使用用户自己的设置。\n\n设置键：{key}",
        "true": "开", "false": "关",
    },
}


# -- JSON ------------------------------------------------------------------------------------
def _described(s: Setting) -> str:
    return f"{s.label}. {s.help}"


def value_schema(s: Setting) -> dict:
    if s.type == BOOL:
        found: dict = {"type": "boolean"}
    elif s.type == INT:
        found = {"type": "integer"}
        if s.minimum is not None:
            found["minimum"] = s.minimum
        if s.maximum is not None:
            found["maximum"] = s.maximum
    elif s.type == CHOICE:
        found = {"enum": list(s.choice_values)}
    elif s.type == LIST:
        found = {"type": "array", "items": {"type": "string"}}
    else:
        found = {"type": "string"}
    found["default"] = s.default
    return found


def json_schema() -> dict:
    entries = {}
    for s in SCHEMA:
        entries[s.key] = {
            "description": _described(s),
            "type": "object",
            "required": ["value"],
            "additionalProperties": False,
            "properties": {
                "value": value_schema(s),
                "locked": {"type": "boolean", "default": False,
                           "description": "true: nobody can change it on the computer; false: a preset."},
                "description": {"type": "string"},
            },
        }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Liaison policies.json",
        "description": "Settings an organisation presets or locks on a computer: /etc/liaison/policies.json, "
                       "%ProgramData%\\Liaison\\policies.json, /Library/Application Support/Liaison/policies.json "
                       "(or the file LIAISON_POLICIES names).",
        "type": "object",
        "required": ["policies"],
        "additionalProperties": False,
        "properties": {
            "$schema": {"type": "string"},
            "description": {"type": "string"},
            "policies": {"type": "object", "additionalProperties": False, "properties": entries},
        },
    }


def example() -> dict:
    return {
        "$schema": "./policies.schema.json",
        "description": "Every setting Liaison knows, at its default and unlocked. Keep the entries you need, "
                       "set \"locked\": true where nobody may change them, and save as policies.json.",
        "policies": {s.key: {"value": s.default, "locked": False, "description": _described(s)} for s in SCHEMA},
    }


def dumped(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# -- ADMX / ADML -----------------------------------------------------------------------------
def _category(section: str) -> str:
    return f"liaison_{section}"


def _element(s: Setting) -> str:
    if s.type == BOOL:
        return ('<boolean id="value" valueName="value"><trueValue><decimal value="1" /></trueValue>'
                '<falseValue><decimal value="0" /></falseValue></boolean>')
    if s.type == INT:
        low = f' minValue="{s.minimum}"' if s.minimum is not None else ""
        high = f' maxValue="{s.maximum}"' if s.maximum is not None else ""
        return f'<decimal id="value" valueName="value" required="true"{low}{high} />'
    if s.type == CHOICE:
        items = "".join(f'<item displayName="$(string.{s.key}_{value})"><value><string>{escape(value)}</string>'
                        f'</value></item>' for value in s.choice_values)
        return f'<enum id="value" valueName="value" required="true">{items}</enum>'
    if s.type == LIST:
        return f'<list id="value" key="{ROOT}\\{s.key}\\value" />'
    if s.type == MARKDOWN:
        return '<multiText id="value" valueName="value" />'
    return '<text id="value" valueName="value" />'


def admx() -> str:
    lines = ['<?xml version="1.0" encoding="utf-8"?>',
             '<!-- Generated by scripts/policy_templates.py from app/settings/schema.py: do not edit. -->',
             '<policyDefinitions xmlns:xsd="http://www.w3.org/2001/XMLSchema" '
             'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" revision="1.0" schemaVersion="1.0" '
             'xmlns="http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions">',
             '  <policyNamespaces>',
             f'    <target prefix="liaison" namespace="{NAMESPACE}" />',
             '    <using prefix="windows" namespace="Microsoft.Policies.Windows" />',
             '  </policyNamespaces>',
             '  <resources minRequiredRevision="1.0" />',
             '  <supportedOn>',
             '    <definitions>',
             '      <definition name="SUPPORTED_Liaison" displayName="$(string.SUPPORTED_Liaison)" />',
             '    </definitions>',
             '  </supportedOn>',
             '  <categories>',
             '    <category name="Liaison" displayName="$(string.Liaison)" />']
    for section in SECTIONS:
        if any(s.section == section for s in SCHEMA):
            lines += [f'    <category name="{_category(section)}" displayName="$(string.{_category(section)})">',
                      '      <parentCategory ref="Liaison" />',
                      '    </category>']
    lines += ['  </categories>', '  <policies>']
    for s in SCHEMA:
        lines += [f'    <policy name="{s.key}" class="Machine" displayName="$(string.{s.key})" '
                  f'explainText="$(string.{s.key}_help)" presentation="$(presentation.{s.key})" '
                  f'key="{ROOT}\\{s.key}">',
                  f'      <parentCategory ref="{_category(s.section)}" />',
                  '      <supportedOn ref="SUPPORTED_Liaison" />',
                  '      <elements>',
                  f'        {_element(s)}',
                  '        <boolean id="locked" valueName="locked"><trueValue><decimal value="1" /></trueValue>'
                  '<falseValue><decimal value="0" /></falseValue></boolean>',
                  '      </elements>',
                  '    </policy>']
    lines += ['  </policies>', '</policyDefinitions>', '']
    return "\n".join(lines)


def chinese() -> dict[str, str]:
    """The finished translations of the ``settings`` context in the committed .ts file."""
    found = {}
    for context in ET.parse(TS).getroot().iter("context"):
        if (context.findtext("name") or "") != "settings":
            continue
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is not None and translation.get("type") not in ("unfinished", "vanished", "obsolete") \
                    and translation.text:
                found[message.findtext("source") or ""] = translation.text
    return found


def adml(language: str) -> str:
    words = WORDS[language]
    texts = chinese() if language == "zh-CN" else {}

    def t(text: str) -> str:
        return texts.get(text, text)

    strings = [("Liaison", words["Liaison"]), ("SUPPORTED_Liaison", words["supported"])]
    strings += [(_category(section), t(title)) for section, title in SECTIONS.items()
                if any(s.section == section for s in SCHEMA)]
    for s in SCHEMA:
        strings.append((s.key, t(s.label)))
        strings.append((f"{s.key}_help", words["explain"].format(help=t(s.help), key=s.key)))
        for value, label in s.choices or ():
            strings.append((f"{s.key}_{value}", t(label)))
    lines = ['<?xml version="1.0" encoding="utf-8"?>',
             '<!-- Generated by scripts/policy_templates.py from app/settings/schema.py: do not edit. -->',
             '<policyDefinitionResources xmlns:xsd="http://www.w3.org/2001/XMLSchema" '
             'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" revision="1.0" schemaVersion="1.0" '
             'xmlns="http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions">',
             f'  <displayName>{escape(words["Liaison"])}</displayName>',
             f'  <description>{escape(words["description"])}</description>',
             '  <resources>',
             '    <stringTable>']
    lines += [f'      <string id="{name}">{escape(text)}</string>' for name, text in strings]
    lines += ['    </stringTable>', '    <presentationTable>']
    for s in SCHEMA:
        label = escape(t(s.label))
        lines.append(f'      <presentation id="{s.key}">')
        if s.type == BOOL:
            default = "true" if s.default else "false"
            lines.append(f'        <checkBox refId="value" defaultChecked="{default}">{label}</checkBox>')
        elif s.type == INT:
            lines.append(f'        <decimalTextBox refId="value" defaultValue="{s.default}">{label}</decimalTextBox>')
        elif s.type == CHOICE:
            lines.append(f'        <dropdownList refId="value" noSort="true" '
                         f'defaultItem="{s.choice_values.index(s.default)}">{label}</dropdownList>')
        elif s.type == LIST:
            lines.append(f'        <listBox refId="value">{label}</listBox>')
        elif s.type == MARKDOWN:
            lines.append(f'        <multiTextBox refId="value">{label}</multiTextBox>')
        else:
            default = f"<defaultValue>{escape(s.default)}</defaultValue>" if s.default else ""
            lines.append(f'        <textBox refId="value"><label>{label}</label>{default}</textBox>')
        lines.append(f'        <checkBox refId="locked" defaultChecked="true">{escape(words["locked"])}</checkBox>')
        lines.append('      </presentation>')
    lines += ['    </presentationTable>', '  </resources>', '</policyDefinitionResources>', '']
    return "\n".join(lines)


def generated() -> dict[str, str]:
    """Every file of ``packaging/policies`` (relative path → text)."""
    return {
        "policies.schema.json": dumped(json_schema()),
        "policies.example.json": dumped(example()),
        "liaison.admx": admx(),
        "en-US/liaison.adml": adml("en-US"),
        "zh-CN/liaison.adml": adml("zh-CN"),
    }


def write() -> None:
    for name, text in generated().items():
        target = OUT / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")
        print(target.relative_to(REPO))


def stale() -> list[str]:
    """The files that differ from what the schema generates now."""
    return [name for name, text in generated().items()
            if not (OUT / name).exists() or (OUT / name).read_text(encoding="utf-8") != text]


def main(argv: list[str]) -> int:
    if argv[:1] == ["write"]:
        write()
        return 0
    if argv[:1] == ["check"]:
        out_of_date = stale()
        for name in out_of_date:
            print(f"out of date: packaging/policies/{name} (run: scripts/policy_templates.py write)")
        return 1 if out_of_date else 0
    print("usage: scripts/policy_templates.py write|check", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
