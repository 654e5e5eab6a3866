"""QR codes from directory/qr.py, read back by zbar (not the library that drew them), and the
addresses and campaign labels they carry. No app: the module is pure."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image

from directory import qr
from tests.integration.test_qr_posters import decode_png, decode_svg

URL = "https://signpost.example.org/en/help-now?src=bus-2026"


@pytest.mark.parametrize("label", ["a", "0", "bus-2026", "school_posters", "a" * 40, "9-_"])
def test_campaign_labels_allowed(label):
    assert qr.campaign_ok(label) is True


@pytest.mark.parametrize("label", [None, "", "-bus", "_bus", "Bus", "bus 2026", "bus.2026",
                                   "a" * 41, "bus/x", "ü", "bus?x=1", "bus\n",
                                   "bus\r\n"])
def test_campaign_labels_refused(label):
    assert qr.campaign_ok(label) is False


@pytest.mark.parametrize("site, path, campaign, target", [
    ("https://s.example", "/en/", None, "https://s.example/en/"),
    ("https://s.example/", "/en/", None, "https://s.example/en/"),
    ("https://s.example/sub/", "/en/help-now", "bus", "https://s.example/sub/en/help-now?src=bus"),
    ("https://s.example/LLR-X/", "/en/", None, "https://s.example/LLR-X/en/"),
    ("https://s.example", "/en/search?q=low&src=old&age=14", "new",
     "https://s.example/en/search?q=low&age=14&src=new"),
    ("https://s.example", "/en/search?src=old", None, "https://s.example/en/search"),
    ("https://s.example", "/en/search?q=&age=14", "", "https://s.example/en/search?age=14"),
    ("http://localhost:5000", "/pl/?q=a b#top", "x", "http://localhost:5000/pl/?q=a+b&src=x"),
])
def test_target_url(site, path, campaign, target):
    assert qr.target_url(site, path, campaign) == target


def test_svg_codes_decode_and_are_sized_in_whole_millimetres():
    data = qr.svg(URL)
    assert data.startswith(b"<?xml") and b"<svg" in data
    assert decode_svg(data) == [URL]
    svg = data.decode()
    # One module of the path is one unit of the viewBox; the quiet zone is four of them, and
    # the code prints at 1 mm per module.
    width = re.search(r'width="(\d+)mm"', svg).group(1)
    assert re.search(rf'viewBox="0 0 {width} {width}"', svg)
    modules = int(width) - 2 * qr.QUIET_ZONE
    assert (modules - 17) % 4 == 0  # a real QR size: 21, 25, 29 ... modules
    assert '<path d="M4,4H5V5H4z' in svg  # the finder's corner, after four modules of white


def dark_box(image: Image.Image) -> tuple[int, int, int, int]:
    """The bounding box of the dark pixels."""
    return Image.eval(image, lambda v: 255 - v).getbbox()


@pytest.mark.parametrize("size", [64, 100, 257, 600])
def test_png_codes_decode_at_every_size_with_whole_modules_and_a_quiet_zone(size):
    data = qr.png(URL, size)
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG" and image.mode == "L" and image.size == (size, size)
    assert decode_png(data) == [URL]
    left, top, right, bottom = dark_box(image)
    # The code sits in the middle (to a pixel), with at least four modules of white around it.
    assert abs(left - (size - right)) <= 1 and abs(top - (size - bottom)) <= 1
    drawn = right - left
    code_modules = qr._code(URL).modules_count
    box = drawn // code_modules
    assert box * code_modules == drawn  # whole pixels per module
    assert box == max(1, size // (code_modules + 2 * qr.QUIET_ZONE))
    assert left >= qr.QUIET_ZONE * box


def test_the_error_correction_is_quartile():
    # Quartile needs a bigger code than medium correction for the same address; read the size
    # off the drawn image, and the level from the format bits beside the top-left finder.
    image = qr.image(URL, 600)
    left, top, right, _ = dark_box(image)
    code_modules = qr._code(URL).modules_count
    box = (right - left) // code_modules

    def dark(row: int, col: int) -> int:
        return int(image.getpixel((left + col * box + box // 2, top + row * box + box // 2)) < 128)

    # The first two format bits, at row 8 columns 0 and 1, XOR the fixed mask bits 1 and 0,
    # give the level: 01 low, 00 medium, 11 quartile, 10 high.
    level = (dark(8, 0) ^ 1, dark(8, 1) ^ 0)
    assert level == (1, 1)


def test_png_is_optimised():
    data = qr.png(URL, 600)
    plain = io.BytesIO()
    Image.open(io.BytesIO(data)).save(plain, format="PNG")
    assert len(data) < len(plain.getvalue())


def test_a_size_that_fits_the_modules_exactly_is_still_greyscale():
    modules = qr._code(URL).modules_count + 2 * qr.QUIET_ZONE
    image = qr.image(URL, modules * 3)
    assert image.size == (modules * 3, modules * 3) and image.mode == "L"
    assert image.getpixel((0, 0)) == 255
