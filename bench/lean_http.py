"""A minimal HTTP/1.1 keep-alive client for load generators (plain HTTP on loopback).

Why not httpx: the load generator shares the machine's two cores with the server it measures,
and an ``httpx.AsyncClient`` request cost the generator 4.5-5 ms of CPU (its request and
response models, URL parsing, cookie handling), a sixth of what the server spent answering
it. This client writes the request line and headers itself and reads a Content-Length or
chunked answer: a few hundred microseconds. It does what one simulated device needs and no
more: one connection per client, requests one after another, no TLS, no redirects, no
retries (a failed request is reported, as a real client would see it).
"""

from __future__ import annotations

import asyncio
import socket
from urllib.parse import urlencode, urlsplit

import orjson


class TransportError(Exception):
    """The connection failed or closed before a whole answer arrived; ``kind`` names the
    underlying error (e.g. ``IncompleteReadError``)."""

    def __init__(self, kind: str, detail: str):
        super().__init__(f"{kind}: {detail}")
        self.kind = kind


class Response:
    def __init__(self, status_code: int, content: bytes):
        self.status_code = status_code
        self.content = content

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", "replace")

    def json(self):
        return orjson.loads(self.content)


class LeanClient:
    def __init__(self, base_url: str, timeout: float = 30):
        parts = urlsplit(base_url)
        if parts.scheme != "http":
            raise ValueError("LeanClient speaks plain HTTP only")
        self.host, self.port = parts.hostname, parts.port or 80
        self.timeout = timeout
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def _connection(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        # A kept-alive connection the server has closed meanwhile reads as EOF: open a new one
        # (what any client's pool does before reusing a connection).
        if self._writer is None or self._reader.at_eof() or self._writer.is_closing():
            await self.aclose()
            self._reader, self._writer = await asyncio.open_connection(self.host, self.port)
            self._writer.get_extra_info("socket").setsockopt(
                socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return self._reader, self._writer

    async def request(self, method: str, path: str, headers: dict | None = None,
                      params: dict | None = None, json=None) -> Response:
        try:
            return await asyncio.wait_for(self._request(method, path, headers, params, json),
                                          self.timeout)
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError,
                asyncio.TimeoutError, ValueError) as exc:
            await self.aclose()
            raise TransportError(type(exc).__name__, str(exc)) from None

    async def _request(self, method, path, headers, params, json) -> Response:
        reader, writer = await self._connection()
        if params:
            path = f"{path}?{urlencode(params)}"
        body = b"" if json is None else orjson.dumps(json)
        lines = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}",
                 f"Content-Length: {len(body)}"]
        if json is not None:
            lines.append("Content-Type: application/json")
        lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)
        await writer.drain()

        head = await reader.readuntil(b"\r\n\r\n")
        status_line, *header_lines = head[:-4].decode("latin-1").split("\r\n")
        status = int(status_line.split(" ", 2)[1])
        fields = {}
        for line in header_lines:
            name, _, value = line.partition(":")
            fields[name.strip().lower()] = value.strip()
        if fields.get("transfer-encoding", "").lower() == "chunked":
            content = await self._chunked(reader)
        else:
            content = await reader.readexactly(int(fields.get("content-length", "0")))
        if fields.get("connection", "").lower() == "close":
            await self.aclose()
        return Response(status, content)

    @staticmethod
    async def _chunked(reader: asyncio.StreamReader) -> bytes:
        parts = []
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            if size == 0:
                await reader.readuntil(b"\r\n")  # no trailers are sent to us
                return b"".join(parts)
            parts.append(await reader.readexactly(size))
            await reader.readexactly(2)

    async def aclose(self) -> None:
        if self._writer is not None:
            self._writer.close()
            try:
                await self._writer.wait_closed()
            except OSError:
                pass
        self._reader = self._writer = None
