"""Validate JSON against the Open Referral UK 3.0 schemas kept beside the repository.

The schemas refer to each other by their published URLs; a registry answers those from the local
copy, so no test reaches the network. Formats (uuid, uri, email, date-time) are checked, as the
official validator's HSDS-UK-3.0 profile checks them.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from functools import cache
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from directory.openreferral import SCHEMA_BASE

ROOT = Path(__file__).resolve().parent.parent


def schema_dir() -> Path:
    """Where the standard's schema/ folder is: ../shared/openreferral-uk, or $ORUK_SCHEMAS."""
    found = Path(os.environ.get("ORUK_SCHEMAS") or ROOT.parent / "shared" / "openreferral-uk"
                 / "schema")
    if not (found / "compiled" / "service.json").is_file():
        message = f"the Open Referral UK schemas are not at {found}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


def _retrieve(uri: str) -> Resource:
    if not uri.startswith(SCHEMA_BASE):
        raise LookupError(f"{uri} is not one of the Open Referral UK schemas (no network here)")
    path = schema_dir() / uri.removeprefix(SCHEMA_BASE)
    return Resource.from_contents(json.loads(path.read_text(encoding="utf-8")),
                                  default_specification=DRAFT202012)


@cache
def _registry() -> Registry:
    return Registry(retrieve=_retrieve)


@cache
def validator(name: str) -> Draft202012Validator:
    """A format-checking validator for one of the standard's schema files, e.g. compiled/service.json."""
    return Draft202012Validator({"$ref": SCHEMA_BASE + name}, registry=_registry(),
                                format_checker=Draft202012Validator.FORMAT_CHECKER)


def _pointer(path: str) -> str:
    return path.replace("~", "~0").replace("/", "~1")


@cache
def response_validator(path: str) -> Draft202012Validator:
    """A validator for the 200 response of a path (ours or the standard's) in its openapi.json."""
    path = path.removeprefix("/openreferral") or "/"
    pointer = (f"openapi.json#/paths/{_pointer(path)}/get/responses/200/content/"
               "application~1json/schema")
    return Draft202012Validator({"$ref": SCHEMA_BASE + pointer}, registry=_registry(),
                                format_checker=Draft202012Validator.FORMAT_CHECKER)


def problems(validator_: Draft202012Validator, data) -> list[str]:
    """Every way data breaks the schema, each with where it is."""
    return [f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}"
            for e in validator_.iter_errors(data)]


def date_problems(data, where: str = "") -> list[str]:
    """Dates the schemas leave unformatted (assured_date, valid_from...) that are not YYYY-MM-DD."""
    out = []
    if isinstance(data, dict):
        for key, value in data.items():
            if key in ("assured_date", "valid_from", "valid_to", "dtstart", "until") and value:
                try:
                    dt.date.fromisoformat(value)
                except (TypeError, ValueError):
                    out.append(f"{where}{key}: {value!r} is not a date")
            out += date_problems(value, f"{where}{key}/")
    elif isinstance(data, list):
        for i, value in enumerate(data):
            out += date_problems(value, f"{where}{i}/")
    return out
