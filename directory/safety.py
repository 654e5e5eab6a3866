"""The built-in safety card: national crisis numbers shown whenever crisis.yml cannot be trusted."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from .content.objects import CrisisContact, Phone, TextLine
from .content.problems import Problem

FREE_PREFIXES = ("0800", "0808", "116")
CARD_FIELD = "(help-now)"  # the field of the problem saying the safety card is shown
CARD_NAMES = "999, NHS 111, Samaritans 116 123, Childline 0800 1111 and Shout (text 85258)"


def safety_card() -> list[CrisisContact]:
    """National numbers that are certain, with the slugs crisis.yml uses (so translations apply).

    Built fresh each time: translation files add to each contact's translations.
    """
    return [
        CrisisContact("emergency-999", "Emergency",
                      "If your life, or someone else's, is in danger right now, call 999 or go "
                      "to A&E.", Phone("999"), None, True),
        CrisisContact("nhs-111", "NHS 111, mental health option",
                      "Call 111 and choose option 2 for urgent mental health help, any age, "
                      "24 hours.", Phone("111"), None, False),
        CrisisContact("childline", "Childline",
                      "Talk to someone if you are under 19. Free, 24 hours, and it won't show on "
                      "the phone bill.", Phone("0800 1111"), None, False),
        CrisisContact("samaritans", "Samaritans",
                      "Talk to someone at any age, any time. Free, 24 hours.", Phone("116 123"),
                      None, False),
        CrisisContact("shout", "Shout",
                      "Text SHOUT to 85258 if you'd rather not talk. Free, 24 hours.", None,
                      TextLine("85258", "SHOUT"), False),
    ]


def _digits(phone: Phone | None) -> str:
    return phone.number.replace(" ", "") if phone else ""


def missing_lines(contacts: list[CrisisContact]) -> list[str]:
    """What the help-now box would lack: 999, NHS 111, a free helpline (empty when complete)."""
    lacks = []
    if not any(c.emergency and _digits(c.phone) == "999" for c in contacts):
        lacks.append("999 under emergency:")
    if not any(_digits(c.phone) == "111" for c in contacts):
        lacks.append('NHS 111 (phone: "111")')
    if not any(not c.emergency and _digits(c.phone).startswith(FREE_PREFIXES) for c in contacts):
        lacks.append("a free helpline (a number starting 0800, 0808 or 116)")
    return lacks


def safe_crisis(contacts: list[CrisisContact], path: Path, file: str,
                problems: list[Problem]) -> list[CrisisContact]:
    """The crisis contacts to show: crisis.yml's when complete, else the built-in safety card.

    An emergency line without a phone number cannot be shown as a call button, so it is left out.
    """
    shown = []
    for contact in contacts:
        if contact.emergency and contact.phone is None:
            problems.append(Problem(file, 1, f"{contact.slug}.phone",
                                    "an emergency line needs a phone number to call",
                                    "add phone: \"999\", or move it under urgent:"))
            continue
        shown.append(contact)
    lacks = missing_lines(shown)
    if not lacks:
        return shown
    state = "is missing" if not path.exists() else "does not list " + "; ".join(lacks)
    problems.append(Problem(
        file, 1, CARD_FIELD,
        f"{state}, so the help-now box shows the built-in safety card instead ({CARD_NAMES})",
        "fix crisis.yml (see its other problems, and content/README.md) so that it lists 999, "
        "NHS 111 and at least one free helpline"))
    return safety_card()


# Runs of digits in any script (Python's \d is Unicode-aware), with spaces between groups.
NUMBER_RE = re.compile(r"\d+(?:[ \u00a0\u202f]\d+)*")


def _numbers_in(text: str) -> set[str]:
    """Phone-like numbers (three digits or more) in a text, as ASCII digits without spaces."""
    found = set()
    for run in NUMBER_RE.findall(text or ""):
        digits = "".join(str(unicodedata.digit(ch)) for ch in run if not ch.isspace())
        if len(digits) >= 3:
            found.add(digits)
    return found


def foreign_numbers(contact: CrisisContact, translated: dict[str, str]) -> dict[str, set[str]]:
    """Translated crisis fields that mention a number the English does not: {field: numbers}.

    A translation must never send someone in crisis to a different number; such a field is
    shown in English until it is corrected.
    """
    english = _numbers_in(contact.name) | _numbers_in(contact.description)
    for line in (contact.phone, contact.text_line):
        if line is not None:
            english.add(line.number.replace(" ", "").lstrip("+"))
            english |= _numbers_in(line.number)
    return {key: extra for key, text in translated.items()
            if isinstance(text, str) and (extra := _numbers_in(text) - english)}
