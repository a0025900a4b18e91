"""A local fake of the OpenAI Responses API (`POST /v1/responses`, streamed), enough for the
Codex CLI to converse offline through a custom model provider.

Tests start it (context manager), script the replies, and read back every request body, so
they can assert what memwrap injected (developer message, instructions) and what usage Codex
saw. Manual runs: `python -m tests.fakes.openai_responses --port 8766 --reply "hello"`.

Codex sends side requests besides the conversation (a session title, model listing, ...).
A request that offers `tools` is a conversation turn and consumes the script; anything else
gets a short fixed answer, so a script of N texts maps onto N conversation turns.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Union

from tests.fakes.anthropic_api import Request, _estimate_tokens, _split
from tests.fakes.http_fake import FakeApiServer, JsonSseHandler, log_to_stderr


@dataclass
class Reply:
    """One scripted model answer: text and/or one function call, plus the usage to report."""

    text: str = ""
    function_call: dict[str, Any] | None = None  # {"name": "shell", "arguments": {...}}
    input_tokens: int | None = None  # None: a rough estimate from the request size
    output_tokens: int | None = None
    cached_tokens: int = 0


ReplySpec = Union[str, Reply, dict]


def _as_reply(spec: ReplySpec) -> Reply:
    if isinstance(spec, Reply):
        return spec
    if isinstance(spec, dict):
        return Reply(**spec)
    return Reply(text=str(spec))


def _content_text(content: Any) -> str:
    if isinstance(content, str):
        return content
    parts = []
    for part in content or []:
        if isinstance(part, dict) and isinstance(part.get("text"), str):
            parts.append(part["text"])
    return "\n".join(parts)


class ResponsesRequest(Request):
    """One recorded request, with Responses-API views of its body."""

    @property
    def is_conversation(self) -> bool:
        return self.path.endswith("/responses") and isinstance(self.body, dict) and bool(self.body.get("tools"))

    def instructions(self) -> str:
        return str(self.body.get("instructions") or "") if isinstance(self.body, dict) else ""

    def input_messages(self, role: str | None = None) -> list[str]:
        """Texts of the `input` messages (optionally only those of one role), in order."""
        items = self.body.get("input") if isinstance(self.body, dict) else None
        out = []
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict) and item.get("type", "message") == "message":
                if role is None or item.get("role") == role:
                    out.append(_content_text(item.get("content")))
        return out

    def developer_text(self) -> str:
        """Everything Codex sent with the developer (and system) role, flattened."""
        return "\n".join(self.input_messages("developer") + self.input_messages("system"))


class FakeResponses(FakeApiServer):
    """Threaded HTTP server on 127.0.0.1 speaking the parts of the Responses API Codex uses."""

    label = "fake Responses API"
    as_reply = staticmethod(_as_reply)

    def __init__(self, replies: Iterable[ReplySpec] = (), *, port: int = 0, default_text: str = "OK.",
                 model: str = "fake-model", log: Callable[[str], None] | None = None) -> None:
        super().__init__(replies, _make_handler, port=port, default_text=default_text, log=log)
        self.model = model

    def next_reply(self, req: ResponsesRequest) -> Reply:
        reply = self.scripted() if req.is_conversation else None
        return reply or Reply(text=self.default_text)


def _usage(reply: Reply, body: Any) -> dict[str, Any]:
    inp = reply.input_tokens if reply.input_tokens is not None else _estimate_tokens(body)
    out = reply.output_tokens if reply.output_tokens is not None else max(1, len(reply.text) // 4)
    return {"input_tokens": inp, "input_tokens_details": {"cached_tokens": reply.cached_tokens},
            "output_tokens": out, "output_tokens_details": {"reasoning_tokens": 0}, "total_tokens": inp + out}


def sse_events(fake: FakeResponses, reply: Reply, body: dict) -> Iterable[dict]:
    """The event sequence of one streamed response: created, items (added, deltas, done), completed."""
    resp_id = fake.new_id("resp")
    model = body.get("model", fake.model)
    base = {"id": resp_id, "object": "response", "created_at": int(time.time()), "model": model,
            "status": "in_progress", "output": []}
    seq = itertools.count()
    yield {"type": "response.created", "sequence_number": next(seq), "response": base}
    output: list[dict] = []
    if reply.text or not reply.function_call:
        item_id = fake.new_id("msg")
        index = len(output)
        item = {"id": item_id, "type": "message", "status": "in_progress", "role": "assistant", "content": []}
        yield {"type": "response.output_item.added", "sequence_number": next(seq), "output_index": index,
               "item": item}
        yield {"type": "response.content_part.added", "sequence_number": next(seq), "item_id": item_id,
               "output_index": index, "content_index": 0,
               "part": {"type": "output_text", "text": "", "annotations": []}}
        for piece in _split(reply.text):
            yield {"type": "response.output_text.delta", "sequence_number": next(seq), "item_id": item_id,
                   "output_index": index, "content_index": 0, "delta": piece}
        part = {"type": "output_text", "text": reply.text, "annotations": []}
        yield {"type": "response.output_text.done", "sequence_number": next(seq), "item_id": item_id,
               "output_index": index, "content_index": 0, "text": reply.text}
        yield {"type": "response.content_part.done", "sequence_number": next(seq), "item_id": item_id,
               "output_index": index, "content_index": 0, "part": part}
        done = dict(item, status="completed", content=[part])
        output.append(done)
        yield {"type": "response.output_item.done", "sequence_number": next(seq), "output_index": index,
               "item": done}
    if reply.function_call:
        call = {"id": fake.new_id("fc"), "type": "function_call", "status": "completed",
                "call_id": fake.new_id("call"), "name": reply.function_call["name"],
                "arguments": json.dumps(reply.function_call.get("arguments", {}))}
        index = len(output)
        yield {"type": "response.output_item.added", "sequence_number": next(seq), "output_index": index,
               "item": dict(call, status="in_progress", arguments="")}
        output.append(call)
        yield {"type": "response.output_item.done", "sequence_number": next(seq), "output_index": index,
               "item": call}
    yield {"type": "response.completed", "sequence_number": next(seq),
           "response": dict(base, status="completed", output=output, usage=_usage(reply, body))}


def _make_handler(fake: FakeResponses) -> type[JsonSseHandler]:
    class Handler(JsonSseHandler):
        def do_POST(self) -> None:
            body = self.read_json()
            req = ResponsesRequest(*self.request_parts(), body)
            if req.path.endswith("/responses") and isinstance(body, dict):
                fake.record(req, known=True)
                reply = fake.next_reply(req)
                if body.get("stream", True):
                    self.send_sse((f"event: {e['type']}\ndata: {json.dumps(e)}\n\n"
                                   for e in sse_events(fake, reply, body)))
                else:
                    events = list(sse_events(fake, reply, body))
                    self.send_json(200, events[-1]["response"])
            else:
                fake.record(req, known=False)
                self.send_json(404, {"error": {"message": f"fake API has no {req.path}", "type": "not_found"}})

        def do_GET(self) -> None:
            req = ResponsesRequest(*self.request_parts(), None)
            if req.path.endswith("/models"):
                fake.record(req, known=True)
                self.send_json(200, {"object": "list", "data": [
                    {"id": fake.model, "object": "model", "created": 0, "owned_by": "fake"}]})
                return
            fake.record(req, known=False)
            self.send_json(404, {"error": {"message": f"fake API has no {req.path}"}})

    return Handler


# -- Codex home -----------------------------------------------------------------------------

def codex_env(codex_home: Path, cwd: Path, base_url: str, *, model: str = "fake-model", window: int = 32_000,
              base_env: dict[str, str] | None = None) -> dict[str, str]:
    """Prepare an isolated CODEX_HOME in which `codex` starts straight into the chat, offline.

    Its config.toml selects a custom provider at `base_url` (`wire_api="responses"`, no login),
    trusts `cwd` (else a "Trust this folder?" dialog comes first), sets the context window
    (else Codex warns that it has no metadata for the model) and turns off update checks and
    analytics. Returns the environment to launch `codex` with.
    """
    codex_home = Path(codex_home)
    codex_home.mkdir(parents=True, exist_ok=True)
    trusted = {str(Path(cwd).resolve()), str(cwd)}
    lines = [
        f'model = "{model}"', 'model_provider = "fake"', f"model_context_window = {window}",
        "check_for_update_on_startup = false", "",
        "[model_providers.fake]", 'name = "fake"', f'base_url = "{base_url}/v1"', 'wire_api = "responses"', "",
        "[analytics]", "enabled = false", "",
        "[tui]", "screen_reader_detection_done = true", "",
    ]
    for path in sorted(trusted):
        lines += [f"[projects.{json.dumps(path)}]", 'trust_level = "trusted"', ""]
    (codex_home / "config.toml").write_text("\n".join(lines))
    env = dict(os.environ if base_env is None else base_env)
    for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "CODEX_SQLITE_HOME"):
        env.pop(var, None)
    env.update({"CODEX_HOME": str(codex_home), "TERM": env.get("TERM") or "xterm-256color"})
    return env


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.fakes.openai_responses",
                                     description="Serve a fake OpenAI Responses API on 127.0.0.1.")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--reply", action="append", default=[], help="scripted reply text (repeatable)")
    args = parser.parse_args(argv)
    fake = FakeResponses(args.reply, port=args.port, log=log_to_stderr)
    return fake.serve_until_interrupted(f"{fake.url}/v1")


if __name__ == "__main__":
    sys.exit(main())
