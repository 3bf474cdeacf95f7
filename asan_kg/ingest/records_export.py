"""The graph's agreements and activities written back to the spreadsheet template.

Counts go out summed per kind (persons, companies); participants other than the parties,
per-party counts and editorial readings stay in the graph only: the template is the fixed
point, so import → export → import gives the same graph.
"""

from __future__ import annotations

from collections.abc import Callable

from asan_kg.ingest.records_reference import Reference
from asan_kg.sparql import querying
from asan_kg.sparql.querying import Store
from asan_kg.vocab.prefixes import local_name


def export_rows(store: Store) -> dict[str, list[dict[str, str]]]:
    ref = Reference.of(store)
    texts = ref.texts

    def text(node: object, key: str) -> str:
        values = sorted(texts.get(str(node), {}).get(key, []))
        return values[0] if values else ""

    def label(node: object, lang: str) -> str:
        # the preferred label: rdfs:label/prefLabel; node-texts also holds altLabels, so take the
        # label the graph shows first in sorted order only when there is one of each kind
        return text(node, f"label_{lang}")

    agreements = []
    for row in querying.run(store, "export-agreements").dicts():
        out = {
            "id": local_name(row["partnership"]),
            "kind": local_name(row["kind"]),
            "signed_on": str(row["signed_on"] or ""),
            "signing_activity": local_name(row["signing"]),
            "focus_fields": ";".join(
                sorted(local_name(f.strip()) for f in str(row["fields"]).split(";") if f.strip())
            ),
            "label_en": label(row["partnership"], "en"),
            "label_ko": label(row["partnership"], "ko"),
            "source": text(row["partnership"], "source"),
        }
        for side in ("home", "partner"):
            city, country, party = row[side], row[f"{side}_country"], row[f"{side}_party"]
            out |= {
                f"{side}_city_en": label(city, "en"),
                f"{side}_city_ko": label(city, "ko"),
                f"{side}_country": text(country, "iso"),
                f"{side}_country_en": label(country, "en"),
                f"{side}_country_ko": label(country, "ko"),
                f"{side}_country_region": text(country, "region"),
                f"{side}_party_en": label(party, "en"),
                f"{side}_party_ko": label(party, "ko"),
            }
        agreements.append(out)
    return {"agreements": agreements, "activities": _activities(store, text, label)}


def _activities(
    store: Store, text: Callable[[object, str], str], label: Callable[[object, str], str]
) -> list[dict[str, str]]:
    """The activities sheet: one row per exchange, counts summed per kind."""
    counts: dict[str, dict[str, str]] = {}
    for row in querying.run(store, "export-counts").dicts():
        counts.setdefault(str(row["activity"]), {})[local_name(row["kind"])] = str(row["total"])
    activities = []
    for row in querying.run(store, "export-activities").dicts():
        node = row["activity"]
        activities.append(
            {
                "id": local_name(node),
                "agreements": ";".join(
                    sorted(local_name(p.strip()) for p in str(row["partnerships"]).split(";") if p.strip())
                ),
                "title_en": label(node, "en"),
                "title_ko": label(node, "ko"),
                "types": ";".join(
                    sorted(local_name(t.strip()) for t in str(row["types"]).split(";") if t.strip())
                ),
                "direction": local_name(row["direction"]),
                "start_date": str(row["start"]),
                "end_date": str(row["end"]),
                "statistics_field": local_name(row["field"]),
                "persons": counts.get(str(node), {}).get("persons", ""),
                "companies": counts.get(str(node), {}).get("companies", ""),
                "purpose_en": text(node, "purpose_en"),
                "purpose_ko": text(node, "purpose_ko"),
                "source": text(node, "source"),
            }
        )
    return activities
