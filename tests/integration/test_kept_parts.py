"""Kept page parts (search form, service and self-help cards) read exactly as a fresh render."""

from __future__ import annotations

import pytest
from flask import render_template, request
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from directory import query_args, state
from directory.audience import age_band
from directory.query_args import SearchRequest
from directory.views import parts

SEARCHES = [
    "/en/search?q=worried+about+exams",
    "/en/search?q=%22%3E%3Cscript%3Ealert(1)%3C/script%3E&age=14",
    "/en/search?q=%EE%80%80q%EE%80%80+%EE%80%80a%EE%80%80&postcode=%EE%80%80p%EE%80%80",
    "/ur/search?q=%D8%A7%D8%AF%D8%A7%D8%B3&area=leicester&age=0",
    "/ar/search?q=sad&for=teens&need=anxiety&need=sleep",
    "/pl/search?q=smutek&delivery=phone&referral=gp&open_now=1&language=pl",
    "/en/search?postcode=LE15+6AB&age=120&for=professionals",
    "/en/search?q=x&age=abc&area=nowhere",
]


def _fresh_and_kept(app, url, refine):
    with app.test_request_context(url):
        app.preprocess_request()
        req = query_args.parse(request.args, state.content(), age_band())
        fresh = render_template("partials/search_form.html", req=req, refine=refine)
        return fresh, parts.search_form(req, refine=refine), parts.search_form(req, refine=refine)


@pytest.mark.parametrize("url", SEARCHES)
@pytest.mark.parametrize("refine", [True, False])
def test_kept_search_form_reads_as_a_fresh_render(app, url, refine):
    fresh, first, again = _fresh_and_kept(app, url, refine)
    assert str(first) == fresh and str(again) == fresh


@hsettings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(st.sampled_from(["\ue000", "q", "a", "p", "<", '"', "&", " ", "ع", "x"]),
                    max_size=12),
       postcode=st.text(st.sampled_from(["\ue000", "p", "a", "1", "'"]), max_size=6),
       age=st.one_of(st.none(), st.integers(0, 120)))
def test_typed_values_are_put_in_once_and_escaped(app, text, postcode, age):
    req = SearchRequest(text=text, postcode=postcode, age=age, area="leicester")
    with app.test_request_context("/en/search"):
        app.preprocess_request()
        fresh = render_template("partials/search_form.html", req=req, refine=True)
        assert str(parts.search_form(req, refine=True)) == fresh


def test_kept_form_follows_the_language_and_audience(client):
    english = client.get("/en/search?q=sad").get_data(as_text=True)
    urdu = client.get("/ur/search?q=sad").get_data(as_text=True)
    teens = client.get("/en/search?q=sad&for=teens").get_data(as_text=True)
    assert 'action="/en/search"' in english and 'action="/ur/search"' in urdu
    assert ">Find support</button>" in english and ">Find support</button>" not in urdu
    assert 'name="for" value="teens"' in teens and 'name="for"' not in english


def test_kept_self_help_cards_read_as_a_fresh_render(app):
    with app.test_request_context("/ur/self-help"):
        app.preprocess_request()
        page = state.content().pages[0]
        fresh = render_template("selfhelp/_card.html", p=page, card_level=2)
        assert str(parts.selfhelp_card(page, level=2)) == fresh
        assert str(parts.selfhelp_card(page, level=2)) == fresh
        assert str(parts.selfhelp_card(page)) != fresh  # the heading level is part of the key


def test_nothing_a_visitor_typed_is_kept(app, client):
    typed = ["zqxkeptword", "LE15 6AB", 'value="117"', "117,", "117)"]
    client.get("/en/search?q=zqxkeptword&postcode=LE15+6AB&age=117&need=anxiety")
    client.get("/ur/areas/rutland?q=zqxkeptword&age=117")
    kept = repr(app.extensions["signpost.parts"].items())
    assert "search-form" in kept  # the form was kept, so the check below means something
    for word in typed:
        assert word not in kept, word
