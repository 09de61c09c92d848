"""The encrypted profile in-process: new profiles, the key, no keyring, the policy, the lock."""

from __future__ import annotations

import json
import sqlite3

import pytest

from app.errors import Busy, SecretsLocked, StoreError
from app.paths import ProfilePaths
from app.profile import open_profile
from app.store import profile_key, profile_lock

pytestmark = pytest.mark.encrypted


def test_a_new_profile_is_encrypted_and_reopens_with_its_key(tmp_path):
    paths, store = open_profile(str(tmp_path / "p"))
    store.close()
    assert profile_key.is_encrypted(paths.root)
    with pytest.raises(sqlite3.DatabaseError):
        with sqlite3.connect(paths.database) as plain:
            plain.execute("SELECT count(*) FROM sqlite_master").fetchone()
    profile_key.clear_cache()
    _paths, again = open_profile(str(tmp_path / "p"))
    again.close()


def test_without_the_key_one_sentence(tmp_path):
    paths, store = open_profile(str(tmp_path / "p"))
    store.close()
    profile_key.forget_key(paths.root)
    with pytest.raises(StoreError) as refused:
        open_profile(str(tmp_path / "p"))
    assert refused.value.code == "profile.key_missing" and refused.value.exit_code == 8
    assert refused.value.message.count(".") == 1 and "not in the keyring" in refused.value.message


def test_no_keyring_and_no_primary_password_leave_a_new_profile_plain_unless_a_policy_requires_encryption(
        tmp_path, monkeypatch, machine_policies, no_keyring):
    monkeypatch.delenv("LIAISON_PROFILE_ENCRYPTION")
    paths, store = open_profile(str(tmp_path / "p"))
    store.close()
    assert not profile_key.is_encrypted(paths.root)
    machine_policies.write_text(json.dumps({"policies": {"encrypt_profile": {"value": True, "locked": True}}}))
    from app.settings.policy_file import install_machine_policy

    install_machine_policy()
    # The key would go to the secrets file (no keyring), which has no primary password yet.
    with pytest.raises(SecretsLocked) as refused:
        open_profile(str(tmp_path / "q"))
    assert refused.value.code == "secrets.no_primary_password"


def test_no_keyring_keeps_the_key_in_the_unlocked_secrets_file(tmp_path, monkeypatch, no_keyring, fast_kdf):
    monkeypatch.delenv("LIAISON_PROFILE_ENCRYPTION")
    from app.vault import session

    session.create("primary-1")
    paths, store = open_profile(str(tmp_path / "p"))
    store.close()
    assert profile_key.is_encrypted(paths.root)
    profile_key.clear_cache()
    assert len(profile_key.key_for(paths.root)) == 32  # read back from the file


def test_the_setting_off_keeps_new_profiles_plain(tmp_path, monkeypatch, machine_settings):
    monkeypatch.delenv("LIAISON_PROFILE_ENCRYPTION")
    from app.settings.values import machine_value

    assert machine_value("encrypt_profile") is True  # the default
    machine_settings.write_text(json.dumps({"settings": {"encrypt_profile": False}}))
    paths, store = open_profile(str(tmp_path / "p"))
    store.close()
    assert not profile_key.is_encrypted(paths.root)


def test_a_profile_open_elsewhere_is_not_converted_under_it(tmp_path, monkeypatch):
    monkeypatch.setenv("LIAISON_PROFILE_ENCRYPTION", "off")
    paths, store = open_profile(str(tmp_path / "p"))
    monkeypatch.setattr(profile_lock, "try_exclusive", lambda paths: False)  # as if another process held it
    from app.cli import profile_command

    with pytest.raises(Busy):
        profile_command._encrypt(ProfilePaths(paths.root))
    store.close()
    assert not profile_key.is_encrypted(paths.root)


def test_every_connection_uses_the_same_codec_settings(tmp_path):
    import sqlcipher3

    from app.store import cipher

    paths, store = open_profile(str(tmp_path / "p"))
    key = store.key
    store.close()
    bare = sqlcipher3.connect(str(paths.database))  # SQLCipher's defaults (HMAC-SHA512): refused
    bare.execute(cipher.key_pragma(key))
    with pytest.raises(sqlcipher3.DatabaseError):
        bare.execute("SELECT count(*) FROM sqlite_master").fetchone()
    bare.close()
    connection = cipher.connect(paths.database, key)
    assert connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 100
    connection.close()
