"""services/<slug>.yml: one service per file, validated by the content model (model.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .checks import service_warnings, without_unknown_fields
from .errors import report
from .model import ServiceFile
from .objects import Address, Phone, Schedule, Service, Site, TextLine
from .problems import Problem, _Problems, _rel
from .read import _read_yaml
from .values import NATIONAL, SLUG_RE

# Fields the file and the Service object share, copied as validated.
SAME = tuple(k for k in ServiceFile.model_fields
             if k in Service.__dataclass_fields__ and k not in ("schedules", "phones", "texts",
                                                               "address"))


def _load_service(path: Path, root: Path, area_slugs: set[str], need_slugs: set[str],
                  site: Site, today: dt.date, problems: list[Problem]) -> Service | None:
    name = _rel(path, root)
    p = _Problems(name, problems)
    slug = path.stem
    if not SLUG_RE.match(slug):
        p.error(None, "(file)", f"the file name '{path.name}' is not a valid slug",
                "rename it with lowercase letters, digits and hyphens, e.g. kooth.yml")
        return None
    data = _read_yaml(path, root, problems)
    if data is None:
        return None
    if not isinstance(data, dict):
        p.error(data, "(file)", "should be a list of fields like 'name: ...'",
                "see content/README.md for a service file")
        return None
    known = without_unknown_fields(data, ServiceFile, p)
    try:
        entry = ServiceFile.model_validate(known, context={
            "areas": area_slugs | {NATIONAL}, "needs": need_slugs, "today": today})
    except ValidationError as exc:
        report(exc, data, p, ServiceFile)
        return None
    service_warnings(entry, data, p, site, today)
    return service_from(slug, entry)


def _minutes(time: str) -> int:
    hours, minutes = time.split(":")
    return int(hours) * 60 + int(minutes)


def service_from(slug: str, entry: ServiceFile) -> Service:
    """The site's Service object from a validated service file."""
    fields: dict[str, Any] = {k: getattr(entry, k) for k in SAME}
    address = entry.address
    return Service(
        slug=slug, **fields,
        schedules=tuple(Schedule(s.byday, _minutes(s.opens_at), _minutes(s.closes_at))
                        for s in entry.schedules),
        phones=tuple(Phone(x.number, x.description) for x in entry.phones),
        texts=tuple(TextLine(x.number, x.message, x.description) for x in entry.texts),
        address=Address(address.address_1, address.city, address.postal_code)
        if address else None,
    )
