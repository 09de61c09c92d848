"""A throwaway certificate authority and server certificate for loopback test servers."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path


_made: dict[Path, tuple[Path, Path, Path]] = {}


def make_test_certificates(folder: Path) -> tuple[Path, Path, Path]:
    """(ca.pem, server cert, server key) for localhost, 127.0.0.1,
    example.test and autoconfig.example.test.

    Key generation is slow, so one set is made per process and copied to each folder.
    """
    folder.mkdir(parents=True, exist_ok=True)
    if not _made:
        cache = Path(tempfile.mkdtemp(prefix="liaison-certs-"))
        _made[cache] = _generate(cache)
    made = next(iter(_made.values()))
    copies = tuple(folder / p.name for p in made)
    for source, target in zip(made, copies):
        shutil.copyfile(source, target)
    return copies  # type: ignore[return-value]


def _generate(folder: Path) -> tuple[Path, Path, Path]:
    ca_key, ca_cert = folder / "ca.key", folder / "ca.pem"
    key, csr, cert = folder / "server.key", folder / "server.csr", folder / "server.pem"
    ext = folder / "ext.cnf"
    ext.write_text("subjectAltName=DNS:localhost,DNS:example.test,DNS:autoconfig.example.test,"
                   "IP:127.0.0.1\nbasicConstraints=CA:FALSE\n")
    run = lambda *args: subprocess.run(args, check=True, capture_output=True)  # noqa: E731
    run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
        "/CN=Liaison Test CA", "-keyout", str(ca_key), "-out", str(ca_cert))
    run("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost",
        "-keyout", str(key), "-out", str(csr))
    run("openssl", "x509", "-req", "-in", str(csr), "-CA", str(ca_cert), "-CAkey", str(ca_key),
        "-CAcreateserial", "-days", "2", "-extfile", str(ext), "-out", str(cert))
    return ca_cert, cert, key
