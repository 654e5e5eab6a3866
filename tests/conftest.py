"""Shared fixtures: the real app over the bundled content, and over a small fixture pack."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

from directory import create_app
from directory.content import load_content
from directory.i18n import compile_catalogs
from directory.search import Index

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "content"
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "content"

# In CI the property tests try the same examples every run, so a red run can be reproduced and a
# green one isn't luck; on a developer's machine they explore new examples each time.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(scope="session", autouse=True)
def compiled_translations():
    """Interface translations compiled from the .po files, as the set-up script does."""
    compile_catalogs(ROOT / "translations")


@pytest.fixture(scope="session")
def bundled_content():
    """The LLR content pack as shipped."""
    return load_content(BUNDLED)


@pytest.fixture(scope="session")
def bundled_index(bundled_content):
    """A search index of the shipped pack."""
    return Index(bundled_content)


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    """The real app serving the bundled content."""
    db = tmp_path_factory.mktemp("bundled") / "feedback.sqlite3"
    return create_app({"TESTING": True, "FEEDBACK_DB": str(db)})


@pytest.fixture()
def client(app):
    """A test client for the bundled app."""
    return app.test_client()


@pytest.fixture()
def content_copy(tmp_path) -> Path:
    """A writable copy of the fixture pack, for breaking on purpose."""
    target = tmp_path / "content"
    shutil.copytree(FIXTURE, target)
    return target


@pytest.fixture(scope="session")
def fixture_app(tmp_path_factory):
    """The real app serving the small fixture pack."""
    db = tmp_path_factory.mktemp("fixture") / "feedback.sqlite3"
    return create_app({"TESTING": True, "CONTENT_DIR": str(FIXTURE), "FEEDBACK_DB": str(db)})
