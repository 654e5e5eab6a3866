"""What feedback may contain: the choices offered, the limits, and cleaning of free text.

The store itself is in directory/store/; redaction in directory/redact.py.
"""

from __future__ import annotations

import datetime as dt

from .redact import plain, redact

# Short on purpose: a sentence or two is all the content team needs, and the less free text is
# kept, the less of it can identify anyone.
DETAILS_MAX = 300
WORDS_MAX = 100
REPORT_PROBLEMS = ("phone", "website", "address", "hours", "eligibility", "closed", "other")
HELPFUL_KINDS = ("service", "page")


class FeedbackError(ValueError):
    """A submission that cannot be stored, with a message for the person who sent it."""


def clean_details(text: str | None) -> str:
    """Optional free text: trimmed, within the limit, with contact details removed."""
    text = plain(" ".join((text or "").split()))
    if len(text) > DETAILS_MAX:
        raise FeedbackError(f"too long: {len(text)} characters, the limit is {DETAILS_MAX}")
    return redact(text)


def this_month() -> str:
    """The month, the finest time Signpost keeps with feedback."""
    return dt.date.today().strftime("%Y-%m")
