"""The content package: each module imports on its own, and no import circle runs through it."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "directory"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imports(name: str, path: Path) -> set[str]:
    """Every module of ours this one imports, at the top or inside a function."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[:len(anchor) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                child = f"{base}.{alias.name}"
                found.add(child if child in MODULES else base)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {m for m in found if m in MODULES and m != name}


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}
CONTENT = sorted(m for m in MODULES if m == "directory.content" or m.startswith("directory.content."))


def _cycle_from(start: str) -> list[str] | None:
    """A path of imports from start back to itself, if there is one."""
    stack, seen = [(start, [start])], set()
    while stack:
        name, path = stack.pop()
        for nxt in GRAPH[name]:
            if nxt == start:
                return [*path, start]
            if nxt not in seen:
                seen.add(nxt)
                stack.append((nxt, [*path, nxt]))
    return None


def test_the_content_package_has_its_own_modules():
    assert {"directory.content.load", "directory.content.objects", "directory.content.problems",
            "directory.content.services", "directory.content.pages"} <= set(CONTENT)


@pytest.mark.parametrize("name", CONTENT)
def test_no_import_circle_runs_through(name):
    assert _cycle_from(name) is None, " → ".join(_cycle_from(name))


@pytest.mark.parametrize("name", CONTENT)
def test_module_imports_and_uses_no_flask(name):
    module = importlib.import_module(name)
    assert module.__doc__, f"{name} says in one line what it is for"
    assert "flask" not in {m.split(".")[0] for m in GRAPH[name]}
    text = MODULES[name].read_text(encoding="utf-8")
    assert "import flask" not in text and "from flask" not in text


def test_the_old_circle_is_gone():
    # content.py imported content_pages inside load_content, and content_pages imported it back.
    assert "directory.content_pages" not in {m for c in CONTENT for m in GRAPH[c]}
