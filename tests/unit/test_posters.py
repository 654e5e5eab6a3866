"""Poster text layout: runs of one font, in reading order, for mixed scripts."""

from directory.posters import _runs


def test_latin_names_inside_arabic_are_their_own_runs_with_their_spaces():
    assert _runs("NHS 111 ، خيار", "ar") == [("NHS 111", "latin", False), ("، خيار", "ar", True)]
    assert _runs("من 11 إلى 18 سنة", "ar") == [
        ("من", "ar", False), ("11", "latin", True), ("إلى", "ar", True), ("18", "latin", True),
        ("سنة", "ar", True)]


def test_brackets_go_with_what_they_enclose():
    assert _runs("چائلڈ لائن (Childline)", "ur") == [
        ("چائلڈ لائن", "ur", False), ("(Childline)", "latin", True)]
    runs = _runs("Childline (تشايلد لاين)", "ar")
    assert [kind for _, kind, _ in runs] == ["latin", "punct", "ar", "punct"]


def test_latin_languages_are_one_run():
    assert _runs("Zadzwoń pod 116 123", "pl") == [("Zadzwoń pod 116 123", "latin", False)]
    assert _runs("ચિંતા (tension) 24", "gu")[1] == ("(tension) 24", "latin", True)
