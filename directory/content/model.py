"""The content model, defined once (pydantic): a service file and its records.

The loader's checks, the spreadsheet columns (pack_sheet.py), the Open Referral import's field
list and order, and the JSON Schema editors validate against (content/schema/) all come from
these classes, built of the field types in fields.py. Every rule says what is wrong and how to
fix it in plain words (`Words`, or `problem(...)` in a validator): errors.py turns pydantic's
errors into our `file:line: field: problem — fix` messages, never pydantic's own text.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar

from pydantic import (
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

from .fields import (
    OURS,
    TRANSLATED,
    TRANSLATIONS_SCHEMA,
    Age,
    AreaSlug,
    Checked,
    Days,
    Delivery,
    EmailAddress,
    NeedSlug,
    Paragraphs,
    PhoneNumber,
    Postcode,
    Referral,
    Steps,
    Summary,
    Text,
    TextNumber,
    Time,
    Unconfirmed,
    WebAddress,
    Words,
    _flag_type,
    _languages,
    _list,
    _one_or_many,
    _records,
    _translations,
    _unconfirmed,
    needed,
    problem,
)
from .values import (
    DELIVERY,
    NATIONAL,
    REFERRAL,
    SUMMARY_MAX,
)

# --------------------------------------------------------------------------- records

def empty(value: Any) -> bool:
    """Whether a value from a file says nothing (left blank, "" or [])."""
    return value is None or (isinstance(value, str | list) and len(value) == 0)


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
        return {k: v for k, v in data.items() if not empty(v)}


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
        return checked_across(cls, data, handler, _across_fields)


def checked_across(cls: type[BaseModel], data: Any, handler, across) -> Any:
    """Validate data, reporting what `across` finds between its fields with each field's own
    errors (an after-validator would run only once every field is valid)."""
    found = across(data) if isinstance(data, dict) else []
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


def detail(field: str, message: str, fix: str, value: Any = None) -> InitErrorDetails:
    """A problem found across fields, reported under field (the whole entry when empty)."""
    return InitErrorDetails(type=problem(message, fix), loc=(field,) if field else (),
                            input=value)


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
        found.append(detail("maximum_age", f"{high} is younger than minimum_age {low}",
                             "swap them, or correct the one that is wrong", high))
    areas = _one_or_many(data.get("service_areas"))
    if isinstance(areas, list) and NATIONAL in areas and len(set(areas)) > 1:
        found.append(detail("service_areas", "mixes national with local areas",
                             "use [national] alone for UK-wide services, or list the local areas"))
    flag = data.get("needs_checking")
    if empty(data.get("last_checked")) and flag is not True and isinstance(flag, bool):
        found.append(detail("last_checked", "is missing",
                             "add last_checked: the date the details were confirmed, as "
                             "YYYY-MM-DD, or needs_checking: true if they have not been"))
    if flag is False and _valid(_unconfirmed, data.get("unconfirmed")):
        found.append(detail("unconfirmed",
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
