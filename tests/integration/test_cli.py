"""`flask content check`, as a content editor runs it."""

from directory import create_app
from tests.conftest import FIXTURE


def run_check(path):
    app = create_app({"TESTING": True, "CONTENT_DIR": str(FIXTURE)})
    return app.test_cli_runner().invoke(args=["content", "check", "--path", str(path)])


def test_clean_pack_passes_with_warnings(content_copy):
    result = run_check(content_copy)
    assert result.exit_code == 0, result.output
    assert "little-ones.yml:16: last_checked: was 2024-01-15, over 12 months ago" in result.output
    assert "0 errors" in result.output


def test_broken_pack_fails_naming_file_line_field_and_fix(content_copy):
    path = content_copy / "services" / "night-line.yml"
    path.write_text(path.read_text().replace("minimum_age: 13", "minimum_age: thirteen"))
    result = run_check(content_copy)
    assert result.exit_code == 1
    line = next(x for x in result.output.splitlines() if "night-line.yml" in x)
    assert line.startswith("content/services/night-line.yml:7: minimum_age: 'thirteen' is not an "
                           "age in whole years — write a whole number")
    assert "1 errors" in result.output or "1 error" in result.output


def test_bundled_pack_has_no_errors(app):
    result = app.test_cli_runner().invoke(args=["content", "check"])
    assert result.exit_code == 0, result.output
