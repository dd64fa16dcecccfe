"""The trainers' demo page in a real Chromium, against the real servers."""

from __future__ import annotations

import pytest

from tests.browser.conftest import AXE, open_context

pytestmark = pytest.mark.server


@pytest.fixture
def demo(browsing):
    page = browsing.page
    page.goto(browsing.url("/demo"))
    page.locator("#scenario option").first.wait_for(state="attached")
    return page


def turns(page):
    return page.locator("#turns > li")


def test_the_page_is_clearly_a_demo(demo):
    assert demo.locator(".demo-mark").inner_text() == "DEMO"
    assert "Hier komt geen echt gesprek" in demo.locator(".demo-banner").inner_text()


def test_stepping_through_a_scenario_fills_the_explanation_panel(demo):
    demo.select_option("#scenario", label="Een jongen van 14 wordt gechanteerd met een video (NL)")
    demo.get_by_role("button", name="Volgende stap").click()
    turns(demo).nth(0).wait_for()
    demo.get_by_role("button", name="Volgende stap").click()
    second = turns(demo).nth(1)
    second.wait_for()
    text = second.inner_text()
    assert "Taal\nnl" in text
    assert "young_person" in text and "%" in text
    assert "Veiligheidscheck\nniet afgegaan" in text
    assert "leeftijd 14" in text and "onderwerp sextortion" in text
    assert "young_sextortion voor situatie young_person" in text
    services = second.locator(".services li").evaluate_all("l => l.map(i => i.dataset.service)")
    assert services == ["helpwanted", "kindertelefoon", "politie"]
    assert "regel young_sextortion" in text  # what the scenario expects, beside it
    second.locator(".verdict-ok").wait_for()  # and whether the reply did it
    assert "Uitkomst\nklopt" in second.inner_text()
    assert demo.locator('.card[data-service="helpwanted"]').count() == 1


def test_play_runs_the_whole_scenario_with_a_crisis_in_the_middle(demo):
    options = demo.locator("#scenario option").all_inner_texts()
    crisis = next(i for i, title in enumerate(options) if "crisis" in title.lower())
    demo.select_option("#scenario", index=crisis)
    demo.get_by_role("button", name="Speel af").click()
    demo.get_by_text("Klaar: alle").wait_for(timeout=60000)
    steps = int(demo.locator("#progress").inner_text().split("alle ")[1].split(" ")[0])
    assert turns(demo).count() == steps
    explained = demo.locator("#turns").inner_text()
    assert "(crisis, eerst)" in explained
    assert "afgegaan:" in explained


def test_the_demo_clock_changes_open_now(demo):
    box = demo.get_by_role("textbox", name="Typ je bericht")
    demo.get_by_role("button", name="Zaterdag 23:30").click()
    assert "zaterdag 23:30" in demo.locator("#clock-state").inner_text()
    box.fill("ik word afgeperst met mijn naaktfoto's")
    box.press("Enter")
    turns(demo).nth(0).wait_for()
    closed = turns(demo).nth(0).locator('.services li[data-service="kindertelefoon"]')
    assert closed.locator(".state").inner_text() == "gesloten"
    assert demo.locator('.card[data-service="kindertelefoon"] .badge').inner_text() == "Nu gesloten"

    demo.select_option("#clock-day", label="maandag")
    demo.fill("#clock-time", "12:00")
    demo.get_by_role("button", name="Zet de klok").click()
    box.fill("ik word afgeperst met mijn naaktfoto's")
    box.press("Enter")
    turns(demo).nth(1).wait_for()
    opened = turns(demo).nth(1).locator('.services li[data-service="kindertelefoon"]')
    assert opened.locator(".state").inner_text() == "open"


def test_presentation_mode_makes_text_larger_and_contrast_higher(demo):
    before = demo.evaluate("parseFloat(getComputedStyle(document.querySelector('h1')).fontSize)")
    button = demo.get_by_role("button", name="Presentatiemodus")
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    after = demo.evaluate("parseFloat(getComputedStyle(document.querySelector('h1')).fontSize)")
    assert after > before
    assert demo.locator("#chat").get_attribute("data-contrast") == "high"
    assert demo.evaluate("getComputedStyle(document.querySelector('.demo-banner'))"
                         ".backgroundColor") == "rgb(0, 0, 0)"


def test_the_routing_map_is_shown_from_the_live_rules(demo):
    image = demo.get_by_role("img", name="Routekaart")
    image.scroll_into_view_if_needed()
    demo.wait_for_function("document.querySelector('.map-scroll img').naturalWidth > 0")
    assert image.get_attribute("src") == "/demo/routing-map.svg"


def test_reset_starts_over(demo):
    demo.get_by_role("button", name="Volgende stap").click()
    turns(demo).nth(0).wait_for()
    demo.get_by_role("button", name="Opnieuw").click()
    assert turns(demo).count() == 0
    assert demo.locator("#progress").inner_text().startswith("Stap 1 van")


def test_no_serious_accessibility_problems_on_the_demo_page(browser, bot):
    browsing = open_context(browser, bot, bypass_csp=True, viewport={"width": 1440, "height": 900})
    page = browsing.page
    page.goto(browsing.url("/demo"))
    page.get_by_role("button", name="Volgende stap").click()
    page.locator("#turns > li").nth(0).wait_for()
    page.get_by_role("button", name="Presentatiemodus").click()
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""() => axe.run(document, {runOnly: {type: 'tag', values:
        ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})""")
    serious = [f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
               for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []
    assert browsing.foreign_requests() == []
    page.context.close()


@pytest.mark.parametrize("field", ["#clock-time", "#clock-day", "#scenario"])
def test_escape_in_the_demos_own_fields_does_not_leave_the_demo(demo, field):
    demo.focus(field)
    demo.keyboard.press("Escape")
    demo.keyboard.press("Escape")
    demo.get_by_role("button", name="Volgende stap").click()  # still here, and working
    turns(demo).nth(0).wait_for()
    assert demo.url.endswith("/demo")


def test_presentation_mode_cuts_off_nothing(browser, bot):
    browsing = open_context(browser, bot, viewport={"width": 1280, "height": 720})
    page = browsing.page
    page.goto(browsing.url("/demo"))
    page.get_by_role("button", name="Volgende stap").click()
    turns(page).nth(0).wait_for()
    page.get_by_role("button", name="Presentatiemodus").click()
    host = page.locator("#chat").bounding_box()
    for part in (page.locator(".send"), page.locator(".privacy")):
        box = part.bounding_box()
        assert host["y"] <= box["y"] and box["y"] + box["height"] <= host["y"] + host["height"], \
            (part, box, host)
    # Values get whole lines and wrap at spaces only, so no word is broken in the middle.
    narrow = page.locator("#turns dd").evaluate_all("""nodes => nodes.filter(node =>
        node.getBoundingClientRect().width < 0.8 * node.parentElement.getBoundingClientRect().width
        || getComputedStyle(node).overflowWrap === 'anywhere').map(node => node.textContent)""")
    assert narrow == []
    page.context.close()
