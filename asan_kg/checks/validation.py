"""Validate the graph: SHACL shapes plus the ``queries/checks/*-violation.rq`` queries.

A violation query returns rows only when the data is wrong (the OBO ontology-development-kit
pattern). Nothing is written; the result is a report a person can read in Korean or English.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pyshacl import validate as shacl_validate
from rdflib import Graph, Literal
from rdflib.term import Node

from asan_kg.checks import literals
from asan_kg.core import resources
from asan_kg.sparql import catalog
from asan_kg.store.embedded import Engine, KnowledgeGraph
from asan_kg.vocab.prefixes import compact

LABEL_QUERY = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?node ?label WHERE { ?node rdfs:label|skos:prefLabel ?label }
"""

SHACL_RESULTS = """
PREFIX sh: <http://www.w3.org/ns/shacl#>
SELECT ?result ?focus ?path ?value ?message ?component WHERE {
  ?result a sh:ValidationResult ; sh:focusNode ?focus ; sh:sourceConstraintComponent ?component .
  OPTIONAL { ?result sh:resultPath ?path }
  OPTIONAL { ?result sh:value ?value }
  OPTIONAL { ?result sh:resultMessage ?message }
}
"""


@dataclass
class Violation:
    """One problem: the node, the property, the offending value and what to do, in ko and en."""

    focus: str
    property: str | None
    value: str | None
    messages: dict[str, str]
    rule: str
    labels: dict[str, str] = field(default_factory=dict)

    def label(self, lang: str) -> str:
        return self.labels.get(lang) or self.labels.get("en") or self.labels.get("ko") or compact(self.focus)

    def message(self, lang: str) -> str:
        return self.messages.get(lang) or self.messages.get("en") or next(iter(self.messages.values()), "")


@dataclass
class ValidationReport:
    files: list[Path]
    triples: int
    violations: list[Violation]

    @property
    def conforms(self) -> bool:
        return not self.violations


def _text(node: Node | None) -> str | None:
    if node is None:
        return None
    return compact(str(node)) if not isinstance(node, Literal) else str(node)


def _shacl_violations(data: Graph, shapes: Graph) -> list[Violation]:
    _conforms, results, _text_report = shacl_validate(
        data, shacl_graph=shapes, inference="none", allow_warnings=True, advanced=True
    )
    grouped: dict[Node, Violation] = {}
    for row in results.query(SHACL_RESULTS):
        result, focus, path, value, message, component = row
        rule = "shacl:" + str(component).rsplit("#", 1)[-1].removesuffix("ConstraintComponent")
        violation = grouped.setdefault(result, Violation(str(focus), _text(path), _text(value), {}, rule))
        if isinstance(message, Literal):
            violation.messages[message.language or "en"] = str(message)
    # Two constraints of one property shape share its message: report the problem once.
    unique: dict[tuple[str, str, str, str], Violation] = {}
    for v in grouped.values():
        unique.setdefault((v.focus, v.property or "", v.value or "", v.message("en")), v)
    return [unique[key] for key in sorted(unique)]


def _check_violations(kg: KnowledgeGraph, checks_dir: Path | None) -> list[Violation]:
    found: list[Violation] = []
    for check in catalog.checks(checks_dir):
        table = kg.select(check.text)
        for row in table.dicts():
            found.append(
                Violation(
                    str(row.get("focus")),
                    _text(row.get("property")),
                    _text(row.get("value")),
                    {"ko": check.message("ko"), "en": check.message("en")},
                    check.name,
                )
            )
    return found


def _literal_violations(kg: KnowledgeGraph, data: Graph) -> list[Violation]:
    """Ill-typed literals as violations (file and line); removed from ``data`` so the SHACL engine
    and the check queries never compare them."""
    out = []
    for bad in literals.ill_typed(data, kg.files):
        data.remove((bad.subject, bad.predicate, bad.value))
        out.append(
            Violation(
                str(bad.subject), _text(bad.predicate), str(bad.value), bad.messages(), "ill-typed-literal"
            )
        )
    return sorted(out, key=lambda v: (v.focus, v.property or "", v.value or ""))


def validate(
    data: Path | None = None,
    *,
    extra_files: Sequence[Path] = (),
    engine: Engine = "oxigraph",
    shapes_file: Path | None = None,
    checks_dir: Path | None = None,
) -> ValidationReport:
    """Load ontology + data (raises ``LoadError`` on syntax errors) and check shapes and checks.

    Derivation rules are not applied, so the checks see only what the files assert. Ill-typed
    literals are violations naming the file and line; rdflib's log about them is silenced.
    """
    with literals.quiet_rdflib():
        kg = KnowledgeGraph.load(data, engine=engine, extra_files=extra_files, derive=False)
        shapes = Graph().parse(shapes_file or resources.shapes_file(), format="turtle")
        copy = kg.to_rdflib()
        typed = _literal_violations(kg, copy)
        violations = typed + _shacl_violations(copy, shapes) + _check_violations(kg, checks_dir)
        labels: dict[str, dict[str, str]] = {}
        for node, label in kg.select(LABEL_QUERY):
            if isinstance(label, Literal) and label.language:
                labels.setdefault(str(node), {}).setdefault(label.language, str(label))
    for violation in violations:
        violation.labels = labels.get(violation.focus, {})
    return ValidationReport(kg.files, len(kg), violations)
