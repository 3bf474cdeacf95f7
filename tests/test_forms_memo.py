"""A saved query's form (query or update) is parsed once, then read back: parsing costs about
0.25 s, as long as the rest of a small query."""

from __future__ import annotations

from pathlib import Path

import pytest

from asan_kg.sparql import forms

SELECT = "SELECT ?s WHERE { ?s ?p ?o }"
UPDATE = "PREFIX select: <http://example.org/> INSERT DATA { select:a select:b select:c }"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ASAN_KG_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("ASAN_KG_NO_CACHE", raising=False)
    return tmp_path / "cache"


def _no_parse(text: str, source: str = "") -> forms.Form:
    raise AssertionError(f"parsed again: {text}")


def test_a_form_once_parsed_is_read_back_without_parsing(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert forms.classify(SELECT) == "SELECT"
    assert forms.classify(UPDATE) == "UPDATE"
    monkeypatch.setattr(forms, "parse_form", _no_parse)
    assert forms.classify(SELECT) == "SELECT"
    assert forms.classify(UPDATE) == "UPDATE"
    kept = list((cache / "forms").iterdir())
    assert len(kept) == 2 and all(p.stat().st_mode & 0o777 == 0o644 for p in kept)


def test_a_changed_text_is_parsed_again(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    forms.classify(SELECT)
    monkeypatch.setattr(forms, "parse_form", _no_parse)
    with pytest.raises(AssertionError, match="parsed again"):
        forms.classify(SELECT + " LIMIT 1")


def test_errors_are_never_kept(cache: Path) -> None:
    for _ in range(2):
        with pytest.raises(forms.FormError, match=r"my\.rq: not a SPARQL query or update"):
            forms.classify("SELEC ?s WHERE { ?s ?p ?o }", "my.rq")
    assert not (cache / "forms").exists()


def test_a_damaged_kept_form_is_parsed_again(cache: Path) -> None:
    forms.classify(UPDATE)
    (kept,) = (cache / "forms").iterdir()
    kept.write_text("SELECT\x00junk", encoding="utf-8")
    assert forms.classify(UPDATE) == "UPDATE"
    assert kept.read_text(encoding="ascii") == "UPDATE"


def test_no_cache_parses_every_time(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASAN_KG_NO_CACHE", "1")
    forms.classify(SELECT)
    assert not (cache / "forms").exists()
    monkeypatch.setattr(forms, "parse_form", _no_parse)
    with pytest.raises(AssertionError, match="parsed again"):
        forms.classify(SELECT)


def test_an_unwritable_cache_folder_still_answers(cache: Path, tmp_path: Path) -> None:
    cache.parent.mkdir(exist_ok=True)
    cache.write_text("not a folder", encoding="utf-8")
    assert forms.classify(SELECT) == "SELECT"
