"""The content pack (content/): read, checked and turned into immutable objects. No Flask here.

Modules, each with one job: values (allowed values and formats), fields (the model's field
types), model and pack_model (the content model, in pydantic: what each file may hold), schema
(the JSON Schema written from it), errors (its errors in our words), problems (what is wrong, said
for editors), yaml_lines and read (YAML that remembers lines), objects (what the site uses),
site, lists, crisis, services, pages (one loader per kind of file), translation_files, checks
(across entries) and load (load_content, putting it all together). Other modules import from
here, as they did when this was one file.
"""

from .load import load_content
from .model import SERVICE_OPTIONAL, SERVICE_REQUIRED, TRANSLATABLE, ServiceFile
from .objects import (
    Address,
    Area,
    Content,
    CrisisContact,
    Need,
    Phone,
    Schedule,
    Service,
    Site,
    TextLine,
    Translatable,
    postcode_district,
)
from .pages import Page, Term, load_glossary, load_pages
from .problems import Problem, _Problems, _rel
from .read import _read_yaml, read_filled_yaml
from .translation_files import _reported_broken
from .values import (
    DAYS,
    DELIVERY,
    DISTRICT_RE,
    EMAIL_RE,
    NATIONAL,
    POSTCODE_RE,
    REFERRAL,
    SLUG_RE,
    STALE_AFTER_DAYS,
    SUMMARY_MAX,
    TIME_RE,
    UK,
    UNCONFIRMABLE,
    URL_RE,
)
from .yaml_lines import _LineDict, _LineLoader

__all__ = [
    "DAYS", "DELIVERY", "DISTRICT_RE", "EMAIL_RE", "NATIONAL", "POSTCODE_RE", "REFERRAL",
    "SERVICE_OPTIONAL", "SERVICE_REQUIRED", "SLUG_RE", "STALE_AFTER_DAYS", "SUMMARY_MAX",
    "TIME_RE", "TRANSLATABLE", "UK", "UNCONFIRMABLE", "URL_RE", "Address", "Area", "Content",
    "CrisisContact", "Need", "Page", "Phone", "Problem", "Schedule", "Service", "Site", "Term",
    "TextLine", "Translatable", "_LineDict", "_LineLoader", "_Problems", "_read_yaml", "_rel",
    "_reported_broken", "load_content", "load_glossary", "load_pages", "postcode_district",
    "read_filled_yaml", "ServiceFile",
]
