"""How much of the interface (.po files) and of the content is translated, per language."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.pofile import read_po

from .content import Content

# What a translated content pack must cover: (section, field) for each item.
REQUIRED_CONTENT = {
    "needs": ("name", "description", "words"),
    "areas": ("name",),
    "crisis": ("name", "description"),
    "services": ("summary",),
}


@dataclass
class LanguageCoverage:
    """Counts for one language, and what is missing."""

    interface_done: int = 0
    interface_total: int = 0
    content_done: int = 0
    content_total: int = 0
    missing: list[str] = field(default_factory=list)

    @property
    def interface_percent(self) -> float:
        """Share of interface messages translated (not fuzzy)."""
        return 100.0 * self.interface_done / self.interface_total if self.interface_total else 100.0

    @property
    def content_percent(self) -> float:
        """Share of required content texts translated."""
        return 100.0 * self.content_done / self.content_total if self.content_total else 100.0


def interface_messages(pot_path: Path) -> list[str]:
    """The message ids the interface uses, from messages.pot."""
    with pot_path.open("rb") as f:
        return [m.id if isinstance(m.id, str) else m.id[0] for m in read_po(f) if m.id]


def po_translated(po_path: Path) -> set[str]:
    """Message ids with a complete, non-fuzzy translation in a .po file."""
    if not po_path.exists():
        return set()
    with po_path.open("rb") as f:
        catalog = read_po(f)
    done = set()
    for m in catalog:
        if not m.id or m.fuzzy:
            continue
        strings = m.string if isinstance(m.string, tuple | list) else (m.string,)
        if all(strings):
            done.add(m.id if isinstance(m.id, str) else m.id[0])
    return done


def coverage(folder: str | Path, content: Content) -> dict[str, LanguageCoverage]:
    """Coverage for every non-English language of the site."""
    folder = Path(folder)
    wanted = interface_messages(folder / "messages.pot")
    items = {"needs": content.needs, "areas": content.areas, "crisis": content.crisis,
             "services": content.services}
    report = {}
    for lang in content.site.languages:
        if lang == "en":
            continue
        row = LanguageCoverage()
        done = po_translated(folder / lang / "LC_MESSAGES" / "messages.po")
        row.interface_total = len(wanted)
        row.interface_done = sum(1 for m in wanted if m in done)
        row.missing += [f"interface message “{m}”" for m in wanted if m not in done]
        row.content_total += 1
        if content.site.translations.get(lang, {}).get("area_name"):
            row.content_done += 1
        else:
            row.missing.append("content site.area_name")
        for section, names in REQUIRED_CONTENT.items():
            for item in items[section]:
                for name in names:
                    row.content_total += 1
                    if item.translations.get(lang, {}).get(name):
                        row.content_done += 1
                    else:
                        row.missing.append(f"content {section}.{item.slug}.{name}")
        report[lang] = row
    return report


# --------------------------------------------------------------------------- long texts, review

# What a native speaker should read first when there are no visit counts: what someone in
# danger reads (help now, risk phrases), then the pages and services about self-harm and
# suicide, then the NHS front doors most people are sent to.
REVIEW_PRIORITY = (
    "crisis", "risk_phrases",
    "easy-read/help-now", "pages/self-harm", "easy-read/self-harm",
    "services/camhs-crisis-and-home-treatment", "services/nhs-111-mental-health",
    "services/papyrus-hopeline247", "services/samaritans", "services/childline", "services/shout",
    "services/harmless", "pages/feeling-low", "pages/helping-a-friend", "pages/worry-and-panic",
    "pages/what-to-expect-from-camhs", "services/llr-camhs", "pages/while-you-wait",
    "services/camhs-young-peoples-team", "services/kooth", "pages/worries-about-eating",
    "services/camhs-eating-disorders-team", "pages/after-something-frightening",
    "pages/parents-of-under-11s", "pages/talking-with-your-child",
)
LONG_FIELDS = {
    "services": ("summary", "description", "eligibility_description", "how_to_get_help",
                 "what_happens_next", "waiting_time", "fees", "hours_note", "phones", "texts"),
    "pages": ("title", "summary", "body"),
    "glossary": ("term", "meaning"),
    "easy-read": ("title", "lines"),
    "site-pages": ("body",),
}


@dataclass
class ContentReview:
    """For one language: translated fields, and entries reviewed by a native speaker."""

    fields_done: int = 0
    fields_total: int = 0
    entries_translated: int = 0
    entries_reviewed: int = 0
    entries_total: int = 0
    stale: list[str] = field(default_factory=list)
    unstamped: int = 0
    untranslated: list[str] = field(default_factory=list)
    review_first: list[str] = field(default_factory=list)

    @property
    def fields_percent(self) -> float:
        """Share of the long-text fields (services, pages, glossary, easy read...) in this language."""
        return 100.0 * self.fields_done / self.fields_total if self.fields_total else 100.0


def review_status(content: Content, visits: dict[str, int] | None = None
                  ) -> dict[str, ContentReview]:
    """Per language: long texts translated, entries reviewed, and what to review first.

    `visits` ("pages/sleep" → count, e.g. from the helpful-or-not answers) puts the most used
    entries first after crisis text and risk phrases; without it a fixed priority is used.
    """
    from .translations import has_field

    ledger = content.ledger
    items = {"services": content.services, "pages": content.pages, "glossary": content.glossary,
             "easy-read": content.easy_read, "site-pages": content.site_pages}
    report = {}
    for lang in content.site.languages:
        if lang == "en":
            continue
        row = ContentReview()
        reviewed = ledger.reviewed.get(lang, set()) if ledger else set()
        states = ledger.fields.get(lang, {}) if ledger else {}
        pending = []
        for kind, names in LONG_FIELDS.items():
            for item in items[kind]:
                key = f"{kind}/{item.slug}"
                block = item.translations.get(lang, {})
                present = [n for n in names if has_field(item, n)]
                done = [n for n in present if n in block]
                row.fields_total += len(present)
                row.fields_done += len(done)
                row.entries_total += 1
                row.untranslated += [f"{key}.{n}" for n in present if n not in block]
                if done:
                    row.entries_translated += 1
                    if key in reviewed:
                        row.entries_reviewed += 1
                    else:
                        pending.append(key)
        for key, names in states.items():
            for name, state in names.items():
                if state.stale:
                    row.stale.append(f"{key}.{name}")
                elif state.stamped_en is None:
                    row.unstamped += 1
        short = [s for s in ("crisis", "risk_phrases") if s not in reviewed]
        order = {key: i for i, key in enumerate(REVIEW_PRIORITY)}
        pending.sort(key=lambda k: (-(visits or {}).get(k, 0), order.get(k, len(order)),
                                    not k.startswith("pages/"), k))
        row.review_first = [s for s in REVIEW_PRIORITY if s in short] + pending
        report[lang] = row
    return report
