"""Which languages a service can be used in: its staff's languages, and NHS interpreters.

NHS services in England must arrange an interpreter, free, for anyone who needs one, so every
NHS service can be used in any language. Other services list only the languages they publicly
say their staff offer (`languages:` in the service file; empty when unknown).
"""

from __future__ import annotations

import re

from babel import Locale, UnknownLocaleError

# Language names as content editors write them, to codes. Codes are accepted as they are.
CODES = {
    "english": "en", "welsh": "cy", "polish": "pl", "romanian": "ro", "somali": "so",
    "urdu": "ur", "punjabi": "pa", "gujarati": "gu", "arabic": "ar", "bengali": "bn",
    "hindi": "hi", "portuguese": "pt", "spanish": "es", "french": "fr", "kurdish": "ku",
    "farsi": "fa", "persian": "fa", "pashto": "ps", "tigrinya": "ti", "chinese": "zh",
    "british sign language": "bfi", "bsl": "bfi",
}
_NHS_RE = re.compile(r"\bNHS\b")


def language_codes(service) -> tuple[str, ...]:
    """The service's `languages` as codes (unknown names are left out)."""
    out = []
    for name in service.languages:
        key = str(name).strip().lower()
        code = CODES.get(key, key if re.fullmatch(r"[a-z]{2,3}", key) else None)
        if code and code not in out:
            out.append(code)
    return tuple(out)


def interpreter(service) -> bool:
    """An NHS service (run by an NHS body, or marked nhs: true): a free interpreter on request."""
    if getattr(service, "nhs", None) is not None:
        return bool(service.nhs)
    return bool(_NHS_RE.search(service.organization))


def offered_in(service, lang: str) -> bool:
    """Whether someone can use this service in a language: staff speak it, or an interpreter."""
    return lang in language_codes(service) or interpreter(service)


def language_name(code: str, in_lang: str) -> str:
    """A language's name, written in the page's language where Babel knows it."""
    try:
        name = Locale.parse("en_GB" if in_lang == "en" else in_lang).languages.get(code)
    except (UnknownLocaleError, ValueError):
        name = None
    if not name and code == "bfi":
        return "British Sign Language"
    return name or code
