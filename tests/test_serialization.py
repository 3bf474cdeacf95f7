"""Round trip and deterministic serialization, so graph_data/ diffs stay reviewable."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from asan_kg.core import resources
from asan_kg.core.files import atomic_write_text
from asan_kg.store.canonical import canonical_file_text, canonical_turtle
from tests.conftest import ROOT

DATA_FILES = resources.data_files()


def test_there_is_data_to_check() -> None:
    assert len(DATA_FILES) >= 8


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.name)
def test_every_data_file_is_in_canonical_form(path: Path) -> None:
    assert path.read_text(encoding="utf-8") == canonical_file_text(path), f"run: asan-kg fmt {path}"


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.name)
def test_serialized_and_parsed_again_the_graph_is_isomorphic(path: Path) -> None:
    original = Graph().parse(path, format="turtle")
    again = Graph().parse(data=canonical_turtle(original), format="turtle")
    assert len(original) > 0
    assert isomorphic(original, again)


def test_data_has_no_blank_nodes_so_order_cannot_depend_on_parse_ids() -> None:
    for path in DATA_FILES:
        assert "_:" not in path.read_text(encoding="utf-8") and "[" not in path.read_text(encoding="utf-8"), (
            path
        )


def test_two_processes_with_different_hash_seeds_write_the_same_text(tmp_path: Path) -> None:
    code = (
        "import sys; from pathlib import Path; from asan_kg.store.canonical import canonical_file_text;"
        "sys.stdout.buffer.write(''.join(canonical_file_text(p) for p in sorted(Path('graph_data').glob('*.ttl'))).encode())"
    )
    outputs = []
    for seed in ("1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run([sys.executable, "-c", code], capture_output=True, cwd=ROOT, env=env, check=True)
        outputs.append(run.stdout)
    assert outputs[0] == outputs[1] and len(outputs[0]) > 10_000


def test_atomic_write_leaves_the_old_file_when_writing_fails(tmp_path: Path) -> None:
    target = tmp_path / "out.ttl"
    target.write_text("old\n", encoding="utf-8")

    with pytest.raises(TypeError):
        atomic_write_text(target, 42)  # type: ignore[arg-type]
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.ttl"]  # no temporary file left behind
