"""Importing Open Referral UK data: from a running API (round trip), files, the standard's examples."""

from __future__ import annotations

import json
import threading

import pytest
import yaml
from werkzeug.serving import make_server

from directory.content import load_content
from tests.oruk_schemas import schema_dir

# Every field a Signpost service shares with the Open Referral UK record it is published as.
SHARED = ("name", "organization", "summary", "description", "eligibility_description",
          "minimum_age", "maximum_age", "service_areas", "needs", "delivery", "referral",
          "how_to_get_help", "fees", "waiting_time", "schedules", "hours_note", "url", "email",
          "phones", "texts", "address", "languages")


@pytest.fixture(scope="module")
def served(app):
    """The bundled app answering on a loopback port, as another system's API would."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/openreferral"
    server.shutdown()
    thread.join()


def _import(app, *args):
    result = app.test_cli_runner().invoke(args=["openreferral", "import", *args])
    return result


@pytest.fixture(scope="module")
def round_trip(app, served, tmp_path_factory):
    into = tmp_path_factory.mktemp("imported")
    result = _import(app, served, "--into", str(into))
    assert result.exit_code == 0, result.output
    return into, result.output, load_content(into, log_problems=False)


def test_round_trip_through_the_api_keeps_every_shared_field(app, round_trip):
    _, output, imported = round_trip
    original = app.extensions["signpost.content"]
    # (The pack's site.yml lists languages whose translations/ were not imported: not our business.)
    broken = [p for p in imported.errors if not p.file.startswith("translations/")]
    assert not broken, "\n".join(map(str, broken[:10]))
    assert len(imported.services) == len(original.services)
    by_name = {s.name: s for s in imported.services}
    assert len(by_name) == len(original.services), "two imported services share a name"
    for service in original.services:
        copy = by_name[service.name]
        for key in SHARED:
            assert getattr(copy, key) == getattr(service, key), (service.slug, key)
    assert f"Wrote {len(original.services)} service file(s)." in output


def test_imported_entries_are_unconfirmed_and_say_where_they_came_from(round_trip):
    into, output, imported = round_trip
    for service in imported.services:
        assert service.needs_checking and service.last_checked is None
        assert "confirm every detail" in service.check_note
    data = yaml.safe_load(next((into / "services").glob("*.yml")).read_text())
    assert data["source"]["format"] == "Open Referral UK 3.0"
    assert "last_checked" not in data
    assert "Needs checking (every imported entry is needs_checking: true)" in output


def test_the_source_flag_for_unconfirmed_details_carries_over(app, round_trip):
    _, _, imported = round_trip
    original = app.extensions["signpost.content"]
    flagged = next(s for s in original.services if s.needs_checking and s.check_note)
    copy = next(s for s in imported.services if s.name == flagged.name)
    assert flagged.check_note in copy.check_note


def test_never_overwrites_without_overwrite(app, served, round_trip):
    into, _, _ = round_trip
    one = next((into / "services").glob("*.yml"))
    one.write_text(one.read_text() + "# an editor's note\n")
    again = _import(app, served, "--into", str(into), "--max-pages", "1")
    assert "Not written (already there; use --overwrite to replace)" in again.output
    assert one.read_text().endswith("# an editor's note\n")
    forced = _import(app, served, "--into", str(into), "--overwrite")
    assert forced.exit_code == 0 and not one.read_text().endswith("# an editor's note\n")


def test_max_pages_limits_what_is_read_from_an_api(app, served, tmp_path):
    result = _import(app, served, "--into", str(tmp_path), "--max-pages", "1")
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "services").glob("*.yml"))) == 50


def test_the_standards_examples_import_with_a_clear_report(app, tmp_path):
    examples = schema_dir().parent / "examples"
    result = _import(app, str(examples), "--into", str(tmp_path))
    assert result.exit_code == 0, result.output
    files = list((tmp_path / "services").glob("*.yml"))
    assert len(files) == 1, "the listing and the full record of one service are one service"
    assert "used the fuller record" in result.output
    assert "is not an area in this pack" in result.output
    assert "matches no need" in result.output
    assert "Will not show until fixed" in result.output
    data = yaml.safe_load(files[0].read_text())
    # Nothing dropped silently: what has no home is kept under source:.
    unmapped = data["source"]["unmapped"]
    for key in ("service_areas", "attributes", "contacts", "funding", "accreditations",
                "service_at_locations"):
        assert key in unmapped, key
    assert data["needs_checking"] is True and "last_checked" not in data
    full = json.loads((examples / "service_full.json").read_text())
    assert data["url"] == full["url"] and data["email"] == full["email"]
    # The loader accepts source: and reports only what the record lacks.
    problems = load_content(tmp_path, log_problems=False).problems
    assert not [p for p in problems if p.field == "source"]


def test_unreadable_sources_fail_with_a_message(app, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    for source in (str(bad), str(tmp_path / "missing.json"), "http://127.0.0.1:9/openreferral"):
        result = _import(app, source, "--into", str(tmp_path / "out"))
        assert result.exit_code == 1 and "Cannot import" in result.output, source


def test_odd_records_are_kept_not_dropped(app, tmp_path):
    record = {"id": "x", "name": "Odd", "status": "active", "organization": {"name": "Org"},
              "phones": [{"id": "p", "number": "12345"}, {"id": "q", "number": "0116 255 5555"}],
              "email": "not-an-email", "minimum_age": "ten",
              "schedules": [{"id": "s", "freq": "MONTHLY", "bymonthday": "1"}]}
    (tmp_path / "odd.json").write_text(json.dumps(record))
    result = _import(app, str(tmp_path / "odd.json"), "--into", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    data = yaml.safe_load((tmp_path / "out" / "services" / "odd.yml").read_text())
    assert data["phones"] == [{"number": "0116 255 5555"}]
    assert data["source"]["unmapped"]["phones"] == [{"id": "p", "number": "12345"}]
    assert data["source"]["unmapped"]["email"] == ["not-an-email"]
    assert data["source"]["unmapped"]["schedules"][0]["freq"] == "MONTHLY"
