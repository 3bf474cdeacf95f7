"""Where an ad-hoc SPARQL Update goes: nowhere unless the user allowed it, and then once, to the
update URL of a server (local files are never modified)."""

from __future__ import annotations

from asan_kg.core.errors import InputError
from asan_kg.remote.endpoint import EndpointConfig, RemoteStore
from asan_kg.remote.urls import redact


def send_update(
    text: str,
    *,
    source: str,
    endpoint: str | None,
    update_endpoint: str | None,
    allow_update: bool,
    timeout: float = 60.0,
) -> str:
    """Send the update ``text`` (read from ``source``) once; returns the update URL, masked.

    Refused (an input error) unless ``allow_update`` and both URLs are given; credentials and
    the token of ``asan-kg serve`` come from the environment."""
    if not allow_update:
        raise InputError(
            f"{source}: this is a SPARQL Update; asan-kg is read-only unless you pass --allow-update "
            "(with --endpoint and --update-endpoint)"
        )
    if not (endpoint and update_endpoint):
        raise InputError(
            "an update needs a server: --endpoint URL --update-endpoint URL (local files are never modified)"
        )
    config = EndpointConfig.from_env(
        endpoint, update_url=update_endpoint, timeout=timeout, connect_timeout=min(10.0, timeout)
    )
    RemoteStore(config).update(text)
    return redact(update_endpoint)
