"""Write the network view as one self-contained, offline HTML page, rendered by pyvis.

The view becomes a pyvis ``Network`` (nodes, edges and vis-network options) and pyvis renders it
(``Network.generate_html``) through our own template, ``templates/network.html.j2``, from our
own autoescaping Jinja environment: pyvis' template loads Bootstrap and, in some modes,
vis-network from CDNs, and does not escape labels. Our page inlines vis-network from the pyvis
package instead, loads nothing else, and forbids every request with a Content-Security-Policy.
Graph data is embedded as JSON with ``<``, ``>`` and ``&`` escaped, so a label cannot close the
script; tooltips and the details panel are set as text, never as HTML.
"""

from __future__ import annotations

import json
from importlib import resources as importlib_resources
from typing import Any

from markupsafe import Markup
from pyvis.network import Network

from asan_kg import __version__
from asan_kg.render.i18n import Lang, t
from asan_kg.render.jinja import environment
from asan_kg.render.palette import STATUS_COLORS
from asan_kg.render.view import View

VIS = "lib/vis-9.1.2"
TEMPLATE = "network.html.j2"


def safe_json(value: Any) -> Markup:
    """JSON that is safe inside <script>: no '<', '>' or '&' survives literally."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(text)


def vis_assets() -> tuple[str, str]:
    """vis-network's JavaScript and CSS as shipped inside the pyvis package."""
    base = importlib_resources.files("pyvis") / VIS
    js = (base / "vis-network.min.js").read_text(encoding="utf-8")
    css = (base / "vis-network.css").read_text(encoding="utf-8")
    if "</script" in js.lower() or "</style" in css.lower():
        raise RuntimeError("vis-network assets cannot be inlined safely")
    return js, css


def pyvis_network(view: View, lang: Lang) -> Network:
    """The view as a pyvis ``Network``: nodes and edges added in bulk (pyvis' add_node and
    add_edge scan every existing item, which is quadratic), fixed positions, our options (physics
    off)."""
    net = Network(height="100%", width="100%", directed=False, heading=view.title, cdn_resources="in_line")
    net.nodes = [dict(n) for n in view.nodes]
    net.edges = [dict(e) for e in view.edges]
    net.node_ids = [n["id"] for n in view.nodes]
    net.options = options(lang)
    return net


def options(lang: Lang) -> dict[str, Any]:
    font = '"Noto Sans CJK KR", "Noto Sans KR", "Malgun Gothic", sans-serif'
    return {
        "physics": {"enabled": False},
        "layout": {"randomSeed": 7, "improvedLayout": False},
        "interaction": {"hover": True, "tooltipDelay": 150, "navigationButtons": False, "keyboard": True},
        "nodes": {"font": {"face": font, "size": 16, "color": "#263238"}, "borderWidth": 1},
        "edges": {
            "smooth": {"enabled": True, "type": "curvedCW", "roundness": 0.12},
            "font": {
                "face": font,
                "size": 14,
                "align": "middle",
                "color": "#616161",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
            },
        },
    }


def render(view: View) -> str:
    """The page: pyvis renders the network through ``network.html.j2``; everything the template
    needs beyond pyvis' own variables is given as globals of our (autoescaping) environment."""
    lang: Lang = "ko" if view.lang == "ko" else "en"
    net = pyvis_network(view, lang)
    js, css = vis_assets()
    text = {
        key: t("page_" + key, lang)
        for key in ("status", "kind", "regions", "details", "click", "how_to_read", "counts")
    }
    data = {
        "nodes": net.nodes,
        "edges": net.edges,
        "options": net.options,
        "text": text,
        "counts": {"nodes": len(net.nodes), "edges": len(net.edges)},
    }
    dash_css = {
        key: ("none" if dash == "False" else dash.strip("[]").replace(" ", ""))
        for key, _l, dash in view.legend["kinds"]
    }
    env = environment()
    env.globals.update(
        view=view,
        lang=lang,
        version=__version__,
        vis_js=Markup(js),
        vis_css=Markup(css),
        data_json=safe_json(data),
        text=text,
        colors=STATUS_COLORS,
        dash_css=dash_css,
    )
    net.templateEnv = env
    net.path = TEMPLATE
    return str(net.generate_html())
