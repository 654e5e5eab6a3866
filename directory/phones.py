"""Checking the phone and text numbers content editors write, as UK numbers (phonenumbers)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers

REGION = "GB"
# Digits and spaces, with a + only in front: what people see is exactly what their phone dials.
WRITTEN_RE = re.compile(r"^\+?[0-9][0-9 ]*$")
QUOTES_FIX = 'put the number in quotes, exactly as people should dial it, like "0116 255 5555"'


@dataclass(frozen=True)
class NumberCheck:
    """The number as written (spaces tidied), or what is wrong with it and how to fix it."""

    number: str | None
    problem: str = ""
    fix: str = ""


def check_number(value: object, kind: str = "phone number") -> NumberCheck:
    """Whether a value from a content file is a UK number a phone can dial (or text)."""
    if isinstance(value, bool) or value is None:
        return NumberCheck(None, f"'{value}' is not a {kind}", QUOTES_FIX)
    if isinstance(value, int | float):
        # YAML reads an unquoted 01162555555 as an octal number (164289389): never publish that.
        return NumberCheck(None, f"the {kind} is not in quotes, so it is read as the number "
                                 f"{value} (a leading 0 is lost or changes the other digits)",
                           QUOTES_FIX)
    if not isinstance(value, str):
        return NumberCheck(None, f"'{value}' is not a {kind}", QUOTES_FIX)
    written = " ".join(value.split())
    if not WRITTEN_RE.match(written):
        return NumberCheck(None, f"'{value}' is not a {kind}",
                           "write only the digits (spaces between groups are fine), like "
                           '"0116 255 5555"; put any words in description:')
    digits = written.replace(" ", "").lstrip("+")
    try:
        parsed = phonenumbers.parse(written, REGION)
    except phonenumbers.NumberParseException:
        parsed = None
    if parsed is not None and (phonenumbers.is_valid_number(parsed)
                               or phonenumbers.is_valid_short_number(parsed)):
        return NumberCheck(written)
    if written.startswith("0") and len(digits) < 10:
        what = f"is too short for a UK {kind} ({len(digits)} digits)"
    elif written.startswith("0") and len(digits) > 11:
        what = f"is too long for a UK {kind} ({len(digits)} digits)"
    else:
        what = f"is not a {kind} in use in the UK"
    return NumberCheck(None, f"'{written}' {what}",
                       "copy the number again from the service's own website or leaflet; UK "
                       "numbers have 10 or 11 digits starting with 0, or are short codes like 111")


# A number someone might dial, inside a sentence: starts with 0 or +, digits in groups.
MENTIONED_RE = re.compile(r"(?<![\w+])(?:\+|0)\d+(?:[ \u00a0]\d+)*")


def mentioned_numbers(text: str) -> list[str]:
    """Phone numbers written in a sentence ('Call 0300 123 6600'), as written."""
    return [m.group(0) for m in MENTIONED_RE.finditer(text or "")
            if len(re.sub(r"\D", "", m.group(0))) >= 6]


def digits_of(number: str) -> str:
    """The digits a phone dials, for comparing numbers written with different spacing."""
    return re.sub(r"\D", "", number)
