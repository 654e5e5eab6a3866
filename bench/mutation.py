"""Mutation testing of the modules where a silent bug hurts most: prints killed/total per module.

    .venv/bin/python bench/mutation.py                      # every listed module, one at a time
    .venv/bin/python bench/mutation.py directory/phones.py  # just one
    .venv/bin/python bench/mutation.py --max-children 2 ...

Each module runs in a scratch copy of the checkout (mutmut 3 writes mutants/ beside the config it
reads from pyproject.toml, and the config names one module), with the tests that exercise that
module: unit tests of the pure functions where they exist, because creating the app costs
seconds per test run. Too slow for CI on 2 cores: run it before closing an issue that touches
one of these modules, and record the figures and any surviving mutants in bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import fnmatch
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Module → the tests that should kill its mutants (run in this order; the quickest first).
MODULES = {
    "directory/phones.py": ["tests/unit/test_phones.py", "tests/unit/test_content.py"],
    "directory/redirects.py": ["tests/unit/test_redirects.py"],
    "directory/qr.py": ["tests/unit/test_qr.py"],
    "directory/views/posters.py": ["tests/integration/test_qr_targets.py"],
    "directory/risk.py": ["tests/unit/test_risk.py"],
    "directory/normalise.py": ["tests/unit/test_normalise.py", "tests/unit/test_risk.py"],
    "directory/query_args.py": ["tests/unit/test_query_args.py"],
    "directory/redact.py": ["tests/unit/test_redact.py"],
    "directory/security.py": ["tests/unit/test_security.py"],
    # Not test_filter_boundaries.py: it builds the bundled index in each mutant's run, which
    # mutmut's time limit (test bodies only) does not allow for, so survivors show as timeouts.
    "directory/search.py": ["tests/unit/test_filter_query.py"],
}
# Modules where only some functions are the part that matters here (Class.method for methods):
# the QR target checks live in the posters view, beside poster drawing that is not listed.
ONLY = {
    "directory/views/posters.py": ["checked_path", "checked_campaign"],
    # The filters (as a Whoosh query, or as sets of documents once the perf branch lands; a name
    # that does not exist matches no mutant). The rest of search.py ranks results, and its
    # mutants need the bundled pack's index (seconds to build for each mutant): too slow here.
    "directory/search.py": ["Index._filter_query", "Index._filter_docs", "Index._ages_docs",
                            "_union"],
}
ALSO_COPY = ["directory", "templates", "static", "content", "translations", "tests", "wsgi.py",
             "babel.cfg"]
STATUS_RE = re.compile(r"^\s*(\S+\.x\S*__mutmut_\d+): (\w[\w ]*)$")


def scratch_copy(module: str, tests: list[str]) -> Path:
    """The tracked files of the checkout, in a temporary folder, configured for one module."""
    folder = Path(tempfile.mkdtemp(prefix="signpost-mutation-"))
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, check=True,
                           capture_output=True).stdout.decode().split("\0")
    for name in filter(None, files):
        source = ROOT / name
        if source.is_file():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, folder / name)
    listing = lambda items: "[" + ", ".join(f'"{i}"' for i in items) + "]"  # noqa: E731
    with (folder / "pyproject.toml").open("a", encoding="utf-8") as config:
        config.write(f"""
[tool.mutmut]
source_paths = {listing([module])}
also_copy = {listing(ALSO_COPY)}
pytest_add_cli_args = ["-p", "no:cacheprovider", "-q"]
pytest_add_cli_args_test_selection = {listing(tests)}
""")
    return folder


def mutant_patterns(module: str) -> list[str]:
    """mutmut's names for the mutants of the ONLY functions of a module (none: every mutant)."""
    dotted = module.removesuffix(".py").replace("/", ".")
    names = []
    for function in ONLY.get(module, ()):
        owner, _, method = function.rpartition(".")
        # mutmut 3 names a method's mutants xǁClassǁmethod__mutmut_N, a function's x_function__mutmut_N
        names.append(f"{dotted}.x\u01c1{owner}\u01c1{method}__mutmut_*" if owner
                     else f"{dotted}.x_{function}__mutmut_*")
    return names


def run_module(module: str, max_children: int) -> tuple[int, int, list[str]]:
    """Mutate one module; (killed, total, surviving mutant names)."""
    folder = scratch_copy(module, MODULES[module])
    mutmut = [sys.executable, "-m", "mutmut"]
    patterns = mutant_patterns(module)
    # CI=1: the tests' Hypothesis profile tries the same examples every run, so a score repeats.
    env = {**os.environ, "CI": "1"}
    try:
        run = subprocess.run([*mutmut, "run", "--max-children", str(max_children), *patterns],
                             cwd=folder, capture_output=True, text=True, env=env)
        if run.returncode != 0:
            sys.exit(f"mutmut failed on {module}:\n{run.stdout[-3000:]}\n{run.stderr[-3000:]}")
        listing = subprocess.run([*mutmut, "results", "--all", "true"], cwd=folder,
                                 capture_output=True, text=True, check=True).stdout
        statuses = {name: status for line in listing.splitlines()
                    if (m := STATUS_RE.match(line)) for name, status in [m.groups()]
                    if not patterns or any(fnmatch.fnmatch(name, p) for p in patterns)}
        survivors = sorted(name for name, status in statuses.items() if status != "killed")
        for name in survivors:  # the diff of each survivor, to judge it killable or equivalent
            show = subprocess.run([*mutmut, "show", name], cwd=folder, capture_output=True,
                                  text=True)
            print(f"--- {name} ({statuses[name]})\n{show.stdout.strip()}\n")
        return len(statuses) - len(survivors), len(statuses), survivors
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    """Run each named module (default: all listed) and print its score."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", default=list(MODULES), choices=list(MODULES),
                        metavar="MODULE")
    parser.add_argument("--max-children", type=int, default=1)
    args = parser.parse_args()
    scores = []
    for module in args.modules:
        killed, total, survivors = run_module(module, args.max_children)
        scores.append((module, killed, total, survivors))
        print(f"{module}: {killed}/{total} killed ({100 * killed / max(total, 1):.0f}%)",
              flush=True)
    print("\nmodule                      killed/total  score  survivors")
    for module, killed, total, survivors in scores:
        print(f"{module:<28}{killed:>6}/{total:<6} {100 * killed / max(total, 1):>5.0f}%  "
              f"{len(survivors)}")


if __name__ == "__main__":
    main()
