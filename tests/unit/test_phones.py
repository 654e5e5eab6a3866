"""Phone and text numbers as content editors write them: property-based, over any input."""

import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from directory.phones import check_number, digits_of, mentioned_numbers

SETTINGS = settings(max_examples=200, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])
GOOD = ["999", "111", "116 123", "116 111", "0800 1111", "0800 068 4141", "0116 255 5555",
        "0300 123 6600", "85258", "+44 116 255 5555"]


@SETTINGS
@given(st.text())
def test_whatever_is_written_a_number_is_refused_or_dialled_exactly_as_written(text):
    checked = check_number(text)
    if checked.number is None:
        assert checked.problem and checked.fix
        return
    assert set(checked.number) <= set(string.digits + " +")
    assert checked.number.lstrip("+").replace(" ", "").isdigit()
    assert digits_of(checked.number) == digits_of(text)  # nothing added, dropped or changed
    assert checked.number == " ".join(text.split())


@SETTINGS
@given(st.text(min_size=1).filter(lambda t: any(c.isalpha() for c in t)))
def test_words_are_never_a_number(text):
    assert check_number(text).number is None


@SETTINGS
@given(st.one_of(st.integers(), st.floats(allow_nan=False), st.booleans(), st.none(),
                 st.lists(st.integers())))
def test_unquoted_values_are_refused(value):
    checked = check_number(value)
    assert checked.number is None and "quotes" in checked.fix


@SETTINGS
@given(st.sampled_from(GOOD), st.data())
def test_good_numbers_pass_however_they_are_spaced(number, data):
    plus, digits = number[:number.startswith("+")], number.replace(" ", "").lstrip("+")
    spaced = plus + "".join(d + (" " if data.draw(st.booleans()) else "")
                            for d in digits).strip()
    checked = check_number(spaced)
    assert checked.number == spaced
    assert digits_of(checked.number) == digits_of(number)


@SETTINGS
@given(st.sampled_from(["0116 255 5555", "0300 123 6600", "0115 496 0123"]),
       st.integers(min_value=1, max_value=4), st.data())
def test_a_uk_number_with_digits_missing_or_added_is_refused(number, change, data):
    # (Freephone 0800 numbers really do come in 7, 9 and 10 digits after the 0.)
    digits = number.replace(" ", "")
    if data.draw(st.booleans()) and len(digits) - change >= 4:
        wrong = digits[:len(digits) - change]
    else:
        wrong = digits + "5" * change
    assert check_number(wrong).number is None, wrong


@pytest.mark.parametrize(("text", "found"), [
    ("Call 0300 123 6600 at any time.", ["0300 123 6600"]),
    ("Since 2023; HOPELINE247; aged 11 to 25; 24/7; LE1 6WW", []),
    ("Ring +44 116 255 5555 or 0116 255 5556.", ["+44 116 255 5555", "0116 255 5556"]),
])
def test_numbers_typed_into_sentences_are_found(text, found):
    assert mentioned_numbers(text) == found


WRITE_DIGITS = ('write only the digits (spaces between groups are fine), like "0116 255 5555"; '
                "put any words in description:")
COPY_AGAIN = ("copy the number again from the service's own website or leaflet; UK numbers have "
              "10 or 11 digits starting with 0, or are short codes like 111")
QUOTES = 'put the number in quotes, exactly as people should dial it, like "0116 255 5555"'


@pytest.mark.parametrize("value, kind, problem, fix", [
    (None, None, "'None' is not a phone number", QUOTES),
    (True, "text number", "'True' is not a text number", QUOTES),
    (["0116"], None, "'['0116']' is not a phone number", QUOTES),
    ("ring the office", None, "'ring the office' is not a phone number", WRITE_DIGITS),
    ("0116 255 55", None, "'0116 255 55' is too short for a UK phone number (9 digits)",
     COPY_AGAIN),
    ("0116 255 555", None, "'0116 255 555' is not a phone number in use in the UK", COPY_AGAIN),
    ("0100 000 0000", None, "'0100 000 0000' is not a phone number in use in the UK",
     COPY_AGAIN),
    ("0116 255 55555", None, "'0116 255 55555' is too long for a UK phone number (12 digits)",
     COPY_AGAIN),
    ("+44 116 255 555", "text number", "'+44 116 255 555' is not a text number in use in the UK",
     COPY_AGAIN),
    # Too little or too much to read as a number at all (the phone library refuses to parse).
    ("0", None, "'0' is too short for a UK phone number (1 digits)", COPY_AGAIN),
    ("+4", None, "'+4' is not a phone number in use in the UK", COPY_AGAIN),
    ("0" * 20, None, f"'{'0' * 20}' is too long for a UK phone number (20 digits)", COPY_AGAIN),
])
def test_an_editor_is_told_exactly_what_is_wrong_and_how_to_fix_it(value, kind, problem, fix):
    checked = check_number(value) if kind is None else check_number(value, kind)
    assert (checked.number, checked.problem, checked.fix) == (None, problem, fix)


@pytest.mark.parametrize("text, found", [
    ("", []), (None, []), ("Call 012345 now", ["012345"]), ("Call 01234 now", []),
])
def test_six_digits_is_the_shortest_number_found_in_a_sentence(text, found):
    assert mentioned_numbers(text) == found
