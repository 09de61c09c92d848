"""The team server's TLS context is made once per CA file, not once per sync round (making one
reads the system's certificate store: half of a round with nothing new), and caching it keeps
every check: the certificate is verified over real TLS, a CA file that disappears is named as
bad input at the next round, and one replaced on disk is read again."""

from __future__ import annotations

import json
import os

import pytest

from app.errors import TlsError, UserFacingError
from app.sync.transport import TeamServer, shared_context
from tests.support.https_server import CannedHttpsServer
from tests.support.tls import make_test_certificates


@pytest.fixture
def https(tmp_path):
    ca, cert, key = make_test_certificates(tmp_path / "certs")
    server = CannedHttpsServer(cert, key)
    server.routes["/healthz"] = (200, {"Content-Type": "application/json"}, json.dumps({"ok": True}).encode())
    yield server, ca
    server.stop()


def test_one_context_per_ca_file_serves_every_round_with_the_certificate_verified(https):
    server, ca = https
    first = TeamServer(f"https://127.0.0.1:{server.port}", "token", str(ca))
    second = TeamServer(f"https://127.0.0.1:{server.port}", "token", str(ca))
    assert first._context is second._context is shared_context(str(ca))
    assert first.get("/healthz") == second.get("/healthz") == {"ok": True}
    # Without the team's CA the same server is refused: the shared default context verifies.
    with pytest.raises(TlsError):
        TeamServer(f"https://127.0.0.1:{server.port}", "token").get("/healthz")
    assert shared_context(None) is shared_context(None)


def test_a_ca_file_gone_or_replaced_is_checked_again(https, tmp_path):
    server, ca = https
    before = shared_context(str(ca))
    pem = ca.read_bytes()
    ca.unlink()
    with pytest.raises(UserFacingError) as gone:
        TeamServer(f"https://127.0.0.1:{server.port}", "token", str(ca))
    assert gone.value.code == "tls.ca_missing"
    ca.write_bytes(b"not a certificate")
    with pytest.raises(UserFacingError) as broken:
        shared_context(str(ca))
    assert broken.value.code == "tls.ca_unusable"
    ca.write_bytes(pem)
    os.utime(ca, ns=(1, 1))  # a different file on disk even within the clock's resolution
    again = shared_context(str(ca))
    assert again is not before
    assert TeamServer(f"https://127.0.0.1:{server.port}", "token", str(ca)).get("/healthz") == {"ok": True}
