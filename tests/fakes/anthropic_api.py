"""A local fake of the Anthropic Messages API, enough for Claude Code to converse offline.

Tests start it (context manager), script the replies, and read back every request body, so
they can assert what memwrap injected (system prompt, first message) and what usage the CLI
saw. Manual runs: `python -m tests.fakes.anthropic_api --port 8765 --reply "hello"`.

Claude Code sends side requests besides the conversation (quota probe, title/topic
generation, ...). Those have no `tools` in the body; they get a short fixed answer and do
NOT consume the scripted replies, so a script of N texts maps onto N conversation turns.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any, Callable, Iterable, Union
from urllib.parse import urlsplit

from tests.fakes.http_fake import FakeApiServer, log_to_stderr


@dataclass
class Reply:
    """One scripted model answer: text and/or one tool call, plus the usage to report."""

    text: str = ""
    tool_use: dict[str, Any] | None = None  # {"name": "Bash", "input": {...}}
    input_tokens: int | None = None  # None: a rough estimate from the request size
    output_tokens: int | None = None
    cache_read_input_tokens: int = 0
    stop_reason: str | None = None  # default: tool_use when tool_use is set, else end_turn


ReplySpec = Union[str, Reply, dict]
Responder = Callable[[dict], ReplySpec]


@dataclass
class Request:
    method: str
    path: str  # without the query string
    query: str
    headers: dict[str, str]
    body: Any  # parsed JSON, or the raw text when it is not JSON
    time: float = field(default_factory=time.time)

    @property
    def is_conversation(self) -> bool:
        return self.path == "/v1/messages" and isinstance(self.body, dict) and bool(self.body.get("tools"))

    def system_text(self) -> str:
        """The system prompt flattened to one string (it may be a string or a block list)."""
        system = self.body.get("system", "") if isinstance(self.body, dict) else ""
        if isinstance(system, list):
            return "\n".join(str(b.get("text", "")) for b in system if isinstance(b, dict))
        return str(system)

    def messages_text(self) -> str:
        """All message text (user and assistant, incl. tool results) flattened to one string."""
        out: list[str] = []
        for msg in self.body.get("messages", []) if isinstance(self.body, dict) else []:
            out.append(_flatten_content(msg.get("content")))
        return "\n".join(out)


def _flatten_content(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        parts = []
        for block in content:
            if isinstance(block, dict):
                if "text" in block:
                    parts.append(str(block["text"]))
                elif "content" in block:
                    parts.append(_flatten_content(block["content"]))
                elif "input" in block:
                    parts.append(json.dumps(block["input"]))
        return "\n".join(parts)
    return ""


def _as_reply(spec: ReplySpec) -> Reply:
    if isinstance(spec, Reply):
        return spec
    if isinstance(spec, dict):
        return Reply(**spec)
    return Reply(text=str(spec))


class FakeAnthropic(FakeApiServer):
    """Threaded HTTP server on 127.0.0.1 speaking the parts of the Messages API Claude Code uses."""

    label = "fake Anthropic API"
    as_reply = staticmethod(_as_reply)

    def __init__(
        self,
        replies: Iterable[ReplySpec] = (),
        *,
        responder: Responder | None = None,
        port: int = 0,
        default_text: str = "OK.",
        chunk_delay: float = 0.0,
        model: str = "claude-sonnet-4-5",
        log: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(replies, _make_handler, port=port, default_text=default_text, log=log)
        self.responder = responder
        self.chunk_delay = chunk_delay  # seconds between streamed deltas (lets a TUI show a spinner)
        self.model = model

    # -- request handling (called from handler threads) ------------------------------------
    def _next_reply(self, req: Request) -> Reply:
        if not req.is_conversation:
            return Reply(text=self.default_text, input_tokens=_estimate_tokens(req.body))
        if self.responder is not None:
            return _as_reply(self.responder(req.body))
        return self.scripted() or Reply(text=self.default_text)

    def _message_id(self) -> str:
        return self.new_id("msg")


def _estimate_tokens(body: Any) -> int:
    return max(1, len(json.dumps(body)) // 4)


def _blocks(reply: Reply, tool_id: str) -> list[dict]:
    blocks: list[dict] = []
    if reply.text:
        blocks.append({"type": "text", "text": reply.text})
    if reply.tool_use:
        blocks.append({"type": "tool_use", "id": tool_id, "name": reply.tool_use["name"],
                       "input": reply.tool_use.get("input", {})})
    if not blocks:
        blocks.append({"type": "text", "text": ""})
    return blocks


def _usage(reply: Reply, body: Any) -> dict[str, int]:
    out_tokens = reply.output_tokens if reply.output_tokens is not None else max(1, len(reply.text) // 4)
    return {
        "input_tokens": reply.input_tokens if reply.input_tokens is not None else _estimate_tokens(body),
        "cache_creation_input_tokens": 0,
        "cache_read_input_tokens": reply.cache_read_input_tokens,
        "output_tokens": out_tokens,
    }


def _split(text: str, size: int = 24) -> list[str]:
    return [text[i:i + size] for i in range(0, len(text), size)] or [""]


def _sse_events(fake: FakeAnthropic, reply: Reply, body: dict) -> Iterable[tuple[str, dict]]:
    msg_id = fake._message_id()
    usage = _usage(reply, body)
    blocks = _blocks(reply, "toolu_" + msg_id[4:])
    start_usage = dict(usage, output_tokens=1)
    yield "message_start", {"type": "message_start", "message": {
        "id": msg_id, "type": "message", "role": "assistant", "model": body.get("model", fake.model),
        "content": [], "stop_reason": None, "stop_sequence": None, "usage": start_usage}}
    for index, block in enumerate(blocks):
        if block["type"] == "text":
            yield "content_block_start", {"type": "content_block_start", "index": index,
                                          "content_block": {"type": "text", "text": ""}}
            for piece in _split(block["text"]):
                yield "content_block_delta", {"type": "content_block_delta", "index": index,
                                              "delta": {"type": "text_delta", "text": piece}}
        else:
            yield "content_block_start", {"type": "content_block_start", "index": index, "content_block": {
                "type": "tool_use", "id": block["id"], "name": block["name"], "input": {}}}
            for piece in _split(json.dumps(block["input"])):
                yield "content_block_delta", {"type": "content_block_delta", "index": index,
                                              "delta": {"type": "input_json_delta", "partial_json": piece}}
        yield "content_block_stop", {"type": "content_block_stop", "index": index}
    stop = reply.stop_reason or ("tool_use" if reply.tool_use else "end_turn")
    yield "message_delta", {"type": "message_delta", "delta": {"stop_reason": stop, "stop_sequence": None},
                            "usage": {"output_tokens": usage["output_tokens"],
                                      "input_tokens": usage["input_tokens"],
                                      "cache_read_input_tokens": usage["cache_read_input_tokens"],
                                      "cache_creation_input_tokens": 0}}
    yield "message_stop", {"type": "message_stop"}


def _make_handler(fake: FakeAnthropic) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as Node's fetch expects

        def log_message(self, format: str, *args: Any) -> None:  # silence stderr access log
            pass

        def _read_body(self) -> Any:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            try:
                return json.loads(raw) if raw else {}
            except ValueError:
                return raw.decode("utf-8", "replace")

        def _request(self, body: Any) -> Request:
            parts = urlsplit(self.path)
            return Request(self.command, parts.path, parts.query, dict(self.headers.items()), body)

        def _send_json(self, status: int, data: Any) -> None:
            payload = json.dumps(data).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.send_header("request-id", fake.new_id("req"))
            self.end_headers()
            self.wfile.write(payload)

        def _chunk(self, data: bytes) -> None:
            self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
            self.wfile.flush()

        def _stream(self, reply: Reply, body: dict) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-cache")
            self.send_header("Transfer-Encoding", "chunked")
            self.send_header("request-id", fake.new_id("req"))  # Claude Code logs it as requestId
            self.end_headers()
            for event, data in _sse_events(fake, reply, body):
                self._chunk(f"event: {event}\ndata: {json.dumps(data)}\n\n".encode())
                if fake.chunk_delay and event == "content_block_delta":
                    time.sleep(fake.chunk_delay)
            self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()

        def do_POST(self) -> None:
            body = self._read_body()
            req = self._request(body)
            if req.path == "/v1/messages" and isinstance(body, dict):
                fake.record(req, known=True)
                try:
                    reply = fake._next_reply(req)
                except Exception as exc:  # a broken test responder: answer an API error, keep serving
                    self._send_json(500, {"type": "error", "error": {"type": "api_error", "message": repr(exc)}})
                    return
                if body.get("stream"):
                    self._stream(reply, body)
                else:
                    self._send_json(200, {
                        "id": fake._message_id(), "type": "message", "role": "assistant",
                        "model": body.get("model", fake.model), "content": _blocks(reply, "toolu_fake"),
                        "stop_reason": reply.stop_reason or ("tool_use" if reply.tool_use else "end_turn"),
                        "stop_sequence": None, "usage": _usage(reply, body)})
            elif req.path == "/v1/messages/count_tokens":
                fake.record(req, known=True)
                self._send_json(200, {"input_tokens": _estimate_tokens(body)})
            else:
                fake.record(req, known=False)
                self._send_json(404, {"type": "error", "error": {
                    "type": "not_found_error", "message": f"fake API has no {req.path}"}})

        def do_GET(self) -> None:
            req = self._request(None)
            if req.path == "/v1/models":
                fake.record(req, known=True)
                self._send_json(200, {"data": [{"type": "model", "id": fake.model, "display_name": "Fake"}],
                                      "has_more": False, "first_id": fake.model, "last_id": fake.model})
                return
            fake.record(req, known=False)
            self._send_json(200, {})  # connectivity probes only need a 200

        def do_HEAD(self) -> None:
            fake.record(self._request(None), known=False)
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

    return Handler


# -- Claude Code home ----------------------------------------------------------------------

def claude_env(home: Path, cwd: Path, base_url: str, *, api_key: str = "sk-test",
               base_env: dict[str, str] | None = None) -> dict[str, str]:
    """Prepare an isolated HOME in which Claude Code starts straight into the chat, offline.

    Writes $HOME/.claude.json (onboarding done, `cwd` trusted, the test key approved) and
    returns the environment to launch `claude` with.
    """
    home = Path(home)
    home.mkdir(parents=True, exist_ok=True)
    key_suffix = api_key[-20:]  # Claude Code remembers approved keys by their last 20 chars
    project = {"hasTrustDialogAccepted": True, "hasCompletedProjectOnboarding": True,
               "allowedTools": [], "projectOnboardingSeenCount": 1}
    config = {
        "hasCompletedOnboarding": True,
        "lastOnboardingVersion": "2.1.197",
        "theme": "dark",
        "bypassPermissionsModeAccepted": True,
        "customApiKeyResponses": {"approved": [key_suffix], "rejected": []},
        "projects": {str(Path(cwd).resolve()): project, str(cwd): project},
        "autoUpdates": False,
    }
    (home / ".claude.json").write_text(json.dumps(config, indent=2))
    env = dict(os.environ if base_env is None else base_env)
    for var in ("ANTHROPIC_AUTH_TOKEN", "CLAUDE_CONFIG_DIR", "CLAUDECODE", "CLAUDE_CODE_ENTRYPOINT",
                "ANTHROPIC_MODEL", "CLAUDE_CODE_USE_BEDROCK", "CLAUDE_CODE_USE_VERTEX"):
        env.pop(var, None)
    env.update({
        "HOME": str(home),
        "ANTHROPIC_BASE_URL": base_url,
        "ANTHROPIC_API_KEY": api_key,
        "DISABLE_AUTOUPDATER": "1",
        "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC": "1",
        "DISABLE_TELEMETRY": "1",
        "DISABLE_ERROR_REPORTING": "1",
        "TERM": env.get("TERM") or "xterm-256color",
    })
    return env


def claude_projects_dir(home: Path) -> Path:
    """Where Claude Code (run with claude_env) writes its session JSONL files."""
    return Path(home) / ".claude" / "projects"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.fakes.anthropic_api",
                                     description="Serve a fake Anthropic Messages API on 127.0.0.1.")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--reply", action="append", default=[], help="scripted reply text (repeatable)")
    parser.add_argument("--default", default="OK.", help="text once the script is used up")
    parser.add_argument("--chunk-delay", type=float, default=0.0)
    args = parser.parse_args(argv)
    fake = FakeAnthropic(args.reply, port=args.port, default_text=args.default, chunk_delay=args.chunk_delay,
                         log=log_to_stderr)
    return fake.serve_until_interrupted()


if __name__ == "__main__":
    sys.exit(main())
