"""Deterministic Turtle, so ``graph_data/`` diffs stay reviewable."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from asan_kg.vocab.namespaces import PREFIXES


def canonical_turtle(graph: Graph, header: str = "") -> str:
    """Serialize ``graph`` as Turtle with the project's prefixes, the same text every run.

    rdflib's Turtle serializer sorts subjects, predicates and objects; the data has no blank
    nodes (every node has an IRI), so the order does not depend on parse-time identifiers.
    Only prefixes that occur in the graph are declared.
    """
    out = Graph(bind_namespaces="none")
    used: set[str] = set()
    for triple in graph:
        out.add(triple)
        for term in triple:
            used.add(str(term))
            datatype = getattr(term, "datatype", None)
            if datatype is not None:
                used.add(str(datatype))
    for prefix, iri in sorted(PREFIXES.items()):
        if any(t.startswith(iri) for t in used):
            out.bind(prefix, iri, override=True, replace=True)
    text = out.serialize(format="turtle", encoding="utf-8").decode("utf-8")
    return header + text.rstrip("\n") + "\n"


def leading_comments(text: str) -> str:
    """The comment lines a file starts with: kept verbatim, as the file's description."""
    lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line)
    return "".join(line + "\n" for line in lines) + ("\n" if lines else "")


def canonical_file_text(path: Path) -> str:
    """The canonical form of a Turtle file: its leading comments, then sorted Turtle."""
    text = path.read_text(encoding="utf-8")
    graph = Graph()
    graph.parse(data=text, format="turtle")
    return canonical_turtle(graph, leading_comments(text))
