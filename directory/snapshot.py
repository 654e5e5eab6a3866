"""A start-up snapshot of the loaded, validated content, so a large pack starts in a second.

Reading and validating 10,000 service files takes most of a minute; unpickling what that produced
takes about a second. `flask search build` (and any start-up that had to load the files) writes
the snapshot beside the search index. A worker uses it only when it was made from exactly these
files (path, size and time changed of every file), by exactly this code (every source file of
the package, and this Python), on the same day (checks such as "not confirmed for 12 months"
depend on the date); otherwise it loads the files as usual and says why.

The file is our own, written into our own var/ folder; it never holds anything a visitor sent.
Imports nothing of Flask.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import logging
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from .content import Content, load_content
from .file_walk import bytes_digest, metadata_digest

FORMAT = "1"  # change when the snapshot's own layout changes
UK = ZoneInfo("Europe/London")
PACKAGE = Path(__file__).resolve().parent
PROBLEMS_LOG = logging.getLogger(load_content.__module__)  # where loading reports problems

log = logging.getLogger(__name__)


def snapshot_path(index_dir: str | Path) -> Path:
    """Where the snapshot for an index directory lives: beside it (rebuilding the index replaces
    the whole directory)."""
    index_dir = Path(index_dir)
    return index_dir.parent / f"{index_dir.name}.content.pickle"


def code_fingerprint() -> str:
    """A hash of every Python source of the package and of the Python version that runs it."""
    digest = hashlib.sha256(f"{FORMAT}\0{sys.version}\n".encode())
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(f"{path.relative_to(PACKAGE)}\0".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def files_fingerprint(root: str | Path) -> str:
    """A hash of the name, size and time changed of every file under the content folder."""
    root = Path(root).resolve()
    digest = hashlib.sha256(f"{root}\n".encode())
    metadata_digest(digest, root)
    return digest.hexdigest()


def content_day() -> dt.date:
    """Today where the content's dates are meant (the UK), as the loader's checks count it."""
    return dt.datetime.now(UK).date()


def fingerprint(root: str | Path, today: dt.date | None = None) -> dict[str, str]:
    """What a snapshot must have been made from to be used now."""
    today = today or content_day()
    return {"code": code_fingerprint(), "files": files_fingerprint(root),
            "day": today.isoformat()}


# Why a snapshot no longer fits, for the log, in the order the parts are compared.
REASONS = {"code": "the code that loads content has changed",
           "files": "a content file was added, removed or changed",
           "day": "it was made on another day (date checks would be stale)"}


def save(content: Content, path: str | Path, stamp: dict[str, str]) -> str:
    """Write the snapshot atomically: workers see the old file or the new one, never half.

    Kept with it: a hash of the bytes of every content file (see content_bytes), returned.
    """
    path = Path(path)
    stamp = {**stamp, "bytes": bytes_digest(content.root)}
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            pickle.dump(stamp, out, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(content, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return stamp["bytes"]


def content_bytes(path: str | Path) -> str | None:
    """The hash of the content files' bytes a snapshot was made with (the offline copy's
    version is made from it), or None."""
    try:
        with Path(path).open("rb") as source:
            made_from = pickle.load(source)
    except Exception:
        return None
    value = made_from.get("bytes") if isinstance(made_from, dict) else None
    return value if isinstance(value, str) else None


def load(path: str | Path, stamp: dict[str, str]) -> tuple[Content | None, str]:
    """The snapshot's content if it was made from `stamp`, else None and why not."""
    path = Path(path)
    try:
        with path.open("rb") as source:
            made_from = pickle.load(source)
            if not isinstance(made_from, dict):
                return None, "it is not a snapshot"
            for part, reason in REASONS.items():
                if made_from.get(part) != stamp[part]:
                    return None, reason
            # Unpickling builds a million small objects: the collector would walk them
            # over and over for nothing (nothing in there is garbage).
            collecting = gc.isenabled()
            gc.disable()
            try:
                content = pickle.load(source)
            finally:
                if collecting:
                    gc.enable()
    except FileNotFoundError:
        return None, "there is none yet"
    except Exception as exc:  # a truncated or corrupt file, or classes that moved: load instead
        return None, f"it could not be read ({type(exc).__name__}: {exc})"
    if not isinstance(content, Content):
        return None, "it does not hold content"
    return content, ""


_reported: set[tuple[str, Any]] = set()


def report_problems(content: Content) -> None:
    """Log the problems found when the snapshot was made, as loading the files would have."""
    for problem in content.problems:
        key = (str(content.root), problem)
        if key not in _reported:
            _reported.add(key)
            (PROBLEMS_LOG.error if problem.severity == "error" else PROBLEMS_LOG.warning)(
                "content: %s", problem)


def load_or_none(root: str | Path, index_dir: str | Path, today: dt.date | None = None,
                 log_problems: bool = True) -> tuple[Content | None, dict[str, str]]:
    """The content from the snapshot beside `index_dir` when it fits, with the current stamp."""
    stamp = fingerprint(root, today)
    content, why_not = load(snapshot_path(index_dir), stamp)
    if content is None:
        log.info("loading the content files, not the start-up snapshot: %s", why_not)
        return None, stamp
    log.info("content from the start-up snapshot %s", snapshot_path(index_dir))
    if log_problems:
        report_problems(content)
    return content, stamp


def save_quietly(content: Content, index_dir: str | Path, stamp: dict[str, str]) -> str | None:
    """Write the snapshot, or log why it could not be (a read-only folder): never fail start-up.

    Returns the hash of the content files' bytes it was made with, or None."""
    try:
        return save(content, snapshot_path(index_dir), stamp)
    except (OSError, pickle.PicklingError, TypeError, AttributeError) as exc:
        log.warning("could not write the start-up snapshot %s: %s", snapshot_path(index_dir), exc)
        return None
