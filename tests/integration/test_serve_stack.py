"""scripts/serve-stack: nginx in front of two app servers, as a deployment runs it.

Started once for the module on a free port, with a throwaway feedback store; stopped at the end,
after which nothing it started may still be running.
"""

from __future__ import annotations

import gzip
import http.client
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SLUG = "childline"


def _missing(what: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{what} is not installed (scripts/setup test installs it)")
    pytest.skip(f"{what} is not installed (scripts/setup test installs it)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _descendants(pid: int) -> set[int]:
    found, todo = set(), [pid]
    while todo:
        parent = todo.pop()
        for task in Path(f"/proc/{parent}/task").glob("*"):
            children = (task / "children").read_text().split() if (task / "children").exists() \
                else []
            for child in map(int, children):
                if child not in found:
                    found.add(child)
                    todo.append(child)
    return found


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    """A running serve-stack: (port, feedback database path, process, its children)."""
    for program in ("nginx", "memcached", "curl"):
        if shutil.which(program) is None:
            _missing(program)
    tmp = tmp_path_factory.mktemp("stack")
    port = _free_port()
    db = tmp / "feedback.sqlite3"
    env = dict(os.environ, PORT=str(port), SKIP_SETUP="1", INSTANCES="2",
               SIGNPOST_FEEDBACK_DB=str(db), SIGNPOST_FEEDBACK_RATE_LIMIT="3",
               SIGNPOST_SECRET_KEY="stack-test-" + "x" * 40)
    env.pop("SIGNPOST_DATABASE_URL", None)
    log = open(tmp / "serve-stack.log", "w+b")  # noqa: SIM115 (closed below)
    process = subprocess.Popen([str(ROOT / "scripts" / "serve-stack")], cwd=ROOT, env=env,
                               stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 600  # the content is loaded three times: slow on a busy machine
    while b"Signpost is at" not in (tmp / "serve-stack.log").read_bytes():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail("serve-stack did not start:\n" + (tmp / "serve-stack.log").read_text())
        time.sleep(0.2)
    children = _descendants(process.pid)
    yield port, db, process, children
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)
    log.close()


def get(port: int, path: str, **headers) -> http.client.HTTPResponse:
    """A GET through nginx, read in full."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    response.body = response.read()
    conn.close()
    return response


def post(port: int, path: str, form: dict[str, str]) -> http.client.HTTPResponse:
    """A form post through nginx, as a browser on the site sends it."""
    from urllib.parse import urlencode

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("POST", path, body=urlencode(form), headers={
        "Content-Type": "application/x-www-form-urlencoded",
        "Origin": f"http://127.0.0.1:{port}", "Sec-Fetch-Site": "same-origin"})
    response = conn.getresponse()
    response.body = response.read()
    conn.close()
    return response


PAGES = ["/en/", "/en/help-now", f"/en/services/{SLUG}", "/en/topics", "/en/topics/anxiety",
         "/en/areas", "/en/areas/rutland", "/en/self-help", "/en/self-help/sleep", "/en/offline",
         "/ar/help-now", "/pl/?for=teens", "/api/v1/services", f"/api/v1/services/{SLUG}",
         "/en/search?q=worried", "/healthz"]


def test_every_page_kind_is_served_compressed_through_nginx(stack):
    port = stack[0]
    for path in PAGES:
        response = get(port, path, **{"Accept-Encoding": "gzip"})
        assert response.status == 200, (path, response.status)
        if len(response.body) > 500 or response.getheader("Content-Encoding"):
            assert response.getheader("Content-Encoding") == "gzip", path
            gzip.decompress(response.body)


def test_content_pages_are_cached_briefly_and_answer_304(stack):
    port = stack[0]
    first = get(port, "/en/help-now")
    assert first.getheader("Cache-Control") == "public, max-age=60"
    etag = first.getheader("ETag")
    assert etag
    again = get(port, "/en/help-now")
    assert again.getheader("X-Cache") == "HIT"
    assert get(port, "/en/help-now", **{"If-None-Match": etag}).status == 304
    packed = get(port, "/en/help-now", **{"Accept-Encoding": "gzip"})
    assert get(port, "/en/help-now", **{"Accept-Encoding": "gzip", "If-None-Match":
                                        packed.getheader("ETag")}).status == 304


def test_searches_are_never_cached(stack):
    port = stack[0]
    for _ in range(2):
        response = get(port, "/en/search?q=worried+about+exams")
        assert response.getheader("Cache-Control") == "no-store, private"
        assert response.getheader("X-Cache") in (None, "BYPASS", "MISS")
    assert get(port, "/en/help-now?q=typed").getheader("X-Cache") in ("BYPASS", "MISS")


def test_static_files_come_from_nginx_kept_a_year_by_fingerprint(stack):
    port = stack[0]
    html = get(port, "/en/").body.decode()
    address = re.search(r'href="(/static/css/site\.css\?v=\w+)"', html).group(1)
    response = get(port, address, **{"Accept-Encoding": "gzip"})
    assert response.status == 200
    assert response.getheader("Cache-Control") == "public, max-age=31536000, immutable"
    assert response.getheader("Content-Encoding") == "gzip"


def test_two_instances_share_campaign_counts_feedback_and_the_rate_limit(stack):
    port, db = stack[0], stack[1]
    for _ in range(6):  # nginx spreads these over both app servers
        assert get(port, "/en/help-now?src=stack-test").status == 302
    page = get(port, f"/en/services/{SLUG}").body.decode()
    token = re.search(r'name="token" value="([^"]+)"', page).group(1)
    answers = [post(port, "/en/feedback/helpful", {"token": token, "kind": "service",
                                                   "slug": SLUG, "answer": "yes"}).status
               for _ in range(5)]
    # The limit is 3 posts per visitor; two instances counting apart would allow 6.
    assert answers[:3] == [303, 303, 303] and set(answers[3:]) == {429}, answers
    with sqlite3.connect(db) as conn:
        scans = conn.execute("SELECT SUM(count) FROM campaign_scans WHERE campaign = ?",
                             ("stack-test",)).fetchone()[0]
        helpful = conn.execute("SELECT COUNT(*) FROM helpful WHERE slug = ?", (SLUG,)
                               ).fetchone()[0]
    assert scans == 6 and helpful == 3


def test_stopping_it_stops_everything_it_started(stack):
    port, _db, process, children = stack
    assert len(children) >= 4  # memcached, two app servers, nginx (and their workers)
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=60) == 0
    time.sleep(0.5)
    left = [pid for pid in children if Path(f"/proc/{pid}").exists()
            and "zombie" not in Path(f"/proc/{pid}/status").read_text().lower()]
    assert left == [], "still running after serve-stack stopped: " + ", ".join(
        Path(f"/proc/{pid}/cmdline").read_text().replace("\0", " ") for pid in left)
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
