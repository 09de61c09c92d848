"""`profile encrypt` and `profile status`: the encrypted profile from the command line.

``encrypt`` converts a plain profile in place (:mod:`app.store.convert`), one line per step;
it refuses (exit 9) while another Liaison has the profile open.  An encrypted profile is left
as it is.  ``status`` says whether the profile is encrypted and whether its key is here.
"""

from __future__ import annotations

from app.logging_setup import configure_logging
from app.paths import ProfilePaths
import app.secrets  # noqa: F401  (registers where profile keys are kept)
from app.store import convert, profile_key, profile_lock

STEP_LINES = {
    convert.STEP_COPY: "copying the database into an encrypted file",
    convert.STEP_VERIFY: "verifying the encrypted copy (integrity and every table's rows)",
    convert.STEP_SWAP: "replacing the plain file with the encrypted one",
    convert.STEP_BACKUPS: "encrypting the migration backups",
}


def run(args) -> int:
    paths = ProfilePaths.resolve(args.profile).ensure()
    configure_logging(paths)
    if args.action == "status":
        return _status(paths)
    profile_lock.hold_shared(paths)
    try:
        return _encrypt(paths)
    finally:
        profile_lock.release(paths)


def _encrypt(paths: ProfilePaths) -> int:
    from app.store.migrate import ensure_schema

    convert.finish_pending(paths)
    if profile_key.is_encrypted(paths.root):
        profile_key.key_for(paths.root)  # the key must be here: one sentence otherwise
        print("The profile is already encrypted; nothing to do.")
        return 0
    profile_lock.require_exclusive(paths)
    try:
        if not convert.is_plain_database(paths.database):
            if paths.database.exists() and paths.database.stat().st_size > 0:
                ensure_schema(paths)  # not a database: says so in one sentence
            ensure_schema(paths, profile_key.create_key(paths.root))
            print(f"The new profile is encrypted; its key is in {_key_store()}.")
            return 0

        def progress(step: int, steps: int, what: str) -> None:
            print(f"Step {step} of {steps}: {STEP_LINES[what]}…", flush=True)

        convert.encrypt_profile(paths, progress)
    finally:
        profile_lock.release_exclusive(paths)
    print(f"The profile is now encrypted; its key is in {_key_store()}.")
    return 0


def _key_store() -> str:
    """Where the profile's key is kept: the store every secret goes to (app.secrets)."""
    from app.secrets import store_in_use

    return "the system keyring" if store_in_use() == "keyring" else "the encrypted secrets file"


def _status(paths: ProfilePaths) -> int:
    if not profile_key.is_encrypted(paths.root):
        print("The profile is not encrypted (liaison profile encrypt converts it).")
        return 0
    profile_key.key_for(paths.root)
    print(f"The profile is encrypted (SQLCipher, AES-256); its key is in {_key_store()}.")
    return 0
