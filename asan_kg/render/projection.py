"""The projection of the partnership network that the page draws: cities, organizations,
people and activities of one period as a networkx multigraph with drawing attributes, built
from one run's analysis results (never from the store)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import networkx as nx

from asan_kg.analysis.dormancy import Verdict
from asan_kg.analysis.evidence import Window
from asan_kg.analysis.results import Results
from asan_kg.render import wording
from asan_kg.render.i18n import Lang, t
from asan_kg.render.layout import ordered_subgraph
from asan_kg.render.palette import HOME_COLOR, ORG_COLOR, OTHER_COLOR, PERSON_COLOR, REGION_COLORS
from asan_kg.vocab.prefixes import local_name
from asan_kg.vocab.terms import CITY_KINDS

if TYPE_CHECKING:
    from asan_kg.analysis.health import HealthReport, TieHealth

TOOLTIP_INDICATORS = ("recency", "intensity", "regularity", "reciprocity", "breadth", "depth")


def ego(view: nx.MultiGraph, focus: str, home: str) -> nx.MultiGraph:
    """The focus node and everything within two steps of it (not through the home city)."""
    if focus not in view:
        raise KeyError(focus)
    keep = {focus}
    frontier = {focus}
    for _ in range(2):
        frontier = {n for f in frontier if f != home or f == focus for n in view.neighbors(f)} - keep
        keep |= frontier
    return ordered_subgraph(view, keep)


class Projection:
    """The projection of the partnership network for one period: nodes and edges with the
    attributes the page draws, from one run's analysis results."""

    def __init__(self, results: Results, period: Window, home: str, layers: set[str]) -> None:
        self.lang: Lang = "ko" if results.lang == "ko" else "en"
        self.period, self.home, self.layers = period, home, layers
        self.graph = results.network_of(period)  # the period's activities only
        self._fallback: dict[str, str] = {}  # node -> its label where the labels name none
        # where each tie goes: its verdict is read once the view is reduced (``titles``)
        self.ties = {tie.iri: tie for tie in results.dormancy_ties()}
        groups = results.concentration("city", period.start, period.end).exchanges.groups
        self.city_counts = {g.key: g.count for g in groups}
        rows = results.rows("key-places")
        self.regions = {str(r["city"]): str(r["region"]) for r in rows if r["region"] is not None}
        keys = [r for r in results.rows("partnership-keys") if r["field"] is not None]
        self.labels = results.labels_of([*self.regions.values(), *(str(r["field"]) for r in keys)])
        self.focus_fields: dict[str, list[str]] = {}
        for row in keys:
            field = self.labels.get(str(row["field"]), "")
            self.focus_fields.setdefault(str(row["partnership"]), []).append(field)
        self.dates = {a.iri: a for a in results.activities(period)}  # the period's only
        self._results = results
        self._health: HealthReport | None = None
        self._ties: dict[str, TieHealth] = {}
        self.view = nx.MultiGraph()

    def assess_health(self, partnerships: frozenset[str] | None) -> None:
        """The ties' health, read once the view is reduced: for ``partnerships`` only (the
        drawn ones) where given, as decorating the edges needs, else for every tie."""
        self._health = self._results.health(self.period.end, partnerships)
        self._ties = {}
        for tie in self._health.ties:  # by IRI: the report's own look-up scans every tie
            self._ties.setdefault(tie.partnership, tie)

    @property
    def health(self) -> HealthReport:
        if self._health is None:
            self.assess_health(None)
        assert self._health is not None
        return self._health

    def tie(self, partnership: str) -> TieHealth:
        """The partnership's health (``HealthReport.tie``), found by its IRI at once."""
        report = self.health
        found = self._ties.get(partnership)
        return found if found is not None else report.tie(partnership)

    def add_node(self, node: str, **attrs: Any) -> None:
        if node not in self.view:
            self.view.add_node(node, **attrs)
            self._fallback.setdefault(node, attrs["label"])

    def label_drawn(self, view: nx.MultiGraph) -> None:
        """The labels of the nodes left in ``view`` (and of the activities its third-party ties
        name), read for those only: a national graph has tens of thousands of nodes, and the
        page draws at most ``max_nodes``."""
        nodes = [v for v in view if v in self._fallback]
        named = [d["activity"] for _a, _b, d in view.edges(data=True) if "activity" in d]
        found = self._results.labels_of([*nodes, *named])
        for v in nodes:
            label, data = found.get(v, self._fallback[v]), view.nodes[v]
            if data["kind"] == "activity":
                info = self.dates[v]
                data["label"], data["title"] = f"{info.start} {label}", f"{label}\n{info.start} – {info.end}"
            else:
                data["label"] = label
        for _a, _b, data in view.edges(data=True):
            if "activity" in data:
                act = data.pop("activity")
                data["title"] = found.get(act, self.graph.nodes[act]["label"])

    def org_node(self, org: str) -> None:
        label = self.graph.nodes[org]["label"]  # a placeholder until ``label_drawn``
        self.add_node(org, kind="organization", label=label, color=ORG_COLOR, size=12, shape="box")

    def city_node(self, city: str) -> None:
        count = self.city_counts.get(city, 0.0)
        region = self.regions.get(city, "")
        is_home = city == self.home
        self.add_node(
            city,
            kind="city",
            label=self.graph.nodes[city]["label"] if city in self.graph else city,
            color=HOME_COLOR if is_home else REGION_COLORS.get(local_name(region), OTHER_COLOR),
            region=self.labels.get(region, ""),
            exchanges=round(count, 2),
            size=30 if is_home else 10 + 4 * math.sqrt(count),
            shape="star" if is_home else "dot",
        )

    def _related(self, node: str, relation: str) -> list[str]:
        return sorted(
            n for n in self.graph.neighbors(node) if self.graph.edges[node, n]["relation"] == relation
        )

    def partnerships(self) -> None:
        """One edge per assessed partnership, between its cities (or its two bodies)."""
        for p in sorted(v for v in self.graph if self.graph.nodes[v]["kind"] == "partnership"):
            tie = self.ties.get(p)
            if tie is None:
                continue
            places, parties = self._related(p, "place"), self._related(p, "party")
            home_city = next((c for c in places if c != tie.partner), self.home)
            self.city_node(home_city)
            self.city_node(tie.partner)
            a, b = home_city, tie.partner
            if tie.kind not in CITY_KINDS and "orgs" in self.layers and len(parties) == 2:
                a, b = parties
                for org in parties:
                    self.org_node(org)
            self.view.add_edge(
                a,
                b,
                key=p,
                id=p,
                kind=tie.kind,
                kind_label=tie.kind_label,
                title=None,  # status, exchanges and title: for the edges drawn (``titles``)
                relation="partnership",
            )

    def titles(self, view: nx.MultiGraph, partnerships: frozenset[str] | None) -> None:
        """The status, exchanges and tooltip of each partnership edge left in ``view``, from the
        verdicts on ``partnerships`` (the drawn ties) where given, else on every tie: only those
        edges are drawn, and the reduction reads none of it."""
        self.report = self._results.dormancy(self.period, partnerships)
        verdicts = {v.partnership: v for v in self.report.verdicts}
        for _a, _b, data in view.edges(data=True):
            if data["relation"] == "partnership" and data["title"] is None:
                verdict = verdicts[data["id"]]
                data["status"] = verdict.status
                data["status_label"] = t("status_" + verdict.status, self.lang)
                data["exchanges"] = verdict.itemized_in_window + sum(r.unitemized for r in verdict.reported)
                data["title"] = self._tooltip(data["id"], verdict)

    def _tooltip(self, p: str, verdict: Verdict) -> str:
        lang = self.lang
        fields = ", ".join(sorted(self.focus_fields.get(p, []))) or "—"
        return "\n".join(
            [
                verdict.partnership_label,
                f"{t('v_kind', lang)}: {verdict.kind_label}",
                f"{t('v_signed', lang)}: {verdict.signed_on or '—'}",
                f"{t('v_fields', lang)}: {fields}",
                f"{t('v_last', lang)}: {verdict.last_activity or '—'}",
                f"{t('v_status', lang)}: {wording.status_text(verdict, lang)}",
                *wording.evidence_lines(verdict, self.report, lang),
                *self._indicators(p),
            ]
        )

    def _indicators(self, p: str) -> list[str]:
        """The tie's main health indicators, with the mark of what each rests on."""
        from asan_kg.render.wording import GRADE_MARK, fmt

        try:
            tie = self.tie(p)
        except KeyError:
            return []
        lines = []
        for code in TOOLTIP_INDICATORS:
            ind = tie.indicators[code]
            name = t("hl_ind_" + code, self.lang)
            lines.append(f"{name}: {fmt(ind)} {GRADE_MARK.get(ind.grade, '')}".rstrip())
        return lines

    def governing_bodies(self) -> None:
        for org in sorted(v for v in self.graph if self.graph.nodes[v]["kind"] == "organization"):
            for city in self._related(org, "governs"):
                if city in self.view:
                    self.org_node(org)
                    self.view.add_edge(
                        org, city, key=f"{org}|{city}", id=f"{org}|governs|{city}", relation="governs"
                    )

    def activities(self) -> None:
        """Activities of the period: drawn as nodes (layer ``activities``) or as the links they
        make between cities; their participants tied to them."""
        for act in sorted(
            a
            for a in self.graph
            if self.graph.nodes[a]["kind"] == "activity"
            and a in self.dates
            and self.period.overlaps(self.dates[a].start, self.dates[a].end)
        ):
            served = sorted({self.ties[p].partner for p in self.graph.neighbors(act) if p in self.ties})
            third = self._related(act, "third-party")
            anchors = self._activity_node(act, served, third) if "activities" in self.layers else served
            if "activities" not in self.layers:
                self._third_parties(act, served, third)
            self._participants(act, anchors)

    def _activity_node(self, act: str, served: list[str], third: list[str]) -> list[str]:
        self.add_node(
            act,
            kind="activity",
            label=self.graph.nodes[act]["label"],  # dated in ``label_drawn``
            color="#90a4ae",
            size=7,
            shape="diamond",
            title="",
        )
        for city in served + third:
            self.city_node(city)
            relation = "third-party" if city in third else "serves"
            self.view.add_edge(act, city, key=f"{act}|{city}", id=f"{act}|{city}", relation=relation)
        return [act]

    def _third_parties(self, act: str, served: list[str], third: list[str]) -> None:
        for city in third:  # e.g. a third city at a youth camp: drawn even without activities
            self.city_node(city)
            for partner in served:
                self.view.add_edge(
                    city,
                    partner,
                    key=f"{act}|{city}",
                    id=f"{act}|{city}|{partner}",
                    relation="third-party",
                    activity=act,  # its label is the title (``label_drawn``)
                )

    def _participants(self, act: str, anchors: list[str]) -> None:
        for who in self._related(act, "participant"):
            kind = self.graph.nodes[who]["kind"]
            if not (
                (kind == "person" and "people" in self.layers)
                or (kind == "organization" and "orgs" in self.layers)
            ):
                continue
            self.add_node(
                who,
                kind=kind,
                label=self.graph.nodes[who]["label"],
                color=PERSON_COLOR if kind == "person" else ORG_COLOR,
                size=8 if kind == "person" else 12,
                shape="dot" if kind == "person" else "box",
            )
            for anchor in anchors:
                if anchor != who and not self.view.has_edge(who, anchor):
                    self.view.add_edge(
                        who,
                        anchor,
                        key=f"{who}|{anchor}",
                        id=f"{who}|took-part|{anchor}",
                        relation="participant",
                    )

    def memberships(self) -> None:
        for person in sorted(v for v in self.graph if self.graph.nodes[v]["kind"] == "person"):
            for org in sorted(self.graph.neighbors(person)):
                if person in self.view and org in self.view and not self.view.has_edge(person, org):
                    self.view.add_edge(
                        person, org, key=f"{person}|{org}", id=f"{person}|member|{org}", relation="member"
                    )
