"""The desk's interface text in Korean and English (kept apart from ``render.i18n``)."""

from __future__ import annotations

import os

from asan_kg.render.i18n import Lang
from asan_kg.render.i18n import t as render_t

_TEXT: dict[str, tuple[str, str]] = {  # key: (ko, en)
    "app_title": ("국제교류 데스크", "Partnership desk"),
    "nav_home": ("교류 관계", "Partnerships"),
    "nav_queries": ("저장된 질의", "Saved queries"),
    "nav_records": ("기록 입력", "Add records"),
    "nav_network": ("관계망", "Network"),
    "nav_report": ("보고서", "Report"),
    "switch_lang": ("English", "한국어"),
    "source_local": ("데이터 폴더: {where}", "Data folder: {where}"),
    "source_remote": ("공유 서버: {where} (그래프 {graph})", "Shared server: {where} (graph {graph})"),
    "entry_disabled_remote": (
        "공유 서버를 읽는 중이므로 기록 입력은 꺼져 있습니다.",
        "Record entry is disabled: the desk is reading a shared server.",
    ),
    "entry_disabled_read_only": (
        "읽기 전용(--read-only)으로 실행 중이므로 기록 입력은 꺼져 있습니다.",
        "Record entry is disabled: the desk runs with --read-only.",
    ),
    "home_title": ("교류 관계 상태", "Partnership status"),
    "home_intro": (
        "{as_of} 기준, {months}개월 기간. 휴면·저조 관계가 먼저 나옵니다.",
        "As of {as_of}, over {months} months. Dormant and low partnerships first.",
    ),
    "h_partner": ("상대 도시", "Partner city"),
    "h_basis": ("근거 유형", "Evidence basis"),
    "h_details": ("근거", "Evidence"),
    "h_last": ("마지막 교류", "Last exchange"),
    "basis_itemized": ("항목별 활동", "itemized activities"),
    "basis_reported": ("보고된 합계", "reported totals"),
    "basis_itemized+reported": ("항목별 활동 + 보고된 합계", "itemized + reported totals"),
    "basis_none": ("교류 근거 없음", "no evidence of exchange"),
    "conc_title": ("교류 집중도 (국가별)", "Concentration of exchange (by country)"),
    "conc_top": ("최대 비중: {label} {share}", "Top share: {label} {share}"),
    "conc_hhi": ("HHI {hhi}, 유효 국가 수 {eff}", "HHI {hhi}, effective number {eff}"),
    "conc_total": ("교류 {total}건, {start} ~ {end}", "{total} exchanges, {start} to {end}"),
    "agreement": ("협정", "Agreement"),
    "kind": ("관계 종류", "Kind"),
    "signed_on": ("체결일", "Signed on"),
    "country": ("국가", "Country"),
    "region": ("세계 지역", "World region"),
    "focus_fields": ("중점 분야", "Focus fields"),
    "exchanges": ("교류 활동", "Exchanges"),
    "no_exchanges": ("항목별 교류 활동이 없습니다.", "No itemized exchanges."),
    "verdict": ("판정", "Verdict"),
    "timeline": ("연표", "Timeline"),
    "indicators": ("지표", "Indicators"),
    "queries_title": ("저장된 질의", "Saved queries"),
    "run": ("실행", "Run"),
    "rows": ("{n}행", "{n} rows"),
    "rows_shown": (
        "{first}–{last}행을 보여 줍니다. 한 쪽에 최대 {size}행까지 보이며, "
        "내려받기에는 모든 행이 들어 있습니다.",
        "Showing rows {first}–{last}: a page shows at most {size} rows; the downloads hold every row.",
    ),
    "page_previous": ("← 이전 쪽", "← Previous page"),
    "page_next": ("다음 쪽 →", "Next page →"),
    "download": ("내려받기", "Download"),
    "optional": ("선택", "optional"),
    "any": ("(전체)", "(any)"),
    "records_title": ("기록 입력", "Add records"),
    "form_activity": ("교류 활동 추가", "Add an exchange activity"),
    "form_agreement": ("협정 추가", "Add an agreement"),
    "form_review": ("관계 검토 결정 기록", "Record a review decision"),
    "f_partnership": ("교류 관계", "Partnership"),
    "f_date": ("검토일", "Review date"),
    "f_decision": ("결정", "Decision"),
    "f_reasons_ko": ("이유(한글)", "Reasons (Korean)"),
    "f_reasons_en": ("이유(영문)", "Reasons (English)"),
    "f_decided_by_ko": ("결정 주체(한글)", "Decided by (Korean)"),
    "f_decided_by_en": ("결정 주체(영문)", "Decided by (English)"),
    "f_next_review": ("다음 검토일", "Next review date"),
    "save": ("검사 후 저장", "Check and save"),
    "saved": ("저장했습니다: {what} → {file}", "Saved: {what} → {file}"),
    "not_saved": (
        "저장하지 않았습니다. 표시된 항목을 고치세요.",
        "Nothing was saved. Fix the fields marked.",
    ),
    "entered_by": ("입력자", "Entered by"),
    "records_note": (
        "입력은 SHACL 형상과 위반 검사를 통과해야 {file}에 기록됩니다 (출처: 데스크, 시각, 입력자).",
        "An entry is written to {file} only after it passes the SHACL shapes and the violation checks "
        "(with provenance: the desk, the time, the user).",
    ),
    "f_agreements": ("교류 관계(협정)", "Partnership (agreement)"),
    "f_title_ko": ("제목(한글)", "Title (Korean)"),
    "f_title_en": ("제목(영문)", "Title (English)"),
    "f_types": ("활동 유형", "Activity type"),
    "f_direction": ("방향", "Direction"),
    "f_start_date": ("시작일", "Start date"),
    "f_end_date": ("종료일", "End date"),
    "f_statistics_field": ("통계 분야", "Statistics field"),
    "f_persons": ("인원", "Persons"),
    "f_purpose_ko": ("목적(한글)", "Purpose (Korean)"),
    "f_id": ("식별자(영문 소문자, 숫자, -)", "Identifier (lower-case letters, digits, -)"),
    "f_kind": ("관계 종류", "Kind"),
    "f_signed_on": ("체결일", "Signed on"),
    "f_focus_fields": ("중점 분야", "Focus fields"),
    "f_partner_city_en": ("상대 도시(영문)", "Partner city (English)"),
    "f_partner_city_ko": ("상대 도시(한글)", "Partner city (Korean)"),
    "f_partner_country": ("상대 국가(ISO 3166 두 글자)", "Partner country (ISO 3166, two letters)"),
    "f_partner_country_en": ("상대 국가(영문, 새 국가일 때)", "Partner country (English, if new)"),
    "f_partner_country_ko": ("상대 국가(한글, 새 국가일 때)", "Partner country (Korean, if new)"),
    "f_partner_country_region": ("상대 국가 지역(새 국가일 때)", "Partner country region (if new)"),
    "f_user": ("입력자", "Entered by"),
    "timeout_title": ("시간 초과", "Timed out"),
    "timeout_body": (
        "요청이 {seconds}초 안에 끝나지 않아 중단했습니다. 조건을 좁히거나 --timeout을 늘리세요.",
        "The request did not finish within {seconds} s and was stopped. Narrow it down or raise --timeout.",
    ),
    "forbidden_title": ("거부됨", "Refused"),
    "forbidden_token": (
        "이 요청에는 데스크가 발급한 토큰이 없거나 맞지 않습니다. 페이지를 새로 고친 뒤 다시 보내세요.",
        "This request carries no valid desk token. Reload the page and submit again.",
    ),
    "forbidden_origin": (
        "다른 사이트에서 보낸 요청은 받지 않습니다.",
        "Requests sent from another site are refused.",
    ),
    "not_found": ("찾을 수 없습니다", "Not found"),
    "error_title": ("오류", "Error"),
}

#: Column labels of saved-query results (variables not listed are shown as they are).
_COLUMNS: dict[str, tuple[str, str]] = {
    "activity": ("활동", "Activity"),
    "activity_label": ("활동명", "Activity"),
    "start": ("시작일", "Start"),
    "end": ("종료일", "End"),
    "direction_label": ("방향", "Direction"),
    "types": ("유형", "Types"),
    "partnerships": ("교류 관계", "Partnerships"),
    "partnership": ("교류 관계", "Partnership"),
    "partnership_label": ("교류 관계", "Partnership"),
    "partner": ("상대 도시", "Partner city"),
    "partner_label": ("상대 도시", "Partner city"),
    "partners": ("상대 도시", "Partner cities"),
    "kind": ("관계 종류", "Kind"),
    "kind_label": ("관계 종류", "Kind"),
    "country": ("국가", "Country"),
    "country_label": ("국가", "Country"),
    "iso": ("ISO 코드", "ISO code"),
    "region_label": ("세계 지역", "World region"),
    "signed_on": ("체결일", "Signed on"),
    "focus_fields": ("중점 분야", "Focus fields"),
    "field_label": ("분야", "Field"),
    "exchanges": ("교류 건수", "Exchanges"),
    "year": ("연도", "Year"),
    "label": ("이름", "Label"),
    "last_start": ("마지막 활동", "Last activity"),
    "count": ("건수", "Count"),
    "from": ("기간 시작", "From"),
    "to": ("기간 끝", "To"),
    "lang": ("언어", "Language"),
    "since": ("기준일", "Since"),
    "as_of": ("기준일", "As of"),
    "asof": ("기준일", "As of"),
    "text": ("찾을 말", "Text"),
}

_ERRORS: dict[str, str] = {  # Korean field errors, keyed by a reason class of the import pipeline
    "required": "필수 항목입니다. 값을 적으세요.",
    "date_format": "'{value}'은(는) 날짜 형식이 아닙니다. YYYY-MM-DD로 적으세요(예: 2014-12-31).",
    "date_real": "'{value}'은(는) 달력에 없는 날짜입니다. 실제 날짜를 YYYY-MM-DD로 적으세요.",
    "end_before_start": "종료일이 시작일보다 빠릅니다.",
    "unknown_value": "목록에 없는 값입니다. 목록에서 고르세요.",
    "unknown_agreement": "그래프에 없는 협정입니다. 목록에서 고르세요.",
    "duplicate": "같은 관계·시작일·제목의 활동이나 같은 식별자의 협정이 이미 있습니다.",
    "slug": "영문 소문자, 숫자, 하이픈(-)만 쓸 수 있습니다.",
    "number": "'{value}'은(는) 정수가 아닙니다.",
    "country": "두 글자 ISO 3166 국가 코드를 적으세요(예: CN). 새 국가면 영문·한글 이름과 지역도 적으세요.",
    "other": "입력값을 확인하세요: {reason}",
}


def default_lang(explicit: str | None = None) -> Lang:
    """``--lang`` if given, else Korean where the system locale is Korean (LC_ALL, LANG), else English."""
    if explicit in ("ko", "en"):
        return explicit  # type: ignore[return-value]
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "ASAN_KG_LANG"):
        value = os.environ.get(name, "")
        if value:
            return "ko" if value.lower().startswith("ko") else "en"
    return "en"


def t(key: str, lang: Lang, **values: object) -> str:
    """A desk string; falls back to the report's strings (statuses, headings) for other keys."""
    if key in _TEXT:
        text = _TEXT[key][0 if lang == "ko" else 1]
        return text.format(**values) if values else text
    return render_t(key, lang, **values)


def column(variable: str, lang: Lang) -> str:
    """The label of a result column in ``lang``."""
    pair = _COLUMNS.get(variable)
    return pair[0 if lang == "ko" else 1] if pair else variable.replace("_", " ")


def field_error(reason: str, value: str = "") -> str:
    """A Korean message for one problem the import pipeline found in a field."""
    lowered = reason.lower()
    rules = (
        ("required value missing", "required"),
        ("is not a real date", "date_real"),
        ("is not a date", "date_format"),
        ("before it starts", "end_before_start"),
        ("unknown partner agreement", "unknown_agreement"),
        ("unknown value", "unknown_value"),
        ("duplicate", "duplicate"),
        ("lower-case letters", "slug"),
        ("whole number", "number"),
        ("country", "country"),
    )
    for needle, key in rules:
        if needle in lowered:
            return _ERRORS[key].format(value=value, reason=reason)
    return _ERRORS["other"].format(value=value, reason=reason)
