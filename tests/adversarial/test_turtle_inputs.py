"""Hostile Turtle data files: broken, exotic encodings, BOM, NUL bytes, huge lines, ill-typed
literals, FIFOs, symlink loops, folders named .ttl, unreadable files, an empty data folder."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Literal
from rdflib.namespace import XSD

from asan_kg.checks.literals import is_ill_typed
from asan_kg.store.loading import LoadError, check_syntax, data_files
from tests.adversarial.helpers_files import check, digest, run

pytestmark = pytest.mark.adversarial

PREFIX = b"@prefix ex: <http://example.org/> .\n"


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _loop(path: Path) -> None:
    path.symlink_to(path.name)


def _dir(path: Path) -> None:
    path.mkdir()
    (path / "inner.ttl").write_bytes(PREFIX)


def _dangling(path: Path) -> None:
    path.symlink_to("nowhere.ttl")


SYNTAX = [
    ("turtle-missing-dot", PREFIX + b"ex:a ex:b ex:c\nex:d ex:e ex:f .\n", "turtle syntax error"),
    ("turtle-unclosed-string", PREFIX + b'ex:a ex:b "open .\n', "turtle syntax error"),
    ("turtle-unknown-prefix", b"nope:a nope:b nope:c .\n", "turtle syntax error"),
    ("turtle-latin1", PREFIX + 'ex:a ex:b "Miskolc – é" .\n'.encode("cp1252"), "utf-8"),
    ("turtle-cp949-korean", PREFIX + 'ex:a ex:b "아산시" .\n'.encode("cp949"), "utf-8"),
    ("turtle-utf16", ('@prefix ex: <http://example.org/> .\nex:a ex:b "c" .\n').encode("utf-16"), "utf-8"),
    ("turtle-nul-byte", PREFIX + b"ex:a ex:b \x00 .\n", "turtle syntax error"),
    ("turtle-nul-in-iri", PREFIX + b"ex:a ex:b <http://e/\x00> .\n", "turtle syntax error"),
    ("turtle-huge-line-broken", PREFIX + b'ex:a ex:b "' + b"x" * 2_000_000 + b"\n", "turtle syntax error"),
    ("turtle-bad-escape", PREFIX + b'ex:a ex:b "\\q" .\n', "turtle syntax error"),
    ("turtle-space-in-iri", PREFIX + b"ex:a ex:b <http://e/a b> .\n", "turtle syntax error"),
    ("turtle-json-not-turtle", b'{"a": 1}\n', "turtle syntax error"),
    ("turtle-bom", b"\xef\xbb\xbf" + PREFIX + b'ex:a ex:b "c" .\n', "byte order mark"),
]


@pytest.mark.parametrize(("data", "needle"), [s[1:] for s in SYNTAX], ids=[s[0] for s in SYNTAX])
def test_a_broken_file_is_one_problem_naming_the_file(tmp_path: Path, data: bytes, needle: str) -> None:
    path = tmp_path / "broken.ttl"
    path.write_bytes(data)
    problem = check_syntax(path)
    assert problem is not None and problem.path == path
    assert needle in str(problem).casefold() and str(path) in str(problem)


ACCEPTED = [
    ("turtle-huge-line-ok", PREFIX + b'ex:a ex:b "' + b"x" * 2_000_000 + b'" .\n'),
    ("turtle-crlf", PREFIX.replace(b"\n", b"\r\n") + b'ex:a ex:b "c" .\r\n'),
    ("turtle-empty-file", b""),
    ("turtle-only-comments", b"# nothing\n"),
    ("turtle-bidi-label", PREFIX + 'ex:a ex:b "\u202eevil" .\n'.encode()),
]


@pytest.mark.parametrize("data", [a[1] for a in ACCEPTED], ids=[a[0] for a in ACCEPTED])
def test_unusual_but_valid_turtle_parses(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "ok.ttl"
    path.write_bytes(data)
    assert check_syntax(path) is None


SPECIAL: list[tuple[str, Callable[[Path], None], str]] = [
    ("turtle-fifo", _fifo, "not a regular file"),
    ("turtle-symlink-loop", _loop, "cannot read"),
    ("turtle-directory-named-ttl", _dir, "not a regular file"),
    ("turtle-dangling-symlink", _dangling, "no such"),
]


@pytest.mark.parametrize(("make", "needle"), [s[1:] for s in SPECIAL], ids=[s[0] for s in SPECIAL])
def test_what_is_not_a_regular_file_is_reported_without_reading_it(
    tmp_path: Path, make: Callable[[Path], None], needle: str
) -> None:
    path = tmp_path / "x.ttl"
    make(path)
    result: list[object] = []
    worker = threading.Thread(target=lambda: result.append(check_syntax(path)), daemon=True)
    worker.start()
    worker.join(10)
    assert result, "check_syntax hung"
    assert needle in str(result[0]) and str(path) in str(result[0])


@pytest.mark.parametrize(
    ("make", "needle"), [s[1:] for s in SPECIAL], ids=[s[0] + "-in-folder" for s in SPECIAL]
)
def test_the_data_folder_refuses_what_is_not_a_regular_file(
    tmp_path: Path, make: Callable[[Path], None], needle: str
) -> None:
    (tmp_path / "good.ttl").write_bytes(PREFIX)
    make(tmp_path / "x.ttl")
    with pytest.raises(LoadError) as caught:
        data_files(tmp_path)
    assert str(tmp_path / "x.ttl") in str(caught.value)


def test_turtle_permission_denied(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads every file: permission denied cannot happen here")
    path = tmp_path / "secret.ttl"
    path.write_bytes(PREFIX)
    path.chmod(0)
    problem = check_syntax(path)
    assert problem is not None and "cannot read" in str(problem)


@pytest.mark.parametrize(
    "layout", ["empty", "only-other-files", "only-subfolders"], ids=lambda x: f"turtle-folder-{x}"
)
def test_a_data_folder_without_turtle_is_refused_by_name(tmp_path: Path, layout: str) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    if layout == "only-other-files":
        (folder / "notes.txt").write_text("x", encoding="utf-8")
    if layout == "only-subfolders":
        (folder / "sub").mkdir()
    with pytest.raises(LoadError) as caught:
        data_files(folder)
    assert str(folder) in str(caught.value) and "no .ttl file" in str(caught.value)


ILL = [
    ("literal-dotted-date", "2014.4.3", XSD.date),
    ("literal-fullwidth-date", "２０１４-０４-０３", XSD.date),
    ("literal-excel-serial-date", "41000", XSD.date),
    ("literal-impossible-date", "2014-02-30", XSD.date),
    ("literal-slash-date", "04/03/2014", XSD.date),
    ("literal-korean-date", "2014년 4월 3일", XSD.date),
    ("literal-date-with-space", " 2014-04-03", XSD.date),
    ("literal-word-integer", "twelve", XSD.integer),
    ("literal-float-integer", "12.0", XSD.integer),
    ("literal-negative-nonneg", "-1", XSD.nonNegativeInteger),
    ("literal-comma-decimal", "1,5", XSD.decimal),
    ("literal-yes-boolean", "yes", XSD.boolean),
    ("literal-bad-datetime", "yesterday at ten", XSD.dateTime),
    ("literal-bad-gyear", "14", XSD.gYear),
]


@pytest.mark.parametrize(("lexical", "datatype"), [i[1:] for i in ILL], ids=[i[0] for i in ILL])
def test_ill_typed_literals_are_recognised(lexical: str, datatype: str) -> None:
    assert is_ill_typed(Literal(lexical, datatype=datatype))


@pytest.mark.parametrize(
    ("lexical", "datatype"),
    [
        ("2014-04-03", XSD.date),
        ("12", XSD.integer),
        ("1.5", XSD.decimal),
        ("true", XSD.boolean),
        ("2014", XSD.gYear),
    ],
    ids=lambda v: f"literal-well-typed-{v}" if isinstance(v, str) else "",
)
def test_well_typed_literals_pass(lexical: str, datatype: str) -> None:
    assert not is_ill_typed(Literal(lexical, datatype=datatype))


ILL_FILE = """@prefix event: <https://w3id.org/asan-kg/id/event/> .
@prefix schema: <https://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
event:2012-04-12-asan-council-to-rongcheng schema:startDate "2014.4.3"^^xsd:date .
event:2011-10-25-rongcheng-delegation-to-asan schema:startDate "２０１４-０４-０３"^^xsd:date .
event:2012-07-23-dongguan-trade-mission schema:endDate "41000"^^xsd:date .
"""


@pytest.mark.parametrize(
    "engine", ["oxigraph", "rdflib"], ids=["turtle-ill-typed-cli-oxigraph", "turtle-ill-typed-cli-rdflib"]
)
def test_validate_reports_ill_typed_literals_with_file_and_line(tmp_path: Path, engine: str) -> None:
    extra = tmp_path / "ill.ttl"
    extra.write_text(ILL_FILE, encoding="utf-8")
    before = digest([extra])
    result = run("validate", "--engine", engine, "--extra", extra, cwd=tmp_path, timeout=120)
    check(result, 1, f"{extra}:4:", f"{extra}:5:", f"{extra}:6:", "not a valid xsd:date")
    assert "Failed to convert" not in result.err and result.err.strip() == ""
    assert digest([extra]) == before


def test_validate_on_a_folder_with_a_fifo_and_a_folder_named_ttl_does_not_hang(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "good.ttl").write_bytes(PREFIX)
    os.mkfifo(data / "pipe.ttl")
    (data / "dir.ttl").mkdir()
    result = run("validate", "--data", data, cwd=tmp_path, timeout=60)
    check(result, 2, str(data / "pipe.ttl"), str(data / "dir.ttl"), "not a regular file")


def test_validate_on_an_empty_folder_names_it(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    result = run("summary", "--data", data, cwd=tmp_path, timeout=60)
    check(result, 2, str(data), "no .ttl file")


def test_validate_with_broken_files_of_every_kind_reports_each(tmp_path: Path) -> None:
    extras = []
    for name, data, _needle in SYNTAX[:6]:
        path = tmp_path / f"{name}.ttl"
        path.write_bytes(data)
        extras += ["--extra", str(path)]
    result = run("validate", *extras, cwd=tmp_path, timeout=60)
    check(result, 2, *(f"{name}.ttl:" for name, _d, _n in SYNTAX[:6]))
