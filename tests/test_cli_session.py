"""The store options are declared once (``with_session``) and the language follows the locale."""

from __future__ import annotations

import inspect

import pytest
from typer.testing import CliRunner

from asan_kg.cli import app
from asan_kg.cli.common import Session, with_session
from asan_kg.render.i18n import default_lang

runner = CliRunner()


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "en"),
        ({"LANG": "ko_KR.UTF-8"}, "ko"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LC_MESSAGES": "ko_KR.UTF-8", "LANG": "en_US.UTF-8"}, "ko"),
        ({"LC_ALL": "C.UTF-8", "LANG": "ko_KR.UTF-8"}, "en"),
        ({"LC_ALL": "ko_KR.UTF-8", "ASAN_KG_LANG": "en"}, "en"),
        ({"LANG": "en_US.UTF-8", "ASAN_KG_LANG": "ko"}, "ko"),
    ],
)
def test_the_default_language_follows_asan_kg_lang_then_the_locale(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], expected: str
) -> None:
    for name in ("ASAN_KG_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert default_lang() == expected


def test_a_korean_locale_gives_korean_output(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ASAN_KG_LANG", raising=False)
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", "ko_KR.UTF-8")
    result = runner.invoke(app, ["summary"])
    assert result.exit_code == 0, result.output
    assert "국제교류 지식그래프 요약" in result.output  # the title in Korean


def test_with_session_declares_the_six_store_options_once() -> None:
    seen: list[Session] = []

    @with_session()
    def command(session: Session, limit: int = 3) -> None:
        seen.append(session)

    names = list(inspect.signature(command).parameters)
    assert names == ["data", "lang", "engine", "endpoint", "graph", "timeout", "limit"]
    command(data=None, lang="ko", engine="rdflib", endpoint=None, graph=None, timeout=5.0, limit=1)
    assert seen[0].lang == "ko" and seen[0].engine == "rdflib" and seen[0].timeout == 5.0

    @with_session(remote=False)
    def local(session: Session) -> None: ...

    assert list(inspect.signature(local).parameters) == ["data", "lang", "engine"]


def test_a_bad_option_is_refused_before_anything_is_loaded() -> None:
    result = runner.invoke(app, ["summary", "--lang", "fr", "--data", "/nonexistent"])
    assert result.exit_code == 2
    assert "--lang must be ko or en" in result.output


def test_store_options_work_through_the_decorator() -> None:
    result = runner.invoke(app, ["summary", "--engine", "rdflib", "--lang", "en"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["summary", "--graph", "urn:g"])
    assert result.exit_code == 2 and "--endpoint" in result.output


def test_a_command_called_directly_leaves_no_deadline_behind() -> None:
    from asan_kg.core import deadline

    test_with_session_declares_the_six_store_options_once()  # calls a command with timeout=5.0
    assert deadline._ARMED == []
