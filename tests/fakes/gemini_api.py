"""A local fake of the Gemini API (`generativelanguage` v1beta), enough for the Gemini CLI to
converse offline with `GOOGLE_GEMINI_BASE_URL=<url>` and an API key.

Tests start it (context manager), script the replies, and read back every request body, so
they can assert what memwrap injected and what usage the CLI saw. Manual runs:
`python -m tests.fakes.gemini_api --port 8767 --reply "hello"`.

The CLI also makes side calls (countTokens, JSON-mode generateContent for its router /
next-speaker checks, ...). A request that offers `tools` is a conversation turn and consumes
the script; JSON-mode side calls get a small JSON object carrying the fields those checks
read, and anything else a short fixed text.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Union

from tests.fakes.anthropic_api import Request, _estimate_tokens, _split
from tests.fakes.http_fake import FakeApiServer, JsonSseHandler, log_to_stderr

# Values for JSON-mode side calls where the CLI acts on the answer: hand the turn back to the
# user, route to the small model. Other fields get a value of their schema type.
SIDE_VALUES = {"next_speaker": "user", "model_choice": "flash", "complexity_score": 1}


def fill_schema(schema: Any, name: str = "") -> Any:
    """A minimal value that validates against the JSON schema the side call asked for."""
    if not isinstance(schema, dict):
        return "fake"
    if name in SIDE_VALUES:
        return SIDE_VALUES[name]
    if schema.get("enum"):
        return schema["enum"][0]
    kind = str(schema.get("type", "object")).lower()
    if kind == "object":
        props = schema.get("properties") or {}
        return {k: fill_schema(v, k) for k, v in props.items()}
    if kind == "array":
        return []
    if kind in ("integer", "number"):
        return 1
    if kind == "boolean":
        return False
    return "fake"


@dataclass
class Reply:
    """One scripted model answer: text and/or one function call, plus the usage to report."""

    text: str = ""
    function_call: dict[str, Any] | None = None  # {"name": "run_shell_command", "args": {...}}
    prompt_tokens: int | None = None  # None: a rough estimate from the request size
    output_tokens: int | None = None


ReplySpec = Union[str, Reply, dict]


def _as_reply(spec: ReplySpec) -> Reply:
    if isinstance(spec, Reply):
        return spec
    if isinstance(spec, dict):
        return Reply(**spec)
    return Reply(text=str(spec))


def _parts_text(parts: Any) -> str:
    return "\n".join(str(p["text"]) for p in parts or [] if isinstance(p, dict) and isinstance(p.get("text"), str))


class GeminiRequest(Request):
    """One recorded request, with Gemini-API views of its body."""

    @property
    def method_name(self) -> str:
        """`streamGenerateContent`, `countTokens`, ... (the part after the colon)."""
        return self.path.rpartition(":")[2] if ":" in self.path else ""

    @property
    def is_conversation(self) -> bool:
        return (self.method_name in ("streamGenerateContent", "generateContent") and isinstance(self.body, dict)
                and bool(self.body.get("tools")))

    def system_text(self) -> str:
        si = self.body.get("systemInstruction") if isinstance(self.body, dict) else None
        if isinstance(si, str):
            return si
        return _parts_text(si.get("parts")) if isinstance(si, dict) else ""

    def contents_text(self, role: str | None = None) -> list[str]:
        """Text of each `contents` entry (optionally only one role), in order."""
        contents = self.body.get("contents") if isinstance(self.body, dict) else None
        return [_parts_text(c.get("parts")) for c in contents or []
                if isinstance(c, dict) and (role is None or c.get("role") == role)]


class FakeGemini(FakeApiServer):
    """Threaded HTTP server on 127.0.0.1 speaking the parts of the Gemini API the CLI uses."""

    label = "fake Gemini API"
    as_reply = staticmethod(_as_reply)

    def __init__(self, replies: Iterable[ReplySpec] = (), *, port: int = 0, default_text: str = "OK.",
                 log: Callable[[str], None] | None = None) -> None:
        super().__init__(replies, _make_handler, port=port, default_text=default_text, log=log)

    def next_reply(self, req: GeminiRequest) -> Reply:
        if req.is_conversation:
            return self.scripted() or Reply(text=self.default_text)
        config = req.body.get("generationConfig") if isinstance(req.body, dict) else None
        if isinstance(config, dict) and config.get("responseMimeType") == "application/json":
            return Reply(text=json.dumps(fill_schema(config.get("responseJsonSchema") or config.get("responseSchema"))))
        return Reply(text=self.default_text)


def _usage(reply: Reply, body: Any) -> dict[str, int]:
    prompt = reply.prompt_tokens if reply.prompt_tokens is not None else _estimate_tokens(body)
    out = reply.output_tokens if reply.output_tokens is not None else max(1, len(reply.text) // 4)
    return {"promptTokenCount": prompt, "candidatesTokenCount": out, "totalTokenCount": prompt + out}


def chunks(reply: Reply, body: Any, model: str) -> list[dict]:
    """GenerateContentResponse chunks: text pieces, then the call, the last with finishReason and usage."""
    parts: list[dict] = [{"text": piece} for piece in (_split(reply.text, 40) if reply.text else [])]
    if reply.function_call:
        parts.append({"functionCall": {"name": reply.function_call["name"],
                                       "args": reply.function_call.get("args", {})}})
    parts = parts or [{"text": ""}]
    out = []
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        candidate: dict[str, Any] = {"content": {"role": "model", "parts": [part]}, "index": 0}
        chunk: dict[str, Any] = {"candidates": [candidate], "modelVersion": model}
        if last:
            candidate["finishReason"] = "STOP"
            chunk["usageMetadata"] = _usage(reply, body)
        out.append(chunk)
    return out


def _make_handler(fake: FakeGemini) -> type[JsonSseHandler]:
    class Handler(JsonSseHandler):
        def do_POST(self) -> None:
            body = self.read_json()
            req = GeminiRequest(*self.request_parts(), body)
            model = req.path.rpartition("/")[2].partition(":")[0] or "gemini-fake"
            name = req.method_name
            if name == "countTokens":
                fake.record(req, known=True)
                self.send_json(200, {"totalTokens": _estimate_tokens(body)})
            elif name in ("streamGenerateContent", "generateContent") and isinstance(body, dict):
                fake.record(req, known=True)
                pieces = chunks(fake.next_reply(req), body, model)
                if name == "streamGenerateContent":
                    self.send_sse(f"data: {json.dumps(c)}\r\n\r\n" for c in pieces)
                else:  # one response: all parts together
                    merged = dict(pieces[-1])
                    merged["candidates"] = [dict(pieces[-1]["candidates"][0], content={
                        "role": "model", "parts": [p for c in pieces for p in c["candidates"][0]["content"]["parts"]]})]
                    self.send_json(200, merged)
            elif name == "embedContent":
                fake.record(req, known=True)
                self.send_json(200, {"embedding": {"values": [0.0] * 8}})
            else:
                fake.record(req, known=False)
                self.send_json(404, {"error": {"code": 404, "message": f"fake API has no {req.path}",
                                               "status": "NOT_FOUND"}})

        def do_GET(self) -> None:
            req = GeminiRequest(*self.request_parts(), None)
            fake.record(req, known=False)
            self.send_json(404, {"error": {"code": 404, "message": f"fake API has no {req.path}",
                                           "status": "NOT_FOUND"}})

    return Handler


# -- Gemini CLI home -------------------------------------------------------------------------

def gemini_env(cli_home: Path, base_url: str, *, api_key: str = "test-key",
               base_env: dict[str, str] | None = None) -> dict[str, str]:
    """Prepare an isolated GEMINI_CLI_HOME in which `gemini` starts straight into the chat, offline.

    Its .gemini/settings.json selects API-key auth (else an auth dialog comes first), turns
    off the folder-trust dialog, update checks and usage statistics, and shows the context
    percentage in the footer. Returns the environment to launch `gemini` with.
    """
    settings_dir = Path(cli_home) / ".gemini"
    settings_dir.mkdir(parents=True, exist_ok=True)
    settings = {
        "security": {"auth": {"selectedType": "gemini-api-key"}, "folderTrust": {"enabled": False}},
        "general": {"disableAutoUpdate": True, "disableUpdateNag": True},
        "privacy": {"usageStatisticsEnabled": False},
        "telemetry": {"enabled": False},
        "ui": {"footer": {"hideContextPercentage": False}},
    }
    (settings_dir / "settings.json").write_text(json.dumps(settings, indent=2))
    env = dict(os.environ if base_env is None else base_env)
    for var in ("GOOGLE_API_KEY", "GOOGLE_CLOUD_PROJECT", "GOOGLE_GENAI_USE_VERTEXAI", "GOOGLE_GENAI_USE_GCA",
                "GEMINI_CLI_SYSTEM_SETTINGS_PATH", "GEMINI_SYSTEM_MD", "GEMINI_MODEL"):
        env.pop(var, None)
    env.update({"GEMINI_CLI_HOME": str(cli_home), "GEMINI_API_KEY": api_key, "GOOGLE_GEMINI_BASE_URL": base_url,
                "TERM": env.get("TERM") or "xterm-256color"})
    return env


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.fakes.gemini_api",
                                     description="Serve a fake Gemini API on 127.0.0.1.")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--reply", action="append", default=[], help="scripted reply text (repeatable)")
    args = parser.parse_args(argv)
    fake = FakeGemini(args.reply, port=args.port, log=log_to_stderr)
    return fake.serve_until_interrupted()


if __name__ == "__main__":
    sys.exit(main())
