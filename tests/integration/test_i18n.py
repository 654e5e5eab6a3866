"""Every page in every language: complete catalogues, correct lang/dir, search in each language."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from babel.messages.pofile import read_po

from directory.translation_status import coverage, interface_messages
from tests.conftest import ROOT

LANGUAGES = ["en", "gu", "pa", "ur", "ar", "pl", "ro", "so"]
OTHERS = LANGUAGES[1:]
RTL = {"ur", "ar"}
TRANSLATIONS = ROOT / "translations"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def catalog(lang):
    with (TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po").open("rb") as f:
        return read_po(f)


def test_messages_pot_is_current(tmp_path):
    """Fails when interface text was added or changed without running scripts/update-messages."""
    fresh = tmp_path / "messages.pot"
    subprocess.run([str(Path(sys.executable).parent / "pybabel"), "-q", "extract", "-F",
                    "babel.cfg", "-k", "_l", "-k", "lazy_gettext", "--no-location",
                    "--omit-header", "-o", str(fresh), "."], cwd=ROOT, check=True)
    committed = set(interface_messages(TRANSLATIONS / "messages.pot"))
    current = set(interface_messages(fresh))
    assert current - committed == set(), "new interface text: run scripts/update-messages"
    assert committed - current == set(), "messages.pot has old text: run scripts/update-messages"


@pytest.mark.parametrize("lang", OTHERS)
def test_every_interface_message_is_translated(lang):
    wanted = set(interface_messages(TRANSLATIONS / "messages.pot"))
    problems = []
    seen = set()
    for message in catalog(lang):
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        seen.add(key)
        strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
        if message.fuzzy:
            problems.append(f"fuzzy: {key}")
        if not all(strings):
            problems.append(f"untranslated: {key}")
        ids = message.id if isinstance(message.id, tuple | list) else (message.id,)
        expected = sorted(PLACEHOLDER.findall(ids[-1]))
        for s in strings:
            if s and sorted(set(PLACEHOLDER.findall(s))) != sorted(set(expected)):
                problems.append(f"placeholders differ: {key} -> {s}")
    problems += [f"missing: {m}" for m in wanted - seen]
    assert problems == []


def test_root_redirect_follows_accept_language(client):
    for header, lang in [("ur-PK,ur;q=0.9,en;q=0.5", "ur"), ("pl", "pl"), ("fr-FR,fr", "en"),
                         ("so,en;q=0.3", "so"), ("pa-IN", "pa"), ("", "en")]:
        response = client.get("/", headers={"Accept-Language": header})
        assert response.headers["Location"].endswith(f"/{lang}/"), header
        assert "Set-Cookie" not in response.headers


def english_interface_strings():
    """Interface texts whose translations differ from English in every language."""
    texts = set()
    for message in catalog("pl"):
        if isinstance(message.id, str) and message.id and "%(" not in message.id \
                and len(message.id) > 12:
            texts.add(message.id)
    return texts


PAGES = ["/{lang}/", "/{lang}/search?q=worried&age=14&area=charnwood",
         "/{lang}/search?q=zzqqzz&age=4&area=rutland&need=sleep", "/{lang}/topics",
         "/{lang}/topics/anxiety", "/{lang}/areas", "/{lang}/areas/melton", "/{lang}/help-now",
         "/{lang}/services/kooth", "/{lang}/services/childline/report",
         "/{lang}/search?q=kill+myself", "/{lang}/no-such-page", "/{lang}/self-help",
         "/{lang}/self-help/sleep", "/{lang}/jargon-buster", "/{lang}/browse-safely",
         "/{lang}/posters?need=sleep&language=ur", "/{lang}/for-schools?build=1&age=12",
         "/{lang}/areas/rutland/sheet", "/{lang}/my-list", "/{lang}/offline",
         "/{lang}/feedback/thanks", "/{lang}/?for=parents", "/{lang}/?for=children",
         "/{lang}/?for=professionals", "/{lang}/services/kooth/report"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_kind_renders_in_every_language(client, lang):
    english = english_interface_strings() if lang != "en" else set()
    for template in PAGES:
        url = template.format(lang=lang)
        response = client.get(url)
        assert response.status_code == (404 if "no-such" in url else 200), url
        html = response.get_data(as_text=True)
        opening = re.search(r"<html lang=\"([^\"]+)\" dir=\"([^\"]+)\"[^>]*>", html)
        assert opening.groups() == (lang, "rtl" if lang in RTL else "ltr"), url
        for code in LANGUAGES:
            assert f'hreflang="{code}"' in html, url
        # Remove content that may fall back to English (marked lang="en") before looking.
        visible = re.sub(r'<(\w+)[^>]*lang="en"[^>]*>.*?</\1>', "", html, flags=re.S)
        leftovers = [t for t in english if t.replace("’", "&rsquo;") in visible or t in visible]
        assert leftovers == [], f"{url} shows English interface text: {leftovers[:3]}"


def test_language_switcher_keeps_the_page_and_filters(client):
    html = client.get("/en/search?q=sad&age=12&need=low-mood").get_data(as_text=True)
    links = re.findall(r'<a href="([^"]+)" lang="ur" hreflang="ur"', html)
    assert links, "no Urdu link in the switcher"
    link = links[0].replace("&amp;", "&")
    assert link.startswith("/ur/search?") and "q=sad" in link and "age=12" in link \
        and "need=low-mood" in link
    assert 'lang="ur" hreflang="ur">اردو</a>' in html
    service = client.get("/en/services/kooth").get_data(as_text=True)
    assert 'href="/pl/services/kooth" lang="pl" hreflang="pl">Polski</a>' in service


def test_translated_summaries_and_fallback_marking(client):
    html = client.get("/pl/services/kooth").get_data(as_text=True)
    assert 'lang="en" dir="ltr"' in html  # the description is still in English, and says so
    summary = re.search(r'<p class="lead"( lang="en")?', html)
    assert summary and summary.group(1) is None, "the summary should be in Polish"


def load_everyday(lang):
    path = ROOT / "tests" / "fixtures" / "everyday" / f"{lang}.yml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", OTHERS)
def test_everyday_searches_in_each_language_find_the_right_need(bundled_index, lang):
    cases = load_everyday(lang)
    assert len(cases) >= 10 and len({str(c["need"]) for c in cases}) >= 8
    misses = []
    for case in cases:
        # A search about two things at once (exam stress) may list either need.
        wanted = set(case["need"]) if isinstance(case["need"], list) else {case["need"]}
        top = bundled_index.search(case["query"], lang=lang).services[:3]
        if len(top) < 3 or not all(wanted & set(s.needs) for s in top):
            misses.append((case["query"], case["need"], [s.slug for s in top]))
    assert misses == []


@pytest.mark.parametrize("lang", OTHERS)
def test_filters_work_the_same_in_every_language(client, lang):
    english = client.get("/api/v1/services?age=9&area=rutland&need=anxiety").get_json()
    other = client.get(f"/api/v1/services?age=9&area=rutland&need=anxiety&lang={lang}").get_json()
    assert [r["id"] for r in other["results"]] == [r["id"] for r in english["results"]]


@pytest.mark.parametrize("lang", OTHERS)
def test_risk_phrases_in_each_language_bring_help_now(bundled_content, bundled_index, lang):
    phrases = bundled_content.risk_phrases.get(lang, ())
    assert len(phrases) >= 5
    for phrase in phrases:
        assert bundled_index.search(f"{phrase}").help_now, phrase


def test_translation_status_is_accurate(bundled_content, content_copy):
    report = coverage(TRANSLATIONS, bundled_content)
    assert set(report) == set(OTHERS)
    for lang, row in report.items():
        assert row.interface_percent == 100 and row.content_percent == 100, (lang, row.missing[:5])
    # Remove one summary and one need word list: the report must notice both.
    from directory.content import load_content

    pl = content_copy / "translations" / "pl.yml"
    pl.parent.mkdir(exist_ok=True)
    pl.write_text(yaml.safe_dump({"needs": {"anxiety": {"name": "Lęk", "description": "Opis"}},
                                  "services": {"night-line": {"summary": "Linia nocna"}}},
                                 allow_unicode=True), encoding="utf-8")
    small = load_content(content_copy)
    row = coverage(TRANSLATIONS, small)["pl"]
    assert "content needs.anxiety.words" in row.missing
    assert "content services.town-counselling.summary" in row.missing
    assert "content services.night-line.summary" not in row.missing
    assert "content needs.anxiety.name" not in row.missing


def test_translations_status_command(app):
    result = app.test_cli_runner().invoke(args=["translations", "status"])
    assert result.exit_code == 0
    for lang in OTHERS:
        assert re.search(rf"^{lang}\s+100%\s+100%", result.output, re.M), result.output


# --------------------------------------------------------------------------- long-text translations

@pytest.fixture(scope="module")
def translated_pack(tmp_path_factory):
    """A copy of the bundled pack with Polish long-text files in the translators' format."""
    import shutil

    target = tmp_path_factory.mktemp("translated") / "content"
    shutil.copytree(ROOT / "content", target)
    folder = target / "translations" / "pl"
    for sub in ("services", "pages"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    (folder / "services" / "kooth.yml").write_text(
        "description: |\n  Kooth to bezpłatna strona z czatem.\n  Zapisujesz się pod zmyśloną"
        " nazwą.\n  Płaci za nią NHS.\n"
        "eligibility_description: Młodzi ludzie w wieku od 11 do 25 lat z LLR.\n"
        "how_to_get_help:\n  - Wejdź na stronę Kooth.\n  - Zapisz się.\n  - Czytaj albo czatuj.\n"
        "waiting_time: Bez kolejki.\nfees: Za darmo\nhours_note: Artykuły są zawsze dostępne.\n",
        encoding="utf-8")
    (folder / "pages" / "sleep.md").write_text(
        "---\nreviewed: true\n---\n## Sen\n\nZapytaj lekarza rodzinnego (GP) albo CAMHS.\n",
        encoding="utf-8")
    (folder / "glossary.yml").write_text(
        "camhs:\n  term: Poradnia zdrowia psychicznego dzieci i młodzieży (CAMHS)\n"
        "  meaning: Zespół NHS dla dzieci i młodzieży.\n", encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def translated_client(translated_pack, tmp_path_factory):
    from directory import create_app

    db = tmp_path_factory.mktemp("tr") / "feedback.sqlite3"
    app = create_app({"TESTING": True, "CONTENT_DIR": str(translated_pack),
                      "FEEDBACK_DB": str(db)})
    return app.test_client()


def main_of(html: str) -> str:
    return html[html.index("<main"):html.index("</main>")]


def test_translated_service_fields_show_in_the_visitors_language(translated_client):
    html = main_of(translated_client.get("/pl/services/kooth").get_data(as_text=True))
    for polish in ("Kooth to bezpłatna strona z czatem.", "Młodzi ludzie w wieku od 11 do 25",
                   "Wejdź na stronę Kooth.", "Bez kolejki.", "Za darmo",
                   "Artykuły są zawsze dostępne."):
        assert polish in html, polish
    for english in ("Go to the Kooth website", "Young people aged 11 to 25", "No waiting list",
                    ">Free<"):
        assert english not in html, english
    # Unreviewed: the quiet note and the way to report a mistake.
    assert "sprawdzane przez osoby z naszej społeczności" in html
    assert 'href="/pl/services/kooth/report"' in html


def test_translated_page_body_and_glossary_with_jargon_linked_in_that_language(
        translated_client):
    page = main_of(translated_client.get("/pl/self-help/sleep").get_data(as_text=True))
    assert "<h2>Sen</h2>" in page and "jeszcze nieprzetłumaczone" not in page.split("<section")[0]
    assert '<a class="term" href="/pl/jargon-buster#camhs">CAMHS</a>' in page
    assert "sprawdzane przez osoby z naszej społeczności" not in page  # marked reviewed
    glossary = main_of(translated_client.get("/pl/jargon-buster").get_data(as_text=True))
    assert "Poradnia zdrowia psychicznego dzieci i młodzieży (CAMHS)" in glossary
    assert "Zespół NHS dla dzieci i młodzieży." in glossary
    # Terms not translated yet stay English, marked so.
    assert re.search(r'<span lang="en" dir="ltr">[^<]+</span> <span class="untranslated">',
                     glossary)


def write_translation(pack, rel, text):
    path = pack / "translations" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def problems_for(pack, rel):
    from directory.content import load_content

    content = load_content(pack, log_problems=False)
    return [str(p) for p in content.problems if p.file.endswith(rel)], content


def test_translation_file_mistakes_are_named_with_file_line_and_fix(content_copy):
    write_translation(content_copy, "ro/services/night-line.yml",
                      "description: Vorbește cu un voluntar noaptea.\n"
                      "how_to_get_help:\n  - Sună la număr.\n  - Apoi așteaptă.\n"
                      "waiting_time: Nicio așteptare.\nfees: 0\ncolour: roșu\n")
    write_translation(content_copy, "ro/services/no-such-service.yml", "description: x\n")
    found, content = problems_for(content_copy, "ro/services/night-line.yml")
    assert any(":2: how_to_get_help: has 2 steps but the English has 1" in p for p in found)
    assert any(":5: waiting_time: the English service has no such field" in p for p in found)
    assert any(":6: fees: should be text" in p for p in found)
    assert any(":7: colour: is not a text field of a service" in p for p in found)
    assert all(" — " in p for p in found)  # every problem says how to fix it
    unknown, _ = problems_for(content_copy, "no-such-service.yml")
    assert unknown and "there is no service 'no-such-service'" in unknown[0]
    # The good field is used; the wrong ones fall back to English.
    block = content.service("night-line").translations["ro"]
    assert block["description"] == "Vorbește cu un voluntar noaptea."
    assert "how_to_get_help" not in block and "fees" not in block


def test_phone_and_text_descriptions_are_translated_in_order(content_copy):
    from directory.translations import line_hints

    service_file = content_copy / "services" / "night-line.yml"
    service_file.write_text(service_file.read_text().replace(
        '  - number: "0800 000 000"', '  - number: "0800 000 000"\n    description: Free call'
    ).replace("    message: NIGHT", "    message: NIGHT\n    description: Free text"))
    write_translation(content_copy, "so/services/night-line.yml",
                      "phones:\n  - Wac bilaash ah\ntexts:\n  - Fariin bilaash ah\n")
    found, content = problems_for(content_copy, "so/services/night-line.yml")
    assert found == []
    service = content.service("night-line")
    assert line_hints(service, "phones", "so") == [("Wac bilaash ah", "so")]
    assert line_hints(service, "texts", "so") == [("Fariin bilaash ah", "so")]
    assert line_hints(service, "texts", "pl") == [("Free text", "en")]


def test_a_changed_english_field_shows_in_english_until_translated_again(content_copy, tmp_path):
    from directory import create_app
    from directory.content import load_content

    write_translation(content_copy, "pl/services/night-line.yml",
                      "description: Porozmawiaj w nocy z wolontariuszem.\n"
                      "how_to_get_help:\n  - Zadzwoń pod ten numer.\n")
    app = create_app({"TESTING": True, "CONTENT_DIR": str(content_copy),
                      "FEEDBACK_DB": str(tmp_path / "f.sqlite3")})
    runner = app.test_cli_runner()
    # Not stamped yet: counts as current, so a translator's new file shows at once.
    assert "Porozmawiaj" in load_content(content_copy).service("night-line").translations["pl"][
        "description"]
    result = runner.invoke(args=["translations", "stamp", "pl"])
    assert result.exit_code == 0 and "2 newly stamped" in result.output, result.output
    sources = yaml.safe_load((content_copy / "translations/pl/sources.yml").read_text())
    assert set(sources["services/night-line"]) >= {"description", "how_to_get_help"}
    # The English changes: the Polish is out of date and the English shows, marked.
    english = content_copy / "services" / "night-line.yml"
    english.write_text(english.read_text().replace(
        "description: Talk to a volunteer at night.",
        "description: Talk to a trained volunteer at night, or chat online."))
    content = load_content(content_copy)
    block = content.service("night-line").translations["pl"]
    assert "description" not in block and block["how_to_get_help"] == ["Zadzwoń pod ten numer."]
    assert content.ledger.stale("pl") == [("services/night-line", "description")]
    fresh = create_app({"TESTING": True, "CONTENT_DIR": str(content_copy),
                        "FEEDBACK_DB": str(tmp_path / "g.sqlite3")})
    html = main_of(fresh.test_client().get("/pl/services/night-line").get_data(as_text=True))
    assert re.search(r'<p class="untranslated">[^<]+</p>\s*<div class="prose" lang="en" dir="ltr">'
                     r'\s*<p>Talk to a trained volunteer', html), html
    # Stamping again does not hide it; updating the translation and stamping does.
    runner.invoke(args=["translations", "stamp"])
    assert load_content(content_copy).ledger.stale("pl")
    write_translation(content_copy, "pl/services/night-line.yml",
                      "description: Porozmawiaj w nocy z przeszkolonym wolontariuszem albo na "
                      "czacie.\nhow_to_get_help:\n  - Zadzwoń pod ten numer.\n")
    result = runner.invoke(args=["translations", "stamp", "pl"])
    assert "1 updated" in result.output, result.output
    block = load_content(content_copy).service("night-line").translations["pl"]
    assert block["description"].startswith("Porozmawiaj w nocy z przeszkolonym")


def test_review_status_counts_translated_and_reviewed_separately(translated_pack):
    from directory.content import load_content
    from directory.translation_status import review_status

    report = review_status(load_content(translated_pack, log_problems=False))
    pl = report["pl"]
    assert pl.entries_reviewed >= 1 and pl.entries_translated > pl.entries_reviewed
    assert "pages/sleep" not in pl.review_first  # reviewed: true
    assert pl.review_first[:2] == ["crisis", "risk_phrases"]
    assert pl.review_first.index("pages/self-harm") < pl.review_first.index("services/kooth")
    visited = review_status(load_content(translated_pack, log_problems=False),
                            {"services/kooth": 40})["pl"]
    assert visited.review_first[2] == "services/kooth"  # most visited after crisis text


# --------------------------------------------------------------------------- catalogues at start-up

def catalogues_only(tmp_path, drop=()):
    """A translations folder as a fresh checkout has it: .po files, no compiled .mo."""
    folder = tmp_path / "translations"
    for lang in OTHERS:
        if lang in drop:
            continue
        (folder / lang / "LC_MESSAGES").mkdir(parents=True)
        (folder / lang / "LC_MESSAGES" / "messages.po").write_bytes(
            (TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po").read_bytes())
    return folder


def help_now_label(lang):
    return next(m.string for m in catalog(lang) if m.id == "Help now")


def test_an_install_without_the_setup_script_still_serves_every_interface(tmp_path):
    from directory import create_app

    folder = catalogues_only(tmp_path)
    app = create_app({"TESTING": True, "BABEL_TRANSLATION_DIRECTORIES": str(folder),
                      "FEEDBACK_DB": str(tmp_path / "f.sqlite3")})
    assert app.config["LANGUAGES"] == tuple(LANGUAGES)
    for lang in OTHERS:
        assert (folder / lang / "LC_MESSAGES" / "messages.mo").exists()
        html = app.test_client().get(f"/{lang}/").get_data(as_text=True)
        assert help_now_label(lang) in html, lang


def test_unwritable_catalogues_compile_into_a_cache_and_missing_ones_are_not_listed(
        tmp_path, caplog):
    from directory import create_app

    folder = catalogues_only(tmp_path, drop=("so",))
    (folder / "pl" / "LC_MESSAGES" / "messages.mo").mkdir()  # cannot be written over
    cache = tmp_path / "cache"
    app = create_app({"TESTING": True, "BABEL_TRANSLATION_DIRECTORIES": str(folder),
                      "TRANSLATIONS_CACHE": str(cache),
                      "FEEDBACK_DB": str(tmp_path / "f.sqlite3")})
    assert "so" not in app.config["LANGUAGES"] and "pl" in app.config["LANGUAGES"]
    assert any("so" in r.getMessage() and r.levelname == "ERROR" for r in caplog.records)
    assert (cache / "pl" / "LC_MESSAGES" / "messages.mo").is_file()
    client = app.test_client()
    assert help_now_label("pl") in client.get("/pl/").get_data(as_text=True)
    assert client.get("/so/").status_code == 404


# Wording a reviewer found wrong, dated or stigmatising, which no displayed text may use again
# (search words may keep them: people type them).
AVOID = {
    "pl": ["Nagły wypadek", "izbę przyjęć", "czat online z terapeutami"],
    "ro": ["este rănit", "peste 16 ani"],
    "so": ["galmadaada", "xaalad adag", "ma ogin cidda"],
    "gu": ["ધમકાવે કે ચીડવે", "જાતે મદદ\"", "મનની તંદુરસ્તી અને માનસિક સ્વાસ્થ્ય"],
    "pa": ["ਅਪੰਗ"],
    "ur": ["خیریت", "بلیئنگ"],
    "ar": ["مشرد"],
}


def shown_texts(lang):
    """Every interface message and every displayed short text of <lang>.yml, with where it is."""
    out = [(f"messages.po: {m.id}", str(m.string)) for m in catalog(lang) if m.id]
    data = yaml.safe_load((ROOT / "content" / "translations" / f"{lang}.yml").read_text())
    for section, block in data.items():
        if isinstance(block, dict):
            for slug, fields_ in block.items():
                for name, value in (fields_ or {}).items() if isinstance(fields_, dict) else ():
                    if name != "words":
                        out.append((f"{lang}.yml {section}.{slug}.{name}", str(value)))
    folder = ROOT / "content" / "translations" / lang
    for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
        if path.suffix in (".yml", ".md") and path.name != "sources.yml":
            out += [(f"{path.relative_to(folder)}", line)
                    for line in path.read_text(encoding="utf-8").splitlines()]
    return out


@pytest.mark.parametrize("lang", OTHERS)
def test_reported_mistranslations_stay_fixed(lang):
    found = [(where, bad) for where, text in shown_texts(lang) for bad in AVOID[lang]
             if bad.strip('"') in text and (not bad.endswith('"') or text == bad.strip('"'))]
    assert found == []


def test_youth_justice_is_in_the_somali_summary_of_the_young_peoples_team(bundled_content):
    summary = bundled_content.service("camhs-young-peoples-team").translations["so"]["summary"]
    assert "caddaaladda dhallinyarada" in summary


@pytest.mark.parametrize("lang", OTHERS)
def test_every_english_sentence_left_on_a_translated_page_is_marked(client, app, lang):
    """Any English on a page in another language is inside lang="en" (read in the right voice)."""
    from bench.translation_coverage import compare, proper_names

    names = proper_names(app.extensions["signpost.content"])
    for path in ("/services/kooth", "/services/childline", "/services/nhs-111-mental-health",
                 "/self-help/sleep", "/self-help/self-harm", "/jargon-buster", "/help-now",
                 "/self-help"):
        english = client.get(f"/en{path}").get_data(as_text=True)
        other = client.get(f"/{lang}{path}").get_data(as_text=True)
        total, left, unmarked, samples = compare(english, other, names)
        assert total and unmarked == 0, (path, samples[:3])


# --------------------------------------------------------------------------- languages at the service

def test_nhs_services_offer_a_free_interpreter_and_others_only_their_stated_languages(
        bundled_content):
    from directory.service_languages import interpreter, language_codes, offered_in

    nhs = [s for s in bundled_content.services if interpreter(s)]
    assert {s.slug for s in nhs} >= {"llr-camhs", "camhs-crisis-and-home-treatment",
                                     "nhs-111-mental-health"}
    assert all("NHS" in s.organization or s.nhs for s in nhs)
    assert not interpreter(bundled_content.service("kooth"))  # paid for by the NHS, not run by it
    assert language_codes(bundled_content.service("samaritans")) == ("en", "cy")
    assert not offered_in(bundled_content.service("samaritans"), "pl")
    assert offered_in(bundled_content.service("llr-camhs"), "so")


def test_interpreter_and_languages_show_on_cards_pages_search_and_api(client):
    page = main_of(client.get("/ur/services/llr-camhs").get_data(as_text=True))
    assert "آپ مفت ترجمان مانگ سکتے ہیں" in page
    english = main_of(client.get("/en/services/samaritans").get_data(as_text=True))
    assert "English, Welsh" in english and "interpreter" not in english
    results = client.get("/pl/search?need=low-mood&language=pl").get_data(as_text=True)
    assert 'name="language" value="pl" checked' in results
    assert "Możesz poprosić o tłumacza, za darmo" in results  # on the cards
    everything = client.get("/api/v1/services?need=low-mood").get_json()["results"]
    mine = client.get("/api/v1/services?need=low-mood&language=pl").get_json()["results"]
    assert 0 < len(mine) < len(everything)
    assert all(r["interpreter"] or "pl" in r["languages"] for r in mine)
    assert not client.get("/en/search?need=low-mood").get_data(as_text=True).count(
        'name="language"')  # English pages need no such filter


def test_reviewed_sections_of_the_short_texts_leave_the_review_list(content_copy):
    from directory.content import load_content
    from directory.translation_status import review_status

    write_translation(content_copy, "pl.yml", "reviewed: [crisis]\nneeds:\n  anxiety:\n"
                      "    name: Lęk\n")
    content = load_content(content_copy)
    assert not [p for p in content.problems if "pl.yml" in p.file]
    first = review_status(content)["pl"].review_first
    assert "crisis" not in first and first[0] == "risk_phrases"
