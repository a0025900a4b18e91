#!/usr/bin/env bash
# Installs the real assistant CLIs the end-to-end tests drive offline, outside the repo:
#   Claude Code, Codex CLI and Gemini CLI from npm, aider from PyPI in its own venv (it pins
#   many packages). Codex's native binary comes in a platform npm package (optional dependency).
# Idempotent and cached in $MEMWRAP_TEST_TOOLS (default ~/.cache/memwrap-test-tools).
# A failure here is reported, not fatal: the tests that need a missing CLI say so and fail.
set -u
TOOLS="${MEMWRAP_TEST_TOOLS:-$HOME/.cache/memwrap-test-tools}"
CLAUDE_VERSION="${MEMWRAP_TEST_CLAUDE_VERSION:-2.1.197}"
AIDER_VERSION="${MEMWRAP_TEST_AIDER_VERSION:-0.86.2}"
CODEX_VERSION="${MEMWRAP_TEST_CODEX_VERSION:-0.169.0}"
GEMINI_VERSION="${MEMWRAP_TEST_GEMINI_VERSION:-0.61.0}"
mkdir -p "$TOOLS/node"

if [ ! -x "$TOOLS/node/node_modules/.bin/claude" ]; then
  echo "install-test-clis: installing @anthropic-ai/claude-code@$CLAUDE_VERSION" >&2
  (cd "$TOOLS/node" && [ -f package.json ] || echo '{"private":true}' > "$TOOLS/node/package.json"
   cd "$TOOLS/node" && npm install --no-audit --no-fund --loglevel=error "@anthropic-ai/claude-code@$CLAUDE_VERSION") \
    || echo "install-test-clis: Claude Code install failed" >&2
fi

# npm_pin NAME PACKAGE VERSION: install PACKAGE@VERSION unless .bin/NAME already reports VERSION.
npm_pin() {
  local bin="$TOOLS/node/node_modules/.bin/$1"
  if [ -x "$bin" ] && "$bin" --version 2>/dev/null | grep -qF "$3"; then return 0; fi
  echo "install-test-clis: installing $2@$3" >&2
  [ -f "$TOOLS/node/package.json" ] || echo '{"private":true}' > "$TOOLS/node/package.json"
  (cd "$TOOLS/node" && npm install --no-audit --no-fund --loglevel=error "$2@$3") \
    || echo "install-test-clis: $2 install failed" >&2
}
npm_pin codex @openai/codex "$CODEX_VERSION"
npm_pin gemini @google/gemini-cli "$GEMINI_VERSION"

if [ ! -x "$TOOLS/aider-venv/bin/aider" ]; then
  echo "install-test-clis: installing aider-chat==$AIDER_VERSION in its own venv" >&2
  python3 -m venv "$TOOLS/aider-venv" \
    && "$TOOLS/aider-venv/bin/python" -m pip install -q "aider-chat==$AIDER_VERSION" \
    || echo "install-test-clis: aider install failed" >&2
fi
exit 0
