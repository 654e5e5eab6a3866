"""The content model of the pack's other files: areas.yml, needs.yml, crisis.yml, site.yml and
glossary.yml (services are in model.py). The area and need loaders validate with these, the
crisis and site loaders take their field lists from them, and content/schema/ is written from
them all."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, ConfigDict, WithJsonSchema, model_validator

from .fields import (
    TRANSLATIONS_SCHEMA,
    EmailAddress,
    Paragraphs,
    PhoneNumber,
    Text,
    TextNumber,
    WebAddress,
    _translations,
    needed,
    problem,
)
from .model import Entry, checked_across, detail, empty
from .values import DISTRICT_RE, SLUG_RE

SLUG = {"type": "string", "pattern": SLUG_RE.pattern}
Slug = Annotated[str, WithJsonSchema(SLUG)]
Translations = Annotated[dict, BeforeValidator(_translations), WithJsonSchema(TRANSLATIONS_SCHEMA)]


def _plain_list(message: str, fix: str, items: tuple[type, ...] = (str,)):
    def check(value: Any) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(x, items) and not isinstance(x, bool)
                                                  for x in value):
            raise problem(message, fix)
        return tuple(" ".join(str(x).split()) for x in value if str(x).strip())
    return check


def _district(value: Any) -> str:
    if not DISTRICT_RE.match(str(value).upper()):
        raise problem(f"'{value}' is not a postcode district",
                      "use the first half of a postcode, like LE11")
    return str(value).upper()


def _districts(value: Any) -> list:
    if not isinstance(value, list):
        raise problem("should be a list", "write e.g. [LE11, LE12]")
    return value


PHRASES = WithJsonSchema({"type": "array", "items": {"type": "string"}})
Phrases = Annotated[tuple[str, ...], BeforeValidator(_plain_list(
    "should be a list of phrases", "write e.g. [want to die]")), PHRASES]
Slugs = Annotated[tuple[str, ...], BeforeValidator(_plain_list(
    "should be a list of phrases", "write e.g. [want to die]")),
    WithJsonSchema({"type": "array", "items": SLUG})]


class AreaEntry(Entry):
    """A place the directory covers (one entry of areas.yml)."""

    slug: Slug
    name: Annotated[Paragraphs, needed("give the area a name people know")]
    postcode_districts: Annotated[tuple[Annotated[str, BeforeValidator(_district)], ...],
                                  BeforeValidator(_districts), WithJsonSchema(
        {"type": "array", "items": {"type": "string",
                                    "pattern": "^[A-Za-z]{1,2}[0-9][0-9A-Za-z]?$"}})] = ()
    translations: Translations = {}


class NeedEntry(Entry):
    """One of the fixed things people look for help with (one entry of needs.yml)."""

    slug: Slug
    name: Annotated[Paragraphs, needed("write the need's name in plain words")]
    description: Annotated[Paragraphs, needed(
        "write the need's description in plain words")]
    words: Annotated[tuple[str, ...], BeforeValidator(_plain_list(
        "should be a list of words", "write e.g. [worried, stressed]", (str, int))),
        AfterValidator(lambda words: tuple(w.lower() for w in words)), WithJsonSchema(
            {"type": "array", "items": {"type": ["string", "integer"]}})] = ()
    # Says where or who ("at school", "my son"), not what is wrong; anything but true is false.
    context: Annotated[bool, BeforeValidator(lambda v: v is True),
                       WithJsonSchema({"type": "boolean"})] = False
    risk_phrases: Phrases = ()
    not_risk: Phrases = ()
    give_way_to: Slugs = ()
    first_steps: Slugs = ()
    translations: Translations = {}


def _words_only(value: Any) -> str:
    # Stricter than other text: a number here would sit in the help-now box looking diallable.
    if not isinstance(value, str):
        raise problem(f"'{value}' should be text", "write it as plain words")
    return " ".join(value.split())


CrisisText = Annotated[str, BeforeValidator(_words_only), WithJsonSchema({"type": "string"})]


class CrisisEntry(Entry):
    """One line of the help-now box (crisis.yml); it needs a phone or a text number."""

    model_config = ConfigDict(json_schema_extra={"required": ["slug", "name"], "anyOf": [
        {"required": ["phone"]}, {"required": ["text"]}]})
    slug: Slug
    name: CrisisText = ""  # required: said of the whole entry ("samaritans: has no name")
    description: CrisisText = ""
    phone: PhoneNumber = ""
    text: TextNumber = ""
    message: CrisisText = ""
    translations: Translations = {}

    @model_validator(mode="wrap")
    @classmethod
    def _a_number(cls, data: Any, handler) -> CrisisEntry:
        return checked_across(cls, data, handler, _whole_line)


def _whole_line(data: dict) -> list:
    found = []
    if empty(data.get("phone")) and empty(data.get("text")):
        found.append(detail("", "has neither phone: nor text:",
                            'add the number to call, in quotes, like phone: "116 123"'))
    if empty(data.get("name")):
        found.append(detail("", "has no name", "add name: as people know the line"))
    return found


class CrisisFile(Entry):
    """crisis.yml: who to contact right now."""

    emergency: list[CrisisEntry] = []
    urgent: list[CrisisEntry] = []


class Corrections(Entry):
    """Who to tell when a service's details are wrong."""

    team: Text = ""
    email: EmailAddress | None = None  # none published yet: reports go through the site


LANGUAGE_RE = re.compile(r"^[a-z]{2,3}$")
Language = Annotated[str, WithJsonSchema({"type": "string", "pattern": LANGUAGE_RE.pattern})]


class SiteFile(Entry):
    """site.yml: the site as a whole."""

    name: Text = "Signpost"
    area_name: Text = ""
    site_url: WebAddress = "http://localhost:5000"
    languages: list[Language] = ["en"]
    default_language: Language = "en"
    corrections: Corrections | None = None
    audiences: Annotated[dict, WithJsonSchema(
        {"type": "object", "description": "How the site looks per audience: brand, brand_dark, "
                                          "tint, type_scale, radius"})] = {}


class GlossaryEntry(Entry):
    """A word from the jargon buster (one entry of glossary.yml)."""

    slug: Slug
    term: Text
    meaning: Text
    also: Annotated[tuple[str, ...], WithJsonSchema(
        {"type": "array", "items": {"type": "string"}})] = ()
    translations: Translations = {}
