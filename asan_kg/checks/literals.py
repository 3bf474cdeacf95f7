"""Ill-typed literals ("2014.4.3"^^xsd:date, full-width digits, an Excel serial number typed as
a date) found before any tool trips over them: each becomes a violation naming the file and line
it is written on, and is kept away from the SHACL engine, which would crash comparing it.

rdflib logs a traceback for every literal it cannot convert; ``quiet_rdflib`` silences that, so
the user sees the violation, not the traceback.
"""

from __future__ import annotations

import contextlib
import logging
import re
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from rdflib import Literal
from rdflib.namespace import XSD
from rdflib.term import Node

from asan_kg.vocab.prefixes import compact

# Lexical forms as XML Schema writes them, ASCII digits only (Python's int() and rdflib's
# parsers accept full-width digits, which no other RDF tool does).
_LEXICAL = {
    XSD.date: re.compile(r"-?[0-9]{4,}-[0-9]{2}-[0-9]{2}(Z|[+-][0-9]{2}:[0-9]{2})?"),
    XSD.dateTime: re.compile(
        r"-?[0-9]{4,}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})?"
    ),
    XSD.gYear: re.compile(r"-?[0-9]{4,}(Z|[+-][0-9]{2}:[0-9]{2})?"),
    XSD.integer: re.compile(r"[+-]?[0-9]+"),
    XSD.nonNegativeInteger: re.compile(r"\+?[0-9]+"),
    XSD.positiveInteger: re.compile(r"\+?[0-9]*[1-9][0-9]*"),
    XSD.decimal: re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)"),
    XSD.boolean: re.compile(r"true|false|1|0"),
}
_HINTS = {
    XSD.date: ("write it YYYY-MM-DD, e.g. 2014-04-03", "YYYY-MM-DD 형식으로 쓰십시오(예: 2014-04-03)"),
    XSD.dateTime: ("write it YYYY-MM-DDThh:mm:ss", "YYYY-MM-DDThh:mm:ss 형식으로 쓰십시오"),
}


@dataclass(frozen=True)
class IllTyped:
    subject: Node
    predicate: Node
    value: Literal
    file: Path | None
    line: int | None

    @property
    def where(self) -> str:
        if self.file is None:
            return "(file unknown)"
        return f"{self.file}:{self.line}" if self.line else str(self.file)

    def messages(self) -> dict[str, str]:
        kind = compact(str(self.value.datatype))
        default = ("use the datatype's lexical form", "자료형의 표기법을 따르십시오")
        en_hint, ko_hint = _HINTS.get(self.value.datatype, default) if self.value.datatype else default
        return {
            "en": f"{self.where}: {str(self.value)!r} is not a valid {kind}; {en_hint}",
            "ko": f"{self.where}: {str(self.value)!r}은(는) 올바른 {kind} 값이 아닙니다. {ko_hint}",
        }


def is_ill_typed(term: Literal) -> bool:
    pattern = _LEXICAL.get(term.datatype) if term.datatype is not None else None
    if pattern is not None and not pattern.fullmatch(str(term)):
        return True
    return bool(term.ill_typed)


class _Locator:
    """Finds the file and line a literal is written on, by searching the files' text."""

    def __init__(self, files: Iterable[Path]) -> None:
        self.texts: list[tuple[Path, str]] = []
        for path in files:
            with contextlib.suppress(OSError, UnicodeDecodeError):
                self.texts.append((path, path.read_text(encoding="utf-8")))

    def find(self, lexical: str) -> tuple[Path | None, int | None]:
        for needle in (f'"{lexical}"^^', f'"{lexical}"', f"'{lexical}'", lexical):
            for path, text in self.texts:
                at = text.find(needle)
                if at >= 0:
                    return path, text.count("\n", 0, at) + 1
        return None, None


def ill_typed(triples: Iterable[tuple[Node, Node, Node]], files: Iterable[Path]) -> list[IllTyped]:
    """Every triple whose object is an ill-typed literal, with where it is written."""
    found = [
        (s, p, o)
        for s, p, o in triples
        if isinstance(o, Literal) and o.datatype is not None and is_ill_typed(o)
    ]
    if not found:
        return []
    locate = _Locator(files)
    return [IllTyped(s, p, o, *locate.find(str(o))) for s, p, o in found if isinstance(o, Literal)]


@contextlib.contextmanager
def quiet_rdflib() -> Iterator[None]:
    """Silence rdflib's log lines (and warnings) about literals it cannot convert."""
    logger = logging.getLogger("rdflib.term")
    before = logger.disabled
    logger.disabled = True
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.disabled = before
