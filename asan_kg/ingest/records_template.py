"""The spreadsheet template: columns with Korean and English headers, reading and writing rows.

Two sheets: ``agreements`` (협정) and ``activities`` (활동), as CSV files (UTF-8 with a byte
order mark, so Excel opens Korean correctly) or as one .xlsx workbook. A header may be written
in either language; values are matched on the column's canonical key.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from asan_kg.core.errors import InputError
from asan_kg.core.files import atomic_write_text


@dataclass(frozen=True)
class Column:
    key: str
    en: str
    ko: str
    required: bool = False


AGREEMENTS = [
    Column("id", "id", "식별자", True),
    Column("kind", "kind", "관계 종류", True),
    Column("signed_on", "signed on (YYYY-MM-DD)", "체결일(YYYY-MM-DD)"),
    Column("signing_activity", "signing activity id", "체결 활동 식별자"),
    Column("focus_fields", "focus fields (; between)", "중점교류 분야(; 구분)"),
    Column("home_city_en", "home city (English)", "기준 도시(영문)", True),
    Column("home_city_ko", "home city (Korean)", "기준 도시(한글)", True),
    Column("home_country", "home country (ISO 3166)", "기준 국가(ISO 3166)", True),
    Column("home_country_en", "home country (English)", "기준 국가(영문)"),
    Column("home_country_ko", "home country (Korean)", "기준 국가(한글)"),
    Column("home_country_region", "home country region (UN M49)", "기준 국가 지역(UN M49)"),
    Column("partner_city_en", "partner city (English)", "상대 도시(영문)", True),
    Column("partner_city_ko", "partner city (Korean)", "상대 도시(한글)", True),
    Column("partner_country", "partner country (ISO 3166)", "상대 국가(ISO 3166)", True),
    Column("partner_country_en", "partner country (English)", "상대 국가(영문)"),
    Column("partner_country_ko", "partner country (Korean)", "상대 국가(한글)"),
    Column("partner_country_region", "partner country region (UN M49)", "상대 국가 지역(UN M49)"),
    Column("home_party_en", "home party (English)", "우리 측 당사자(영문)"),
    Column("home_party_ko", "home party (Korean)", "우리 측 당사자(한글)"),
    Column("partner_party_en", "partner party (English)", "상대 측 당사자(영문)"),
    Column("partner_party_ko", "partner party (Korean)", "상대 측 당사자(한글)"),
    Column("label_en", "name (English)", "이름(영문)"),
    Column("label_ko", "name (Korean)", "이름(한글)"),
    Column("source", "source", "출처"),
]

ACTIVITIES = [
    Column("id", "id", "식별자", True),
    Column("agreements", "agreement ids (; between)", "관련 협정(; 구분)", True),
    Column("title_en", "title (English)", "제목(영문)", True),
    Column("title_ko", "title (Korean)", "제목(한글)", True),
    Column("types", "activity types (; between)", "활동 유형(; 구분)", True),
    Column("direction", "direction", "방향"),
    Column("start_date", "start date (YYYY-MM-DD)", "시작일(YYYY-MM-DD)", True),
    Column("end_date", "end date (YYYY-MM-DD)", "종료일(YYYY-MM-DD)", True),
    Column("statistics_field", "statistics field", "통계 분야"),
    Column("persons", "persons", "인원"),
    Column("companies", "companies", "업체 수"),
    Column("purpose_en", "purpose (English)", "목적(영문)"),
    Column("purpose_ko", "purpose (Korean)", "목적(한글)"),
    Column("source", "source", "출처"),
]

SHEETS = {"agreements": AGREEMENTS, "activities": ACTIVITIES}
SHEET_NAMES = {"agreements": ("agreements", "협정"), "activities": ("activities", "활동")}


class TemplateError(InputError):
    """A file that is not a filled-in template (unknown header, missing column, unreadable)."""


Row = tuple[int, dict[str, str]]  # (line or row number in the file, canonical key -> value)


def _canonical(sheet: str, header: str) -> str | None:
    text = " ".join(header.replace("\ufeff", "").split()).casefold()
    for column in SHEETS[sheet]:
        if text in (column.key.casefold(), column.en.casefold(), column.ko.casefold()):
            return column.key
    return None


def _sheet_of(headers: list[str]) -> str:
    for sheet in ("activities", "agreements"):
        keys = {_canonical(sheet, h) for h in headers}
        if {c.key for c in SHEETS[sheet] if c.required} <= keys:
            return sheet
    raise TemplateError(
        "the header row matches neither the agreements nor the activities template; "
        "write the template with 'asan-kg template' and fill it in"
    )


def _rows(name: str, table: list[list[str]], first_line: int = 1) -> tuple[str, list[Row]]:
    if not table:
        raise TemplateError(f"{name}: the file is empty")
    headers = [str(h or "") for h in table[0]]
    sheet = _sheet_of(headers)
    keys = [_canonical(sheet, h) for h in headers]
    unknown = [h for h, k in zip(headers, keys, strict=True) if k is None and h.strip()]
    if unknown:
        raise TemplateError(f"{name}: unknown column(s) {', '.join(unknown)}; see 'asan-kg template'")
    rows = []
    for offset, cells in enumerate(table[1:], start=1):
        values = {k: str(v if v is not None else "").strip() for k, v in zip(keys, cells, strict=False) if k}
        if any(values.values()):
            rows.append((first_line + offset, values))
    return sheet, rows


def read(path: Path) -> dict[str, list[Row]]:
    """The rows of a .csv (one sheet) or .xlsx (both sheets), keyed by sheet."""
    if path.suffix.lower() == ".xlsx":
        import openpyxl

        try:
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # not a workbook
            raise TemplateError(f"{path}: cannot read the workbook ({exc})") from exc
        out: dict[str, list[Row]] = {}
        for ws in book.worksheets:
            table = [
                [
                    ("" if c is None else (c.isoformat()[:10] if hasattr(c, "isoformat") else str(c)))
                    for c in row
                ]
                for row in ws.iter_rows(values_only=True)
            ]
            if table:
                sheet, rows = _rows(f"{path} [{ws.title}]", table)
                out.setdefault(sheet, []).extend(rows)
        return out
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TemplateError(f"{path}: not UTF-8 text; save the spreadsheet as 'CSV UTF-8'") from exc
    except OSError as exc:
        raise TemplateError(f"{path}: cannot read the file ({exc.strerror})") from exc
    sheet, rows = _rows(str(path), list(csv.reader(io.StringIO(text))))
    return {sheet: rows}


def headers(sheet: str, lang: str) -> list[str]:
    return [c.ko if lang == "ko" else c.en for c in SHEETS[sheet]]


def write_csv(path: Path, sheet: str, rows: list[dict[str, str]], lang: str) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers(sheet, lang))
    for row in rows:
        writer.writerow([row.get(c.key, "") for c in SHEETS[sheet]])
    atomic_write_text(path, "\ufeff" + buffer.getvalue())


def write_xlsx(path: Path, sheets: dict[str, list[dict[str, str]]], lang: str) -> None:
    import tempfile

    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for sheet, rows in sheets.items():
        ws = book.create_sheet(SHEET_NAMES[sheet][1 if lang == "ko" else 0])
        ws.append(headers(sheet, lang))
        for row in rows:
            ws.append([row.get(c.key, "") for c in SHEETS[sheet]])
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".xlsx", delete=False) as tmp:
        book.save(tmp.name)
    Path(tmp.name).replace(path)
