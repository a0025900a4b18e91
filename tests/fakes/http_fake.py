"""The HTTP plumbing the fake model APIs share: JSON bodies in, JSON or a chunked SSE stream out."""

from __future__ import annotations

import collections
import itertools
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Iterable, Self
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


class FakeApiServer:
    """What every fake model API shares: a threaded server on 127.0.0.1, the recorded
    requests, a queue of scripted replies for conversation requests, and its lifecycle.

    Subclasses set `label` and `as_reply` (turns a reply spec into their Reply type) and pass
    the handler class built for them; recorded requests need `is_conversation`, `method` and
    `path`.
    """

    label = "fake API"

    def __init__(self, replies: Iterable[Any], handler: Callable[["FakeApiServer"], type], *, port: int = 0,
                 default_text: str = "OK.", log: Callable[[str], None] | None = None) -> None:
        self._queue: collections.deque[Any] = collections.deque(self.as_reply(r) for r in replies)
        self.default_text = default_text
        self.requests: list[Any] = []
        self.unknown: list[Any] = []
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._log = log
        self._server = ThreadingHTTPServer(("127.0.0.1", port), handler(self))
        self._server.daemon_threads = True
        self._thread: threading.Thread | None = None

    @staticmethod
    def as_reply(spec: Any) -> Any:
        return spec

    # -- scripting -------------------------------------------------------------------------
    def script(self, *replies: Any) -> None:
        """Append replies to the queue used for conversation requests."""
        with self._lock:
            self._queue.extend(self.as_reply(r) for r in replies)

    @property
    def pending(self) -> int:
        with self._lock:
            return len(self._queue)

    def scripted(self) -> Any | None:
        """The next scripted reply, or None when the script is used up."""
        with self._lock:
            return self._queue.popleft() if self._queue else None

    def conversation_requests(self) -> list[Any]:
        with self._lock:
            return [r for r in self.requests if r.is_conversation]

    def wait_for_requests(self, n: int, timeout: float = 30.0) -> list[Any]:
        """Block until at least n conversation requests arrived (or raise TimeoutError)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            got = self.conversation_requests()
            if len(got) >= n:
                return got
            time.sleep(0.05)
        seen = [f"{r.method} {r.path}" for r in self.requests]
        raise TimeoutError(f"{self.label} saw {len(self.conversation_requests())} conversation requests, "
                           f"wanted {n}; all requests: {seen}")

    def record(self, req: Any, known: bool) -> None:
        with self._lock:
            self.requests.append(req)
            if not known:
                self.unknown.append(req)
        if self._log:
            query = getattr(req, "query", "")
            self._log(f"{req.method} {req.path}{'?' + query if query else ''}{'' if known else ' (unknown)'}")

    def new_id(self, prefix: str) -> str:
        return f"{prefix}_fake{next(self._ids):06d}"

    # -- lifecycle -------------------------------------------------------------------------
    @property
    def port(self) -> int:
        return self._server.server_address[1]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Self:
        self._thread = threading.Thread(target=self._server.serve_forever, name=self.label, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        if self._thread:
            self._thread.join(timeout=5)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def serve_until_interrupted(self, shown_url: str | None = None) -> int:
        """For `python -m tests.fakes.<api>`: serve, print where, stop on Ctrl-C."""
        with self:
            print(f"{self.label} on {shown_url or self.url}", flush=True)
            try:
                while True:
                    time.sleep(3600)
            except KeyboardInterrupt:
                pass
        return 0


def log_to_stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)
