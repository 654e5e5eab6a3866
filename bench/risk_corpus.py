"""Print how many phrasings of each risk corpus bring help-now and a suicide or self-harm service
into the top five (tests/fixtures/risk), and list the ones that do not.

    .venv/bin/python bench/risk_corpus.py [--misses]
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from directory.content import load_content  # noqa: E402
from directory.search import Index  # noqa: E402

RISK_SERVICES = {"self-harm", "suicidal-thoughts"}


def phrases(path: Path) -> list[str]:
    """The phrasings in a corpus file, without comments and blank lines."""
    lines = (line.split("#", 1)[0].strip() for line in path.read_text("utf-8").splitlines())
    return [line for line in lines if line]


def main() -> None:
    """Count, per corpus, the phrasings that bring help-now and a risk service in the top five."""
    index = Index(load_content(ROOT / "content", log_problems=False))
    show = "--misses" in sys.argv
    for path in sorted((ROOT / "tests" / "fixtures" / "risk").glob("*.txt")):
        lang = path.stem if len(path.stem) == 2 else None
        found = phrases(path)
        box = top = 0
        for phrase in found:
            results = index.search(phrase, lang=lang)
            hit = any(RISK_SERVICES & set(s.needs) for s in results.services[:5])
            box += results.help_now
            top += hit
            if show and path.stem != "not_risk" and not (results.help_now and hit):
                print(f"  miss {path.stem}: {phrase} (box {results.help_now}, top five {hit})")
            if show and path.stem == "not_risk" and results.help_now:
                print(f"  false alarm: {phrase}")
        print(f"{path.stem:12} help-now {box:3}/{len(found):3}   risk service in top five "
              f"{top:3}/{len(found):3}")


if __name__ == "__main__":
    main()
