"""Reading YAML files so that every mapping remembers the line of each of its keys."""

from __future__ import annotations

from typing import Any

import yaml


class _LineDict(dict):
    """A mapping from YAML that remembers the line of each key."""

    line = 1
    lines: dict[str, int]


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # C parser when built
    """YAML loader whose mappings remember where their keys are."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> _LineDict:
    mapping = _LineDict(loader.construct_mapping(node, deep=True))
    mapping.line = node.start_mark.line + 1
    mapping.lines = {str(k.value): k.start_mark.line + 1 for k, _ in node.value}
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def line_of(node: Any, key: str | None = None) -> int:
    """The line of a key in a mapping read from YAML (or of the mapping); 1 if unknown."""
    if isinstance(node, _LineDict):
        return node.lines.get(key, node.line) if key else node.line
    return 1


_line = line_of  # the name the loaders have always used
