"""The content model, defined once (pydantic): what each field of a service file may hold.

The loader's checks, the spreadsheet columns (pack_sheet.py), the list of fields a checking
round and the Open Referral mapping know, and the JSON Schema editors validate against
(content/schema/) all come from these classes. Every rule says what is wrong and how to fix it in
plain words (`Words`, or `problem(...)` in a validator): errors.py turns pydantic's errors into
our `file:line: field: problem — fix` messages, never pydantic's own text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from ..phones import WRITTEN_RE, check_number
from .values import (
    DAYS,
    DELIVERY,
    EMAIL_RE,
    NATIONAL,
    POSTCODE_RE,
    REFERRAL,
    SLUG_RE,
    SUMMARY_MAX,
    TIME_RE,
    UNCONFIRMABLE,
    URL_RE,
)

OURS = "signpost"  # the error type of every problem worded here


@dataclass(frozen=True)
class Words:
    """A field's plain words: what is wrong with a bad value ({value} is the value), the fix."""

    wrong: str
    fix: str
    missing: str = "is missing"  # said when a required field is absent or empty
    add: str = ""  # the fix when it is missing (default: fix)


class Translated:
    """Marks a field a translator translates (services' translations: blocks)."""


TRANSLATED = Translated()


def needed(add: str) -> Words:
    """The words for a required field: it is missing, and how to add it."""
    return Words("", "", add=add)


def problem(message: str, fix: str) -> PydanticCustomError:
    """An error in our own words, carried through pydantic to the loader unchanged."""
    return PydanticCustomError(OURS, "{message}", {"message": message, "fix": fix})


# --------------------------------------------------------------------------- value types

def _text(value: Any) -> str:
    if not isinstance(value, str | int | float):
        raise problem("should be text", "write it as a sentence")
    return " ".join(str(value).split())


def _paragraphs(value: Any) -> str:
    if not isinstance(value, str | int | float):
        raise problem("should be text", "write it as a sentence")
    return str(value).strip()


def _summary(value: str) -> str:
    if len(value) > SUMMARY_MAX:
        raise problem(f"is {len(value)} characters long", f"keep it under {SUMMARY_MAX}")
    return value


def _age(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 120:
        raise problem(f"'{value}' is not an age in whole years",
                      "write a whole number such as 11 (0 means from birth)")
    return value


def _web_address(value: str) -> str:
    if not URL_RE.match(value):
        raise problem(f"'{value}' is not a web address", "start it with https://")
    return value


def _email(value: str) -> str:
    if not EMAIL_RE.match(value):
        raise problem(f"'{value}' is not an email address", "write it like name@org.uk")
    return value


def _flag(meaning: str):
    def check(value: Any) -> bool:
        if not isinstance(value, bool):
            raise problem(f"'{value}' is not true or false", meaning)
        return value
    return check


def _one_or_many(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


def _list_of(example: str):
    def check(value: Any) -> list:
        value = _one_or_many(value)
        if not isinstance(value, list | tuple):
            raise problem("should be a list", f"write e.g. [{example}]")
        return list(value)
    return check


def _records(fix: str):
    def check(value: Any) -> list:
        if not isinstance(value, list | tuple):
            raise problem("should be a list", fix)
        return list(value)
    return check


def _languages(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(x, str | int | float) for x in value):
        raise problem("should be a list", "write e.g. [English, Polish]")
    return tuple(str(x) for x in value)


def _once(values: tuple) -> tuple:
    return tuple(dict.fromkeys(values))


def _known(kind: str, fix: str):
    """A slug that must be in the pack's own list (areas.yml, needs.yml), given as context."""
    def check(value: Any, info: ValidationInfo) -> str:
        known = (info.context or {}).get(kind)
        if not isinstance(value, str) or (known is not None and value not in known):
            raise problem(f"'{value}' is not one of the allowed values", fix(known or ()))
        return value
    return check


def _choice(allowed: tuple[str, ...]):
    def check(value: Any) -> str:
        if value not in allowed:
            raise problem(f"'{value}' is not one of the allowed values",
                          "use any of: " + ", ".join(allowed))
        return value
    return check


def _number(kind: str):
    def check(value: Any) -> str:
        checked = check_number(value, kind)
        if checked.number is None:
            raise problem(checked.problem, checked.fix)
        return checked.number
    return check


def _time(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        # YAML reads an unquoted 09:00 as a number of minutes (base 60).
        raise problem(f"the time {value // 60:02d}:{value % 60:02d} is not in quotes",
                      'put times in quotes, like "09:00"')
    if not isinstance(value, str) or not TIME_RE.match(value):
        raise problem(f"'{value}' is not a time", 'write a 24-hour time like "17:30"')
    return value


def _days(value: Any) -> tuple[str, ...]:
    days = [d.strip() for d in value.split(",")] if isinstance(value, str) else value
    if not isinstance(days, list) or not days or any(d not in DAYS for d in days):
        raise problem(f"'{days}' is not a list of days", "use MO TU WE TH FR SA SU, e.g. [MO, TU]")
    return tuple(days)


def _postcode(value: Any) -> str:
    postcode = str(value if value is not None else "").upper().strip()
    if not POSTCODE_RE.match(postcode):
        raise problem(f"'{postcode}' is not a full UK postcode", "write it like LE1 6WW")
    return postcode


def _steps(value: Any) -> tuple[str, ...]:
    value = _one_or_many(value)
    if not isinstance(value, list) or not all(isinstance(s, str) and s.strip() for s in value):
        raise problem("should be a list of steps",
                      "write each step on its own line starting with '- '")
    return tuple(" ".join(s.split()) for s in value)


def _unconfirmed(value: Any) -> tuple[str, ...]:
    listed = _one_or_many(value)
    if not isinstance(listed, list) or any(u not in UNCONFIRMABLE for u in listed):
        raise problem(f"'{value}' is not a list of details",
                      "list any of: " + ", ".join(UNCONFIRMABLE))
    return tuple(u for u in UNCONFIRMABLE if u in listed)


def _date(value: Any, info: ValidationInfo) -> dt.date:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise problem(f"'{value}' is not a date", "write the date as YYYY-MM-DD, e.g. 2026-11-22")
    today = (info.context or {}).get("today")
    if today is not None and value > today:
        raise problem(f"{value} is in the future",
                      "write the date the details were actually checked")
    return value


def _translations(value: Any) -> dict:
    # Blocks that are not mappings carry nothing to show; the checks warn about unknown keys.
    if not isinstance(value, dict):
        return {}
    return {str(k): dict(v) for k, v in value.items() if isinstance(v, dict)}


def _string(schema: dict | None = None):
    return WithJsonSchema({"type": "string", **(schema or {})})


Text = Annotated[str, BeforeValidator(_text), _string({"minLength": 1})]
Paragraphs = Annotated[str, BeforeValidator(_paragraphs), _string({"minLength": 1})]
Summary = Annotated[str, BeforeValidator(_text), AfterValidator(_summary),
                    _string({"minLength": 1, "maxLength": SUMMARY_MAX})]
Age = Annotated[int, BeforeValidator(_age), WithJsonSchema(
    {"type": "integer", "minimum": 0, "maximum": 120})]
WebAddress = Annotated[str, BeforeValidator(_text), AfterValidator(_web_address),
                       _string({"pattern": URL_RE.pattern})]
EmailAddress = Annotated[str, BeforeValidator(_text), AfterValidator(_email),
                         _string({"pattern": EMAIL_RE.pattern})]
Slug = {"type": "string", "pattern": SLUG_RE.pattern}
AreaSlug = Annotated[str, BeforeValidator(_known("areas", lambda known: (
    "use slugs from areas.yml (" + ", ".join(sorted(set(known) - {NATIONAL})) + ") or national"))),
    WithJsonSchema(Slug)]
NeedSlug = Annotated[str, BeforeValidator(_known(
    "needs", lambda known: "use slugs from needs.yml, e.g. anxiety, low-mood")),
    WithJsonSchema(Slug)]
Delivery = Annotated[str, BeforeValidator(_choice(DELIVERY)),
                     WithJsonSchema({"enum": list(DELIVERY)})]
Referral = Annotated[str, BeforeValidator(_choice(REFERRAL)),
                     WithJsonSchema({"enum": list(REFERRAL)})]
DIAL = {"type": "string", "pattern": WRITTEN_RE.pattern,
        "description": 'In quotes, as people dial it, like "0116 255 5555"'}
PhoneNumber = Annotated[str, BeforeValidator(_number("phone number")), WithJsonSchema(DIAL)]
TextNumber = Annotated[str, BeforeValidator(_number("text number")), WithJsonSchema(DIAL)]
Time = Annotated[str, BeforeValidator(_time), _string(
    {"pattern": TIME_RE.pattern, "description": 'A 24-hour time in quotes, like "09:00"'})]
Days = Annotated[tuple[str, ...], BeforeValidator(_days), WithJsonSchema(
    {"type": "array", "items": {"enum": list(DAYS)}, "minItems": 1, "uniqueItems": True})]
# Editors may write a postcode in lower case: the loader capitalises it.
Postcode = Annotated[str, BeforeValidator(_postcode), _string(
    {"pattern": "^[A-Za-z]{1,2}[0-9][0-9A-Za-z]? ?[0-9][A-Za-z]{2}$"})]
Steps = Annotated[tuple[str, ...], BeforeValidator(_steps), WithJsonSchema(
    {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1})]
Unconfirmed = Annotated[tuple[str, ...], BeforeValidator(_unconfirmed), WithJsonSchema(
    {"type": "array", "items": {"enum": list(UNCONFIRMABLE)}, "uniqueItems": True})]
Checked = Annotated[dt.date, BeforeValidator(_date), WithJsonSchema(
    {"type": "string", "format": "date", "description": "The date the details were confirmed"})]


def _flag_type(meaning: str):
    return Annotated[bool, BeforeValidator(_flag(meaning)), WithJsonSchema({"type": "boolean"})]


def _list(item: Any, example: str):
    return Annotated[tuple[item, ...], BeforeValidator(_list_of(example)), AfterValidator(_once)]


# --------------------------------------------------------------------------- records

class Entry(BaseModel):
    """A mapping in a content file: unknown keys are refused, so editors see typos."""

    model_config = ConfigDict(extra="forbid", frozen=True, hide_input_in_errors=False)
    not_a_mapping: ClassVar[tuple[str, str]] = ("should be a list of fields like 'name: ...'",
                                                "see content/README.md")
    main_field: ClassVar[str] = ""  # what an entry that is not a mapping is reported under

    @model_validator(mode="before")
    @classmethod
    def _mapping(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            raise problem(*cls.not_a_mapping)
        # An empty value is the same as no value: required fields then say they are missing.
        return {k: v for k, v in data.items() if v is not None and v != "" and v != []}


class ScheduleEntry(Entry):
    """Opening times on some days, in UK time."""

    not_a_mapping = ("each entry needs byday, opens_at and closes_at", "see content/README.md")
    byday: Annotated[Days, Words("'None' is not a list of days",
                                 "use MO TU WE TH FR SA SU, e.g. [MO, TU]", "'None' is not a "
                                 "list of days")]
    opens_at: Annotated[Time, Words("'None' is not a time", 'write a 24-hour time like "09:00"',
                                    "'None' is not a time")]
    closes_at: Annotated[Time, Words("'None' is not a time", 'write a 24-hour time like "17:30"',
                                     "'None' is not a time")]

    @field_validator("closes_at")
    @classmethod
    def _not_when_it_opens(cls, value: str, info: ValidationInfo) -> str:
        if info.data.get("opens_at") == value:
            raise problem("is the same as opens_at",
                          'for all day write opens_at: "00:00" and closes_at: "24:00"')
        return value


class PhoneEntry(Entry):
    """A number to call."""

    not_a_mapping = ("needs a number: line with the phone number",
                     'write it in quotes, like - number: "0116 255 5555"')
    main_field = "number"
    number: Annotated[PhoneNumber, Words("", "", "needs a number: line with the phone number",
                                         'write it in quotes, like - number: "0116 255 5555"')]
    description: Text = ""


class TextEntry(Entry):
    """A number to text, with the word to send if there is one."""

    not_a_mapping = ("needs a number: line with the text number",
                     'write it in quotes, like - number: "0116 255 5555"')
    main_field = "number"
    number: Annotated[TextNumber, Words("", "", "needs a number: line with the text number",
                                        'write it in quotes, like - number: "0116 255 5555"')]
    message: Text = ""
    description: Text = ""


class AddressEntry(Entry):
    """Where people can go."""

    not_a_mapping = ("should have address_1, city and postal_code", "see content/README.md")
    address_1: Text = ""
    city: Text = ""
    postal_code: Annotated[Postcode, Words("", "write it like LE1 6WW",
                                           "'' is not a full UK postcode")]


# --------------------------------------------------------------------------- a service

TRANSLATIONS_SCHEMA = {"type": "object", "additionalProperties": {"type": "object"},
                       "description": "Per language code (pl, ur, ...): fields in that language"}


# What each field is for, shown by editors when hovering or completing (the JSON Schema's
# descriptions); the same words as content/README.md.
HELP = {
    "name": "The service's name, as people know it.",
    "organization": "Who runs the service.",
    "summary": "One line, under 140 characters.",
    "description": "Plain words, a short paragraph or two.",
    "eligibility_description": "Who the service is for.",
    "minimum_age": "The youngest age it helps, in whole years (0 for from birth).",
    "maximum_age": "The oldest age it helps, in whole years; at least minimum_age.",
    "service_areas": "Area slugs from areas.yml, or [national] alone for UK-wide services.",
    "needs": "Need slugs from needs.yml.",
    "delivery": "How people get help: any of in-person, phone, text, online, video.",
    "referral": "Who can ask for help: any of self-referral, parent-or-carer, gp, school, "
                "professional.",
    "how_to_get_help": "Numbered steps, in plain words.",
    "fees": "What it costs (write Free if it is free).",
    "needs_checking": "true when any detail is not yet confirmed with the service.",
    "what_happens_next": "What happens after someone gets in touch.",
    "waiting_time": "Only if known.",
    "schedules": "When it is open, in UK time: byday, opens_at and closes_at.",
    "hours_note": "Anything about opening hours the schedule cannot say.",
    "url": "The service's own web page, starting https://.",
    "email": "An email address people can use.",
    "phones": "Numbers to call, each in quotes exactly as people dial it.",
    "texts": "Text-message lines: number (in quotes), message (the word to send).",
    "address": "Only for places people visit: address_1, city, postal_code.",
    "languages": "Languages staff can offer.",
    "check_note": "What still needs confirming, for whoever checks next.",
    "translations": "Per language code: fields in that language (not yet reviewed unless "
                    "marked).",
    "nhs": "true for an NHS service (it then offers a free interpreter).",
    "confidential": "true if the service publicly promises young people confidentiality.",
    "urgent": "true if it is a crisis route for urgent help.",
    "last_checked": "The date the details were confirmed with the service, YYYY-MM-DD; leave "
                    "it out until they are.",
    "unconfirmed": "With needs_checking: true, which details are not yet confirmed.",
    "source": "Where an imported entry came from, and what did not map: kept, not used.",
}


def _describe(schema: dict, model: type) -> None:
    for name, words in HELP.items():
        schema["properties"][name].setdefault("description", words)


class ServiceFile(Entry):
    """services/<slug>.yml: one service. Field names follow Open Referral UK where one exists."""

    model_config = ConfigDict(json_schema_extra=_describe)
    not_a_mapping = ("should be a list of fields like 'name: ...'",
                     "see content/README.md for a service file")

    # Required, in the order a service file is written.
    name: Annotated[Text, TRANSLATED, needed("add name: with the service's name")]
    organization: Annotated[Text, needed("add organization: with who runs the service")]
    summary: Annotated[Summary, TRANSLATED, needed(
        f"add summary: one line under {SUMMARY_MAX} characters")]
    description: Annotated[Paragraphs, TRANSLATED, needed(
        "add description: a short paragraph in plain words")]
    eligibility_description: Annotated[Text, TRANSLATED, needed(
        "add eligibility_description: who the service is for")]
    minimum_age: Annotated[Age, needed(
        "add minimum_age: the youngest age it helps (0 for from birth)")]
    maximum_age: Annotated[Age, needed("add maximum_age: the oldest age it helps")]
    service_areas: Annotated[_list(AreaSlug, "leicester"), needed(
        "add service_areas: area slugs from areas.yml, or [national]")]
    needs: Annotated[_list(NeedSlug, "anxiety"), needed("add needs: slugs from needs.yml")]
    delivery: Annotated[_list(Delivery, DELIVERY[0]), needed(
        "add delivery: any of " + ", ".join(DELIVERY))]
    referral: Annotated[_list(Referral, REFERRAL[0]), needed(
        "add referral: any of " + ", ".join(REFERRAL))]
    how_to_get_help: Annotated[Steps, TRANSLATED, needed("add how_to_get_help: a list of steps")]
    fees: Annotated[Text, TRANSLATED, needed(
        "add fees: what it costs (write Free if it is free)")]
    needs_checking: Annotated[_flag_type(
        "write true if any detail is unconfirmed, otherwise false"),
        needed("add needs_checking: true or false")]
    # Optional.
    what_happens_next: Annotated[Text, TRANSLATED] = ""
    waiting_time: Annotated[Text, TRANSLATED] = ""
    schedules: Annotated[tuple[ScheduleEntry, ...], BeforeValidator(_records(
        "see content/README.md for opening hours"))] = ()
    hours_note: Annotated[Text, TRANSLATED] = ""
    url: WebAddress = ""
    email: EmailAddress = ""
    phones: Annotated[tuple[PhoneEntry, ...], BeforeValidator(_records(
        "start each number with '- number:'"))] = ()
    texts: Annotated[tuple[TextEntry, ...], BeforeValidator(_records(
        "start each number with '- number:'"))] = ()
    address: AddressEntry | None = None
    languages: Annotated[tuple[str, ...], BeforeValidator(_languages), WithJsonSchema(
        {"type": "array", "items": {"type": "string"}})] = ()
    check_note: Text = ""
    translations: Annotated[dict, BeforeValidator(_translations),
                            WithJsonSchema(TRANSLATIONS_SCHEMA)] = Field(default_factory=dict)
    nhs: _flag_type("write nhs: true for an NHS service (it then offers a free interpreter)"
                    ) | None = None
    confidential: _flag_type(
        "write true if the service publicly promises confidentiality, otherwise leave it out"
    ) = False
    urgent: _flag_type("write true if it is a crisis route for urgent help, otherwise leave it "
                       "out") = False
    last_checked: Checked | None = None
    unconfirmed: Unconfirmed = ()
    # Where an imported entry came from, and what did not map: kept, not used.
    source: Annotated[Any, WithJsonSchema({"type": "object"})] = None

    @model_validator(mode="wrap")
    @classmethod
    def _whole_entry(cls, data: Any, handler) -> ServiceFile:
        """Checks across fields, reported together with any field's own errors."""
        found = _across_fields(data) if isinstance(data, dict) else []
        try:
            entry = handler(data)
        except ValidationError as exc:
            if not found:
                raise
            raise ValidationError.from_exception_data(
                cls.__name__, [*map(_again, exc.errors()), *found]) from None
        if found:
            raise ValidationError.from_exception_data(cls.__name__, found)
        return entry


def _detail(field: str, message: str, fix: str, value: Any = None) -> InitErrorDetails:
    return InitErrorDetails(type=problem(message, fix), loc=(field,), input=value)


def _again(error: dict) -> InitErrorDetails:
    """One of pydantic's reported errors, to report again beside the checks across fields."""
    kind = error["type"]
    if kind == OURS:
        kind = problem(error["ctx"]["message"], error["ctx"]["fix"])
    detail = InitErrorDetails(type=kind, loc=error["loc"], input=error.get("input"))
    if "ctx" in error and error["type"] != OURS:
        detail["ctx"] = error["ctx"]
    return detail


def _whole_age(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 120


def _valid(check, value: Any) -> bool:
    """Whether a value passes a field's own check (and is not empty)."""
    try:
        return bool(value) and bool(check(value))
    except PydanticCustomError:
        return False


def _across_fields(data: dict) -> list[InitErrorDetails]:
    """What is wrong between fields, judged on the values as written (each field is also checked
    on its own), so these are reported even when another field is wrong too."""
    found = []
    low, high = data.get("minimum_age"), data.get("maximum_age")
    if _whole_age(low) and _whole_age(high) and low > high:
        found.append(_detail("maximum_age", f"{high} is younger than minimum_age {low}",
                             "swap them, or correct the one that is wrong", high))
    areas = _one_or_many(data.get("service_areas"))
    if isinstance(areas, list) and NATIONAL in areas and len(set(areas)) > 1:
        found.append(_detail("service_areas", "mixes national with local areas",
                             "use [national] alone for UK-wide services, or list the local areas"))
    flag = data.get("needs_checking")
    if data.get("last_checked") in (None, "") and flag is not True and isinstance(flag, bool):
        found.append(_detail("last_checked", "is missing",
                             "add last_checked: the date the details were confirmed, as "
                             "YYYY-MM-DD, or needs_checking: true if they have not been"))
    if flag is False and _valid(_unconfirmed, data.get("unconfirmed")):
        found.append(_detail("unconfirmed",
                             "lists details not yet confirmed, but needs_checking is false",
                             "write needs_checking: true, or remove unconfirmed: once everything "
                             "is confirmed"))
    return found


# --------------------------------------------------------------------------- derived

def required_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields a file must have, in the model's order."""
    return tuple(k for k, f in model.model_fields.items() if f.is_required())


def optional_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields a file may have, in the model's order."""
    return tuple(k for k, f in model.model_fields.items() if not f.is_required())


def words_for(model: type[BaseModel], field: str) -> Words | None:
    """The plain words attached to a field of a model, if any."""
    info = model.model_fields.get(field)
    return next((m for m in info.metadata if isinstance(m, Words)), None) if info else None


SERVICE_REQUIRED = required_fields(ServiceFile)
SERVICE_OPTIONAL = optional_fields(ServiceFile)
TRANSLATABLE = tuple(k for k, f in ServiceFile.model_fields.items() if TRANSLATED in f.metadata)
ITEM_MODELS = {"schedules": ScheduleEntry, "phones": PhoneEntry, "texts": TextEntry,
               "address": AddressEntry}
SINGLE_RECORDS = ("address",)  # the others are lists of records
