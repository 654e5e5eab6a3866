"""Take out of free text the things people type that could identify them, before it is stored.

Pure text in, text out: no Flask, no database. What this cannot catch is listed in the README's
privacy notes.
"""

from __future__ import annotations

import re
import unicodedata

_MONTHS = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
           r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_STREET = (r"(?:street|st|road|rd|avenue|ave|lane|ln|close|cl|drive|dr|way|crescent|cres|court|"
           r"ct|place|pl|gardens|gdns|grove|gr|terrace|terr|walk|hill|rise|view|square|sq|mews|"
           r"row|green|parade|boulevard|mount|vale|park|fields|meadows?|croft|chase|gate|end|"
           r"wharf|yard)")
# Words that do not appear inside a street name but do after a number in ordinary sentences
# ("3 times on the road"): a number followed by one of these is not an address.
_NOT_STREET = (r"(?:the|a|an|on|in|at|to|of|and|or|but|my|your|his|her|their|our|for|from|with|"
               r"is|was|times?|days?|weeks?|months?|years?|hours?|mins?|minutes?|people|friends?|"
               r"kids|children|of|more|other|different|or)")
_DOT = r"(?:\s*(?:\(dot\)|\[dot\])\s*|\s+dot\s+|\.)"
_AT = r"(?:\s*(?:@|\(at\)|\[at\])\s*|\s+at\s+)"
_TLD = r"(?:com|co|uk|org|net|io|me|info|edu|gov|ac|biz|email|online|live)"
# "x" alone is an ordinary letter ("2 x sessions"): only "x:" counts as the site's name.
_SOCIAL = (r"(?:insta(?:gram)?|ig|snap(?:chat)?|tik\s?tok|twitter|discord|facebook|fb|threads|"
           r"x(?=\s*:))")
_NAME_WORD = r"[^\W\d_][\w'’-]*"
_STOP = {"and", "but", "or", "i", "im", "i'm", "i’m", "so", "because", "from", "in", "at",
         "the", "a", "my", "we", "who", "it", "is", "not", "please", "thanks", "with"}

_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), "[email]"),
    # Spelled out: "jane dot doe at gmail dot com", "jane(at)gmail(dot)co(dot)uk".
    (re.compile(rf"\b\w[\w+-]*(?:{_DOT}[\w+-]+)*{_AT}[\w-]+(?:{_DOT}[\w-]+)*{_DOT}{_TLD}\b",
                re.I), "[email]"),
    # Dates, including dates of birth: 03/04/2010, 3.4.10, 2010-04-03, 3rd April 2010,
    # April 3rd 2010, 3 Apr, April 2010.
    (re.compile(r"\b\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})\b"), "[date]"),
    (re.compile(r"\b\d{4}[/.-]\d{1,2}[/.-]\d{1,2}\b"), "[date]"),
    (re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}\b\.?(?:,?\s+\d{{4}}|"
                rf",?\s+'?\d{{2}}\b)?", re.I), "[date]"),
    (re.compile(rf"\b{_MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}})?", re.I),
     "[date]"),
    (re.compile(rf"\b{_MONTHS}\.?,?\s+\d{{4}}\b", re.I), "[date]"),
    (re.compile(r"\+?\d[\d\s()-]{6,}\d"), "[number]"),
    (re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.I), "[postcode]"),
    (re.compile(rf"\b(?P<lead>{_SOCIAL}(?:\s+(?:is|name|handle|username|user|id))*\s*[:=]?\s+)"
                rf"@?[\w.]{{2,30}}", re.I), r"\g<lead>[handle]"),
    (re.compile(r"(?<![\w.@])@[A-Za-z0-9_.]{2,30}"), "[handle]"),
    # A street address: (flat 3,) 12 Acacia Avenue (, Loughborough).
    (re.compile(rf"(?:\b(?:flat|apartment|apt|unit)\s*\d+[a-z]?,?\s+)?\b\d{{1,4}}[a-z]?,?\s+"
                rf"(?:(?!{_NOT_STREET}\b){_NAME_WORD}\s+){{1,3}}{_STREET}\b\.?"
                # A town: capitalised words only, up to three ("Market Harborough").
                r"(?-i:(?:,?\s+[A-Z][a-z]+(?:(?:-[a-z]+)*-[A-Z][a-z]+|\s[A-Z][a-z]+){0,2})?)",
                re.I), "[address]"),
]

# "my name is jane doe", "call me Jo": the words that follow, up to three, whatever their case.
_NAMED = re.compile(r"\b(?P<lead>(?:my\s+name\s+is|my\s+name['’]s|name\s*:|call\s+me|"
                    r"i\s+am\s+called|i['’]?m\s+called)\s+)"
                    rf"(?P<words>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}})", re.I)
# "I'm Jane Doe", "I am Jane": only capitalised words, so "I'm worried" stays as it is.
_INTRODUCED = re.compile(r"\b(?P<lead>(?:I['’]?m|I\s+am|i['’]m|i\s+am)\s+)"
                         r"(?P<words>[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){0,2})")
_NOT_NAMES = {"worried", "scared", "sorry", "not", "looking", "a", "an", "the", "in", "at",
              "from", "trying", "really", "so", "very", "just", "still", "here", "okay", "ok",
              "fine", "struggling", "feeling", "going", "being", "having", "getting", "also"}


def _name(match: re.Match[str]) -> str:
    words = match.group("words").split()
    kept = 0
    for word in words:
        if word.lower().strip("'’") in _STOP:
            break
        kept += 1
    if not kept:
        return match.group(0)
    rest = " ".join(words[kept:])
    return match.group("lead") + "[name]" + (" " + rest if rest else "")


def _introduced_name(match: re.Match[str]) -> str:
    if match.group("words").split()[0].lower() in _NOT_NAMES:
        return match.group(0)
    return _name(match)


def redact(text: str) -> str:
    """Free text with emails, handles, dates, phone numbers, postcodes, addresses and names
    taken out, each replaced by a placeholder such as [email]."""
    for pattern, placeholder in _RULES:
        text = pattern.sub(placeholder, text)
    text = _NAMED.sub(_name, text)
    return _INTRODUCED.sub(_introduced_name, text)


# Bidi embeddings, overrides and isolates; zero-width joiners stay (Indic and Arabic-script
# words need them).
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def _unsafe(char: str) -> bool:
    return unicodedata.category(char) in ("Cc", "Cs", "Co", "Cn") or bool(_BIDI.match(char))


def plain(text: str) -> str:
    """Text without control characters, bidi overrides, surrogates or unassigned code points."""
    return "".join(c for c in text if not _unsafe(c))
