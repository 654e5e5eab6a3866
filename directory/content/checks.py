"""Checks across entries, made once every file is read."""

from __future__ import annotations

from pathlib import Path

from ..phones import digits_of, mentioned_numbers
from .objects import CrisisContact, Service
from .problems import Problem, _rel

MENTION_FIELDS = ("summary", "description", "eligibility_description", "how_to_get_help",
                  "what_happens_next", "waiting_time", "fees", "hours_note")


def _check_mentioned_numbers(root: Path, services: list[Service], crisis: list[CrisisContact],
                             problems: list[Problem]) -> None:
    """Warn about a number written in a service's text that no entry lists under phones:/texts:.

    Listed numbers are checked and dialled as written; one typed into a sentence is neither, so a
    typo there ("0800 068 41144") would otherwise reach the page unnoticed.
    """
    listed = {digits_of(line.number) for s in services for line in (*s.phones, *s.texts)}
    listed |= {digits_of(line.number) for c in crisis for line in (c.phone, c.text_line) if line}
    for service in services:
        path = root / "services" / f"{service.slug}.yml"
        for key in MENTION_FIELDS:
            value = getattr(service, key)
            for number in mentioned_numbers(" ".join(value) if isinstance(value, tuple) else value):
                if digits_of(number) not in listed:
                    problems.append(Problem(
                        _rel(path, root), _line_of_text(path, number), key,
                        f"mentions {number}, which is not a number listed under phones: or "
                        "texts: here or in any other entry",
                        "check it against the service's own website, and list numbers people "
                        "should call under phones: so they are checked and dialled as written",
                        "warning"))


def _line_of_text(path: Path, text: str) -> int:
    """The first line of a file containing text (1 if it cannot be found)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1
    return next((i for i, line in enumerate(lines, 1) if text in line), 1)
