"""The team server's answers as the client reads them, over real HTTP from a scripted server on
127.0.0.1: JSON with a lone surrogate escape (which the server writes for a stored one) is read,
and an answer that is not JSON (a proxy's page, a cut connection) is one sentence, not a
traceback."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from app.errors import ServerError
from app.sync.transport import TeamServer

ANSWERS = {
    "/plain": b'{"records": [{"name": "\xe7\x8e\x8b\xe8\x8a\xb3"}], "more": false}',
    "/surrogate": b'{"records": [{"name": "bad \\ud800 half"}], "more": false}',
    "/proxy": b"<html><body>502 Bad Gateway</body></html>",
    "/cut": b'{"records": [{"name": "cut sho',
}


class Scripted(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (the standard library's name)
        body = ANSWERS[self.path.split("?")[0]]
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Scripted)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield TeamServer(f"http://127.0.0.1:{httpd.server_address[1]}", token="t")
    httpd.shutdown()
    thread.join()


def test_a_json_answer_is_read(server):
    assert server.get("/plain") == {"records": [{"name": "王芳"}], "more": False}


def test_a_lone_surrogate_escape_is_read_as_the_standard_library_reads_it(server):
    assert server.get("/surrogate")["records"][0]["name"] == "bad \ud800 half"


@pytest.mark.parametrize("path", ["/proxy", "/cut"])
def test_an_answer_that_is_not_json_is_one_sentence(server, path):
    with pytest.raises(ServerError) as raised:
        server.get(path)
    assert raised.value.message.startswith("The team server's answer could not be read (")
    assert raised.value.code == "team.unreadable"
