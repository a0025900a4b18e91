"""Secrets out, typed placeholders in.

Runs on every turn before text reaches the model, the store, a memory block or an export,
so it is regex-only, precision-first and fast. Detectors run in priority order: value-shaped
tokens whose prefix says what they are (ghp_, sk-ant-, AKIA, PEM headers...) first, then
context rules (headers, URLs with passwords, PASSWORD= assignments), then a high-entropy
rule that only fires in key=value context and never on hashes, UUIDs or digests.
`<private>...</private>` spans are dropped entirely, tags included.
"""

from __future__ import annotations

import base64
import bisect
import binascii
import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator


@dataclass(frozen=True)
class Finding:
    kind: str  # placeholder type, e.g. "github-token"
    start: int
    end: int


def placeholder(kind: str) -> str:
    return f"[REDACTED:{kind}]"


# --- value-shaped tokens: the prefix names the kind -------------------------------------------

# (kind, pattern). Each pattern matches the secret itself; boundaries keep them from firing
# inside longer identifiers.
_E = r"(?![A-Za-z0-9_\-])"  # right boundary
_PREFIXED: list[tuple[str, str]] = [
    ("anthropic-key", r"sk-ant-[A-Za-z0-9_\-]{20,}"),
    ("openai-key", r"sk-(?:proj-|svcacct-|admin-|None-)?[A-Za-z0-9_\-]{20,}"),
    ("github-token", r"gh[pousr]_[A-Za-z0-9]{30,255}"),
    ("github-token", r"github_pat_[A-Za-z0-9_]{22,255}"),
    ("gitlab-token", r"gl(?:pat|dt|ptt|rt|cbt|oas)-[A-Za-z0-9_\-]{20,}"),
    ("slack-token", r"xox[abposr]-[A-Za-z0-9\-]{10,}"),
    ("slack-token", r"xapp-\d-[A-Za-z0-9\-]{10,}"),
    ("aws-access-key", r"(?:AKIA|ASIA|ABIA|ACCA|AROA|AIDA)[A-Z0-9]{16}"),
    ("google-api-key", r"AIza[0-9A-Za-z_\-]{35}"),
    ("stripe-key", r"(?:sk|rk|pk)_(?:live|test)_[0-9A-Za-z]{16,}"),
    ("stripe-key", r"whsec_[0-9A-Za-z]{24,}"),
    ("npm-token", r"npm_[A-Za-z0-9]{36}"),
    ("pypi-token", r"pypi-[A-Za-z0-9_\-]{50,}"),
    ("huggingface-token", r"hf_[A-Za-z0-9]{30,}"),
    ("sendgrid-key", r"SG\.[A-Za-z0-9_\-]{10,32}\.[A-Za-z0-9_\-]{16,64}"),
    ("twilio-key", r"SK[0-9a-f]{32}"),
    ("groq-key", r"gsk_[A-Za-z0-9]{40,}"),
    ("replicate-token", r"r8_[A-Za-z0-9]{30,}"),
    ("linear-key", r"lin_api_[A-Za-z0-9]{30,}"),
    ("notion-token", r"(?:ntn_|secret_)[A-Za-z0-9]{40,}"),
    ("digitalocean-token", r"do[pro]_v1_[a-f0-9]{64}"),
    ("shopify-token", r"shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}"),
    ("databricks-token", r"dapi[a-f0-9]{32}(?:-\d)?"),
    ("supabase-token", r"sbp_[a-f0-9]{40}"),
    ("doppler-token", r"dp\.(?:pt|st|sa|ct)\.[A-Za-z0-9]{40,}"),
    ("mailgun-key", r"key-[0-9a-f]{32}"),
    ("telegram-token", r"\d{8,10}:AA[A-Za-z0-9_\-]{33}"),  # starts with digits: own pre-scan
    ("age-secret-key", r"AGE-SECRET-KEY-1[0-9A-Z]{58}"),
    ("vault-token", r"hv[sbr]\.[A-Za-z0-9_\-]{24,}"),
    ("google-oauth-secret", r"GOCSPX-[A-Za-z0-9_\-]{24,}"),
    ("fly-token", r"fm[12]_[A-Za-z0-9+/=_\-]{40,}"),
    ("rubygems-key", r"rubygems_[a-f0-9]{48}"),
    ("nats-nkey-seed", r"S[UAONCXP][A-Z2-7]{54,56}"),
    ("private-key", r"b3BlbnNzaC1rZXktdjE[A-Za-z0-9+/=]{20,}"),  # base64 of "openssh-key-v1": a key body without its BEGIN line
    ("docker-token", r"dckr_(?:pat|oat)_[A-Za-z0-9_\-]{20,}"),
    ("buildkite-token", r"bkua_[a-f0-9]{40}"),
    ("flagsmith-key", r"ser\.[A-Za-z0-9]{20,}"),  # a Flagsmith server-side environment key
    ("sentry-token", r"sntry[su]_[A-Za-z0-9_=+/\-]{30,}"),
    ("nvidia-key", r"nvapi-[A-Za-z0-9_\-]{40,}"),
    ("woocommerce-key", r"c[ks]_[0-9a-f]{40}"),  # a WooCommerce REST consumer key / secret
    ("mapbox-token", r"sk\.eyJ[A-Za-z0-9_\-]{20,}\.[A-Za-z0-9_\-]{10,}"),  # secret scope; "pk.eyJ..." is the public one
    # a PEM as base64 (a Kubernetes Secret's data, a talosconfig, an env var): "-----BEGIN " then any
    # type; _detect_prefixed decodes its head and keeps it only for a private key (RSA, EC, ED25519, ...)
    ("private-key", r"LS0tLS1CRUdJTiB[A-Za-z0-9+/=]{20,}"),
]
# One alternation: which group matched names the kind. It is only tried where a cheap scan
# for the two-character starts below hits (a 28-way alternation at every offset is ~1 MB/s).
_PREFIX_RE = re.compile("|".join(f"(?P<p{i}>{pat}{_E})" for i, (_, pat) in enumerate(_PREFIXED)))
_PREFIX_KINDS = {f"p{i}": kind for i, (kind, _) in enumerate(_PREFIXED)}
_PREFIX_STARTS = (
    "sk gh gi gl xo xa AK AS AB AC AR AI rk pk wh np py hf SG SK gs r8 li nt se do sh da sb dp ke AG hv GO fm ru "
    "SU SA SO SN SC SX SP b3 dc sn nv LS bk ck cs"
)


def _start_scan(starts: list[str]) -> re.Pattern[str]:
    """`\b(?=[first chars])(?:s[kh]|g[hil]|...)` followed by 14 token chars: every prefixed
    secret is at least 16 characters long, so short words are skipped inside the regex engine."""
    by_first: dict[str, str] = {}
    for s in starts:
        by_first[s[0]] = by_first.get(s[0], "") + s[1]
    firsts = re.escape("".join(sorted(by_first)))
    groups = "|".join(f"{re.escape(c)}[{re.escape(rest)}]" for c, rest in sorted(by_first.items()))
    return re.compile(rf"\b(?=[{firsts}])(?:{groups})[A-Za-z0-9_\-.]{{14}}")


_PREFIX_START_RE = _start_scan(_PREFIX_STARTS.split())
_TELEGRAM_RE = re.compile(r"\b\d{8,10}:AA")

_SLACK_WEBHOOK_RE = re.compile(
    r"hooks\.slack\.com/(?:services|workflows|triggers)/(T[A-Z0-9]+/[A-Za-z0-9/]{8,})"
)
_DISCORD_WEBHOOK_RE = re.compile(r"discord(?:app)?\.com/api/webhooks/\d+/([A-Za-z0-9_\-]{30,})")

_JWT_RE = re.compile(r"(?<![A-Za-z0-9_\-])eyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{16,}")

_PEM_BEGIN_RE = re.compile(r"-----BEGIN ([A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?|OpenVPN Static key V\d)-----")
# Body (base64, Proc-Type headers, escaped newlines in JSON) then the END line when present:
# a key cut off by truncated output is removed as far as its body goes, never further.
_PEM_REST_RE = re.compile(
    r"(?:\r?\n|(?:\\r)?\\n)?"  # end of the BEGIN line
    r"(?:[A-Za-z][\w-]{1,30}:[ \t]*[^\s\\]*[ \t]*(?:\r?\n|(?:\\r)?\\n))*"  # headers first, one word each ("Key-ID: ed25519:...")
    r"(?:[A-Za-z0-9+/=]*[ \t]*(?:\r?\n|(?:\\r)?\\n))*"  # then the body, blank lines too
    r"(?:[A-Za-z0-9+/=]+(?=\Z|-----END))?"  # a last line cut off by the end of the text
    r"(?:-----END (?:[A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?|OpenVPN Static key V\d)-----)?"
)

# --- context rules ----------------------------------------------------------------------------

_AUTH_HEADER_RE = re.compile(
    r"(?i)\b(?:proxy-)?authorization\b[\"']?\s*[:=]\s*[\"']?(bearer|basic|token|digest|bot|apikey|(?:\w+\s+)?api-key)\s+"
    r"([^\s\"'`,;]+)"
)
# "Authorization: *:*.10d3e0...": a header value without a scheme word is the credential itself
_AUTH_HEADER_BARE_RE = re.compile(r"(?i)\b(?:proxy-)?authorization\b[\"']?\s*[:=]\s*[\"']?"
                                  r"(?!(?:bearer|basic|token|digest|bot|apikey|negotiate|ntlm|aws4-hmac-sha256)\b)([^\s\"'`,;]{16,})")
# "Authorization: GenieKey <uuid>", "Authorization: Bearer automation <secret>" (Checkmk: user, then secret):
# any scheme word, and every credential-shaped token after it
_AUTH_HEADER_ANY_RE = re.compile(r"(?i)\b(?:proxy-)?authorization\b[\"']?[ \t]*[:=][ \t]*[\"']?[A-Za-z][\w-]{1,20}"
                                 r"((?:[ \t]+[^\s\"'`,;]+){1,2})")  # on its own line: the next line is no credential
_BARE_BEARER_RE = re.compile(r"\bBearer\s+([A-Za-z0-9_\-.=:/+~]{20,})")
_KEY_HEADER_RE = re.compile(
    r"(?i)\b(?:x-api-key|api-key|x-auth-token|private-token|x-goog-api-key|x-access-token|"
    r"x-vault-token|ocp-apim-subscription-key)\"?\s*:\s*\"?([^\s\"',;]+)"
)
_URL_PASSWORD_RE = re.compile(r"\b[a-zA-Z][a-zA-Z0-9+.\-]*://[^\s:/@\"'<>]*:([^\s@/\"'<>]+)@(?:[^\s/@\"'<>]|(?=[\"'\s]|\Z))")  # "redis://:pw@host" too
_CURL_USER_RE = re.compile(r"(?<!\S)(?:-u|--user)\s*[\"']?[^\s:\"']+:(?:\"([^\"\n]{1,200})\"|'([^'\n]{1,200})'|([^\s\"']+))")
# ~/.docker/config.json: "auth" is base64 of user:password.
_DOCKER_AUTH_RE = re.compile(r"\"auth\"\s*:\s*\"([A-Za-z0-9+/]{12,}={0,2})\"")
_MYSQL_PW_RE = re.compile(r"\bmysql(?:dump|admin)?\b[^\n]*?\s-p([^\s\-][^\s]*)")
_NETRC_RE = re.compile(r"\bmachine\s+\S+\s+login\s+\S+\s+password\s+(\S+)")  # one line or one per field
# <password>x</password>, <AndroidSigningKeyPass>x</AndroidSigningKeyPass>: a secret-named XML element
_XML_SECRET_RE = re.compile(r"<(\w*(?:[Pp]ass(?:word|wd)?|PASSWORD|[Ss]ecret|SECRET|[Tt]oken|TOKEN|[Aa]pi[Kk]ey|Psk|psk))>"
                            r"([^<>\s]{4,200})</\1>")
# Fluent Bit / nginx / Apache style "HTTP_Passwd   Zk8wq2LrT5vNcE4p": a key, spaces, one value
_SPACED_SETTING_RE = re.compile(r"(?im)(?:^|;[ \t]*)[-+]?[ \t]*([A-Za-z0-9_.\-]*(?:passw(?:or)?d|secret|token|api_?key|licen[cs]e_?key)"
                                r"[A-Za-z0-9_.\-]*)[ \t]+"
                                r"([^\s=:\"'`#]{6,200})[ \t]*(?:$|(?=[`'\"]))")  # a quote closes a quoted config line
# Sentry DSN key: https://<32 hex>@o123.ingest.sentry.io/456 (also when the scheme is escaped)
_SENTRY_KEY_RE = re.compile(r"(?<![0-9a-fA-F])([0-9a-f]{32})(?::[0-9a-f]{32})?@[\w.-]*sentry\.io\b")
# live/production keys of services we do not list by name: "lk_live_4f9a...", "acme_prod_Zx81..."
_LIVE_KEY_RE = re.compile(r"(?<![A-Za-z0-9_])([a-z]{2,10}_(?:live|prod)_[A-Za-z0-9]{20,})(?![A-Za-z0-9_])")
_ZEROTIER_SECRET_RE = re.compile(r"\b[0-9a-f]{10}:0:[0-9a-f]{128}:([0-9a-f]{128})\b")  # an identity.secret's private half
_GOOGLE_REFRESH_RE = re.compile(r"(?<![\w/])(1//0[A-Za-z0-9_\-]{40,})")
# HAProxy: "stats auth admin:pw", "http-request set-header X-Internal-Token itk_..."
# redis.conf: "requirepass <pw>", "masterauth <pw>" (also as grep output "redis.conf:1044:requirepass ...")
_REDIS_AUTH_RE = re.compile(r"(?im)(?:^|:)[ \t]*(?:requirepass|masterauth)[ \t]+[\"']?([^\s\"']{6,})")
# "snmpwalk -v2c -c fra2-ro-K8mZq host": the SNMP community is the password
_SNMP_COMMUNITY_RE = re.compile(r"\bsnmp(?:walk|get|bulkwalk|bulkget|set|table|getnext|netstat|check|trap)\b[^\n]*?[ \t]-c[ \t]*"
                                r"(?!public\b)([^\s\"']{4,})")
# an access key and its secret joined by a colon ("AKIA...:<secret>" in passwd-s3fs)
_KEY_COLON_SECRET_RE = re.compile(r"\b(?:AKIA|ASIA|SCW)[A-Z0-9]{14,}:([A-Za-z0-9+/=\-]{20,})(?![A-Za-z0-9+/=\-])")
# "comicvine_api = <40 hex>": a setting named for an API, set to a long hex or alphanumeric key
_API_SETTING_RE = re.compile(r"(?m)(?<![\w-])[A-Za-z][\w.]*_api[ \t]*=[ \t]*[\"']?([0-9a-f]{32,64}|[0-9A-F]{32,64}|"
                             r"(?=[A-Za-z0-9]*\d)(?=[A-Za-z0-9]*[a-z])[A-Za-z0-9]{32,64})[\"']?(?=[ \t]*(?:$|#))")
# "user <name> pass <secret>": a credential pair told in words
_USER_PASS_WORDS_RE = re.compile(r"(?i)\buser(?:name)?[ \t]+\S+[ \t]+(?:pass|pw|pwd|password)[ \t:]+([^\s,;]{6,})")
_STATS_AUTH_RE = re.compile(r"\bstats\s+auth\s+[^\s:]+:(\S+)")
_SET_HEADER_RE = re.compile(r"(?i)\bset-header\s+[\w-]*(?:token|key|secret|auth)[\w-]*\s+([^\s%$][^\s]{7,})")
# A Google service-account key file's key id names its private key: secret scanners treat the file whole
# a 64-byte keypair as a JSON byte array (Solana's id.json, `echo '[105,44,...]' > id.json`)
_BYTE_KEYPAIR_RE = re.compile(r"\[\s*((?:\d{1,3}\s*,\s*){63}\d{1,3})\s*\]")
# a CI record key ("cypress run --record --key <uuid>")
_RECORD_KEY_RE = re.compile(r"--record\b[^\n]*?\s--(?:record-)?key[ =]+([A-Za-z0-9\-]{16,})")
# a PHP config's bare 'key' => '<hex>' (Magento's env.php crypt key, Laravel-style app keys)
_PHP_HEX_KEY_RE = re.compile(r"(?<![\w'])'key'\s*=>\s*'([0-9a-fA-F]{32,128})'")
# a secret's default given where it is read: env('SECURITY_SALT', '<value>'), os.getenv("API_TOKEN", "<value>")
_ENV_DEFAULT_RE = re.compile(r"\b(?:env|getenv|os\.environ\.get|os\.getenv|ENV\.fetch|System\.getenv)\(\s*['\"]"
                             r"(?P<key>[A-Za-z0-9_]*(?:SECRET|TOKEN|PASSWORD|PASSWD|PASS|_KEY|SALT|PEPPER)[A-Za-z0-9_]*)['\"]\s*,\s*"
                             r"['\"](?P<val>[^'\"\s]{8,200})['\"]", re.I)
_KEY_ID_RE = re.compile(r"\"private_key_id\"\s*:\s*\"([0-9a-f]{16,64})\"")
# A file named as a secret (`/etc/varnish/secret`, `.vault_pass`, `api_token.txt`) listed or
# printed, and on the next line one value alone: the file's content.
_SECRET_FILE_RE = re.compile(r"(?i)[^\n]*/[\w.\-]*(?:secret|token|passw(?:or)?d|vault[_\-]?pass|api[_\-]?key)[\w.\-]*[ \t]*\n"
                             r"[ \t]*([A-Za-z0-9+/=_\-]{12,200})[ \t]*(?:\n|\Z)")
# "Your secret key was generated successfully" and on the next line the key, one base64 run
# (which may decode to text: minisign/rsign keys start with "untrusted comment")
_ANNOUNCED_KEY_RE = re.compile(r"[^\n]*\b(?:secret|private|auth|api|access)[ _-]key\b[^\n]*\n(?:[ \t]*\n)?[ \t]*"
                               r"([A-Za-z0-9+/]{40,}={0,2})[ \t]*(?:\n|\Z)", re.I)
# Bundler's credentials for a private gem source, set (`bundle config set gems.example.com u:p`),
# listed (the host, then `Set for ...: "u:p"`) or in its environment form (BUNDLE_GEMS__EXAMPLE__COM=u:p)
_BUNDLER_CRED_RE = re.compile(r"(?:\bbundle config (?:set )?(?:--(?:local|global) )?(?!mirror\.|build\.|path\.)[\w-]+(?:\.[\w-]+)+ +"
                              r"|^(?!mirror\.|build\.|path\.)[\w-]+(?:\.[\w-]+)+[ \t]*\nSet for [^\n]{0,200}?: ?"
                              r"|\bBUNDLE_(?!MIRROR__|BUILD__|PATH)[A-Z0-9_]+__[A-Z0-9_]+=)[\"']?"
                              r"(?![a-z][a-z0-9+.-]*://|-)([^\s:\"']+:[^\s\"']+)", re.M)
# hardhat/foundry configs: accounts: ['0x<64 hex>'] is a wallet's private key
_ACCOUNTS_KEY_RE = re.compile(r"\baccounts\s*:\s*\[\s*['\"](0x[0-9a-fA-F]{64})['\"]")

# A command that prints a fresh secret: its next output line is that secret.
_GENERATOR_NEEDLES = ("openssl rand", "token_hex", "token_urlsafe", "token_bytes", "pwgen", "/dev/urandom",
                      "generate-secret", "generate_secret", "rails secret", "mkpasswd", "generate_key")
# "headscale preauthkeys create ...", "kubeadm token create", "tailscale authkey new": a command that makes one
_CREATES_SECRET_RE = re.compile(r"(?:key|token|secret|passw\w*)s?\s+(?:create|generate|new|issue|mint)\b")
_CREATE_WORDS = ("create", "generate", "new", "issue", "mint")
# A command that prints a stored secret ("kubectl get secret ... | base64 -d", "pulumi config get
# db:password"): the first word of its next output line, when that word is random-looking.
_PRINTER_NEEDLES = ("base64 -d", "base64 --decode", "config get", "vars get")  # pulumi/npm config, hardhat vars
# "sudo cat /var/lib/zerotier-one/authtoken.secret": a command printing a file named as a secret
_CATS_SECRET_FILE_RE = re.compile(r"\b(?:cat|head|tail|more|less|type|get-content)\s+(?:-\S+\s+)*[^\s;|&]*"
                                  r"(?:secret|token|passw|\.key\b|_key\b|apikey|api_key)[^\s;|&]*", re.I)
_PRINTER_LINE_RE = re.compile(r"[^\n]*\n[ \t]*(\S{12,200})(?=[ \t]|\n|\Z)")
_NEXT_LINE_VALUE_RE = re.compile(r"[^\n]*\n[ \t]*([A-Za-z0-9+/=_\-]{16,})[ \t]*(?:\n|\Z)")

# Words in a key name that make its value a secret.
_SECRET_WORDS = (
    r"password|passwd|passphrase|pwd|(?<=[_.\-])pass(?![a-z_])|(?<![A-Za-z0-9])pass(?=[ \t]*:[ \t])|psk|secret|token|api[_\-]?key|apikey|access[_\-]?key|"
    r"private[_\-]?key|auth[_\-]?key|signing[_\-]?key|encryption[_\-]?key|session[_\-]?key|"
    r"master[_\-]?key|account[_\-]?key|secret[_\-]?key|client[_\-]?secret|credentials?|"
    r"conn(?:ection)?[_\-]?string|webhook[_\-]?url|dsn|licen[cs]e[_\-]?key|(?<=[_.\-])serial(?![a-z_])|"
    r"(?<=[_.\-])key(?![a-z_])"  # CONVEX_DEPLOY_KEY, ADMIN_KEY: a key's value is judged by its shape below
)
# A key name ending like this names *about* a secret, not the secret itself.
_META_SUFFIX_RE = re.compile(
    r"(?i)(?:name|names|file|path|dir|url|uri|endpoint|type|id|ref|env|var|length|len|count|ttl|"
    r"expiry|expires(?:_?at|_?in)?|header|field|policy|hint|prompt|label|mode|version|format|kind|"
    r"limit|min|max|size|tokens|provider|store|manager|source|hash|digest|reset|rotation|required|state|"
    r"enabled|regex|pattern|validator|strength|usage)$"
)
_SECRET_NAME_RE = re.compile(_SECRET_WORDS, re.I)
_SECRET_WORD_RE = re.compile(r"pass|pwd|psk|secret|token|key|credential|dsn|conn|serial|licen")  # on lowered text
_ASSIGN_RE = re.compile(
    r"(?i)(?P<key>(?:--?)?[A-Za-z0-9_.\-]*?(?:" + _SECRET_WORDS + r")[A-Za-z0-9_.\-]*)"
    r"(?P<kq>[\"']?)\]?"
    r"(?P<sep>[ \t]*\\?(?::=|\?=|\+=|=>|=|:(?!:))[ \t]*|[ \t]+(?=[\"']))"  # "TOKEN ?= v" (make) too  # "export TOKEN\\=v" (xcodebuild) too
    r"(?P<val>[bB]?\"(?:[^\"\\\n]|\\.){1,600}\"|[bB]?'[^'\n]{1,600}'|`[^`\n]{1,600}`|[^\s\"'`,;)}\]<>]{1,600})"
)
_FLAG_RE = re.compile(
    r"(?<![\w\-])--(?:[a-z0-9]+-)*(?:password|passwd|token|secret|api-key|apikey|access-key|secret-key|license-key|"
    r"auth-token|client-secret)[ \t]+(\"[^\"\n]+\"|'[^'\n]+'|[^\s\"'-][^\s\"']*)"
)

_PLACEHOLDER_VALUE_RE = re.compile(
    r"""(?ix)^(?:
        \$\{?\{?\s*[A-Za-z_].*                  # $VAR, ${VAR}, ${{ secrets.X }}
      | \$\(.*                                  # $(command)
      | %\(?[A-Za-z_]*\)?s | %[A-Za-z_]+%       # %(x)s, %VAR%
      | \{\{.*\}\}? | \{\{?.*                   # {{ template }}
      | <[^>]*>?                                 # <your-token>
      | \[REDACTED.*                             # already redacted
      | [*x•.#?-]{3,}[A-Za-z0-9*x•.]{0,6}        # *****, xxxx, ...
      | .{0,3}\*{3,}.{0,3}                      # :****
      | (?:your|my|the|some|enter|insert|paste|replace|change)[_\- ]?.*
      | null|none|nil|true|false|yes|no|on|off|undefined|empty|required|optional|changeme|redacted|secret|
        password|passwd|token|example|dummy|placeholder|todo|tbd|n/?a|str|string|bytes|int|
        number|boolean|bool|any|object|foo|bar|baz|qux|value|values|hello|world|abc|xyz|
        \[[^\]]*\]|.*\\n|secretstr|optional\[.*|str\s*\|.*|string\s*\|.*|
        "?\s*"?|process\.env.*|os\.environ.*|os\.getenv.*|env\(.*|getenv.*|secrets\..*|vault:.*
    )$"""
)
# Code, not a literal: dotted names, calls, indexing (`settings.SECRET_KEY`, `get_token()`).
_CODE_VALUE_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*(?:\(.*|\[.*)?$")
_REGEX_OR_CONCAT_RE = re.compile(r"\[[a-zA-Z0-9]-[a-zA-Z0-9]|\\[dwsSbB]|\(\?[:=!<i]|^\s*\+|\+\s*$")
_TYPE_NAME_RE = re.compile(r"^(?:[A-Z][a-z]+){1,5}(?:\[.*\])?$")
_IDENTIFIER_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_FILE_NAME_RE = re.compile(r"\.(?:py|js|ts|tsx|jsx|go|rs|rb|java|kt|json|ya?ml|toml|md|txt|sh|cfg|ini)$")
_IDENT_CALL_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_.]*[(\[]")

# --- high entropy in key=value context -------------------------------------------------------

# A candidate value (base64/base62/hex run) and, right before it, `key=`, `key: "` and the like.
# (two base64 parts joined after padding, "...Td==-r7Kq...", are one value; "pkg==8.6.0" is a pin, not one)
_VALUE_RE = re.compile(r"(?<![A-Za-z0-9+/_\-.~])[A-Za-z0-9+/_\-.~]{20,512}(?:==[A-Za-z+/_\-~][A-Za-z0-9+/_\-.~]{3,256})?={0,2}"
                       r"(?![A-Za-z0-9+/_\-.~=])")
_KEY_BEFORE_RE = re.compile(
    r"(?<![A-Za-z0-9_])(?P<key>[A-Za-z_][A-Za-z0-9_.\-]{1,60})[\"']?"
    # a typed declaration: `const APP_KEY: &str = "…"`, `val apiKey: String = "…"`
    r"(?:[ \t]*:[ \t]*&?(?:'static[ \t]+)?[A-Za-z_][\w<>\[\].]{0,30}[ \t]*(?==))?"
    r"[ \t]*(?:=|:)[ \t]*[\"']?(?:base64:)?\Z"
)
_HASHY_KEY_RE = re.compile(
    r"(?i)(?:hash|sha|sha1|sha256|sha512|md5|digest|checksum|integrity|commit|rev|revision|etag|"
    r"uuid|guid|id|ids|fingerprint|version|ref|nonce|salt|iv|signature|sig|resolved|tarball|path|"
    r"file|url|name|image|tag|module|class|type|test|fixture|sample|data|expected|encoded|b64|"
    r"base64|content|body|payload|message|msg|text|title|description|slug|branch|head|parent|tree|"
    r"h\d)"
    r"(?:[_\-.]?[a-z0-9]*)?$"
)
_SESSION_KEY_RE = re.compile(r"(?i)session|cookie|^sid$")
# A name that says its value is a key, not a key *for* something (cache/sort/partition keys are not secrets)
_KEY_NAME_RE = re.compile(r"(?i)(?<!cache)(?<!sort)(?<!partition)(?<!primary)(?<!foreign)(?<!idempotency)(?<!public)"
                          r"(?<!dedup)(?<!hash)(?<!lookup)(?<!shard)(?<!cache_)(?<!sort_)(?<!partition_)(?<!primary_)"
                          r"(?<!public_)(?<!idempotency_)key$")
_UUID_RE = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_HEX_RE = re.compile(r"^[0-9a-fA-F]+$")
_DIGEST_PREFIX_RE = re.compile(r"^(?:sha\d{1,3}|md5|blake2b?|sha3)[-:=]", re.IGNORECASE)
_ENTROPY_MIN_BITS = 4.0  # per char; random base62/64 strings of 20+ chars sit at ~4.2-5.5
_ENTROPY_MIN_LEN = 20


_WORD_RE = re.compile(r"[A-Z][a-z]{2,}")


def shannon_entropy(value: str) -> float:
    """Bits per character of `value`'s own character distribution."""
    if not value:
        return 0.0
    n = len(value)
    return -sum(c / n * math.log2(c / n) for c in Counter(value).values())


def _decodes_to_text(value: str) -> bool:
    """Base64 of printable text (test data, encoded config) is data, not a secret."""
    candidate = value.rstrip("=")
    if len(candidate) < 16 or not re.fullmatch(r"[A-Za-z0-9+/_\-]+", candidate):
        return False
    padded = candidate + "=" * (-len(candidate) % 4)
    try:
        raw = base64.b64decode(padded.replace("-", "+").replace("_", "/"), validate=True)
    except (binascii.Error, ValueError):
        return False
    if not raw:
        return False
    printable = sum(1 for b in raw if 32 <= b < 127 or b in (9, 10, 13))
    return printable / len(raw) > 0.95


def looks_random(value: str, *, min_len: int = _ENTROPY_MIN_LEN) -> bool:
    """A generated credential: long, mixed letters and digits, high entropy, not text."""
    if len(value) < min_len:
        return False
    has_digit = any(c.isdigit() for c in value)
    has_upper = any(c.isupper() for c in value)
    has_lower = any(c.islower() for c in value)
    if not has_digit or not (has_upper or has_lower):
        return False
    if _HEX_RE.match(value):  # hex is how hashes look: only a secret-named key makes it one
        return False
    if sum(len(w) for w in _WORD_RE.findall(value)) >= len(value) / 2:
        return False  # Llama3VisionAlphaChatHandler: made of words, not random
    classes = has_digit + has_upper + has_lower
    if classes < 3 and len(value) < 32:
        return False
    if shannon_entropy(value) < _ENTROPY_MIN_BITS:
        return False
    return not _decodes_to_text(value)


def _literal_secret_value(key: str, value: str, *, quoted: bool = False, code: bool = False) -> bool:
    """Decide whether `value`, assigned to a secret-sounding `key`, is a real literal.
    `code`: the assignment sits in source code, where a bare word is a variable."""
    if len(value) < 3 or _PLACEHOLDER_VALUE_RE.match(value) or "[REDACTED" in value:
        return False
    if value.lower() == key.lower().rsplit(".", 1)[-1]:
        return False  # pwd=pwd: passing a variable along
    if _REGEX_OR_CONCAT_RE.search(value):
        return False  # a regex ("[a-z0-9]+") or string concatenation ("' + key + '")
    if not quoted and _TYPE_NAME_RE.match(value):
        return False  # `secret: PotentialSecret`: an annotation
    words = value.split()
    if len(words) >= 3 and all(w.isalpha() for w in words):
        return False  # "will be replaced": prose
    if code and not quoted:
        if value[0] in "([{" or (_IDENTIFIER_RE.match(value) and not _mixed_case_digits(value)
                                 and not _token_shaped(value)):
            return False  # an expression or a variable name
    if not quoted and len(value.split()) >= 3:
        return False  # "Password: must be at least 12 characters" is prose, not a value
    if value.isdigit() and len(value) < 6:
        return False
    if "/" in value and value.startswith(("/", "./", "~/", "http://", "https://", "file:")) and "dsn" not in key.lower():
        return False  # a path or plain URL (URLs with passwords have their own rule); a DSN's URL is its key
    passwordish = re.search(r"(?i)pass|pwd|secret|credential", key) is not None
    if _IDENT_CALL_RE.match(value):
        return False
    if not quoted and "." in value and _CODE_VALUE_RE.match(value) and not any(
            len(part) >= 20 and looks_random(part) for part in value.split(".")):
        return False  # settings.DB_PASSWORD: a reference, not the value (pk.eyJ1Ijoi...: a token's parts are random)
    if passwordish:
        return True
    # token / key names: short words ("bearer", "refresh", "jwt") are settings, not secrets;
    # generated tokens have no spaces and nearly always a digit.
    if len(value) < 8 or any(c.isspace() for c in value):
        return False
    if not any(c.isdigit() for c in value) and not (len(value) >= 24 and _mixed_case(value)):
        return False
    if value.isalpha():
        return False  # generated tokens have digits or symbols
    return shannon_entropy(value) >= 2.8


def _token_shaped(value: str) -> bool:
    """sct_9f2c41e0b7d84a3e96c1: a generated token, though it parses as an identifier."""
    return len(value) >= 16 and sum(c.isdigit() for c in value) >= 6 and shannon_entropy(value) >= 3.5


def _file_or_code_name(value: str) -> bool:
    """settings.json, app.config.secret_key: a file name or a dotted code name, not a value."""
    return "." in value and (re.search(r"\.[a-z]{1,5}$", value) is not None or _CODE_VALUE_RE.match(value) is not None)


def _constant_name(value: str) -> bool:
    """GB2312_TYPICAL_DISTRIBUTION_RATIO, ORDER_ITEMS_2024: a constant's name, not a generated value
    (one part of 16+ characters with digits all through it is generated: "abd_ednp7br6xdp12ibxbzc8j9t3q")."""
    if _IDENTIFIER_RE.match(value) is None or "_" not in value or _mixed_case(value):
        return False
    return not any(len(part) >= 16 and sum(c.isdigit() for c in part) >= 4 and shannon_entropy(part) >= 3.5
                   for part in value.split("_"))


def _mixed_case(value: str) -> bool:
    return any(c.isupper() for c in value) and any(c.islower() for c in value)


def _mixed_case_digits(value: str) -> bool:
    return any(c.isdigit() for c in value) and any(c.isupper() for c in value) and any(c.islower() for c in value)


def _digit_or_symbol(value: str) -> bool:
    """Not a plain word: a set password has a digit or a symbol ("disabled", "yes" have neither)."""
    return any(c.isdigit() for c in value) or not value.isalnum()


def _key_kind(key: str) -> str:
    k = key.lower()
    if "pass" in k or "pwd" in k or "psk" in k or k == "pw":
        return "password"
    if "dsn" in k or "conn" in k or "webhook" in k:
        return "connection-string"
    if "token" in k:
        return "token"
    if "secret" in k or "credential" in k:
        return "secret"
    return "api-key"


# --- detectors: each yields Findings over the whole text --------------------------------------

# (text, text.lower()) -> findings. The lowered copy is made once per call: case-insensitive
# pre-scans on it are ~10x faster than (?i) alternations.
Detector = Callable[[str, str], Iterator[Finding]]


def _detect_private(text: str, lower: str) -> Iterator[Finding]:
    pos = 0
    while True:
        start = lower.find("<private>", pos)
        if start < 0:
            return
        close = lower.find("</private>", start)
        end = len(text) if close < 0 else close + len("</private>")  # unclosed: drop the rest
        yield Finding("private", start, end)
        pos = end


def _detect_pem(text: str, lower: str) -> Iterator[Finding]:
    if "PRIVATE KEY" not in text and "Static key" not in text:
        return
    for m in _PEM_BEGIN_RE.finditer(text):
        rest = _PEM_REST_RE.match(text, m.end())
        yield Finding("private-key", m.start(), rest.end() if rest else m.end())


def _detect_prefixed(text: str, lower: str) -> Iterator[Finding]:
    starts = [m.start() for m in _PREFIX_START_RE.finditer(text)]
    if ":AA" in text:
        starts += [m.start() for m in _TELEGRAM_RE.finditer(text)]
    pos = 0
    for start in sorted(starts):
        if start < pos or (start and text[start - 1] == "-"):
            continue
        m = _PREFIX_RE.match(text, start)
        if m is None:
            continue
        kind = _PREFIX_KINDS[m.lastgroup or ""]
        # Prefix rules for generic-looking prefixes still need a random-looking body.
        if kind in ("openai-key", "notion-token", "flagsmith-key") and not _mixed(m.group()):
            continue
        if m.group().startswith("LS0tLS1CRUdJTi") and not _private_pem_base64(m.group()):
            continue  # a certificate or public key as base64
        pos = m.end()
        yield Finding(kind, m.start(), m.end())


def _private_pem_base64(value: str) -> bool:
    """Base64 whose decoded head is "-----BEGIN ... PRIVATE ..."."""
    head = value[:64]
    try:
        return "PRIVATE" in base64.b64decode(head + "=" * (-len(head) % 4)).decode("ascii", "replace")
    except ValueError:
        return False


def _mixed(value: str) -> bool:
    body = re.sub(r"^[a-z]+[-_](?:[a-z]+-)?", "", value)
    return any(c.isdigit() for c in body) and any(c.isalpha() for c in body) and shannon_entropy(body) > 3.5


# "signtool sign /f cert.pfx /p S3cret!": a code-signing tool's certificate password flag
_SIGN_PASSWORD_RE = re.compile(r"(?i)\b(?:signtool|osslsigncode|pvk2pfx|certutil)(?:\.exe)?\b[^\n]*?\s[/-](?:p|po|pass|password)"
                               r"[ \t:]+(\"[^\"\n]{1,200}\"|'[^'\n]{1,200}'|[^\s\"']+)")
# "define( 'SMTP_PASS', 'mG7#...' );", "putenv('API_TOKEN', '...')": a secret-named constant set by a call
_DEFINE_RE = re.compile(r"(?i)\b(?:define|putenv|setenv|set|env)\s*\(\s*['\"](?P<key>[A-Za-z0-9_.\-]{2,80})['\"]\s*,\s*"
                        r"(?P<q>['\"])(?P<val>[^'\"\n]{6,300})(?P=q)")


def _detect_defines(text: str, lower: str) -> Iterator[Finding]:
    for start, end in _lines_with(lower, ("define", "putenv", "setenv", "set(", "env(")):
        for m in _DEFINE_RE.finditer(text, start, end):
            key, value = m.group("key"), m.group("val")
            if not _SECRET_NAME_RE.search(key) or _META_SUFFIX_RE.search(key) or _PLACEHOLDER_VALUE_RE.match(value):
                continue
            if " " in value and not re.search(r"\d", value):
                continue  # "put your unique phrase here": a phrase, not a credential
            yield Finding("password" if re.search(r"(?i)pass|pwd", key) else "secret", m.start("val"), m.end("val"))


def _group_findings(regex: re.Pattern[str], kind: str, needles: tuple[str, ...], group: int = 1,
                    keep: Callable[[str], bool] | None = None) -> Detector:
    """Findings for `group` of `regex` (or, where the value has alternative groups, the first of
    `group`, `group + 1`, ... that took part: `-u user:"a b"` / `-u user:ab`), run only when one of
    `needles` (lower case) occurs; with `keep`, only values it accepts."""

    def detect(text: str, lower: str) -> Iterator[Finding]:
        for start, end in _lines_with(lower, needles):
            for m in regex.finditer(text, start, end):
                g = next(n for n in range(group, regex.groups + 1) if m.group(n) is not None)
                if _PLACEHOLDER_VALUE_RE.match(m.group(g)) or (keep is not None and not keep(m.group(g))):
                    continue
                yield Finding(kind, m.start(g), m.end(g))

    return detect


def _lines_with(lower: str, needles: tuple[str, ...]) -> list[tuple[int, int]]:
    """Sorted, distinct (start, end) of the lines containing any needle. Line-local regexes
    then run only there: a (?i) alternation over a whole transcript is the slow part."""
    lines: set[tuple[int, int]] = set()
    for needle in needles:
        line_end = -1
        for at in _iter_find(lower, needle):
            if at < line_end:
                continue  # this line is taken already: never rescan a long line per hit
            start = lower.rfind("\n", 0, at) + 1
            end = lower.find("\n", at)
            line_end = len(lower) if end < 0 else end
            lines.add((start, line_end))
    return sorted(lines)


def _detect_generated(text: str, lower: str) -> Iterator[Finding]:
    for needle in _GENERATOR_NEEDLES:
        for at in _iter_find(lower, needle):
            m = _NEXT_LINE_VALUE_RE.match(text, at)
            if m:
                yield Finding("generated-secret", m.start(1), m.end(1))
    if not any(w in lower for w in _CREATE_WORDS) or not any(w in lower for w in ("key", "token", "secret", "passw")):
        return
    for made in _CREATES_SECRET_RE.finditer(lower):  # "headscale preauthkeys create ...": its output line
        m = _NEXT_LINE_VALUE_RE.match(text, made.start())
        if m and (looks_random(m.group(1), min_len=16) or (_HEX_RE.match(m.group(1)) and len(m.group(1)) >= 32)):
            yield Finding("generated-secret", m.start(1), m.end(1))


def _detect_printed(text: str, lower: str) -> Iterator[Finding]:
    for needle in _PRINTER_NEEDLES:
        for at in _iter_find(lower, needle):
            if needle in ("config get", "vars get"):
                line_end = lower.find("\n", at)
                line = lower[lower.rfind("\n", 0, at) + 1:len(lower) if line_end < 0 else line_end]
                if not re.search(r"pass|secret|token|key", line):
                    continue  # "config get region": a setting, not a secret
            m = _PRINTER_LINE_RE.match(text, at)
            if m and (_printed_secret(m.group(1)) or looks_random(m.group(1), min_len=16)):
                yield Finding("printed-secret", m.start(1), m.end(1))


def _detect_bundler_credentials(text: str, lower: str) -> Iterator[Finding]:
    if "bundle" not in lower and "set for " not in lower:
        return
    for m in _BUNDLER_CRED_RE.finditer(text):
        yield Finding("basic-auth", m.start(1), m.end(1))


def _detect_announced_key(text: str, lower: str) -> Iterator[Finding]:
    for line_start, line_end in _lines_with(lower, ("secret key", "private key", "secret_key", "private_key", "secret-key",
                                                     "private-key", "auth key", "auth-key", "api key", "access key")):
        if line_end - line_start > 400:
            continue  # an announcement is a short line; a long one is data, and rescanning it is slow
        m = _ANNOUNCED_KEY_RE.match(text, line_start)
        # mixed-case base64, or a long hex key (a 40-hex run alone is a commit id; keys are longer)
        if m and any(c.isdigit() for c in m.group(1)) and (_mixed_case(m.group(1)) or (
                len(m.group(1)) >= 48 and _HEX_RE.match(m.group(1)))):
            yield Finding("private-key", m.start(1), m.end(1))


def _detect_secret_file(text: str, lower: str) -> Iterator[Finding]:
    for line_start, line_end in _lines_with(lower, ("secret", "token", "passw", "vault", "api_key", "api-key", "apikey")):
        if line_end - line_start <= 400 and "/" in lower[line_start:line_end]:  # a listing line, not minified code
            m = _SECRET_FILE_RE.match(text, line_start)
            if m is None:
                continue
            value = m.group(1)
            if (looks_random(value, min_len=12) or _UUID_RE.match(value)) \
                    and not _constant_name(value) and not _file_or_code_name(value):
                yield Finding("secret-file", m.start(1), m.end(1))


def _printed_secret(value: str) -> bool:
    """A generated password or key: letters and digits, usually symbols, no word shape."""
    if _PLACEHOLDER_VALUE_RE.match(value) or value.startswith(("/", "http", "{", "[", "<", "$")) or value.endswith(":"):
        return False
    has = (any(c.isdigit() for c in value), any(c.isupper() for c in value), any(c.islower() for c in value),
           any(not c.isalnum() for c in value))
    return sum(has) >= 3 and has[0] and shannon_entropy(value) >= 3.0


def _detect_spaced_settings(text: str, lower: str) -> Iterator[Finding]:
    for start, end in _lines_with(lower, ("passwd", "password", "secret", "token", "apikey", "api_key", "licensekey",
                                          "license_key", "licencekey")):
        for m in _SPACED_SETTING_RE.finditer(text, start, end):
            key, value = m.group(1), m.group(2)
            if _digit_or_symbol(value) and _literal_secret_value(key, value) \
                    and not _FILE_NAME_RE.search(value) and not value.isdigit():  # "s3-secret-key  1718092211000": a timestamp
                yield Finding(_key_kind(key), m.start(2), m.end(2))


def _detect_netrc(text: str, lower: str) -> Iterator[Finding]:
    for at in _iter_find(lower, "machine"):
        m = _NETRC_RE.match(text, at)
        if m and not _PLACEHOLDER_VALUE_RE.match(m.group(1)):
            yield Finding("password", m.start(1), m.end(1))


def _detect_jwt(text: str, lower: str) -> Iterator[Finding]:
    for at in _iter_find(text, "eyJ"):
        m = _JWT_RE.match(text, at)
        if m:
            yield Finding("jwt", m.start(), m.end())


# "tokens are enabled. staging one is <64 hex>": a value told for "one" of the secrets the text just named
_ONE_IS_RE = re.compile(r"(?i)\b(?:the\s+)?[\w-]+\s+one\s+(?:is|=|:)\s+[\"'`]?([A-Za-z0-9+/=_\-]{24,})")
_NAMED_SECRETS_RE = re.compile(r"(?i)\b(?:tokens?|keys?|secrets?|passwords?|credentials?)\b")


def _detect_one_is(text: str, lower: str) -> Iterator[Finding]:
    for at in _iter_find(lower, " one "):
        m = _ONE_IS_RE.match(text, max(0, text.rfind(" ", 0, at) + 1))
        if m is None:
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1  # the secrets named on the same line, not a neighbour's
        if not _NAMED_SECRETS_RE.search(text, max(line_start, m.start() - 160), m.start()):
            continue
        value = m.group(1)
        if looks_random(value) or re.fullmatch(r"[0-9a-fA-F]{32,}", value):
            yield Finding("secret", m.start(1), m.end(1))


def _letters_and_digits(value: str) -> bool:
    """"api_8fq2kx7rz3mtw9ne4hb6": a header value of letters mixed with digits is a key, not a word."""
    return len(value) >= 16 and len(re.findall(r"\d", value)) >= 3 and len(re.findall(r"[A-Za-z]", value)) >= 6


def _credential_shaped(token: str) -> bool:
    return len(token) >= 16 and not _PLACEHOLDER_VALUE_RE.match(token) and (looks_random(token) or _cheap_random_shape(token))


def _detect_auth_header(text: str, lower: str) -> Iterator[Finding]:
    for start, end in _lines_with(lower, ("authorization",)):
        for m in _AUTH_HEADER_ANY_RE.finditer(text, start, end):  # first: a user + secret pair is one credential
            tokens = list(re.finditer(r"\S+", m.group(1)))
            last = tokens[-1]
            kind = "basic-auth" if lower[m.start():m.start(1)].rstrip().endswith("basic") else "bearer-token"
            if _credential_shaped(last.group(0)):
                yield Finding(kind, m.start(1) + tokens[0].start(), m.start(1) + last.end())
            elif _credential_shaped(tokens[0].group(0)):
                yield Finding(kind, m.start(1) + tokens[0].start(), m.start(1) + tokens[0].end())
        for m in _AUTH_HEADER_RE.finditer(text, start, end):
            value = m.group(2)
            if _PLACEHOLDER_VALUE_RE.match(value) or len(value) < 6:
                continue
            scheme = m.group(1).lower()
            yield Finding("basic-auth" if scheme == "basic" else "bearer-token", m.start(2), m.end(2))
        for m in _AUTH_HEADER_BARE_RE.finditer(text, start, end):
            value = m.group(1)
            if not _PLACEHOLDER_VALUE_RE.match(value) and (looks_random(value) or re.search(r"[0-9a-fA-F]{24,}", value)
                                                           or _letters_and_digits(value)):
                yield Finding("bearer-token", m.start(1), m.end(1))
    for at in _iter_find(text, "Bearer"):
        m = _BARE_BEARER_RE.match(text, at)
        if m and (looks_random(m.group(1)) or _JWT_RE.match(m.group(1))):
            yield Finding("bearer-token", m.start(1), m.end(1))


# Go's MySQL DSN has no scheme: "orders_app:<password>@tcp(mysql-1:3306)/orders"
_GO_DSN_RE = re.compile(r"(?<![\w.:/\[-])[\w.-]{1,40}:(?P<val>[^\s@/'\"`:\[\]]{4,200})@(?:tcp|unix|udp)\(")
# an AWS key pair told together: "its keys are AKIA... / <the 40-character secret>"
_AWS_PAIR_RE = re.compile(r"\b(?:AKIA|ASIA)[A-Z0-9]{16}[\s,:;/|]{1,5}(?P<val>[A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])")


def _detect_go_dsn(text: str, lower: str) -> Iterator[Finding]:
    if "@tcp(" in text or "@unix(" in text or "@udp(" in text:
        for m in _GO_DSN_RE.finditer(text):
            if not _PLACEHOLDER_VALUE_RE.match(m.group("val")) and set(m.group("val")) != {"*"}:
                yield Finding("url-password", m.start("val"), m.end("val"))


def _detect_aws_pair(text: str, lower: str) -> Iterator[Finding]:
    if "AKIA" in text or "ASIA" in text:  # the scan only where a key id is
        for m in _AWS_PAIR_RE.finditer(text):
            yield Finding("aws-secret-key", m.start("val"), m.end("val"))


def _detect_url_password(text: str, lower: str) -> Iterator[Finding]:
    for at in _iter_find(text, "://"):
        m = _URL_PASSWORD_RE.match(text, _scheme_start(text, at))
        if m is None:
            continue
        value = m.group(1)
        if set(value) == {"*"}:
            continue  # "redis://:**@localhost": the program masked it already
        if _PLACEHOLDER_VALUE_RE.match(value) or value.endswith("]") and "[REDACTED:" in text[m.start():m.start(1)]:
            continue  # "https://[REDACTED:sentry-dsn]@...": already redacted, the colon is the placeholder's
        yield Finding("url-password", m.start(1), m.end(1))


_URL_PATH_RE = re.compile(r"://[^\s/?#\"'<>`]+(?P<path>/[^\s?#\"'<>`)\]]*)")
_API_VERSION_SEG_RE = re.compile(r"^v\d{1,2}$")


# "pg://db:5432?u=nocodb&p=<password>&d=nocodb": a password passed as a query parameter
_URL_QUERY_PASSWORD_RE = re.compile(r"[?&](?:p|pw|pwd|pass|passwd|password)=(?P<val>[^&\s\"'`<>]{6,200})")  # "#" too
# Kubernetes-style lists: "- name: redisPassword\n  value: \"...\"" (Dapr metadata, container env)
_NAME_VALUE_RE = re.compile(r"\bname:\s*[\"']?(?P<key>[\w.\-]+)[\"']?[ \t]*\r?\n[ \t]*value:[ \t]*(?P<val>\"[^\"\n]{1,400}\"|'[^'\n]{1,400}'|[^\s#]{1,400})")
# "xcrun altool ... -u mara@x.io -p <app password>": a password flag given with a user flag in one command
_USER_PASSWORD_FLAGS_RE = re.compile(r"(?:^|\s)(?:-u|--user(?:name)?)[ =]\S+\s+(?:-p|--pass(?:word)?)[ =]"
                                     r"(?P<val>'[^'\n]{6,200}'|\"[^\"\n]{6,200}\"|[^\s`'\"]{6,200})")  # bare or quoted


def _detect_url_query_password(text: str, lower: str) -> Iterator[Finding]:
    if "=" in text and "?" in text:
        for m in _URL_QUERY_PASSWORD_RE.finditer(text):
            if not _PLACEHOLDER_VALUE_RE.match(m.group("val")) and not m.group("val").isdigit():
                yield Finding("url-password", m.start("val"), m.end("val"))


def _detect_name_value(text: str, lower: str) -> Iterator[Finding]:
    if "value:" in lower:
        for m in _NAME_VALUE_RE.finditer(text):
            if _SECRET_NAME_RE.search(m.group("key")) and not _META_SUFFIX_RE.search(m.group("key")):
                v_start, v_end, value = _strip_quotes(m, "val")
                if _literal_secret_value(m.group("key"), value, quoted=v_start != m.start("val")):
                    yield Finding(_key_kind(m.group("key")), v_start, v_end)


_INDEXED_SECRET_RE = re.compile(r"\[\s*(?P<q>['\"])(?P<key>[\w.\-]*(?:pass|secret|token|key)[\w.\-]*)(?P=q)\s*\]\s*=>?\s*"
                                r"(?P<vq>['\"])(?P<val>[^'\"\n]{1,400})(?P=vq)", re.I)


def _detect_indexed_secret(text: str, lower: str) -> Iterator[Finding]:
    if "'] " not in text and '"] ' not in text and "']=" not in text and '"]=' not in text:
        return
    for m in _INDEXED_SECRET_RE.finditer(text):
        # 'authpass', 'privpass' (SNMPv3, LDAP binds): "pass" fused to what it is for; not 'compass', 'bypass'
        named = _SECRET_NAME_RE.search(m.group("key")) or \
            re.search(r"(?i)(?:auth|priv|db|user|admin|root|smtp|mail|ldap|bind|sql|redis|api|enc|key)pass$", m.group("key"))
        if named and not _META_SUFFIX_RE.search(m.group("key")) \
                and _literal_secret_value(m.group("key"), m.group("val"), quoted=True):
            yield Finding(_key_kind(m.group("key")), m.start("val"), m.end("val"))


# a command-line flag named for a secret: "--master-key Gn4l...", "--auth-token=...", "--db-password 'X'"
_SECRET_FLAG_RE = re.compile(r"(?<![\w-])--(?:[a-z0-9]+-)*(?:key|token|secret|password|passwd|pass|apikey)[ =]+"
                             r"(?P<val>'[^'\n]{8,200}'|\"[^\"\n]{8,200}\"|[^\s`'\"]{8,200})")


def _detect_secret_flag(text: str, lower: str) -> Iterator[Finding]:
    if "--" not in text:
        return
    for m in _SECRET_FLAG_RE.finditer(text):
        v_start, v_end, value = _strip_quotes(m, "val")
        if value.startswith(("-", "$", "@")) or "/" in value or "[REDACTED" in value or _PLACEHOLDER_VALUE_RE.match(value):
            continue  # the next flag, a variable, a file (--key /etc/ssl/x.key, --token-file @f)
        if _file_or_code_name(value) or not (_mixed_case_digits(value) or looks_random(value) or _strong_password(value)):
            continue  # "--api-key-name deploy", "--key production": a name, not the secret
        yield Finding("secret-flag", v_start, v_end)


def _detect_user_password_flags(text: str, lower: str) -> Iterator[Finding]:
    if " -p" in text or "--pass" in text:
        for m in _USER_PASSWORD_FLAGS_RE.finditer(text):
            v_start, v_end, value = _strip_quotes(m, "val")  # bare or quoted ('I1t...X!')
            if not value.isdigit() and not _PLACEHOLDER_VALUE_RE.match(value) and "$" not in value:
                yield Finding("password", v_start, v_end)


def _detect_url_path_token(text: str, lower: str) -> Iterator[Finding]:
    """A key carried in a URL's path (".../v2/<key>" of an RPC or webhook endpoint): a path
    segment that looks generated, or a 32-hex segment right after an API version segment.
    Commit hashes (40 hex), file names (an archive named by its hash) and plain words stay."""
    for at in _iter_find(text, "://"):
        m = _URL_PATH_RE.match(text, at)
        if m is None:
            continue
        pos, prev = m.start("path"), ""
        for seg in m.group("path").split("/"):
            file_name = re.search(r"\.[A-Za-z][A-Za-z0-9]{0,4}$", seg)
            hex_key = _API_VERSION_SEG_RE.match(prev) and re.fullmatch(r"[0-9a-f]{32}", seg)
            hook_key = prev.lower() in ("hooks", "hook", "webhooks", "webhook") and re.fullmatch(r"[A-Za-z0-9_-]{16,}", seg) \
                and any(c.isdigit() for c in seg)  # Mattermost/Slack-style incoming webhook: ".../hooks/<key>"
            # a push monitor's or a token endpoint's key (Uptime Kuma ".../api/push/Jx83KdfQ2pLm"): shorter, mixed
            hook_key = hook_key or (prev.lower() in ("push", "token", "tokens", "key", "keys", "secret", "hooks", "hook", "webhook")
                                    and re.fullmatch(r"[A-Za-z0-9_-]{10,}", seg) is not None and _mixed_case_digits(seg))
            if seg and not file_name and (looks_random(seg) or hex_key or hook_key):
                yield Finding("url-token", pos, pos + len(seg))
            pos += len(seg) + 1
            prev = seg


def _iter_find(haystack: str, needle: str) -> Iterator[int]:
    pos = haystack.find(needle)
    while pos >= 0:
        yield pos
        pos = haystack.find(needle, pos + 1)


def _name_start(text: str, end: int, also: str) -> int:
    """Where the name that ends at `end` starts: letters, digits and the characters in `also`."""
    start = end
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in also):
        start -= 1
    return start


def _scheme_start(text: str, colon: int) -> int:
    start = _name_start(text, colon, "+.-")
    while start < colon and not text[start].isalpha():
        start += 1  # "+redis://:pw@host" in a diff: the "+" is the diff's, not the scheme's
    return start


def _strip_quotes(m: re.Match[str], group: str) -> tuple[int, int, str]:
    start, end = m.start(group), m.end(group)
    value = m.group(group)
    if len(value) >= 2 and value[0] in "\"'`" and value[-1] == value[0]:
        return start + 1, end - 1, value[1:-1]
    if len(value) >= 3 and value[0] in "bB" and value[1] in "\"'" and value[-1] == value[1]:
        return start + 2, end - 1, value[2:-1]  # Python bytes: curve_secretkey = b"..."
    return start, end, value


def _detect_assignments(text: str, lower: str) -> Iterator[Finding]:
    seen = -1
    for hit in _SECRET_WORD_RE.finditer(lower):
        key_start = hit.start()
        while key_start > 0 and (text[key_start - 1].isalnum() or text[key_start - 1] in "_.-"):
            key_start -= 1
        if key_start <= seen:
            continue
        m = _ASSIGN_RE.match(text, key_start)
        if m is None:
            continue
        # a quoted value that is no secret as a whole (a connection string) is still read inside:
        # "...;User ID=app;Password=Stk!R00m#sql-7731;..."
        val = m.group("val")
        seen = m.start("val") if val[:1] in "\"'" and ";" in val and "=" in val else m.end()
        key = m.group("key").lstrip("-")
        if key.lower() == "pass" and (key != "pass" or text[text.rfind("\n", 0, m.start("key")) + 1:m.start("key")].strip(" \t-")):
            continue  # a bare "pass:" is a YAML key in lower case at its line's start, not "--- PASS: TestX"
        if _FILE_NAME_RE.search(key):
            continue  # test_tokens.py: a file name, not a setting
        if _META_SUFFIX_RE.search(key.rstrip("_.-")) and not re.search(
            r"(?i)(?:password|secret|token|key|access_?key_?id)$", key  # an access key's id is half its credential
        ):
            continue
        start, end, value = _strip_quotes(m, "val")
        quoted = end - start != len(m.group("val"))
        escaped = value.find("\\n") if not quoted else -1
        if escaped > 0:  # "...\n  password: X\n  database: ..." in a JSON string: the escape ends the line
            end, value = start + escaped, value[:escaped]
        sep = m.group("sep").strip()
        if not quoted and sep == ":" and _line_is_yaml_key(text, m.start("key")):
            # YAML value runs to the end of the line (minus a trailing comment).
            line_end = text.find("\n", end)
            line_end = len(text) if line_end < 0 else line_end
            # A backtick ends it too: `password: x` quoted inline in prose is not the whole line.
            rest = re.split(r"\s+#|`", text[start:line_end], maxsplit=1)[0].rstrip()
            if rest.endswith((",", "(", ")", ":")):
                continue  # `secret: PotentialSecret,`: a parameter list, not YAML
            end, value = start + len(rest), rest
        if not sep and not quoted:
            continue
        code = _code_context(text, m.start("key"), key, sep)
        if not _literal_secret_value(key, value, quoted=quoted, code=code):
            continue
        if _HEX_RE.match(value) and not _SECRET_NAME_RE.search(re.sub(r"(?i)[_.\-]key$", "", key)):
            continue  # "cache_key: 4f1c9a...": under a plain "<thing>_key" name, hex is a digest
        yield Finding(_key_kind(key), start, end)
    if "--" not in text:
        return
    for m in _FLAG_RE.finditer(text):
        value = m.group(1).strip("\"'")
        if value.isalpha() and value.islower():
            continue  # "--password options": prose about the flag
        if _literal_secret_value(m.group(0).split()[0], value):
            start = m.start(1) + (1 if m.group(1)[0] in "\"'" else 0)
            yield Finding(_key_kind(m.group(0).split()[0]), start, start + len(value))


def _code_context(text: str, key_start: int, key: str, sep: str) -> bool:
    """False for env dumps, .env/ini/YAML lines and UPPER_CASE settings, where an unquoted
    word is a literal value; True for indented or dotted lowercase assignments in code."""
    if not any(c.islower() for c in key):
        return False
    line_start = text.rfind("\n", 0, key_start) + 1
    prefix = text[line_start:key_start]
    if prefix.strip() in ("", "export", "set") and not prefix.startswith((" ", "\t")):
        return "." in key and key.split(".", 1)[0] in ("self", "this", "cls", "config", "settings")
    if sep == ":" and prefix.strip() in ("", "-"):
        return False  # YAML mapping
    return True


def _line_is_yaml_key(text: str, key_start: int) -> bool:
    line_start = text.rfind("\n", 0, key_start) + 1
    prefix = text[line_start:key_start]
    return prefix.strip() in ("", "-")


def _detect_high_entropy(text: str, lower: str) -> Iterator[Finding]:
    for m in _VALUE_RE.finditer(text):
        value = m.group()
        if value.startswith("//") or not _cheap_random_shape(value):
            continue  # "//host/path" is the rest of a URL
        ctx = _KEY_BEFORE_RE.search(text, max(0, m.start() - 80), m.start())
        if ctx is None:
            continue
        key = ctx.group("key")
        if _HASHY_KEY_RE.search(key) and not _SESSION_KEY_RE.search(key) and not (
                _SECRET_NAME_RE.search(key) and not _META_SUFFIX_RE.search(key)):
            continue  # sessionid/sid values are bearer credentials despite the "id"; signingKey is no "sig"
        if _UUID_RE.match(value) or _DIGEST_PREFIX_RE.match(value):
            continue
        if value.count("/") >= 2 and not value.endswith("="):
            if all(re.fullmatch(r"[A-Za-z0-9_.\-]*", seg) for seg in value.split("/")):
                segs = [s for s in value.split("/") if s]
                if any(shannon_entropy(s) < 3.0 for s in segs):
                    continue  # a path: some segment is a plain word
        if _file_or_code_name(value) or _constant_name(value):
            continue
        if not looks_random(value) and not (_KEY_NAME_RE.search(key) and _HEX_RE.match(value) and len(value) >= 32):
            continue  # hex is a hash unless a key's name says it is a key (APP_KEY, routing_key)
        yield Finding("high-entropy", m.start(), m.end())


# A secret told in a sentence: "the Memfault project key for this product is 4f1c9a...",
# "my db password is Tr0ub4dor&3". On lowered text; the gap never crosses a sentence end.
_TOLD_RE = re.compile(
    r"\b(?P<word>(?:[a-z0-9]+_)*(?:password|passwd|passphrase|pw|pwd|secret|token|api[ _-]?key|key))s?\b"  # "rails_master_key is …"
    r"(?:(?P<gap>(?:[^\n.;!?`'\"\[\]]|'[\w .@-]{1,40}'){0,60}?)\s(?:is|was|are|got|returns|returned|prints|printed|(?:to|will|should)\s+be)\s+(?:still\s+|now\s+)?"
    # "... api key for the agent we install later, put it somewhere: 4f1c...": a sentence, then its colon
    r"|\s[^\n.;!?`'\"{}\[\]=:]{5,60}?:\s+)[`'\"]?"
    r"(?P<val>[^\s`'\",;()<>\[\]]{6,200})"
)


def _told_value(word: str, value: str) -> bool:
    """Is `value`, said to be a `word` ("key", "password"), a literal credential?"""
    if _PLACEHOLDER_VALUE_RE.match(value) or value.isalpha() or "/" in value:
        return False  # "is required", "is rotated", a path or URL
    if _file_or_code_name(value):
        return False
    if re.search(r"^pwd?$", word) and not any(c.isalpha() for c in value):
        return False  # "the pw ... box is 192.168.50.23": an address, not the password
    if re.search(r"pass|secret|^pwd?$", word):
        return len(value) >= 6 and _digit_or_symbol(value)
    # keys and tokens are generated: long, letters and digits, no plain identifier shape
    if 12 <= len(value) < 16 and _mixed_case_digits(value) and re.fullmatch(r"[A-Za-z0-9]+", value):
        return shannon_entropy(value) >= 3.0  # "his token is R7gH2kLm9QxY": short, but only a generator writes that
    if len(value) < 16 or not _cheap_random_shape(value) or _DIGEST_PREFIX_RE.match(value):
        return False
    if _constant_name(value):
        return False
    return shannon_entropy(value) >= 3.0


_TOLD_WORD_RE = re.compile(r"pass|secret|token|key|\bpwd?\b")
_NEARER_SECRET_WORD_RE = re.compile(r"\b(?:password|passwd|passphrase|pwd?|secret|token)\b")
_TOLD_PASSWORD_RE = re.compile(r"\b(?:(?:password|passwd|passphrase|pw|pwd)(?:\s+(?:is|was):?)?|"  # "The new password is: 'X'"
                               r"pass(?:code)?\s+(?:is|was):?)\s+[`'\"]?(?P<val>[^\s`'\",;()<>\[\]]{6,200})")  # "vault pass is X"
# "i set the pw to Gr3yhound!Lamp22", "hetzner emailed a root pw when i created the box, Kettle-Marsh-4471!":
# a password set to a value, named and then given after a comma, or told for whom ("the pw for the nodered
# user is X"). Only mixed-case values with digits count
# (the value is not right after the word, so the word alone says less).
_TOLD_PASSWORD_LATER_RE = re.compile(
    r"\b(?:(?:set|changed?|reset)\s+(?:the\s+|my\s+|his\s+|her\s+|its\s+|our\s+)?(?:[\w-]+\s+)?(?:pw|pwd|password|passwd|passphrase)"
    r"(?:\s+from\s+\S{1,40})?\s+(?:to|as)|(?:pw|pwd|password|passwd|passphrase|wi-?fi key|wlan key|wpa key)\b[^\n.;!?:=`'\"]{3,60},(?:\s+it'?s)?|"
    r"(?:pw|pwd|password|passwd|passphrase)\s+for\s+(?:the\s+|my\s+|our\s+)?[\w.@-]{1,30}(?:\s+(?:user|account|role|login))?"
    r"\s+(?:is|was))\s+[`'\"]?(?P<val>[^\s`'\",;()<>\[\]]{8,200})")
# "admin console login is admin / Ferny-Otter-4412!", "the test account is e2e@shop.dev / Cart0n-Pelican#88":
# a login told as user / password
_TOLD_LOGIN_RE = re.compile(r"\b(?:login(?:[ \t]+(?:for|on|to)(?:[ \t]+[\w.\-]{1,30}){1,3}(?=[ \t]+(?:is|are)\b))?|"  # "login for the action server is"
                            # "if you need to log in to qa by hand: qa.admin@x.example / X", "log in as admin its sysadmin / X"
                            r"log[ \t]?in\b[^\n.;!?:/]{0,60}?(?:[ \t]+(?:is|its|it's)\b|:)|"
                            r"credentials|creds|account|user(?:name)?(?:[ \t]*/[ \t]*pass(?:word)?)?)(?:[ \t]+(?:is|are)\b|[ \t]*:)?"
                            r"[ \t]+[\w.@\-]{1,40}[ \t]*/[ \t]*(?P<val>[^\s`'\",;()<>\[\]]{6,200})")


# A command that names a secret, run, and what it gave back, in one sentence
_RAN_AND_GOT_RE = re.compile(r"(?i)\b(?:ran|run|running)\s+`[^`\n]*(?:pass|secret|token|key)[^`\n]*`[^`\n.]{0,20}?"
                             r"\b(?:got|gave|returned|printed|prints|returns)\s+(?:me\s+)?`(?P<val>[^`\s]{6,200})`")


def _detect_env_default(text: str, lower: str) -> Iterator[Finding]:
    for needle in ("env(", "environ.get(", "env.fetch("):  # "getenv(" is found as "env(" too
        for pos in _iter_find(lower, needle):
            m = _ENV_DEFAULT_RE.match(text, _name_start(text, pos, "._"))
            if m and _literal_secret_value(m.group("key"), m.group("val"), quoted=True):
                yield Finding(_key_kind(m.group("key")), m.start("val"), m.end("val"))


# An ARM/Bicep parameters file (and its kin): "sqlAdminPassword": { "value": "Wq3$..." }; the secret is
# named by the object's key, its value sits one level down under "value"
# ... and a recorded request's header matcher (Hoverfly, WireMock): "X-Api-Key": [{"matcher": "exact", "value": "..."}]
_PARAMETER_VALUE_RE = re.compile(r"\"(?P<key>[\w.\-]*(?:[Pp]ass(?:word|wd)?|PASSWORD|[Ss]ecret|SECRET|[Tt]oken|TOKEN|[Aa]pi[-_]?[Kk]ey|"
                                 r"API[-_]?KEY)[\w.\-]*)\"\s*:\s*\[?\s*\{[^{}\"]{0,80}(?:\"matcher\"\s*:\s*\"\w+\"\s*,\s*)?"
                                 r"\"value\"\s*:\s*\"(?P<val>[^\"\n]{6,400})\"")


def _detect_parameter_value(text: str, lower: str) -> Iterator[Finding]:
    if '"value"' not in lower:
        return
    for m in _PARAMETER_VALUE_RE.finditer(text):
        if not _META_SUFFIX_RE.search(m.group("key")) and _literal_secret_value(m.group("key"), m.group("val"), quoted=True):
            yield Finding(_key_kind(m.group("key")), m.start("val"), m.end("val"))


def _detect_told(text: str, lower: str) -> Iterator[Finding]:
    for start, end in _lines_with(lower, ("password", "passwd", "passphrase", "pw ", "pwd ", "pass is", "pass was",
                                          "passcode", "login", "log in", "creds", "credentials", "user", "account",
                                          "wifi key", "wi-fi key", "wlan key", "wpa key")):
        for regex in (_TOLD_PASSWORD_RE, _TOLD_LOGIN_RE, _TOLD_PASSWORD_LATER_RE):  # "password X", "pw is X", "login is a / X"
            for m in regex.finditer(lower, start, end):
                v_start, v_end = m.span("val")
                value = text[v_start:v_end].rstrip(".:")
                if regex is not _TOLD_PASSWORD_RE and not _mixed_case_digits(value):
                    continue  # "user deploy / ci-runner-01", "login admin / v2.3.1": a host or version, not a password
                if _told_value("password", value) and not value.lower().startswith(("is", "was", "for", "of")):
                    yield Finding("password", v_start, v_start + len(value))
    for m in _RAN_AND_GOT_RE.finditer(text):  # "I ran `terraform output -raw db_password` and got `q8T#...`"
        if _told_value("password", m.group("val")):
            yield Finding("printed-secret", m.start("val"), m.end("val"))
    for start, end in _lines_with(lower, (" is ", " was ", " are ", " got ", "return", "print", ": ", " be ")):
        if not _TOLD_WORD_RE.search(lower, start, end):
            continue
        for m in _TOLD_RE.finditer(lower, start, end):
            v_start, v_end = m.span("val")
            value = text[v_start:v_end].rstrip(".:")
            # "for the admin token, i want the admin pw to be X": the word nearest the value says what it is
            nearer = _NEARER_SECRET_WORD_RE.findall(lower, m.end("word"), v_start)
            for word in dict.fromkeys([m.group("word")] + nearer[-1:]):
                if _told_value(word, value):
                    yield Finding(_key_kind(word), v_start, v_start + len(value))
                    break


# ~/.pgpass: host:port:database:user:password, one per line
_PGPASS_RE = re.compile(r"(?m)^[ \t]*(?=[^:\n]*[A-Za-z.*])[\w.\-*]+:(?:\d{2,5}|\*):(?=[^:\n]*[A-Za-z*])[\w.\-*]+:"
                        r"(?=[^:\n]*[A-Za-z*])[\w.\-*@]+:(?P<val>[^\s:]{6,200})[ \t]*$")
_PGPASS_PORT_RE = re.compile(r":(?:\d{2,5}|\*):[^:\n]+:[^:\n]+:")
# "client id Ov23li..., secret 521ef39f...": a secret told right after the word, no "is"
_TOLD_SECRET_RE = re.compile(r"\b(?:client[ \t]+)?(?:secret|(?:api[ \t_-]?|access[ \t_-]?|auth[ \t_-]?)?token|"
                             r"(?:api|access|application|secret|master|app)[ \t_-]?key)[ \t]*[:=]?[ \t]+[`'\"]?"
                             r"(?P<val>[A-Za-z0-9_\-+/=.]{12,200})")
# "superadmin on local is superadmin / candl3-Lite!2024", "i made one: qa@x.io / Hunter-Plaid-42!": a login
# and a password that has the shape only a password has (see _strong_password)
_LOGIN_BEFORE_SLASH_RE = re.compile(r"(?<![\w/.])[\w.@+\-]{2,60}[ \t]+$")
_PASSWORD_AFTER_SLASH_RE = re.compile(r"[ \t]+(?P<val>[^\s`'\",;()<>\[\]/\\]{8,200})")
_PASSWORD_SYMBOL_RE = re.compile(r"[!@#$%^&*?~+=]")
_TOKEN_RE = re.compile(r"[^\s`'\",;()<>\[\]\\]{10,200}")
# a YAML list of secrets: "secrets:\n  cookie:\n    - 9dQ3mK7v..." (Kratos, Ory, many apps' configs)
_YAML_SECRETS_RE = re.compile(r"(?im)^[ \t]*(?:\d+[ \t]+)?(?:secrets?|passwords?|keys|tokens|cookie_secrets?)[ \t]*:[ \t]*$")
_YAML_ITEM_HINT_RE = re.compile(r"- ['\"]?[A-Za-z0-9_\-]{24}")
_YAML_LONE_ITEM_RE = re.compile(r"(?m)^[ \t]*(?:\d+[ \t]+)?-[ \t]+['\"]?(?P<val>[A-Za-z0-9_\-]{24,200})['\"]?[ \t]*$")
_YAML_ITEM_RE = re.compile(r"^[ \t]*(?:\d+[ \t]+)?-[ \t]+['\"]?(?P<val>[^\s'\"]{16,200})['\"]?[ \t]*$")
# SyncCredentials.sharedSecretString('fn-sync-7Qw2...'), setApiToken("..."): a call named for a secret
_SECRET_CALL_RE = re.compile(r"(?:[Ss]ecret|[Pp]assword|[Pp]asswd|[Tt]oken|[Aa]pi[Kk]ey)\w*\(\s*"
                             r"(?P<q>['\"])(?P<val>[^'\"\n]{8,200})(?P=q)\s*\)")
# https://<token>@host: a key in a URL's user part, with no password after it
_URL_USER_TOKEN_RE = re.compile(r"\b[a-zA-Z][a-zA-Z0-9+.\-]*://(?P<val>[A-Za-z0-9_\-]{20,200})@[\w.\-]")


def _strong_password(value: str) -> bool:
    """Upper and lower case, a digit and a symbol, 8+ characters: the shape a password policy asks
    for, and one a name, a path, a version or an identifier does not have."""
    return (len(value) >= 8 and any(c.isupper() for c in value) and any(c.islower() for c in value)
            and any(c.isdigit() for c in value) and any(c in "!@#$%^&*?~+=" for c in value)
            and "://" not in value and not _file_or_code_name(value) and not _CODE_LIKE_RE.search(value))


# process.env.E2E_PASSWORD!, *pkg.Type), ${VAR}, {{ x }}: code, not a typed password
_CODE_LIKE_RE = re.compile(r"[A-Za-z_]\w*\.[A-Za-z_]\w|\$[{A-Za-z_]|\{\{|[{}]|^\*|\)$|^[A-Za-z]+@\d+$|^[A-Za-z0-9+/]{20,}={0,2}$")


def _detect_pgpass(text: str, lower: str) -> Iterator[Finding]:
    if not _PGPASS_PORT_RE.search(text):
        return
    for m in _PGPASS_RE.finditer(text):
        if not _PLACEHOLDER_VALUE_RE.match(m.group("val")):
            yield Finding("password", m.start("val"), m.end("val"))


# "keyID 005539a068390000000008924 applicationKey K005...": a key's id told with it (B2, S3-likes); half a credential
_TOLD_KEY_ID_RE = re.compile(r"\b(?:access[ \t_-]?)?key[ \t_-]?id[ \t]*[:=]?[ \t]+[`'\"]?(?P<val>[0-9a-z]{20,64})\b")


def _detect_told_secret(text: str, lower: str) -> Iterator[Finding]:
    for start, end in _lines_with(lower, ("keyid", "key id", "key_id", "key-id")):
        for m in _TOLD_KEY_ID_RE.finditer(lower, start, end):
            if sum(c.isdigit() for c in m.group("val")) >= 8 and not m.group("val").isdigit():
                yield Finding("token", m.start("val"), m.end("val"))
    for start, end in _lines_with(lower, ("secret", "token", "key")):
        for m in _TOLD_SECRET_RE.finditer(lower, start, end):
            v_start, v_end = m.span("val")
            value = text[v_start:v_end].rstrip(".:")
            if _told_value("token", value):
                yield Finding("token", v_start, v_start + len(value))


def _detect_login_slash_password(text: str, lower: str) -> Iterator[Finding]:
    for at in _iter_find(text, "/"):  # each slash with blanks around it, read from there (scanning every offset is slow)
        if not (0 < at < len(text) - 1 and text[at - 1] in " \t" and text[at + 1] in " \t"):
            continue
        m = _PASSWORD_AFTER_SLASH_RE.match(text, at + 1)
        if m is None or not _LOGIN_BEFORE_SLASH_RE.search(text, max(0, at - 64), at):
            continue
        value = m.group("val").rstrip(".:")
        login = _LOGIN_BEFORE_SLASH_RE.search(text, max(0, at - 64), at).group(0).strip()
        # after an e-mail login, a passphrase of capitalised words and digits ("Lantern-Fig-2291") is its password too
        if _strong_password(value) or ("@" in login and _mixed_case_digits(value) and len(value) >= 10
                                        and sum(c.isdigit() for c in value) >= 2):
            yield Finding("password", m.start("val"), m.start("val") + len(value))


# "curl -X PUT .../_config/jwt_keys/hmac:_default -d '"<key>"'": a random value sent to a URL whose path
# names a key, a secret, a password or a token is that secret
_CURL_DATA_RE = re.compile(r"(?:^|\s)(?:-d|--data(?:-raw|-binary)?)\s+(?:'\\?\"?|\")(?P<val>[A-Za-z0-9+/=_\-.]{16,512})\\?\"?'?")
_SECRET_PATH_RE = re.compile(r"://\S*/[\w.:-]*(?:key|secret|passw|token|hmac|credential)[\w.:-]*", re.I)


def _detect_curl_secret_data(text: str, lower: str) -> Iterator[Finding]:
    for at in _iter_find(lower, "curl"):
        line_end = text.find("\n", at)
        line = text[at:len(text) if line_end < 0 else line_end]
        for m in _CURL_DATA_RE.finditer(line):
            if _SECRET_PATH_RE.search(line[:m.start()]) and looks_random(m.group("val"), min_len=16):
                yield Finding("secret", at + m.start("val"), at + m.end("val"))


def _detect_strong_password_near_word(text: str, lower: str) -> Iterator[Finding]:
    """A line that talks about a password ("its in ~/.vault_pass.txt ... just use it: Orchard-Tundra-42!")
    and carries a value with a password's shape."""
    for start, end in _lines_with(lower, ("passw", "pass ", "pass:", "pass.", "pass_", "_pass", "pw ", "pwd", "secret",
                                          "credential", "sudo")):
        if end - start > 400 or not _PASSWORD_SYMBOL_RE.search(text, start, end):
            continue
        for m in _TOKEN_RE.finditer(text, start, end):
            value = m.group(0).rstrip(".:")
            if "/" not in value and "=" not in value and _strong_password(value):
                yield Finding("password", m.start(), m.start() + len(value))


def _detect_yaml_lone_secret(text: str, lower: str) -> Iterator[Finding]:
    """A list item that is one generated value, even out of its file (typed or quoted alone)."""
    if not _YAML_ITEM_HINT_RE.search(text):
        return
    for m in _YAML_LONE_ITEM_RE.finditer(text):
        value = m.group("val")
        if _mixed_case_digits(value) and looks_random(value, min_len=24) and not _constant_name(value):
            yield Finding("secret", m.start("val"), m.end("val"))


def _detect_yaml_secret_list(text: str, lower: str) -> Iterator[Finding]:
    if not any(w in lower for w in ("secret", "password", "keys", "tokens")):
        return
    for m in _YAML_SECRETS_RE.finditer(text):
        pos = m.end() + 1
        for _ in range(8):  # the list sits right under the key (maybe under one more key: "cookie:")
            end = text.find("\n", pos)
            line = text[pos:end if end >= 0 else len(text)]
            item = _YAML_ITEM_RE.match(line)
            if item and (looks_random(item.group("val"), min_len=16) or _strong_password(item.group("val"))):
                yield Finding("secret", pos + item.start("val"), pos + item.end("val"))
            elif not re.match(r"[ \t]*(?:\d+[ \t]+)?[ \t]*[\w-]+[ \t]*:[ \t]*$|[ \t]*$", line) and not item:
                break
            if end < 0:
                break
            pos = end + 1


def _detect_secret_call(text: str, lower: str) -> Iterator[Finding]:
    if ("('" not in text and '("' not in text) or not any(w in lower for w in ("secret", "passw", "token", "apikey")):
        return
    for m in _SECRET_CALL_RE.finditer(text):
        key = text[_name_start(text, m.start(), "_"):text.index("(", m.start())]  # the whole name: sharedSecretString
        if not _META_SUFFIX_RE.search(key) and not _constant_name(m.group("val")) \
                and _literal_secret_value(key, m.group("val"), quoted=True):
            yield Finding(_key_kind(key), m.start("val"), m.end("val"))


def _detect_url_user_token(text: str, lower: str) -> Iterator[Finding]:
    for at in _iter_find(text, "://"):
        m = _URL_USER_TOKEN_RE.match(text, _scheme_start(text, at))
        if m and looks_random(m.group("val")):
            yield Finding("url-token", m.start("val"), m.end("val"))


def _cheap_random_shape(value: str) -> bool:
    """Filters most candidates before any entropy maths: needs a digit and a letter, and is
    not an alphabet written out (`"abcdefghijklmnopqrstuvwxyz0123456789"` in code)."""
    if not (any(c.isdigit() for c in value) and any(c.isalpha() for c in value)):
        return False
    low = value.lower()
    return not any(run in low for run in ("abcdef", "0123456", "qwerty"))


# "app password for support@ is vkzq mhtw pbne xalr": Google's app passwords, four groups of four
# letters; random letters, so at least one group has no vowel (plain words always do)
_APP_PASSWORD_RE = re.compile(r"\bapp[ -]?passw(?:or)?d\b[^\n]{0,60}?(?<![a-z])(?P<val>[a-z]{4}(?:[ -][a-z]{4}){3})(?![a-z])")


def _detect_app_password(text: str, lower: str) -> Iterator[Finding]:
    for start, end in _lines_with(lower, ("app password", "app-password", "apppassword", "app passwd")):
        for m in _APP_PASSWORD_RE.finditer(lower, start, end):
            if any(not set(g) & set("aeiouy") for g in re.split(r"[ -]", m.group("val"))):
                yield Finding("password", m.start("val"), m.end("val"))


# "ingestion key: a3f9c2e1-7b4d-...": a UUID handed over as a service's key or token (a trace or
# request id is never called a key)
_KEYED_UUID_RE = re.compile(r"(?i)\b(?:api|ingestion|ingest|licen[cs]e|access|secret|private|auth|service|integration|"
                            r"routing|account|app|write|project)[ _-]?(?:key|token)\b\s*[:=]\s*[\"'`]?"
                            r"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b")
_UUID_ANYWHERE_RE = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-")
_detect_keyed_uuid_lines = _group_findings(_KEYED_UUID_RE, "api-key", ("key", "token"))


def _detect_keyed_uuid(text: str, lower: str) -> Iterator[Finding]:
    if _UUID_ANYWHERE_RE.search(text):  # most texts hold no UUID at all
        yield from _detect_keyed_uuid_lines(text, lower)


# "| ZM_AUTH_HASH_SECRET | c4f1e9a2... |": a settings table printed by a CLI or a database
_TABLE_SECRET_RE = re.compile(r"\|[ \t]*(?P<key>[\w.\-]*(?:PASS(?:WORD|WD)?|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|"
                              r"[Pp]ass(?:word|wd)|[Ss]ecret|[Tt]oken|[Aa]pi_?[Kk]ey)[\w.\-]*)[ \t]*\|[ \t]*"
                              r"(?P<val>[^\s|]{6,200})[ \t]*\|")


def _detect_table_secret(text: str, lower: str) -> Iterator[Finding]:
    if "|" not in text:
        return
    for start, end in _lines_with(lower, ("pass", "secret", "token", "key")):
        for m in _TABLE_SECRET_RE.finditer(text, start, end):
            key, value = m.group("key"), m.group("val")
            if _META_SUFFIX_RE.search(key) or _UUID_RE.match(value):
                continue
            if _literal_secret_value(key, value) and _digit_or_symbol(value):
                yield Finding(_key_kind(key), m.start("val"), m.end("val"))


# PHP config constants: define('DBPASS','osT!ck3t_db#2023'); define('SECRET_SALT', '...')
_PHP_DEFINE_RE = re.compile(r"\bdefine\(\s*['\"](?P<key>\w*(?:PASS|SECRET|TOKEN|SALT|_KEY|APIKEY)\w*)['\"]\s*,\s*"
                            r"(?:'(?P<v1>[^'\n]{3,200})'|\"(?P<v2>[^\"\n]{3,200})\")", re.I)


def _detect_php_define(text: str, lower: str) -> Iterator[Finding]:
    for start, end in _lines_with(lower, ("define(",)):
        for m in _PHP_DEFINE_RE.finditer(text, start, end):
            g = "v1" if m.group("v1") is not None else "v2"
            if not _META_SUFFIX_RE.search(m.group("key")) and _literal_secret_value(m.group("key"), m.group(g), quoted=True):
                yield Finding(_key_kind(m.group("key")), m.start(g), m.end(g))


# zigbee_networkkey="A3 5F 19 C2 ...": a key given as eight or more spaced hex bytes (a MAC has six)
# (colons are how fingerprints are written: "public_key_fingerprint_md5 = "92:6e:...")
_SPACED_HEX_KEY_RE = re.compile(r"(?i)\b(?![\w]*(?:public|fingerprint|pub_))\w*key\w*[\"']?\s*[=:]\s*[\"']((?:[0-9a-f]{2} ){7,}[0-9a-f]{2})[\"']")
# A line that is one generated token and nothing else: pasted by the user, or printed by a command
# ("cat id_ed25519", a key the tool generated). Hex (hashes) and UUIDs are never one.
# Run ids, benchmark names and env lines have _ or -; paths have slashes; a PEM body (a certificate,
# a public key) is a block of such lines between its BEGIN and END lines: none of them is one.
_LONE_TOKEN_LINE_RE = re.compile(r"(?m)^[ \t]*([A-Za-z0-9+/]{32,400}={0,2})[ \t]*$")


def _detect_lone_random_line(text: str, lower: str) -> Iterator[Finding]:
    for m in _LONE_TOKEN_LINE_RE.finditer(text):
        value = m.group(1)
        if value.count("/") >= 2 or _HEX_RE.match(value) or _constant_name(value):
            continue
        begin = text.rfind("-----BEGIN", 0, m.start())
        if begin >= 0 and text.rfind("-----END", begin, m.start()) < 0:
            continue
        if "public" in lower[max(0, m.start() - 120):m.start()]:
            continue  # "Your public key was generated successfully:" and the key under it
        if looks_random(value, min_len=32):
            yield Finding("high-entropy", m.start(1), m.end(1))


# Priority order: earlier detectors win overlaps (a typed kind beats a generic one).
_DETECTORS: tuple[Detector, ...] = (
    _detect_private,
    _detect_pem,
    _detect_prefixed,
    _detect_jwt,
    _group_findings(_SLACK_WEBHOOK_RE, "slack-webhook", ("hooks.slack.com",)),
    _group_findings(_DISCORD_WEBHOOK_RE, "discord-webhook", ("/api/webhooks/",)),
    _detect_go_dsn,  # ahead of URL passwords, as when they were read inside it (order settles overlaps)
    _detect_aws_pair,
    _detect_url_password,
    _detect_url_path_token,
    _detect_auth_header,
    _group_findings(_KEY_HEADER_RE, "api-key", ("api-key", "auth-token", "private-token", "access-token",
                                                "vault-token", "subscription-key")),
    _group_findings(_CURL_USER_RE, "basic-auth", ("-u", "--user")),
    _group_findings(_SIGN_PASSWORD_RE, "password", ("signtool", "osslsigncode", "pvk2pfx", "certutil")),
    _detect_defines,
    _group_findings(_DOCKER_AUTH_RE, "basic-auth", ('"auth"',)),
    _detect_generated,
    _group_findings(_MYSQL_PW_RE, "password", ("mysql",)),
    _detect_netrc,
    _detect_spaced_settings,
    _group_findings(_XML_SECRET_RE, "password", ("pass>", "word>", "passwd>", "secret>", "token>", "apikey>", "psk>"), 2),
    _group_findings(_SENTRY_KEY_RE, "sentry-dsn", ("sentry.io",)),
    _group_findings(_LIVE_KEY_RE, "api-key", ("_live_", "_prod_")),
    _group_findings(_GOOGLE_REFRESH_RE, "google-refresh-token", ("1//0",)),
    _group_findings(_ZEROTIER_SECRET_RE, "private-key", (":0:",)),
    _group_findings(_STATS_AUTH_RE, "basic-auth", ("stats auth",)),
    _group_findings(_REDIS_AUTH_RE, "password", ("requirepass", "masterauth")),
    _group_findings(_SNMP_COMMUNITY_RE, "password", ("snmp",)),
    _group_findings(_KEY_COLON_SECRET_RE, "secret", ("akia", "asia", "scw")),
    # only a value with a digit or symbol: "the user admin pass through the proxy" is English
    _group_findings(_USER_PASS_WORDS_RE, "password", (" pass", " pw", " pwd", "password"), keep=_digit_or_symbol),
    _detect_one_is,
    _group_findings(_API_SETTING_RE, "api-key", ("_api",)),
    _group_findings(_SET_HEADER_RE, "api-key", ("set-header",)),
    _group_findings(_ACCOUNTS_KEY_RE, "private-key", ("accounts",)),
    _group_findings(_KEY_ID_RE, "private-key", ("private_key_id",)),
    _group_findings(_BYTE_KEYPAIR_RE, "private-key", ("[",)),
    _group_findings(_RECORD_KEY_RE, "api-key", ("--record",)),
    _group_findings(_PHP_HEX_KEY_RE, "secret", ("'key'",)),
    _detect_announced_key,
    _detect_env_default,
    _detect_parameter_value,
    _detect_bundler_credentials,
    _detect_secret_file,
    _detect_printed,
    _detect_assignments,
    # after the assignments: a whole connection string they take wins
    _detect_url_query_password,
    _detect_name_value,
    _detect_user_password_flags,
    _detect_secret_flag,
    _detect_indexed_secret,
    _detect_told,
    _detect_pgpass,
    _detect_told_secret,
    _detect_login_slash_password,
    _detect_strong_password_near_word,
    _detect_curl_secret_data,
    _detect_yaml_lone_secret,
    _detect_yaml_secret_list,
    _detect_secret_call,
    _detect_url_user_token,
    _detect_app_password,
    _detect_keyed_uuid,
    _detect_table_secret,
    _detect_php_define,
    _group_findings(_SPACED_HEX_KEY_RE, "private-key", ("key",)),
    _detect_high_entropy,
    _detect_lone_random_line,
)


_ESCAPED_QUOTE_RE = re.compile(r"\\+(?=[\"'])")


def find_secrets(text: str) -> list[Finding]:
    """Non-overlapping findings sorted by position; earlier detectors win overlaps. Text quoted
    inside a quoted string (`password=\\"x\\"` in a JSON dump, a GraphQL query in a curl body) is
    read a second time without the escaping backslashes, which hide the quotes every rule reads."""
    if not text:
        return []
    accepted: list[Finding] = []  # non-overlapping, sorted by start (so also by end)
    starts: list[int] = []
    _accept(accepted, starts, _detect_all(text))
    if "\\" in text and _ESCAPED_QUOTE_RE.search(text):
        dropped = {i for m in _ESCAPED_QUOTE_RE.finditer(text) for i in range(m.start(), m.end())}
        origin = [i for i in range(len(text)) if i not in dropped]
        view = "".join(text[i] for i in origin)
        _accept(accepted, starts, (Finding(f.kind, origin[f.start], origin[f.end - 1] + 1)
                                   for f in _detect_all(view) if f.end > f.start))
    return accepted


def _detect_all(text: str) -> Iterator[Finding]:
    lower = text.lower()
    if len(lower) != len(text):  # e.g. "İ" lowers to two characters: keep offsets aligned
        lower = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    for detector in _DETECTORS:
        yield from detector(text, lower)


def _accept(accepted: list[Finding], starts: list[int], found: Iterable[Finding]) -> None:
    for f in found:
        i = bisect.bisect_right(starts, f.start)
        if f.end <= f.start or (i and accepted[i - 1].end > f.start):
            continue
        if i < len(accepted) and accepted[i].start < f.end:
            continue
        accepted.insert(i, f)
        starts.insert(i, f.start)


def redact(text: str) -> str:
    """`text` with every finding replaced by its placeholder and private spans removed."""
    if not text:
        return text
    return _replace_findings(text, find_secrets(text))


def _replace_findings(text: str, findings: list[Finding]) -> str:
    if not findings:
        return text
    out: list[str] = []
    pos = 0
    for f in findings:
        out.append(text[pos : f.start])
        if f.kind != "private":
            out.append(placeholder(f.kind))
        pos = f.end
    out.append(text[pos:])
    return "".join(out)


# --- a whole session ---------------------------------------------------------------------

_PROPAGATE_MIN_LEN = 8


def printed_by(command: str, output: str) -> list[tuple[str, str]]:
    """A tool call whose command prints a stored or fresh secret (`pulumi config get
    db:password`, `... | base64 -d`, `openssl rand -hex 32`): the first output line of each
    printing command chained in it, when that line is one value shaped like a secret. Returns
    (value, kind) pairs."""
    low = (command or "").lower()
    generated = any(n in low for n in _GENERATOR_NEEDLES) or bool(_CREATES_SECRET_RE.search(low))
    secret_file = _CATS_SECRET_FILE_RE.search(command or "") is not None
    if not generated and not secret_file and not any(n in low for n in _PRINTER_NEEDLES):
        return []
    names_secret = bool(re.search(r"pass|secret|token|key", low))  # "... .data.X_PASSWORD} | base64 -d"
    if not generated and ("config get" in low or "vars get" in low) and not names_secret:
        return []  # "config get region": a setting, not a secret
    # one line per printing command: "... accesskey | base64 -d; echo; ... secretkey | base64 -d" prints two
    printers = max(1, sum(low.count(n) for n in _GENERATOR_NEEDLES + _PRINTER_NEEDLES) + secret_file)
    lines = [line.strip() for line in (output or "").splitlines() if line.strip()][:min(printers, 4)]
    found = []
    for line in lines:
        if not (8 <= len(line) <= 200) or any(c.isspace() for c in line):
            continue
        hex_secret = (generated or names_secret) and _HEX_RE.match(line) and len(line) >= 16
        # a secret file's one line: letters and digits mixed ("k7fj2x9q0vm3w8z1rt5yh6bn", "8056c2e21c:0:<hex>:<hex>")
        file_secret = secret_file and len(line) >= 16 and re.fullmatch(r"[A-Za-z0-9+/=_:\-]+", line) is not None \
            and sum(c.isdigit() for c in line) >= 3 and sum(c.isalpha() for c in line) >= 3
        if _printed_secret(line) or looks_random(line, min_len=16) or hex_secret or file_secret:
            found.append((line, "printed-secret"))
    return found


def _propagates(value: str) -> bool:
    """A found secret worth hunting for elsewhere in the session: long enough, and not a
    plain word that would also match ordinary text."""
    return len(value) >= _PROPAGATE_MIN_LEN and not value.isalpha() and "\n" not in value


def redact_session(texts: list[str], known: list[tuple[str, str]] = ()) -> list[str]:
    """Every text of one session redacted, and every secret found in one of them also taken out
    of all the others: a password the user typed in prose, echoed later in a command line or
    printed under a table, is the same secret wherever it appears. `known`: (value, kind)
    pairs found by the caller (see printed_by)."""
    findings = [find_secrets(t) if t else [] for t in texts]
    values: dict[str, str] = {v: k for v, k in known if _propagates(v)}
    for text, found in zip(texts, findings):
        for f in found:
            value = text[f.start:f.end]
            if f.kind != "private" and _propagates(value):
                values.setdefault(value, f.kind)
            elif f.kind == "private-key" and "\n" in value:  # a key's body lines, quoted one by one elsewhere
                for line in value.splitlines():
                    line = line.strip()
                    if len(line) >= 16 and "-----" not in line and ":" not in line and _propagates(line):
                        values.setdefault(line, f.kind)
    out = [_replace_findings(t, f) if t else t for t, f in zip(texts, findings)]
    if not values:
        return out
    ordered = sorted(values, key=len, reverse=True)
    result = []
    for t in out:
        present = [v for v in ordered if t and v in t]
        if present:  # whole tokens only: a value never cuts a longer word or number apart
            again = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(v) for v in present) + r")(?![\w-])")
            t = again.sub(lambda m: placeholder(values[m.group()]), t)
        result.append(t)
    return result
