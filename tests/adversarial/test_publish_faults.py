"""Publishing through a faulty network: the target graph ends exactly old or exactly new, the
message says which (read back from the server), updates are never retried, inputs are unchanged.

Each case has its own real Oxigraph server holding an "old" target graph of three triples, a
faulty loopback proxy in front of it, and runs the real console script; the cases run at once."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from asan_kg.remote.endpoint import EndpointConfig, RemoteStore
from asan_kg.remote.serve import OxigraphServer, free_port
from asan_kg.store.embedded import KnowledgeGraph
from tests.adversarial.helpers_net import (
    EMPTY_RESULTS,
    CliCase,
    Outcome,
    RawServer,
    answer,
    assert_one_sentence,
    digest,
    proxy,
    redirect,
    run_concurrently,
)
from tests.conftest import ROOT

pytestmark = pytest.mark.adversarial

GRAPH = "https://w3id.org/asan-kg/graph/asan"
OLD = "<urn:old:s> <urn:old:p> <urn:old:o%d> ."
OLD_TRIPLES = 3


def _count(store: RemoteStore, graph: str = GRAPH) -> int:
    rows = store.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}").rows
    return int(str(rows[0][0]))


@dataclass
class Target:
    server: OxigraphServer

    @property
    def store(self) -> RemoteStore:
        return RemoteStore(
            EndpointConfig(self.server.query_url, update_url=self.server.update_url, timeout=10)
        )

    def graphs(self) -> set[str]:
        rows = self.store.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }").rows
        return {str(r[0]) for r in rows}


TARGETS: dict[str, Target] = {}


def faulty(fault: Callable[[str], str | None]) -> Callable[[str], Callable[[contextlib.ExitStack[Any]], Any]]:
    """A case's servers: a real Oxigraph with the old graph, and a proxy injecting ``fault``."""

    def for_case(case_id: str) -> Callable[[contextlib.ExitStack[Any]], Any]:
        def build(stack: contextlib.ExitStack[Any]) -> tuple[str, list[RawServer]]:
            old = "\n".join(OLD % i for i in range(OLD_TRIPLES))
            server = stack.enter_context(OxigraphServer())
            target = Target(server)
            target.store.update(f"INSERT DATA {{ GRAPH <{GRAPH}> {{ {old} }} }}")
            TARGETS[case_id] = target
            gate = stack.enter_context(RawServer(proxy(server.base, fault)))
            return gate.url, [gate]

        return build

    return for_case


def on(keyword: str, what: str, nth: int = 1, times: int = 1) -> Callable[[str], str | None]:
    """Requests number ``nth`` to ``nth + times - 1`` containing ``keyword`` get ``what``."""
    seen = {"n": 0}

    def fault(text: str) -> str | None:
        if keyword in text:
            seen["n"] += 1
            if nth <= seen["n"] < nth + times:
                return what
        return None

    return fault


def publish_args(timeout: str = "10") -> Callable[[str], list[str]]:
    return lambda url: [
        "publish",
        "--endpoint",
        url,
        "--graph",
        GRAPH,
        "--timeout",
        timeout,
        "--batch-size",
        "1000",
    ]


NEW = "now holds the new data"
UNCHANGED = f"target graph unchanged ({OLD_TRIPLES} triples)"
# (id, fault, expected end state, needles, timeout)
FAULTS: list[tuple[str, Callable[[str], str | None], str, tuple[str, ...], str]] = [
    ("publish-drop-after-move", on("MOVE", "drop-after"), "new", (NEW, "closed the connection"), "10"),
    ("publish-drop-move-unapplied", on("MOVE", "drop"), "old", (UNCHANGED, "staging graph"), "10"),
    ("publish-500-on-move", on("MOVE", "500"), "old", (UNCHANGED, "injected failure"), "10"),
    ("publish-hang-on-move", on("MOVE", "hang"), "old", (UNCHANGED, "did not answer within 2 s"), "2"),
    ("publish-500-on-first-insert", on("INSERT DATA", "500"), "old", (UNCHANGED, "HTTP 500"), "10"),
    ("publish-500-on-last-insert", on("INSERT DATA", "500", nth=4), "old", (UNCHANGED,), "10"),
    ("publish-drop-after-insert", on("INSERT DATA", "drop-after", nth=2), "old", (UNCHANGED,), "10"),
    ("publish-drop-on-staging-count", on("COUNT", "drop", nth=2, times=3), "old", (UNCHANGED,), "10"),
    ("publish-500-on-final-count", on("COUNT", "500", nth=3, times=3), "new", (NEW,), "10"),
    ("publish-count-down-after-move", on("COUNT", "500", nth=3, times=99), "new", ("state unknown",), "10"),
    (
        "publish-hang-on-first-count",
        on("COUNT", "hang", nth=1),
        "old",
        ("nothing was sent", "within 2 s"),
        "2",
    ),
    ("publish-500-on-drop-staging", on("DROP SILENT", "500"), "old", (UNCHANGED,), "10"),
]
CASES = [
    CliCase(case_id, faulty(fault)(case_id), publish_args(timeout), 3, needles, max_seconds=40)
    for case_id, fault, _, needles, timeout in FAULTS
]
END_STATE = {case_id: state for case_id, _, state, _, _ in FAULTS}
DATA = sorted((ROOT / "graph_data").glob("*.ttl"))


@pytest.fixture(scope="module")
def outcomes() -> dict[str, tuple[Outcome, int, set[str], bool]]:
    before = {p: digest(p) for p in DATA}
    results: dict[str, tuple[Outcome, int, set[str], bool]] = {}

    def build_and_read(case: CliCase) -> CliCase:
        original = case.build

        def build(stack: contextlib.ExitStack[Any]) -> Any:
            made = original(stack)
            stack.callback(_read_back, case.id, results)
            return made

        return CliCase(case.id, build, case.args, case.code, case.needles, max_seconds=case.max_seconds)

    for case_id, outcome in run_concurrently([build_and_read(c) for c in CASES], workers=4).items():
        results[case_id] = (
            (outcome, *results[case_id][1:]) if case_id in results else (outcome, -1, set(), False)
        )
    assert {p: digest(p) for p in DATA} == before  # the published files are inputs: never changed
    return results


def _read_back(case_id: str, results: dict[str, Any]) -> None:
    target = TARGETS[case_id]
    store = target.store
    old_present = store.ask(f"ASK {{ GRAPH <{GRAPH}> {{ <urn:old:s> <urn:old:p> <urn:old:o0> }} }}")
    results[case_id] = (None, _count(store), target.graphs(), old_present)


@pytest.fixture(scope="module")
def new_size() -> int:
    return len(KnowledgeGraph.load())


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_the_target_graph_is_exactly_old_or_exactly_new(
    case: CliCase, outcomes: dict[str, Any], new_size: int
) -> None:
    outcome, count, graphs, old_present = outcomes[case.id]
    assert_one_sentence(outcome.run, 3, *case.needles)
    if END_STATE[case.id] == "new":
        assert count == new_size and not old_present
        assert "unknown" in outcome.run.stderr or f"({new_size} triples)" in outcome.run.stderr
    else:
        assert count == OLD_TRIPLES and old_present
    staging = {g for g in graphs if "asan-kg-staging" in g}
    assert not staging or "staging graph" in outcome.run.stderr  # kept only when said so
    moves = [s for s in outcome.servers[0].seen if b"MOVE" in s.body]
    assert len(moves) <= 1  # an update is never retried


@pytest.mark.parametrize(
    ("args", "code", "needle"),
    [
        (["--graph", "not an iri"], 2, "not an IRI"),
        (["--graph", GRAPH + "#asan-kg-staging-x"], 2, "reserved for staging"),
        (["--graph", GRAPH, "--endpoint", "http://u:pub-pw@127.0.0.1:9/query"], 2, "***@127.0.0.1"),
        (["--graph", GRAPH, "--endpoint", "http://127.0.0.1:9/sparql"], 2, "--update-endpoint"),
        (["--graph", GRAPH, "--endpoint", f"http://127.0.0.1:{free_port()}/query"], 3, "nothing was sent"),
    ],
    ids=[
        "publish-bad-graph",
        "publish-staging-name",
        "publish-userinfo",
        "publish-no-update-url",
        "publish-refused",
    ],
)
def test_publish_refuses_bad_settings_before_touching_anything(
    args: list[str], code: int, needle: str
) -> None:
    from tests.adversarial.helpers_net import run_cli

    if "--endpoint" not in args:
        args = [*args, "--endpoint", "http://127.0.0.1:9/query"]
    run = run_cli("publish", *args, "--timeout", "2")
    assert_one_sentence(run, code, needle)
    assert "pub-pw" not in run.output


def test_publish_update_redirected_to_another_origin_is_refused() -> None:
    from tests.adversarial.helpers_net import run_cli

    with (
        OxigraphServer() as server,
        RawServer(answer(200, "application/sparql-results+json", EMPTY_RESULTS)) as thief,
    ):

        def act(handler: Any, body: bytes, raw: RawServer) -> None:
            if handler.path == "/update":
                redirect(f"http://localhost:{thief.port}/update", 307)(handler, body, raw)
            else:
                proxy(server.base, lambda text: None)(handler, body, raw)

        with RawServer(act) as gate:
            run = run_cli(
                *publish_args()(gate.url),
                env={"ASAN_KG_SPARQL_USER": "u", "ASAN_KG_SPARQL_PASSWORD": "redirect-pw"},
            )
        store = RemoteStore(EndpointConfig(server.query_url))
        assert _count(store) == 0
    assert_one_sentence(run, 3, "another origin", "target graph unchanged (0 triples)")
    assert thief.seen == [] and "redirect-pw" not in run.output
