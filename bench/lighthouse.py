"""Lighthouse (mobile) on five pages, against Debian's Chromium and a real gunicorn server.

Run: .venv/bin/python bench/lighthouse.py [--pages home,search,...] [--runs 1]
Installs npm `lighthouse` into var/bench-node the first time (ignored by git, not in CI), serves
the site with gunicorn on a free loopback port with a throwaway feedback store, and prints the
performance, accessibility, best-practices and SEO scores of each page, then every audit that
did not pass. The issue's target is 100 in all four on every page.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_DIR = ROOT / "var" / "bench-node"
LIGHTHOUSE = NODE_DIR / "node_modules" / ".bin" / "lighthouse"
PAGES = {
    "home": "/en/",
    "search": "/en/search?q=worried&age=14",
    "service": "/en/services/childline",
    "help-now": "/en/help-now",
    "for-schools": "/en/for-schools",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage "
                "--no-first-run --disable-background-networking --disable-component-update "
                "--disable-sync")


def free_port() -> int:
    """A TCP port nobody is listening on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def install_lighthouse() -> None:
    """npm install lighthouse into the bench-only folder, once."""
    if LIGHTHOUSE.exists():
        return
    NODE_DIR.mkdir(parents=True, exist_ok=True)
    package = NODE_DIR / "package.json"
    if not package.exists():
        package.write_text('{"private": true}\n')
    print("installing lighthouse into var/bench-node (once) ...", flush=True)
    subprocess.run(["npm", "install", "--no-save", "--no-audit", "--no-fund", "lighthouse"],
                   cwd=NODE_DIR, check=True)


def serve(port: int, scratch: str) -> subprocess.Popen:
    """gunicorn serving wsgi:app, as scripts/serve does, with a throwaway feedback store."""
    env = {"SIGNPOST_SECRET_KEY": secrets.token_hex(32), **os.environ,
           "SIGNPOST_FEEDBACK_DB": os.path.join(scratch, "feedback.sqlite3")}
    env.pop("SIGNPOST_DATABASE_URL", None)
    return subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "--bind", f"127.0.0.1:{port}", "--workers", "2",
         "--threads", "4", "--log-level", "warning", "wsgi:app"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def wait_until_up(base: str, limit_s: float = 60) -> None:
    """Return once the server answers, or exit with a message."""
    started = time.perf_counter()
    while True:
        try:
            urllib.request.urlopen(base + "/en/help-now", timeout=2).read()
            return
        except OSError:
            if time.perf_counter() - started > limit_s:
                sys.exit("the server did not start")
            time.sleep(0.2)


def audit(url: str, out: Path, attempts: int = 3) -> dict:
    """One Lighthouse mobile run of url; its JSON report.

    On a loaded machine Lighthouse sometimes fails to record its trace (NO_NAVSTART): that run
    says nothing about the page, so it is tried again, up to `attempts` times.
    """
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    for attempt in range(1, attempts + 1):
        done = subprocess.run(
            [str(LIGHTHOUSE), url, "--form-factor=mobile", "--output=json",
             f"--output-path={out}", "--quiet", f"--chrome-flags={CHROME_FLAGS}",
             "--only-categories=" + ",".join(CATEGORIES)],
            env=env, timeout=300, capture_output=True, text=True)
        if done.returncode == 0:
            return json.loads(out.read_text())
        print(f"lighthouse failed on {url} (attempt {attempt}): "
              f"{done.stderr.strip().splitlines()[-1:]}", file=sys.stderr, flush=True)
    sys.exit(f"lighthouse failed {attempts} times on {url}")


def failing(report: dict) -> list[str]:
    """Audits that count towards a score and did not pass, with what they found."""
    counted = {ref["id"] for cat in report["categories"].values() for ref in cat["auditRefs"]
               if ref.get("weight", 0) > 0}
    found = []
    for key, result in report["audits"].items():
        score = result.get("score")
        if key in counted and score is not None and score < 1:
            shown = result.get("displayValue") or ""
            found.append(f"{key} ({score:.2f}) {result.get('title', '')} {shown}".strip())
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", default=",".join(PAGES),
                        help="which of: " + ", ".join(PAGES))
    parser.add_argument("--runs", type=int, default=1,
                        help="runs per page; the lowest score of each category is shown")
    args = parser.parse_args()
    if not shutil.which("npm"):
        sys.exit("npm is needed (Debian package npm)")
    install_lighthouse()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    scratch = tempfile.mkdtemp(prefix="signpost-lighthouse-")
    server = serve(port, scratch)
    rows, problems = [], {}
    try:
        wait_until_up(base)
        for name in args.pages.split(","):
            lowest = {c: 100 for c in CATEGORIES}
            for run in range(args.runs):
                report = audit(base + PAGES[name], Path(scratch) / f"{name}-{run}.json")
                for c in CATEGORIES:
                    lowest[c] = min(lowest[c], round(report["categories"][c]["score"] * 100))
                problems.setdefault(name, set()).update(failing(report))
            rows.append((name, lowest))
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        shutil.rmtree(scratch, ignore_errors=True)
    load = os.getloadavg()
    print(f"Lighthouse mobile, Debian Chromium, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}"
          f", load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} on {os.cpu_count()} CPUs")
    print(f"{'page':<12} " + " ".join(f"{c:>15}" for c in CATEGORIES))
    for name, scores in rows:
        print(f"{name:<12} " + " ".join(f"{scores[c]:>15}" for c in CATEGORIES))
    for name, found in problems.items():
        for line in sorted(found):
            print(f"  {name}: {line}")


if __name__ == "__main__":
    main()
