"""QR codes for addresses on this site, as SVG or PNG. The only module that imports qrcode."""

from __future__ import annotations

import io
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import qrcode
from PIL import Image
from qrcode.image.svg import SvgPathImage

# Quartile error correction survives scuffs, stickers and rain on a printed poster; four modules
# of quiet zone is what phone cameras need to find the code from across a room.
ERROR_CORRECTION = qrcode.constants.ERROR_CORRECT_Q
QUIET_ZONE = 4
CAMPAIGN_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
PNG_SIZES = range(64, 4097)


def campaign_ok(value: str) -> bool:
    """A campaign label: lowercase letters, digits, hyphens and underscores, up to 40."""
    return bool(CAMPAIGN_RE.fullmatch(value or ""))


def target_url(site_url: str, path: str, campaign: str | None) -> str:
    """The absolute address a code opens: this site's address, the path, and ?src=campaign."""
    parts = urlsplit(path)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=False) if k != "src"]
    if campaign:
        query.append(("src", campaign))
    base = urlsplit(site_url)
    return urlunsplit((base.scheme, base.netloc, base.path.rstrip("/") + parts.path,
                       urlencode(query), ""))


def _code(data: str) -> qrcode.QRCode:
    code = qrcode.QRCode(error_correction=ERROR_CORRECTION, border=QUIET_ZONE, box_size=10)
    code.add_data(data)
    code.make(fit=True)
    return code


def svg(data: str) -> bytes:
    """The code as a scalable SVG (one path: small, and sharp at any print size)."""
    image = _code(data).make_image(image_factory=SvgPathImage)
    out = io.BytesIO()
    image.save(out)
    return out.getvalue()


def image(data: str, size: int) -> Image.Image:
    """The code as a black-on-white image `size` pixels square.

    Modules stay whole pixels (sharp edges for cameras); any pixels left over widen the quiet zone.
    """
    code = _code(data)
    modules = code.modules_count + 2 * QUIET_ZONE
    code.box_size = max(1, size // modules)
    drawn = code.make_image(fill_color="black", back_color="white").get_image().convert("L")
    if drawn.width >= size:
        return drawn
    canvas = Image.new("L", (size, size), 255)
    offset = (size - drawn.width) // 2
    canvas.paste(drawn, (offset, offset))
    return canvas


def png(data: str, size: int) -> bytes:
    """The code as PNG bytes."""
    out = io.BytesIO()
    image(data, size).save(out, format="PNG", optimize=True)
    return out.getvalue()
