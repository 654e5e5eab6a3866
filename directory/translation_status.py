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
