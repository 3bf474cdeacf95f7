"""Text on its way in and out: Unicode normalized (NFC) when read, control characters stripped
before a terminal sees them, spreadsheet cells that a program would run as a formula neutralized.

May import nothing from asan_kg.
"""

from __future__ import annotations

import re
import unicodedata

# C0 and C1 control characters except tab and newline, and DEL: escape sequences (ESC), bells,
# carriage returns that overwrite a line, and the 8-bit CSI all start with one of these.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Bidirectional overrides and isolates can reorder what a reader sees (Trojan Source).
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def nfc(text: str) -> str:
    """Unicode NFC: a Korean name typed on a Mac (NFD jamo) equals the same name typed elsewhere."""
    return unicodedata.normalize("NFC", text)


def printable(text: str) -> str:
    """``text`` without control characters or bidi overrides, safe to show on a terminal."""
    return _BIDI.sub("", _CONTROLS.sub("", text))


def formula_safe(cell: object) -> object:
    """A spreadsheet cell that Excel or LibreOffice will show as text, never evaluate (OWASP CSV
    injection): text starting with = + - @ (or a tab or carriage return) gets a leading apostrophe.
    Numbers and other non-text values pass unchanged."""
    if isinstance(cell, str) and cell.startswith(FORMULA_LEADS):
        return "'" + cell
    return cell


def unformula(cell: str) -> str:
    """Undo ``formula_safe`` on reading our own files back (an apostrophe before a formula lead)."""
    if cell.startswith("'") and cell[1:].startswith(FORMULA_LEADS):
        return cell[1:]
    return cell


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def json_text(value: object) -> str:
    """JSON for people and programs: UTF-8 text kept readable, but DEL, C1 controls, bidi
    overrides and line separators written as ``\\uXXXX`` escapes (the same string to a JSON
    reader; harmless on a terminal). C0 controls are escaped by ``json`` itself."""
    import json

    text = json.dumps(value, ensure_ascii=False, indent=2)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"
