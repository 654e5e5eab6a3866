"""The allowed values and formats of content fields: delivery ways, routes in, days, patterns."""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo

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


