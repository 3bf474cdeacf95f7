"""JSON shaping at scale: ``evidence.plain`` and ``json_text`` write what the standard library
would, whatever the types, while reading each type's fields and each key's head only once."""

from __future__ import annotations

import dataclasses
import enum
import json
from typing import Any

import pytest

from asan_kg.analysis import dormancy, evidence
from asan_kg.core.text import json_indented, json_text
from asan_kg.store.embedded import KnowledgeGraph


class Level(enum.IntEnum):
    HIGH = 3


class Name(str):
    """A text subclass, as an rdflib term is."""


@dataclasses.dataclass(frozen=True)
class Leaf:
    day: str
    count: int


@dataclasses.dataclass
class Node:
    name: str
    leaves: list[Leaf] = dataclasses.field(default_factory=list)
    pair: tuple[Leaf, ...] = ()
    by_key: dict[str, Leaf] = dataclasses.field(default_factory=dict)
    kind: type = Leaf
    score: float | None = None


def _nodes() -> list[Node]:
    return [
        Node("a", [Leaf("2014-01-01", 1)], (Leaf("x", 2),), {"k": Leaf("y", 3)}, score=0.5),
        Node("b"),
        Node("a", [Leaf("2014-01-01", 1), Leaf("z", 4)], score=float("inf")),
    ]


def test_plain_is_asdict_for_nested_dataclasses_lists_tuples_and_dicts() -> None:
    for node in _nodes():
        assert evidence.plain(node) == dataclasses.asdict(node)
        assert list(evidence.plain(node)) == [f.name for f in dataclasses.fields(node)]
        assert type(evidence.plain(node)["pair"]) is tuple
    assert evidence.plain(Leaf) is Leaf  # a dataclass *type* is a value, not a record


def test_plain_shares_nothing_mutable_between_two_calls() -> None:
    node = _nodes()[0]
    first, second = evidence.plain(node), evidence.plain(node)
    first["leaves"].append("changed")
    assert second["leaves"] == [{"day": "2014-01-01", "count": 1}]
    assert node.leaves == [Leaf("2014-01-01", 1)]


def test_json_of_many_records_with_repeated_keys_at_every_depth_is_the_standard_one() -> None:
    records: list[Any] = [
        {"a": {"a": [{"a": i, "b": None}], "b": Name("t")}, "b": [Level.HIGH, 2.5, True, i]}
        for i in range(50)
    ]
    records += [
        {1: "int key", "1": "text key"},
        {True: "bool key", 2.5: "float key"},
        {Name("a"): {"a": {}}},
        {"b": []},
    ]
    value = {"records": records, "a": records[:2], "tuple": (records[0], ())}
    assert json_indented(value) == json.dumps(value, ensure_ascii=False, indent=2) + "\n"
    assert json_text(value) == json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def test_json_of_something_that_is_not_json_fails_like_the_standard_library() -> None:
    for value in ({"a": {1, 2}}, [object()], {(1, 2): "x"}):
        with pytest.raises(TypeError):
            json.dumps(value)
        with pytest.raises(TypeError):
            json_text(value)


def test_the_verdicts_json_is_each_verdicts_own_json_in_order(kg: KnowledgeGraph) -> None:
    verdicts = dormancy.assess(kg).verdicts
    assert len(verdicts) > 1
    assert dormancy.as_dicts(verdicts) == [v.as_dict() for v in verdicts]
    assert (
        json_text(dormancy.as_dicts(verdicts))
        == json.dumps([v.as_dict() for v in verdicts], ensure_ascii=False, indent=2) + "\n"
    )
