"""Compressed weight of key pages with everything they load (HTML, CSS, JS), through the real app.

Run: .venv/bin/python bench/page_weight.py
Targets: the home page under 30 KB compressed; help-now under 14 KB (one round trip).
"""

from __future__ import annotations

import gzip
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from directory import create_app  # noqa: E402

PAGES = ["/en/", "/en/search?q=worried&age=15&area=charnwood", "/en/services/kooth",
         "/en/help-now"]
ASSET_RE = re.compile(r'<(?:link[^>]+rel="stylesheet"[^>]+href|script[^>]+src)="([^"]+)"')


def weigh(client, path: str) -> tuple[int, int, list[str]]:
    """(raw bytes, gzip bytes, assets) for a page and the CSS/JS it loads."""
    html = client.get(path).get_data()
    assets = ASSET_RE.findall(html.decode())
    raw, packed = len(html), len(gzip.compress(html, 9))
    for asset in assets:
        with client.get(asset) as response:
            body = response.get_data()
        raw += len(body)
        packed += len(gzip.compress(body, 9))
    return raw, packed, assets


def main() -> None:
    client = create_app({"TESTING": True}).test_client()
    print(f"{'page':<48}{'raw KB':>8}{'gzip KB':>9}  assets")
    for path in PAGES:
        raw, packed, assets = weigh(client, path)
        print(f"{path:<48}{raw / 1024:>8.1f}{packed / 1024:>9.1f}  {', '.join(assets)}")


if __name__ == "__main__":
    main()
