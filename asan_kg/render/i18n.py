"""Interface text in Korean and English: the messages live in ``messages.toml`` (data, one
table per message), the language choice here."""

from __future__ import annotations

import functools
import os
import tomllib
from importlib import resources as importlib_resources
from typing import Literal

Lang = Literal["ko", "en"]
LANGS: tuple[Lang, ...] = ("ko", "en")  # Korean first, where a page shows both


@functools.cache
def _messages() -> dict[str, dict[str, str]]:
    """The interface text, read once from ``messages.toml`` beside this module."""
    table = importlib_resources.files("asan_kg.render") / "messages.toml"
    return tomllib.loads(table.read_text(encoding="utf-8"))


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
    """``ASAN_KG_LANG`` if set, else the system locale as command-line tools read it: the first
    set of ``LC_ALL``, ``LC_MESSAGES``, ``LANG``; Korean when it starts with ``ko``
    (``ko_KR.UTF-8``), else English."""
    chosen = os.environ.get("ASAN_KG_LANG")
    if chosen:
        return "ko" if chosen == "ko" else "en"
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        locale = os.environ.get(variable)
        if locale:
            return "ko" if locale.lower().startswith("ko") else "en"
    return "en"


def t(key: str, lang: Lang, **values: object) -> str:
    text = _messages()[key][lang]
    return text.format(**values) if values else text
