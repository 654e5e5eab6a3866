"""Open Referral UK 3.0 JSON into content files, with a report of what mapped and what did not.

Nothing is dropped silently: what has no home in a Signpost service file goes into its `source:`
block (which the loader accepts and ignores) so it can be mapped later. Imported entries are
marked needs_checking with a check_note, and have no last_checked: nobody has confirmed them yet.
Imports nothing of Flask.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .content import (
    DAYS,
    EMAIL_RE,
    NATIONAL,
    SERVICE_REQUIRED,
    SUMMARY_MAX,
    URL_RE,
    Content,
    ServiceFile,
)
from .openreferral import (
    CHECKING_TAXONOMY,
    DELIVERY_NAMES,
    DELIVERY_TAXONOMY,
    NATIONAL_NAME,
    NEEDS_TAXONOMY,
    REFERRAL_NAMES,
    REFERRAL_TAXONOMY,
    TAXONOMIES,
    TEXT_ONLY,
)
from .phones import check_number

NATIONAL_NAMES = {NATIONAL, NATIONAL_NAME.casefold(), "national", "united kingdom", "uk",
                  "uk-wide", "nationwide"}
TIME_RE = re.compile(r"^(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$")
SEND_WORD_RE = re.compile(r"^Send the word (.+?)\.(?:\s+|$)")
# Fields of an ORUK service that the mapping below reads; anything else goes to source:.
READ = {"id", "name", "summary", "description", "url", "email", "status", "fees", "minimum_age",
        "maximum_age", "eligibility_description", "application_process", "wait_time",
        "organization", "organization_id", "schedules", "service_areas", "service_at_locations",
        "languages", "phones", "cost_options", "attributes", "assured_date"}
TIMEOUT = 20


class ImportError_(RuntimeError):
    """A source that cannot be read at all, said plainly."""


@dataclass
class Report:
    """What an import did, for people: mapped, not mapped, to check."""

    written: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    unmapped: list[str] = field(default_factory=list)
    to_check: list[str] = field(default_factory=list)
    not_loadable: list[str] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)
    pack_files: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The report as lines of text."""
        out = [f"Wrote {len(self.written)} service file(s)."]
        out += [f"  {w}" for w in self.written]
        for title, items in (
            ("Not written (already there; use --overwrite to replace)", self.skipped),
            ("Pack files written so the folder loads", self.pack_files),
            ("Taxonomy terms read", self.terms),
            ("Not mapped (kept under source: in the file)", self.unmapped),
            ("Needs checking (every imported entry is needs_checking: true)", self.to_check),
            ("Will not show until fixed (run `.venv/bin/flask --app wsgi content check --path DIR`)",
             self.not_loadable),
        ):
            if items:
                out.append(f"{title}: {len(items)}")
                out += [f"  {i}" for i in items]
        return out


# --------------------------------------------------------------------------- reading

def read_source(source: str, max_pages: int | None = None) -> list[tuple[str, Any]]:
    """Every JSON document in a file, a folder of .json files, or a running ORUK API."""
    if re.match(r"^https?://", source):
        return _read_api(source.rstrip("/"), max_pages)
    path = Path(source)
    if path.is_dir():
        files = sorted(path.glob("*.json"))
        if not files:
            raise ImportError_(f"{path} has no .json files")
        return [(str(f), _read_file(f)) for f in files]
    if path.is_file():
        return [(str(path), _read_file(path))]
    raise ImportError_(f"{source} is not a file, a folder or an http(s) address")


def _read_file(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ImportError_(f"{path} cannot be read as JSON: {exc}") from exc


def _fetch(url: str) -> Any:
    request = urllib.request.Request(url, headers={"Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310
            return json.loads(response.read().decode("utf-8"))
    except (OSError, ValueError) as exc:
        raise ImportError_(f"{url} did not answer with JSON: {exc}") from exc


def _read_api(base: str, max_pages: int | None) -> list[tuple[str, Any]]:
    """The full record of every service an API lists, page by page (up to max_pages)."""
    documents, page = [], 1
    while max_pages is None or page <= max_pages:
        url = f"{base}/services?page={page}&per_page=50"
        listing = _fetch(url)
        items = listing.get("contents") or [] if isinstance(listing, dict) else []
        for item in items:
            sid = urllib.parse.quote(str(item.get("id", "")), safe="")
            full_url = f"{base}/services/{sid}"
            documents.append((full_url, _fetch(full_url)))
        if not items or listing.get("last_page", True) or page >= listing.get("total_pages", 1):
            break
        page += 1
    return documents


def records(documents: list[tuple[str, Any]]) -> tuple[list[tuple[str, dict]], list[dict]]:
    """(where, service) and taxonomy terms found in the documents, whatever their envelope."""
    services, terms = [], []
    for where, data in documents:
        items = data.get("contents") if isinstance(data, dict) and "contents" in data else data
        for item in items if isinstance(items, list) else [items]:
            if not isinstance(item, dict):
                continue
            if isinstance(item.get("service"), dict) and "location" in item:
                item = {**item["service"], "service_at_locations": [item]}
            if "status" in item or "organization" in item:
                services.append((where, item))
            elif "taxonomy" in item or "taxonomy_id" in item or "term" in item:
                terms.append(item)
    return services, terms


# --------------------------------------------------------------------------- mapping

def _slugify(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")
    return slug[:60].rstrip("-") or "service"


def _vocabulary(content: Content) -> dict[str, dict[str, str]]:
    """Names and slugs the pack knows, casefolded, to their slugs."""
    needs = {n.slug: n.slug for n in content.needs} | {n.name.casefold(): n.slug
                                                        for n in content.needs}
    areas = {a.slug: a.slug for a in content.areas} | {a.name.casefold(): a.slug
                                                        for a in content.areas}
    delivery = {k: k for k in DELIVERY_NAMES} | {v[0].casefold(): k
                                                 for k, v in DELIVERY_NAMES.items()}
    referral = {k: k for k in REFERRAL_NAMES} | {v[0].casefold(): k
                                                 for k, v in REFERRAL_NAMES.items()}
    return {"needs": needs, "areas": areas, "delivery": delivery, "referral": referral}


def map_term(term: dict, vocab: dict) -> tuple[str, str] | None:
    """(kind, slug) for a taxonomy term Signpost knows: a need, a way of getting help..."""
    taxonomy = str(term.get("taxonomy") or "")
    keys = [str(term.get(k) or "").casefold().strip() for k in ("term", "name")]
    kinds = {TAXONOMIES[NEEDS_TAXONOMY][0]: "needs", TAXONOMIES[DELIVERY_TAXONOMY][0]: "delivery",
             TAXONOMIES[REFERRAL_TAXONOMY][0]: "referral",
             TAXONOMIES[CHECKING_TAXONOMY][0]: "checking"}
    kind = kinds.get(taxonomy)
    if kind == "checking":
        return ("checking", keys[0])
    for candidate in ([kind] if kind else ["needs"]):
        for key in keys:
            if key in vocab[candidate]:
                return candidate, vocab[candidate][key]
    return None


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _age(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return int(value) if 0 <= value <= 120 else None


def _time(value: Any) -> str | None:
    match = TIME_RE.match(_text(value))
    if not match:
        return None
    hours, minutes = int(match.group(1)), int(match.group(2))
    if (hours, minutes) == (24, 0) or (hours < 24 and minutes < 60):
        return f"{hours:02d}:{minutes:02d}"
    return None


def map_service(record: dict, where: str, vocab: dict, today: dt.date
                ) -> tuple[dict, dict, list[str], list[str]]:
    """(service fields, source block, what did not map, what to check) for one ORUK record."""
    out: dict[str, Any] = {}
    source: dict[str, Any] = {}
    notes: list[str] = []
    checks: list[str] = []

    def keep(key: str, value: Any, why: str) -> None:
        source.setdefault(key, []).append(value)
        notes.append(f"{key}: {why}")

    out["name"] = _text(record.get("name"))
    org = record.get("organization") if isinstance(record.get("organization"), dict) else {}
    out["organization"] = _text(org.get("name"))
    if not out["organization"]:
        checks.append("organization: the record names no organisation")
    description = _text(record.get("description"))
    summary = _text(record.get("summary"))
    if not summary and description:
        first = " ".join(description.split()).split(". ")[0].rstrip(".") + "."
        summary = first if len(first) <= SUMMARY_MAX else ""
    out["summary"] = summary
    out["description"] = description
    minimum, maximum = _age(record.get("minimum_age")), _age(record.get("maximum_age"))
    out["eligibility_description"] = _text(record.get("eligibility_description"))
    out["minimum_age"] = minimum
    out["maximum_age"] = maximum

    areas: list[str] = []
    for item in record.get("service_areas") or []:
        name = _text(item.get("name") or item.get("service_area")) if isinstance(item, dict) else ""
        key = name.casefold()
        if key in NATIONAL_NAMES:
            areas.append(NATIONAL)
        elif key in vocab["areas"]:
            areas.append(vocab["areas"][key])
        else:
            keep("service_areas", item, f"'{name[:60]}' is not an area in this pack")
    out["service_areas"] = list(dict.fromkeys(areas))

    found: dict[str, list[str]] = {"needs": [], "delivery": [], "referral": []}
    check_notes = []
    for attribute in record.get("attributes") or []:
        term = attribute.get("taxonomy_term") if isinstance(attribute, dict) else None
        mapped = map_term(term, vocab) if isinstance(term, dict) else None
        if mapped is None:
            label = _text((term or {}).get("name")) if isinstance(term, dict) else ""
            keep("attributes", attribute, f"taxonomy term '{label[:60]}' matches no need")
        elif mapped[0] == "checking":
            check_notes.append(_text(attribute.get("value")))
        else:
            found[mapped[0]].append(mapped[1])
    for kind, values in found.items():
        out[kind] = list(dict.fromkeys(values))

    phones, texts = [], []
    for item in record.get("phones") or []:
        number = check_number(item.get("number")) if isinstance(item, dict) else None
        if number is None or number.number is None:
            keep("phones", item, number.problem if number else "not a phone entry")
            continue
        description = _text(item.get("description"))
        if description.startswith(TEXT_ONLY):
            rest = description.removeprefix(TEXT_ONLY).strip()
            word = SEND_WORD_RE.match(rest)
            entry = {"number": number.number}
            if word:
                entry["message"] = word.group(1)
                rest = rest[word.end():].strip()
            if rest:
                entry["description"] = rest
            texts.append(entry)
        else:
            phones.append({"number": number.number, **({"description": description}
                                                       if description else {})})
    if not out["delivery"]:
        inferred = (["in-person"] if record.get("service_at_locations") else []) + \
            (["phone"] if phones else []) + (["text"] if texts else []) + \
            (["online"] if record.get("url") else [])
        out["delivery"] = inferred
        if inferred:
            checks.append("delivery: worked out from the contact details given")

    steps = [s.strip() for s in _text(record.get("application_process")).splitlines()
             if s.strip()]
    out["how_to_get_help"] = steps
    fees = _text(record.get("fees"))
    costs = [c for c in record.get("cost_options") or [] if isinstance(c, dict)]
    if not fees and costs:
        fees = _text(costs[0].get("option")) or ("Free" if costs[0].get("amount") == 0 else "")
    out["fees"] = fees
    for cost in costs:
        if _text(cost.get("option")) != fees or cost.get("amount") not in (None, 0):
            keep("cost_options", cost, "a cost option Signpost has no field for")
    out["waiting_time"] = _text(record.get("wait_time"))

    schedules, notes_hours = [], []
    for item in record.get("schedules") or []:
        if not isinstance(item, dict):
            continue
        byday = [d.strip().upper() for d in _text(item.get("byday")).split(",") if d.strip()]
        opens, closes = _time(item.get("opens_at")), _time(item.get("closes_at"))
        if byday and all(d in DAYS for d in byday) and opens and closes and opens != closes \
                and item.get("freq", "WEEKLY") == "WEEKLY":
            schedules.append({"byday": byday, "opens_at": opens, "closes_at": closes})
            extra = {k: v for k, v in item.items() if k not in (
                "id", "service_id", "byday", "opens_at", "closes_at", "freq", "interval")}
            if extra:
                keep("schedules", extra, "schedule details Signpost has no field for")
        elif not byday and not opens and _text(item.get("description")):
            notes_hours.append(_text(item["description"]))
        else:
            keep("schedules", item, "opening times Signpost cannot read as weekly hours")
    out["schedules"] = schedules
    out["hours_note"] = " ".join(notes_hours)

    url = _text(record.get("url"))
    if url and not URL_RE.match(url):
        keep("url", url, "not a web address")
        url = ""
    out["url"] = url
    email = _text(record.get("email"))
    if email and not EMAIL_RE.match(email):
        keep("email", email, "not an email address")
        email = ""
    out["email"] = email
    out["phones"], out["texts"] = phones, texts

    locations = [s for s in record.get("service_at_locations") or [] if isinstance(s, dict)]
    for i, link in enumerate(locations):
        location = link.get("location") if isinstance(link.get("location"), dict) else {}
        addresses = [a for a in location.get("addresses") or [] if isinstance(a, dict)]
        if i == 0 and addresses and addresses[0].get("country", "GB") in ("GB", "UK", ""):
            first = addresses[0]
            out["address"] = {"address_1": _text(first.get("address_1")),
                              "city": _text(first.get("city")),
                              "postal_code": _text(first.get("postal_code"))}
            rest = {k: v for k, v in first.items() if v and k not in (
                "id", "location_id", "address_1", "city", "postal_code", "country",
                "address_type", "state_province")}
            if rest or len(addresses) > 1 or set(location) - {"id", "location_type", "name",
                                                              "addresses"}:
                keep("service_at_locations", link, "location details Signpost has no field for")
        elif addresses and i == 0:
            keep("service_at_locations", link,
                 f"an address outside the UK (country {addresses[0].get('country')!r})")
        else:
            keep("service_at_locations", link, "a second location or one with no address")

    out["languages"] = [_text(x.get("name")) or _text(x.get("code"))
                        for x in record.get("languages") or []
                        if isinstance(x, dict) and (_text(x.get("name")) or _text(x.get("code")))]
    for key in ("contacts", "funding"):
        for item in record.get(key) or []:
            keep(key, item, "Signpost has no field for it")
    for key, value in record.items():
        if key not in READ and key not in ("contacts", "funding") and value not in (None, "", []):
            keep(key, value, "Signpost has no field for it")
    if record.get("status") not in (None, "active"):
        checks.append(f"status: the source says '{record['status']}'")

    note = "Imported from an Open Referral UK record"
    if record.get("id"):
        note += f" (id {record['id']})"
    note += f" on {today.isoformat()}; confirm every detail with the service before relying on it."
    if check_notes:
        note += " The source flagged: " + " ".join(n for n in check_notes if n)
    out["needs_checking"] = True
    out["check_note"] = " ".join(note.split())
    source_block = {"format": "Open Referral UK 3.0", "from": where, "id": record.get("id"),
                    "imported_on": today.isoformat()}
    if record.get("assured_date"):
        source_block["assured_date"] = str(record["assured_date"])
    if source:
        source_block["unmapped"] = source
    return out, source_block, notes, checks


# needs_checking is always written (true): nobody has confirmed an imported entry yet.
REQUIRED_FOR_SITE = tuple(k for k in SERVICE_REQUIRED if k != "needs_checking")


def service_file(fields: dict, source: dict) -> dict:
    """The file's fields in the content model's order, without empty optional ones."""
    order = tuple(k for k in ServiceFile.model_fields if k != "source")
    data = {k: fields[k] for k in order if k in fields and (
        k in REQUIRED_FOR_SITE or fields[k] not in (None, "", [], {}))}
    data["source"] = source
    return data


def missing(fields: dict) -> list[str]:
    """Required fields the import could not fill from the record."""
    return [k for k in REQUIRED_FOR_SITE if fields.get(k) in (None, "", [])]


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def import_into(documents: list[tuple[str, Any]], into: Path, pack: Content, overwrite: bool,
                today: dt.date | None = None) -> Report:
    """Write a service file for every service in the documents; return what happened."""
    today = today or dt.date.today()
    report = Report()
    vocab = _vocabulary(pack)
    services, terms = records(documents)
    for term in terms:
        mapped = map_term(term, vocab)
        label = _text(term.get("name")) or _text(term.get("term"))
        report.terms.append(f"'{label}' ({_text(term.get('taxonomy')) or 'no taxonomy'}) → "
                            + (f"{mapped[0]} {mapped[1]}" if mapped else "no matching need"))
    folder = into / "services"
    folder.mkdir(parents=True, exist_ok=True)
    used_slugs: set[str] = set()
    used = {"areas": set(), "needs": set()}
    for where, record in _one_per_id(services, report):
        fields, source, notes, checks = map_service(record, where, vocab, today)
        slug = base = _slugify(fields["name"] or str(record.get("id") or "service"))
        n = 2
        while slug in used_slugs:
            slug, n = f"{base}-{n}", n + 1
        used_slugs.add(slug)
        path = folder / f"{slug}.yml"
        name = f"services/{slug}.yml"
        if path.exists() and not overwrite:
            report.skipped.append(name)
            continue
        text = (f"# Imported from Open Referral UK data ({where}) on {today.isoformat()}.\n"
                "# Not yet confirmed with the service: see check_note.\n"
                + _dump(service_file(fields, source)))
        path.write_text(text, encoding="utf-8")
        report.written.append(f"{name}  ← {fields['name'] or record.get('id')}")
        report.unmapped += [f"{name}: {n}" for n in notes]
        report.to_check.append(name + (f" ({'; '.join(checks)})" if checks else ""))
        gaps = missing(fields)
        if gaps:
            report.not_loadable.append(f"{name}: add {', '.join(gaps)} (not in the record)")
        used["areas"].update(a for a in fields["service_areas"] if a != NATIONAL)
        used["needs"].update(fields["needs"])
    report.pack_files = _write_pack_files(into, pack, used)
    return report


def _one_per_id(services: list[tuple[str, dict]], report: Report) -> list[tuple[str, dict]]:
    """Each service once: where a listing and a full record share an id, the fuller record."""
    chosen: dict[Any, tuple[str, dict]] = {}
    for i, (where, record) in enumerate(services):
        key = record.get("id") or f"#{i}"
        if key in chosen:
            kept = max(chosen[key], (where, record), key=lambda x: len(json.dumps(x[1])))
            other = (where, record) if kept is chosen[key] else chosen[key]
            report.unmapped.append(f"{record.get('name') or key}: also in {other[0]}; used the "
                                   f"fuller record from {kept[0]}")
            chosen[key] = kept
        else:
            chosen[key] = (where, record)
    return list(chosen.values())


def _write_pack_files(into: Path, pack: Content, used: dict[str, set]) -> list[str]:
    """site.yml, crisis.yml, areas.yml and needs.yml where the folder has none, from the pack."""
    written = []
    for name in ("site.yml", "crisis.yml"):
        if not (into / name).exists() and (pack.root / name).is_file():
            (into / name).write_text((pack.root / name).read_text(encoding="utf-8"),
                                     encoding="utf-8")
            written.append(name)
    for name, kind in (("areas.yml", "areas"), ("needs.yml", "needs")):
        if (into / name).exists():
            continue
        raw = yaml.safe_load((pack.root / name).read_text(encoding="utf-8")) or []
        keep = [item for item in raw if isinstance(item, dict) and item.get("slug") in used[kind]]
        header = f"# The {kind} of the pack that the imported services use.\n"
        (into / name).write_text(header + (_dump(keep) if keep else "[]\n"), encoding="utf-8")
        written.append(f"{name} ({len(keep)} {kind})")
    return written
