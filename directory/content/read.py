"""Reading a content file, reporting a missing, unreadable or invalid file as a problem."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .problems import Problem, _rel
from .yaml_lines import _LineLoader


def _read_yaml(path: Path, root: Path, problems: list[Problem]) -> Any:
    name = _rel(path, root)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        problems.append(Problem(name, 1, "(file)", "the file is missing", f"create {name}"))
        return None
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(name, 1, "(file)", f"cannot be read ({exc})",
                                "save it as UTF-8 text"))
        return None
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        what = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        problems.append(Problem(name, line, "(file)", f"is not valid YAML: {what}",
                                "check indentation and that text containing ':' is in quotes"))
        return None


def read_filled_yaml(path: Path, root: Path, problems: list[Problem], lost: str) -> Any:
    """Like _read_yaml, but an empty file is an error saying what is lost, not silently nothing."""
    before = len(problems)
    data = _read_yaml(path, root, problems)
    if data is None and len(problems) == before:
        problems.append(Problem(_rel(path, root), 1, "(file)", f"is empty, so {lost}",
                                "restore it from git (git checkout -- the file), or delete it"))
    return data


def _translations(item: dict) -> dict:
    block = item.get("translations") or {}
    return {str(k): dict(v) for k, v in block.items() if isinstance(v, dict)} \
        if isinstance(block, dict) else {}
