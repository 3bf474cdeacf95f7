"""The spreadsheet template: columns with Korean and English headers, reading and writing rows.

Two sheets: ``agreements`` (협정) and ``activities`` (활동), as CSV files (UTF-8 with a byte
order mark, so Excel opens Korean correctly) or as one .xlsx workbook. A header may be written
in either language; values are matched on the column's canonical key. Every cell read is NFC
text without our formula guard; every cell written that a spreadsheet would run as a formula
gets the guard (an apostrophe), and XLSX cells are always text, never formulas. Every row of a
workbook is read, whatever its (possibly stale) ``<dimension>`` says.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from asan_kg.core.errors import InputError
from asan_kg.core.files import atomic_write_text, atomic_write_with, ensure_regular
from asan_kg.core.text import cell_text, formula_safe_text


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


@dataclass(frozen=True)
class SheetRows:
    """The rows of one sheet of one file."""

    file: Path
    sheet: str
    rows: list[Row]


def _canonical(sheet: str, header: str) -> str | None:
    text = " ".join(header.replace("\ufeff", "").split()).casefold()
    for column in SHEETS[sheet]:
        if text in (column.key.casefold(), column.en.casefold(), column.ko.casefold()):
            return column.key
    return None


def _sheet_of(name: str, headers: list[str]) -> str:
    for sheet in ("activities", "agreements"):
        keys = {_canonical(sheet, h) for h in headers}
        if {c.key for c in SHEETS[sheet] if c.required} <= keys:
            return sheet
    raise TemplateError(
        f"{name}: the header row (row 1) matches neither the agreements nor the activities template; "
        "write the template with 'asan-kg template' and fill it in"
    )


def _keys(name: str, sheet: str, headers: list[str]) -> list[str | None]:
    keys = [_canonical(sheet, h) for h in headers]
    seen: dict[str, int] = {}
    for number, (header, key) in enumerate(zip(headers, keys, strict=True), start=1):
        if key is None and header.strip():
            raise TemplateError(
                f"{name}: row 1, column {number} '{header}' is not a template column; see 'asan-kg template'"
            )
        if key is not None and key in seen:
            raise TemplateError(f"{name}: row 1, columns {seen[key]} and {number} are both '{key}'; keep one")
        if key is not None:
            seen[key] = number
    return keys


def _rows(name: str, table: list[list[str]]) -> tuple[str, list[Row]]:
    if not table or not any(h.strip() for h in table[0]):
        raise TemplateError(f"{name}: row 1 is empty: there is no header row (an empty sheet?)")
    headers = [cell_text(h) for h in table[0]]
    sheet = _sheet_of(name, headers)
    keys = _keys(name, sheet, headers)
    rows = []
    for offset, cells in enumerate(table[1:], start=2):
        values = {k: cell_text(v) for k, v in zip(keys, cells, strict=False) if k}
        if any(values.values()):
            rows.append((offset, values))
    return sheet, rows


def _cell(value: Any) -> str:
    """An XLSX cell as text: dates as YYYY-MM-DD, whole numbers without '.0'."""
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return str(value.isoformat())[:10]
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_xlsx(path: Path) -> list[SheetRows]:
    import zipfile

    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        # not read-only: a read-only workbook trusts <dimension>, and a stale one drops rows
        book = openpyxl.load_workbook(path, read_only=False, data_only=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError, TypeError) as exc:
        raise TemplateError(
            f"{path}: cannot read the workbook ({type(exc).__name__}); is it a password-protected or "
            "damaged .xlsx? save it again as an unprotected .xlsx"
        ) from None
    out = []
    for ws in book.worksheets:
        table = [[_cell(c) for c in row] for row in ws.iter_rows(values_only=True)]
        if any(any(c.strip() for c in row) for row in table):
            sheet, rows = _rows(f"{path} [{ws.title}]", table)
            out.append(SheetRows(path, sheet, rows))
    return out


def _decode(path: Path, data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise TemplateError(f"{path}: the file is UTF-16 text; save the spreadsheet as 'CSV UTF-8'")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise TemplateError(
            f"{path}: line {line} is not UTF-8 text; save the spreadsheet as 'CSV UTF-8'"
        ) from None


def _read_csv(path: Path) -> list[SheetRows]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise TemplateError(f"{path}: cannot read the file ({exc.strerror})") from exc
    reader = csv.reader(io.StringIO(_decode(path, data), newline=""))
    try:
        table = list(reader)
    except csv.Error as exc:
        raise TemplateError(f"{path}: line {reader.line_num} is not a readable CSV row ({exc})") from None
    if not table:
        raise TemplateError(f"{path}: the file is empty")
    sheet, rows = _rows(str(path), table)
    return [SheetRows(path, sheet, rows)]


def read_sheets(path: Path) -> list[SheetRows]:
    """The sheets of a .csv (one) or .xlsx (both) file, each with its rows."""
    ensure_regular(path, "spreadsheet")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    return _read_csv(path)


def read(path: Path) -> dict[str, list[Row]]:
    """The rows of a .csv (one sheet) or .xlsx (both sheets), keyed by sheet."""
    out: dict[str, list[Row]] = {}
    for part in read_sheets(path):
        out.setdefault(part.sheet, []).extend(part.rows)
    return out


def headers(sheet: str, lang: str) -> list[str]:
    return [c.ko if lang == "ko" else c.en for c in SHEETS[sheet]]


def csv_text(table: list[list[str]]) -> str:
    """A CSV file for Excel: UTF-8 with a byte order mark, CRLF, every formula lead guarded."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows([[formula_safe_text(c) for c in row] for row in table])
    return "\ufeff" + buffer.getvalue()


def write_csv(path: Path, sheet: str, rows: list[dict[str, str]], lang: str) -> None:
    table = [headers(sheet, lang)] + [[row.get(c.key, "") for c in SHEETS[sheet]] for row in rows]
    atomic_write_text(path, csv_text(table))


def write_xlsx(path: Path, sheets: dict[str, list[dict[str, str]]], lang: str) -> None:
    """One workbook; every cell is a text cell (never a formula), formula leads guarded."""
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for sheet, rows in sheets.items():
        ws = book.create_sheet(SHEET_NAMES[sheet][1 if lang == "ko" else 0])
        table = [headers(sheet, lang)] + [[row.get(c.key, "") for c in SHEETS[sheet]] for row in rows]
        for r, values in enumerate(table, start=1):
            for c, value in enumerate(values, start=1):
                cell = ws.cell(row=r, column=c)
                cell.value = formula_safe_text(value)
                cell.data_type = "s"  # text, even where the value would look like a formula
    atomic_write_with(path, lambda tmp: book.save(tmp))


def refuse_existing(paths: list[Path], force: bool) -> None:
    """Refuse to replace files that exist (someone may have filled them in) unless ``force``."""
    existing = [p for p in paths if p.exists() or p.is_symlink()]
    if existing and not force:
        raise InputError(f"{existing[0]} exists; pass --force to replace it (or choose another --out)")
