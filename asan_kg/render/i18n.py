"""Interface text in Korean and English."""

from __future__ import annotations

import os
from typing import Literal

Lang = Literal["ko", "en"]

_TEXT: dict[str, dict[Lang, str]] = {
    "valid": {
        "ko": "검증 통과: {files}개 파일, 트리플 {triples}개, 위반 없음.",
        "en": "Valid: {files} files, {triples} triples, no violations.",
    },
    "invalid": {
        "ko": "검증 실패: 위반 {n}건 ({files}개 파일, 트리플 {triples}개).",
        "en": "Invalid: {n} violations ({files} files, {triples} triples).",
    },
    "parse_failed": {
        "ko": "읽을 수 없는 입력이 있습니다. 아래 표시된 파일과 줄을 고친 뒤 다시 실행하세요.",
        "en": "Some input cannot be read. Fix the files and lines shown below and run again.",
    },
    "summary_title": {"ko": "{home} 국제교류 지식그래프 요약", "en": "{home} partnership graph: summary"},
    "fmt_changed": {"ko": "정규형으로 다시 씀: {path}", "en": "Rewritten in canonical form: {path}"},
    "fmt_needed": {
        "ko": "정규형이 아닙니다: {path} (asan-kg fmt 로 고치세요)",
        "en": "Not in canonical form: {path} (run asan-kg fmt)",
    },
    "fmt_ok": {"ko": "모든 파일이 정규형입니다 ({n}개).", "en": "All {n} files are in canonical form."},
    "h_status": {"ko": "상태", "en": "Status"},
    "h_partnership": {"ko": "교류 관계", "en": "Partnership"},
    "h_last": {"ko": "마지막 활동", "en": "Last activity"},
    "h_expected": {"ko": "기간 내 교류", "en": "In window"},
    "h_rate": {"ko": "연간", "en": "Per year"},
    "h_evidence": {"ko": "근거", "en": "Evidence"},
    "h_asserted": {"ko": "보고서 판단", "en": "Source says"},
    "status_active": {"ko": "활발", "en": "active"},
    "status_low": {"ko": "저조", "en": "low"},
    "status_dormant": {"ko": "휴면", "en": "dormant"},
    "status_new": {"ko": "신규", "en": "new"},
    "dormancy_title": {
        "ko": "{as_of} 기준 교류 관계 상태 ({start}부터 {months}개월, 연 {threshold}건 미만은 저조)",
        "en": "Partnership status as of {as_of} ({months} months from {start}; low below {threshold} a year)",
    },
    "conc_title": {
        "ko": "{by}별 교류 집중도 ({start} ~ {end})",
        "en": "Concentration of exchange by {by} ({start} to {end})",
    },
    "conc_indices": {
        "ko": "{what}: 합계 {total}, HHI {hhi}, 유효 수 {eff}, 최대 비중 {top}",
        "en": "{what}: total {total}, HHI {hhi}, effective number {eff}, top share {top}",
    },
    "w_exchanges": {"ko": "교류 건수", "en": "Exchanges"},
    "w_partnerships": {"ko": "교류 도시(자매·우호)", "en": "City partnerships"},
    "conc_claim": {
        "ko": "보고서: {label} — 보고서 {asserted}, 계산 {computed}",
        "en": "The source: {label} — says {asserted}, computed {computed}",
    },
    "net_summary": {
        "ko": "네트워크: 노드 {nodes}개, 연결 {edges}개, 연결요소 {comps}개 (매개 중심성: {how})",
        "en": "Network: {nodes} nodes, {edges} edges, {comps} component(s) (betweenness: {how})",
    },
    "exact": {"ko": "정확", "en": "exact"},
    "sampled": {"ko": "표본 추정", "en": "sampled estimate"},
    "broker": {
        "ko": "중개자: {label} ({kind}) — 없으면 {n}개 관계가 나뉨: {which}",
        "en": "Broker: {label} ({kind}) — without it {n} partnerships fall apart: {which}",
    },
    "shares_title": {"ko": "상대 도시별 교류 비중", "en": "Each partner's share of all exchange"},
    "ego": {"ko": "{center}의 주변 네트워크 ({n}개 노드):", "en": "Ego network of {center} ({n} nodes):"},
    "v_kind": {"ko": "종류", "en": "Kind"},
    "v_signed": {"ko": "체결일", "en": "Signed"},
    "v_fields": {"ko": "중점교류 분야", "en": "Focus fields"},
    "v_last": {"ko": "마지막 활동", "en": "Last activity"},
    "v_status": {"ko": "상태", "en": "Status"},
    "v_expected": {"ko": "기간 내 교류", "en": "exchanges in period"},
    "v_asserted": {"ko": "보고서 판단", "en": "The source says"},
    "v_exchanges": {"ko": "기간 내 교류", "en": "Exchanges in period"},
    "view_title": {
        "ko": "{home} 국제교류 네트워크 — {start} ~ {end} ({as_of} 기준)",
        "en": "{home}: international partnerships — {start} to {end} (as of {as_of})",
    },
    "note_focus": {
        "ko": "{label} 중심의 주변 네트워크만 표시합니다.",
        "en": "Showing the ego network of {label} only.",
    },
    "note_dropped": {
        "ko": "노드 {n}개는 한 화면에 너무 많아 '{kind}' 층을 뺐습니다(최대 {max}개).",
        "en": "{n} nodes are too many to read: the '{kind}' layer was left out (at most {max}).",
    },
    "note_merged": {
        "ko": "교류가 적은 도시 {n}곳은 지역별로 묶었습니다.",
        "en": "{n} cities with the fewest exchanges are merged per region.",
    },
    "merged_label": {"ko": "{region}의 다른 도시 {n}곳", "en": "{n} more cities in {region}"},
    "page_status": {"ko": "상태", "en": "Status"},
    "page_kind": {"ko": "관계 종류", "en": "Kind of tie"},
    "page_regions": {"ko": "도시 색: 세계 지역(UN M49)", "en": "City colour: world region (UN M49)"},
    "page_details": {"ko": "자세히", "en": "Details"},
    "page_click": {
        "ko": "도시나 관계를 누르면 근거가 여기에 나옵니다.",
        "en": "Click a city or a tie to see its evidence here.",
    },
    "page_how_to_read": {
        "ko": "선 굵기는 기간 내 교류 건수, 선 모양은 관계 종류, 선 색은 상태입니다. 휴면 관계는 회색 점선입니다. 원 크기는 그 도시와의 교류 건수입니다.",
        "en": "Line width: exchanges in the period; line pattern: kind of tie; line colour: status. Dormant ties are grey and dotted. Circle size: exchanges with that city.",
    },
    "page_counts": {
        "ko": "노드 {nodes}개, 연결 {edges}개 표시 중",
        "en": "Showing {nodes} nodes and {edges} edges",
    },
    "report_title": {
        "ko": "{home} 국제교류 현황 — 지식그래프 보고서",
        "en": "{home}: international partnerships — knowledge-graph report",
    },
    "cmp_status": {
        "ko": "{name}: 지금 데이터로는 '{status}' (마지막 항목별 활동 {last}, 기간 내 날짜 있는 교류 {expected}건)",
        "en": "{name}: the data now says '{status}' (last itemized activity {last}; {expected} dated exchanges in the window)",
    },
    "cmp_others": {
        "ko": "같은 상태('{status}')의 다른 관계: {names}",
        "en": "Other ties with the same status ('{status}'): {names}",
    },
    "cmp_share": {
        "ko": "{name}: 교류의 {share} ({start} ~ {end})",
        "en": "{name}: {share} of exchanges ({start} to {end})",
    },
    "cmp_asserted": {"ko": "보고서가 밝힌 비중: {share}", "en": "Share the source states: {share}"},
    "cmp_none": {
        "ko": "그래프에 비교할 데이터가 없습니다.",
        "en": "The graph holds no data to compare with.",
    },
    "chart_field": {"ko": "분야별 교류 ({period})", "en": "Exchanges by field ({period})"},
    "chart_city": {"ko": "상대 도시별 교류 ({period})", "en": "Exchanges by partner city ({period})"},
    "chart_country": {"ko": "국가별 교류 ({period})", "en": "Exchanges by country ({period})"},
    "chart_year": {"ko": "연도별 항목별 교류", "en": "Itemized exchanges by year"},
    "chart_basis": {
        "ko": "보고서의 합계가 있으면 그 합계, 없으면 항목별 활동을 셉니다.",
        "en": "The source's reported totals where it gives them, itemized activities elsewhere.",
    },
    "chart_itemized": {
        "ko": "출처가 날짜와 함께 항목으로 적은 활동만.",
        "en": "Only the activities the source itemizes with dates.",
    },
    "sum_partners": {"ko": "자매 + 우호 도시", "en": "Sister + friendship cities"},
    "sum_agreements": {"ko": "협정(기관 간 포함)", "en": "Agreements (incl. organization-level)"},
    "sum_countries": {"ko": "상대 국가", "en": "Partner countries"},
    "sum_activities": {"ko": "항목별 교류 활동", "en": "Itemized exchanges"},
    "sum_dormant": {"ko": "휴면 관계", "en": "Dormant ties"},
    "sum_top_country": {"ko": "가장 큰 국가 비중", "en": "Largest country share"},
    "r_summary": {"ko": "요약", "en": "Summary"},
    "r_charts": {"ko": "교류 분포", "en": "Where the exchange goes"},
    "r_dormancy": {"ko": "관계별 상태와 근거", "en": "Status of each tie, with its evidence"},
    "r_concentration": {"ko": "집중도", "en": "Concentration"},
    "r_conc_explain": {
        "ko": "HHI(허핀달-허쉬만 지수)는 비중 제곱의 합으로 0~1 사이입니다. 1이면 한 곳에 모두 몰린 것이고, 유효 수(1/HHI)는 '같은 크기의 상대가 몇 곳 있는 것과 같은가'를 뜻합니다.",
        "en": "The Herfindahl–Hirschman index (HHI) is the sum of squared shares, from 0 to 1: 1 means everything goes to one place. The effective number (1/HHI) reads as 'as concentrated as this many equal partners'.",
    },
    "r_conc_line": {
        "ko": "{by}: 교류 HHI {hhi} (유효 수 {eff}, 최대 비중 {top}); 교류 도시 HHI {phhi} (유효 수 {peff})",
        "en": "{by}: exchanges HHI {hhi} (effective number {eff}, top share {top}); city partnerships HHI {phhi} (effective number {peff})",
    },
    "r_findings": {
        "ko": "보고서의 판단과 지금 데이터",
        "en": "What the source says, next to what the data says now",
    },
    "r_source_says": {"ko": "보고서", "en": "The source"},
    "r_data_says": {"ko": "데이터", "en": "The data"},
    "r_network": {"ko": "네트워크", "en": "Network"},
    "r_network_link": {
        "ko": "대화형 네트워크 열기 (network.html, 오프라인에서 작동)",
        "en": "Open the interactive network (network.html; works offline)",
    },
    "r_readings": {"ko": "보고서를 해석한 곳", "en": "Where the source had to be interpreted"},
    "r_generated": {
        "ko": "asan-kg {version}이 {date}에 만듦. 출처: {sources}.",
        "en": "Made by asan-kg {version} on {date}. Sources: {sources}.",
    },
    "r_finding": {"ko": "판단", "en": "Finding"},
    "r_recommendation": {"ko": "개선 과제", "en": "Recommendation"},
    "ev_reported": {
        "ko": "{start}~{end} 보고 합계 {count}건, 날짜 없음 (그중 항목별 {inside}건)",
        "en": "{count} reported for {start}–{end}, undated ({inside} of them itemized)",
    },
    "ev_itemized": {
        "ko": "기간 내 날짜 있는 교류 {n}건: {items}",
        "en": "{n} dated exchanges in window: {items}",
    },
    "ev_none": {
        "ko": "{start}~{end}에 날짜 있는 교류도 보고된 교류도 없음",
        "en": "no dated exchange and no reported exchange between {start} and {end}",
    },
    "ev_zero": {
        "ko": "보고서가 {start}~{end}에 교류 0건으로 기록 (표에 없음)",
        "en": "the source records no exchange for {start}–{end} (absent from its table)",
    },
    "ev_signed": {"ko": "{signed} 체결, 기간 안", "en": "signed {signed}, inside the window"},
    "ev_beyond": {
        "ko": "기간이 기록 범위 끝({end})을 {days}일 넘음: 그 기간은 교류 없음으로 세지 않음",
        "en": "the window reaches {days} days past the end of the records ({end}); those days are not counted as silence",
    },
    "ev_includes": {"ko": "함께 평가한 협정: {items}", "en": "assessed together with: {items}"},
    "ev_sensitivity": {"ko": "기간별 상태: {items}", "en": "status by window: {items}"},
    "months_short": {"ko": "{n}개월", "en": "{n} mo"},
    "grade_dated": {"ko": "날짜 있는 교류", "en": "dated exchanges"},
    "grade_undated": {"ko": "날짜 없는 보고 합계", "en": "undated reported totals"},
    "grade_recorded_zero": {"ko": "기록된 0건", "en": "a recorded zero"},
    "grade_nothing": {"ko": "기록 없음", "en": "nothing recorded"},
    "verdict_graded": {"ko": "{status} ({grade} 근거)", "en": "{status} (rests on {grade})"},
    "verdict_probably": {"ko": "활발 추정 ({grade} 근거)", "en": "probably active (rests on {grade})"},
    "verdict_probably_low": {"ko": "저조 추정 ({grade} 근거)", "en": "probably low (rests on {grade})"},
    "asserted_line": {
        "ko": "보고서: {state} ({since}) — 데이터와 {agrees}",
        "en": "the source: {state} ({since}) — {agrees} the data",
    },
    "asserted_agrees": {"ko": "일치", "en": "agrees with"},
    "asserted_disagrees": {"ko": "불일치", "en": "disagrees with"},
    "asserted_unknown": {"ko": "비교 불가", "en": "cannot be compared with"},
    "status_unknown": {"ko": "기록 범위 밖", "en": "outside the records"},
    "h_grade": {"ko": "근거 등급", "en": "rests on"},
    "h_itemized": {"ko": "날짜 있는 교류", "en": "dated"},
    "h_reported": {"ko": "보고 합계", "en": "reported"},
    "h_windows": {"ko": "12/24/36개월", "en": "12/24/36 mo"},
    "conc_part": {
        "ko": "{label}: 항목별 {itemized}건, 보고 합계 {reported}건",
        "en": "{label}: {itemized} itemized, {reported} reported",
    },
    "conc_partial": {
        "ko": "{label}의 {start}~{end} 보고 합계 {count}건은 기간에 일부만 겹쳐 세지 않음",
        "en": "{label}: the {count} reported for {start}–{end} only partly overlap the period and are not counted",
    },
    "dist_exchanges": {
        "ko": "항목별 교류, 보고서가 합계를 주는 곳은 그 합계",
        "en": "itemized activities, with the source's reported totals where it gives them",
    },
    "dist_partnerships": {
        "ko": "기간 끝까지 체결된 도시 간 관계 (자매·우호)",
        "en": "city partnerships (sister and friendship cities) signed by the end of the period",
    },
    "dist_partnerships-per-field": {
        "ko": "기간 끝까지 체결된 도시 간 관계 (자매·우호); 관계는 중점 분야마다 한 번 셈",
        "en": "city partnerships (sister and friendship cities) signed by the end of the period; a partnership counts once per focus field",
    },
    "basis_itemized": {"ko": "항목별", "en": "itemized"},
    "basis_reported": {"ko": "보고 합계", "en": "reported"},
    "basis_itemized+reported": {"ko": "항목별+보고 합계", "en": "itemized+reported"},
    "basis_none": {"ko": "근거 없음", "en": "none"},
    "basis_partnerships": {"ko": "관계 수", "en": "partnerships"},
    "dim_country": {"ko": "국가", "en": "country"},
    "dim_region": {"ko": "세계 지역", "en": "world region"},
    "dim_city": {"ko": "도시", "en": "city"},
    "dim_field": {"ko": "분야", "en": "field"},
    "dim_type": {"ko": "활동 유형", "en": "activity type"},
    "wrote": {
        "ko": "{path}에 씀: 노드 {nodes}개, 연결 {edges}개",
        "en": "Wrote {path}: {nodes} nodes, {edges} edges",
    },
    "wrote_file": {"ko": "씀: {path}", "en": "Wrote {path}"},
    "published": {
        "ko": "<{graph}>에 트리플 {n}개를 올리고 확인함 (요청 {batches}번, {s}초)",
        "en": "Published and verified {n} triples in <{graph}> ({batches} requests, {s} s)",
    },
    "serving": {
        "ko": "트리플 {n}개를 제공 중. SPARQL 질의 URL: {query}",
        "en": "Serving {n} triples. SPARQL query URL: {query}",
    },
    "serving_update": {"ko": "SPARQL 갱신 URL: {update}", "en": "SPARQL update URL: {update}"},
    "serving_read_only": {
        "ko": "SPARQL 갱신 URL: {update} (읽기 전용 서버: 갱신하려면 --writable)",
        "en": "SPARQL update URL: {update} (read-only server: start with --writable to accept updates)",
    },
    "stopping": {"ko": "서버를 멈춥니다.", "en": "Stopping the server."},
}

SUMMARY_LABELS: dict[str, dict[Lang, str]] = {
    "sister_cities": {"ko": "자매결연 도시", "en": "Sister cities"},
    "friendship_cities": {"ko": "우호협력 도시", "en": "Friendship cities"},
    "partnerships": {"ko": "협정(기관 간 포함)", "en": "Agreements (incl. organization-level)"},
    "countries": {"ko": "상대 국가", "en": "Partner countries"},
    "activities": {"ko": "항목별 교류 활동", "en": "Itemized exchange activities"},
    "organizations": {"ko": "기관", "en": "Organizations"},
    "persons": {"ko": "인물", "en": "Persons"},
    "observations": {"ko": "통계 관측값", "en": "Statistics observations"},
    "findings": {"ko": "보고서의 판단·개선 과제", "en": "Report findings and recommendations"},
    "readings": {"ko": "편집자 판독", "en": "Editorial readings"},
    "triples": {"ko": "트리플", "en": "Triples"},
}


def default_lang() -> Lang:
    """``ASAN_KG_LANG`` if set, else the system locale as command-line tools read it: the first
    set of ``LC_ALL``, ``LC_MESSAGES``, ``LANG``; Korean when it starts with ``ko``
    (``ko_KR.UTF-8``), else English."""
    chosen = os.environ.get("ASAN_KG_LANG")
    if chosen:
        return "ko" if chosen == "ko" else "en"
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        locale = os.environ.get(variable)
        if locale:
            return "ko" if locale.lower().startswith("ko") else "en"
    return "en"


def t(key: str, lang: Lang, **values: object) -> str:
    text = _TEXT[key][lang]
    return text.format(**values) if values else text
