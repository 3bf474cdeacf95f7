"""Text on its way in and out: Unicode normalized (NFC) when read, control characters stripped
before a terminal sees them, spreadsheet cells that a program would run as a formula neutralized,
and the one slug function every identifier we mint goes through.

May import nothing from asan_kg.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable
from json.encoder import encode_basestring as _quote
from typing import Any

# C0 and C1 control characters except tab and newline, and DEL: escape sequences (ESC), bells,
# carriage returns that overwrite a line, and the 8-bit CSI all start with one of these.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Bidirectional overrides and isolates can reorder what a reader sees (Trojan Source).
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
# A plain number ("-5", "+3.2e4") is not a formula in any spreadsheet program: left as it is.
_NUMBER = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?", re.ASCII)
# Latin letters that NFKD does not decompose into a base letter and an accent.
_LATIN_EXTRA = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ð": "d", "æ": "ae", "œ": "oe", "þ": "th", "ı": "i", "ħ": "h", "ŋ": "n"}
)


def nfc(text: str) -> str:
    """Unicode NFC: a Korean name typed on a Mac (NFD jamo) equals the same name typed elsewhere."""
    return unicodedata.normalize("NFC", text)


def printable(text: str) -> str:
    """``text`` without control characters or bidi overrides, safe to show on a terminal."""
    return _BIDI.sub("", _CONTROLS.sub("", text))


def formula_safe(cell: object) -> object:
    """A spreadsheet cell that Excel or LibreOffice will show as text, never evaluate (OWASP CSV
    injection): text starting with = + - @ (or a tab or carriage return) gets a leading apostrophe.
    Numbers, plain numerals and other non-text values pass unchanged."""
    if isinstance(cell, str) and cell.startswith(FORMULA_LEADS) and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def formula_safe_text(cell: str) -> str:
    """``formula_safe`` for a cell known to be text."""
    return str(formula_safe(cell))


def unformula(cell: str) -> str:
    """Undo ``formula_safe`` on reading our own files back (an apostrophe before a formula lead)."""
    if cell.startswith("'") and cell[1:].startswith(FORMULA_LEADS):
        return cell[1:]
    return cell


def cell_text(cell: str) -> str:
    """A spreadsheet cell as read: NFC, without our formula guard, without surrounding space."""
    return unformula(nfc(cell).strip()).strip()


def fold(name: str) -> str:
    """Case, accents and white space folded: 'Košice' and 'kosice' compare equal."""
    text = unicodedata.normalize("NFKD", nfc(name)).casefold().translate(_LATIN_EXTRA)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.split())


def slugify(text: str) -> str:
    """The one slug of a name: lower-case ASCII letters, digits and hyphens, accents folded
    ('Košice' → 'kosice'). A name with letters outside the Latin script (清岛, 아산) also gets a
    stable hash of its NFC form, so two such names never share a slug; an empty name is 'x'."""
    folded = fold(text)
    ascii_part = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
    if not any(c.isalnum() and not c.isascii() for c in folded):
        return ascii_part or "x"
    digest = hashlib.sha256(nfc(text).strip().encode("utf-8")).hexdigest()[:10]
    return f"{ascii_part}-u{digest}" if ascii_part else f"u{digest}"


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def json_text(value: object) -> str:
    """JSON for people and programs: UTF-8 text kept readable, but DEL, C1 controls, bidi
    overrides and line separators written as ``\\uXXXX`` escapes (the same string to a JSON
    reader; harmless on a terminal). C0 controls are escaped by ``json`` itself.

    The text is ``json.dumps(value, ensure_ascii=False, indent=2)``, written by ``_indented``:
    with an indent the standard library falls back to its pure-Python encoder, about three
    times slower (seconds for the verdicts of a national graph)."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json_indented(value))


def json_indented(value: object) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)`` plus a final newline, written by
    ``_indented`` (without ``json_text``'s extra escapes: for documents that must read back
    byte for byte as the standard library writes them, such as SPARQL JSON results)."""
    out: list[str] = []
    _indented(value, out, "\n", {})
    return "".join(out) + "\n"


def _indented(value: object, out: list[str], newline: str, heads: dict[str, dict[object, str]]) -> None:
    """``value`` as ``json.dumps(..., ensure_ascii=False, indent=2)`` writes it (``newline`` is
    the line break plus the current indent); scalars inline, containers by recursion. Each item
    is written after a ``,`` and the first one's turned into the bracket afterwards, exact types
    are tested first, and a key's head (``,``, indent, quoted key) is written once per depth
    (``heads``, for this one document): a list of verdicts repeats the same keys thousands of times."""
    if isinstance(value, dict):
        if value:
            _object(value, out, newline, heads)
        else:
            out.append("{}")
    elif isinstance(value, (list, tuple)):
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        lead, first = "," + inner, len(out)
        for item in value:
            _member(lead, item, out, inner, heads)
        out[first] = "[" + out[first][1:]
        out.append(newline + "]")
    else:
        out.append(_json_leaf(value))


def _object(value: dict[Any, Any], out: list[str], newline: str, heads: dict[str, dict[object, str]]) -> None:
    """A mapping that is not empty, as ``_indented`` writes it."""
    inner = newline + "  "
    known = heads.get(inner)
    if known is None:
        known = heads[inner] = {}
    first = len(out)
    for key, item in value.items():
        lead = known.get(key) if type(key) is str else None
        if lead is None:
            lead = "," + inner + _quote(key if isinstance(key, str) else _json_key(key)) + ": "
            if type(key) is str:
                known[key] = lead
        _member(lead, item, out, inner, heads)
    out[first] = "{" + out[first][1:]
    out.append(newline + "}")


def _member(lead: str, item: Any, out: list[str], inner: str, heads: dict[str, dict[object, str]]) -> None:
    """One array item or object member after its ``lead`` (comma, indent and, for a member, key)."""
    kind = type(item)
    if kind is str:
        out.append(lead + _quote(item))
    elif kind in _SCALARS:
        out.append(lead + _SCALARS[kind](item))
    elif isinstance(item, (dict, list, tuple)):
        out.append(lead)
        _indented(item, out, inner, heads)
    else:
        out.append(lead + _json_leaf(item))


def _json_leaf(value: object) -> str:
    """A scalar: text quoted, anything else as ``_json_scalar`` writes it."""
    return _quote(value) if isinstance(value, str) else _json_scalar(value)


def _json_scalar(value: object) -> str:
    if value is None or value is True or value is False:
        return "null" if value is None else ("true" if value else "false")
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return _json_float(value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _json_float(value: float) -> str:
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "Infinity" if value > 0 else "-Infinity"
    return float.__repr__(value)


# The writers of scalars by exact type (subclasses go through ``_json_leaf``).
_SCALARS: dict[type, Callable[[Any], str]] = {
    type(None): lambda _: "null",
    bool: lambda v: "true" if v else "false",
    int: int.__repr__,
    float: _json_float,
}


def _json_key(key: object) -> str:
    """A mapping key as ``json`` writes it: text as is; numbers, booleans and None as JSON text."""
    try:
        return _json_scalar(key)
    except TypeError:
        raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}") from None
