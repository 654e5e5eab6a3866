"""Load and validate the content pack (content/) into immutable objects. Imports nothing of Flask."""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from .audience_styles import AudienceStyle, parse_styles
from .phones import check_number

log = logging.getLogger(__name__)

UK = ZoneInfo("Europe/London")
NATIONAL = "national"
DELIVERY = ("in-person", "phone", "text", "online", "video")
REFERRAL = ("self-referral", "parent-or-carer", "gp", "school", "professional")
DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
STALE_AFTER_DAYS = 365
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
POSTCODE_RE = re.compile(r"^[A-Z]{1,2}[0-9][0-9A-Z]? ?[0-9][A-Z]{2}$")
DISTRICT_RE = re.compile(r"^[A-Z]{1,2}[0-9][0-9A-Z]?$")
TIME_RE = re.compile(r"^([01][0-9]|2[0-3]):([0-5][0-9])$|^24:00$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
URL_RE = re.compile(r"^https?://[^\s/$.?#].[^\s]*$")
SUMMARY_MAX = 140
# Details a checking round confirms one by one (`unconfirmed: [phone, hours]` lists those not yet).
UNCONFIRMABLE = ("phone", "text", "email", "url", "address", "hours", "ages", "referral",
                 "languages", "areas")

SERVICE_REQUIRED = (
    "name", "organization", "summary", "description", "eligibility_description",
    "minimum_age", "maximum_age", "service_areas", "needs", "delivery", "referral",
    "how_to_get_help", "fees", "needs_checking",
)
SERVICE_OPTIONAL = (
    "what_happens_next", "waiting_time", "schedules", "hours_note", "url", "email", "phones",
    "texts", "address", "languages", "check_note", "translations", "nhs", "confidential",
    "urgent", "last_checked", "unconfirmed",
    "source",  # where an imported entry came from, and what did not map: kept, not used
)
TRANSLATABLE = (
    "name", "summary", "description", "eligibility_description", "how_to_get_help",
    "what_happens_next", "waiting_time", "fees", "hours_note",
)


# --------------------------------------------------------------------------- problems

@dataclass(frozen=True)
class Problem:
    """One thing wrong with a content file, said so an editor can fix it."""

    file: str
    line: int
    field: str
    message: str
    fix: str
    severity: str = "error"

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.message} — {self.fix}"


class _Problems:
    """Collects problems for one file, knowing the line of each field."""

    def __init__(self, file: str, out: list[Problem]):
        self.file, self.out, self.errors = file, out, 0

    def error(self, node: Any, key: str, message: str, fix: str, label: str | None = None):
        self.errors += 1
        self.out.append(Problem(self.file, _line(node, key), label or key, message, fix))

    def warn(self, node: Any, key: str, message: str, fix: str, label: str | None = None):
        self.out.append(Problem(self.file, _line(node, key), label or key, message, fix, "warning"))


class _LineDict(dict):
    """A mapping from YAML that remembers the line of each key."""

    line = 1
    lines: dict[str, int]


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # C parser when built
    """YAML loader whose mappings remember where their keys are."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> _LineDict:
    mapping = _LineDict(loader.construct_mapping(node, deep=True))
    mapping.line = node.start_mark.line + 1
    mapping.lines = {str(k.value): k.start_mark.line + 1 for k, _ in node.value}
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _line(node: Any, key: str | None = None) -> int:
    if isinstance(node, _LineDict):
        return node.lines.get(key, node.line) if key else node.line
    return 1


def _read_yaml(path: Path, root: Path, problems: list[Problem]) -> Any:
    name = _rel(path, root)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        problems.append(Problem(name, 1, "(file)", "the file is missing", f"create {name}"))
        return None
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(name, 1, "(file)", f"cannot be read ({exc})",
                                "save it as UTF-8 text"))
        return None
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        what = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        problems.append(Problem(name, line, "(file)", f"is not valid YAML: {what}",
                                "check indentation and that text containing ':' is in quotes"))
        return None


def read_filled_yaml(path: Path, root: Path, problems: list[Problem], lost: str) -> Any:
    """Like _read_yaml, but an empty file is an error saying what is lost, not silently nothing."""
    before = len(problems)
    data = _read_yaml(path, root, problems)
    if data is None and len(problems) == before:
        problems.append(Problem(_rel(path, root), 1, "(file)", f"is empty, so {lost}",
                                "restore it from git (git checkout -- the file), or delete it"))
    return data


def _rel(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)


# --------------------------------------------------------------------------- model

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

    def __post_init__(self):
        object.__setattr__(self, "_pages", {p.slug: p for p in self.pages})
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


# --------------------------------------------------------------------------- loading

def load_content(root: str | Path, today: dt.date | None = None, log_problems: bool = True
                 ) -> Content:
    """Read and validate every file under root; broken entries are left out and reported."""
    root = Path(root).resolve()
    today = today or dt.datetime.now(UK).date()
    problems: list[Problem] = []
    site = _load_site(root, problems)
    areas = _load_areas(root, problems)
    needs = _load_needs(root, problems)
    crisis = _safe_crisis(root, problems)
    area_slugs = {a.slug for a in areas}
    need_slugs = {n.slug for n in needs}
    services = []
    folder = root / "services"
    for path in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
        service = _load_service(path, root, area_slugs, need_slugs, site, today, problems)
        if service is not None:
            services.append(service)
    if not folder.is_dir():
        problems.append(Problem(_rel(folder, root), 1, "(folder)", "there is no services folder",
                                "create content/services/ with one .yml file per service"))
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        problems.append(Problem(_rel(path, root), 1, "(file)", "is ignored: wrong file ending",
                                "rename it to end in .yml", "warning"))
    _check_mentioned_numbers(root, services, crisis, problems)
    from .content_pages import load_glossary, load_pages

    pages = load_pages(root, {n.slug for n in needs}, site.languages, today, problems)
    glossary = load_glossary(root, problems)
    risk_phrases = _apply_translation_files(
        root, site, {"needs": needs, "areas": areas, "crisis": crisis, "services": services,
                     "glossary": glossary, "pages": pages}, problems)
    from .translations import load_translations

    ledger = load_translations(root, site.languages, {
        "services": services, "pages": pages, "glossary": glossary, "needs": needs,
        "areas": areas, "crisis": crisis, "site": [site]}, problems)
    for need in needs:  # risk phrases filed beside a need's words, in every language
        for lang, phrases in [("en", need.risk_phrases)] + [
                (lang, block.get("risk_phrases", ())) for lang, block in need.translations.items()]:
            if phrases:
                risk_phrases[lang] = tuple(dict.fromkeys((*risk_phrases.get(lang, ()), *phrases)))
    content = Content(root, site, tuple(areas), tuple(needs), tuple(services), tuple(crisis),
                      (), risk_phrases, tuple(pages), tuple(glossary), ledger)
    from .risk import check as check_risk

    problems += check_risk(content)
    problems = list(dict.fromkeys(problems))  # each problem once, in the order found
    if log_problems:
        _log_once(root, problems)
    return Content(root, site, tuple(areas), tuple(needs), tuple(services), tuple(crisis),
                   tuple(problems), risk_phrases, tuple(pages), tuple(glossary), ledger)


SITE_FIELDS = ("name", "area_name", "site_url", "languages", "default_language", "corrections",
               "audiences")
LANGUAGE_RE = re.compile(r"^[a-z]{2,3}$")


_logged: set[tuple[Path, Problem]] = set()


def _log_once(root: Path, problems: list[Problem]) -> None:
    """Log each problem of a pack once per process, however many times the pack is loaded."""
    for problem in problems:
        if (root, problem) not in _logged:
            _logged.add((root, problem))
            (log.error if problem.severity == "error" else log.warning)("content: %s", problem)


def _load_site(root: Path, problems: list[Problem]) -> Site:
    path = root / "site.yml"
    data = _read_yaml(path, root, problems)
    p = _Problems(_rel(path, root), problems)
    if not isinstance(data, dict):
        if data is not None:
            p.error(data, "(file)", "should be a list of fields like 'name: ...'",
                    "see content/README.md")
        data = _LineDict()
    for key in data:
        if key not in SITE_FIELDS:
            p.warn(data, str(key), "is not a field Signpost knows, so it is ignored",
                   "use only: " + ", ".join(SITE_FIELDS))

    def text(node: dict, key: str, default: str, label: str | None = None) -> str:
        value = node.get(key)
        if value is None or value == "":
            return default
        if not isinstance(value, str):
            p.error(node, key, f"'{value}' should be text", "write it as plain words on one line",
                    label)
            return default
        return " ".join(value.split())

    languages = data.get("languages") or ["en"]
    if not isinstance(languages, list) or not all(
            isinstance(x, str) and LANGUAGE_RE.match(x) for x in languages):
        p.error(data, "languages", f"'{languages}' should be a list of language codes",
                "write e.g. [en, pl, ur]; put a code in quotes if YAML reads it as true/false "
                "(\"no\")")
        languages = ["en"]
    if "en" not in languages:
        p.error(data, "languages", "must include en", "add en: content is written in English")
        languages = ["en", *languages]
    default_language = text(data, "default_language", "en")
    if default_language not in languages:
        p.error(data, "default_language", f"'{default_language}' is not in languages",
                "use one of: " + ", ".join(languages))
        default_language = "en"
    corrections = data.get("corrections") or _LineDict()
    if not isinstance(corrections, dict):
        p.error(data, "corrections", "should have team: and email:", "see content/README.md")
        corrections = _LineDict()
    email = text(corrections, "email", "", "corrections.email") or None
    if email and not EMAIL_RE.match(email):
        p.error(corrections, "email", f"'{email}' is not an email address",
                "write a full address or leave it empty", "corrections.email")
        email = None
    url = text(data, "site_url", "http://localhost:5000").rstrip("/")
    if not URL_RE.match(url):
        p.error(data, "site_url", f"'{url}' is not a web address", "start it with https://")
        url = "http://localhost:5000"
    return Site(
        name=text(data, "name", "Signpost"),
        area_name=text(data, "area_name", ""),
        site_url=url,
        languages=tuple(languages),
        default_language=default_language,
        corrections_team=text(corrections, "team", "", "corrections.team"),
        corrections_email=email,
        audience_styles=parse_styles(data.get("audiences"), p.error),
    )


def _load_list(path: Path, root: Path, problems: list[Problem], what: str) -> list:
    data = _read_yaml(path, root, problems)
    if data is None:
        return []
    if not isinstance(data, list):
        problems.append(Problem(_rel(path, root), _line(data), "(file)",
                                f"should be a list of {what}",
                                "start each entry with '- slug: ...'"))
        return []
    return data


def _check_slug(p: _Problems, item: Any, seen: set[str], label: str) -> str | None:
    slug = item.get("slug") if isinstance(item, dict) else None
    if not isinstance(slug, str) or not SLUG_RE.match(slug):
        p.error(item, "slug", f"'{slug}' is not a valid slug",
                "use lowercase letters, digits and hyphens, e.g. low-mood", label)
        return None
    if slug in seen:
        p.error(item, "slug", f"'{slug}' is used twice", "give each entry its own slug", label)
        return None
    seen.add(slug)
    return slug


def _load_areas(root: Path, problems: list[Problem]) -> list[Area]:
    path = root / "areas.yml"
    p = _Problems(_rel(path, root), problems)
    areas, seen = [], set()
    for item in _load_list(path, root, problems, "areas"):
        slug = _check_slug(p, item, seen, "slug")
        if slug is None:
            continue
        name = item.get("name")
        districts = item.get("postcode_districts") or []
        ok = True
        if not isinstance(name, str) or not name.strip():
            p.error(item, "name", "is missing", "give the area a name people know",
                    f"{slug}.name")
            ok = False
        if not isinstance(districts, list):
            p.error(item, "postcode_districts", "should be a list", "write e.g. [LE11, LE12]",
                    f"{slug}.postcode_districts")
            districts, ok = [], False
        for d in districts:
            if not DISTRICT_RE.match(str(d).upper()):
                p.error(item, "postcode_districts", f"'{d}' is not a postcode district",
                        "use the first half of a postcode, like LE11",
                        f"{slug}.postcode_districts")
                ok = False
        if ok:
            areas.append(Area(slug, name.strip(), tuple(str(d).upper() for d in districts),
                              _translations(item)))
    return areas


def _load_needs(root: Path, problems: list[Problem]) -> list[Need]:
    path = root / "needs.yml"
    p = _Problems(_rel(path, root), problems)
    needs, seen = [], set()
    for item in _load_list(path, root, problems, "needs"):
        slug = _check_slug(p, item, seen, "slug")
        if slug is None:
            continue
        ok = True
        for key in ("name", "description"):
            if not isinstance(item.get(key), str) or not item[key].strip():
                p.error(item, key, "is missing", f"write the need's {key} in plain words",
                        f"{slug}.{key}")
                ok = False
        words = item.get("words") or []
        if not isinstance(words, list) or not all(isinstance(w, str | int) for w in words):
            p.error(item, "words", "should be a list of words", "write e.g. [worried, stressed]",
                    f"{slug}.words")
            ok = False
        lists = {}
        for key in ("risk_phrases", "not_risk", "give_way_to", "first_steps"):
            value = item.get(key) or []
            if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
                p.error(item, key, "should be a list of phrases", "write e.g. [want to die]",
                        f"{slug}.{key}")
                ok = False
            lists[key] = tuple(" ".join(str(w).split()) for w in value if str(w).strip())
        if ok:
            needs.append(Need(slug, item["name"].strip(), item["description"].strip(),
                              tuple(str(w).strip().lower() for w in words), _translations(item),
                              item.get("context") is True, **lists))
    return needs


def _safe_crisis(root: Path, problems: list[Problem]) -> list[CrisisContact]:
    """crisis.yml's contacts, or the built-in safety card when they lack 999, 111 or a helpline."""
    from .safety import safe_crisis

    path = root / "crisis.yml"
    return safe_crisis(_load_crisis(root, problems), path, _rel(path, root), problems)


CRISIS_GROUPS = ("emergency", "urgent")
CRISIS_FIELDS = ("slug", "name", "description", "phone", "text", "message", "translations")


def _load_crisis(root: Path, problems: list[Problem]) -> list[CrisisContact]:
    path = root / "crisis.yml"
    data = _read_yaml(path, root, problems)
    p = _Problems(_rel(path, root), problems)
    if not isinstance(data, dict):
        if data is not None:
            p.error(data, "(file)", "should have emergency: and urgent: lists",
                    "see content/README.md")
        return []
    for key in data:
        if key not in CRISIS_GROUPS:
            p.error(data, str(key), "is not emergency: or urgent:, so nothing under it is shown",
                    "check the spelling: the file has two lists, emergency: and urgent:")
    contacts, seen = [], set()
    for group in CRISIS_GROUPS:
        entries = data.get(group) or []
        if not isinstance(entries, list):
            p.error(data, group, "should be a list of contacts",
                    "start each contact with '- slug: ...'")
            continue
        for item in entries:
            slug = _check_slug(p, item, seen, f"{group}.slug")
            if slug is None:
                continue
            contact = _crisis_contact(p, item, slug, group == "emergency")
            if contact is not None:
                contacts.append(contact)
    return contacts


def _crisis_contact(p: _Problems, item: dict, slug: str, emergency: bool) -> CrisisContact | None:
    """One checked line of the help-now box; None (and reported) when anything is wrong."""
    before = p.errors
    for key in item:
        if key not in CRISIS_FIELDS:
            p.warn(item, str(key), "is not a field Signpost knows, so it is ignored",
                   "use only: " + ", ".join(CRISIS_FIELDS), f"{slug}.{key}")
    phone = _crisis_number(p, item, "phone", "phone number", slug)
    text = _crisis_number(p, item, "text", "text number", slug)
    if phone is None and text is None:
        p.error(item, "slug", "has neither phone: nor text:",
                'add the number to call, in quotes, like phone: "116 123"', slug)
    words = {}
    for key in ("name", "description", "message"):
        value = item.get(key)
        if key == "name" and (value is None or value == ""):
            p.error(item, "slug", "has no name", "add name: as people know the line", slug)
        elif value is not None and not isinstance(value, str):
            p.error(item, key, f"'{value}' should be text", "write it as plain words",
                    f"{slug}.{key}")
        words[key] = " ".join(str(value or "").split())
    if p.errors > before:
        return None
    return CrisisContact(
        slug, words["name"], words["description"], Phone(phone) if phone else None,
        TextLine(text, words["message"]) if text else None, emergency, _translations(item))


MENTION_FIELDS = ("summary", "description", "eligibility_description", "how_to_get_help",
                  "what_happens_next", "waiting_time", "fees", "hours_note")


def _check_mentioned_numbers(root: Path, services: list[Service], crisis: list[CrisisContact],
                             problems: list[Problem]) -> None:
    """Warn about a number written in a service's text that no entry lists under phones:/texts:.

    Listed numbers are checked and dialled as written; one typed into a sentence is neither, so a
    typo there ("0800 068 41144") would otherwise reach the page unnoticed.
    """
    from .phones import digits_of, mentioned_numbers

    listed = {digits_of(line.number) for s in services for line in (*s.phones, *s.texts)}
    listed |= {digits_of(line.number) for c in crisis for line in (c.phone, c.text_line) if line}
    for service in services:
        path = root / "services" / f"{service.slug}.yml"
        for key in MENTION_FIELDS:
            value = getattr(service, key)
            for number in mentioned_numbers(" ".join(value) if isinstance(value, tuple) else value):
                if digits_of(number) not in listed:
                    problems.append(Problem(
                        _rel(path, root), _line_of_text(path, number), key,
                        f"mentions {number}, which is not a number listed under phones: or "
                        "texts: here or in any other entry",
                        "check it against the service's own website, and list numbers people "
                        "should call under phones: so they are checked and dialled as written",
                        "warning"))


def _line_of_text(path: Path, text: str) -> int:
    """The first line of a file containing text (1 if it cannot be found)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1
    return next((i for i, line in enumerate(lines, 1) if text in line), 1)


def _crisis_number(p: _Problems, item: dict, key: str, kind: str, slug: str) -> str | None | bool:
    """The checked number under key, None when there is none, False when it is wrong."""
    if item.get(key) in (None, ""):
        return None
    checked = check_number(item[key], kind)
    if checked.number is None:
        p.error(item, key, checked.problem, checked.fix, f"{slug}.{key}")
        return False
    return checked.number


def _translations(item: dict) -> dict:
    block = item.get("translations") or {}
    return {str(k): dict(v) for k, v in block.items() if isinstance(v, dict)} \
        if isinstance(block, dict) else {}


# --------------------------------------------------------------------------- services

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


# --------------------------------------------------------------------------- translations

TRANSLATION_FIELDS = {
    "needs": ("name", "description", "words", "risk_phrases", "not_risk"),
    "areas": ("name",),
    "crisis": ("name", "description"),
    "services": TRANSLATABLE,
    "glossary": ("term", "meaning"),
    "pages": ("title", "summary"),
}


SECTION_FILES = {"needs": "needs.yml", "areas": "areas.yml", "crisis": "crisis.yml",
                 "glossary": "glossary.yml"}


def _reported_broken(root: Path, section: str, slug: str, problems: list[Problem]) -> bool:
    """Whether an entry is missing because of errors already reported (so say nothing more).

    One broken service should give one error, not one more warning per translation file.
    """
    if section == "services":
        return (root / "services" / f"{slug}.yml").exists()
    if section == "pages":
        return (root / "pages" / f"{slug}.md").exists()
    file = _rel(root / SECTION_FILES.get(section, f"{section}.yml"), root)
    return any(p.file == file and p.severity == "error" for p in problems)


def _drop_foreign_numbers(item: CrisisContact, clean: dict, node: Any, p: _Problems,
                          label: str) -> None:
    """Leave out (and report) translated crisis text that gives a number the English does not."""
    from .safety import foreign_numbers

    for key, numbers in foreign_numbers(item, clean).items():
        del clean[key]
        p.error(node, key, "gives " + ", ".join(sorted(numbers)) + ", which the English does "
                "not, so the English is shown instead", "write the same numbers as crisis.yml: "
                "a wrong number here could send someone in crisis to the wrong place",
                f"{label}.{key}")


def _apply_translation_files(root: Path, site: Site, items: dict[str, list],
                             problems: list[Problem]) -> dict[str, tuple[str, ...]]:
    """Merge content/translations/<lang>.yml into the items; return risk phrases per language.

    One file per language keeps a community translator's work in one place.
    """
    folder = root / "translations"
    by_slug = {section: {item.slug: item for item in found} for section, found in items.items()}
    risk: dict[str, tuple[str, ...]] = {}
    for path in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
        lang = path.stem
        p = _Problems(_rel(path, root), problems)
        if lang not in site.languages or lang == "en":
            p.warn(None, "(file)", f"'{lang}' is not one of the site's languages",
                   "name the file after a language code in site.yml, e.g. pl.yml")
            continue
        data = read_filled_yaml(path, root, problems, "nothing in it is shown in this language "
                                "and its risk phrases are not recognised")
        if data is None:
            continue
        if not isinstance(data, dict):
            p.error(data, "(file)", "should have sections like needs: and services:",
                    "see content/README.md, Translations")
            continue
        for section, block in data.items():
            if section == "site":
                if isinstance(block, dict) and isinstance(block.get("area_name"), str):
                    site.translations.setdefault(lang, {})["area_name"] = block["area_name"]
                else:
                    p.error(data, section, "should have area_name: in this language",
                            "write e.g. site: {area_name: ...}")
                continue
            if section == "reviewed":  # read by translations.py
                continue
            if section == "risk_phrases":
                if isinstance(block, list) and all(isinstance(x, str) for x in block):
                    risk[lang] = tuple(" ".join(x.lower().split()) for x in block if x.strip())
                else:
                    p.error(data, section, "should be a list of phrases",
                            "write each phrase on its own line starting with '- '")
                continue
            if section not in TRANSLATION_FIELDS:
                p.warn(data, str(section), "is not a section Signpost knows",
                       "use site, needs, areas, crisis, services, pages, glossary or "
                       "risk_phrases")
                continue
            if not isinstance(block, dict):
                p.error(data, section, "should list slugs with their fields",
                        "see content/README.md, Translations")
                continue
            for slug, fields_ in block.items():
                item = by_slug[section].get(slug)
                label = f"{section}.{slug}"
                if item is None:
                    if not _reported_broken(root, section, str(slug), problems):
                        p.warn(block, str(slug), "there is no such entry",
                               f"check the slug against the {section} files", label)
                    continue
                if not isinstance(fields_, dict):
                    p.error(block, str(slug), "should list fields like 'summary: ...'",
                            "see content/README.md, Translations", label)
                    continue
                clean = {}
                for key, value in fields_.items():
                    if key == "reviewed":  # read by translations.py
                        continue
                    if key not in TRANSLATION_FIELDS[section]:
                        p.warn(fields_, str(key), "cannot be translated here",
                               "translate only: " + ", ".join(TRANSLATION_FIELDS[section]),
                               f"{label}.{key}")
                    elif key in ("words", "how_to_get_help", "risk_phrases", "not_risk"):
                        if isinstance(value, list) and all(isinstance(x, str) for x in value):
                            clean[key] = [" ".join(x.split()) for x in value if x.strip()]
                        else:
                            p.error(fields_, str(key), "should be a list",
                                    "write each item on its own line starting with '- '",
                                    f"{label}.{key}")
                    elif isinstance(value, str) and value.strip():
                        clean[key] = value.strip() if key == "description" else " ".join(
                            value.split())
                    elif value not in (None, ""):
                        p.error(fields_, str(key), "should be text", "write it as a sentence",
                                f"{label}.{key}")
                if section == "services" and len(clean.get("summary", "")) > SUMMARY_MAX:
                    p.warn(fields_, "summary", f"is over {SUMMARY_MAX} characters",
                           "shorten it if you can", f"{label}.summary")
                if section == "crisis":
                    _drop_foreign_numbers(item, clean, fields_, p, label)
                item.translations.setdefault(lang, {}).update(clean)
    return risk
