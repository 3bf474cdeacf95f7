"""Endpoint URLs: checked, compared by origin, and shown without the credentials they may carry.

``redact`` is the one helper every message about a URL goes through: ``http://u:p@host/q`` is
shown as ``http://***@host/q``, anywhere in a sentence.
"""

from __future__ import annotations

import re
import urllib.parse

from asan_kg.core.errors import InputError

#: The header that carries ``serve --writable``'s per-run token (``ASAN_KG_SPARQL_TOKEN``).
TOKEN_HEADER = "X-Asan-KG-Token"
_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/?#@\s]*@")


def redact(text: str) -> str:
    """``text`` with the userinfo (``user:password@``) of every URL in it masked."""
    return _USERINFO.sub(r"\1***@", text)


def check_url(url: str, option: str) -> urllib.parse.SplitResult:
    """An http(s) URL with a host and without credentials in it (they belong in the environment)."""
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        raise InputError(f"{option} is not a valid URL: {redact(url)!r}") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(
            f"{option} must be an http(s) URL such as http://127.0.0.1:7878/query, not {redact(url)!r}"
        )
    if "@" in parts.netloc:
        raise InputError(
            f"{option} must not carry credentials ({redact(url)}); set $ASAN_KG_SPARQL_USER and "
            "$ASAN_KG_SPARQL_PASSWORD instead"
        )
    return parts


def origin(url: str) -> tuple[str, str, int]:
    """(scheme, host, port): two URLs may share credentials only if these are equal."""
    parts = urllib.parse.urlsplit(url)
    default = 443 if parts.scheme == "https" else 80
    try:
        port = parts.port or default
    except ValueError:
        port = -1
    return parts.scheme.lower(), (parts.hostname or "").lower(), port


def update_url_for(query_url: str, update_url: str | None = None) -> str:
    """The update URL: the one given, else Oxigraph's convention (``…/query`` → ``…/update``)."""
    if update_url:
        return update_url
    base = query_url.rstrip("/")
    if base.endswith("/query"):
        return base[: -len("/query")] + "/update"
    raise InputError(
        "give --update-endpoint (the server's SPARQL update URL); it cannot be derived from "
        f"{redact(query_url)}"
    )
