"""SPARQL 1.1 protocol requests, built by SPARQLWrapper and sent by our transport.

SPARQLWrapper writes the request (``query=``/``update=`` form-encoded POST, ``default-graph-uri``,
``Accept``, user agent, HTTP Basic credentials); ``asan_kg.remote.transport`` sends it (one
deadline per request, a size limit, same-origin redirects only, reads retried, updates never).

SPARQLWrapper guesses a text's form with a regular expression over its first keyword, which a
``PREFIX insert: <…>`` or a comment can fool. Here the form is never guessed: it is the one the
caller asks for (``RemoteStore.select`` sends a SELECT, ``update`` an update), and where the text
comes from a user the caller decided it with the SPARQL parser (``asan_kg.sparql.forms``). So an
update is never sent as a query, nor a query as an update.
"""

from __future__ import annotations

import base64
import urllib.request
import warnings
from dataclasses import dataclass

from SPARQLWrapper import JSON, N3, POST, SPARQLWrapper
from SPARQLWrapper.Wrapper import ASK, CONSTRUCT, DESCRIBE, INSERT, SELECT, URLENCODED

from asan_kg.sparql.forms import Form

#: Our parser's form → the query type SPARQLWrapper routes by (any update form does: INSERT).
WRAPPER_TYPES: dict[Form, str] = {
    "SELECT": SELECT,
    "ASK": ASK,
    "CONSTRUCT": CONSTRUCT,
    "DESCRIBE": DESCRIBE,
    "UPDATE": INSERT,
}


class _Decided(SPARQLWrapper):
    """SPARQLWrapper with the query form given, not guessed from the text."""

    def __init__(self, form: Form, endpoint: str, update_endpoint: str | None, agent: str) -> None:
        self._form = form
        super().__init__(endpoint, updateEndpoint=update_endpoint, agent=agent)

    def _parseQueryType(self, query: str) -> str | None:
        return WRAPPER_TYPES[self._form]


@dataclass(frozen=True)
class Client:
    """What every request to one endpoint carries."""

    query_url: str
    update_url: str | None
    agent: str
    graph: str | None = None
    user: str | None = None
    password: str | None = None
    headers: tuple[tuple[str, str], ...] = ()

    def request(self, text: str, form: Form, accept: str | None = None) -> urllib.request.Request:
        """The POST request for ``text`` as ``form``: ``update=`` to the update URL for
        ``UPDATE``, else ``query=`` (with ``default-graph-uri`` when a graph is set)."""
        wrapper = _Decided(form, self.query_url, self.update_url, self.agent)
        wrapper.setMethod(POST)
        wrapper.setRequestMethod(URLENCODED)
        wrapper.setOnlyConneg(True)  # no format=/output=/results= parameters: Accept says it
        wrapper.setQuery(text)
        wrapper.setReturnFormat(N3 if form in ("CONSTRUCT", "DESCRIBE") else JSON)
        if self.graph and form != "UPDATE":
            wrapper.addParameter("default-graph-uri", self.graph)
        if self.user is not None:
            wrapper.setCredentials(self.user, self.password or "")
        for name, value in self.headers:
            wrapper.addCustomHttpHeader(name, value)
        if accept:
            wrapper.addCustomHttpHeader("Accept", accept)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            request = wrapper._createRequest()
        if self.user is not None and not self.password:  # SPARQLWrapper skips an empty password
            request.add_header("Authorization", basic_credentials(self.user, ""))
        request.method = "POST"
        return request


def basic_credentials(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
