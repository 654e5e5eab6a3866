"""Who is looking: the visitor's choice, kept in the URL (?for=...) and never stored."""

from __future__ import annotations

from flask import g, request

from .content_pages import AUDIENCES

# Ages a search covers when the visitor said who they are but not an exact age.
AGE_BANDS = {"children": (0, 10), "teens": (11, 17), "young-adults": (18, 25)}


def current_audience() -> str | None:
    """The audience chosen for this request, if any."""
    return getattr(g, "audience", None)


def read_audience() -> None:
    """Take ?for= from the URL when it names an audience."""
    value = request.args.get("for")
    g.audience = value if value in AUDIENCES else None


def age_band() -> tuple[int, int] | None:
    """The age range to search when no exact age was given."""
    return AGE_BANDS.get(current_audience() or "")


YOUNG = ("children", "teens")


def can_contact_alone(service, age: int | None = None) -> bool:
    """Whether to tell a young visitor they can contact this service without telling a parent.

    Only where it is true: the service takes self-referrals at their age and publicly promises
    confidentiality (`confidential: true` in its content file).
    """
    if age is None and current_audience() not in YOUNG:
        return False
    if age is not None and age >= 18:
        return False
    if not (service.confidential and "self-referral" in service.referral):
        return False
    if age is not None:
        return service.ages_fit(age)
    low, high = age_band() or (0, 17)
    return service.minimum_age <= high and service.maximum_age >= low


def first_step_rank(service, audience: str | None) -> int:
    """How good a first step a service is for who is looking: 0 best (ranked first when browsing)."""
    if audience in YOUNG or audience == "young-adults":
        return 0 if "self-referral" in service.referral else 1
    if audience == "parents":  # parent lines first, then services a parent can contact
        return 0 if "parenting" in service.needs else 1 if "parent-or-carer" in service.referral \
            else 2
    if audience == "professionals":
        return 0 if {"professional", "school"} & set(service.referral) else 1
    return 0
