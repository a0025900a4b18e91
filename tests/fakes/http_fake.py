"""The HTTP plumbing the fake model APIs share: JSON bodies in, JSON or a chunked SSE stream out."""

from __future__ import annotations

import json
from http.server import BaseHTTPRequestHandler
from typing import Any, Iterable
from urllib.parse import urlsplit


class JsonSseHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as Node's fetch and reqwest expect

    def log_message(self, format: str, *args: Any) -> None:  # silence the stderr access log
        pass

    def read_json(self) -> Any:
        """The request body parsed as JSON; the raw text when it is not JSON."""
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            return json.loads(raw) if raw else {}
        except ValueError:
            return raw.decode("utf-8", "replace")

    def request_parts(self) -> tuple[str, str, str, dict[str, str]]:
        """(method, path, query, headers): the fields a recorded Request starts with."""
        parts = urlsplit(self.path)
        return self.command, parts.path, parts.query, dict(self.headers.items())

    def send_json(self, status: int, data: Any) -> None:
        payload = json.dumps(data).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def send_sse(self, frames: Iterable[str]) -> None:
        """Stream already formatted SSE frames with chunked transfer encoding."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        for frame in frames:
            data = frame.encode()
            self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
            self.wfile.flush()
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()
