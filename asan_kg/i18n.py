"""Interface text in Korean and English. Korean first: the team in Asan reads Korean."""

from __future__ import annotations

import os
from typing import Literal

Lang = Literal["ko", "en"]
LANGS: tuple[Lang, ...] = ("ko", "en")

_TEXT: dict[str, dict[Lang, str]] = {
    "valid": {
        "ko": "검증 통과: {files}개 파일, 트리플 {triples}개, 위반 없음.",
        "en": "Valid: {files} files, {triples} triples, no violations.",
    },
    "invalid": {
        "ko": "검증 실패: 위반 {n}건 ({files}개 파일, 트리플 {triples}개).",
        "en": "Invalid: {n} violations ({files} files, {triples} triples).",
    },
    "parse_failed": {
        "ko": "읽을 수 없는 입력이 있습니다. 아래 표시된 파일과 줄을 고친 뒤 다시 실행하세요.",
        "en": "Some input cannot be read. Fix the files and lines shown below and run again.",
    },
    "summary_title": {"ko": "아산 국제교류 지식그래프 요약", "en": "Asan partnership graph: summary"},
    "fmt_changed": {"ko": "정규형으로 다시 씀: {path}", "en": "Rewritten in canonical form: {path}"},
    "fmt_needed": {
        "ko": "정규형이 아닙니다: {path} (asan-kg fmt 로 고치세요)",
        "en": "Not in canonical form: {path} (run asan-kg fmt)",
    },
    "fmt_ok": {"ko": "모든 파일이 정규형입니다 ({n}개).", "en": "All {n} files are in canonical form."},
}

SUMMARY_LABELS: dict[str, dict[Lang, str]] = {
    "sister_cities": {"ko": "자매결연 도시", "en": "Sister cities"},
    "friendship_cities": {"ko": "우호협력 도시", "en": "Friendship cities"},
    "partnerships": {"ko": "협정(기관 간 포함)", "en": "Agreements (incl. organization-level)"},
    "countries": {"ko": "상대 국가", "en": "Partner countries"},
    "activities": {"ko": "항목별 교류 활동", "en": "Itemized exchange activities"},
    "organizations": {"ko": "기관", "en": "Organizations"},
    "persons": {"ko": "인물", "en": "Persons"},
    "observations": {"ko": "통계 관측값", "en": "Statistics observations"},
    "findings": {"ko": "보고서의 판단·개선 과제", "en": "Report findings and recommendations"},
    "readings": {"ko": "편집자 판독", "en": "Editorial readings"},
    "triples": {"ko": "트리플", "en": "Triples"},
}


def default_lang() -> Lang:
    """``ASAN_KG_LANG`` if set to ko or en, else Korean."""
    value = os.environ.get("ASAN_KG_LANG", "ko")
    return "en" if value == "en" else "ko"


def t(key: str, lang: Lang, **values: object) -> str:
    return _TEXT[key][lang].format(**values)
