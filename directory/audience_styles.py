"""Each audience's look (palette, type scale, corners), read from site.yml `audiences:`.

No Flask here: the content check validates the styles, and the site serves them as CSS.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

AUDIENCES = ("children", "teens", "young-adults", "parents", "professionals")
COLOUR_RE = re.compile(r"\A#[0-9a-fA-F]{6}\Z")
RADIUS_RE = re.compile(r"\A(0|[0-9](\.[0-9]{1,3})?rem)\Z")
COLOURS = ("brand", "brand_dark", "tint")
SCALE_RANGE = (0.85, 1.4)
WHITE = "#ffffff"
BLACK = "#000000"
# The dark palette's page colour (static/css/site.css sets the same under prefers-color-scheme).
DARK_PAPER = "#16181d"
# Body text is held to WCAG AAA (7:1); a little above it so rounding never tips it under.
BODY_TEXT_RATIO = 7.2


@dataclass(frozen=True)
class AudienceStyle:
    """How the site looks for one audience."""

    audience: str
    brand: str
    brand_dark: str
    tint: str
    type_scale: float = 1.0
    radius: str = "0.5rem"

    def css(self) -> str:
        """CSS custom properties for this audience, light and dark (validated values only)."""
        link = readable(self.brand, (WHITE, self.tint), BLACK)
        dark_tint = mix(DARK_PAPER, self.brand, 0.2)
        dark_link = readable(mix(self.brand, WHITE, 0.4), (DARK_PAPER, dark_tint), WHITE)
        return (f".audience-{self.audience} {{ --brand: {self.brand}; "
                f"--brand-dark: {self.brand_dark}; --tint: {self.tint}; --link: {link}; "
                f"--radius: {self.radius}; font-size: {round(self.type_scale * 100, 1)}%; }}\n"
                f"@media (prefers-color-scheme: dark) {{ .audience-{self.audience} {{ "
                f"--tint: {dark_tint}; --link: {dark_link}; }} }}")


def mix(a: str, b: str, share_of_b: float) -> str:
    """The #rrggbb colour share_of_b of the way from a to b."""
    channels = (round(int(a[i:i + 2], 16) * (1 - share_of_b) + int(b[i:i + 2], 16) * share_of_b)
                for i in (1, 3, 5))
    return "#" + "".join(f"{c:02x}" for c in channels)


def readable(colour: str, backgrounds: tuple[str, ...], towards: str) -> str:
    """colour, moved towards black or white only as far as body text on backgrounds needs."""
    for step in range(21):
        candidate = mix(colour, towards, step / 20)
        if all(contrast(candidate, back) >= BODY_TEXT_RATIO for back in backgrounds):
            return candidate
    return towards


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio between two #rrggbb colours."""
    def luminance(colour: str) -> float:
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


Report = Callable[[object, str, str, str, str], None]


def parse_styles(block: object, error: Report) -> dict[str, AudienceStyle]:
    """Audience styles from site.yml's `audiences:` block; problems go to error(node, key, ...)."""
    if block is None:
        return {}
    if not isinstance(block, dict):
        error(block, "audiences", "should list audiences, each with its colours",
              "see content/README.md", "audiences")
        return {}
    styles = {}
    for audience, item in block.items():
        label = f"audiences.{audience}"
        if audience not in AUDIENCES:
            error(block, str(audience), f"'{audience}' is not an audience",
                  "use any of: " + ", ".join(AUDIENCES), label)
            continue
        if not isinstance(item, dict):
            error(block, str(audience), "should have brand:, brand_dark: and tint: colours",
                  "see content/README.md", label)
            continue
        ok = True
        for key in COLOURS:
            value = item.get(key)
            if not isinstance(value, str) or not COLOUR_RE.match(value):
                error(item, key, f"'{value}' is not a colour", 'write it like "#1d4e89", in quotes',
                      f"{label}.{key}")
                ok = False
        scale = item.get("type_scale", 1.0)
        if isinstance(scale, bool) or not isinstance(scale, (int, float)) or not (
                SCALE_RANGE[0] <= scale <= SCALE_RANGE[1]):
            error(item, "type_scale", f"'{scale}' is not a type scale",
                  f"use a number from {SCALE_RANGE[0]} to {SCALE_RANGE[1]} (1 is normal size)",
                  f"{label}.type_scale")
            ok = False
        radius = str(item.get("radius", "0.5rem"))
        if not RADIUS_RE.match(radius):
            error(item, "radius", f"'{radius}' is not a corner size", "write it like 0.5rem",
                  f"{label}.radius")
            ok = False
        if not ok:
            continue
        style = AudienceStyle(audience, item["brand"].lower(), item["brand_dark"].lower(),
                              item["tint"].lower(), float(scale), radius)
        # Buttons and the header put white text on the brand colours; links are brand on white
        # and on the tint. All must stay readable (WCAG AA, 4.5:1).
        for key, back, fore in (("brand", style.brand, WHITE),
                                ("brand_dark", style.brand_dark, WHITE),
                                ("tint", style.tint, style.brand)):
            ratio = contrast(back, fore)
            if ratio < 4.5:
                error(item, key, f"text on it would be hard to read (contrast {ratio:.1f}:1)",
                      "choose a darker brand colour or a lighter tint (4.5:1 or more)",
                      f"{label}.{key}")
                ok = False
        if ok:
            styles[audience] = style
    return styles
