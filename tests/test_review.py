"""Review decisions as data and the dossier a council meeting reads, asked as users ask them."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from asan_kg.analysis import health, reviews
from asan_kg.core import resources
from asan_kg.store.embedded import KnowledgeGraph

runner = CliRunner()
HEADER_KO = "교류 관계 식별자,검토일(YYYY-MM-DD),결정(유지/재정립/잠정 중단/종료),이유(한글),이유(영문),결정 주체(한글),결정 주체(영문),다음 검토일(YYYY-MM-DD),출처"


def _app() -> Any:
    from asan_kg.cli import app

    return app


@pytest.fixture(scope="module")
def dossiers(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("reviews")
    result = runner.invoke(_app(), ["review", "--out", str(out), "--lang", "ko"])
    assert result.exit_code == 0, result.output
    return out


def test_the_dormant_and_low_ties_get_a_dossier(dossiers: Path) -> None:
    names = {p.stem for p in dossiers.glob("*.html")}
    # Rongcheng: "2012년 이후 상호교류 중단"; Osh and Mwanza: nothing in 2012–2014; Tyler: 1 in three years
    assert {"asan-rongcheng", "asan-osh", "asan-mwanza", "asan-tyler"} <= names
    assert "asan-dongguan" not in names
    assert {p.stem for p in dossiers.glob("*.md")} == names


def test_the_rongcheng_dossier_quotes_the_reports_own_words(dossiers: Path) -> None:
    for suffix in (".html", ".md"):
        text = (dossiers / f"asan-rongcheng{suffix}").read_text(encoding="utf-8")
        assert "2012년 이후 상호교류 중단 상태" in text
        assert "관계 재정립" in text
        assert text.index("교류 관계 검토 자료") < text.index("Partnership review dossier")  # Korean first
        assert "2012-04-13" in text  # the longest gap starts when the council delegation came home


def test_the_dossier_is_self_contained_and_printable(dossiers: Path) -> None:
    html = (dossiers / "asan-rongcheng.html").read_text(encoding="utf-8")
    assert "<script" not in html and "src=" not in html
    assert "default-src 'none'" in html and "@media print" in html
    assert html.count("<svg") == 2  # the timeline, in each language
    assert "☐" in html  # the empty decision form


def _data_with(tmp_path: Path, ttl: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(resources.data_dir(), data)
    shutil.copy(ttl, data / ttl.name)
    return data


def _import(tmp_path: Path, rows: list[str]) -> tuple[Any, Path]:
    sheet = tmp_path / "reviews.csv"
    sheet.write_text("\ufeff" + "\n".join([HEADER_KO, *rows]) + "\n", encoding="utf-8")
    into = tmp_path / "reviews-2015.ttl"
    return runner.invoke(_app(), ["import-reviews", str(sheet), "--into", str(into), "--lang", "en"]), into


def test_a_review_decision_from_a_spreadsheet_is_in_the_graph_with_its_provenance_and_in_the_next_dossier(
    tmp_path: Path,
) -> None:
    result, into = _import(
        tmp_path,
        [
            "asan-rongcheng,2015-03-10,재정립,의료·관광 교류 계획을 세워 다시 시작,Restart with a medical and tourism plan,"
            "아산시 국제교류위원회,Asan International Exchange Committee,2015-06-30,2015년 1차 위원회 회의록",
            "asan-osh,2015-03-10,종료,10년간 교류 기록 없음,No exchange recorded in ten years,"
            "아산시 국제교류위원회,Asan International Exchange Committee,,",
        ],
    )
    assert result.exit_code == 0, result.output
    kg = KnowledgeGraph.load(_data_with(tmp_path, into))
    past = reviews.past_reviews(kg, "en")
    (rongcheng,) = past["https://w3id.org/asan-kg/id/partnership/asan-rongcheng"]
    assert rongcheng.decision == "re-establish" and rongcheng.next_review is not None
    assert rongcheng.source_label == "reviews.csv reviews row 2"  # provenance to file and row
    assert rongcheng.decided_by_label == "Asan International Exchange Committee"
    ended = health.assess(kg).tie("asan-osh")
    assert str(ended.ended_on) == "2015-03-10"

    out = tmp_path / "dossiers"
    result = runner.invoke(
        _app(),
        ["review", "--data", str(tmp_path / "data"), "--as-of", "2015-07-01", "--all", "--out", str(out)],
    )
    assert result.exit_code == 0, result.output
    text = (out / "asan-rongcheng.md").read_text(encoding="utf-8")
    assert "의료·관광 교류 계획을 세워 다시 시작" in text and "reviews.csv" in text
    assert "다음 검토일(2015-06-30)이 지남" in text  # the review date has passed by 2015-07-01
    osh = (out / "asan-osh.md").read_text(encoding="utf-8")
    assert "P582" in osh and "Q42114" in osh and "Q47282" in osh  # Asan P190 Osh, end time 2015-03-10


def test_the_imported_reviews_pass_validation(tmp_path: Path) -> None:
    result, into = _import(
        tmp_path,
        [
            "asan-tyler,2015-03-10,continue,,Keep the education exchange,대외협력팀,External Cooperation Team,2016-03-10,"
        ],
    )
    assert result.exit_code == 0, result.output
    validated = runner.invoke(_app(), ["validate", "--extra", str(into)])
    assert validated.exit_code == 0, validated.output


def test_a_bad_review_row_is_reported_with_row_and_column_and_nothing_is_written(tmp_path: Path) -> None:
    result, into = _import(
        tmp_path,
        ["asan-atlantis,2015-02-30,maybe,,,,,,"],
    )
    assert result.exit_code == 1
    assert "row 2, column 'partnership'" in result.output
    assert "column 'date'" in result.output and "column 'decision'" in result.output
    assert not into.exists()


def test_the_review_template_has_korean_headers(tmp_path: Path) -> None:
    result = runner.invoke(_app(), ["review-template", "--out", str(tmp_path), "--lang", "ko"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "reviews.csv").read_text(encoding="utf-8-sig").startswith("교류 관계 식별자,")
