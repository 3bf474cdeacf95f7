"""grlc serves our saved queries as a web API (tests/grlc_server.py): every query's route, called
with the defaults its header declares, gives the embedded store's answer — or is listed below with
the reason it does not (see tests/GRLC_NOTES.md). The list is strict: a query that starts to agree
must leave it."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests import endpoint_compare as ec
from tests.grlc_server import GrlcServer, grlc, grlc_oxigraph  # noqa: F401  (fixtures)

PLACE = "https://w3id.org/asan-kg/id/place/"
#: Queries whose grlc route does not give the embedded answer, and why (none: one folder, one reading).
KNOWN_DIFFERENCES: dict[str, str] = {}


def grlc_params(name: str) -> dict[str, str]:
    """The header's defaults and the test values, as a grlc user must give them: full IRIs."""
    params = ec.base_params(name)
    return {k: PLACE + v[len("place:") :] if v.startswith("place:") else v for k, v in params.items()}


def call(server: GrlcServer, name: str, params: dict[str, str]) -> tuple[int, str, Any]:
    status, ctype, body = ec.http_json(server.route(name, params))
    try:
        return status, ctype, json.loads(body)
    except json.JSONDecodeError:
        return status, ctype, body


def _params() -> list[Any]:
    return [
        pytest.param(
            name,
            id=name,
            marks=[pytest.mark.xfail(strict=True, reason=KNOWN_DIFFERENCES[name])]
            if name in KNOWN_DIFFERENCES
            else [],
        )
        for name in ec.saved_query_names()
    ]


@pytest.mark.parametrize("name", _params())
def test_grlc_route_gives_the_embedded_answer(grlc: GrlcServer, name: str) -> None:  # noqa: F811
    status, _, doc = call(grlc, name, grlc_params(name))
    assert status == 200 and isinstance(doc, dict) and "results" in doc, f"{status}: {str(doc)[:300]}"
    differences = ec.compare(name, ec.embedded_doc(name), doc)
    assert not differences, ec.summarise(differences)


def test_grlc_lists_every_saved_query(grlc: GrlcServer) -> None:  # noqa: F811
    status, _, spec = call(grlc, "swagger", {})
    assert status == 200
    routes = {path.strip("/") for path in spec["paths"]}
    assert routes == set(ec.saved_query_names())
    since = spec["paths"]["/partnerships-without-activity-since"]["get"]["parameters"]
    assert {p["name"]: (p.get("default"), p.get("required")) for p in since if p["name"] != "endpoint"} == {
        "since": ("2013-01-01", True),
        "lang": ("en", False),
    }


def test_grlc_does_not_apply_defaults_itself(grlc: GrlcServer) -> None:  # noqa: F811
    """Swagger shows '#+ defaults', but a call without the parameter leaves the variable free."""
    status, _, doc = call(grlc, "partners", {})
    assert status == 200
    assert all("partnership_label" not in row for row in doc["results"]["bindings"])
    status, _, _ = call(grlc, "partnerships-without-activity-since", {})  # required, missing
    assert status == 500


def test_an_optional_date_given_to_grlc_filters_as_in_asan_kg(grlc: GrlcServer) -> None:  # noqa: F811
    """COALESCE(?end >= ?__from_xsd_date, true) is valid SPARQL with grlc's pasted literal too."""
    params = {"from": "2014-01-01", "lang": "en"}
    status, _, doc = call(grlc, "timeline", params)
    assert status == 200 and isinstance(doc, dict), doc
    assert not ec.compare("timeline", ec.run_cli("timeline", params), doc)
