"""A remote SPARQL 1.1 endpoint behind the same interface as the embedded store.

``RemoteStore`` offers ``select``/``ask``/``construct`` (and ``update`` for publishing) over
SPARQLWrapper, so saved queries and every analysis run unchanged on Oxigraph, Fuseki, Virtuoso,
GraphDB… Queries are sent by POST (a bound VALUES block can make them long), with a descriptive
user agent, the protocol's ``default-graph-uri`` for ``--graph``, connect and read timeouts,
bounded retries with backoff on connection errors and 5xx answers, and an ``EndpointError`` that
says in one sentence what went wrong (401, 403, 404, timeout, an HTML page, an empty body…).
Credentials come only from the environment (or a prompt the caller makes), never from the
command line, and are never printed.
"""

from __future__ import annotations

import json
import os
import socket
import time
import urllib.error
import urllib.parse
from dataclasses import dataclass
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node
from SPARQLWrapper import JSON, N3, POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import (
    EndPointInternalError,
    EndPointNotFound,
    QueryBadFormed,
    Unauthorized,
    URITooLong,
)

from asan_kg import __version__
from asan_kg.core.errors import EXIT_INPUT, RemoteError
from asan_kg.store.embedded import ResultTable

USER_AGENT = f"asan-kg/{__version__} (partnership knowledge graph; +https://w3id.org/asan-kg)"
ENV_USER = "ASAN_KG_SPARQL_USER"
ENV_PASSWORD = "ASAN_KG_SPARQL_PASSWORD"


class EndpointError(RemoteError):
    """A remote endpoint failed; ``kind`` is one of connect, timeout, auth, forbidden,
    not_found, server, not_sparql, bad_query, config."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message, exit_code=EXIT_INPUT if kind == "config" else None)
        self.kind = kind


@dataclass(frozen=True)
class EndpointConfig:
    query_url: str
    update_url: str | None = None
    graph: str | None = None
    user: str | None = None
    password: str | None = None
    connect_timeout: float = 5.0
    read_timeout: float = 60.0
    retries: int = 2
    backoff: float = 0.3

    @classmethod
    def from_env(cls, query_url: str, **kw: Any) -> EndpointConfig:
        """Credentials from ASAN_KG_SPARQL_USER / ASAN_KG_SPARQL_PASSWORD, if set."""
        return cls(
            query_url,
            user=os.environ.get(ENV_USER) or None,
            password=os.environ.get(ENV_PASSWORD) or None,
            **kw,
        )


def _check_url(url: str, what: str) -> urllib.parse.SplitResult:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise EndpointError(
            "config", f"{what} must be an http(s) URL such as http://127.0.0.1:7878/query, not {url!r}"
        )
    return parts


def _term(cell: dict[str, Any]) -> Node:
    kind, value = cell.get("type"), cell.get("value", "")
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if kind in ("literal", "typed-literal"):
        if "xml:lang" in cell:
            return Literal(value, lang=cell["xml:lang"])
        datatype = cell.get("datatype")
        if datatype and datatype != str(XSD.string):
            return Literal(value, datatype=URIRef(datatype))
        return Literal(value)
    raise ValueError(f"unknown term type {kind!r}")


class RemoteStore:
    """SPARQL over HTTP with the embedded store's interface."""

    def __init__(self, config: EndpointConfig) -> None:
        _check_url(config.query_url, "--endpoint")
        if config.update_url:
            _check_url(config.update_url, "--update-endpoint")
        self.config = config
        self._reachable = False

    def __repr__(self) -> str:  # never shows credentials
        return f"RemoteStore({self.config.query_url!r}, graph={self.config.graph!r})"

    # -- transport ------------------------------------------------------------------------------
    def _preflight(self, url: str) -> None:
        """A TCP connection within the connect timeout, so an unreachable server fails fast."""
        if self._reachable:
            return
        parts = _check_url(url, "endpoint")
        port = parts.port or (443 if parts.scheme == "https" else 80)
        try:
            with socket.create_connection((parts.hostname, port), timeout=self.config.connect_timeout):
                pass
        except TimeoutError as exc:
            raise EndpointError(
                "timeout",
                f"no connection to {parts.hostname}:{port} within "
                f"{self.config.connect_timeout:g} s (connect timeout)",
            ) from exc
        except OSError as exc:
            raise EndpointError(
                "connect",
                f"cannot connect to {url}: {exc.strerror or exc}; is the server running "
                "and the address right?",
            ) from exc
        self._reachable = True

    def _wrapper(self, url: str) -> SPARQLWrapper:
        wrapper = SPARQLWrapper(url, agent=USER_AGENT)
        wrapper.setMethod(POST)
        wrapper.setTimeout(int(max(1, round(self.config.read_timeout))))
        if self.config.graph:
            wrapper.addDefaultGraph(self.config.graph)
        if self.config.user is not None:
            wrapper.setCredentials(self.config.user, self.config.password or "")
        return wrapper

    def _send(self, url: str, text: str, fmt: str, update: bool = False) -> tuple[bytes, str]:
        attempts = 1 + max(0, self.config.retries)
        last: EndpointError | None = None
        for attempt in range(attempts):
            if attempt:
                time.sleep(self.config.backoff * 2 ** (attempt - 1))
                self._reachable = False
            try:
                self._preflight(url)
                wrapper = self._wrapper(url)
                wrapper.setQuery(text)
                if not update:
                    wrapper.setReturnFormat(fmt)
                response = wrapper.query().response
                body = response.read()
                return body, str(response.headers.get("Content-Type", ""))
            except EndpointError as exc:
                if exc.kind != "connect":
                    raise
                last = exc
            except TimeoutError as exc:
                raise EndpointError(
                    "timeout",
                    f"{url} did not answer within {self.config.read_timeout:g} s "
                    "(read timeout); the query may be too heavy or the server overloaded",
                ) from exc
            except Unauthorized as exc:
                raise EndpointError(
                    "auth",
                    f"{url} refused the credentials (401); set {ENV_USER} and "
                    f"{ENV_PASSWORD} to an account it accepts",
                ) from exc
            except EndPointNotFound as exc:
                raise EndpointError(
                    "not_found",
                    f"no SPARQL endpoint at {url} (404); check the URL (Oxigraph: "
                    "…/query for queries, …/update for updates)",
                ) from exc
            except (QueryBadFormed, URITooLong) as exc:
                raise EndpointError(
                    "bad_query",
                    f"{url} rejected the request as malformed: {_snippet(getattr(exc, 'msg', str(exc)))}",
                ) from exc
            except EndPointInternalError as exc:
                last = EndpointError(
                    "server", f"{url} failed with a server error (500): {_snippet(str(exc))}"
                )
            except urllib.error.HTTPError as exc:
                if exc.code == 403:
                    raise EndpointError(
                        "forbidden",
                        f"{url} forbids this request (403); the account may lack "
                        "the right, or the server is read-only",
                    ) from exc
                if exc.code >= 500:
                    last = EndpointError("server", f"{url} failed with HTTP {exc.code} ({exc.reason})")
                else:
                    raise EndpointError("server", f"{url} answered HTTP {exc.code} ({exc.reason})") from exc
            except urllib.error.URLError as exc:
                if isinstance(exc.reason, (TimeoutError, socket.timeout)):
                    raise EndpointError(
                        "timeout",
                        f"{url} did not answer within {self.config.read_timeout:g} s (read timeout)",
                    ) from exc
                last = EndpointError("connect", f"cannot reach {url}: {exc.reason}")
            except (ConnectionError, OSError) as exc:
                last = EndpointError("connect", f"the connection to {url} failed: {exc}")
        assert last is not None
        raise EndpointError(last.kind, f"{last} (after {attempts} attempts)")

    def _json(self, text: str) -> dict[str, Any]:
        body, ctype = self._send(self.config.query_url, text, JSON)
        url = self.config.query_url
        if not body.strip():
            raise EndpointError("not_sparql", f"{url} answered with an empty body instead of SPARQL results")
        try:
            doc = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise EndpointError(
                "not_sparql",
                f"{url} did not answer with SPARQL JSON results but with "
                f"{ctype or 'no content type'}: {_snippet(body)}",
            ) from None
        if not isinstance(doc, dict) or ("boolean" not in doc and "results" not in doc):
            raise EndpointError(
                "not_sparql", f"{url} answered JSON that is not SPARQL results: {_snippet(body)}"
            )
        return doc

    # -- the store interface ---------------------------------------------------------------------
    def select(self, query: str) -> ResultTable:
        doc = self._json(query)
        variables = [str(v) for v in doc.get("head", {}).get("vars", [])]
        rows = []
        for binding in doc.get("results", {}).get("bindings", []):
            rows.append(tuple(_term(binding[v]) if v in binding else None for v in variables))
        return ResultTable(variables, rows)

    def ask(self, query: str) -> bool:
        doc = self._json(query)
        if "boolean" not in doc:
            raise EndpointError("not_sparql", f"{self.config.query_url} answered an ASK without a boolean")
        return bool(doc["boolean"])

    def construct(self, query: str) -> Graph:
        body, ctype = self._send(self.config.query_url, query, N3)
        graph = Graph()
        try:
            graph.parse(
                data=body.decode("utf-8"), format="turtle" if "turtle" in ctype or "n3" in ctype else "nt"
            )
        except Exception as exc:  # the body is not RDF
            raise EndpointError(
                "not_sparql", f"{self.config.query_url} did not answer with RDF: {_snippet(body)}"
            ) from exc
        return graph

    def update(self, text: str) -> None:
        if not self.config.update_url:
            raise EndpointError("config", "no update endpoint: pass --update-endpoint (Oxigraph: …/update)")
        self._send(self.config.update_url, text, JSON, update=True)


def _snippet(body: bytes | str, limit: int = 160) -> str:
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else str(body)
    lower = text.lower()
    if "<title>" in lower:
        start = lower.index("<title>") + 7
        end = lower.find("</title>", start)
        text = "HTML page titled " + repr(text[start : end if end > 0 else start + 80].strip())
    return " ".join(text.split())[:limit]
