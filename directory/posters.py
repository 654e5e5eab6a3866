"""Printable posters, flyers and table cards with a QR code (Pillow; no Flask here).

Text in every script is shaped by Pillow's Raqm layout (HarfBuzz and FriBiDi), so Arabic and Urdu
join and run right to left, and Gujarati and Gurmukhi conjuncts form correctly.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, features

from . import qr

DPI = 300
SIZES = {  # millimetres, portrait
    "a4": (210, 297),
    "a5": (148, 210),
    "table-card": (105, 148),
}
FONT_DIRS = [Path("/usr/share/fonts/truetype/noto"), Path("/usr/share/fonts/opentype/noto"),
             Path("/usr/local/share/fonts")]
# The Noto font for each script (Debian package fonts-noto-core).
SCRIPT_FONTS = {
    "latin": ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
    "gu": ("NotoSansGujarati-Regular.ttf", "NotoSansGujarati-Bold.ttf"),
    "pa": ("NotoSansGurmukhi-Regular.ttf", "NotoSansGurmukhi-Bold.ttf"),
    "ar": ("NotoNaskhArabic-Regular.ttf", "NotoNaskhArabic-Bold.ttf"),
    "ur": ("NotoNastaliqUrdu-Regular.ttf", "NotoNastaliqUrdu-Bold.ttf"),
}
RTL = {"ar", "ur"}
BRAND = (29, 78, 137)
DANGER = (179, 38, 30)
INK = (27, 27, 31)


class PosterError(RuntimeError):
    """A poster that cannot be drawn on this machine (for example, fonts are missing)."""


@dataclass
class PosterText:
    """Everything a poster says, already in its language."""

    lang: str
    headline: str
    subline: str
    topic: str
    scan_hint: str
    type_hint: str
    display_url: str
    help_title: str
    crisis: list[tuple[str, str]] = field(default_factory=list)  # (name, number)


def mm_to_px(mm: float) -> int:
    """Millimetres to pixels at print resolution."""
    return round(mm / 25.4 * DPI)


@lru_cache(maxsize=64)
def font(script: str, bold: bool, size: int) -> ImageFont.FreeTypeFont:
    """The Noto font for a script, at a pixel size."""
    name = SCRIPT_FONTS.get(script, SCRIPT_FONTS["latin"])[1 if bold else 0]
    for folder in FONT_DIRS:
        if (folder / name).exists():
            return ImageFont.truetype(str(folder / name), size,
                                      layout_engine=ImageFont.Layout.RAQM)
    raise PosterError(f"font {name} is missing: install Debian's fonts-noto-core")


def _script(lang: str) -> str:
    return lang if lang in SCRIPT_FONTS else "latin"


def _kinds(text: str, script: str) -> list[str | None]:
    """For each character: "latin", the script, or None for a space (which joins the run before).

    Latin letters and digits use the Latin font. ASCII punctuation goes with the Latin text it
    touches, so "(Childline)" and "111," stay whole; otherwise it belongs to the script's text.
    """
    kinds: list[str | None] = []
    for i, ch in enumerate(text):
        if ch.isspace():
            kinds.append(None)
        elif ch.isascii() and ch.isalnum():
            kinds.append("latin")
        elif ch.isascii():
            # Opening brackets belong with what follows them, other punctuation with what
            # precedes it. Beside script text it is drawn on its own in the Latin font (script
            # fonts lack some of it), mirrored when the line reads right to left.
            near = text[i + 1:].lstrip()[:1] if ch in "([{" else text[:i].rstrip()[-1:]
            kinds.append("latin" if near.isascii() and near.isalnum() and near else "punct")
        else:
            kinds.append(script)
    return kinds


def _runs(text: str, lang: str) -> list[tuple[str, str, bool]]:
    """Split a line into runs of one font, in reading order: (text, kind, space before it).

    Script fonts for Gujarati, Gurmukhi, Arabic and Urdu have no Latin letters, so names such as
    "NHS 111" inside translated text are drawn with the Latin font.
    """
    script = _script(lang)
    if script == "latin":
        return [(text.strip(), "latin", False)] if text.strip() else []
    runs: list[list] = []
    space = False
    for ch, kind in zip(text, _kinds(text, script), strict=True):
        if kind is None:
            space = True
            continue
        if runs and runs[-1][1] == kind != "punct":
            runs[-1][0] += (" " if space else "") + ch  # one script's words shape together
        else:
            runs.append([ch, kind, space and bool(runs)])
        space = False
    return [(t, k, sp) for t, k, sp in runs]


def _length(text: str, lang: str, bold: bool, size: int) -> float:
    runs = _runs(text, lang)
    gaps = font("latin", bold, size).getlength(" ") * sum(1 for _, _, sp in runs if sp)
    return gaps + sum(font("latin" if kind == "punct" else kind, bold, size).getlength(
        run, language=lang if kind not in ("latin", "punct") else "en") for run, kind, _ in runs)


MIRRORED = str.maketrans("()[]{}", ")(][}{")


def _draw_line(draw, x: float, y: int, text: str, lang: str, bold: bool, size: int, fill):
    """Draw one line starting at x (its left edge), right-to-left runs ordered for reading.

    Runs in different fonts share one baseline, so Latin digits sit level with Urdu letters; a
    space between two runs in the text is a gap between them on the page, either way round.
    """
    baseline = y + int(size * (1.25 if lang == "ur" else 1.0))
    runs = _runs(text, lang)
    rtl = lang in RTL
    # Visual order, left to right; a gap goes where the later run (in reading order) had a space.
    visual = list(reversed(runs)) if rtl else runs
    gap = font("latin", bold, size).getlength(" ")
    for i, (run, kind, space_before) in enumerate(visual):
        if i and (visual[i - 1][2] if rtl else space_before):
            x += gap
        face = font("latin" if kind == "punct" else kind, bold, size)
        run_lang = lang if kind not in ("latin", "punct") else "en"
        shown = run.translate(MIRRORED) if kind == "punct" and rtl else run
        draw.text((x, baseline), shown, font=face, fill=fill, language=run_lang, anchor="ls")
        x += face.getlength(run, language=run_lang)


def _wrap(text: str, lang: str, bold: bool, size: int, width: int) -> list[str]:
    words, lines, line = text.split(), [], ""
    for word in words:
        trial = f"{line} {word}".strip()
        if _length(trial, lang, bold, size) <= width or not line:
            line = trial
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def _line_height(lang: str, size: int) -> int:
    return int(size * (1.9 if lang == "ur" else 1.4))


def _block_height(text: str, lang: str, bold: bool, size: int, width: int) -> int:
    return len(_wrap(text, lang, bold, size, width)) * _line_height(lang, size)


def _text_block(draw, text: str, lang: str, bold: bool, size: int, box: tuple[int, int, int],
                fill) -> int:
    """Draw wrapped, centred text in a column starting at y; returns the y below it."""
    left, y, width = box
    for line in _wrap(text, lang, bold, size, width):
        _draw_line(draw, left + (width - _length(line, lang, bold, size)) / 2, y, line, lang,
                   bold, size, fill)
        y += _line_height(lang, size)
    return y


def build(text: PosterText, qr_data: str, size: str = "a4") -> Image.Image:
    """Draw a poster: message, QR code, readable address and crisis numbers."""
    if not features.check("raqm"):
        raise PosterError("Pillow was built without Raqm, so text cannot be shaped")
    width_mm, height_mm = SIZES[size]
    w, h = mm_to_px(width_mm), mm_to_px(height_mm)
    unit = w / 100  # layout in hundredths of the page width
    margin = int(7 * unit)
    inner_width = w - 2 * margin
    page = Image.new("RGB", (w, h), "white")
    draw = ImageDraw.Draw(page)
    lang = text.lang
    sizes = {"headline": int(7.2 * unit), "subline": int(3.6 * unit), "topic": int(4.4 * unit),
             "hint": int(3.6 * unit), "small": int(3.0 * unit), "url": int(3.4 * unit),
             "help": int(3.8 * unit), "crisis": int(3.4 * unit)}

    # Headline band, as tall as its text.
    band_bottom = int(5 * unit) + _block_height(text.headline, lang, True, sizes["headline"],
                                                inner_width) + int(unit) + _block_height(
        text.subline, lang, False, sizes["subline"], inner_width) + int(4 * unit)
    draw.rectangle((0, 0, w, band_bottom), fill=BRAND)
    y = _text_block(draw, text.headline, lang, True, sizes["headline"],
                    (margin, int(5 * unit), inner_width), "white")
    _text_block(draw, text.subline, lang, False, sizes["subline"],
                (margin, y + int(unit), inner_width), "white")

    # Crisis numbers at the foot, useful with no phone data at all.
    row = _line_height(lang, sizes["crisis"]) + int(0.6 * unit)
    box_height = int(5 * unit) + _line_height(lang, sizes["help"]) + row * len(text.crisis)
    box_top = h - margin - box_height
    draw.rounded_rectangle((margin, box_top, w - margin, h - margin), radius=int(2 * unit),
                           outline=DANGER, width=max(4, int(0.7 * unit)))
    inner = margin + int(3 * unit)
    y = _text_block(draw, text.help_title, lang, True, sizes["help"],
                    (inner, box_top + int(2 * unit), w - 2 * inner), DANGER)
    number_face = font("latin", True, sizes["crisis"])
    for name, number in text.crisis:
        name_width = _length(name, lang, False, sizes["crisis"])
        number_x = inner if lang in RTL else w - inner - number_face.getlength(number)
        name_x = w - inner - name_width if lang in RTL else inner
        _draw_line(draw, number_x, y, number, "en", True, sizes["crisis"], INK)
        _draw_line(draw, name_x, y, name, lang, False, sizes["crisis"], INK)
        y += row

    # Between the band and the crisis box: topic, QR code, how to open it.
    below_code = (_block_height(text.scan_hint, lang, True, sizes["hint"], inner_width)
                  + _block_height(text.type_hint, lang, False, sizes["small"], inner_width)
                  + _line_height("en", sizes["url"]) + int(5 * unit))
    topic_height = _block_height(text.topic, lang, True, sizes["topic"], inner_width) \
        if text.topic else 0
    space = box_top - band_bottom - topic_height - below_code - int(6 * unit)
    code_size = int(min(w * 0.56, space))
    y = band_bottom + int(3 * unit)
    if text.topic:
        y = _text_block(draw, text.topic, lang, True, sizes["topic"], (margin, y, inner_width),
                        BRAND)
    code = qr.image(qr_data, code_size).convert("RGB")
    page.paste(code, ((w - code.width) // 2, y + int(unit)))
    y += code.height + int(2 * unit)
    y = _text_block(draw, text.scan_hint, lang, True, sizes["hint"], (margin, y, inner_width),
                    INK)
    y = _text_block(draw, text.type_hint, lang, False, sizes["small"],
                    (margin, y + int(unit), inner_width), INK)
    _text_block(draw, text.display_url, "en", True, sizes["url"], (margin, y, inner_width), BRAND)
    return page


def to_png(image: Image.Image, max_width: int | None = None) -> bytes:
    """PNG bytes at print resolution, or scaled down for a preview."""
    if max_width and image.width > max_width:
        image = image.resize((max_width, round(image.height * max_width / image.width)),
                             Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, format="PNG", dpi=(DPI, DPI), optimize=bool(max_width))
    return out.getvalue()


def to_pdf(image: Image.Image) -> bytes:
    """A print-ready one-page PDF at 300 dpi."""
    out = io.BytesIO()
    image.save(out, format="PDF", resolution=DPI)
    return out.getvalue()
