"""Files we write: atomic (a kill mid-write leaves the old file or none, never half of one), mode
0644 for new files and the old mode kept, symlinks kept, writers serialized by a lock; cells that
a spreadsheet would run guarded in every CSV/TSV we write; one slug, distinct for distinct names."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from asan_kg.core.files import atomic_write_text, file_lock
from asan_kg.core.text import formula_safe, slugify, unformula
from asan_kg.sparql.formats import plain_table, to_csv, to_tsv
from asan_kg.store.embedded import ResultTable

pytestmark = pytest.mark.adversarial

KILL = """
import sys, time
from pathlib import Path
from asan_kg.core.files import atomic_writer
with atomic_writer(Path(sys.argv[1])) as handle:
    handle.write("partial " * 1000)
    handle.flush()
    print("writing", flush=True)
    time.sleep(30)
    handle.write("end")
"""


@pytest.mark.parametrize(
    "existing", [True, False], ids=["files-kill-mid-write-replacing", "files-kill-mid-write-new"]
)
def test_a_kill_mid_write_leaves_no_partial_file(tmp_path: Path, existing: bool) -> None:
    target = tmp_path / "out.ttl"
    if existing:
        target.write_text("old\n", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-c", KILL, str(target)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "writing"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    if existing:
        assert target.read_text(encoding="utf-8") == "old\n"
    else:
        assert not target.exists()
    # the temporary sibling of a killed writer is hidden (dot-file) and never the target itself
    assert all(p.name.startswith(".") for p in tmp_path.iterdir() if p != target)


@pytest.mark.parametrize(
    "umask", [0o022, 0o077, 0o002], ids=["files-umask-022", "files-umask-077", "files-umask-002"]
)
def test_new_files_are_0644_whatever_the_umask(tmp_path: Path, umask: int) -> None:
    old = os.umask(umask)
    try:
        atomic_write_text(tmp_path / "new.ttl", "x\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.ttl").stat().st_mode) & 0o600 == 0o600


@pytest.mark.parametrize(
    "mode", [0o600, 0o664, 0o640], ids=["files-keep-mode-600", "files-keep-mode-664", "files-keep-mode-640"]
)
def test_a_replaced_file_keeps_its_mode(tmp_path: Path, mode: int) -> None:
    target = tmp_path / "x.ttl"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(mode)
    atomic_write_text(target, "new\n")
    assert stat.S_IMODE(target.stat().st_mode) == mode


def test_files_write_through_a_symlink_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real.ttl"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.ttl"
    link.symlink_to(real.name)
    atomic_write_text(link, "new\n")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new\n"


def test_files_lock_serializes_writers(tmp_path: Path) -> None:
    target = tmp_path / "x.ttl"
    order: list[str] = []

    def writer(name: str) -> None:
        with file_lock(target):
            order.append(f"{name}-in")
            time.sleep(0.2)
            order.append(f"{name}-out")

    threads = [threading.Thread(target=writer, args=(n,)) for n in "ab"]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert order[0][0] == order[1][0] and order[2][0] == order[3][0]
    lock = tmp_path / ".x.ttl.lock"
    assert stat.S_IMODE(lock.stat().st_mode) & 0o644 == 0o644


FORMULAS = [
    "=1+1", "=HYPERLINK(\"http://evil\")", "=cmd|' /C calc'!A0", "+A1", "-1+2", "@SUM(A1)", "\t=1", "\r=1",
    "＝1+1", "＋1", "－1", "＠A1",
]  # fmt: skip


@pytest.mark.parametrize("cell", FORMULAS, ids=[f"files-formula-{i}" for i in range(len(FORMULAS))])
def test_formula_leads_are_guarded_and_read_back(cell: str) -> None:
    safe = formula_safe(cell)
    assert isinstance(safe, str) and safe.startswith("'") and unformula(safe) == cell


@pytest.mark.parametrize(
    "cell", ["-5", "+3.2", "1e5", "Asan", "'quoted", "", "a=b"], ids=lambda c: f"files-not-formula-{c!r}"
)
def test_plain_values_are_left_alone(cell: str) -> None:
    assert formula_safe(cell) == cell


HOSTILE_LABELS = ['=HYPERLINK("http://evil","x")', "@SUM(A1)", "+cmd", "-2+3"]


@pytest.mark.parametrize(
    "label", HOSTILE_LABELS, ids=[f"files-hostile-csv-{i}" for i in range(len(HOSTILE_LABELS))]
)
def test_sparql_csv_and_tables_guard_hostile_labels(label: str) -> None:
    table = ResultTable(["s", "label"], [(URIRef("http://e/a"), Literal(label))])
    for text in (
        to_csv(table),
        plain_table(["label"], [[label]], "csv"),
        plain_table(["label"], [[label]], "tsv"),
    ):
        assert all(
            not cell.startswith(("=", "@", "+", "-"))
            for line in text.splitlines()
            for cell in line.split(",")
        ), text
    for line in to_tsv(table).splitlines()[1:]:
        assert not line.split("\t")[1].startswith(("=", "@", "+", "-"))


SLUG_SETS = [
    ("files-slug-chinese", ["青岛", "大连", "烟台", "威海"]),
    ("files-slug-korean", ["아산", "천안", "서울"]),
    ("files-slug-japanese", ["東京", "大阪", "とうきょう"]),
    ("files-slug-arabic-cyrillic-greek", ["القاهرة", "Москва", "Αθήνα"]),
    ("files-slug-mixed", ["Xi'an 西安", "Xi'an 錫安", "Xi'an"]),
]


@pytest.mark.parametrize("names", [s[1] for s in SLUG_SETS], ids=[s[0] for s in SLUG_SETS])
def test_distinct_names_in_any_script_get_distinct_slugs(names: list[str]) -> None:
    slugs = [slugify(n) for n in names]
    assert len(set(slugs)) == len(names) and all(s and s != "x" for s in slugs)
    assert all(s == slugify(n) for s, n in zip(slugs, names, strict=True))  # stable


@pytest.mark.parametrize(
    ("name", "slug"),
    [("Košice", "kosice"), ("Łódź", "lodz"), ("São Paulo", "sao-paulo"), ("Straße", "strasse"), ("  ", "x")],
    ids=[
        "files-slug-kosice",
        "files-slug-lodz",
        "files-slug-sao-paulo",
        "files-slug-strasse",
        "files-slug-blank",
    ],
)
def test_latin_names_fold_to_readable_slugs(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_files_nfd_and_nfc_names_have_one_slug() -> None:
    import unicodedata

    assert slugify(unicodedata.normalize("NFD", "아산")) == slugify("아산")
