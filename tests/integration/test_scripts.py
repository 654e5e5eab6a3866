"""scripts/serve as a newcomer meets it: a taken port, a content error, the address it prints."""

import os
import selectors
import shutil
import signal
import socket
import subprocess
import time
import urllib.request

import pytest

from tests.conftest import FIXTURE, ROOT

SERVE = str(ROOT / "scripts" / "serve")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env(tmp_path, **extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("SIGNPOST_")}
    env.pop("HOST", None)
    env.update({"SIGNPOST_FEEDBACK_DB": str(tmp_path / "feedback.sqlite3")}, **extra)
    return env


def test_a_taken_port_is_one_clear_message_at_once(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        started = time.monotonic()
        result = subprocess.run([SERVE], env=_env(tmp_path, PORT=str(port)), cwd=tmp_path,
                                capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert f"Port {port} on 127.0.0.1 is already in use" in result.stderr
    assert "PORT=5055 scripts/serve" in result.stderr
    assert "running at" not in result.stdout.lower() and "Starting Signpost" not in result.stdout
    # before set-up, the content check or gunicorn's five retries
    assert "gunicorn" not in result.stdout + result.stderr
    assert time.monotonic() - started < 20


@pytest.mark.parametrize(("env", "message"), [
    ({"PORT": "50OO"}, "PORT=50OO is not a port number"),
    ({"PORT": "70000"}, "PORT=70000 is not a port number"),
    ({"PORT": "5055", "HOST": "no-such-host.invalid"}, "HOST=no-such-host.invalid is not an address"),
])
def test_a_wrong_port_or_host_says_how_to_choose_another(tmp_path, env, message):
    result = subprocess.run([SERVE], env=_env(tmp_path, **env), capture_output=True, text=True,
                            timeout=60)
    assert result.returncode != 0 and message in result.stderr, result.stderr


def test_serves_despite_a_content_error_and_links_follow_the_port(tmp_path):
    """The README's promise: a broken entry is left out and the rest keeps serving."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    path = content / "services" / "night-line.yml"
    path.write_text(path.read_text().replace("minimum_age: 13", "minimum_age: thirteen"))
    port = _free_port()
    env = _env(tmp_path, PORT=str(port), SKIP_SETUP="1", SIGNPOST_CONTENT_DIR=str(content))
    server = subprocess.Popen([SERVE], env=env, cwd=tmp_path, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, start_new_session=True)
    output = []
    try:
        with selectors.DefaultSelector() as waiting:
            waiting.register(server.stdout, selectors.EVENT_READ)
            deadline = time.monotonic() + 90
            while time.monotonic() < deadline and not any("Listening at" in x for x in output):
                if waiting.select(timeout=1):
                    line = server.stdout.readline()
                    if not line:
                        break
                    output.append(line)
        text = "".join(output)
        assert "Listening at" in text, text
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/en/help-now", timeout=10) as page:
            assert page.status == 200 and b'href="tel:999"' in page.read()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        server.stdout.close()
    assert "1 error, 1 warning;" in text
    assert text.count("night-line.yml:7: minimum_age: 'thirteen'") == 1, text
    assert f"will point at http://localhost:{port}" in text
    assert "localhost:5000" not in text
    assert text.index("Starting Signpost") < text.index("Listening at")
