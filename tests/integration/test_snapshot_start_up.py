"""Start-up from the snapshot beside a prebuilt index: same site, same warnings, never stale."""

from __future__ import annotations

import logging
import pickle
import shutil

import pytest

from directory import create_app, snapshot
from tests.conftest import FIXTURE

USED = "content from the start-up snapshot"
NOT_USED = "loading the content files, not the start-up snapshot"


@pytest.fixture()
def setup(tmp_path):
    pack = tmp_path / "content"
    shutil.copytree(FIXTURE, pack)
    config = {"TESTING": True, "CONTENT_DIR": str(pack), "INDEX_DIR": str(tmp_path / "index"),
              "FEEDBACK_DB": str(tmp_path / "feedback.sqlite3")}
    return pack, config


def _start(config, caplog):
    caplog.clear()
    with caplog.at_level(logging.INFO):
        app = create_app(config)
    app.extensions["signpost.index"].close()
    return app, caplog.text


def _service_name(app, slug):
    return app.test_client().get(f"/en/services/{slug}").get_data(as_text=True)


def test_a_second_start_uses_the_snapshot_and_still_reports_the_packs_problems(setup, caplog):
    pack, config = setup
    first, log = _start(config, caplog)
    assert NOT_USED in log and "there is none yet" in log
    assert snapshot.snapshot_path(config["INDEX_DIR"]).is_file()
    warnings = [p for p in first.extensions["signpost.content"].problems]
    assert warnings, "the fixture pack has warnings (old last_checked dates) to report"
    second, log = _start(config, caplog)
    assert USED in log and NOT_USED not in log
    assert second.extensions["signpost.content"] == first.extensions["signpost.content"]
    assert second.extensions["signpost.index"].prebuilt
    for problem in warnings:  # reported at start-up as loading the files would have
        assert f"content: {problem}" in log
    assert _service_name(second, "little-ones") == _service_name(first, "little-ones")


def test_an_edited_service_shows_at_the_next_start(setup, caplog):
    pack, config = setup
    _start(config, caplog)
    service = pack / "services" / "little-ones.yml"
    service.write_text(service.read_text().replace("name: Little Ones Family Support",
                                                   "name: Little Ones Family Help Team"))
    app, log = _start(config, caplog)
    assert snapshot.REASONS["files"] in log
    assert "Little Ones Family Help Team" in _service_name(app, "little-ones")
    again, log = _start(config, caplog)  # the snapshot was rewritten from the edited files
    assert USED in log and "Little Ones Family Help Team" in _service_name(again, "little-ones")


def test_a_snapshot_from_other_code_is_ignored_and_replaced(setup, caplog):
    pack, config = setup
    _start(config, caplog)
    path = snapshot.snapshot_path(config["INDEX_DIR"])
    with path.open("rb") as source:
        stamp, content = pickle.load(source), pickle.load(source)
    snapshot.save(content, path, {**stamp, "code": "an older release"})
    _app, log = _start(config, caplog)
    assert snapshot.REASONS["code"] in log and USED not in log
    _app, log = _start(config, caplog)
    assert USED in log


def test_a_corrupt_snapshot_falls_back_to_the_files(setup, caplog):
    pack, config = setup
    _start(config, caplog)
    path = snapshot.snapshot_path(config["INDEX_DIR"])
    path.write_bytes(path.read_bytes()[:1000])
    app, log = _start(config, caplog)
    assert "could not be read" in log
    assert "Little Ones Family Support" in _service_name(app, "little-ones")
    assert app.test_client().get("/healthz").status_code == 200


def test_search_build_writes_the_snapshot_beside_the_index_it_builds(setup, tmp_path, caplog):
    pack, config = setup
    app, _log = _start({**config, "INDEX_DIR": ""}, caplog)
    target = tmp_path / "elsewhere" / "index"
    result = app.test_cli_runner().invoke(args=["search", "build", str(target)])
    assert result.exit_code == 0, result.output
    content, why_not = snapshot.load(snapshot.snapshot_path(target), snapshot.fingerprint(pack))
    assert why_not == "" and content == app.extensions["signpost.content"]


def test_the_offline_version_is_the_same_with_or_without_the_snapshot(setup, caplog):
    """Every instance must serve the same service worker for the same files, whether it read
    them or took them from a snapshot; a changed file still changes it."""
    pack, config = setup
    without, _log = _start({**config, "INDEX_DIR": ""}, caplog)
    first, _log = _start(config, caplog)
    second, log = _start(config, caplog)
    assert USED in log
    versions = {app.extensions["signpost.version"] for app in (without, first, second)}
    assert len(versions) == 1
    service = pack / "services" / "little-ones.yml"
    service.write_text(service.read_text().replace("Free", "Free of charge"))
    changed, _log = _start(config, caplog)
    again, log = _start(config, caplog)
    assert USED in log
    assert changed.extensions["signpost.version"] == again.extensions["signpost.version"]
    assert changed.extensions["signpost.version"] not in versions
