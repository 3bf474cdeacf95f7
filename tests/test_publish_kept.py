"""Publishing unchanged input again: the dump the last publish sent is kept in the cache folder and
sent again without loading the graph — but only while the input is unchanged, only when the kept
dump is intact, never with ``ASAN_KG_NO_CACHE=1``, and a publish never fails for want of a
writable cache folder."""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph
import pytest

from asan_kg.remote import dump as dump_module
from asan_kg.remote.dump import DumpError
from asan_kg.remote.endpoint import EndpointConfig, RemoteStore
from asan_kg.remote.kept import KeepingNtriples, KeptBody, KeptNtriples
from asan_kg.remote.publish import PublishError, publish
from asan_kg.remote.serve import OxigraphServer
from asan_kg.store import dumps
from tests.remote_helpers import keyed_data, run_cli

GRAPH = "urn:test:kept"
MARK = '<urn:test:mark> <urn:test:says> "sent from the kept dump" .\n'


@pytest.fixture(scope="module")
def server() -> Iterator[OxigraphServer]:
    with OxigraphServer(in_memory=True) as srv:
        yield srv


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """The Asan graph plus filler, keyed, with a labelled blank node, so publish loads it and
    sends its dump (input without one is sent as its own files: ``tests/test_publish_inputs.py``)."""
    return keyed_data(tmp_path / "data", '_:filler <urn:filler:value> "a labelled blank node" .\n')


def _publish(server: OxigraphServer, data: Path, cache: Path, **env: str) -> str:
    done = run_cli(
        *("publish", "--data", str(data), "--endpoint", server.query_url, "--graph", GRAPH),
        env={"ASAN_KG_CACHE_DIR": str(cache), **env},
        timeout=120,
    )
    assert done.code == 0, done.output
    return done.stdout


def _remote(server: OxigraphServer) -> RemoteStore:
    return RemoteStore(EndpointConfig(server.query_url, update_url=server.update_url))


def _count(server: OxigraphServer) -> int:
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}"
    return int(_remote(server).select(query).values()[0][0])  # type: ignore[arg-type]


def _holds(server: OxigraphServer, triple: str) -> bool:
    return _remote(server).ask(f"ASK {{ GRAPH <{GRAPH}> {{ {triple.strip().rstrip('.')} }} }}")


def _kept(cache: Path) -> list[Path]:
    return sorted(p for p in (cache / "dumps").glob("*") if not p.name.startswith("."))


def _rewrite(folder: Path, text: bytes) -> None:
    """Replace a kept dump with ``text`` and a matching ``meta.json`` (a consistent kept dump)."""
    (folder / dumps.NAME).write_bytes(text)
    meta = {
        "format": dumps.DUMPS_FORMAT,
        "bytes": len(text),
        "sha256": hashlib.sha256(text).hexdigest(),
        "triples": text.count(b"\n"),
    }
    (folder / dumps.META).write_text(json.dumps(meta), encoding="utf-8")


def test_a_second_publish_of_unchanged_input_sends_the_kept_dump_and_a_changed_byte_does_not(
    server: OxigraphServer, data: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    first = _publish(server, data, cache)
    [folder] = _kept(cache)
    meta = json.loads((folder / dumps.META).read_text(encoding="utf-8"))
    assert meta["triples"] == _count(server) and f"{meta['triples']} triples" in first
    assert oct((folder / dumps.NAME).stat().st_mode & 0o777) == "0o644"
    # A consistent kept dump with one more triple: only a publish that sends the kept file (and
    # loads nothing) can put that triple on the server.
    _rewrite(folder, (folder / dumps.NAME).read_bytes() + MARK.encode())
    second = _publish(server, data, cache)
    assert _holds(server, MARK) and f"{meta['triples'] + 1} triples" in second
    filler = data / "filler.ttl"
    filler.write_bytes(filler.read_bytes().replace(b"filler value 000007", b"filler value 00000X"))
    _publish(server, data, cache)
    assert not _holds(server, MARK)
    assert _holds(server, '<urn:filler:s7> <urn:filler:value> "filler value 00000X" .')
    assert _count(server) == meta["triples"] and len(_kept(cache)) == 2  # a new key, a new dump


@pytest.mark.parametrize("damage", ["truncated", "a byte changed", "no meta", "meta not json"])
def test_a_damaged_kept_dump_is_never_published_and_is_kept_again_intact(
    server: OxigraphServer, data: Path, tmp_path: Path, damage: str
) -> None:
    cache = tmp_path / "cache"
    _publish(server, data, cache)
    expected = _count(server)
    [folder] = _kept(cache)
    kept = folder / dumps.NAME
    text = kept.read_bytes() + MARK.encode()
    _rewrite(folder, text)  # the marker shows whether this file reached the server
    if damage == "truncated":  # at a line's end: still valid N-Triples, just fewer of them
        kept.write_bytes(text[: text.rindex(b"\n", 0, len(text) // 2) + 1] + MARK.encode())
    elif damage == "a byte changed":
        kept.write_bytes(text.replace(b"filler value 000003", b"filler value 000004"))
    elif damage == "no meta":
        (folder / dumps.META).unlink()
    else:
        (folder / dumps.META).write_text("{", encoding="utf-8")
    _publish(server, data, cache)
    assert _count(server) == expected and not _holds(server, MARK)
    [again] = _kept(cache)
    meta = json.loads((again / dumps.META).read_text(encoding="utf-8"))
    assert dumps.file_digest(again / dumps.NAME) == (meta["bytes"], meta["sha256"])
    assert meta["triples"] == expected


def test_no_cache_neither_reads_nor_writes_a_kept_dump(
    server: OxigraphServer, data: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    _publish(server, data, cache, ASAN_KG_NO_CACHE="1")
    assert not (cache / "dumps").exists()
    _publish(server, data, cache)
    [folder] = _kept(cache)
    _rewrite(folder, (folder / dumps.NAME).read_bytes() + MARK.encode())
    _publish(server, data, cache, ASAN_KG_NO_CACHE="1")
    assert not _holds(server, MARK)


def test_an_unwritable_cache_folder_does_not_stop_publish(
    server: OxigraphServer, data: Path, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    out = _publish(server, data, blocker / "cache")  # nothing can be created under a file
    assert f"{_count(server)} triples" in out


def _store(size: int) -> pyoxigraph.Store:
    lines = [f'<urn:s{i % 991}> <urn:p{i % 7}> "value {i}" .\n' for i in range(size)]
    store = pyoxigraph.Store()
    store.load("".join(lines).encode(), format=pyoxigraph.RdfFormat.N_TRIPLES)
    return store


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ASAN_KG_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("ASAN_KG_NO_CACHE", raising=False)
    return tmp_path / "cache"


def test_a_dump_streamed_to_the_end_is_kept_whole(cache: Path) -> None:
    store = _store(5_000)
    body = b"".join(KeepingNtriples(store, "k1").body())  # type: ignore[arg-type]
    kept = dumps.find("k1")
    assert kept is not None and kept.triples == len(store) == 5_000
    assert kept.path.read_bytes() == body


def test_a_dump_whose_upload_stops_early_leaves_nothing_in_the_cache(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dump_module, "CHUNK", 1 << 12)
    chunks = iter(KeepingNtriples(_store(50_000), "k2").body())
    next(chunks)
    chunks.close()  # type: ignore[attr-defined]  # the sender stopped: the writer is cancelled
    assert dumps.find("k2") is None
    assert list((cache / "dumps").iterdir()) == []  # no half-written file, no temporary folder


def test_a_dump_that_fails_leaves_nothing_in_the_cache(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    class Failing:
        def dump(self, sink: object, **_: object) -> None:
            sink.write(b'<urn:s> <urn:p> "half" .\n')  # type: ignore[attr-defined]
            raise OSError("disk on fire")

    with pytest.raises(DumpError, match="disk on fire"):
        b"".join(dump_module.StoreDump(Failing(), keep=lambda: dumps.Keeper.start("k3", 1)))  # type: ignore[arg-type]
    assert dumps.find("k3") is None and list((cache / "dumps").iterdir()) == []


def test_a_kept_dump_changed_after_it_was_checked_fails_the_put_and_the_old_graph_stays(
    server: OxigraphServer, cache: Path
) -> None:
    remote = _remote(server)
    publish(KeepingNtriples(_store(3_000), "k4"), remote, GRAPH, graph_store="auto")
    kept = dumps.find("k4")
    assert kept is not None
    publish(KeptNtriples(kept), remote, GRAPH, graph_store="auto")  # intact: sent as it is
    text = kept.path.read_bytes()
    kept.path.write_bytes(text.replace(b'"value 17"', b'"value 18"'))  # same length, another triple
    with pytest.raises(DumpError, match="changed while it was sent"):
        b"".join(KeptBody(kept))
    kept.path.parent.mkdir(parents=True)  # the failed read removed it: put the changed one back
    kept.path.write_bytes(text.replace(b'"value 17"', b'"value 18"'))
    (kept.path.parent / dumps.META).write_text("{}", encoding="utf-8")
    with pytest.raises(
        PublishError,
        match=r"changed while it was sent \(removed; run again\); target graph holds exactly the old",
    ):
        publish(KeptNtriples(kept), remote, GRAPH, graph_store="auto")
    assert remote.ask(f'ASK {{ GRAPH <{GRAPH}> {{ <urn:s17> <urn:p3> "value 17" }} }}')
    assert not remote.ask(f'ASK {{ GRAPH <{GRAPH}> {{ <urn:s17> <urn:p3> "value 18" }} }}')


@pytest.mark.parametrize("graph_store", ["none", "explicit"])
def test_the_staging_paths_publish_a_kept_dump_as_the_put_does_and_refuse_a_changed_one(
    server: OxigraphServer, cache: Path, graph_store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Servers without the atomic ``PUT`` get the kept dump through the staging graph (update
    batches: read whole; an older Oxigraph's bulk ``POST``: streamed), checked again before
    anything reaches the target."""
    remote = _remote(server)
    store = _store(3_000)
    store.add(
        pyoxigraph.Quad(pyoxigraph.NamedNode("urn:s0"), pyoxigraph.NamedNode("urn:b"), pyoxigraph.BlankNode())
    )
    publish(KeepingNtriples(store, "k5"), remote, "urn:test:put", graph_store="auto")
    kept = dumps.find("k5")
    assert kept is not None and kept.triples == 3_001
    monkeypatch.setattr("asan_kg.remote.replace.ATOMIC_PUT_SINCE", (99, 0, 0))  # no atomic PUT
    how = "none" if graph_store == "none" else f"{server.base}/store"
    done = publish(KeptNtriples(kept), remote, GRAPH, batch_size=500, graph_store=how)
    assert done.triples == 3_001 and done.batches == (1 + 3_000 // 500 if graph_store == "none" else 1)
    same = f"""ASK {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} FILTER NOT EXISTS {{ GRAPH <urn:test:put> {{ ?s ?p ?o }} }}
                FILTER(!isBlank(?o)) }}"""
    assert not remote.ask(same)
    kept.path.write_bytes(kept.path.read_bytes().replace(b'"value 17"', b'"value 18"'))
    with pytest.raises(
        PublishError, match=r"changed (since it was checked|while it was sent) .*; target graph unchanged"
    ):
        publish(KeptNtriples(kept), remote, GRAPH, batch_size=500, graph_store=how)
    assert remote.ask(f'ASK {{ GRAPH <{GRAPH}> {{ <urn:s17> <urn:p3> "value 17" }} }}')
    assert dumps.find("k5") is None  # the changed dump was removed


def test_the_folder_of_a_killed_keeper_is_swept_once_it_is_stale(cache: Path) -> None:
    """A publish killed by SIGTERM leaves its half-written dump in a private folder; the next
    keeper removes it once it is an hour old, and leaves a live one alone."""
    root = dumps.dumps_root()
    stale, live = root / ".building-killed", root / ".building-live"
    for folder in (stale, live):
        folder.mkdir(parents=True)
        (folder / dumps.NAME).write_bytes(b'<urn:s> <urn:p> "half')
    hours_ago = time.time() - 2 * dumps.STALE_SECONDS
    for path in (stale / dumps.NAME, stale):
        os.utime(path, (hours_ago, hours_ago))
    keeper = dumps.Keeper.start("k6", 0)
    assert keeper is not None
    keeper.abort()
    assert not stale.exists() and live.exists()


def test_an_edit_to_the_code_that_writes_the_dump_is_a_new_key(monkeypatch: pytest.MonkeyPatch) -> None:
    from asan_kg.remote import kept

    before = kept.dump_key("same input")
    assert kept.dump_key("other input") != before
    monkeypatch.setattr(kept, "_code", lambda: b"the dump's code, edited")
    assert kept.dump_key("same input") != before
