"""What ``publish`` sends: the kept dump of unchanged input (``asan_kg.store.dumps``) when there is
one; else the input files themselves, sent while they load, with the tail of that body kept for
next time (``asan_kg.remote.inputs``: with the kept tail, unchanged files load nothing); else the
graph loaded in memory and dumped, with a copy of that dump kept for next time.

A second publish of unchanged input therefore loads nothing: the key is the input's content key
(computed by the results cache's ``CachedAnswers``, which loads the graph only when asked) and
the code that writes and sends the dump (``dump_key``); the dump is checked (length and SHA-256)
when it is found, and again while it is sent: a file that changed in between fails the body
before its end, so the server, which loads a ``PUT`` in one transaction, keeps the old graph.
Kept dumps follow the results cache: the Oxigraph engine, from ``ANSWERS_MIN_BYTES`` of input,
never with ``ASAN_KG_NO_CACHE=1``.
"""

from __future__ import annotations

import functools
import hashlib
import sys
from collections.abc import Generator, Iterable
from pathlib import Path
from typing import Any

import pyoxigraph

from asan_kg.remote import dump as dump_module
from asan_kg.remote import inputs as inputs_module
from asan_kg.remote.dump import CHUNK, DumpError, Sink, StoreDump
from asan_kg.remote.publish import PublishError, ntriples_of, streamable
from asan_kg.remote.staging import Ntriples
from asan_kg.store import dumps as dumps_module
from asan_kg.store.cache import content_key
from asan_kg.store.dumps import Keeper, KeptDump, discard, find, find_tail


class KeptBody:
    """A kept dump as an iterable HTTP body (chunked encoding), checked as it is read: its length
    and SHA-256 must be the recorded ones before the body may end."""

    def __init__(self, kept: KeptDump) -> None:
        self.kept = kept

    def __iter__(self) -> Generator[bytes, None, None]:
        digest, size = hashlib.sha256(), 0
        with self.kept.path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(CHUNK), b""):
                digest.update(chunk)
                size += len(chunk)
                yield chunk
        if (size, digest.hexdigest()) != (self.kept.size, self.kept.sha256):
            discard(self.kept)
            raise DumpError(f"the kept dump {self.kept.path} changed while it was sent (removed; run again)")


class KeptNtriples(Ntriples):
    """The N-Triples of a kept dump: streamed as a body, read whole (and checked) for the
    staging paths, its triple count known from beside it."""

    def __init__(self, kept: KeptDump) -> None:
        super().__init__(b"")
        self.kept = kept
        self._data = None
        self._count = kept.triples

    @property
    def data(self) -> bytes:
        """The whole text, checked again; read before anything but the staging graph's drop is
        sent, so a dump that changed since ``find`` fails the publish with the target untouched."""
        if self._data is None:
            try:
                data = self.kept.path.read_bytes()
            except OSError:
                data = b""
            if (len(data), hashlib.sha256(data).hexdigest()) != (self.kept.size, self.kept.sha256):
                discard(self.kept)
                raise PublishError(
                    f"the kept dump {self.kept.path} changed since it was checked (removed; run again)",
                    "target graph unchanged (nothing was sent)",
                )
            self._data = data
        return self._data

    def body(self) -> bytes | Iterable[bytes]:
        return KeptBody(self.kept) if self._data is None else self._data


class KeepingNtriples(Ntriples):
    """A store's N-Triples whose streamed dump is also kept under ``key`` (``dumps.Keeper``)."""

    def __init__(self, store: pyoxigraph.Store, key: str) -> None:
        super().__init__(store=store)
        self.key = key

    def _keeper(self) -> Sink | None:
        return Keeper.start(self.key, len(self))  # the count publish already took (cached)

    def body(self) -> bytes | Iterable[bytes]:
        return StoreDump(self.store, keep=self._keeper) if self._data is None else self._data

    @property
    def store(self) -> pyoxigraph.Store:
        assert self._store is not None
        return self._store


@functools.cache
def _code() -> bytes:
    """The code that writes, keeps and sends a dump: an edit to it is a new key, as an edit to
    the store-building code is for the store (``cache.content_key``)."""
    modules = (dump_module, dumps_module, inputs_module, sys.modules[__name__])
    return b"\0".join(Path(str(m.__file__)).read_bytes() for m in modules)


def dump_key(store_key: str) -> str:
    """The key of a kept dump: the input's content key and the code above."""
    return hashlib.sha256(_code() + b"\0" + store_key.encode()).hexdigest()[:32]


def publish_source(kg: Any) -> Ntriples:
    """The N-Triples to publish for ``kg`` (what ``cli.common.load(..., in_memory=True)`` gave):
    the kept dump of its input; else the input files themselves, sent while they load, with the
    body's tail kept or found (``remote.inputs``); else the loaded graph's dump, kept on the way
    where the input is keyed."""
    from asan_kg.store.answers import CachedAnswers

    if not isinstance(kg, CachedAnswers):  # the rdflib engine, small input, ASAN_KG_NO_CACHE
        return ntriples_of(kg)
    key = dump_key(kg.store_key)
    kept = find(key)
    if kept is not None:
        return KeptNtriples(kept)
    texts = inputs_module.read_inputs(kg.files)
    if texts is not None and inputs_module.why_not_streamed(texts) is None:
        # a tail is found, or kept, only for the bytes keyed (the files read once, here)
        if content_key(kg.files, True, [data for _, data in texts]) != kg.store_key:
            return inputs_module.InputsNtriples(texts, None)
        tail_key = key + "-inputs"
        return inputs_module.InputsNtriples(texts, tail_key, find_tail(tail_key))
    store = kg.graph.oxigraph
    if streamable(store):
        return KeepingNtriples(store, key)
    return ntriples_of(kg.graph)
