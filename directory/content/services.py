"""services/<slug>.yml: one service per file, checked field by field."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ..phones import check_number
from .objects import Address, Phone, Schedule, Service, Site, TextLine
from .problems import Problem, _Problems, _rel
from .read import _read_yaml, _translations
from .values import (
    DAYS,
    DELIVERY,
    EMAIL_RE,
    NATIONAL,
    POSTCODE_RE,
    REFERRAL,
    SERVICE_OPTIONAL,
    SERVICE_REQUIRED,
    SLUG_RE,
    STALE_AFTER_DAYS,
    SUMMARY_MAX,
    TIME_RE,
    TRANSLATABLE,
    UNCONFIRMABLE,
    URL_RE,
)


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

    known = set(SERVICE_REQUIRED) | set(SERVICE_OPTIONAL)
    for key in data:
        if key not in known:
            p.warn(data, str(key), "is not a field Signpost knows, so it is ignored",
                   "check the spelling against content/README.md")
    for key in SERVICE_REQUIRED:
        if data.get(key) in (None, "", []):
            p.error(data, key, "is missing", _REQUIRED_FIX.get(key, "add it; see content/README.md"))
    if p.errors:
        return None

    def text(key: str, limit: int | None = None) -> str:
        value = data.get(key)
        if value is None:
            return ""
        if not isinstance(value, str | int | float):
            p.error(data, key, "should be text", "write it as a sentence")
            return ""
        value = " ".join(str(value).split()) if key != "description" else str(value).strip()
        if limit and len(value) > limit:
            p.error(data, key, f"is {len(value)} characters long", f"keep it under {limit}")
        return value

    def choices(key: str, allowed: set[str] | tuple[str, ...], fix: str) -> tuple[str, ...]:
        value = data.get(key)
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            p.error(data, key, "should be a list", f"write e.g. [{next(iter(allowed), '')}]")
            return ()
        out = []
        for item in value:
            if item not in allowed:
                p.error(data, key, f"'{item}' is not one of the allowed values", fix)
            elif item not in out:
                out.append(item)
        return tuple(out)

    def age(key: str) -> int:
        value = data.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 120:
            p.error(data, key, f"'{value}' is not an age in whole years",
                    "write a whole number such as 11 (0 means from birth)")
            return 0
        return value

    summary = text("summary", SUMMARY_MAX)
    minimum, maximum = age("minimum_age"), age("maximum_age")
    if minimum > maximum:
        p.error(data, "maximum_age", f"{maximum} is younger than minimum_age {minimum}",
                "swap them, or correct the one that is wrong")
    areas = choices("service_areas", area_slugs | {NATIONAL},
                    "use slugs from areas.yml (" + ", ".join(sorted(area_slugs)) + ") or national")
    if NATIONAL in areas and len(areas) > 1:
        p.error(data, "service_areas", "mixes national with local areas",
                "use [national] alone for UK-wide services, or list the local areas")
    needs = choices("needs", need_slugs, "use slugs from needs.yml, e.g. anxiety, low-mood")
    delivery = choices("delivery", DELIVERY, "use any of: " + ", ".join(DELIVERY))
    referral = choices("referral", REFERRAL, "use any of: " + ", ".join(REFERRAL))

    steps = data.get("how_to_get_help")
    if isinstance(steps, str):
        steps = [steps]
    if not isinstance(steps, list) or not all(isinstance(s, str) and s.strip() for s in steps):
        p.error(data, "how_to_get_help", "should be a list of steps",
                "write each step on its own line starting with '- '")
        steps = []

    checked = data.get("last_checked")
    if checked is None and data.get("needs_checking") is True:
        pass  # never confirmed: nothing to claim
    elif checked is None:
        p.error(data, "last_checked", "is missing",
                "add last_checked: the date the details were confirmed, as YYYY-MM-DD, or "
                "needs_checking: true if they have not been")
    elif not isinstance(checked, dt.date) or isinstance(checked, dt.datetime):
        p.error(data, "last_checked", f"'{checked}' is not a date",
                "write the date as YYYY-MM-DD, e.g. 2026-11-22")
        checked = today
    elif checked > today:
        p.error(data, "last_checked", f"{checked} is in the future",
                "write the date the details were actually checked")
    elif (today - checked).days > STALE_AFTER_DAYS:
        p.warn(data, "last_checked", f"was {checked}, over 12 months ago",
               "check the details with the service and update the date")

    flag = data.get("needs_checking")
    if not isinstance(flag, bool):
        p.error(data, "needs_checking", f"'{flag}' is not true or false",
                "write true if any detail is unconfirmed, otherwise false")
        flag = True
    unconfirmed = data.get("unconfirmed") or []
    if isinstance(unconfirmed, str):
        unconfirmed = [unconfirmed]
    if not isinstance(unconfirmed, list) or any(u not in UNCONFIRMABLE for u in unconfirmed):
        p.error(data, "unconfirmed", f"'{data.get('unconfirmed')}' is not a list of details",
                "list any of: " + ", ".join(UNCONFIRMABLE))
        unconfirmed = []
    elif unconfirmed and flag is False:
        p.error(data, "unconfirmed", "lists details not yet confirmed, but needs_checking is false",
                "write needs_checking: true, or remove unconfirmed: once everything is confirmed")

    url = text("url")
    if url and not URL_RE.match(url):
        p.error(data, "url", f"'{url}' is not a web address", "start it with https://")
    email = text("email")
    if email and not EMAIL_RE.match(email):
        p.error(data, "email", f"'{email}' is not an email address", "write it like name@org.uk")

    schedules = _schedules(data, p)
    phones = _phones(data, p)
    texts = _texts(data, p)
    address = _address(data, p)

    languages = data.get("languages") or []
    if not isinstance(languages, list):
        p.error(data, "languages", "should be a list", "write e.g. [English, Polish]")
        languages = []

    nhs = data.get("nhs")
    if nhs is not None and not isinstance(nhs, bool):
        p.error(data, "nhs", f"'{nhs}' is not true or false",
                "write nhs: true for an NHS service (it then offers a free interpreter)")
        nhs = None

    translations = _translations(data)
    for lang, block in translations.items():
        if lang not in site.languages or lang == "en":
            p.warn(data.get("translations"), lang, f"'{lang}' is not one of the site's languages",
                   "use a code from site.yml languages", "translations")
        for key in block:
            if key not in TRANSLATABLE:
                p.warn(data.get("translations"), lang, f"'{key}' cannot be translated here",
                       "translate only: " + ", ".join(TRANSLATABLE), f"translations.{lang}")
    for flag_name, meaning in (("confidential", "the service publicly promises confidentiality"),
                               ("urgent", "it is a crisis route for urgent help")):
        if flag_name in data and not isinstance(data[flag_name], bool):
            p.error(data, flag_name, f"'{data[flag_name]}' is not true or false",
                    f"write true if {meaning}, otherwise leave it out")
    if data.get("needs_checking") is True and not data.get("check_note"):
        p.warn(data, "needs_checking", "is true but check_note does not say what to check",
               "add check_note: with what needs confirming")

    if p.errors:
        return None
    return Service(
        slug=slug, name=text("name"), organization=text("organization"), summary=summary,
        description=text("description"), eligibility_description=text("eligibility_description"),
        minimum_age=minimum, maximum_age=maximum, service_areas=areas, needs=needs,
        delivery=delivery, referral=referral,
        how_to_get_help=tuple(" ".join(s.split()) for s in steps), fees=text("fees"),
        last_checked=checked, needs_checking=flag, what_happens_next=text("what_happens_next"),
        waiting_time=text("waiting_time"), schedules=schedules, hours_note=text("hours_note"),
        url=url, email=email, phones=phones, texts=texts, address=address,
        languages=tuple(str(x) for x in languages), check_note=text("check_note"),
        confidential=data.get("confidential") is True, urgent=data.get("urgent") is True,
        translations=translations, nhs=nhs,
        unconfirmed=tuple(u for u in UNCONFIRMABLE if u in unconfirmed),
    )


_REQUIRED_FIX = {
    "name": "add name: with the service's name",
    "organization": "add organization: with who runs the service",
    "summary": f"add summary: one line under {SUMMARY_MAX} characters",
    "description": "add description: a short paragraph in plain words",
    "eligibility_description": "add eligibility_description: who the service is for",
    "minimum_age": "add minimum_age: the youngest age it helps (0 for from birth)",
    "maximum_age": "add maximum_age: the oldest age it helps",
    "service_areas": "add service_areas: area slugs from areas.yml, or [national]",
    "needs": "add needs: slugs from needs.yml",
    "delivery": "add delivery: any of " + ", ".join(DELIVERY),
    "referral": "add referral: any of " + ", ".join(REFERRAL),
    "how_to_get_help": "add how_to_get_help: a list of steps",
    "fees": "add fees: what it costs (write Free if it is free)",
    "last_checked": "add last_checked: the date the details were checked, as YYYY-MM-DD",
    "needs_checking": "add needs_checking: true or false",
}


def _time(value: Any, p: _Problems, node: Any, key: str, label: str) -> int | None:
    if isinstance(value, int):
        # YAML reads an unquoted 09:00 as a number of minutes (base 60).
        p.error(node, key, f"the time {value // 60:02d}:{value % 60:02d} is not in quotes",
                'put times in quotes, like "09:00"', label)
        return None
    if not isinstance(value, str) or not TIME_RE.match(value):
        p.error(node, key, f"'{value}' is not a time", 'write a 24-hour time like "17:30"', label)
        return None
    hours, minutes = value.split(":")
    return int(hours) * 60 + int(minutes)


def _schedules(data: dict, p: _Problems) -> tuple[Schedule, ...]:
    raw = data.get("schedules") or []
    if not isinstance(raw, list):
        p.error(data, "schedules", "should be a list", "see content/README.md for opening hours")
        return ()
    out = []
    for i, item in enumerate(raw):
        label = f"schedules[{i + 1}]"
        if not isinstance(item, dict):
            p.error(data, "schedules", "each entry needs byday, opens_at and closes_at",
                    "see content/README.md", label)
            continue
        days = item.get("byday")
        if isinstance(days, str):
            days = [d.strip() for d in days.split(",")]
        if not isinstance(days, list) or not days or any(d not in DAYS for d in days):
            p.error(item, "byday", f"'{days}' is not a list of days",
                    "use MO TU WE TH FR SA SU, e.g. [MO, TU]", f"{label}.byday")
            continue
        opens = _time(item.get("opens_at"), p, item, "opens_at", f"{label}.opens_at")
        closes = _time(item.get("closes_at"), p, item, "closes_at", f"{label}.closes_at")
        if opens is None or closes is None:
            continue
        if opens == closes:
            p.error(item, "closes_at", "is the same as opens_at",
                    'for all day write opens_at: "00:00" and closes_at: "24:00"',
                    f"{label}.closes_at")
            continue
        out.append(Schedule(tuple(days), opens, closes))
    return tuple(out)


def _numbers(data: dict, p: _Problems, key: str, what: str) -> list[tuple[str, dict]]:
    """The valid (number, entry) pairs of a phones: or texts: list; the rest are reported."""
    raw = data.get(key) or []
    if not isinstance(raw, list):
        p.error(data, key, "should be a list", "start each number with '- number:'")
        return []
    out = []
    for i, item in enumerate(raw):
        label = f"{key}[{i + 1}].number"
        if not isinstance(item, dict) or item.get("number") in (None, ""):
            p.error(item if isinstance(item, dict) else data, "number" if isinstance(item, dict)
                    else key, f"needs a number: line with the {what}",
                    'write it in quotes, like - number: "0116 255 5555"', label)
            continue
        checked = check_number(item["number"], what)
        if checked.number is None:
            p.error(item, "number", checked.problem, checked.fix, label)
        else:
            out.append((checked.number, item))
    return out


def _phones(data: dict, p: _Problems) -> tuple[Phone, ...]:
    return tuple(Phone(number, str(item.get("description") or ""))
                 for number, item in _numbers(data, p, "phones", "phone number"))


def _texts(data: dict, p: _Problems) -> tuple[TextLine, ...]:
    return tuple(TextLine(number, str(item.get("message") or ""),
                          str(item.get("description") or ""))
                 for number, item in _numbers(data, p, "texts", "text number"))


def _address(data: dict, p: _Problems) -> Address | None:
    raw = data.get("address")
    if raw is None:
        return None
    if not isinstance(raw, dict):
        p.error(data, "address", "should have address_1, city and postal_code",
                "see content/README.md")
        return None
    postcode = str(raw.get("postal_code") or "").upper().strip()
    if not POSTCODE_RE.match(postcode):
        p.error(raw, "postal_code", f"'{postcode}' is not a full UK postcode",
                "write it like LE1 6WW", "address.postal_code")
        return None
    return Address(str(raw.get("address_1") or ""), str(raw.get("city") or ""), postcode)
