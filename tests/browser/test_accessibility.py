"""Every page type, in English, Urdu and Gujarati, checked in real Chromium for WCAG 2.2 AA.

One browser and one tab for the whole module: each page is loaded once and every check (axe in
light and dark, AAA body text, headings, reflow at 320 px and 200%/400% zoom, reduced motion,
forced colours) runs on that one load by switching emulated media, so the file stays fast.
"""

from __future__ import annotations

import pytest

from directory.audience_styles import AUDIENCES

from .conftest import AXE

pytestmark = pytest.mark.browser

LANGS = ("en", "ur", "gu")
SCHOOL_LINK = ("/{lang}/for-schools?build=1&age_from=11&age_to=18&area=charnwood&need=anxiety"
               "&audience=teens&language={lang}")
# Every page type a visitor can reach (path, then an action turning it into its second state).
PAGES = {
    "home": "/{lang}/",
    "home-parents": "/{lang}/?for=parents",
    "search-results": "/{lang}/search?q=worried&age=14",
    "search-no-results": "/{lang}/search?q=zzqqxxyy&age=3&area=rutland&need=eating",
    "search-bad-input": "/{lang}/search?age=abc&area=nowhere&postcode=zz9&delivery=teleport",
    "service": "/{lang}/services/childline",
    "topic": "/{lang}/topics/anxiety",
    "topics": "/{lang}/topics",
    "area": "/{lang}/areas/charnwood",
    "areas": "/{lang}/areas",
    "help-now": "/{lang}/help-now",
    "self-help-index": "/{lang}/self-help",
    "self-help-page": "/{lang}/self-help/sleep",
    "easy-read": "/{lang}/easy-read/help-now",
    "jargon-buster": "/{lang}/jargon-buster",
    "browse-safely": "/{lang}/browse-safely",
    "posters": "/{lang}/posters?need=sleep",
    "for-schools": "/{lang}/for-schools",
    "for-schools-link": SCHOOL_LINK,
    "embed": "/embed/{lang}?area=charnwood&ages=11-18&need=anxiety",
    "offline": "/{lang}/offline",
    "my-list": "/{lang}/my-list",
    "report-problem": "/{lang}/services/kooth/report",
    "report-problem-error": "/{lang}/services/kooth/report#submit-empty",
    "feedback-thanks": "/{lang}/feedback/thanks",
    "not-found-form-sent": "/{lang}/search?q=zzqqxxyy#send-not-found",
    "not-found-404": "/{lang}/no-such-page",
    "accessibility-statement": "/{lang}/accessibility",
    "privacy-notice": "/{lang}/privacy",
}
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Body text is running text; buttons and chips are controls, held to AA (checked by axe above).
BODY_TEXT = {"include": [["p"], ["li"], ["dd"], ["td"]],
             "exclude": [[".btn"], [".chip"], [".quick-exit"], [".help-now-link"]]}

HEADINGS_JS = """() => {
  const shown = h => h.getClientRects().length > 0 || h.closest('.visually-hidden');
  const levels = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
    .filter(shown).map(h => [Number(h.tagName[1]), h.textContent.trim().slice(0, 40)]);
  const problems = [];
  const ones = levels.filter(([n]) => n === 1).length;
  if (ones !== 1) problems.push(`${ones} h1 headings`);
  if (levels.length && levels[0][0] !== 1) problems.push(`first heading is h${levels[0][0]}`);
  levels.forEach(([n, text], i) => {
    if (i && n > levels[i - 1][0] + 1) problems.push(`h${levels[i - 1][0]} then h${n} "${text}"`);
  });
  return problems;
}"""

# Any animation or transition still longer than 0.01 s, and any smooth scrolling.
MOTION_JS = """() => {
  const seconds = v => Math.max(...v.split(',').map(
    s => parseFloat(s) * (s.trim().endsWith('ms') ? 0.001 : 1)));
  const name = el => `${el.tagName.toLowerCase()}.${el.className}`;
  const moving = [];
  for (const el of [document.documentElement, ...document.querySelectorAll('*')]) {
    const s = getComputedStyle(el);
    const animated = s.animationName !== 'none' && seconds(s.animationDuration) > 0.01;
    if (seconds(s.transitionDuration) > 0.01 || animated)
      moving.push(`${name(el)}: ${s.transitionDuration} ${s.animationDuration}`);
    if (s.scrollBehavior === 'smooth') moving.push(`${name(el)} scrolls smoothly`);
  }
  for (const a of document.getAnimations()) {
    const d = a.effect && a.effect.getComputedTiming().duration;
    if (d > 10) moving.push(`animation of ${d} ms`);
  }
  return moving;
}"""

# In forced colours, controls keep a border (the system draws it in ButtonText) and nothing
# opts out of the user's colours except where we say so.
FORCED_JS = """() => {
  const problems = [];
  const controls = document.querySelectorAll(
    '.btn, button, .quick-exit, .help-now-link, .chip, input:not([type=hidden]), select, textarea');
  const name = el => `${el.tagName.toLowerCase()}.${el.className}`;
  for (const el of controls) {
    if (!el.getClientRects().length) continue;
    const s = getComputedStyle(el);
    const border = ['Top', 'Right', 'Bottom', 'Left'].some(
      side => s[`border${side}Style`] !== 'none' && parseFloat(s[`border${side}Width`]) > 0);
    if (!border && !['checkbox', 'radio'].includes(el.type))
      problems.push(`${name(el)} "${el.textContent.trim().slice(0, 30)}" has no border`);
  }
  for (const el of document.querySelectorAll('*')) {
    if (getComputedStyle(el).forcedColorAdjust === 'none')
      problems.push(`${name(el)} ignores forced colours`);
  }
  const exit = document.querySelector('.quick-exit');
  if (exit) {
    const box = exit.getBoundingClientRect();
    if (box.width < 44 || box.height < 44) problems.push('quick exit is not visible');
  }
  return problems;
}"""

# Focus every link, button and field in turn: the outline must survive forced colours.
FOCUS_JS = """() => {
  const problems = [];
  const targets = [...document.querySelectorAll(
    'a[href], button, input:not([type=hidden]), select, textarea, summary')].filter(
    el => el.getClientRects().length && !el.disabled);
  for (const el of targets.slice(0, 40)) {
    el.focus({focusVisible: true});
    if (document.activeElement !== el) continue;
    const s = getComputedStyle(el);
    if (s.outlineStyle === 'none' || parseFloat(s.outlineWidth) < 2)
      problems.push(`${el.tagName.toLowerCase()} "${(el.textContent || el.name).trim()}": `
                    + `outline ${s.outlineStyle} ${s.outlineWidth}`);
  }
  document.activeElement && document.activeElement.blur();
  return problems;
}"""


@pytest.fixture(scope="module")
def tab(browser):
    """One phone-width tab for the module, able to run axe-core past our own CSP."""
    if not AXE.exists():
        pytest.skip("axe-core is not installed (npm ci)")
    context = browser.new_context(viewport={"width": 360, "height": 740}, bypass_csp=True,
                                  service_workers="block")
    page = context.new_page()
    yield page
    context.close()


def _open(tab, base: str, name: str, lang: str) -> None:
    """Load a page type, and for a form's second state, submit it as a visitor would."""
    tab.emulate_media(color_scheme="light", reduced_motion="no-preference", forced_colors="none")
    tab.set_viewport_size({"width": 360, "height": 740})
    path, _, action = PAGES[name].format(lang=lang).partition("#")
    tab.goto(base + path)
    if action == "submit-empty":
        # The browser's own "required" check would stop an empty form: switch it off to see ours.
        tab.evaluate("document.querySelector('form[method=post]').noValidate = true")
        with tab.expect_navigation():
            tab.locator("form[method=post] button[type=submit]").click()
    elif action == "send-not-found":
        tab.fill("#nf-details", "somewhere to talk about art")
        with tab.expect_navigation():
            tab.locator("#nf-details").locator("xpath=ancestor::form").locator(
                "button[type=submit]").click()
        assert "/feedback/thanks" in tab.url, f"the couldn't-find form was not sent: {tab.url}"
    tab.add_script_tag(path=str(AXE))


def _axe(tab, options: dict, context: object = None) -> list[dict]:
    result = tab.evaluate("([context, options]) => axe.run(context || document, options)",
                          [context, options])
    return [{"id": v["id"], "nodes": [(n["target"], n.get("failureSummary", "")[:160])
                                      for n in v["nodes"]][:4]} for v in result["violations"]]


def _reflow(tab, width: int) -> int:
    tab.set_viewport_size({"width": width, "height": 640})
    return tab.evaluate("document.documentElement.scrollWidth")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", list(PAGES))
def test_page_type_meets_wcag_22_aa(tab, live_server, name, lang):
    _open(tab, live_server, name, lang)
    # Every check runs and every failure is reported together, so one run shows all to fix.
    found = {}

    def check(what: str, problems: list) -> None:
        if problems:
            found[what] = problems

    check("axe WCAG 2.2 AA", _axe(tab, {"runOnly": {"type": "tag", "values": WCAG_AA}}))
    check("headings out of order", tab.evaluate(HEADINGS_JS))
    check("body text below 7:1", _body_text_contrast(tab))

    tab.emulate_media(color_scheme="dark")
    assert tab.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
    paper = tab.evaluate("getComputedStyle(document.documentElement).backgroundColor")
    if paper == "rgb(255, 255, 255)":
        check("dark mode", ["the page stays white: no dark palette"])
    check("dark mode contrast below AA",
          _axe(tab, {"runOnly": {"type": "rule", "values": ["color-contrast"]}}))
    check("dark mode body text below 7:1", _body_text_contrast(tab))
    tab.emulate_media(color_scheme="light")

    tab.emulate_media(reduced_motion="reduce")
    check("motion despite reduced motion", tab.evaluate(MOTION_JS))
    tab.emulate_media(reduced_motion="no-preference")

    tab.emulate_media(forced_colors="active")
    assert tab.evaluate("matchMedia('(forced-colors: active)').matches")
    check("forced colours", tab.evaluate(FORCED_JS))
    check("focus hidden in forced colours", tab.evaluate(FOCUS_JS))
    tab.emulate_media(forced_colors="none")

    # Browser zoom of a 1280 px window to 200% and 400% lays the page out exactly as a 640 and
    # a 320 CSS px viewport (media queries and all), so the viewport is narrowed rather than
    # CSS `zoom` set, which scales boxes without the layout a zoomed reader gets.
    # device_scale_factor only changes how sharp pixels are, not layout, so it stays at 1.
    for width in (320, 360, 640):
        wide = _reflow(tab, width)
        if wide > width:
            check(f"sideways scrolling at {width} CSS px", [f"{wide} px wide"])
    assert found == {}, f"{name} in {lang} ({tab.url})"


def _body_text_contrast(tab) -> list[dict]:
    """AAA (7:1) contrast for running text: paragraphs, list items, definitions, cells."""
    include = [s for s in BODY_TEXT["include"] if tab.locator(s[0]).count()]
    if not include:
        return []
    return _axe(tab, {"runOnly": {"type": "rule", "values": ["color-contrast-enhanced"]}},
                {"include": include, "exclude": BODY_TEXT["exclude"]})


ERRORS_JS = """() => {
  const summary = document.querySelector('[role=alert]');
  if (!summary) return ['no error summary with role=alert'];
  const problems = [];
  const links = [...summary.querySelectorAll('a[href^="#"]')];
  if (!links.length) problems.push('the error summary links to no field');
  for (const link of links) {
    const target = document.getElementById(link.getAttribute('href').slice(1));
    if (!target) { problems.push(`${link.textContent} links to nothing`); continue; }
    const fields = target.matches('input, select, textarea') ? [target]
      : [...target.querySelectorAll('input:not([type=hidden]), select, textarea')];
    if (!fields.length) problems.push(`${link.getAttribute('href')} is not a field`);
    for (const field of fields) {
      if (field.getAttribute('aria-invalid') !== 'true')
        problems.push(`${field.id || field.name} is not marked invalid`);
      const ids = (field.getAttribute('aria-describedby') || '').split(/\\s+/).filter(Boolean);
      const said = ids.map(id => document.getElementById(id)).filter(Boolean)
        .map(el => el.textContent.trim()).join(' ');
      if (!said) problems.push(`${field.id || field.name} is not described by its message`);
    }
  }
  return problems;
}"""


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", ["search-bad-input", "report-problem-error"])
def test_errors_are_announced_and_linked_to_their_fields(tab, live_server, name, lang):
    _open(tab, live_server, name, lang)
    assert tab.evaluate(ERRORS_JS) == [], f"{name} in {lang}"
    # Following an error's link puts the keyboard in the field to correct.
    tab.locator("[role=alert] a[href^='#']").first.click()
    assert tab.evaluate("document.activeElement.matches('input, select, textarea')"), (
        f"the first error on {name} in {lang} does not take you to its field")


@pytest.mark.parametrize("audience", AUDIENCES)
def test_every_audience_palette_is_readable_in_light_and_dark(tab, live_server, audience):
    """Each audience's colours (from the content pack) keep AA, and 7:1 body text, both ways."""
    for path in (f"/en/search?q=worried&age=14&for={audience}", f"/en/?for={audience}"):
        tab.emulate_media(color_scheme="light", reduced_motion="no-preference",
                          forced_colors="none")
        tab.set_viewport_size({"width": 360, "height": 740})
        tab.goto(live_server + path)
        assert tab.evaluate("document.documentElement.className") == f"audience-{audience}"
        tab.add_script_tag(path=str(AXE))
        for scheme in ("light", "dark"):
            tab.emulate_media(color_scheme=scheme)
            assert _axe(tab, {"runOnly": {"type": "rule", "values": ["color-contrast"]}}) == [], (
                f"{path} in {scheme} mode")
            assert _body_text_contrast(tab) == [], f"{path} body text in {scheme} mode"
