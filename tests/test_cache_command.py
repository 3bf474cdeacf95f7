"""``asan-kg cache``: what the cache folder holds, and removing all of it or its old part, with
nothing lost (the next run builds what it needs again) and nothing touched outside its entries."""

from __future__ import annotations

import os
import time
from pathlib import Path

from tests.remote_helpers import keyed_data, run_cli

DAY = 86400.0


def _cache(cache: Path, *args: str) -> tuple[int, str, str]:
    done = run_cli("cache", *args, env={"ASAN_KG_CACHE_DIR": str(cache)})
    return done.code, done.stdout, done.stderr


def _entry(path: Path, age_days: float, folder: bool = False) -> Path:
    target = path / "data" if folder else path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(b"x" * 1000)
    stamp = time.time() - age_days * DAY
    os.utime(path, (stamp, stamp))
    return path


def test_the_cache_lists_the_answers_a_run_kept_and_a_cleared_cache_answers_the_same(tmp_path: Path) -> None:
    data = keyed_data(tmp_path / "data")
    env = {"ASAN_KG_CACHE_DIR": str(tmp_path / "cache")}
    first = run_cli("dormant", "--data", str(data), "--format", "json", env=env, timeout=120)
    code, listed, _ = _cache(tmp_path / "cache")
    answers = next(line for line in listed.splitlines() if "Query answers" in line)
    assert code == 0 and int(answers.split("│")[2]) > 0 and str(tmp_path / "cache") in listed
    code, said, _ = _cache(tmp_path / "cache", "--clear")
    assert code == 0 and "Removed" in said
    assert not list((tmp_path / "cache" / "answers").rglob("*.tsv"))
    again = run_cli("dormant", "--data", str(data), "--format", "json", env=env, timeout=120)
    assert again.code == first.code == 0 and again.stdout == first.stdout


def test_older_than_removes_only_what_was_written_before_and_nothing_but_entries(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    old = [
        _entry(cache / "stores" / "k-old", 40, folder=True),
        _entry(cache / "answers" / "ab" / "ab-old.tsv", 40),
        _entry(cache / "dumps" / "k-old-inputs.tail.json", 40),
        _entry(cache / "forms" / "f-old", 40),
    ]
    new = [
        _entry(cache / "stores" / "k-new", 1, folder=True),
        _entry(cache / "answers" / "ab" / "ab-new.tsv", 1),
    ]
    others = [
        _entry(cache / "stores" / ".building-abc", 40, folder=True),  # a running command's
        _entry(cache / "grlc-1.3.11" / "bin" / "grlc", 40),  # not an entry of ours
    ]
    outside = _entry(tmp_path / "outside" / "keep.txt", 40)
    (cache / "forms" / "link").symlink_to(outside.parent)
    os.utime(cache / "forms" / "link", (time.time() - 40 * DAY,) * 2, follow_symlinks=False)
    code, said, err = _cache(cache, "--older-than", "30")
    assert code == 0, err
    assert "Removed 5 entries" in said  # four old entries and the link itself
    assert not any(p.exists() for p in old) and all(p.exists() for p in [*new, *others, outside])
    assert not (cache / "forms" / "link").is_symlink()


def test_clear_and_older_than_together_are_refused_in_one_sentence(tmp_path: Path) -> None:
    code, _, err = _cache(tmp_path / "cache", "--clear", "--older-than", "3")
    assert code == 2 and "--clear and --older-than exclude each other" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_the_cache_speaks_korean(tmp_path: Path) -> None:
    code, said, _ = _cache(tmp_path / "cache", "--lang", "ko")
    assert code == 0 and "캐시 폴더" in said and "질의 결과" in said
