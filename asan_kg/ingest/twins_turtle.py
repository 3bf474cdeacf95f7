"""A twin-town import written out: Turtle (cities, countries, listed twinnings, each citing the
data set) and ``<out>.unresolved.tsv`` listing every name that could not be resolved.

``import_twins`` is the whole pipeline a Python user (or ``asan-kg import-twins``) calls.
"""

from __future__ import annotations

import hashlib
import resource
import time
from dataclasses import dataclass
from pathlib import Path

from rdflib import Literal

from asan_kg.core.errors import InputError
from asan_kg.core.files import atomic_write_text
from asan_kg.core.text import formula_safe_text, slugify
from asan_kg.ingest.twins import TwinImport, load
from asan_kg.vocab.terms import country_info

TWINS = "https://w3id.org/asan-kg/id/twins/"
GRAPHS = "https://w3id.org/asan-kg/graph/twins/"
PREFIXES = [
    "@prefix akg: <https://w3id.org/asan-kg/def#> .",
    "@prefix dcterms: <http://purl.org/dc/terms/> .",
    "@prefix prov: <http://www.w3.org/ns/prov#> .",
    "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
    "@prefix schema: <https://schema.org/> .",
    "@prefix region: <https://w3id.org/asan-kg/vocab/world-regions/> .",
]


def city_iris(imp: TwinImport) -> dict[tuple[str, str], str]:
    """One IRI per city key. Two keys whose slugs coincide ('New York' and 'New-York') get a
    hash of the key appended to the later one, so distinct cities never share an IRI."""
    out: dict[tuple[str, str], str] = {}
    taken: set[str] = set()
    for key in sorted(imp.cities):
        local = f"{slugify(key[0])}--{slugify(key[1])}"
        if local in taken:
            local += "-" + hashlib.sha256("|".join(key).encode()).hexdigest()[:8]
        taken.add(local)
        out[key] = f"<{TWINS}{imp.dataset}/city/{local}>"
    return out


def _header(imp: TwinImport, source: str) -> list[str]:
    title = Literal(imp.title, lang="en").n3()
    title_ko = Literal("공개 자매도시 자료: " + imp.dataset, lang="ko").n3()
    return [
        f"# {imp.title}: imported by asan-kg from {slugify(imp.path.stem)}. Every node cites the data set.",
        *PREFIXES,
        "",
        f"{source} a akg:Source ; rdfs:label {title} , {title_ko} ; "
        f"dcterms:identifier {Literal(imp.path.name).n3()} .",
    ]


def to_turtle(imp: TwinImport) -> str:
    """The import as Turtle, written directly (tens of thousands of nodes, no blank nodes)."""
    source = f"<{GRAPHS}{imp.dataset}>"
    src = f"prov:wasDerivedFrom {source}"
    lines = _header(imp, source)
    for country in sorted(imp.countries):
        info = country_info(country)
        region = f" ; akg:worldRegion region:{info.region}" if info else ""
        lines.append(
            f"<{TWINS}{imp.dataset}/country/{slugify(country)}> a schema:Country ; "
            f"rdfs:label {Literal(country, lang='en').n3()}{region} ; {src} ."
        )
    iris = city_iris(imp)
    for key, city in sorted(imp.cities.items()):
        parts = [
            f"{iris[key]} a schema:City",
            f"rdfs:label {Literal(city.name, lang='en').n3()}",
            f"akg:resolution {Literal(city.resolution).n3()}",
        ]
        if city.country:
            parts.append(f"akg:country <{TWINS}{imp.dataset}/country/{slugify(city.country)}>")
        if city.origin:
            parts.append(f"akg:twinsListedBy {source}")
        parts += [f"akg:nameAsListed {Literal(n).n3()}" for n in sorted(city.listed_names)]
        lines.append(" ; ".join([*parts, src]) + " .")
    for pair in sorted(imp.pairs.values(), key=lambda p: (p.a, p.b)):
        digest = hashlib.sha1(f"{pair.a}|{pair.b}".encode()).hexdigest()[:16]
        lines.append(
            f"<{TWINS}{imp.dataset}/pair/{digest}> a akg:ListedTwinning ; "
            f"akg:twinPlace {iris[pair.a]} , {iris[pair.b]} ; "
            f"akg:listedDirections {len(pair.directions)} ; akg:sourceRow {pair.first_row} ; {src} ."
        )
    return "\n".join(lines) + "\n"


def _tsv_cell(text: str) -> str:
    """A TSV cell: no tab or line break inside, and no formula lead a spreadsheet would run."""
    return formula_safe_text(" ".join(text.replace("\t", " ").splitlines()))


def unresolved_tsv(imp: TwinImport) -> str:
    lines = ["name\tresolution\tcandidate_countries"]
    lines += [
        "\t".join(_tsv_cell(c) for c in (name, why, "; ".join(cands)))
        for name, (why, cands) in sorted(imp.unresolved.items())
    ]
    lines += [f"{_tsv_cell(name)}\tcountry-without-region\t" for name in sorted(imp.unknown_countries)]
    return "\n".join(lines) + "\n"


def write(imp: TwinImport, out: Path) -> Path:
    """Write the Turtle and, beside it, ``<out>.unresolved.tsv`` listing every unresolved name."""
    report = out.with_suffix(".unresolved.tsv")
    text, tsv = to_turtle(imp), unresolved_tsv(imp)
    atomic_write_text(out, text)
    atomic_write_text(report, tsv)
    return report


@dataclass
class TwinsResult:
    imported: TwinImport
    out: Path
    report: Path
    seconds: float
    peak_mb: float


def import_twins(path: Path, out: Path, *, force: bool = False) -> TwinsResult:
    """Read a public data set and write its Turtle and unresolved-name report (atomically);
    an existing ``out`` is replaced only with ``force``."""
    if out.exists() and not force:
        raise InputError(f"{out} exists; pass --force to replace it")
    if out.resolve() == path.resolve():
        raise InputError(f"{out}: the output would overwrite the data set it is read from")
    started = time.perf_counter()
    imported = load(path)
    report = write(imported, out)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return TwinsResult(imported, out, report, time.perf_counter() - started, peak_mb)
