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
