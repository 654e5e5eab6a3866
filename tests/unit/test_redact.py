"""Redaction keeps what people meant and replaces what would identify them, exactly."""

import pytest

from directory.feedback import clean_details
from directory.redact import redact


@pytest.mark.parametrize("typed, stored", [
    # Contact details.
    ("ring 07700 900123 or +44 116 255 5555", "ring [number] or [number]"),
    ("email jo@example.com please", "email [email] please"),
    ("jane dot doe at gmail dot com", "[email]"),
    ("write to jane.doe at hotmail dot co dot uk", "write to [email]"),
    ("jo(at)example(dot)org", "[email]"),
    ("insta @janedoe2010 and @jd_2", "insta [handle] and [handle]"),
    ("my snapchat is jd_2010", "my snapchat is [handle]"),
    ("tiktok: jane.doe", "tiktok: [handle]"),
    # Postcodes in any case, with or without the space.
    ("near LE1 6WW", "near [postcode]"),
    ("near le1 6ww", "near [postcode]"),
    ("near Le16ww.", "near [postcode]."),
    ("near LE11 3TU and pe9 2al", "near [postcode] and [postcode]"),
    # Dates, including dates of birth.
    ("born 03/04/2010", "born [date]"),
    ("dob 3.4.10", "dob [date]"),
    ("born 2010-04-03", "born [date]"),
    ("born on 3rd April 2010", "born on [date]"),
    ("born 3 apr 2010", "born [date]"),
    ("born April 3rd, 2010", "born [date]"),
    ("born in March 2011", "born in [date]"),
    # Street addresses, with or without a town.
    ("I live at 12 Acacia Avenue Loughborough", "I live at [address]"),
    ("I live at 12 acacia avenue", "I live at [address]"),
    ("flat 3, 12b High Street, Market Harborough", "[address]"),
    ("4 Church Rd.", "[address]"),
    # Names.
    ("my name is jane doe and i need help", "my name is [name] and i need help"),
    ("My name's Jo", "My name's [name]"),
    ("I'm Jane Doe, 15", "I'm [name], 15"),
    ("I am Priya", "I am [name]"),
    ("call me Sam please", "call me [name] please"),
])
def test_what_is_stored(typed, stored):
    assert redact(typed) == stored


@pytest.mark.parametrize("text", [
    "I'm worried about my son",
    "I am struggling to sleep",
    "I tried 3 times on the road to get there",
    "meet at the park at 10",
    "I was at school. Then I went home",
    "The Night Line number is wrong",
    "open 9 to 5, closed on Sundays",
    "for ages 11-18",
    "LE1 area services",
    "آپ کیسے ہیں",
])
def test_ordinary_words_are_kept_as_typed(text):
    assert redact(text) == text


def test_free_text_is_short_and_collapsed():
    assert clean_details("  two\n\tlines  ") == "two lines"
    assert len(clean_details("x" * 300)) == 300
    with pytest.raises(ValueError, match="limit is 300"):
        clean_details("x" * 301)
