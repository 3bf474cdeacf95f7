"""Benchmark the network page: HTML size and time to first stable render in Chromium.

    python benchmarks/render.py [--triples 200000] [--repeat 3]
    python benchmarks/render.py --data /tmp/asan-kg-bench/1m-seed1 --no-whole   # run.py's data

Cases: the Asan graph; a synthetic national graph reduced to the default --max-nodes; and the
same drawn whole (about 10,000 nodes or more, activities included). Physics is off and positions
are computed beforehand, so the first drawing is the stable one: the page records
performance.now() at vis-network's first 'afterDrawing'. A benchmark, not a test.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate

from asan_kg.render import html_network
from asan_kg.render.view import build_view
from asan_kg.store.embedded import KnowledgeGraph

FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def first_render_ms(browser: object, path: Path, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        page = browser.new_page(viewport={"width": 1400, "height": 900})  # type: ignore[attr-defined]
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://") else r.abort())
        page.goto(path.as_uri())
        deadline = time.monotonic() + 120
        ready = None
        while ready is None and time.monotonic() < deadline:
            ready = page.evaluate("window.asanReady")
            time.sleep(0.02)
        if ready is None:
            raise RuntimeError(f"{path} never drew")
        times.append(float(ready))
        page.close()
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--triples", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--data", type=Path, help="national data already generated (a folder)")
    parser.add_argument("--no-whole", action="store_true", help="skip the unreduced national page")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="asan-render-"))
    national = args.data
    if national is None:
        national = work / "national"
        generate(args.triples, 1, national)
    cases = [
        ("asan", None, ("orgs", "people"), 1500),
        ("national, reduced", national, ("orgs", "people", "activities"), 1500),
    ]
    if not args.no_whole:
        cases.append(("national, whole", national, ("orgs", "people", "activities"), 1_000_000))
    print(f"{'case':<20} {'nodes':>7} {'edges':>7} {'build s':>8} {'HTML MB':>8} {'first render ms':>16}")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
        for name, data, include, max_nodes in cases:
            kg = KnowledgeGraph.load(data, cache=False)
            start = time.perf_counter()
            view = build_view(kg, include=include, max_nodes=max_nodes)
            html = html_network.render(view)
            built = time.perf_counter() - start
            path = work / f"{name.replace(' ', '_').replace(',', '')}.html"
            path.write_text(html, encoding="utf-8")
            ms = first_render_ms(browser, path, args.repeat)
            size = path.stat().st_size / 1e6
            print(
                f"{name:<20} {len(view.nodes):>7} {len(view.edges):>7} {built:>8.2f} {size:>8.2f} {ms:>16.0f}"
            )
        browser.close()


if __name__ == "__main__":
    main()
