"""Editing content files in place with ruamel.yaml's round trip: comments, order and quoting kept."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import DoubleQuotedScalarString


def _yaml() -> YAML:
    yaml = YAML()  # round trip
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-fold a long line: the diff must show only what changed
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def load(path: Path) -> Any:
    """A content file's data, keeping everything needed to write it back unchanged."""
    with path.open(encoding="utf-8") as handle:
        return _yaml().load(handle)


def save(path: Path, data: Any) -> None:
    """Write data back to its file."""
    with path.open("w", encoding="utf-8") as handle:
        _yaml().dump(data, handle)


def quoted(text: str) -> DoubleQuotedScalarString:
    """Text written in double quotes (numbers people dial, times), so YAML never reads a number."""
    return DoubleQuotedScalarString(text)
