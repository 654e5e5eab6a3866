"""Load a real gunicorn server on loopback with a mix of page and API requests.

Run: .venv/bin/python bench/load.py [--requests 2000] [--concurrency 8]
Prints requests per second, median and 95th-percentile latency, errors, and the server's memory.
Traffic goes only to 127.0.0.1, is bounded in count and time, and stops by itself.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
URLS = [
    "/en/", "/en/search?q=worried&age=15&area=charnwood", "/en/search?q=cant+sleep&age=16",
    "/en/search?need=self-harm&age=14&postcode=LE11+3TU", "/en/search?q=anxeity",
    "/en/services/kooth", "/en/services/childline", "/en/topics/bereavement", "/en/help-now",
    "/api/v1/services?q=bullied&age=12", "/en/areas/rutland", "/en/search?q=zzzz&age=3",
]
TIME_LIMIT_S = 120


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, in MB (Linux)."""
    total = 0
    pids = [pid] + [int(p) for p in subprocess.run(
        ["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()]
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except FileNotFoundError:
            pass
    return total / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    # Its searches must never reach the real feedback store: a throwaway one, and no shared DB.
    scratch = tempfile.mkdtemp(prefix="signpost-load-")
    env = {"SIGNPOST_SECRET_KEY": secrets.token_hex(32), **os.environ,
           "SIGNPOST_FEEDBACK_DB": os.path.join(scratch, "feedback.sqlite3")}
    env.pop("SIGNPOST_DATABASE_URL", None)
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "--bind", f"127.0.0.1:{port}", "--workers",
         str(args.workers), "--threads", "4", "--log-level", "warning", "wsgi:app"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        started = time.perf_counter()
        while True:
            try:
                urllib.request.urlopen(base + "/en/help-now", timeout=1).read()
                break
            except OSError:
                if time.perf_counter() - started > 30:
                    sys.exit("server did not start")
                time.sleep(0.1)
        ready_s = time.perf_counter() - started
        deadline = time.perf_counter() + TIME_LIMIT_S

        def one(i: int) -> tuple[float, bool]:
            if time.perf_counter() > deadline:
                return 0.0, False
            t0 = time.perf_counter()
            try:
                with urllib.request.urlopen(base + URLS[i % len(URLS)], timeout=10) as r:
                    r.read()
                    ok = r.status == 200
            except OSError:
                ok = False
            return (time.perf_counter() - t0) * 1000, ok

        t0 = time.perf_counter()
        with ThreadPoolExecutor(args.concurrency) as pool:
            results = list(pool.map(one, range(args.requests)))
        elapsed = time.perf_counter() - t0
        times = sorted(t for t, ok in results if ok)
        errors = sum(1 for _, ok in results if not ok)
        print(f"gunicorn {args.workers} workers x 4 threads, {args.concurrency} concurrent clients")
        print(f"server ready in      {ready_s:.2f} s")
        print(f"requests             {len(results)} ({errors} errors)")
        print(f"throughput           {len(times) / elapsed:.0f} requests/s")
        print(f"latency median       {statistics.median(times):.1f} ms")
        print(f"latency p95          {times[int(len(times) * 0.95) - 1]:.1f} ms")
        print(f"server memory (RSS)  {rss_mb(server.pid):.0f} MB")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
