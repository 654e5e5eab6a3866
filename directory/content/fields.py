"""The field types of the content model: what a value may be, in our words when it is wrong.

Each type checks one kind of value (text, an age, a phone number, a time, a list of slugs) and
says what it looks like in JSON Schema; model.py and pack_model.py build files out of them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BeforeValidator,
    ValidationInfo,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

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


TRANSLATIONS_SCHEMA = {"type": "object", "additionalProperties": {"type": "object"},
                       "description": "Per language code (pl, ur, ...): fields in that language"}
