"""``fmt`` never damages a file: its own output must parse back to the same graph, comments below
the top and relative IRIs are refused with file and line, mode and symlinks are kept."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from asan_kg.store.canonical import FormatError, canonical_turtle, comment_lines, format_text
from tests.adversarial.helpers_files import check, digest, run

pytestmark = pytest.mark.adversarial

PREFIX = "@prefix ex: <http://example.org/> .\n"

TRICKY_LITERALS = [
    ("fmt-long-string-ending-backslash-quote", 'a\nb\\"'),
    ("fmt-long-string-ending-two-backslashes-quote", 'a\nb\\\\"'),
    ("fmt-long-string-ending-quote", 'a\nb"'),
    ("fmt-long-string-ending-backslash", "a\nb\\"),
    ("fmt-long-string-triple-quotes", 'a\n"""x'),
    ("fmt-long-string-quotes-everywhere", '"\n"\n""'),
    ("fmt-carriage-return", "a\r\nb"),
    ("fmt-tab-and-newline", "a\t\nb"),
    ("fmt-korean-multiline", '아산\n시청"'),
    ("fmt-only-newline", "\n"),
]


@pytest.mark.parametrize("value", [t[1] for t in TRICKY_LITERALS], ids=[t[0] for t in TRICKY_LITERALS])
def test_tricky_literals_survive_formatting(tmp_path: Path, value: str) -> None:
    graph = Graph()
    graph.add((URIRef("http://example.org/a"), URIRef("http://example.org/b"), Literal(value)))
    graph.add((URIRef("http://example.org/a"), URIRef("http://example.org/c"), Literal(value, lang="ko")))
    text = canonical_turtle(graph)
    path = tmp_path / "x.ttl"
    assert isomorphic(Graph().parse(data=format_text(path, text), format="turtle"), graph)


COMMENTS = [
    ("fmt-comment-after-triple", PREFIX + 'ex:a ex:b "c" . # why\n', 2),
    ("fmt-comment-own-line", PREFIX + 'ex:a ex:b "c" .\n# later\nex:a ex:d "e" .\n', 3),
    ("fmt-comment-after-blank-header", "# top\n\n# second block\n" + PREFIX + 'ex:a ex:b "c" .\n', 3),
    ("fmt-comment-in-predicate-list", PREFIX + 'ex:a ex:b "c" ; # note\n  ex:d "e" .\n', 2),
]


@pytest.mark.parametrize(("text", "line"), [c[1:] for c in COMMENTS], ids=[c[0] for c in COMMENTS])
def test_a_comment_below_the_top_is_refused_with_its_line(tmp_path: Path, text: str, line: int) -> None:
    path = tmp_path / "x.ttl"
    with pytest.raises(FormatError) as caught:
        format_text(path, text)
    assert str(caught.value).startswith(f"{path}:{line}: this comment would be lost")


NOT_COMMENTS = [
    ("fmt-hash-in-string", PREFIX + 'ex:a ex:b "# not a comment" .\n'),
    ("fmt-hash-in-iri", PREFIX + "ex:a ex:b <http://example.org/x#y> .\n"),
    ("fmt-hash-in-long-string", PREFIX + 'ex:a ex:b """x\n# not a comment\n""" .\n'),
    ("fmt-hash-in-single-quotes", PREFIX + "ex:a ex:b '# no' .\n"),
    ("fmt-leading-comments-kept", "# top one\n# top two\n" + PREFIX + 'ex:a ex:b "c" .\n'),
]


@pytest.mark.parametrize("text", [n[1] for n in NOT_COMMENTS], ids=[n[0] for n in NOT_COMMENTS])
def test_a_hash_inside_a_string_or_iri_is_not_a_comment(tmp_path: Path, text: str) -> None:
    out = format_text(tmp_path / "x.ttl", text)
    assert isomorphic(Graph().parse(data=out, format="turtle"), Graph().parse(data=text, format="turtle"))
    if text.startswith("# top one"):
        assert out.startswith("# top one\n# top two\n")


RELATIVE = [
    ("fmt-relative-object", PREFIX + "ex:a ex:b <other.ttl> .\n", "<other.ttl>", 2),
    ("fmt-relative-subject", PREFIX + '<#me> ex:b "c" .\n', "<#me>", 2),
    ("fmt-relative-parent", PREFIX + "\nex:a ex:b <../x> .\n", "<../x>", 3),
    ("fmt-relative-empty", PREFIX + "ex:a ex:b <> .\n", "<>", 2),
    ("fmt-relative-datatype", PREFIX + 'ex:a ex:b "1"^^<mytype> .\n', "<mytype>", 2),
]


@pytest.mark.parametrize(("text", "iri", "line"), [r[1:] for r in RELATIVE], ids=[r[0] for r in RELATIVE])
def test_relative_iris_are_refused_not_resolved_against_the_working_directory(
    tmp_path: Path, text: str, iri: str, line: int
) -> None:
    path = tmp_path / "x.ttl"
    with pytest.raises(FormatError) as caught:
        format_text(path, text)
    assert f"{path}:{line}: relative IRI {iri}" in str(caught.value)


def test_comment_lines_finds_every_comment() -> None:
    text = '# a\n@prefix ex: <http://e/#> .\nex:a ex:b "#" . # b\n# c\n'
    assert comment_lines(text) == [1, 3, 4]


def test_fmt_cli_keeps_mode_and_symlink_and_refuses_damage(tmp_path: Path) -> None:
    good = tmp_path / "good.ttl"
    good.write_text(
        '# header\n@prefix ex: <http://example.org/> .\nex:z ex:b """x\nends\\\\\\"""" .\nex:a ex:b "c" .\n',
        encoding="utf-8",
    )
    good.chmod(0o664)
    link = tmp_path / "link.ttl"
    link.symlink_to("good.ttl")
    result = run("fmt", link, cwd=tmp_path)
    check(result, 0, "link.ttl")
    assert link.is_symlink() and stat.S_IMODE(good.stat().st_mode) == 0o664
    again = run("fmt", "--check", good, cwd=tmp_path)
    check(again, 0)
    Graph().parse(good, format="turtle")
    bad = tmp_path / "bad.ttl"
    bad.write_text(PREFIX + 'ex:a ex:b "c" .\n# keep me\n', encoding="utf-8")
    rel = tmp_path / "rel.ttl"
    rel.write_text(PREFIX + "ex:a ex:b <x.ttl> .\n", encoding="utf-8")
    before = digest([good, bad, rel])
    result = run("fmt", good, bad, rel, cwd=tmp_path)
    check(result, 2, f"{bad}:3:", "comment would be lost")
    assert digest([good, bad, rel]) == before
    result = run("fmt", rel, cwd=tmp_path)
    check(result, 2, f"{rel}:2:", "relative IRI <x.ttl>")
    assert digest([good, bad, rel]) == before
