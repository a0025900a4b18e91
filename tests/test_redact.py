"""Redaction: every planted secret in the corpus is removed, look-alikes stay, and the
placeholders say what was there."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from memwrap.redact import Finding, find_secrets, redact

sys.path.insert(0, str(Path(__file__).resolve().parent / "redact_corpus"))
from corpus import load_corpus, score  # noqa: E402

DOCS = load_corpus()


def _spans(text: str) -> list[tuple[int, int]]:
    return [(f.start, f.end) for f in find_secrets(text)]


def test_corpus_is_big_enough() -> None:
    assert sum(len(d.secrets) for d in DOCS) >= 50
    assert sum(len(d.lookalikes) for d in DOCS) >= 50


def test_every_planted_secret_is_removed() -> None:
    s = score(DOCS, _spans)
    assert s.missed == [], "\n".join(s.missed)


@pytest.mark.parametrize("doc", DOCS, ids=lambda d: d.name)
def test_no_planted_secret_survives_redact(doc) -> None:
    out = redact(doc.text)
    for start, end in doc.secrets:
        secret = doc.text[start:end]
        assert secret not in out
        # Not even a long fragment of it (a partial redaction is a leak too).
        for i in range(0, max(1, len(secret) - 12), 6):
            assert secret[i : i + 12] not in out or len(secret) < 12


def test_lookalikes_are_kept() -> None:
    s = score(DOCS, _spans)
    print(f"\nlook-alike false positives: {s.lookalike_hits}/{s.lookalikes}, unmarked: {s.extra_findings}")
    assert s.lookalike_hits == 0, "\n".join(s.false_positives)
    assert s.extra_findings <= 1, "\n".join(s.false_positives)


@pytest.mark.parametrize(
    "text, kind, secret",
    [
        ("export GITHUB_TOKEN=ghp_" + "aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY2zA4", "github-token", "ghp_"),
        ("key: AKIAQ7XK2M4N6P8R0T2V", "aws-access-key", "AKIAQ7XK2M4N6P8R0T2V"),
        ("DB_PASSWORD=hunter2-xyz", "password", "hunter2-xyz"),
        ('{"client_secret": "a8F3kL0pQ2zX9vB7nM4c"}', "secret", "a8F3kL0pQ2zX9vB7nM4c"),
        ("Authorization: Bearer abcDEF123ghiJKL456mnoPQR", "bearer-token", "abcDEF123ghiJKL456mnoPQR"),
    ],
)
def test_typed_placeholders(text: str, kind: str, secret: str) -> None:
    out = redact(text)
    assert f"[REDACTED:{kind}]" in out
    assert secret not in out


def test_url_password_keeps_user_and_host() -> None:
    out = redact("DATABASE_URL=postgres://app:s3cr3tPassw0rd@db.internal:5432/app")
    assert out == "DATABASE_URL=postgres://app:[REDACTED:url-password]@db.internal:5432/app"


def test_pem_block_is_removed_whole() -> None:
    body = "\n".join(["MIIEowIBAAKCAQEA7x" + "Qz9" * 20] * 5)
    text = f"before\n-----BEGIN RSA PRIVATE KEY-----\n{body}\n-----END RSA PRIVATE KEY-----\nafter"
    assert redact(text) == "before\n[REDACTED:private-key]\nafter"


def test_truncated_pem_block_is_removed_to_its_end() -> None:
    text = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAE\nAAAAC3NzaC1lZDI1\n"
    assert "b3Bl" not in redact(text)


def test_private_spans_are_dropped_entirely() -> None:
    assert redact("a <private>my PIN is 1234</private> b") == "a  b"
    assert redact("a <PRIVATE>unclosed secret notes") == "a "


def test_placeholders_and_variables_stay() -> None:
    for text in [
        "API_KEY=${API_KEY}",
        "password: ${{ secrets.DB_PASSWORD }}",
        'token = os.environ["TOKEN"]',
        "Authorization: Bearer $TOKEN",
        "OPENAI_API_KEY=sk-...",
        "password: str",
        "max_tokens: 4096",
        "Password: must be at least 12 characters long",
    ]:
        assert find_secrets(text) == [], text


def test_redaction_is_idempotent() -> None:
    text = "\n".join(d.text for d in DOCS)
    once = redact(text)
    assert redact(once) == once


def test_find_secrets_returns_sorted_nonoverlapping_findings() -> None:
    findings = find_secrets(DOCS[0].text)
    assert findings and all(isinstance(f, Finding) for f in findings)
    assert all(a.end <= b.start for a, b in zip(findings, findings[1:]))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_never_crashes_and_never_grows_secrets(text: str) -> None:
    out = redact(text)
    assert isinstance(out, str)
    for f in find_secrets(text):
        assert 0 <= f.start < f.end <= len(text)


def test_a_secret_found_once_leaves_every_turn_of_the_session() -> None:
    from memwrap.distill import redact_turns
    from memwrap.turns import Turn
    turns = [
        Turn(role="user", text="the vault password is Qx7!harbor-Lantern2 — put it in a temp file for the run"),
        Turn(role="tool", name="Bash", input="umask 077 && printf '%s' 'Qx7!harbor-Lantern2' > /tmp/.vp && ansible-playbook site.yml",
             text="PLAY RECAP ok=12 changed=3"),
        Turn(role="tool", name="Bash", input="argocd login localhost:8080 --password Zr4Kp9Wm2Tq7Xv1N",
             text="NAME READY STATUS\nargocd-server-7c9 1/1 Running\nZr4Kp9Wm2Tq7Xv1N\n'admin:login' logged in"),
    ]
    clean = redact_turns(turns)
    everything = "\n".join(f"{t.text}\n{t.input}" for t in clean)
    assert "Qx7!harbor-Lantern2" not in everything and "Zr4Kp9Wm2Tq7Xv1N" not in everything
    assert "PLAY RECAP ok=12" in everything and "argocd-server-7c9" in everything  # the rest stays


def test_a_command_that_prints_a_secret_has_its_output_redacted() -> None:
    from memwrap.distill import redact_turns
    from memwrap.turns import Turn
    turns = [Turn(role="tool", name="Bash", input="pulumi config get orca:dbPassword --stack dev", text="Wharf-db-!3kLm9Pq\n"),
             Turn(role="tool", name="Bash", input="pulumi config get orca:region", text="eu-central-1\n")]
    clean = redact_turns(turns)
    assert "Wharf-db-!3kLm9Pq" not in clean[0].text and "[REDACTED" in clean[0].text
    assert clean[1].text == "eu-central-1\n"  # a setting, not a secret
    # a hex value decoded from a Kubernetes secret's password key is the password, hex or not
    decoded = redact_turns([Turn(role="tool", name="Bash", text="e1b7c94f0d2a8365ba17fe02c9d4a8b3716e5f0c2d98a4b1\n",
                                 input="kubectl -n sg get secret sg-executor -o jsonpath='{.data.EXECUTOR_PASSWORD}' | base64 -d")])
    assert "e1b7c94f" not in decoded[0].text


def test_printing_a_file_named_as_a_secret_has_its_one_line_redacted() -> None:
    from memwrap.distill import redact_turns
    from memwrap.turns import Turn
    cmd = "sudo cat /var/lib/zerotier-one/authtoken.secret; echo; sudo zerotier-cli info"
    clean = redact_turns([Turn(role="tool", name="Bash", input=cmd, text="q2w9e7r4t1y8u5i3o6p0as4d\n200 info 3f2a 1.12.2 ONLINE\n"),
                          Turn(role="tool", name="Bash", input="cat README.md", text="q2w9e7r4t1y8u5i3o6p0zz4d\n")])
    assert "q2w9e7r4t1y8u5i3o6p0as4d" not in clean[0].text and "200 info 3f2a 1.12.2 ONLINE" in clean[0].text
    assert "q2w9e7r4t1y8u5i3o6p0zz4d" in clean[1].text  # a README's line is no secret


def test_a_private_key_line_quoted_in_another_turn_is_removed_there_too() -> None:
    from memwrap.redact import redact_session
    body = "MC4CAQAwBQYDK2VwBCIEIGv3Qz9Lp2Xw7Rt4Nm8Kc1Hb6Jd5Fs0Ga3Ue2Wo8Xt4"
    printed = f"-----BEGIN PRIVATE KEY-----\n{body}\n-----END PRIVATE KEY-----\n"
    out = redact_session([printed, f"keep `{body}` in the vault"])
    assert body not in out[0] and body not in out[1]


def test_two_secrets_printed_by_two_chained_commands_are_both_redacted() -> None:
    from memwrap.distill import redact_turns
    from memwrap.turns import Turn
    cmd = ("kubectl -n ml get secret minio-creds -o jsonpath='{.data.accesskey}' | base64 -d; echo; "
           "kubectl -n ml get secret minio-creds -o jsonpath='{.data.secretkey}' | base64 -d; echo")
    clean = redact_turns([Turn(role="tool", name="Bash", input=cmd, text="argo-artifacts\nT4zN8cHbJ3fYs6dGe1uA5nVtXo0imQ7vR2xK9pLw\n")])
    assert "T4zN8cHbJ3fYs6dGe1uA5nVtXo0imQ7vR2xK9pLw" not in clean[0].text and "argo-artifacts" in clean[0].text


def test_session_wide_values_never_cut_longer_words_and_hosts_are_no_passwords() -> None:
    from memwrap.distill import redact_turns
    from memwrap.turns import Turn
    turns = [Turn(role="user", text="run it as user deploy / ci-runner-01, the wifi pw is 12345678x"),
             Turn(role="tool", name="Bash", input="ssh ci-runner-01 uptime", text="order 12345678x9 shipped"),
             Turn(role="user", text="bundle config set mirror.rubygems.org http://localhost:9292 and login admin / v2.3.1")]
    clean = redact_turns(turns)
    assert "ssh ci-runner-01 uptime" == clean[1].input  # a host told with a user is not a password
    assert "order 12345678x9 shipped" == clean[1].text  # a found value never cuts a longer token apart
    assert "http://localhost:9292" in clean[2].text and "v2.3.1" in clean[2].text
    assert "12345678x" not in clean[0].text
