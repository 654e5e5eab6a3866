"""Search and start-up times for the bundled pack and generated packs of 100 to 10,000 services.

Run: .venv/bin/python bench/search.py [--sizes 100 1000 10000] [--repeat 5]
Prints median and 95th-percentile search time over a mix of real queries and filters (searched on
the prebuilt index, as the workers do; nothing is cached between searches), and the start-up
time: load and validate every file, then either build the index in memory or open the index
`flask search build` wrote (what each worker does under scripts/serve-stack).
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

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
    """Start-up and search times for one pack."""
    started = time.perf_counter()
    # A generated pack renames every service, so each language's translations of the bundled
    # services point at nothing: expected, and not worth a screenful of warnings.
    content = load_content(folder, log_problems=False)
    loaded = time.perf_counter()
    Index(content)
    built = time.perf_counter()
    with tempfile.TemporaryDirectory() as prebuilt:
        Index(content, directory=prebuilt)  # flask search build
        opened_at = time.perf_counter()
        index = Index(content, directory=prebuilt)
        opened = time.perf_counter() - opened_at
        assert index.prebuilt
        return _searches(index, repeat) | {
            "services": len(content.services), "load_s": loaded - started,
            "index_s": built - loaded, "open_s": opened}


def _searches(index: Index, repeat: int) -> dict:
    for text, filters in QUERIES:  # warm up caches as a running server would be
        index.search(text, filters)
    times = []
    for _ in range(repeat):
        for text, filters in QUERIES:
            t0 = time.perf_counter()
            index.search(text, filters)
            times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return {
        "median_ms": statistics.median(times),
        "p95_ms": times[int(len(times) * 0.95) - 1],
        "searches": len(times),
    }


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
    print(f"{'pack':<16}{'services':>9}{'load s':>8}{'build s':>9}{'open s':>8}"
          f"{'start-up (built)':>18}{'start-up (prebuilt)':>21}{'median ms':>11}{'p95 ms':>9}"
          f"{'searches':>10}")
    for name, r in rows:
        print(f"{name:<16}{r['services']:>9}{r['load_s']:>8.2f}{r['index_s']:>9.2f}"
              f"{r['open_s']:>8.2f}{r['load_s'] + r['index_s']:>18.2f}"
              f"{r['load_s'] + r['open_s']:>21.2f}{r['median_ms']:>11.2f}{r['p95_ms']:>9.2f}"
              f"{r['searches']:>10}", flush=True)


if __name__ == "__main__":
    main()
