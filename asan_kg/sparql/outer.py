"""Where the parts of a SELECT's outer level are in its text: the projection, the ``WHERE``
group, the ``GROUP BY`` clause — found by a scan that skips comments, strings and IRIs and
counts braces and parentheses, so a sub-select, an ``EXISTS { }`` or a ``"WHERE"`` in a string
is never taken for the outer one.

``asan_kg.sparql.params`` binds parameters with these positions: the ``VALUES`` block goes first
in the outer ``WHERE`` group, and each bound variable is also projected (and grouped by), which
some servers need to see it inside ``OPTIONAL`` filters (Virtuoso 7, tests/VIRTUOSO_NOTES.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORD = re.compile(r"[A-Za-z_]+")
_IRI = re.compile(r"<[^<>\s\"{}|^`\\]*>")


@dataclass(frozen=True)
class Outer:
    """Positions in a query text (-1 where the part is absent)."""

    select_end: int  # just after the outer SELECT keyword (and DISTINCT/REDUCED)
    projection_end: int  # where the projection ends: the outer FROM, WHERE or ``{``
    star: bool  # the projection is ``*``
    where_open: int  # just after the ``{`` that opens the outer WHERE group
    group_by_end: int  # just after the outer ``GROUP BY`` keywords


def _skip(query: str, i: int) -> int:
    """The index after a comment, string or IRI starting at ``i``; ``i`` if none starts there."""
    c = query[i]
    if c == "#":
        j = query.find("\n", i)
        return len(query) if j < 0 else j
    if c in "\"'":
        quote = query[i : i + 3] if query[i : i + 3] in ('"""', "'''") else c
        j = i + len(quote)
        while j < len(query) and not query.startswith(quote, j):
            j += 2 if query[j] == "\\" else 1
        return j + len(quote)
    if c == "<":
        match = _IRI.match(query, i)
        if match:
            return match.end()
    return i


def scan(query: str) -> Outer:
    """The outer SELECT's parts; -1 for each one the text does not have."""
    select_end = projection_end = where_open = group_by_end = -1
    star = False
    braces = parens = 0
    i, n = 0, len(query)
    while i < n:
        after = _skip(query, i)
        if after != i:
            i = after
            continue
        c = query[i]
        if c in "{}()":
            if c == "{" and braces == 0 and parens == 0 and where_open < 0 and select_end >= 0:
                projection_end = i if projection_end < 0 else projection_end
                where_open = i + 1
            braces += {"{": 1, "}": -1}.get(c, 0)
            parens += {"(": 1, ")": -1}.get(c, 0)
            i += 1
            continue
        word = _keyword(query, i)
        if word is None:
            if c == "*" and select_end >= 0 and projection_end < 0 and parens == 0:
                star = True
            i += 1
            continue
        keyword = word.group().upper()
        if braces == 0 and parens == 0:
            if keyword == "SELECT" and select_end < 0:
                select_end = _after_modifier(query, word.end())
                i = select_end
                continue
            if keyword in ("WHERE", "FROM") and select_end >= 0 and projection_end < 0:
                projection_end = word.start()
            if keyword == "GROUP" and where_open >= 0:
                by = re.compile(r"\s+BY\b", re.I).match(query, word.end())
                if by:
                    group_by_end = by.end()
        i = word.end()
    return Outer(select_end, projection_end, star, where_open, group_by_end)


def inner_groups(query: str, variable: str) -> list[int]:
    """Just after the ``{`` of each ``OPTIONAL`` group and each ``UNION`` branch directly in the
    outer WHERE group that names ``?variable`` outside strings and comments (not sub-selects,
    ``MINUS``, ``EXISTS`` or nested groups: there a VALUES block could change the answer)."""
    i = scan(query).where_open
    name = re.compile(rf"[?$]{re.escape(variable)}(?![A-Za-z0-9_\u00b7\u00c0-\U000effff])")
    out: list[int] = []
    depth, pending, opened, named, branch = 1, False, -1, False, False
    while 0 <= i < len(query) and depth > 0:
        after = _skip(query, i)
        if after != i:
            i = after
            continue
        c, word = query[i], _keyword(query, i)
        if word is not None:
            pending = pending or (depth == 1 and word.group().upper() in ("OPTIONAL", "UNION"))
            i = word.end()
            continue
        named = named or (opened >= 0 and name.match(query, i) is not None)
        if c == "{":
            if depth == 1 and _next_word(query, i + 1) != "SELECT":
                opened, branch = i + 1, pending
            pending = False
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 1 and opened >= 0:
                if named and (branch or _next_word(query, i + 1) == "UNION"):
                    out.append(opened)
                opened, named = -1, False
        i += 1
    return out


def plain_groups(query: str, variables: set[str]) -> list[int]:
    """Just after the ``{`` of each plain group directly in the outer WHERE group (joined as it
    is: no keyword such as OPTIONAL, MINUS, GRAPH, EXISTS or FILTER before it since the last
    ``.``, ``{`` or ``}``, not a sub-select, no UNION after it) that names one of ``variables``.
    A parameter's VALUES block repeated there joins the same one row where it is used, so the
    engine filters the group's rows before joining them (``params.bind``)."""
    i = scan(query).where_open
    names = "|".join(re.escape(v) for v in sorted(variables))
    name = re.compile(rf"[?$](?:{names})(?![A-Za-z0-9_\u00b7\u00c0-\U000effff])")
    out: list[int] = []
    depth, worded, opened, named = 1, False, -1, False
    while 0 <= i < len(query) and depth > 0:
        after = _skip(query, i)
        if after != i:
            i = after
            continue
        word = _keyword(query, i)
        if word is not None:
            worded = worded or depth == 1
            i = word.end()
            continue
        c = query[i]
        named = named or (opened >= 0 and name.match(query, i) is not None)
        if c == "{":
            if depth == 1:
                plain = not worded and _next_word(query, i + 1) != "SELECT"
                opened, named = (i + 1 if plain else -1), False
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 1:
                if opened >= 0 and named and _next_word(query, i + 1) != "UNION":
                    out.append(opened)
                opened, worded = -1, False
        elif c == "." and depth == 1:
            worded = False
        i += 1
    return out


def _next_word(query: str, i: int) -> str:
    """The keyword after ``i`` (upper case), past spaces and comments; "" where none is next."""
    while i < len(query):
        if query[i].isspace():
            i += 1
        elif query[i] == "#":
            i = _skip(query, i)
        else:
            word = _keyword(query, i)
            return word.group().upper() if word else ""
    return ""


def _keyword(query: str, i: int) -> re.Match[str] | None:
    """A bare word starting at ``i`` — not part of a variable, a prefixed name or a longer word."""
    if not query[i].isalpha() or (i and (query[i - 1].isalnum() or query[i - 1] in "_:?$-.")):
        return None
    word = _WORD.match(query, i)
    if word is None or query[word.end() : word.end() + 1] in (":", "-") or query[word.end() :][:1].isdigit():
        return None
    return word


def _after_modifier(query: str, i: int) -> int:
    match = re.compile(r"\s+(DISTINCT|REDUCED)\b", re.I).match(query, i)
    return match.end() if match else i
