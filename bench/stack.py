"""The production stack measured side by side with nginx serving the very same bytes statically.

Run: .venv/bin/python bench/stack.py [--duration 30] [--connections 16 64 256] [--pages NAME ...]

Starts scripts/serve-stack on a free port (feedback store and everything else in a temporary
folder: the real feedback store is never touched), saves each page it serves into a folder, and
starts a plain nginx serving those files on another port. Then, in one run, wrk (from Debian;
installed if missing) loads each page through both for DURATION seconds at each number of
connections and prints req/s, median, p99 and errors; then the slow-client test: 500 idle and
500 partial-header connections held open while normal requests are timed.
Both sides are asked for gzip, as phones do. "search, varied" asks for 360 different searches in
turn (words, ages, areas, languages, audiences), so search is not judged on one repeated query.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = [
    ("home", "/en/"),
    ("help-now", "/en/help-now"),
    ("service", "/en/services/childline"),
    ("topic", "/en/topics/anxiety"),
    ("search", "/en/search?q=worried+about+exams"),
    ("API", "/api/v1/services"),
    ("API search", "/api/v1/services?q=anxiety"),
]
# help-now with a parameter nginx and the app treat as typed: rendered afresh every time.
UNCACHED = ("help-now uncached", "/en/help-now?bench=1")
# Searches as many people would type them: each request takes the next of these addresses, so
# search is measured over many words, ages, areas, languages and audiences, not one repeated query.
PHRASES = ["worried about exams", "cant sleep", "bullied at school", "panic attacks", "sad",
           "cutting myself", "eating", "my mum drinks", "angry all the time", "anxiety",
           "lonely", "gender", "grief", "autism assessment", "counselling", "nie moge spac",
           "no quiero vivir", "stress", "friends", "self harm", "ocd", "hearing voices",
           "adhd", "my child wont go to school", "relationship", "drugs", "money worries",
           "young carer", "feel nothing", "exam stress"]
AREAS = ["", "leicester", "rutland", "charnwood", "melton", "blaby"]
AGES = ["", "9", "14", "17", "22"]
LANGS_AND_AUDIENCES = ["en", "en", "ur", "pl", "en&for=teens", "ar", "en&for=parents"]
VARIED = ("search, varied", None)

STATIC_CONF = """
{user}
worker_processes auto;
worker_rlimit_nofile 16384;
pid {run}/nginx.pid;
daemon off;
error_log stderr crit;
events {{ worker_connections 4096; }}
http {{
    include /etc/nginx/mime.types;
    default_type text/html;
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 15s;
    client_body_temp_path {run}/tmp;
    proxy_temp_path {run}/tmp;
    fastcgi_temp_path {run}/tmp;
    uwsgi_temp_path {run}/tmp;
    scgi_temp_path {run}/tmp;
    gzip on;
    gzip_comp_level 5;
    gzip_min_length 500;
    gzip_types text/css application/javascript application/json;
    server {{
        listen 127.0.0.1:{port} backlog=4096;
        root {root};
        location / {{ try_files /files/$uri$is_args$args.body =404; }}
        location /api/ {{ default_type application/json;
                         try_files /files/$uri$is_args$args.body =404; }}
    }}
}}
"""


def free_port() -> int:
    """A TCP port nothing listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ensure_wrk() -> str:
    """wrk from Debian, installed when missing."""
    if shutil.which("wrk") is None:
        subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", "wrk"],
                       check=True, env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))
    return shutil.which("wrk")


def start_stack(tmp: Path, instances: int) -> tuple[subprocess.Popen, int]:
    """scripts/serve-stack on a free port with a throwaway feedback store."""
    port = free_port()
    env = dict(os.environ, PORT=str(port), SKIP_SETUP="1", INSTANCES=str(instances),
               SIGNPOST_FEEDBACK_DB=str(tmp / "feedback.sqlite3"))
    env.pop("SIGNPOST_DATABASE_URL", None)
    log = tmp / "serve-stack.log"
    process = subprocess.Popen([str(ROOT / "scripts" / "serve-stack")], cwd=ROOT, env=env,
                               stdout=log.open("wb"), stderr=subprocess.STDOUT,
                               start_new_session=True)
    deadline = time.monotonic() + 900
    while b"Signpost is at" not in log.read_bytes():
        if process.poll() is not None or time.monotonic() > deadline:
            sys.exit("serve-stack did not start:\n" + log.read_text())
        time.sleep(0.5)
    return process, port


def save_pages(port: int, folder: Path) -> dict[str, int]:
    """Each page's bytes as the stack serves them, where the static nginx will find them."""
    sizes = {}
    for _, path in [*PAGES, UNCACHED]:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}") as response:
            body = response.read()
        target = folder / "files" / (path.lstrip("/") + ".body")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)
        sizes[path] = len(body)
    return sizes


def start_static(folder: Path) -> tuple[subprocess.Popen, int]:
    """Plain nginx serving the saved bytes."""
    port = free_port()
    (folder / "tmp").mkdir(exist_ok=True)
    conf = folder / "nginx.conf"
    # Started as root, nginx's workers run as this user too, so they can read the temporary files.
    user = "user root root;" if os.geteuid() == 0 else ""
    conf.write_text(STATIC_CONF.format(user=user, run=folder, port=port, root=folder))
    process = subprocess.Popen(["nginx", "-c", str(conf), "-p", str(folder), "-e", "stderr"],
                               start_new_session=True)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process, port
        except OSError:
            time.sleep(0.1)
    sys.exit("the static nginx did not start")


def varied_searches() -> list[str]:
    """Search addresses over many phrases, ages, areas, languages and audiences (a few hundred)."""
    paths = []
    for i, phrase in enumerate(PHRASES):
        for j in range(12):
            lang = LANGS_AND_AUDIENCES[(i + j) % len(LANGS_AND_AUDIENCES)]
            lang, _, audience = lang.partition("&")
            query = [("q", phrase), ("age", AGES[(i * 3 + j) % len(AGES)]),
                     ("area", AREAS[(i + 2 * j) % len(AREAS)])]
            query = "&".join(f"{k}={v.replace(' ', '+')}" for k, v in query if v)
            paths.append(f"/{lang}/search?{query}" + (f"&{audience}" if audience else ""))
    return sorted(set(paths))


def varied_script(folder: Path) -> Path:
    """A wrk Lua script that asks for the varied searches in turn."""
    quoted = ",\n".join(f'  "{p}"' for p in varied_searches())
    script = folder / "varied.lua"
    script.write_text(f"paths = {{\n{quoted}\n}}\n" + """
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end
""")
    return script


def wrk(binary: str, port: int, path: str | Path, connections: int, duration: int) -> dict:
    """One wrk run: req/s, median and p99 in ms, and errors (socket errors and non-2xx/3xx).

    `path` is one address, or a Lua script (a Path) choosing the address of each request.
    """
    threads = min(2, connections)
    target = ["-s", str(path), f"http://127.0.0.1:{port}/"] if isinstance(path, Path) else \
        [f"http://127.0.0.1:{port}{path}"]
    out = subprocess.run(
        [binary, "-t", str(threads), "-c", str(connections), "-d", f"{duration}s", "--latency",
         "--timeout", "10s", "-H", "Accept-Encoding: gzip", *target],
        capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    non_ok = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors += int(non_ok.group(1)) if non_ok else 0
    return {"rps": rps, "p50": _ms(out, "50%"), "p99": _ms(out, "99%"), "errors": errors}


def _ms(out: str, label: str) -> float:
    match = re.search(rf"^\s+{re.escape(label)}\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
    if not match:
        return float("nan")
    value, unit = float(match.group(1)), match.group(2)
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value


def slow_clients(port: int, path: str, idle: int = 500, partial: int = 500) -> dict:
    """Hold idle and partial-header connections open; time normal requests meanwhile."""
    held = []
    for i in range(idle + partial):
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
        if i >= idle:  # a request header that never ends
            s.sendall(b"GET /en/help-now HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: slow")
        held.append(s)
    times = []
    try:
        for _ in range(10):
            t0 = time.perf_counter()
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as r:
                r.read()
                assert r.status == 200
            times.append(time.perf_counter() - t0)
            time.sleep(0.2)
    finally:
        for s in held:
            s.close()
    return {"median_s": statistics.median(times), "max_s": max(times), "held": len(held)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=30)
    parser.add_argument("--connections", type=int, nargs="*", default=[16, 64, 256])
    parser.add_argument("--instances", type=int, default=2)
    parser.add_argument("--pages", nargs="*", default=None,
                        help="only these pages, by name (e.g. search 'help-now uncached'), "
                             "taken in turn so a changing machine load hits each alike")
    args = parser.parse_args()
    binary = ensure_wrk()
    print(f"# {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} CPUs, "
          f"load before: {os.getloadavg()[0]:.1f}; {args.duration} s per run; "
          f"{args.instances} app servers")
    with tempfile.TemporaryDirectory(prefix="signpost-bench-") as tmp_name:
        tmp = Path(tmp_name)
        stack, stack_port = start_stack(tmp, args.instances)
        static = None
        try:
            sizes = save_pages(stack_port, tmp / "static")
            static, static_port = start_static(tmp / "static")
            print(f"{'page':<18}{'conns':>6} | {'stack req/s':>11}{'p50 ms':>8}{'p99 ms':>8}"
                  f"{'errors':>7} | {'static req/s':>12}{'p50 ms':>8}{'p99 ms':>8}"
                  f"{'errors':>7} | {'ratio':>6}")
            varied = varied_script(tmp)
            chosen = [(n, p) for n, p in [*PAGES, VARIED, UNCACHED]
                      if not args.pages or n in args.pages]
            rounds = [(conns, page) for conns in args.connections for page in chosen] if \
                args.pages else [(conns, page) for page in chosen for conns in args.connections]
            for conns, (name, path) in rounds:
                a = wrk(binary, stack_port, path or varied, conns, args.duration)
                line = (f"{name:<18}{conns:>6} | {a['rps']:>11.0f}{a['p50']:>8.1f}"
                        f"{a['p99']:>8.1f}{a['errors']:>7} | ")
                if path is None:  # hundreds of different pages: nothing static to set beside it
                    print(line + f"{'(not saved)':>35} |", flush=True)
                    continue
                b = wrk(binary, static_port, path, conns, args.duration)
                print(line + f"{b['rps']:>12.0f}{b['p50']:>8.1f}{b['p99']:>8.1f}{b['errors']:>7}"
                      f" | {a['rps'] / b['rps']:>6.2f}", flush=True)
            print(f"page sizes (bytes, uncompressed): {sizes}")
            for name, path in () if args.pages else (
                    ("help-now (cached)", "/en/help-now"), UNCACHED,
                    ("search", "/en/search?q=worried")):
                r = slow_clients(stack_port, path)
                print(f"slow clients: {r['held']} held open (500 idle, 500 partial headers); "
                      f"{name}: median {r['median_s'] * 1000:.0f} ms, worst "
                      f"{r['max_s'] * 1000:.0f} ms over 10 requests", flush=True)
        finally:
            if static is not None:
                static.send_signal(signal.SIGTERM)
                static.wait(timeout=30)
            stack.send_signal(signal.SIGTERM)
            stack.wait(timeout=60)
    print(f"# load after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
