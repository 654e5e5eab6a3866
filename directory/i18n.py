"""Which language a request is in: taken from the URL, never from a cookie."""

from __future__ import annotations

from pathlib import Path

from flask import Flask, g, request
from flask_babel import Babel, get_translations
from jinja2 import pass_context

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
    """The site's languages whose interface catalogue is compiled and loadable (English always).

    A deployment that never ran scripts/setup (pip install, a container) has no .mo files:
    they are compiled here from the .po files, beside them when the folder is writable, or
    into a cache folder Flask-Babel is then pointed at. A language whose catalogue is missing
    or cannot be compiled is left out of the language list, with an error in the log.
    """
    source = Path(app.config["BABEL_TRANSLATION_DIRECTORIES"].split(";")[0])
    others = [lang for lang in wanted if lang != "en"]
    missing = [lang for lang in others if not _po(source, lang).exists()]
    if missing:
        app.logger.error("no interface translation (translations/<lang>/LC_MESSAGES/messages.po)"
                         " for %s: not listed as a language", ", ".join(missing))
    ready = [lang for lang in others if lang not in missing]
    target = source
    try:
        compile_catalogs(source, ready)
    except OSError as exc:
        target = Path(app.config.get("TRANSLATIONS_CACHE") or _cache_folder(source))
        app.logger.warning("cannot write compiled translations beside the .po files (%s); "
                           "compiling into %s", exc, target)
        try:
            compile_catalogs(source, ready, target)
        except OSError as exc2:
            app.logger.error("cannot compile the interface translations (%s): only English is "
                             "served", exc2)
            ready = []
        app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(target)
    broken = [lang for lang in ready if not _loadable(target / lang / "LC_MESSAGES" /
                                                      "messages.mo")]
    if broken:
        app.logger.error("interface translation could not be compiled for %s: not listed",
                         ", ".join(broken))
    return tuple(lang for lang in wanted if lang == "en" or (lang in ready and lang not in broken))


def _po(folder: Path, lang: str) -> Path:
    return folder / lang / "LC_MESSAGES" / "messages.po"


def _cache_folder(source: Path) -> Path:
    import hashlib
    import tempfile

    tag = hashlib.sha256(str(source.resolve()).encode()).hexdigest()[:12]
    return Path(tempfile.gettempdir()) / f"signpost-translations-{tag}"


def _loadable(mo: Path) -> bool:
    from babel.support import Translations

    try:
        with mo.open("rb") as f:
            Translations(f)
    except (OSError, ValueError):
        return False
    return True


def compile_catalogs(folder: str | Path, languages: list[str] | None = None,
                     target: str | Path | None = None) -> list[str]:
    """Build each .mo file from its .po where missing or older; returns the languages built.

    `target` is where the .mo files go (default: beside the .po files). Each file is written
    to a temporary name and renamed, so workers starting together never read half a file.
    """
    import os
    import tempfile

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    folder = Path(folder)
    built = []
    for po in sorted(folder.glob("*/LC_MESSAGES/messages.po")):
        lang = po.parent.parent.name
        if languages is not None and lang not in languages:
            continue
        mo = Path(target or folder) / lang / "LC_MESSAGES" / "messages.mo"
        if mo.is_file() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        with po.open("rb") as f:
            catalog = read_po(f, locale=lang)
        mo.parent.mkdir(parents=True, exist_ok=True)
        fd, scratch = tempfile.mkstemp(dir=mo.parent, prefix=".messages-", suffix=".mo")
        try:
            with os.fdopen(fd, "wb") as f:
                write_mo(f, catalog)
            os.replace(scratch, mo)
        except BaseException:
            Path(scratch).unlink(missing_ok=True)
            raise
        built.append(lang)
    return built


def best_language(languages: tuple[str, ...]) -> str:
    """The best of our languages for the browser's Accept-Language header."""
    return request.accept_languages.best_match(languages, default="en") or "en"


def init_app(app: Flask) -> None:
    """Attach Flask-Babel with the URL's language as the locale."""
    babel.init_app(app, locale_selector=babel_locale)
    install_template_gettext(app)

    @app.context_processor
    def language_context():
        lang = current_language()
        return {"lang": lang, "dir": text_direction(lang), "native_names": NATIVE_NAMES,
                "languages": app.config["LANGUAGES"], TEMPLATE_TRANSLATIONS: get_translations()}


# The catalogue a template renders with, looked up once per render (inside force_locale too).
TEMPLATE_TRANSLATIONS = "_babel_translations"


def _translations(context):
    return context.get(TEMPLATE_TRANSLATIONS) or get_translations()


def install_template_gettext(app: Flask) -> None:
    """Let templates' _() and ngettext() use the catalogue looked up when rendering began.

    Flask-Babel looks the catalogue up again for every string, through several context
    lookups; a results page has about fifty strings. A macro imported without context has
    no catalogue in its context and falls back to Flask-Babel's lookup.
    """
    app.jinja_env.install_gettext_callables(
        gettext=pass_context(lambda ctx, s: _translations(ctx).ugettext(s)),
        ngettext=pass_context(lambda ctx, s, p, n: _translations(ctx).ungettext(s, p, n)),
        pgettext=pass_context(lambda ctx, c, s: _translations(ctx).upgettext(c, s)),
        npgettext=pass_context(
            lambda ctx, c, s, p, n: _translations(ctx).unpgettext(c, s, p, n)),
        newstyle=True,
    )
