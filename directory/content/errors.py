"""Pydantic's errors turned into our problems: file:line, the field as editors write it, plain words."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .checks import without_unknown_fields
from .fields import OURS
from .model import ITEM_MODELS, words_for
from .problems import _Problems

M = TypeVar("M", bound=BaseModel)


def report(exc: ValidationError, data: Any, p: _Problems, model: type[BaseModel],
           prefix: str = "") -> None:
    """Report each error of a validated file, at the line of the key it is about.

    prefix names the entry in a list file (an area's slug), so its fields read leicester.name.
    """
    for error in exc.errors(include_url=False):
        loc = error["loc"]
        node, key = _where(data, loc)
        message, fix = _words(error, model)
        label = _label(loc)
        if prefix:
            label = f"{prefix}.{label}" if label else prefix
        p.error(node, key or "(file)", message, fix, label or "(file)")


def validated(model: type[M], item: dict, p: _Problems, prefix: str = "") -> M | None:
    """An entry validated by its model; None (and each problem reported) when it is not valid."""
    known = without_unknown_fields(item, model, p, prefix)
    try:
        return model.model_validate(known)
    except ValidationError as exc:
        report(exc, item, p, model, prefix)
        return None


def _words(error: dict, model: type[BaseModel]) -> tuple[str, str]:
    if error["type"] == OURS:
        return error["ctx"]["message"], error["ctx"]["fix"]
    loc = [part for part in error["loc"] if isinstance(part, str)]
    owner = ITEM_MODELS.get(loc[0], model) if len(loc) > 1 else model
    words = words_for(owner, loc[-1]) if loc else None
    if error["type"] == "missing":
        if words is None:
            return "is missing", "add it; see content/README.md"
        return words.missing, words.add or words.fix
    if error["type"] == "extra_forbidden":
        return "is not a field Signpost knows", "check the spelling against content/README.md"
    if words is not None and words.wrong:
        return words.wrong.format(value=error.get("input")), words.fix
    return f"'{error.get('input')}' is not right here", "see content/README.md"


def _where(data: Any, loc: tuple) -> tuple[Any, str | None]:
    """The mapping holding the deepest key on the path, and that key (for its line)."""
    node, key, current = data, None, data
    for part in loc:
        if isinstance(part, str) and isinstance(current, dict):
            node, key, current = current, part, current.get(part)
        elif isinstance(part, int) and isinstance(current, list) and part < len(current):
            current = current[part]
        else:
            break
    return node, key


def _label(loc: tuple) -> str:
    """The field as editors know it: schedules[1].closes_at, phones[2].number, needs."""
    parts: list[str] = []
    for i, part in enumerate(loc):
        if isinstance(part, int):
            # An item of a plain list (needs, delivery): the list is the field.
            if i == len(loc) - 1 and parts and parts[0] not in ITEM_MODELS:
                break
            if parts:
                parts[-1] += f"[{part + 1}]"
            record = ITEM_MODELS.get(loc[0])
            if i == len(loc) - 1 and record is not None and record.main_field:
                parts.append(record.main_field)
        else:
            parts.append(str(part))
    return ".".join(parts)
