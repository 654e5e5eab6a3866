"""load_content: every file of a pack read, checked and put together, in the order they depend on."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from .checks import _check_mentioned_numbers
from .crisis import _safe_crisis
from .lists import _load_areas, _load_needs
from .objects import Content
from .pages import load_glossary, load_pages
from .problems import Problem, _rel
from .services import _load_service
from .site import _load_site
from .translation_files import _apply_translation_files
from .values import UK

log = logging.getLogger(__name__)

def load_content(root: str | Path, today: dt.date | None = None, log_problems: bool = True
                 ) -> Content:
    """Read and validate every file under root; broken entries are left out and reported."""
    root = Path(root).resolve()
    today = today or dt.datetime.now(UK).date()
    problems: list[Problem] = []
    site = _load_site(root, problems)
    areas = _load_areas(root, problems)
    needs = _load_needs(root, problems)
    crisis = _safe_crisis(root, problems)
    area_slugs = {a.slug for a in areas}
    need_slugs = {n.slug for n in needs}
    services = []
    folder = root / "services"
    for path in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
        service = _load_service(path, root, area_slugs, need_slugs, site, today, problems)
        if service is not None:
            services.append(service)
    if not folder.is_dir():
        problems.append(Problem(_rel(folder, root), 1, "(folder)", "there is no services folder",
                                "create content/services/ with one .yml file per service"))
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        problems.append(Problem(_rel(path, root), 1, "(file)", "is ignored: wrong file ending",
                                "rename it to end in .yml", "warning"))
    _check_mentioned_numbers(root, services, crisis, problems)

    pages = load_pages(root, {n.slug for n in needs}, site.languages, today, problems)
    glossary = load_glossary(root, problems)
    from ..easy_read import load_easy_read
    from ..site_pages import load_site_pages

    easy = load_easy_read(root, {p.slug for p in pages}, crisis, today, problems)
    site_pages = load_site_pages(root, problems)
    risk_phrases = _apply_translation_files(
        root, site, {"needs": needs, "areas": areas, "crisis": crisis, "services": services,
                     "glossary": glossary, "pages": pages}, problems)
    from ..translations import load_translations

    ledger = load_translations(root, site.languages, {
        "services": services, "pages": pages, "glossary": glossary, "needs": needs,
        "areas": areas, "crisis": crisis, "site": [site], "easy-read": easy,
        "site-pages": site_pages}, problems)
    for need in needs:  # risk phrases filed beside a need's words, in every language
        for lang, phrases in [("en", need.risk_phrases)] + [
                (lang, block.get("risk_phrases", ())) for lang, block in need.translations.items()]:
            if phrases:
                risk_phrases[lang] = tuple(dict.fromkeys((*risk_phrases.get(lang, ()), *phrases)))
    content = Content(root, site, tuple(areas), tuple(needs), tuple(services), tuple(crisis),
                      (), risk_phrases, tuple(pages), tuple(glossary), ledger, tuple(easy),
                      tuple(site_pages))
    from ..risk import check as check_risk

    problems += check_risk(content)
    problems = list(dict.fromkeys(problems))  # each problem once, in the order found
    if log_problems:
        _log_once(root, problems)
    return Content(root, site, tuple(areas), tuple(needs), tuple(services), tuple(crisis),
                   tuple(problems), risk_phrases, tuple(pages), tuple(glossary), ledger,
                   tuple(easy), tuple(site_pages))



_logged: set[tuple[Path, Problem]] = set()


def _log_once(root: Path, problems: list[Problem]) -> None:
    """Log each problem of a pack once per process, however many times the pack is loaded."""
    for problem in problems:
        if (root, problem) not in _logged:
            _logged.add((root, problem))
            (log.error if problem.severity == "error" else log.warning)("content: %s", problem)


