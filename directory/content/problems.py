"""Problems found in content files, said so an editor can fix them (file:line: field: problem — fix)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .yaml_lines import line_of as _line


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a content file, said so an editor can fix it."""

    file: str
    line: int
    field: str
    message: str
    fix: str
    severity: str = "error"

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.message} — {self.fix}"


class _Problems:
    """Collects problems for one file, knowing the line of each field."""

    def __init__(self, file: str, out: list[Problem]):
        self.file, self.out, self.errors = file, out, 0

    def error(self, node: Any, key: str, message: str, fix: str, label: str | None = None):
        self.errors += 1
        self.out.append(Problem(self.file, _line(node, key), label or key, message, fix))

    def warn(self, node: Any, key: str, message: str, fix: str, label: str | None = None):
        self.out.append(Problem(self.file, _line(node, key), label or key, message, fix, "warning"))

    def read_text(self, path: Path) -> str | None:
        """The file's text, or None with a problem saying it cannot be read."""
        try:
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            self.error(None, "(file)", f"cannot be read ({exc})", "save it as UTF-8 text")
            return None



def _rel(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)

