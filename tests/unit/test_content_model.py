"""The content model: its published JSON Schema, and its errors said in our words."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from directory.content import SERVICE_OPTIONAL, SERVICE_REQUIRED
from directory.content.errors import report, validated
from directory.content.model import ServiceFile
from directory.content.pack_model import AreaEntry, CrisisEntry, NeedEntry
from directory.content.problems import Problem, _Problems
from directory.content.schema import FOLDER, MODELS, as_text, schemas
from directory.content.yaml_lines import _LineLoader
from directory.pack_sheet import SERVICE_COLUMNS

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
FIXTURE = ROOT / "tests" / "fixtures" / "content"
SERVICES = sorted((CONTENT / "services").glob("*.yml"))
PYDANTIC_WORDS = ("Input should", "Field required", "pydantic", "validation error",
                  "Extra inputs", "Value error")


def _as_editor_sees(value):
    """A value from PyYAML as an editor's YAML 1.2 tools read it: dates are text."""
    if isinstance(value, dict):
        return {str(k): _as_editor_sees(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_editor_sees(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _validator(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((CONTENT / FOLDER / name).read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


@pytest.mark.parametrize("name", sorted(schemas()))
def test_published_schema_is_up_to_date_with_the_model(name):
    path = CONTENT / FOLDER / name
    assert path.exists(), f"{path} is missing: run .venv/bin/flask --app wsgi content schema"
    assert path.read_text(encoding="utf-8") == as_text(schemas()[name]), (
        f"{path} is out of date with directory/content/model.py: run "
        ".venv/bin/flask --app wsgi content schema and commit the result")


def test_schema_is_a_valid_json_schema():
    for schema in schemas().values():
        jsonschema.Draft202012Validator.check_schema(schema)


BUNDLED = [(name, path) for name, (_, _, files) in MODELS.items()
           for path in sorted(CONTENT.glob(files))]


def test_every_kind_of_content_file_has_a_schema():
    assert {p.relative_to(CONTENT).as_posix() for _, p in BUNDLED} >= {
        "areas.yml", "needs.yml", "crisis.yml", "site.yml", "glossary.yml"}
    assert len(BUNDLED) == len(SERVICES) + 5


@pytest.mark.parametrize(("name", "path"), BUNDLED, ids=lambda x: getattr(x, "stem", x))
def test_every_bundled_file_validates_against_its_published_schema(name, path):
    data = _as_editor_sees(yaml.safe_load(path.read_text(encoding="utf-8")))
    errors = [f"{'.'.join(map(str, e.absolute_path))}: {e.message}"
              for e in _validator(name).iter_errors(data)]
    assert not errors, errors


@pytest.mark.parametrize(("name", "broken"), [
    ("areas.schema.json", [{"slug": "Leicester City", "name": "Leicester"}]),
    ("areas.schema.json", [{"slug": "leicester", "name": "Leicester",
                            "postcode_districts": ["LE1 6WW"]}]),
    ("needs.schema.json", [{"slug": "anxiety", "name": "Worry"}]),
    ("crisis.schema.json", {"urgent": [{"slug": "samaritans", "name": "Samaritans"}]}),
    ("crisis.schema.json", {"urgent": [{"slug": "x", "name": "X", "phone": 116123}]}),
    ("site.schema.json", {"languages": ["en", "Polish"]}),
    ("glossary.schema.json", [{"slug": "camhs", "term": "CAMHS", "meening": "typo"}]),
])
def test_broken_pack_files_fail_their_published_schema(name, broken):
    assert list(_validator(name).iter_errors(broken)), broken


def _fixture_service(as_editor_sees: bool = True) -> dict:
    path = sorted((FIXTURE / "services").glob("*.yml"))[0]
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return _as_editor_sees(data) if as_editor_sees else data


@pytest.mark.parametrize("change", [
    {"delivery": ["teleport"]},
    {"minimum_age": -1},
    {"summary": "x" * 141},
    {"phones": [{"number": 1162555555}]},
    {"schedules": [{"byday": ["MO"], "opens_at": "9am", "closes_at": "17:00"}]},
    {"url": "www.example"},
    {"phone_number": "0116 255 5555"},
    {"unconfirmed": ["everything"]},
    {"needs_checking": "yes"},
    {"name": None},
], ids=lambda c: next(iter(c)))
def test_broken_service_files_fail_the_published_schema(change):
    data = {**_fixture_service(), **change}
    if change.get("name", "") is None:
        del data["name"]
    assert list(_validator("service.schema.json").iter_errors(data)), change


def test_spreadsheet_columns_come_from_the_model():
    fields = tuple(ServiceFile.model_fields)
    assert SERVICE_REQUIRED + SERVICE_OPTIONAL == fields
    assert SERVICE_COLUMNS == ("slug", *(f for f in fields if f not in ("translations", "source")))
    assert all(ServiceFile.model_fields[f].is_required() for f in SERVICE_REQUIRED)


def _problems(data: dict) -> list[Problem]:
    text = yaml.safe_dump(data, sort_keys=False)
    node = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    out: list[Problem] = []
    try:
        ServiceFile.model_validate(node, context={"areas": {"national", "leicester"}})
    except ValidationError as exc:
        report(exc, node, _Problems("content/services/x.yml", out), ServiceFile)
    return out


ODD = st.one_of(st.none(), st.booleans(), st.integers(-5, 2000), st.text(max_size=30),
                st.lists(st.one_of(st.text(max_size=8), st.integers()), max_size=3),
                st.dictionaries(st.sampled_from(["number", "byday", "x"]),
                                st.one_of(st.text(max_size=8), st.integers()), max_size=2))


@settings(max_examples=60, deadline=None)
@given(field=st.sampled_from(tuple(ServiceFile.model_fields) + ("extra",)), value=ODD)
def test_every_problem_is_in_our_words_with_a_line_and_a_fix(field, value):
    problems = _problems({**_fixture_service(False), field: value})
    for problem in problems:
        said = str(problem)
        assert not any(w in said for w in PYDANTIC_WORDS), said
        assert problem.line >= 1 and problem.field and problem.message and problem.fix, said
        assert said.startswith(f"content/services/x.yml:{problem.line}: {problem.field}: ")


def test_an_entry_that_is_not_a_mapping_is_named_by_its_number_field():
    data = {**_fixture_service(False), "phones": ["0116 255 5555"]}
    [problem] = _problems(data)
    assert problem.field == "phones[1].number"
    assert "needs a number: line" in problem.message and "- number:" in problem.fix


def test_checks_across_fields_are_reported_with_each_fields_own_errors():
    data = {**_fixture_service(False), "minimum_age": 15, "maximum_age": 12,
            "delivery": ["teleport"], "service_areas": ["national", "leicester"]}
    fields = {p.field: p.message for p in _problems(data)}
    assert fields["maximum_age"] == "12 is younger than minimum_age 15"
    assert fields["delivery"] == "'teleport' is not one of the allowed values"
    assert fields["service_areas"] == "mixes national with local areas"


def test_every_service_field_says_what_it_is_for_in_editors():
    properties = schemas()["service.schema.json"]["properties"]
    assert [k for k, v in properties.items() if not v.get("description")] == []


@settings(max_examples=40, deadline=None)
@given(model=st.sampled_from([AreaEntry, NeedEntry]), field=st.sampled_from(
    ("name", "description", "postcode_districts", "words", "risk_phrases", "context", "x")),
    value=ODD)
def test_area_and_need_problems_are_in_our_words_and_name_the_entry(model, field, value):
    base = {"slug": "leicester", "name": "Leicester", "description": "Worry.", "words": ["w"]}
    if model is AreaEntry:
        base = {"slug": "leicester", "name": "Leicester", "postcode_districts": ["LE1"]}
    node = yaml.load(yaml.safe_dump({**base, field: value}), Loader=_LineLoader)  # noqa: S506
    out: list[Problem] = []
    validated(model, node, _Problems("content/x.yml", out), "leicester")
    for problem in out:
        said = str(problem)
        assert not any(w in said for w in PYDANTIC_WORDS), said
        assert problem.field.startswith("leicester.") and problem.fix, said


@pytest.mark.parametrize("blank", [None, "", []])
def test_a_blank_value_is_a_missing_one_in_checks_across_fields(blank):
    service = {**_fixture_service(False), "needs_checking": False, "last_checked": blank}
    assert [(p.field, p.message) for p in _problems(service)] == [("last_checked", "is missing")]
    line = yaml.load(yaml.safe_dump({"slug": "samaritans", "name": blank, "phone": "116 123"}),
                     Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    out: list[Problem] = []
    assert validated(CrisisEntry, line, _Problems("content/crisis.yml", out), "samaritans") is None
    assert [(p.field, p.message) for p in out] == [("samaritans", "has no name")]
