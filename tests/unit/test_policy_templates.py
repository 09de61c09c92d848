"""The policy templates in packaging/policies are generated from the settings schema and kept current.

A new setting, a changed label or a new Chinese translation changes them: run
``scripts/policy_templates.py write`` and commit the result.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from app.settings.policy_file import read
from app.settings.schema import SCHEMA

REPO = Path(__file__).resolve().parents[2]
OUT = REPO / "packaging" / "policies"
GP = "{http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions}"


def _tool():
    spec = importlib.util.spec_from_file_location("policy_templates_tool", REPO / "scripts" / "policy_templates.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


tool = _tool()


def test_the_committed_templates_are_what_the_schema_generates():
    assert tool.stale() == [], "packaging/policies is out of date: run scripts/policy_templates.py write and commit"


def test_every_setting_is_in_every_template():
    keys = {s.key for s in SCHEMA}
    schema = json.loads((OUT / "policies.schema.json").read_text(encoding="utf-8"))
    assert set(schema["properties"]["policies"]["properties"]) == keys
    assert set(json.loads((OUT / "policies.example.json").read_text(encoding="utf-8"))["policies"]) == keys
    admx = ET.parse(OUT / "liaison.admx").getroot()
    assert {p.get("name") for p in admx.iter(f"{GP}policy")} == keys


def test_the_example_file_is_read_without_a_problem_and_changes_nothing(tmp_path):
    loaded = read(OUT / "policies.example.json")
    assert loaded.problems == ()
    assert {key: p.value for key, p in loaded.policies.items()} == {s.key: s.default for s in SCHEMA}
    assert not any(p.locked for p in loaded.policies.values())


def test_every_string_and_presentation_the_admx_names_is_in_each_adml():
    admx_text = (OUT / "liaison.admx").read_text(encoding="utf-8")
    wanted_strings = set(re.findall(r"\$\(string\.([^)]+)\)", admx_text))
    wanted_presentations = set(re.findall(r"\$\(presentation\.([^)]+)\)", admx_text))
    for language in ("en-US", "zh-CN"):
        adml = ET.parse(OUT / language / "liaison.adml").getroot()
        strings = {s.get("id") for s in adml.iter(f"{GP}string")}
        presentations = {p.get("id") for p in adml.iter(f"{GP}presentation")}
        assert wanted_strings - strings == set(), language
        assert wanted_presentations - presentations == set(), language
    chinese = ET.parse(OUT / "zh-CN" / "liaison.adml").getroot()
    label = next(s.text for s in chinese.iter(f"{GP}string") if s.get("id") == "remote_content")
    assert label != "Load remote images and styles"  # translated from the committed .ts
