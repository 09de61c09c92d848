"""Settings declared once, read and written in one place (no Qt).

:mod:`app.settings.schema` declares every setting (key, type, default, label, help, scope,
section); :mod:`app.settings.values` reads (:func:`get`, :func:`effective`, where a policy may
preset or lock a value) and writes (:func:`set_value`) them, wherever their scope keeps them:
the machine file (:mod:`app.settings.machine`), the profile's ``crm_settings`` table, or an
account's columns.  The Settings window and the CLI are built from the same schema.
"""

from app.settings.checks import InvalidSetting, SettingLocked, UnknownSetting
from app.settings.schema import SCHEMA, SECTIONS, Setting, setting
from app.settings.values import Effective, describe_all, effective, get, set_value

__all__ = ["SCHEMA", "SECTIONS", "Effective", "InvalidSetting", "Setting", "SettingLocked", "UnknownSetting",
           "describe_all", "effective", "get", "set_value", "setting"]
