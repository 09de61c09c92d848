"""The encrypted secrets file: format, wrong password vs damage, file mode, atomic writes,
two writers, and SecretStore choosing it when no keyring works."""

from __future__ import annotations

import json
import multiprocessing
import os
import stat

import pytest

from app.errors import KeyringUnavailable, SecretsLocked
from app.secrets import SecretStore, move_file_to_keyring, store_in_use
from app.settings import machine
from app.vault import sealed, session
from tests.conftest import FAST_KDF
from app.vault.secrets_file import SecretsFile

def test_a_new_file_uses_argon2id_with_the_documented_cost_and_is_not_plaintext(secrets_file):
    file = SecretsFile(secrets_file)
    key = file.create("primary password 1")
    file.update(key, lambda entries: entries.update({"acct:password": "hunter2-very-secret"}))
    raw = secrets_file.read_bytes()
    assert b"hunter2" not in raw and b"acct" not in raw and b"primary password" not in raw
    document = json.loads(raw)
    assert document["kdf"]["name"] == "argon2id"
    assert (document["kdf"]["t"], document["kdf"]["m"], document["kdf"]["p"]) == (3, 65536, 1)
    assert len(sealed._unb64(document["kdf"]["salt"])) == 16
    assert len(sealed._unb64(document["nonce"])) == 12
    assert file.read(file.unlock("primary password 1")) == {"acct:password": "hunter2-very-secret"}


def test_round_trip_and_every_write_uses_a_fresh_nonce(secrets_file, fast_kdf):
    file = SecretsFile(secrets_file)
    key = file.create("pw-123456")
    file.update(key, lambda e: e.update({"a:password": "一二三", "b:token": "x" * 500}))
    first = json.loads(secrets_file.read_bytes())["nonce"]
    file.update(key, lambda e: e.pop("b:token"))
    assert json.loads(secrets_file.read_bytes())["nonce"] != first
    assert SecretsFile(secrets_file).read(SecretsFile(secrets_file).unlock("pw-123456")) == {"a:password": "一二三"}


def test_a_wrong_password_is_told_apart_from_a_damaged_file(secrets_file, fast_kdf):
    file = SecretsFile(secrets_file)
    file.update(file.create("right-password"), lambda e: e.update({"a:password": "s"}))
    with pytest.raises(SecretsLocked) as wrong:
        file.unlock("wrong-password")
    assert wrong.value.code == "secrets.wrong_password" and wrong.value.exit_code == 7


@pytest.mark.parametrize("field", ["data", "nonce", "verifier", "salt", "sha256", "anywhere"])
def test_a_tampered_byte_is_a_clear_damaged_error_not_a_crash(secrets_file, fast_kdf, field):
    file = SecretsFile(secrets_file)
    file.update(file.create("right-password"), lambda e: e.update({"a:password": "s"}))
    raw = bytearray(secrets_file.read_bytes())
    if field == "anywhere":
        for offset in range(0, len(raw), 7):  # every 7th byte, one at a time
            changed = bytearray(raw)
            changed[offset] ^= 0x01
            secrets_file.write_bytes(bytes(changed))
            with pytest.raises(SecretsLocked) as caught:
                file.read(file.unlock("right-password"))
            assert caught.value.code == "secrets.damaged"
        return
    document = json.loads(raw)
    holder = document["kdf"] if field == "salt" else document
    text = holder[field]
    holder[field] = text[:4] + ("A" if text[4] != "A" else "B") + text[5:]
    if field != "sha256":  # an attacker who also fixes the checksum: the GCM tag still catches it
        document["sha256"] = sealed._checksum(document)
    secrets_file.write_text(json.dumps(document))
    with pytest.raises(SecretsLocked) as caught:
        file.read(file.unlock("right-password"))
    expected = "secrets.wrong_password" if field in ("verifier", "salt") else "secrets.damaged"
    assert caught.value.code == expected
    assert "right-password" not in str(caught.value)


def test_the_file_is_readable_by_its_owner_only(secrets_file, fast_kdf):
    file = SecretsFile(secrets_file)
    key = file.create("pw-123456")
    assert stat.S_IMODE(secrets_file.stat().st_mode) == 0o600
    os.chmod(secrets_file, 0o644)
    file.update(key, lambda e: e.update({"a:password": "s"}))
    assert stat.S_IMODE(secrets_file.stat().st_mode) == 0o600


def test_a_failed_write_leaves_the_old_file_whole_and_no_temporary_file(secrets_file, fast_kdf, monkeypatch):
    file = SecretsFile(secrets_file)
    key = file.create("pw-123456")
    file.update(key, lambda e: e.update({"a:password": "old"}))
    before = secrets_file.read_bytes()

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        file.update(key, lambda e: e.update({"a:password": "new"}))
    monkeypatch.undo()
    assert secrets_file.read_bytes() == before
    assert sorted(p.name for p in secrets_file.parent.iterdir() if p.name.startswith(".secrets-")) == []


def _add_entries(path: str, key: sealed.Key, prefix: str, count: int) -> None:
    file = SecretsFile(path)
    for number in range(count):
        file.update(key, lambda e, n=number: e.update({f"{prefix}{n}:password": f"secret-{prefix}{n}"}))


def test_two_writers_at_once_lose_none_of_each_others_entries(secrets_file, fast_kdf):
    key = SecretsFile(secrets_file).create("pw-123456")
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_add_entries, args=(str(secrets_file), key, prefix, 40))
               for prefix in ("a", "b", "c")]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    entries = SecretsFile(secrets_file).read(key)
    assert len(entries) == 120
    assert entries["b39:password"] == "secret-b39"


def test_secret_store_uses_the_file_when_no_keyring_works_and_asks_to_unlock(secrets_file, fast_kdf, no_keyring):
    store = SecretStore()
    assert store_in_use() == "file"
    with pytest.raises(SecretsLocked) as none_yet:
        store.ensure_available()
    assert none_yet.value.code == "secrets.no_primary_password"
    session.create("pw-123456")
    store.set_password("uuid-1", "imap secret")
    store.set_password("uuid-1", "refresh", kind="token")
    assert store.get_password("uuid-1") == "imap secret"
    session.lock()
    with pytest.raises(SecretsLocked) as locked:
        store.get_password("uuid-1")
    assert locked.value.code == "secrets.locked"
    with pytest.raises(SecretsLocked):
        session.unlock("not it")
    session.unlock("pw-123456")
    assert store.get_password("uuid-1", kind="token") == "refresh"
    store.delete_password("uuid-1")
    store.delete_password("uuid-1")  # idempotent
    assert store.get_password("uuid-1") is None


def test_auto_prefers_a_working_keyring_and_keeps_an_existing_file_until_it_is_moved(secrets_file, fast_kdf,
                                                                                      memory_keyring):
    assert store_in_use() == "keyring"
    session.create("pw-123456")
    assert store_in_use() == "file"  # the file holds passwords: a keyring never hides them
    SecretStore().set_password("uuid-2", "in the file")
    assert move_file_to_keyring() == 1
    assert not secrets_file.exists() and store_in_use() == "keyring"
    assert SecretStore().get_password("uuid-2") == "in the file"


def test_the_setting_forces_a_store(secrets_file, fast_kdf, no_keyring):
    machine.write("secrets_store", "keyring")
    try:
        with pytest.raises(KeyringUnavailable):
            SecretStore().ensure_available()
        machine.write("secrets_store", "file")
        assert store_in_use() == "file"
    finally:
        machine.write("secrets_store", None)


def test_changing_the_primary_password_keeps_every_entry(secrets_file, fast_kdf):
    session.create("first-pw-1")
    SecretsFile(secrets_file).update(session.key(), lambda e: e.update({"a:password": "kept"}))
    session.change_password("first-pw-1", "second-pw-2")
    with pytest.raises(SecretsLocked):
        SecretsFile(secrets_file).unlock("first-pw-1")
    assert SecretsFile(secrets_file).read(SecretsFile(secrets_file).unlock("second-pw-2")) == {"a:password": "kept"}


def test_the_key_never_shows_in_a_repr():
    key = sealed.derive("pw", kdf=FAST_KDF)
    assert key.key.hex() not in repr(key) and str(key.key) not in repr(key)


def test_a_file_asking_for_absurd_key_derivation_costs_is_damaged_not_obeyed(secrets_file, fast_kdf):
    file = SecretsFile(secrets_file)
    file.create("right-password")
    document = json.loads(secrets_file.read_bytes())
    document["kdf"]["m"] = 2 ** 40  # 1 PiB of memory
    document["sha256"] = sealed._checksum(document)
    secrets_file.write_text(json.dumps(document))
    with pytest.raises(SecretsLocked) as caught:
        file.unlock("right-password")
    assert caught.value.code == "secrets.damaged"
