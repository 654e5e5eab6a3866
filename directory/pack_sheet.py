"""The directory as one spreadsheet and back: services, areas and needs, a row each.

For partnerships that keep their directory in a spreadsheet. Values are written as people read
them: lists one item a line, numbers and opening hours as text, records (a phone, an opening
time, an address) as `field=value | field=value`. Importing changes only the values that differ,
through ruamel.yaml's round trip, so comments, order and quoting survive and an unchanged sheet
changes nothing. Translations, self-help pages, the glossary, crisis.yml and site.yml stay in
their files. Imports nothing of Flask.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from .content import SERVICE_OPTIONAL, SERVICE_REQUIRED
from .content.model import ServiceFile

NOT_IN_SHEET = ("translations", "source")
SERVICE_COLUMNS = ("slug", *SERVICE_REQUIRED, *(k for k in SERVICE_OPTIONAL
                                                  if k not in NOT_IN_SHEET))
AREA_COLUMNS = ("slug", "name", "postcode_districts")
NEED_COLUMNS = ("slug", "name", "description", "words", "risk_phrases", "not_risk", "context")
SHEETS = {"Services": SERVICE_COLUMNS, "Areas": AREA_COLUMNS, "Needs": NEED_COLUMNS}


def _kinds(model) -> dict[str, set[str]]:
    """How each field of a model is written in a cell, read from its JSON Schema."""
    kinds: dict[str, set[str]] = {k: set() for k in ("int", "bool", "date", "list", "records",
                                                      "record")}
    for name, spec in model.model_json_schema()["properties"].items():
        spec = next((s for s in spec.get("anyOf", [spec]) if s.get("type") != "null"), spec)
        items = spec.get("items", {})
        kind = ("int" if spec.get("type") == "integer" else "bool" if spec.get("type") == "boolean"
                else "date" if spec.get("format") == "date"
                else "records" if spec.get("type") == "array" and "$ref" in items
                else "list" if spec.get("type") == "array" else "record" if "$ref" in spec
                else None)
        if kind:
            kinds[kind].add(name)
    return kinds


SERVICE_KINDS = _kinds(ServiceFile)
INTS = SERVICE_KINDS["int"]
BOOLS = SERVICE_KINDS["bool"] | {"context"}
DATES = SERVICE_KINDS["date"]
LISTS = SERVICE_KINDS["list"] | {"postcode_districts", "words", "risk_phrases", "not_risk"}
RECORDS = SERVICE_KINDS["records"]  # a list of records, one a line
RECORD = SERVICE_KINDS["record"]
QUOTED = {"number", "opens_at", "closes_at"}  # numbers people dial and times: always in quotes
BLOCK = {"description"}  # kept as a `|` block of lines


# --------------------------------------------------------------------------- cells

def _record_text(item: dict) -> str:
    return " | ".join(f"{k}={','.join(map(str, v)) if isinstance(v, list) else v}"
                      for k, v in item.items())


def to_cell(key: str, value: Any) -> Any:
    """A field's value as a spreadsheet cell."""
    if value is None:
        return None
    if key in INTS and isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if key in RECORDS and isinstance(value, list):
        return "\n".join(_record_text(dict(x)) if isinstance(x, dict) else str(x) for x in value)
    if key in RECORD and isinstance(value, dict):
        return _record_text(dict(value))
    if isinstance(value, list):
        return "\n".join(str(x) for x in value)
    return str(value).strip()


def _record(text: str) -> dict:
    out: dict[str, Any] = {}
    for part in text.split(" | "):
        key, _, value = part.partition("=")
        key, value = key.strip(), value.strip()
        if key:
            out[key] = [d.strip() for d in value.split(",") if d.strip()] if key == "byday" \
                else value
    return out


def from_cell(key: str, cell: Any) -> Any:
    """A spreadsheet cell back to a field's value (None when empty)."""
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return None
    if isinstance(cell, dt.datetime):
        cell = cell.date()
    if key in INTS:
        return int(cell)
    if key in BOOLS:
        return str(cell).strip().lower() in ("true", "yes", "1")
    if key in DATES:
        return cell if isinstance(cell, dt.date) else dt.date.fromisoformat(str(cell).strip())
    text = str(cell)
    if key in RECORDS:
        return [_record(line) for line in text.splitlines() if line.strip()]
    if key in RECORD:
        return _record(text)
    if key in LISTS:
        return [line.strip() for line in text.splitlines() if line.strip()]
    return text.strip()


def _plain(value: Any) -> Any:
    """A value from either YAML library as plain Python, for comparing."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        # A list's items are compared as text: a sheet cannot tell the word 18 from the number.
        return [str(v).strip() if isinstance(v, int | float | str) and not isinstance(v, bool)
                else _plain(v) for v in value]
    if isinstance(value, str):
        return value.strip()
    return value


# --------------------------------------------------------------------------- export

def export_pack(root: Path, path: str | Path) -> dict[str, int]:
    """Write services, areas and needs to a workbook; returns rows per sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    book.remove(book.active)
    counts = {}
    for title, columns in SHEETS.items():
        sheet = book.create_sheet(title)
        sheet.append(columns)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for item in _items(root, title):
            sheet.append([to_cell(k, item.get(k)) for k in columns])
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # never a formula, never a number
                    cell.number_format = "@"
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.freeze_panes = "B2"
        counts[title] = sheet.max_row - 1
    book.save(path)
    return counts


def _items(root: Path, title: str) -> list[dict]:
    if title == "Services":
        out = []
        for file in sorted((root / "services").glob("*.yml")):
            data = yaml.safe_load(file.read_text(encoding="utf-8"))
            if isinstance(data, dict):
                out.append({"slug": file.stem, **data})
        return out
    data = yaml.safe_load((root / f"{title.lower()}.yml").read_text(encoding="utf-8")) or []
    return [item for item in data if isinstance(item, dict)]


# --------------------------------------------------------------------------- import

def _sheet_rows(book, title: str) -> list[dict]:
    if title not in book.sheetnames:
        return []
    rows = list(book[title].iter_rows(values_only=True))
    if not rows:
        return []
    header = [str(h) if h is not None else "" for h in rows[0]]
    unknown = [h for h in header if h and h not in SHEETS[title]]
    if unknown:
        raise ValueError(f"sheet {title}: column {unknown[0]!r} is not a field Signpost knows")
    return [dict(zip(header, row, strict=False)) for row in rows[1:]
            if any(v not in (None, "") for v in row)]


def _update(data, row: dict, columns: tuple[str, ...]) -> list[str]:
    """Set the fields of data that differ from the row; returns the names changed."""
    from ruamel.yaml.scalarstring import LiteralScalarString

    from .yaml_edit import quoted

    changed = []
    for key in columns:
        if key == "slug" or key not in row:
            continue
        new = from_cell(key, row[key])
        if _plain(new) == _plain(data.get(key)):
            continue
        changed.append(key)
        if new is None:
            del data[key]
            continue
        if key in RECORDS:
            new = [{k: quoted(v) if k in QUOTED else v for k, v in item.items()} for item in new]
        elif key in BLOCK and "\n" in new:
            new = LiteralScalarString(new + "\n")
        data[key] = new
    return changed


def import_pack(workbook: str | Path, root: Path) -> list[str]:
    """Write a workbook's services, areas and needs into a pack; returns what changed."""
    from openpyxl import load_workbook

    from .yaml_edit import load, save

    book = load_workbook(workbook, data_only=True)
    missing = [t for t in SHEETS if t not in book.sheetnames]
    if len(missing) == len(SHEETS):
        raise ValueError(f"{workbook} has none of the sheets {', '.join(SHEETS)}")
    report = []
    for row in _sheet_rows(book, "Services"):
        slug = str(row.get("slug") or "").strip()
        if not slug:
            raise ValueError("sheet Services: a row has no slug")
        path = root / "services" / f"{slug}.yml"
        data = load(path) if path.exists() else None
        if data is None:
            from ruamel.yaml.comments import CommentedMap

            data = CommentedMap()
        changed = _update(data, row, SERVICE_COLUMNS)
        if changed or not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            save(path, data)
            report.append(f"services/{slug}.yml: " + (", ".join(changed) or "new"))
    for title, name in (("Areas", "areas.yml"), ("Needs", "needs.yml")):
        rows = _sheet_rows(book, title)
        if not rows:
            continue
        path = root / name
        items = load(path) if path.exists() else None
        if items is None:
            from ruamel.yaml.comments import CommentedSeq

            items = CommentedSeq()
        by_slug = {str(item.get("slug")): item for item in items if hasattr(item, "get")}
        touched = []
        for row in rows:
            slug = str(row.get("slug") or "").strip()
            if not slug:
                raise ValueError(f"sheet {title}: a row has no slug")
            if slug not in by_slug:
                from ruamel.yaml.comments import CommentedMap

                by_slug[slug] = CommentedMap(slug=slug)
                items.append(by_slug[slug])
                touched.append(f"{slug} (new)")
            changed = _update(by_slug[slug], row, SHEETS[title])
            if changed:
                touched.append(f"{slug}: {', '.join(changed)}")
        if touched:
            save(path, items)
            report.append(f"{name}: " + "; ".join(touched))
    return report
