"""The JSON Schema editors validate against (content/schema/), written from the content model.

VS Code's YAML extension (and other editors) read it to check and autocomplete a service file as
people type; `flask --app wsgi content schema` writes it, and a test fails when the model
changes without it being written again.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import TypeAdapter

from .model import ServiceFile
from .pack_model import AreaEntry, CrisisFile, GlossaryEntry, NeedEntry, SiteFile

FOLDER = "schema"
DRAFT = "https://json-schema.org/draft/2020-12/schema"
# Each schema file: the model (a list of entries for list files), its title, the files it checks.
MODELS = {
    "service.schema.json": (ServiceFile, "A Signpost service file", "services/*.yml"),
    "areas.schema.json": (list[AreaEntry], "Signpost's areas", "areas.yml"),
    "needs.schema.json": (list[NeedEntry], "Signpost's needs", "needs.yml"),
    "crisis.schema.json": (CrisisFile, "Signpost's help-now contacts", "crisis.yml"),
    "site.schema.json": (SiteFile, "Signpost's site settings", "site.yml"),
    "glossary.schema.json": (list[GlossaryEntry], "Signpost's jargon buster", "glossary.yml"),
}


def schemas() -> dict[str, dict]:
    """Each published schema, by file name."""
    out = {}
    for name, (model, title, files) in MODELS.items():
        schema = TypeAdapter(model).json_schema()
        schema.pop("title", None)
        out[name] = {"$schema": DRAFT, "title": f"{title} (content/{files})",
                     "$comment": "Written by `flask --app wsgi content schema` from "
                                 "directory/content/model.py: change the model, then run it.",
                     **schema}
    return out


def as_text(schema: dict) -> str:
    """A schema as the file holds it: sorted keys, two-space indent, ending in a newline."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write_schemas(content_dir: str | Path) -> list[Path]:
    """Write every schema into content/schema/; returns the files written."""
    folder = Path(content_dir) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schemas().items():
        path = folder / name
        path.write_text(as_text(schema), encoding="utf-8")
        written.append(path)
    return written
