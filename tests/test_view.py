"""The network view and pages, without a browser: counts, determinism, offline, escaping."""

from __future__ import annotations

import html.parser
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from asan_kg.core import resources
from asan_kg.render import html_network, report
from asan_kg.render.view import build_view
from asan_kg.store.embedded import KnowledgeGraph
from tests.conftest import FIXTURES


class _Refs(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.refs += [v or "" for k, v in attrs if k in ("src", "href", "action", "data")]


def _refs(text: str) -> list[str]:
    parser = _Refs()
    parser.feed(text)
    return parser.refs


def test_every_partnership_is_an_edge_and_every_partner_city_a_node(kg: KnowledgeGraph) -> None:
    view = build_view(kg, include=())
    partnerships = [e for e in view.edges if e["relation"] == "partnership"]
    # 13 agreements; the 3 that belong to a city tie are drawn with it and named in its tooltip
    assert len(partnerships) == 10
    dongguan = next(e for e in partnerships if e["id"].endswith("/asan-dongguan"))
    assert "Asan–Dongguan tourism cooperation agreement" in dongguan["title"]
    cities = {n["id"].rsplit("/", 1)[-1] for n in view.nodes}
    assert {"asan", "dongguan", "rongcheng", "miskolc", "mwanza", "osh", "wuppertal"} <= cities
    rongcheng = next(e for e in partnerships if e["id"].endswith("/asan-rongcheng"))
    assert rongcheng["status"] == "dormant" and rongcheng["color"] == "#9e9e9e" and rongcheng["dashes"]


def test_the_page_is_deterministic(kg: KnowledgeGraph) -> None:
    first = html_network.render(build_view(kg, lang="ko"))
    second = html_network.render(build_view(kg, lang="ko"))
    assert first == second


def test_the_pages_reference_nothing_outside_themselves(kg: KnowledgeGraph, tmp_path: Path) -> None:
    files = report.write(kg, tmp_path, "en")
    for path in (p for p in files if p.suffix == ".html"):
        text = path.read_text(encoding="utf-8")
        assert "Content-Security-Policy" in text
        assert all(ref in ("network.html",) for ref in _refs(text)), (path.name, _refs(text))
        assert "cdn.jsdelivr" not in text and "cdnjs" not in text and "unpkg" not in text


def test_a_hostile_label_cannot_close_the_script(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(resources.data_dir(), data)
    shutil.copy(FIXTURES / "xss" / "hostile-partner.ttl", data)
    kg = KnowledgeGraph.load(data)
    page = html_network.render(build_view(kg, include=("orgs", "people")))
    body = page.split('<script type="application/json" id="graph-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in body and ">" not in body  # the JSON carries \\u003c, never a raw tag
    assert "\\u003c/script\\u003e\\u003cscript\\u003ewindow.__xss=2" in body
    rep = report.render_html(report.build_report(kg, "en"))
    assert (
        "<b onmouseover" not in rep
        and "&lt;b onmouseover=&#34;window.__xss=3&#34;&gt;hostile&lt;/b&gt;" in rep
    )


def test_a_graph_too_large_to_read_is_reduced_and_says_so(kg: KnowledgeGraph) -> None:
    view = build_view(kg, include=("orgs", "people", "activities"), max_nodes=20)
    assert len(view.nodes) <= 20
    assert view.notes and any("activity" in n for n in view.notes)


def test_focus_draws_one_partners_ego_network(kg: KnowledgeGraph) -> None:
    view = build_view(
        kg, include=("orgs", "people", "activities"), focus="https://w3id.org/asan-kg/id/place/weifang"
    )
    ids = {n["id"].rsplit("/", 1)[-1] for n in view.nodes}
    assert "weifang" in ids and "2014-04-03-dongguan-weifang-trade-mission" in ids
    assert "rongcheng" not in ids and "kisumu" not in ids


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_report_markdown_has_the_tables(kg: KnowledgeGraph, lang: str) -> None:
    text = report.render_markdown(report.build_report(kg, lang))  # type: ignore[arg-type]
    assert text.count("\n|") > 40 and "&#39;" not in text and "&lt;" not in text
    assert ("휴면" if lang == "ko" else "dormant") in text


def test_a_reduced_page_is_the_same_file_whatever_python_s_string_hashing() -> None:
    # networkx's subgraph iterated the kept nodes as a set, so the reduced page's edges changed
    # ends (and the layout its positions) from one run to the next
    script = (
        "from asan_kg.render import html_network; from asan_kg.render.view import build_view; "
        "from asan_kg.store.embedded import KnowledgeGraph; import hashlib; kg = KnowledgeGraph.load(); "
        "v = build_view(kg, include=('orgs', 'people'), max_nodes=20); "
        "f = build_view(kg, focus='https://w3id.org/asan-kg/id/place/weifang'); "
        "print(hashlib.sha256((html_network.render(v) + html_network.render(f)).encode()).hexdigest())"
    )
    pages = {
        subprocess.run(
            [sys.executable, "-c", script],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(pages) == 1, pages
