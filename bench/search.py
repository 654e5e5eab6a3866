"""Search and start-up times for the bundled pack and generated packs of 100 to 10,000 services.

Run: .venv/bin/python bench/search.py [--sizes 100 1000 10000] [--repeat 5]
Prints, per pack: the time to read and validate every file (what a worker without the start-up
snapshot does); `flask --app wsgi search build` (load, index, snapshot: once per deploy); the
start-up of a new worker process from the prebuilt index and snapshot, as scripts/serve-stack's
workers start (`python -c 'import wsgi'`, imports included, median of 3); and the median and
95th-percentile time (wall clock, and the median in CPU time, which a busy shared machine
disturbs less) of a mix of real queries and filters on the prebuilt index. Each query is timed
on a freshly opened Index, so no term's scored postings are kept from an earlier search ("cold":
the first search a new worker serves); on an Index that has served some filter-only searches
("new": words nobody has used since the worker started); and again on the same Index ("warm": a
worker's next visitor using those words).
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from directory import snapshot  # noqa: E402
from directory.content import load_content  # noqa: E402
from directory.search import Filters, Index  # noqa: E402

QUERIES = [
    ("", Filters(age=14, areas=("charnwood",))),
    ("worried", Filters(age=15)),
    ("can't sleep", Filters(age=16, areas=("leicester",))),
    ("bullied at school", Filters(age=12, areas=("melton",))),
    ("anxeity", Filters()),
    ("my mum died", Filters(age=9)),
    ("self harm", Filters(age=17, areas=("rutland",), needs=("self-harm",))),
    ("", Filters(needs=("eating",), delivery=("online",))),
    ("panic attacks exams", Filters(age=18)),
    ("i want to kill myself", Filters()),
    ("weed", Filters(age=19, areas=("blaby",))),
    ("help", Filters(referral=("self-referral",), open_now=True)),
    ("autism diagnosis for my son", Filters(age=7)),
    ("", Filters()),
]


def generate_pack(size: int, target: Path) -> None:
    """A pack of `size` services made by varying the bundled ones (ages, areas, needs, names)."""
    shutil.copytree(ROOT / "content", target, ignore=shutil.ignore_patterns("services"))
    (target / "services").mkdir()
    rng = random.Random(size)
    sources = [yaml.safe_load(p.read_text()) for p in sorted((ROOT / "content/services").glob(
        "*.yml"))]
    areas = [a["slug"] for a in yaml.safe_load((ROOT / "content/areas.yml").read_text())]
    needs = [n["slug"] for n in yaml.safe_load((ROOT / "content/needs.yml").read_text())]
    for i in range(size):
        data = dict(rng.choice(sources))
        low = rng.randint(0, 20)
        data["minimum_age"], data["maximum_age"] = low, rng.randint(low, 25)
        data["service_areas"] = ["national"] if rng.random() < 0.2 else rng.sample(
            areas, rng.randint(1, 3))
        data["needs"] = rng.sample(needs, rng.randint(1, 4))
        data["name"] = f"{data['name']} {i}"
        (target / "services" / f"service-{i}.yml").write_text(yaml.safe_dump(data))


def measure(folder: Path, repeat: int) -> dict:
    """Load, build, start-up and search times for one pack."""
    started = time.perf_counter()
    # A generated pack renames every service, so each language's translations of the bundled
    # services point at nothing: expected, and not worth a screenful of warnings.
    content = load_content(folder, log_problems=False)
    loaded = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as tmp:
        prebuilt = Path(tmp) / "index"
        env = {**os.environ, "SIGNPOST_CONTENT_DIR": str(folder), "SIGNPOST_INDEX_DIR":
               str(prebuilt), "SIGNPOST_CONTENT_CHECKED": "1", "SIGNPOST_COMPRESS": "false",
               "SIGNPOST_FEEDBACK_DB": str(Path(tmp) / "feedback.sqlite3")}
        env.pop("SIGNPOST_DATABASE_URL", None)
        python = str(ROOT / ".venv/bin/python") if (ROOT / ".venv/bin/python").exists() else \
            sys.executable
        t0 = time.perf_counter()
        subprocess.run([python, "-m", "flask", "--app", "wsgi", "search", "build"], cwd=ROOT,
                       env=env, check=True, capture_output=True)
        built = time.perf_counter() - t0
        starts = []
        for _ in range(3):
            t0 = time.perf_counter()
            done = subprocess.run([python, "-c", "import wsgi"], cwd=ROOT, env=env, check=True,
                                  capture_output=True, text=True)
            starts.append(time.perf_counter() - t0)
            assert "content from the start-up snapshot" in done.stderr, done.stderr[-2000:]
        from_snapshot, _why = snapshot.load(snapshot.snapshot_path(prebuilt),
                                            snapshot.fingerprint(folder))
        assert from_snapshot is not None, f"the snapshot was not used: {_why}"
        opened = Index(content, directory=prebuilt)
        assert opened.prebuilt
        opened.close()
        return _searches(content, prebuilt, repeat) | {
            "services": len(content.services), "load_s": loaded, "build_s": built,
            "start_s": statistics.median(starts)}


# Filter-only searches a running worker has already served: they warm what does not depend on
# anyone's words (the searcher, age sets, ranking factors) but keep no word's postings.
WARM_UP = [("", Filters(age=age)) for age in (8, 12, 15, 17, 20, 24)] + [("", Filters())]
KINDS = ("cold", "new", "warm")


def _searches(content, prebuilt: Path, repeat: int) -> dict:
    wall: dict[str, list[float]] = {kind: [] for kind in KINDS}
    cpu: dict[str, list[float]] = {kind: [] for kind in KINDS}

    def timed(kind, index, text, filters):
        t0, c0 = time.perf_counter(), time.process_time()
        index.search(text, filters)
        wall[kind].append((time.perf_counter() - t0) * 1000)
        cpu[kind].append((time.process_time() - c0) * 1000)

    def opened() -> Index:
        index = Index(content, directory=prebuilt)  # nothing kept from earlier searches
        gc.freeze()  # as wsgi.py does once a worker has loaded everything
        return index

    def closed(index: Index) -> None:
        index.close()
        gc.unfreeze()

    for _ in range(repeat):
        for text, filters in QUERIES:
            index = opened()
            timed("cold", index, text, filters)
            timed("warm", index, text, filters)
            closed(index)
            index = opened()
            for words, chosen in WARM_UP:
                index.search(words, chosen)
            timed("new", index, text, filters)
            closed(index)
    out = {"searches": len(wall["cold"])}
    for kind in KINDS:
        times = sorted(wall[kind])
        out[f"{kind}_median_ms"] = statistics.median(times)
        out[f"{kind}_p95_ms"] = times[int(len(times) * 0.95) - 1]
        out[f"{kind}_cpu_ms"] = statistics.median(cpu[kind])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 1000, 10000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    rows = [("bundled", measure(ROOT / "content", args.repeat))]
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            folder = Path(tmp) / f"pack-{size}"
            generate_pack(size, folder)
            rows.append((f"generated {size}", measure(folder, args.repeat)))
    print(f"{'pack':<16}{'services':>9}{'load s':>8}{'build s':>9}{'start-up s':>11}"
          + "".join(f" | {kind + ' p50':>9}{'p95':>8}{'cpu p50':>8}" for kind in KINDS)
          + f" | {'searches':>8}")
    for name, r in rows:
        print(f"{name:<16}{r['services']:>9}{r['load_s']:>8.2f}{r['build_s']:>9.2f}"
              f"{r['start_s']:>11.2f}"
              + "".join(f" | {r[kind + '_median_ms']:>9.2f}{r[kind + '_p95_ms']:>8.2f}"
                        f"{r[kind + '_cpu_ms']:>8.2f}" for kind in KINDS)
              + f" | {r['searches']:>8}", flush=True)


if __name__ == "__main__":
    main()
