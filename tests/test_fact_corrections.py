"""Fact corrections, each checked against the report line it rests on.

Every test reads the report's text at the line it cites (1-based, as in the source sections) and
checks that the graph says what that line says, no more.
"""

from __future__ import annotations

import re

import pytest

from asan_kg.store.embedded import KnowledgeGraph
from tests.conftest import rows


def line(report_lines: list[str], n: int) -> str:
    return re.sub(r"\s+", " ", report_lines[n - 1]).strip()


def tail(iri: str | None) -> str | None:
    return None if iri is None else iri.rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def count_party(kg: KnowledgeGraph, count: str) -> set[str | None]:
    found = rows(kg, f"SELECT ?p WHERE {{ count:{count} akg:countedParty ?p }}")
    return {tail(r["p"]) for r in found}


def readings_on(kg: KnowledgeGraph, subject: str) -> list[dict[str, str]]:
    return rows(
        kg,
        f"""
        SELECT ?r ?text ?comment WHERE {{
          ?r a akg:EditorialReading ; dcterms:subject {subject} ; akg:sourceText ?text ; rdfs:comment ?comment .
          FILTER(LANG(?comment) = "en")
        }}""",
    )


# ---- whose people a count is --------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "printed", "count"),
    [
        (352, "7개 업체", "2012-07-23-dongguan-trade-mission-1"),
        (380, "6개 기업", "2013-03-22-asan-economic-delegation-to-dongguan-1"),
        (436, "8개 업체", "2014-04-03-dongguan-weifang-trade-mission-1"),
        (476, "아산시 30개 수출 중소기업", "2014-09-01-dongguan-business-briefing-2"),
        (500, "17개 수출중소기업", "2014-10-31-maritime-silk-road-expo-2"),
        (392, "관광객 80명", "2013-10-14-hot-spring-festival-delegation-2"),
        (392, "인민대표대회 부주임 등 16명", "2013-10-14-hot-spring-festival-delegation-1"),
        (206, "영성시 중의원 원장 외 5명", "2011-10-25-rongcheng-delegation-to-asan-1"),
        (362, "당경도 부시장 외 20명", "2012-12-04-dongguan-economic-delegation-to-asan-1"),
        (474, "하우 부시장 외 6명", "2014-09-01-dongguan-business-briefing-1"),
        (510, "황경휘 주석 외 10명", "2014-11-03-changping-delegation-1"),
        (462, "24명(중 ∙ 고생 21명,인솔 3명)", "2014-07-22-dongguan-youth-camp-1"),
    ],
)
def test_a_count_has_no_party_where_the_report_names_none(
    kg: KnowledgeGraph, report_lines: list[str], n: int, printed: str, count: str
) -> None:
    assert printed in line(report_lines, n)
    assert count_party(kg, count) == set(), count


def test_a_count_has_a_party_where_the_report_names_it(kg: KnowledgeGraph, report_lines: list[str]) -> None:
    assert "아산시의회 대표단" in line(report_lines, 214) and "시의원 등 10명" in line(report_lines, 218)
    assert count_party(kg, "2012-04-12-asan-council-to-rongcheng-1") == {"asan-city-council"}
    assert "아산시 10명" in line(report_lines, 500)
    assert count_party(kg, "2014-10-31-maritime-silk-road-expo-1") == {"asan-city-government"}


def test_every_count_has_a_kind_and_80_tourists_are_tourists(
    kg: KnowledgeGraph, report_lines: list[str]
) -> None:
    assert "관광객 80명" in line(report_lines, 392)
    assert not rows(
        kg, "SELECT ?c WHERE { ?c a schema:QuantitativeValue FILTER NOT EXISTS { ?c akg:countKind ?k } }"
    )
    kind = rows(kg, "SELECT ?k WHERE { count:2013-10-14-hot-spring-festival-delegation-2 akg:countKind ?k }")
    assert [tail(r["k"]) for r in kind] == ["tourists"]


# ---- links the report does not give ----------------------------------------------------------


def _objects(kg: KnowledgeGraph, event: str, prop: str) -> set[str | None]:
    return {tail(r["o"]) for r in rows(kg, f"SELECT ?o WHERE {{ event:{event} {prop} ?o }}")}


def test_the_2011_rongcheng_delegation_is_not_just_the_hospital(
    kg: KnowledgeGraph, report_lines: list[str]
) -> None:
    assert line(report_lines, 206) == "- 인원 : 영성시 중의원 원장 외 5명"
    assert _objects(kg, "2011-10-25-rongcheng-delegation-to-asan", "schema:attendee") == {
        "rongcheng-tcm-hospital"
    }
    found = readings_on(kg, "event:2011-10-25-rongcheng-delegation-to-asan")
    assert any("not the delegation's only participant" in r["comment"] for r in found)


def test_the_2014_shouguang_fair_is_not_tied_to_the_yeongin_shouguang_agreement(
    kg: KnowledgeGraph, report_lines: list[str]
) -> None:
    assert "수광야채그룹" not in "".join(report_lines[303:310])  # lines 304-310: the fair, no group
    served = _objects(kg, "2014-04-19-shouguang-vegetable-fair", "akg:servesPartnership")
    assert served == {"asan-weifang"}
    assert readings_on(kg, "event:2014-04-19-shouguang-vegetable-fair")


def test_the_2013_forum_is_about_weifang_and_the_shouguang_group_not_attended_by_them(
    kg: KnowledgeGraph, report_lines: list[str]
) -> None:
    assert "영인농협-웨이팡시, 수광야채그룹" in line(report_lines, 282)
    assert "교류협력 방안 논의" in line(report_lines, 284)
    assert _objects(kg, "2013-09-02-korea-china-economic-forum", "schema:attendee") == set()
    assert _objects(kg, "2013-09-02-korea-china-economic-forum", "schema:about") == {
        "weifang-city-government",
        "shouguang-vegetable-group",
        "yeongin-nonghyup",
    }


@pytest.mark.parametrize(
    ("n", "printed", "event"),
    [
        (352, "참가 : 7개 업체", "2012-07-23-dongguan-trade-mission"),
        (436, "참가 : 8개 업체", "2014-04-03-dongguan-weifang-trade-mission"),
        (460, "참가 : 3개 도시(동관,아산,부페르탈)", "2014-07-22-dongguan-youth-camp"),
    ],
)
def test_asans_government_is_not_an_attendee_where_the_report_names_other_participants(
    kg: KnowledgeGraph, report_lines: list[str], n: int, printed: str, event: str
) -> None:
    assert printed in line(report_lines, n)
    assert "asan-city-government" not in _objects(kg, event, "schema:attendee")


def test_the_overseas_markets_finding_names_no_partner(kg: KnowledgeGraph, report_lines: list[str]) -> None:
    text = line(report_lines, 605)
    assert "최근 교류 도시" in text and "동관" not in text and "웨이팡" not in text
    subjects = rows(kg, "SELECT ?s WHERE { finding:overseas-markets-follow-partners dcterms:subject ?s }")
    assert subjects == []
    found = readings_on(kg, "finding:overseas-markets-follow-partners")
    assert any("interpretation" in r["comment"] for r in found)


def test_changpings_chairman_is_recorded_as_printed_with_the_reading(
    kg: KnowledgeGraph, report_lines: list[str]
) -> None:
    assert "황경휘 주석 외 10명" in line(report_lines, 510)
    post = rows(
        kg,
        """
        SELECT ?label ?org WHERE {
          <https://w3id.org/asan-kg/id/post/changping-chairman> rdfs:label ?label ; org:postIn ?org .
          FILTER(LANG(?label) = "ko") }""",
    )
    assert [(r["label"], tail(r["org"])) for r in post] == [("창핑진 주석", "changping-peoples-congress")]
    assert not rows(kg, "SELECT * WHERE { ?x ?p organization:changping-town-government }")
    found = readings_on(kg, "<https://w3id.org/asan-kg/id/post/changping-chairman>")
    assert any("People's Congress" in r["comment"] and "주석" in r["text"] for r in found)


# ---- missing facts ----------------------------------------------------------------------------


def test_the_trade_mission_contract_chart_values_and_units(
    kg: KnowledgeGraph, report_lines: list[str]
) -> None:
    assert "무역사절단 계약추진건수" in line(report_lines, 550)
    assert "2012~15년" in line(report_lines, 553)
    printed = [int(line(report_lines, n)) for n in (555, 557, 559, 561)]
    assert printed == [1, 29, 85, 26]
    assert line(report_lines, 563) == "단위 : 건" and line(report_lines, 574) == "단위 : 천 달러"
    found = rows(
        kg,
        """
        PREFIX dataset: <https://w3id.org/asan-kg/id/dataset/>
        SELECT ?pos ?v ?unit ?text WHERE {
          ?o qb:dataSet dataset:trade-missions-2012-2015-contracts ; schema:position ?pos ; schema:value ?v .
          dataset:trade-missions-2012-2015-contracts schema:unitCode ?unit ; schema:unitText ?text .
        } ORDER BY ?pos""",
    )
    assert [int(r["v"]) for r in found] == printed
    assert {(tail(r["unit"]), r["text"]) for r in found} == {("cases", "건")}
    value = rows(
        kg,
        """
        PREFIX dataset: <https://w3id.org/asan-kg/id/dataset/>
        SELECT ?unit ?text WHERE { dataset:trade-missions-2012-2015-contract-value schema:unitCode ?unit ;
                                                                             schema:unitText ?text }""",
    )
    assert [(tail(r["unit"]), r["text"]) for r in value] == [("thousand-dollars", "천 달러")]
    assert readings_on(kg, "<https://w3id.org/asan-kg/id/dataset/trade-missions-2012-2015-contracts>")


def test_the_secondments_durations_as_printed(kg: KnowledgeGraph, report_lines: list[str]) -> None:
    assert "(6개월)" in line(report_lines, 424)
    assert line(report_lines, 488) == "- 인원 : 김승섭(1년)/ 진원(3개월)"
    first = rows(kg, "SELECT ?d WHERE { event:2014-03-10-asan-dongguan-staff-secondment schema:duration ?d }")
    assert [r["d"] for r in first] == ["P6M"]
    postings = rows(
        kg,
        """
        SELECT ?name ?d WHERE {
          event:2014-10-13-asan-dongguan-staff-secondment schema:subEvent ?p .
          ?p schema:attendee/rdfs:label ?name ; schema:duration ?d . FILTER(LANG(?name) = "ko")
        }""",
    )
    assert {(r["name"], r["d"]) for r in postings} == {("김승섭", "P1Y"), ("진원", "P3M")}


def test_the_artists_exhibition_was_held_not_only_discussed(
    kg: KnowledgeGraph, report_lines: list[str]
) -> None:
    assert "미술교류전 개최" in line(report_lines, 530)
    assert "미술작가 교류전 개최" in line(report_lines, 591)
    found = rows(
        kg,
        """
        SELECT ?label WHERE {
          event:2014-07-21-art-exchange-exhibition-consultation schema:about ?e .
          ?e a schema:ExhibitionEvent ; rdfs:label ?label . FILTER(LANG(?label) = "ko")
          FILTER NOT EXISTS { ?e schema:startDate ?d }
        }""",
    )
    assert [r["label"] for r in found] == ["아산-동관시 미술작가 교류전 개최"]


def test_the_reports_own_count_of_sister_and_friendship_cities(
    kg: KnowledgeGraph, report_lines: list[str]
) -> None:
    assert line(report_lines, 31) == "(2곳)" and line(report_lines, 38) == "(8곳 )"
    found = rows(
        kg, "SELECT ?kind ?n WHERE { ?f a akg:Finding ; akg:assertedCount ?n ; dcterms:subject ?kind }"
    )
    got = {tail(r["kind"]): int(r["n"]) for r in found}
    assert got["sister-city"] == 2 and got["friendship-city"] == 8


# ---- names ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "city", "printed", "official"),
    [(173, "rongcheng", "榮成市", "荣成市"), (175, "weifang", "濰坊市", "潍坊市")],
)
def test_chinese_names_official_simplified_preferred_report_form_kept(
    kg: KnowledgeGraph, report_lines: list[str], n: int, city: str, printed: str, official: str
) -> None:
    assert printed in line(report_lines, n)
    labels = rows(kg, f'SELECT ?l WHERE {{ place:{city} rdfs:label ?l FILTER(LANG(?l) = "zh") }}')
    assert [r["l"] for r in labels] == [official]
    alt = rows(kg, f'SELECT ?l WHERE {{ place:{city} skos:altLabel ?l FILTER(LANGMATCHES(LANG(?l), "zh")) }}')
    assert [r["l"] for r in alt] == [printed]
    assert readings_on(kg, f"place:{city}")


def test_romanized_hangul_is_a_transliteration_not_an_english_name(
    kg: KnowledgeGraph, report_lines: list[str]
) -> None:
    assert "하우 부시장" in line(report_lines, 474)
    en = rows(kg, 'SELECT ?l WHERE { ?p a schema:Person ; rdfs:label ?l FILTER(LANG(?l) = "en") }')
    assert en and all(re.search(r"[\uac00-\ud7a3]", r["l"]) for r in en)  # the Hangul, described
    assert "Ha U" not in {r["l"] for r in en}
    translit = rows(kg, "SELECT ?l WHERE { <https://w3id.org/asan-kg/id/person/ha-u> skos:altLabel ?l }")
    assert [(r["l"]) for r in translit] == ["Ha U"]
    lang = rows(
        kg, "SELECT (LANG(?l) AS ?t) WHERE { <https://w3id.org/asan-kg/id/person/ha-u> skos:altLabel ?l }"
    )
    assert [r["t"].lower() for r in lang] == ["ko-latn"]


def test_400_yeo_is_400_plus(kg: KnowledgeGraph, report_lines: list[str]) -> None:
    assert "한국기업 400여 개" in line(report_lines, 339)
    notes = [
        r["n"]
        for r in rows(kg, 'SELECT ?n WHERE { place:dongguan akg:profileNote ?n FILTER(LANG(?n) = "en") }')
    ]
    assert any("400-plus" in n for n in notes) and not any("About 400" in n for n in notes)


# ---- statistics fields --------------------------------------------------------------------


def test_field_assignment_follows_its_rule_and_the_reports_citation(
    kg: KnowledgeGraph, report_lines: list[str]
) -> None:
    assert "온천대축제 참가, 미술교류전 개최" in line(report_lines, 530)
    got = {tail(r["a"]): tail(r["f"]) for r in rows(kg, "SELECT ?a ?f WHERE { ?a akg:countedUnderField ?f }")}
    assert got["2013-10-14-hot-spring-festival-delegation"] == "culture-arts"
    assert got["2013-07-15-yeongin-nonghyup-shouguang-sister-tie"] == "partnership"  # a signing
    assert got["2014-04-19-shouguang-vegetable-fair"] == "economy"  # a fair
    per_field = rows(
        kg,
        """
        SELECT ?f (COUNT(?a) AS ?n) (SAMPLE(?reported) AS ?r) WHERE {
          ?a akg:countedUnderField ?f ; schema:startDate ?d . FILTER(?d >= "2012-01-01"^^xsd:date && ?d <= "2014-12-31"^^xsd:date)
          ?o akg:exchangeField ?f ; akg:exchangeCount ?reported .
        } GROUP BY ?f""",
    )
    assert all(int(r["n"]) <= int(r["r"]) for r in per_field)


def test_the_48_percent_reading_is_recorded(kg: KnowledgeGraph, report_lines: list[str]) -> None:
    assert "전체 교류도시의 중국 비중 48%" in line(report_lines, 607)
    found = readings_on(kg, "finding:country-concentration-china-48-percent")
    assert any("share of exchanges" in r["comment"] for r in found)


# ---- facts for the verdicts ------------------------------------------------------------------


def test_sources_state_the_period_they_cover(kg: KnowledgeGraph, report_lines: list[str]) -> None:
    assert "2012~14년" in line(report_lines, 100) and "2012~14년" in line(report_lines, 159)
    assert "2012~15년" in line(report_lines, 545)
    found = rows(
        kg,
        """
        PREFIX time: <http://www.w3.org/2006/time#>
        SELECT ?s ?from ?to ?year WHERE {
          ?s dcterms:temporal ?p . ?p time:hasBeginning/time:inXSDDate ?from .
          OPTIONAL { ?p time:hasEnd/time:inXSDDate ?to } OPTIONAL { ?p time:hasEnd/time:inXSDgYear ?year }
        }""",
    )
    got: dict[str | None, tuple[str | None, str | None, str | None]] = {
        tail(r["s"]): (r["from"], r["to"], r["year"]) for r in found
    }
    assert got["asan-report"] == ("2005-09-14", "2014-12-31", None)
    assert (
        got["exchanges-2012-2014-by-city"]
        == got["exchanges-2012-2014-by-field"]
        == ("2012-01-01", "2014-12-31", None)
    )
    assert got["trade-missions-2012-2015-contracts"] == ("2012-01-01", None, "2015")
    # The latest printed date is a planned end beyond the report's records.
    assert "2015.10.12" in line(report_lines, 486)
    end = rows(kg, "SELECT ?e WHERE { event:2014-10-13-asan-dongguan-staff-secondment schema:endDate ?e }")
    assert end[0]["e"] > got["asan-report"][1]
    assert readings_on(kg, "event:2014-10-13-asan-dongguan-staff-secondment")


def test_osh_and_mwanza_have_recorded_zeros_by_omission(kg: KnowledgeGraph, report_lines: list[str]) -> None:
    table = " ".join(report_lines[114:167])  # lines 115-167
    assert "오쉬" not in table and "무완자" not in table
    found = rows(
        kg,
        """
        PREFIX dataset: <https://w3id.org/asan-kg/id/dataset/>
        SELECT ?city ?n WHERE {
          ?o qb:dataSet dataset:exchanges-2012-2014-by-city ; akg:partnerCity ?city ; akg:exchangeCount ?n .
          ?r a akg:EditorialReading ; dcterms:subject ?o ; akg:concernsProperty akg:exchangeCount .
        }""",
    )
    assert {(tail(r["city"]), int(r["n"])) for r in found} == {("osh", 0), ("mwanza", 0)}


@pytest.mark.parametrize(
    ("n", "words", "partnership", "status", "since"),
    [
        (230, "2012년 이후 상호교류 중단 상태", "asan-rongcheng", "suspended", "2012"),
        (320, "교류협력 확대", "asan-weifang", "expanded", "2013"),
        (522, "경제부문 교류협력 증대", "asan-dongguan", "increased", "2012"),
        (615, "교류 부진한 도시", "asan-rongcheng", "sluggish", None),
    ],
)
def test_every_asserted_state_is_data(
    kg: KnowledgeGraph,
    report_lines: list[str],
    n: int,
    words: str,
    partnership: str,
    status: str,
    since: str | None,
) -> None:
    assert words in line(report_lines, n)
    found = rows(
        kg,
        f"""
        SELECT ?f ?since WHERE {{
          ?f dcterms:subject partnership:{partnership} ; akg:assertsStatus status:{status} ;
             prov:wasDerivedFrom ?section ; prov:wasAttributedTo ?who .
          ?section akg:firstLine ?a ; akg:lastLine ?b . FILTER(?a <= {n} && {n} <= ?b)
          OPTIONAL {{ ?f akg:statusSince ?since }}
        }}""",
    )
    assert [r["since"] for r in found] == [since]


@pytest.mark.parametrize(
    ("n", "words", "agreement", "city_partnership"),
    [
        (384, "관광협력 협의서 서명", "asan-dongguan-tourism-cooperation", "asan-dongguan"),
        (
            410,
            "아산시의회-동관시 인민대표대회 우호협력 MOU 체결",
            "asan-council-dongguan-peoples-congress-mou",
            "asan-dongguan",
        ),
        (
            266,
            "영인농협-수광야채그룹 자매결연 체결",
            "yeongin-nonghyup-shouguang-vegetable-group",
            "asan-weifang",
        ),
    ],
)
def test_sectoral_agreements_are_part_of_their_city_partnership(
    kg: KnowledgeGraph, report_lines: list[str], n: int, words: str, agreement: str, city_partnership: str
) -> None:
    assert words in line(report_lines, n)
    found = rows(kg, f"SELECT ?p WHERE {{ partnership:{agreement} dcterms:isPartOf ?p }}")
    assert [tail(r["p"]) for r in found] == [city_partnership]
    assert readings_on(kg, f"partnership:{agreement}")
