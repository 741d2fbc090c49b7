"""Secrets in URLs (database passwords, alert channel passwords, tokens, webhook keys): never print or log them.

The one place the project hides secrets (a leaf module: it imports nothing from the project).
`mask_password` hides the password of every `user:password@` in a text (a database URL, even a
mangled one); `redact_url` gives the form of an alert channel URL that may be shown anywhere
(messages, logs, the deliveries table); `redact_text` scrubs an error message that may quote a
channel URL or one of its secret parts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import parse_qsl, unquote, urlsplit

MASK = "***"

# Apprise schemes whose host part is a real server name (shown); for every other
# scheme (slack://, discord://, msteams://, tgram://...) the "host" and path are tokens.
HOSTED_SCHEMES = frozenset(
    {
        "mailto",
        "mailtos",
        "json",
        "jsons",
        "xml",
        "xmls",
        "form",
        "forms",
        "ntfy",
        "ntfys",
        "gotify",
        "gotifys",
        "apprise",
        "apprises",
        "matrix",
        "matrixs",
        "mmost",
        "mmosts",
        "rocket",
        "rockets",
        "mqtt",
        "mqtts",
        "http",
        "https",
        "ncloud",
        "nclouds",
        "nctalk",
        "nctalks",
        "signal",
        "signals",
        "whatsapp",
    }
)
# query parameters that never hold a secret (addresses and formatting); every other value is masked
HARMLESS_QUERY = frozenset(
    {
        "from",
        "to",
        "cc",
        "bcc",
        "name",
        "mode",
        "format",
        "smtp",
        "method",
        "overflow",
        "reply",
        "secure",
        "verify",
        "rto",
        "cto",
        "retry",
    }
)


# `user:password@` where the user starts a word or follows a slash, and the "password" is not the `//` after a scheme
_USERINFO = re.compile(r"(?<![^\s/])([^/:@\s]+):(?!//)[^@\s]*@")


def mask_password(text: str) -> str:
    """`text` with the password of every `user:password@` in it (database and other URLs) replaced by ***."""
    return _USERINFO.sub(rf"\1:{MASK}@", str(text))


def redact_url(url: str) -> str:
    """A channel URL safe to show: scheme, user and server kept; password, tokens and paths masked."""
    try:
        parts = urlsplit(str(url).strip())
        port = parts.port
    except ValueError:
        return MASK
    scheme = parts.scheme.lower()
    if not scheme or not parts.netloc:
        return MASK
    if scheme not in HOSTED_SCHEMES:
        return f"{scheme}://{MASK}"
    userinfo = ""
    if parts.username:
        userinfo = parts.username + (f":{MASK}" if parts.password is not None else "") + "@"
    elif parts.password is not None:
        userinfo = f":{MASK}@"
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    out = f"{scheme}://{userinfo}{host}" + (f":{port}" if port else "")
    if parts.path.strip("/"):
        out += "/" + MASK
    if parts.query:
        shown = [
            f"{k}={v if k.lower() in HARMLESS_QUERY else MASK}"
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
        ]
        out += "?" + "&".join(shown)
    return out


def secret_parts(url: str) -> set[str]:
    """The substrings of a URL that must never appear in output (with their percent-decoded forms)."""
    found: set[str] = set()
    try:
        parts = urlsplit(str(url).strip())
    except ValueError:
        return {str(url)}
    scheme = parts.scheme.lower()
    if parts.password:
        found.add(parts.password)
    if scheme not in HOSTED_SCHEMES:
        found.update(x for x in (parts.username, parts.hostname) if x)
        found.update(seg for seg in parts.path.split("/") if seg)
    else:
        found.update(seg for seg in parts.path.split("/") if seg and "@" not in seg)
    found.update(v for k, v in parse_qsl(parts.query, keep_blank_values=True) if k.lower() not in HARMLESS_QUERY and v)
    found |= {unquote(x) for x in found}
    return {x for x in found if len(x) >= 3}


def redact_text(text: str, urls: Iterable[str]) -> str:
    """`text` with every configured URL shown redacted and every secret part of one masked."""
    out = str(text)
    urls = [u for u in urls if u]
    for url in sorted(urls, key=len, reverse=True):
        out = out.replace(url, redact_url(url))
    secrets = sorted({s for u in urls for s in secret_parts(u)}, key=len, reverse=True)
    for secret in secrets:
        out = out.replace(secret, MASK)
    return mask_password(out)
