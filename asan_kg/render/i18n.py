"""Interface text in Korean and English."""

from __future__ import annotations

import os
from typing import Literal

Lang = Literal["ko", "en"]
LANGS: tuple[Lang, ...] = ("ko", "en")  # Korean first, where a page shows both

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
    # ---- partnership health (asan_kg/render/health_view.py, timeline.py, cli/health.py) ----
    "hl_title": {"ko": "교류 관계 건강 지표", "en": "Partnership health"},
    "hl_intro": {
        "ko": "{as_of} 기준, 관측 기간은 체결(또는 첫 교류)부터 기록 끝({end})까지. 값 옆 표시는 근거 등급: ● 날짜 있는 항목, ◐ 항목 + 보고 합계, ○ 날짜 없는 보고 합계뿐, – 기록 없음.",
        "en": "As of {as_of}; each tie observed from its signing (or first exchange) to the end of the record ({end}). The mark beside a value is its evidence: ● dated itemized exchanges, ◐ dated plus reported totals, ○ undated reported totals only, – nothing recorded.",
    },
    "hl_h_tie": {"ko": "교류 관계", "en": "Tie"},
    "hl_h_years": {"ko": "연도별 교류", "en": "Exchanges by year"},
    "hl_ind_recency": {"ko": "최근성(일)", "en": "Recency (days)"},
    "hl_ind_intensity": {"ko": "연간 교류", "en": "Exchanges / year"},
    "hl_ind_participants-per-year": {"ko": "연간 인원", "en": "People / year"},
    "hl_ind_regularity": {"ko": "규칙성", "en": "Regularity"},
    "hl_ind_longest-gap": {"ko": "최장 공백(일)", "en": "Longest gap (days)"},
    "hl_ind_trend": {"ko": "추세(연간 증감)", "en": "Trend (per year)"},
    "hl_ind_reciprocity": {"ko": "상호성", "en": "Reciprocity"},
    "hl_ind_breadth": {"ko": "분야 수", "en": "Fields"},
    "hl_ind_depth": {"ko": "실질 교류 비율", "en": "Substantive share"},
    "hl_ind_civic-reach": {"ko": "시민 참여 비율", "en": "Civic reach"},
    "hl_ind_actor-dependence": {"ko": "단일 주체 의존도", "en": "Single-actor dependence"},
    "hl_grade_dated": {"ko": "날짜 있는 항목별 교류", "en": "dated itemized exchanges"},
    "hl_grade_dated+reported": {
        "ko": "항목별 교류 + 보고 합계",
        "en": "dated exchanges plus reported totals",
    },
    "hl_grade_reported": {"ko": "날짜 없는 보고 합계", "en": "undated reported totals"},
    "hl_grade_none": {"ko": "기록 없음", "en": "nothing recorded"},
    "hl_reason_undated-totals-only": {
        "ko": "날짜 없는 합계뿐이라 계산할 수 없음",
        "en": "undated totals only: cannot be computed",
    },
    "hl_reason_nothing-recorded": {"ko": "기록된 교류 없음", "en": "no exchange recorded"},
    "hl_reason_no-direction-recorded": {"ko": "교류 방향 기록 없음", "en": "no direction recorded"},
    "hl_reason_no-participant-data": {"ko": "참가자 기록 없음", "en": "no participant data"},
    "hl_reason_no-actor-recorded": {
        "ko": "주최·참석 기관 기록 없음",
        "en": "no organizer or attendee recorded",
    },
    "hl_reason_no-type-recorded": {"ko": "활동 유형 기록 없음", "en": "no activity type recorded"},
    "hl_reason_no-field-recorded": {"ko": "교류 분야 기록 없음", "en": "no field recorded"},
    "hl_reason_period-too-short": {
        "ko": "비교할 이전 기간이 짧음",
        "en": "no earlier period long enough to compare",
    },
    "hl_note_lower-bound": {
        "ko": "최소값(날짜 없는 교류나 인원 미기록 교류가 더 있음)",
        "en": "a lower bound (more exchanges are undated or uncounted)",
    },
    "hl_note_upper-bound": {
        "ko": "최대값(날짜 없는 보고 교류가 그 사이에 있었을 수 있음)",
        "en": "an upper bound (undated reported exchanges may fall inside it)",
    },
    "hl_note_dated-only": {"ko": "날짜 있는 교류만으로 계산", "en": "from dated exchanges only"},
    "hl_note_nothing-recorded": {
        "ko": "기록된 교류가 없는 기간 전체",
        "en": "the whole period, nothing recorded",
    },
    "hl_dir_outbound": {"ko": "▲ 파견(방문 감)", "en": "▲ outbound"},
    "hl_dir_inbound": {"ko": "▼ 접수(방문 옴)", "en": "▼ inbound"},
    "hl_dir_mutual": {"ko": "◆ 상호", "en": "◆ mutual"},
    "hl_dir_none": {"ko": "● 방향 기록 없음", "en": "● direction not recorded"},
    "hl_tl_title": {
        "ko": "교류 관계 타임라인 ({as_of} 기준, {months}개월 넘는 공백은 휴면)",
        "en": "Partnership timelines (as of {as_of}; gaps over {months} months shaded as dormant)",
    },
    "hl_tl_reported": {"ko": "날짜 없는 보고 합계 기간", "en": "period of an undated reported total"},
    "hl_tl_reported_note": {
        "ko": "보고 합계 {n}건 ({start} ~ {end}, 날짜 없음)",
        "en": "reported total: {n} exchanges ({start} to {end}, undated)",
    },
    "hl_tl_dormant": {"ko": "휴면 구간", "en": "dormant spell"},
    "hl_tl_dormant_note": {
        "ko": "교류 없음: {start} ~ {end} ({days}일)",
        "en": "no exchange: {start} to {end} ({days} days)",
    },
    "hl_tl_since": {"ko": "{date} 체결 →", "en": "signed {date} →"},
    "hl_gap_span": {"ko": "{start} ~ {end}", "en": "{start} to {end}"},
    "hl_fields_top": {"ko": "주요 분야: {fields}", "en": "main fields: {fields}"},
    "hl_reciprocity_detail": {
        "ko": "접수 {inbound}건·{inbound_people}명, 파견 {outbound}건·{outbound_people}명 (상호 {mutual}건 포함)",
        "en": "inbound {inbound} exchanges, {inbound_people} people; outbound {outbound}, {outbound_people} people (incl. {mutual} mutual)",
    },
    "hl_dependence_detail": {"ko": "{actor}: {n}/{of}건", "en": "{actor}: {n} of {of} exchanges"},
    "hl_rests_on": {"ko": "근거", "en": "Rests on"},
    "rv_title": {"ko": "교류 관계 검토 자료: {tie}", "en": "Partnership review dossier: {tie}"},
    "rv_prepared": {
        "ko": "{as_of} 기준 · asan-kg {version}로 작성",
        "en": "As of {as_of} · prepared with asan-kg {version}",
    },
    "rv_why": {"ko": "검토 사유", "en": "Why this tie is reviewed"},
    "rv_why_dormant": {
        "ko": "휴면: 최근 {months}개월 동안 교류 근거 없음",
        "en": "dormant: no evidence of exchange in the last {months} months",
    },
    "rv_why_low": {
        "ko": "저조: 최근 {months}개월 교류가 연 {threshold}건 미만",
        "en": "low: fewer than {threshold} exchanges a year in the last {months} months",
    },
    "rv_why_review-due": {
        "ko": "다음 검토일({date})이 지남",
        "en": "its next review date ({date}) has passed",
    },
    "rv_timeline": {"ko": "타임라인", "en": "Timeline"},
    "rv_indicators": {"ko": "건강 지표와 근거", "en": "Indicators and their evidence"},
    "rv_h_indicator": {"ko": "지표", "en": "Indicator"},
    "rv_h_value": {"ko": "값", "en": "Value"},
    "rv_h_evidence": {"ko": "근거 등급", "en": "Evidence"},
    "rv_source_says": {
        "ko": "보고서의 판단과 권고(원문)",
        "en": "What the source report says (its own words)",
    },
    "rv_source_none": {
        "ko": "보고서에 이 관계에 대한 판단이 없습니다.",
        "en": "The source report says nothing about this tie.",
    },
    "rv_finding": {"ko": "판단", "en": "Finding"},
    "rv_recommendation": {"ko": "권고", "en": "Recommendation"},
    "rv_lines": {"ko": "{section}, {first}~{last}행", "en": "{section}, lines {first}–{last}"},
    "rv_past": {"ko": "지난 검토 결정", "en": "Past review decisions"},
    "rv_past_none": {"ko": "기록된 검토 결정이 없습니다.", "en": "No review decision is recorded."},
    "rv_past_line": {
        "ko": "{date} {decision} — {by}. 이유: {reasons}. 다음 검토: {next}. 출처: {source}",
        "en": "{date} {decision} — {by}. Reasons: {reasons}. Next review: {next}. Source: {source}",
    },
    "rv_ended": {
        "ko": "이 관계는 {date}에 종료되었습니다. 위키데이터에 종료 시점을 더하세요: {home} P190 {partner} 에 한정어 P582(종료 시점) = {date}.",
        "en": "This tie ended on {date}. Add its end time to Wikidata: on {home} P190 {partner}, the qualifier P582 (end time) = {date}.",
    },
    "rv_form": {"ko": "결정 양식(회의에서 작성)", "en": "Decision form (filled in at the meeting)"},
    "rv_form_date": {"ko": "검토일", "en": "Date of review"},
    "rv_form_decision": {"ko": "결정 (하나에 표시)", "en": "Decision (tick one)"},
    "rv_form_reasons": {"ko": "이유", "en": "Reasons"},
    "rv_form_by": {"ko": "결정 주체", "en": "Decided by"},
    "rv_form_next": {"ko": "다음 검토일", "en": "Next review date"},
    "rv_form_plan": {
        "ko": "재정립 계획(목표, 사업, 담당)",
        "en": "Plan if re-established (goals, projects, who)",
    },
    "rv_form_note": {
        "ko": "작성한 양식은 reviews 시트 한 행으로 옮겨 asan-kg import-reviews 로 가져옵니다.",
        "en": "Copy the completed form into one row of the reviews sheet and bring it in with asan-kg import-reviews.",
    },
    "rv_decision_continue": {"ko": "유지", "en": "continue"},
    "rv_decision_re-establish": {"ko": "계획을 세워 관계 재정립", "en": "re-establish with a plan"},
    "rv_decision_suspend": {"ko": "잠정 중단", "en": "suspend"},
    "rv_decision_end": {"ko": "관계 종료", "en": "end"},
    "rv_none_needed": {
        "ko": "{as_of} 기준 검토가 필요한 관계가 없습니다.",
        "en": "No tie needs a review as of {as_of}.",
    },
    "rv_wrote": {"ko": "검토 자료 {n}건: {path}", "en": "{n} review dossiers: {path}"},
    "rv_imported": {"ko": "검토 {n}건을 가져옴: {path}", "en": "Imported {n} reviews: {path}"},
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
