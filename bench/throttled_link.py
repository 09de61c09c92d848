"""A loopback TCP relay with a bandwidth limit: a remote mail server, as seen from a laptop.

The benchmark's Dovecot is on the same machine, so a sync is bound by CPU, not by the
network; real mailboxes are behind a link of a few to a few tens of MB/s.  The relay
forwards bytes unchanged (TLS passes through; the certificate still names localhost) and
paces the server-to-client direction to ``megabytes_per_second``.
"""

from __future__ import annotations

import socket
import threading
import time

CHUNK = 64 * 1024


class ThrottledLink:
    """Listen on 127.0.0.1:``port`` and relay each connection to ``target_port``."""

    def __init__(self, target_port: int, megabytes_per_second: float):
        self.target_port = target_port
        self.rate = megabytes_per_second * 1e6
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._closed = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def close(self) -> None:
        self._closed.set()
        self._listener.close()

    def _accept(self) -> None:
        while not self._closed.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            server = socket.create_connection(("127.0.0.1", self.target_port))
            threading.Thread(target=self._pump, args=(client, server, None), daemon=True).start()
            threading.Thread(target=self._pump, args=(server, client, self.rate), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket, rate: float | None) -> None:
        free_at = time.monotonic()  # when the link has sent what it was given (no saved-up burst)
        try:
            while data := source.recv(CHUNK):
                sink.sendall(data)
                if rate:
                    free_at = max(free_at, time.monotonic()) + len(data) / rate
                    time.sleep(max(0.0, free_at - time.monotonic()))
        except OSError:
            pass
        finally:
            for end in (source, sink):
                try:
                    end.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                end.close()
