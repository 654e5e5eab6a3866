"""The immutable objects the site is built from: Site, Area, Need, Service, CrisisContact, Content."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..audience_styles import AudienceStyle
from .problems import Problem
from .values import DAYS, DISTRICT_RE, NATIONAL, POSTCODE_RE, UK


class Translatable:
    """Content with a `translations` block of {language: {field: text}}."""

    def text(self, name: str, lang: str) -> tuple[Any, str]:
        """A field in a language, falling back to English: (value, language actually used)."""
        translated = self.translations.get(lang, {}).get(name)
        if translated:
            return translated, lang
        return getattr(self, name), "en"


@dataclass(frozen=True)
class Site(Translatable):
    """The site as a whole, from site.yml."""

    name: str
    area_name: str
    site_url: str
    languages: tuple[str, ...]
    default_language: str
    corrections_team: str
    corrections_email: str | None
    translations: dict = field(default_factory=dict, hash=False, compare=False)
    audience_styles: dict[str, AudienceStyle] = field(default_factory=dict, hash=False,
                                                      compare=False)


@dataclass(frozen=True)
class Area(Translatable):
    """A place the directory covers."""

    slug: str
    name: str
    postcode_districts: tuple[str, ...]
    translations: dict = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class Need(Translatable):
    """One of the fixed things people look for help with."""

    slug: str
    name: str
    description: str
    words: tuple[str, ...]
    translations: dict = field(default_factory=dict, hash=False, compare=False)
    context: bool = False  # says where or who ("at school", "my son"), not what is wrong
    risk_phrases: tuple[str, ...] = ()  # words that mean danger now: they bring the help-now box
    not_risk: tuple[str, ...] = ()  # words that make a one-word risk word ordinary ("hair")
    give_way_to: tuple[str, ...] = ()  # needs whose words, when present, make one word of
    # this need mean theirs ("food" with "no money" is about money, not eating)
    first_steps: tuple[str, ...] = ()  # services to list first for this need (Childline for abuse)


@dataclass(frozen=True)
class Phone:
    """A number to call."""

    number: str
    description: str = ""

    @property
    def tel(self) -> str:
        """The number as a tel: link target."""
        return "tel:" + self.number.replace(" ", "")


@dataclass(frozen=True)
class TextLine:
    """A number to send a text message to, with the word to send if there is one."""

    number: str
    message: str = ""
    description: str = ""

    @property
    def sms(self) -> str:
        """The number as an sms: link target, with the message body when known."""
        target = "sms:" + self.number.replace(" ", "")
        return f"{target}?&body={self.message}" if self.message else target


@dataclass(frozen=True)
class Address:
    """Where people can go."""

    address_1: str
    city: str
    postal_code: str

    @property
    def one_line(self) -> str:
        """The address on one line."""
        return ", ".join(p for p in (self.address_1, self.city, self.postal_code) if p)


@dataclass(frozen=True)
class Schedule:
    """Opening times on some days of the week, in UK time (minutes after midnight)."""

    byday: tuple[str, ...]
    opens: int
    closes: int

    def is_open(self, when: dt.datetime) -> bool:
        """Whether this schedule is open at a UK local time."""
        day = DAYS[when.weekday()]
        yesterday = DAYS[(when.weekday() - 1) % 7]
        minute = when.hour * 60 + when.minute
        if self.closes > self.opens:
            return day in self.byday and self.opens <= minute < self.closes
        # Runs past midnight: open from `opens` today, or until `closes` having opened yesterday.
        return (day in self.byday and minute >= self.opens) or (
            yesterday in self.byday and minute < self.closes)

    @property
    def always(self) -> bool:
        """Open all day every day."""
        return len(self.byday) == 7 and self.opens == 0 and self.closes == 24 * 60


@dataclass(frozen=True)
class Service(Translatable):
    """A service people can use, from services/<slug>.yml."""

    slug: str
    name: str
    organization: str
    summary: str
    description: str
    eligibility_description: str
    minimum_age: int
    maximum_age: int
    service_areas: tuple[str, ...]
    needs: tuple[str, ...]
    delivery: tuple[str, ...]
    referral: tuple[str, ...]
    how_to_get_help: tuple[str, ...]
    fees: str
    last_checked: dt.date | None  # when the details were confirmed; None: not yet
    needs_checking: bool
    what_happens_next: str = ""
    waiting_time: str = ""
    schedules: tuple[Schedule, ...] = ()
    hours_note: str = ""
    url: str = ""
    email: str = ""
    phones: tuple[Phone, ...] = ()
    texts: tuple[TextLine, ...] = ()
    address: Address | None = None
    languages: tuple[str, ...] = ()
    check_note: str = ""
    confidential: bool = False  # publicly promises young people confidentiality
    urgent: bool = False  # a crisis route: listed under "If it's urgent", not first
    translations: dict = field(default_factory=dict, hash=False, compare=False)
    nhs: bool | None = None  # None: decided from the organisation's name
    unconfirmed: tuple[str, ...] = ()  # details still to confirm; empty: the whole entry

    @property
    def national(self) -> bool:
        """Anyone in the UK can use it."""
        return NATIONAL in self.service_areas

    def is_open(self, when: dt.datetime | None = None) -> bool | None:
        """Open at this moment (UK time); None when opening hours are not listed."""
        if not self.schedules:
            return None
        when = (when or dt.datetime.now(UK)).astimezone(UK)
        return any(s.is_open(when) for s in self.schedules)

    def next_opening(self, when: dt.datetime | None = None) -> dt.datetime | None:
        """When it next opens (UK time), within a week; None if hours are not listed."""
        when = (when or dt.datetime.now(UK)).astimezone(UK)
        best = None
        for offset in range(8):
            day = (when + dt.timedelta(days=offset)).date()
            for s in self.schedules:
                if DAYS[day.weekday()] not in s.byday:
                    continue
                start = dt.datetime.combine(day, dt.time(), UK) + dt.timedelta(minutes=s.opens)
                if start > when and (best is None or start < best):
                    best = start
        return best

    def ages_fit(self, age: int) -> bool:
        """Whether someone of this age can use the service."""
        return self.minimum_age <= age <= self.maximum_age


@dataclass(frozen=True)
class CrisisContact(Translatable):
    """One line of the help-now box."""

    slug: str
    name: str
    description: str
    phone: Phone | None
    text_line: TextLine | None
    emergency: bool
    translations: dict = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class Content:
    """The whole validated content pack."""

    root: Path
    site: Site
    areas: tuple[Area, ...]
    needs: tuple[Need, ...]
    services: tuple[Service, ...]
    crisis: tuple[CrisisContact, ...]
    problems: tuple[Problem, ...]
    risk_phrases: dict = field(default_factory=dict, hash=False, compare=False)
    pages: tuple = ()
    glossary: tuple = ()
    ledger: Any = field(default=None, hash=False, compare=False)  # translations.Ledger
    easy_read: tuple = ()   # easy_read.EasyRead
    site_pages: tuple = ()  # site_pages.SitePage

    def __post_init__(self):
        object.__setattr__(self, "_pages", {p.slug: p for p in self.pages})
        object.__setattr__(self, "_easy", {e.slug: e for e in self.easy_read})
        object.__setattr__(self, "_site_pages", {p.slug: p for p in self.site_pages})
        object.__setattr__(self, "_areas", {a.slug: a for a in self.areas})
        object.__setattr__(self, "_needs", {n.slug: n for n in self.needs})
        object.__setattr__(self, "_services", {s.slug: s for s in self.services})
        districts: dict[str, list[str]] = {}
        for area in self.areas:
            for district in area.postcode_districts:
                districts.setdefault(district, []).append(area.slug)
        object.__setattr__(self, "_districts", {k: tuple(v) for k, v in districts.items()})

    def area(self, slug: str) -> Area | None:
        """The area with this slug, if any."""
        return self._areas.get(slug)

    def need(self, slug: str) -> Need | None:
        """The need with this slug, if any."""
        return self._needs.get(slug)

    def service(self, slug: str) -> Service | None:
        """The service with this slug, if any."""
        return self._services.get(slug)

    def page(self, slug: str):
        """The self-help page with this slug, if any."""
        return self._pages.get(slug)

    def easy(self, slug: str):
        """The easy read version of a page ("help-now" or a self-help slug), if any."""
        return self._easy.get(slug)

    def site_page(self, slug: str):
        """One of the site's own pages (accessibility, privacy), if any."""
        return self._site_pages.get(slug)

    def areas_for_postcode(self, postcode: str) -> tuple[str, ...] | None:
        """Area slugs for a full postcode or postcode district; None if it is not a postcode."""
        district = postcode_district(postcode)
        if district is None:
            return None
        return self._districts.get(district, ())

    @property
    def errors(self) -> tuple[Problem, ...]:
        """Problems that stop an entry being shown."""
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """Problems worth fixing that do not stop anything."""
        return tuple(p for p in self.problems if p.severity == "warning")


def postcode_district(text: str) -> str | None:
    """The district (outward code) of a postcode or district, upper-cased; None if not one."""
    parts = (text or "").upper().split()
    # "LE1 6" is LE1 with the start of its inward code, not LE16: a space ends the outward code.
    if len(parts) == 2 and DISTRICT_RE.match(parts[0]) and re.fullmatch(r"[0-9][A-Z]{0,2}",
                                                                          parts[1]):
        return parts[0]
    compact = "".join(parts)
    if DISTRICT_RE.match(compact):
        return compact
    if 5 <= len(compact) <= 7 and POSTCODE_RE.match(compact[:-3] + " " + compact[-3:]):
        return compact[:-3]
    return None
