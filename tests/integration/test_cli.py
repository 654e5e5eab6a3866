"""`flask content check`, as a content editor runs it."""

import os
import re
import shlex
import subprocess

from directory import create_app
from directory.cli import checking_content
from tests.conftest import FIXTURE, ROOT


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


def _break_night_line(folder, times=1):
    path = folder / "services" / "night-line.yml"
    text = path.read_text().replace("minimum_age: 13", "minimum_age: thirteen")
    if times == 2:
        text = text.replace("fees: Free", "fees: [Free")
    path.write_text(text)


def test_counts_are_in_words_people_write(content_copy):
    _break_night_line(content_copy)
    one = run_check(content_copy).output
    assert ": 1 error, " in one and "1 errors" not in one
    (content_copy / "services" / "town-counselling.yml").write_text("name: [broken\n")
    two = run_check(content_copy).output
    assert ": 2 errors, " in two


def test_a_broken_service_is_one_line_without_follow_on_warnings(content_copy):
    (content_copy / "translations").mkdir()
    for lang in ("pl", "ur", "ro"):
        (content_copy / "translations" / f"{lang}.yml").write_text(
            "services:\n  night-line:\n    summary: x\n", encoding="utf-8")
    _break_night_line(content_copy)
    result = run_check(content_copy)
    problems = [line for line in result.output.splitlines() if "  [" in line]
    assert problems == [
        "content/services/night-line.yml:7: minimum_age: 'thirteen' is not an age in whole years "
        "— write a whole number such as 11 (0 means from birth)  [error]",
        "content/services/little-ones.yml:16: last_checked: was 2024-01-15, over 12 months ago — "
        "check the details with the service and update the date  [warning]",
    ][::-1]


def test_the_app_stays_quiet_at_start_only_for_the_content_check():
    assert checking_content(["flask", "--app", "wsgi", "content", "check"])
    assert checking_content(["flask", "--app=wsgi", "content", "check", "--path", "x"])
    assert not checking_content(["flask", "--app", "wsgi", "run"])
    assert not checking_content(["gunicorn", "wsgi:app"])
    assert not checking_content(["flask", "--app", "wsgi", "posters", "build"])


def test_content_readme_commands_work_as_written_and_say_each_problem_once(content_copy):
    """content/README.md's commands, run from a fresh clone's top folder exactly as written."""
    readme = (ROOT / "content" / "README.md").read_text()
    # Every command it names, in a block or inline, is a path that exists from the top folder:
    # a bare `flask` only works with the virtualenv on PATH, which a fresh clone does not have.
    named = re.findall(r"^    ((?:\.venv/bin/|scripts/|flask |python|pybabel |gunicorn )\S*.*)$",
                       readme, re.M)
    named += re.findall(r"`((?:\.venv/bin/|scripts/|flask |python|pybabel |gunicorn )[^`]*)`",
                        readme)
    assert named
    for command in named:
        program = ROOT / shlex.split(command)[0]
        assert command.startswith((".venv/bin/", "scripts/")) and os.access(program, os.X_OK), (
            command)
    commands = re.findall(r"^    (\.venv/bin/\S+.*)$", readme, re.M)
    assert commands == [".venv/bin/flask --app wsgi content check"]
    _break_night_line(content_copy)
    env = {**os.environ, "SIGNPOST_CONTENT_DIR": str(content_copy)}
    result = subprocess.run(shlex.split(commands[0]), cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=120)
    both = result.stdout + result.stderr
    assert result.returncode == 1, both
    assert both.count("night-line.yml:7: minimum_age:") == 1, both
    assert "1 error, 1 warning;" in result.stdout


def test_the_wsgi_entry_point_hides_what_start_up_loaded_from_the_garbage_collector(tmp_path):
    """gunicorn's workers start from wsgi.py: the content loaded there is frozen out of GC."""
    env = {**os.environ, "SIGNPOST_CONTENT_DIR": str(FIXTURE),
           "SIGNPOST_FEEDBACK_DB": str(tmp_path / "feedback.sqlite3")}
    env.pop("SIGNPOST_DATABASE_URL", None)
    probe = ("import gc, wsgi; from directory import state\n"
             "with wsgi.app.app_context():\n"
             "    loaded = state.content().services[0]\n"
             "print(gc.get_freeze_count(), any(o is loaded for o in gc.get_objects()))")
    result = subprocess.run([str(ROOT / ".venv/bin/python"), "-c", probe], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    frozen, still_tracked = result.stdout.split()
    assert int(frozen) > 10_000 and still_tracked == "False", result.stdout + result.stderr
