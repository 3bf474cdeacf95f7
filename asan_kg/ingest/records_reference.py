"""What imported records may point to: the existing graph's cities, countries, parties,
partnerships, activities and vocabulary values, read through saved queries."""

from __future__ import annotations

from dataclasses import dataclass, field

from asan_kg.core.text import nfc
from asan_kg.sparql import querying
from asan_kg.sparql.querying import Store
from asan_kg.vocab.namespaces import ID, VOCAB
from asan_kg.vocab.prefixes import local_name

SCHEMES = {
    "kind": "partnership-kinds",
    "field": "exchange-fields",
    "type": "activity-types",
    "direction": "directions",
    "region": "world-regions",
}
ORGANIZATIONS = ID + "organization/"


@dataclass
class Reference:
    """What the records may point to: the existing graph's cities, countries, parties, ties."""

    texts: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    concepts: dict[str, dict[str, str]] = field(default_factory=dict)
    cities: dict[tuple[str, str], str] = field(default_factory=dict)
    countries: dict[str, str] = field(default_factory=dict)
    parties: dict[str, str] = field(default_factory=dict)
    partnerships: set[str] = field(default_factory=set)
    activities: dict[tuple[frozenset[str], str, str], str] = field(default_factory=dict)

    @classmethod
    def of(cls, store: Store) -> Reference:
        ref = cls()
        for row in querying.run(store, "node-texts").dicts():
            ref.texts.setdefault(str(row["node"]), {}).setdefault(str(row["key"]), []).append(
                nfc(str(row["value"]))
            )
        for node, texts in ref.texts.items():
            for name, scheme in SCHEMES.items():
                if node.startswith(VOCAB + scheme + "/"):
                    lookup = ref.concepts.setdefault(name, {})
                    names = [
                        n for k in ("label_ko", "label_en", "alt_ko", "alt_en") for n in texts.get(k, [])
                    ]
                    for value in [local_name(node), *texts.get("notation", []), *names]:
                        lookup.setdefault(value.casefold(), node)
            if "iso" in texts:
                ref.countries[texts["iso"][0]] = node
            for place in texts.get("governs", []):
                for label in texts.get("label_en", []) + texts.get("label_ko", []):
                    ref.parties.setdefault(label.casefold(), node)
                ref.parties.setdefault("governs:" + place, node)
        for row in querying.run(store, "key-places").dicts():
            city, iso = str(row["city"]), ref.texts.get(str(row["country"]), {}).get("iso", [""])[0]
            city_texts = ref.texts.get(city, {})
            for label in [
                n for k in ("label_en", "label_ko", "alt_en", "alt_ko") for n in city_texts.get(k, [])
            ]:
                ref.cities[(label.casefold(), iso)] = city
        for row in querying.run(store, "dormancy-partnerships").dicts():
            ref.partnerships.add(str(row["partnership"]))
        ref.activities.update(_activities(store))
        for node, texts in ref.texts.items():
            if node.startswith(ORGANIZATIONS):
                for label in texts.get("label_en", []) + texts.get("label_ko", []):
                    ref.parties.setdefault(label.casefold(), node)
        return ref


def _activities(store: Store) -> dict[tuple[frozenset[str], str, str], str]:
    """(partnerships served, start date, English title folded) → activity IRI, read through the
    saved query the analyses use."""
    groups: dict[str, list[dict[str, object]]] = {}
    for row in querying.run(store, "activity-dates", lang="en").dicts():
        groups.setdefault(str(row["activity"]), []).append(dict(row))
    out = {}
    for iri, rows in groups.items():
        if rows[0]["start"] is None or rows[0]["end"] is None:
            continue
        label = nfc(str(rows[0]["activity_label"] or iri)).casefold()
        partnerships = frozenset(str(r["partnership"]) for r in rows)
        out[(partnerships, str(rows[0]["start"])[:10], label)] = iri
    return out
