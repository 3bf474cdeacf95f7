"""Everything one run shows, computed once: the analyses and the query tables that pages need,
from one store behind a per-run memo. ``build``, ``report`` and ``network`` hand a ``Results``
to ``asan_kg.render``, which therefore never reads the store itself, and no saved query runs
twice with the same bindings in one run.
"""

from __future__ import annotations

import functools
from typing import Any

import networkx as nx

from asan_kg.analysis import concentration, dormancy, dormancy_inputs, evidence, network
from asan_kg.analysis.evidence import Date, Window
from asan_kg.sparql import querying
from asan_kg.sparql.memo import memoized
from asan_kg.sparql.querying import Store

__all__ = ["Results", "Store"]


class Results:
    """Analyses and tables of one store in one language, each computed on first use."""

    def __init__(self, store: Store, lang: str = "en") -> None:
        self.store = memoized(store)
        self.lang = lang
        self._dormancy: dict[tuple[Any, ...], dormancy.DormancyReport] = {}
        self._concentration: dict[tuple[Any, ...], concentration.Concentration] = {}
        self._other: dict[tuple[Any, ...], Any] = {}

    @classmethod
    def of(cls, source: Results | Store, lang: str) -> Results:
        """``source`` itself if it is a Results in ``lang``, else a new one over it (so a
        Python user may pass a store, and one run's results serve every page)."""
        if isinstance(source, Results):
            return source if source.lang == lang else cls(source.store, lang)
        return cls(source, lang)

    def rows(self, name: str, lang: bool = False, **params: Any) -> list[dict[str, Any]]:
        """A saved query's rows as dicts (``lang=True`` binds the run's language)."""
        if lang:
            params["lang"] = self.lang
        return querying.run(self.store, name, **params).text_records()

    @functools.cached_property
    def labels(self) -> dict[str, str]:
        return querying.labels(self.store, self.lang)

    @functools.cached_property
    def home(self) -> tuple[str, str]:
        """The home city (the home place of most partnerships): IRI and label, from the data."""
        rows = [r for r in self.rows("home-and-sources", lang=True) if str(r["kind"]) == "home"]
        if not rows:
            return "", ""
        return str(rows[0]["node"]), str(rows[0]["label"] or rows[0]["node"])

    @functools.cached_property
    def sources(self) -> list[str]:
        """The sources' labels, the most-cited (most sections) first."""
        rows = self.rows("home-and-sources", lang=True)
        return [str(r["label"] or r["node"]) for r in rows if str(r["kind"]) == "source"]

    def activities(self, window: Window | None = None) -> list[evidence.Activity]:
        """The itemized activities (overlapping ``window`` where given: the engine filters, so a
        page of one period does not read a national graph's every activity)."""
        key = ("activities", window)
        if key not in self._other:
            self._other[key] = evidence.activities(self.store, self.lang, window)
        return self._other[key]  # type: ignore[no-any-return]

    @functools.cached_property
    def network(self) -> nx.Graph:
        return network.load(self.store, self.lang).graph(self.labels)

    @functools.cached_property
    def network_unlabelled(self) -> nx.Graph:
        """The network with each node's IRI's last part for a label (``network`` where it is
        read already): for a page that reads the labels of the nodes it draws (``labels_of``)."""
        if "network" in self.__dict__:
            return self.network
        return network.load(self.store, self.lang).graph({})

    def network_of(self, period: Window) -> nx.Graph:
        """``network_unlabelled`` with only the activities of ``period`` (``activities``: the
        page of that period draws no other; the whole network where it is read already)."""
        if "network" in self.__dict__ or "network_unlabelled" in self.__dict__:
            return self.network_unlabelled
        key = ("network", period)
        if key not in self._other:
            named = [a.iri for a in self.activities(period)]
            self._other[key] = network.load(self.store, self.lang, named).graph({})
        return self._other[key]

    def labels_of(self, nodes: list[str]) -> dict[str, str]:
        """Node -> label for ``nodes`` that have one (as in ``labels``), without reading every label
        where they are not read already."""
        if "labels" in self.__dict__:
            return {v: self.labels[v] for v in nodes if v in self.labels}
        return network.node_labels(self.store, sorted(set(nodes)), self.lang)

    @functools.cached_property
    def as_of(self) -> Date:
        """The default as-of date: the end of the period the sources cover."""
        return evidence.default_as_of(self.store)

    def dormancy(
        self, window: Window | None = None, partnerships: frozenset[str] | None = None, **options: Any
    ) -> dormancy.DormancyReport:
        """The verdicts as of the default date, or for an explicit window (the network's period);
        in a window, for ``partnerships`` only (a page's drawn ties, ``dormancy_ties``) unless
        every verdict is computed already."""
        key = (window, tuple(sorted(options.items())))
        if window is not None and partnerships is not None and key not in self._dormancy:
            some = (*key, partnerships)
            if some not in self._dormancy:
                self._dormancy[some] = dormancy.assess_window(
                    self.store,
                    window,
                    lang=self.lang,
                    partnerships=partnerships,
                    inputs=self._dormancy_inputs(),
                    **options,
                )
            return self._dormancy[some]
        if key not in self._dormancy:
            if window is None:
                self._dormancy[key] = dormancy.assess(self.store, lang=self.lang, **options)
            else:
                self._dormancy[key] = dormancy.assess_window(self.store, window, lang=self.lang, **options)
        return self._dormancy[key]

    def dormancy_ties(self) -> list[dormancy_inputs.Tie]:
        """The ties that get a verdict of their own (``dormancy.kept_ties``), once per run."""
        key = ("dormancy-ties",)
        if key not in self._other:
            self._other[key] = dormancy.kept_ties(self.store, self.lang, self._dormancy_inputs())
        return self._other[key]  # type: ignore[no-any-return]

    def _dormancy_inputs(self) -> dormancy_inputs.Inputs:
        """What every dormancy verdict reads, whatever the window: read once for the page's ties
        and again for its drawn ones would convert a national graph's ties twice."""
        key = ("dormancy-inputs",)
        if key not in self._other:
            self._other[key] = dormancy_inputs.read(self.store, self.lang)
        return self._other[key]  # type: ignore[no-any-return]

    def health(self, as_of: Date | None = None, partnerships: frozenset[str] | None = None) -> Any:
        """The partnership-health indicators (``analysis.health``), once per run, as of the same
        default date as the verdicts (so the report and the network page share one computation);
        for ``partnerships`` only (a page's drawn ties) unless every tie is computed already."""
        as_of = as_of or self.as_of
        key = ("health", as_of)
        if key in self._other or partnerships is None:
            if key not in self._other:
                from asan_kg.analysis import health

                self._other[key] = health.assess(self.store, as_of=as_of, lang=self.lang)
            return self._other[key]
        some = ("health", as_of, partnerships)
        if some not in self._other:
            from asan_kg.analysis import health

            self._other[some] = health.assess(
                self.store, as_of=as_of, lang=self.lang, partnerships=partnerships
            )
        return self._other[some]

    def concentration(
        self, by: str, from_: Date | None = None, to: Date | None = None
    ) -> concentration.Concentration:
        key = (by, from_, to)
        if key not in self._concentration:
            self._concentration[key] = concentration.analyse(self.store, by, from_, to, self.lang)
        return self._concentration[key]

    def period(self, start: Date | None, end: Date | None, window_months: int) -> Window:
        """[start, end], by default the ``window_months`` months up to the as-of date."""
        as_of = end or self.as_of
        first = start or evidence.months_before(as_of, window_months)
        if first > as_of:
            raise evidence.WindowError(f"the period ends ({as_of}) before it starts ({first})")
        return Window(first, as_of)
