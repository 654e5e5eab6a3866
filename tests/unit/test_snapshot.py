"""The start-up snapshot: used only when made from these files, by this code, today."""

from __future__ import annotations

import datetime as dt
import pickle
import shutil

import pytest

from directory import snapshot
from directory.content import load_content
from tests.conftest import FIXTURE

TODAY = dt.date(2026, 12, 2)


@pytest.fixture()
def pack(tmp_path):
    target = tmp_path / "content"
    shutil.copytree(FIXTURE, target)
    return target


def _saved(pack, tmp_path):
    content = load_content(pack, today=TODAY, log_problems=False)
    path = snapshot.snapshot_path(tmp_path / "index")
    snapshot.save(content, path, snapshot.fingerprint(pack, TODAY))
    return content, path


def test_a_fresh_snapshot_gives_back_the_same_content(pack, tmp_path):
    content, path = _saved(pack, tmp_path)
    loaded, why_not = snapshot.load(path, snapshot.fingerprint(pack, TODAY))
    assert why_not == "" and loaded == content
    assert loaded.problems == content.problems and loaded.problems  # warnings come along
    assert [s.slug for s in loaded.services] == [s.slug for s in content.services]
    assert loaded.service(content.services[0].slug) == content.services[0]


def test_a_changed_added_or_removed_file_makes_it_stale(pack, tmp_path):
    _content, path = _saved(pack, tmp_path)
    service = sorted((pack / "services").glob("*.yml"))[0]
    service.write_text(service.read_text().replace("name: ", "name: Renamed ", 1))
    assert snapshot.load(path, snapshot.fingerprint(pack, TODAY)) == (None, snapshot.REASONS[
        "files"])
    _content, path = _saved(pack, tmp_path)
    (pack / "services" / "new-one.yml").write_text("name: New\n")
    assert snapshot.load(path, snapshot.fingerprint(pack, TODAY))[0] is None
    _content, path = _saved(pack, tmp_path)
    service.unlink()
    assert snapshot.load(path, snapshot.fingerprint(pack, TODAY))[0] is None


@pytest.mark.parametrize("part", ["code", "files", "day"])
def test_a_snapshot_made_by_other_code_from_other_files_or_on_another_day_is_not_used(
        pack, tmp_path, part):
    content, path = _saved(pack, tmp_path)
    stamp = snapshot.fingerprint(pack, TODAY)
    snapshot.save(content, path, {**stamp, part: "something else"})
    assert snapshot.load(path, stamp) == (None, snapshot.REASONS[part])


@pytest.mark.parametrize("damage", [
    lambda data, stamp: data[: len(data) // 2],  # cut short (disk full, killed mid-copy)
    lambda data, stamp: data[:-1],
    lambda data, stamp: b"not a pickle at all",
    lambda data, stamp: b"",
    lambda data, stamp: pickle.dumps(stamp) + pickle.dumps("no content"),
    lambda data, stamp: pickle.dumps(stamp) + b"\x80\x05garbage",
    lambda data, stamp: pickle.dumps(["not", "a", "stamp"]),
])
def test_a_damaged_snapshot_is_a_reason_to_load_not_a_crash(pack, tmp_path, damage):
    _content, path = _saved(pack, tmp_path)
    stamp = snapshot.fingerprint(pack, TODAY)
    path.write_bytes(damage(path.read_bytes(), stamp))
    loaded, why_not = snapshot.load(path, stamp)
    assert loaded is None and why_not


def test_no_snapshot_yet_says_so(tmp_path):
    assert snapshot.load(tmp_path / "missing.pickle", snapshot.fingerprint(FIXTURE, TODAY)) == (
        None, "there is none yet")
