"""A content file that is not UTF-8 text is named as unreadable, and the rest still loads."""

from __future__ import annotations

import shutil

from directory.content import load_content
from tests.conftest import BUNDLED

BROKEN = ["pages/anger.md", "translations/ur/pages/sleep.md",
          "translations/ur/site-pages/privacy.md", "site-pages/accessibility.md"]


def test_each_unreadable_page_is_named_and_the_rest_loads(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(BUNDLED, root)
    for name in BROKEN:
        (root / name).write_bytes(b"\xff\xfe not text \x81")
    content = load_content(root, log_problems=False)
    unreadable = {p.file for p in content.errors
                  if p.field == "(file)" and p.message.startswith("cannot be read")}
    assert unreadable == {f"content/{name}" for name in BROKEN}
    assert all("save it as UTF-8 text" in str(p) for p in content.errors if p.file in unreadable)
    assert content.page("anger") is None and content.page("sleep") is not None
    assert content.site_page("accessibility") is None and content.site_page("privacy")
    assert len(content.services) == len(load_content(BUNDLED, log_problems=False).services)
