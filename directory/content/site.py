"""site.yml: the site's name, address, languages and corrections contact."""

from __future__ import annotations

from pathlib import Path

from ..audience_styles import parse_styles
from .objects import Site
from .pack_model import LANGUAGE_RE, SiteFile
from .problems import Problem, _Problems, _rel
from .read import _read_yaml
from .values import EMAIL_RE, URL_RE
from .yaml_lines import _LineDict

SITE_FIELDS = tuple(SiteFile.model_fields)



def _load_site(root: Path, problems: list[Problem]) -> Site:
    path = root / "site.yml"
    data = _read_yaml(path, root, problems)
    p = _Problems(_rel(path, root), problems)
    if not isinstance(data, dict):
        if data is not None:
            p.error(data, "(file)", "should be a list of fields like 'name: ...'",
                    "see content/README.md")
        data = _LineDict()
    for key in data:
        if key not in SITE_FIELDS:
            p.warn(data, str(key), "is not a field Signpost knows, so it is ignored",
                   "use only: " + ", ".join(SITE_FIELDS))

    def text(node: dict, key: str, default: str, label: str | None = None) -> str:
        value = node.get(key)
        if value is None or value == "":
            return default
        if not isinstance(value, str):
            p.error(node, key, f"'{value}' should be text", "write it as plain words on one line",
                    label)
            return default
        return " ".join(value.split())

    languages = data.get("languages") or ["en"]
    if not isinstance(languages, list) or not all(
            isinstance(x, str) and LANGUAGE_RE.match(x) for x in languages):
        p.error(data, "languages", f"'{languages}' should be a list of language codes",
                "write e.g. [en, pl, ur]; put a code in quotes if YAML reads it as true/false "
                "(\"no\")")
        languages = ["en"]
    if "en" not in languages:
        p.error(data, "languages", "must include en", "add en: content is written in English")
        languages = ["en", *languages]
    default_language = text(data, "default_language", "en")
    if default_language not in languages:
        p.error(data, "default_language", f"'{default_language}' is not in languages",
                "use one of: " + ", ".join(languages))
        default_language = "en"
    corrections = data.get("corrections") or _LineDict()
    if not isinstance(corrections, dict):
        p.error(data, "corrections", "should have team: and email:", "see content/README.md")
        corrections = _LineDict()
    email = text(corrections, "email", "", "corrections.email") or None
    if email and not EMAIL_RE.match(email):
        p.error(corrections, "email", f"'{email}' is not an email address",
                "write a full address or leave it empty", "corrections.email")
        email = None
    url = text(data, "site_url", "http://localhost:5000").rstrip("/")
    if not URL_RE.match(url):
        p.error(data, "site_url", f"'{url}' is not a web address", "start it with https://")
        url = "http://localhost:5000"
    return Site(
        name=text(data, "name", "Signpost"),
        area_name=text(data, "area_name", ""),
        site_url=url,
        languages=tuple(languages),
        default_language=default_language,
        corrections_team=text(corrections, "team", "", "corrections.team"),
        corrections_email=email,
        audience_styles=parse_styles(data.get("audiences"), p.error),
    )
