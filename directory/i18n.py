"""Which language a request is in: taken from the URL, never from a cookie."""

from __future__ import annotations

from pathlib import Path

from flask import Flask, g, request
from flask_babel import Babel

RTL_LANGUAGES = {"ar", "ur", "fa", "he", "ps", "ckb"}
# Each language named in its own script, for the language switcher.
NATIVE_NAMES = {
    "en": "English", "gu": "ગુજરાતી", "pa": "ਪੰਜਾਬੀ", "ur": "اردو", "ar": "العربية",
    "pl": "Polski", "ro": "Română", "so": "Soomaali",
}

babel = Babel()


def current_language() -> str:
    """The language of the current page."""
    return getattr(g, "lang", None) or "en"


def babel_locale() -> str:
    """The locale Babel formats dates and numbers in; English is British English here."""
    lang = current_language()
    return "en_GB" if lang == "en" else lang


def text_direction(lang: str | None = None) -> str:
    """rtl or ltr for a language."""
    return "rtl" if (lang or current_language()) in RTL_LANGUAGES else "ltr"


def available_languages(app: Flask, wanted: tuple[str, ...]) -> tuple[str, ...]:
    """The site's languages that have an interface translation (English always)."""
    folder = Path(app.config["BABEL_TRANSLATION_DIRECTORIES"])
    out = [lang for lang in wanted
           if lang == "en" or (folder / lang / "LC_MESSAGES" / "messages.po").exists()]
    missing = set(wanted) - set(out)
    if missing:
        app.logger.warning("languages without an interface translation are not served yet: %s",
                           ", ".join(sorted(missing)))
    return tuple(out)


def compile_catalogs(folder: str | Path) -> list[str]:
    """Build each .mo file from its .po where missing or older; returns the languages built."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    built = []
    for po in sorted(Path(folder).glob("*/LC_MESSAGES/messages.po")):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        with po.open("rb") as f:
            catalog = read_po(f, locale=po.parent.parent.name)
        with mo.open("wb") as f:
            write_mo(f, catalog)
        built.append(po.parent.parent.name)
    return built


def best_language(languages: tuple[str, ...]) -> str:
    """The best of our languages for the browser's Accept-Language header."""
    return request.accept_languages.best_match(languages, default="en") or "en"


def init_app(app: Flask) -> None:
    """Attach Flask-Babel with the URL's language as the locale."""
    babel.init_app(app, locale_selector=babel_locale)

    @app.context_processor
    def language_context():
        lang = current_language()
        return {"lang": lang, "dir": text_direction(lang), "native_names": NATIVE_NAMES,
                "languages": app.config["LANGUAGES"]}
