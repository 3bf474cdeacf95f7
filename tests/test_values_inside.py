"""A saved query asked for a few IRIs (``querying.run_for``) can carry the VALUES block into its
OPTIONAL groups too, where Oxigraph would otherwise read the whole graph: the rows stay those
of the block at the outer WHERE alone, for every health query the network page asks."""

from __future__ import annotations

import pytest

from asan_kg.analysis import health
from asan_kg.sparql import catalog, outer, querying
from asan_kg.store.embedded import KnowledgeGraph

QUERY = """SELECT ?p ?x WHERE {
  ?p a ?t .  # OPTIONAL { ?p in a comment }
  OPTIONAL { ?p <urn:a> ?x . FILTER EXISTS { ?p <urn:b> ?y OPTIONAL { ?p <urn:c> ?z } } }
  OPTIONAL { ?other <urn:d> ?x }
  { SELECT ?p WHERE { OPTIONAL { ?p <urn:e> ?w } } }
  OPTIONAL { ?q <urn:f> "?p" . ?q <urn:g> ?p_label }
  optional {
    ?x <urn:h> $p
  }
  { ?p <urn:i> ?x } UNION { ?p <urn:j> ?x } UNION { ?q <urn:k> ?x }
  { SELECT ?p WHERE { ?p <urn:l> ?x } } UNION { ?p <urn:m> ?x }
  MINUS { ?p <urn:n> ?x }
  { ?p <urn:o> ?x }
}"""


def test_the_optional_groups_and_union_branches_that_name_the_variable_at_the_outer_level_are_found() -> None:
    found = outer.inner_groups(QUERY, "p")
    # the first and last OPTIONAL, the union branches naming ?p: not a group naming another
    # variable, one inside a sub-select or an EXISTS, one where ?p is a string or part of a
    # longer name or a comment, a sub-select branch, a MINUS group, a group of no union
    assert [QUERY[i : i + 10] for i in found] == [
        " ?p <urn:a",
        "\n    ?x <u",
        " ?p <urn:i",
        " ?p <urn:j",
        " ?p <urn:m",
    ]


def test_a_query_with_no_optional_has_nowhere_else_to_put_the_block() -> None:
    assert outer.inner_groups("SELECT ?p WHERE { ?p a ?t }", "p") == []


HEALTH = [
    q.name for q in catalog.saved_queries() if q.name.startswith("health-") and "?partnership" in q.text
]


@pytest.mark.parametrize("name", HEALTH)
def test_the_block_inside_optionals_gives_the_rows_of_the_block_outside(
    kg: KnowledgeGraph, name: str
) -> None:
    ties = sorted(t.partnership for t in health.assess(kg).ties)[::2]
    params = {"asof": "2019-06-30"} if "__asof" in catalog.find(name).text else {}

    def rows(inside: bool) -> list[tuple[object, ...]]:
        tables = querying.run_for(kg, name, "partnership", ties, params, "en", inside=inside)
        return sorted((r for table in tables for r in table.values()), key=repr)

    outside = rows(False)
    assert rows(True) == outside
    if name in ("health-ties", "health-exchanges"):
        assert outside  # the comparison is not between two empty answers
