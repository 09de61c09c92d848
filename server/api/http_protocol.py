"""uvicorn's HTTP/1.1 protocol with TCP_NODELAY on every connection.

With several workers uvicorn binds the listening socket itself, and asyncio then does not set
TCP_NODELAY on accepted connections: a response written in two or three pieces waits for the
client's delayed ACK (Nagle), about 40 ms on every kept-alive request. Measured by
bench/server_bench.py: /healthz 48 ms with two workers, 3 ms with this.
"""

from __future__ import annotations

import socket

from uvicorn.protocols.http.h11_impl import H11Protocol


class NoDelayH11Protocol(H11Protocol):
    def connection_made(self, transport):
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().connection_made(transport)
