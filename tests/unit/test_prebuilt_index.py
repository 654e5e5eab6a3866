"""The prebuilt index: built once on disk, opened read-only, never used with other content."""

from __future__ import annotations

import os
import shutil

from directory.content import load_content
from directory.search import Filters, Index, prebuilt_is_current
from tests.conftest import FIXTURE

QUERIES = [("low", Filters()), ("worried", Filters(age=15)), ("", Filters(age=9)),
           ("anxeity", Filters())]


def _slugs(index: Index) -> list[list[str]]:
    return [[s.slug for s in index.search(text, filters).services] for text, filters in QUERIES]


def test_a_prebuilt_index_is_opened_read_only_and_finds_the_same(tmp_path):
    content = load_content(FIXTURE, log_problems=False)
    target = tmp_path / "index"
    built = Index(content, directory=target)
    assert not built.prebuilt and prebuilt_is_current(content, target)
    files = {p.name: p.stat().st_mtime_ns for p in target.iterdir()}
    os.chmod(target, 0o555)  # a worker cannot write there, and need not
    try:
        opened = Index(content, directory=target)
        assert opened.prebuilt
        assert _slugs(opened) == _slugs(Index(content)) == _slugs(built)
        opened.close()
        built.close()
    finally:
        os.chmod(target, 0o755)
    assert {p.name: p.stat().st_mtime_ns for p in target.iterdir()} == files


def test_a_prebuilt_index_of_other_content_is_rebuilt_not_used(tmp_path):
    pack = tmp_path / "content"
    shutil.copytree(FIXTURE, pack)
    target = tmp_path / "index"
    Index(load_content(pack, log_problems=False), directory=target)
    service = sorted((pack / "services").glob("*.yml"))[0]
    service.unlink()  # an editor removes a service
    content = load_content(pack, log_problems=False)
    assert not prebuilt_is_current(content, target)
    index = Index(content, directory=target)
    assert not index.prebuilt and prebuilt_is_current(content, target)
    found = {s.slug for s in index.search("", Filters()).services}
    index.close()
    assert service.stem not in found and found == {s.slug for s in content.services}
