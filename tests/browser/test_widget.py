"""The widget and the parents' chat in a real Chromium, against the real servers."""

from __future__ import annotations

import json
import time

import pytest

from bot.paths import ROOT
from tests.browser.conftest import AXE, EXIT_URL, PHONE, open_context
from tests.helpers import SEXTORTION, open_widget, say
from tests.servers import TEST_IDLE_MINUTES, wait_for

pytestmark = pytest.mark.server

def test_a_sextortion_case_gets_the_helpwanted_card(browsing):
    page = browsing.page
    page.goto(browsing.url("/voorbeeld"))
    say(page, open_widget(page), SEXTORTION)
    card = page.locator('.card[data-service="helpwanted"]')
    card.wait_for()
    assert page.locator(".card").first.get_attribute("data-service") == "helpwanted"
    assert card.locator("h3").inner_text() == "Helpwanted"
    assert card.get_by_role("link", name="Bel 020-261 52 75").get_attribute("href") == \
        "tel:0202615275"
    assert card.locator(".badge").inner_text() in {"Nu open", "Nu gesloten", "Tijden: zie website"}
    assert card.get_by_role("link", name="Website").get_attribute("rel") == "noopener noreferrer"
    # One button per real destination: the chat is on the website, so one "Website en chat".
    links = card.locator(".action").evaluate_all(
        "links => links.map(a => [a.textContent, a.getAttribute('href')])")
    hrefs = [href for _, href in links]
    assert len(hrefs) == len(set(hrefs)), links  # never two buttons to the same page
    assert ["Website en chat", "https://www.helpwanted.nl/"] in links


def test_quick_replies_come_from_the_buttons_and_answer_in_the_chosen_language(browsing):
    page = browsing.page
    page.goto(browsing.url("/voorbeeld"))
    open_widget(page)
    page.get_by_role("button", name="English").click()
    page.get_by_text("I am a computer program, not a person").wait_for()
    page.get_by_role("button", name="I'm a parent or carer").click()
    page.locator(".card").first.wait_for()
    assert page.locator(".message.user").last.inner_text().endswith("I'm a parent or carer")
    assert page.locator(".card").first.get_by_role("link", name="Website").count() == 1
    assert page.locator('.card[data-service="kindertelefoon"]').count() == 0


def test_keyboard_alone_reaches_the_chat_and_the_quick_exit(browsing):
    page = browsing.page
    page.goto(browsing.url("/voorbeeld"))
    focused = []
    for _ in range(10):  # Tab from the top of the page: the quick exit comes first
        page.keyboard.press("Tab")
        focused.append(page.evaluate("document.activeElement.shadowRoot"
                                     " && document.activeElement.shadowRoot.activeElement"
                                     " && document.activeElement.shadowRoot.activeElement.textContent"))
        if focused[-1] == "Praat met Wegwijzer":
            break
    assert focused[-2:] == ["Snel weg", "Praat met Wegwijzer"], focused
    page.keyboard.press("Enter")  # opens the chat, with the focus in the typing box
    page.keyboard.type(SEXTORTION)
    page.keyboard.press("Enter")
    page.locator('.card[data-service="helpwanted"]').wait_for()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")  # Escape twice: the quick exit
    page.wait_for_url(EXIT_URL)


def test_quick_exit_leaves_forgets_and_back_does_not_return(browsing, bot):
    page = browsing.page
    page.goto(browsing.url("/webhooks/rest/"))  # where the person was before
    page.goto(browsing.url("/voorbeeld"))
    with page.expect_request("**/webhooks/rest/webhook") as message:
        say(page, open_widget(page), SEXTORTION)
    answered = time.monotonic()
    with page.expect_request("**/webhooks/rest/forget") as forget:
        page.get_by_role("button", name="Snel weg").click()
        page.wait_for_url(EXIT_URL)
    sender = json.loads(forget.value.post_data)["sender"]
    assert sender == json.loads(message.value.post_data)["sender"]
    # The server no longer has the conversation: the quick exit deleted it (well within the
    # test servers' idle time, so forgetting after idling cannot be the reason).
    wait_for(lambda: not bot.remembers(sender), timeout=10, what="the conversation to be gone")
    assert time.monotonic() - answered < TEST_IDLE_MINUTES * 60
    page.go_back()
    assert page.url == browsing.url("/webhooks/rest/")
    assert "voorbeeld" not in page.url


def test_nothing_is_kept_in_cookies_or_any_web_storage(browsing):
    page = browsing.page
    page.goto(browsing.url("/voorbeeld"))
    box = open_widget(page)
    say(page, box, SEXTORTION)
    say(page, box, "ik ben 15")
    assert page.context.cookies() == []
    stored = page.evaluate("""async () => ({
        local: localStorage.length,
        session: sessionStorage.length,
        databases: (await indexedDB.databases()).length,
        caches: (await caches.keys()).length,
    })""")
    assert stored == {"local": 0, "session": 0, "databases": 0, "caches": 0}


def test_no_request_leaves_for_another_origin(browsing):
    page = browsing.page
    page.goto(browsing.url("/voorbeeld"))
    box = open_widget(page)
    say(page, box, SEXTORTION)
    page.get_by_role("button", name="English").click()
    say(page, page.get_by_role("textbox", name="Type your message"), "i want to kill myself")
    assert len(browsing.requests) >= 4
    assert browsing.foreign_requests() == []


def test_html_typed_by_the_person_shows_as_text(browsing):
    page = browsing.page
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(browsing.url("/voorbeeld"))
    markup = '<img src=x onerror="alert(1)"><b>vet</b><script>alert(2)</script>'
    say(page, open_widget(page), markup)
    assert page.locator(".message.user .text").last.inner_text() == markup
    assert page.locator(".message img, .message b, .message script").count() == 0
    assert dialogs == []


def test_the_pages_work_under_their_strict_content_security_policy(browsing):
    page = browsing.page
    problems = []
    page.on("console", lambda m: problems.append(m.text) if "Content Security" in m.text else None)
    response = page.goto(browsing.url("/voorbeeld"))
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy
    say(page, open_widget(page), SEXTORTION)
    assert problems == []


def test_when_the_server_cannot_be_reached_the_numbers_still_show(browsing):
    page = browsing.page
    page.goto(browsing.url("/voorbeeld"))
    page.route("**/webhooks/rest/webhook", lambda route: route.abort())
    say(page, open_widget(page), SEXTORTION)
    down = page.locator(".message.down")
    down.wait_for()
    assert "niet bereikbaar" in down.inner_text()
    links = down.get_by_role("link").evaluate_all("links => links.map(a => a.href)")
    for number in ("tel:113", "tel:112", "tel:08000432", "tel:0202615275"):
        assert number in links


def test_the_typing_indicator_shows_while_the_bot_answers(browsing):
    page = browsing.page
    page.goto(browsing.url("/voorbeeld"))
    box = open_widget(page)
    page.evaluate("""() => {
        const typing = document.querySelector('.wegwijzer-host').shadowRoot.querySelector('.typing');
        window.seen = [];
        new MutationObserver(() => window.seen.push(typing.hidden))
            .observe(typing, {attributes: true, attributeFilter: ['hidden']});
    }""")
    say(page, box, SEXTORTION)
    assert page.evaluate("window.seen") == [False, True]


def test_the_parents_chat_has_its_own_welcome_and_the_same_engine(browsing):
    page = browsing.page
    page.goto(browsing.url("/ouders"))
    assert "je kind" in page.locator(".message.bot").first.inner_text()
    box = page.get_by_role("textbox", name="Typ je bericht")
    say(page, box, "mijn dochter van 13 wordt gechanteerd met naaktfoto's")
    page.locator(".card").first.wait_for()
    services = page.locator(".card").evaluate_all("cards => cards.map(c => c.dataset.service)")
    assert services[0] == "helpwanted"
    assert "kindertelefoon" not in services


def test_reduced_motion_stops_the_typing_animation(browser, bot):
    browsing = open_context(browser, bot, reduced_motion="reduce")
    page = browsing.page
    page.goto(browsing.url("/chat"))
    animation = page.evaluate("""() => getComputedStyle(
        document.querySelector('.wegwijzer-host').shadowRoot.querySelector('.dots'),
        '::before').animationName""")
    assert animation == "none"
    page.context.close()


@pytest.mark.parametrize("path", ["/voorbeeld", "/chat", "/ouders"])
def test_no_serious_accessibility_problems(browser, bot, path):
    # axe-core is injected, so this page alone may bypass its Content-Security-Policy.
    browsing = open_context(browser, bot, bypass_csp=True, viewport=PHONE)
    page = browsing.page
    page.goto(browsing.url(path))
    box = open_widget(page) if path == "/voorbeeld" else page.get_by_role("textbox")
    say(page, box, SEXTORTION)
    page.locator(".card").first.wait_for()
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""() => axe.run(document, {runOnly: {type: 'tag', values:
        ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})""")
    serious = [f"{v['id']} ({v['impact']}): {v['help']} at "
               f"{[n['target'] for n in v['nodes']][:3]}"
               for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []
    assert result["passes"], "axe checked nothing"
    page.context.close()


def test_an_empty_or_overlong_message_gets_a_clear_note_and_is_not_sent(browsing):
    page = browsing.page
    page.goto(browsing.url("/voorbeeld"))
    box = open_widget(page)
    box.press("Enter")
    assert page.locator(".message.notice").last.inner_text().endswith("Typ eerst een bericht.")
    box.fill("a" * 1001)
    box.press("Enter")
    assert "te lang" in page.locator(".limit").inner_text()
    assert box.input_value() == "a" * 1001  # nothing the person wrote is lost
    assert not [url for url in browsing.requests if url.endswith("/webhooks/rest/webhook")]


# The start of every reply is in view (issue 12, point 1)

def place_in_log(page, locator) -> dict[str, float]:
    """Where ``locator`` starts, from the top of the conversation area, and how much of the
    area is left below that start (positive: its start is visible)."""
    log, node = page.locator(".log").bounding_box(), locator.bounding_box()
    return {"top": node["y"] - log["y"], "bottom": log["y"] + log["height"] - node["y"]}


@pytest.mark.parametrize("viewport", [PHONE, {"width": 1280, "height": 800}],
                         ids=["phone", "desktop"])
def test_a_crisis_reply_lands_with_113_in_view(browser, bot, viewport):
    browsing = open_context(browser, bot, viewport=viewport)
    page = browsing.page
    page.goto(browsing.url("/voorbeeld"))
    box = open_widget(page)
    say(page, box, "ik ben 15")
    say(page, box, "ik word afgeperst met mijn nudes en ik wil dood")
    page.locator(".message.signpost .card").first.wait_for()  # crisis plus signpost
    crisis = page.locator(".message.crisis").last
    assert crisis.locator('.card[data-service="113"]').count() == 1
    place = place_in_log(page, crisis)
    assert -1 <= place["top"] <= 5, place  # the reply starts at the top of the area
    card = place_in_log(page, crisis.locator('.card[data-service="113"]'))
    assert 0 <= card["top"] and card["bottom"] > 40, card  # 113 itself is in view
    browsing.page.context.close()


def test_each_bubble_keeps_its_own_language_after_a_switch(browsing):
    page = browsing.page
    page.goto(browsing.url("/voorbeeld"))
    box = open_widget(page)
    say(page, box, SEXTORTION)
    page.locator(".card").first.wait_for()
    page.get_by_role("button", name="English").click()
    page.locator('.message.bot[lang="en"]').first.wait_for()
    say(page, page.get_by_role("textbox"), "someone is threatening to leak my pics")
    page.locator(".message.signpost").nth(1).wait_for()
    langs = page.locator(".message").evaluate_all("nodes => nodes.map(n => n.lang)")
    assert all(lang in ("nl", "en") for lang in langs), langs
    signposts = page.locator(".message.signpost").evaluate_all("ns => ns.map(n => n.lang)")
    assert signposts == ["nl", "en"]
    assert page.locator(".message.bot").first.get_attribute("lang") == "nl"


def test_a_too_long_message_is_refused_before_sending_and_never_cut(browsing):
    page = browsing.page
    page.goto(browsing.url("/voorbeeld"))
    box = open_widget(page)
    sent = []
    page.on("request", lambda r: sent.append(r.url) if r.url.endswith("/webhook") else None)
    long_text = "ik wil iets vertellen. " * 70  # about 1,600 characters, as a paste
    box.fill(long_text)
    hint = page.locator(".limit")
    hint.wait_for()
    assert "1000" in hint.inner_text() and "niets verstuurd" in hint.inner_text()
    box.press("Enter")
    assert box.input_value() == long_text  # nothing cut, nothing cleared
    say(page, box, "ik wil iets vertellen")
    assert hint.is_hidden()
    assert len(sent) == 1  # only the short message went out


# Every size is usable (issue 12, point 2): 320 px wide, a phone upright and on its side, and
# 200% zoom of a 1280x800 window (the page then has 640x400 CSS pixels).
SIZES = {"320 wide": {"width": 320, "height": 568}, "phone": {"width": 375, "height": 812},
         "landscape": {"width": 812, "height": 375}, "zoom 200%": {"width": 640, "height": 400}}


@pytest.mark.parametrize("path", ["/voorbeeld", "/chat", "/ouders"])
@pytest.mark.parametrize("size", SIZES, ids=list(SIZES))
def test_every_size_is_usable(browser, bot, path, size):
    viewport = SIZES[size]
    browsing = open_context(browser, bot, viewport=viewport)
    page = browsing.page
    page.goto(browsing.url(path))
    box = open_widget(page) if path == "/voorbeeld" else page.get_by_role("textbox")
    say(page, box, SEXTORTION)
    page.locator(".card").first.wait_for()
    log = page.locator(".log").bounding_box()
    assert log["height"] >= 0.35 * viewport["height"], log
    widths = page.evaluate("""() => {
        const host = document.querySelector('.wegwijzer-host');
        const panel = host && host.shadowRoot.querySelector('.panel');
        return {page: document.documentElement.scrollWidth,
                panel: panel ? panel.scrollWidth - panel.clientWidth : 0};
    }""")
    assert widths["page"] <= viewport["width"] and widths["panel"] <= 0, widths
    panel = page.locator(".panel").bounding_box()
    if path == "/voorbeeld":  # the launcher bar must not cover the bottom of the panel
        assert panel["y"] + panel["height"] <= page.locator(".bar").bounding_box()["y"] + 1
    clipped = page.locator(".ww button").evaluate_all(
        "buttons => buttons.filter(b => b.offsetParent && b.scrollWidth > b.clientWidth + 1)"
        ".map(b => b.textContent)")
    assert clipped == []  # no label runs out of its button
    for button in page.locator(".ww button:visible").all():  # the launcher bar too
        place = button.bounding_box()
        assert place["x"] >= 0 and place["x"] + place["width"] <= viewport["width"], \
            (button.inner_text(), place)
        assert place["height"] >= 44  # a large touch target
    for button in page.locator(".panel button:visible, .panel .send:visible").all():
        place = button.bounding_box()
        assert place["x"] >= panel["x"] - 1 and place["x"] + place["width"] <= panel["x"] + panel["width"] + 1
        if button.evaluate("b => !b.closest('.log')"):  # the conversation itself scrolls
            assert place["y"] >= 0 and place["y"] + place["height"] <= viewport["height"] + 1, \
                (button.inner_text(), place)
    say_toggle = page.locator(".say-toggle").last  # a reply's own button, reached by scrolling
    say_toggle.scroll_into_view_if_needed()
    place = say_toggle.bounding_box()
    assert 0 <= place["y"] and place["y"] + place["height"] <= viewport["height"] + 1, place
    browsing.page.context.close()


# The widget survives an unreachable bot (issue 12, point 6)

def test_a_dead_bot_address_leaves_a_styled_widget_with_the_crisis_numbers(browsing):
    page = browsing.page
    page.route("**/webhooks/rest/**", lambda route: route.abort())
    page.route("**/static/wegwijzer.css", lambda route: route.abort())  # as if at a dead bot
    page.goto(browsing.url("/voorbeeld"))
    box = open_widget(page)
    assert page.locator(".bar").evaluate("b => getComputedStyle(b).position") == "fixed"
    assert page.locator(".panel").evaluate("p => getComputedStyle(p).position") == "fixed"
    say(page, box, SEXTORTION)
    links = page.locator(".message.down").get_by_role("link").evaluate_all(
        "links => links.map(a => a.href)")
    assert "tel:113" in links and "tel:112" in links


def test_the_host_pages_static_crisis_numbers_stay_when_the_script_cannot_load(browsing):
    page = browsing.page
    page.goto(browsing.url("/voorbeeld"))
    page.locator(".launcher").wait_for()
    assert page.locator("[data-wegwijzer-fallback]").is_hidden()  # the widget shows them now
    page.route("**/static/wegwijzer.js", lambda route: route.abort())
    page.reload()
    block = page.locator("[data-wegwijzer-fallback]")
    assert block.is_visible() and "113" in block.inner_text() and "112" in block.inner_text()


def test_the_widgets_menu_is_the_bots_menu(browsing, bot):
    page = browsing.page
    page.goto(browsing.url("/voorbeeld"))
    open_widget(page)
    shown = page.locator(".choice").all_inner_texts()
    greeting = bot.send(f"menu-{time.time_ns()}", "hoi", language="nl")[0]
    assert shown == [button["title"] for button in greeting["buttons"]]


def test_the_parents_menu_is_the_bots_too(browsing):
    import yaml

    page = browsing.page
    page.goto(browsing.url("/ouders"))
    page.locator(".choice").first.wait_for()
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    dutch = [v for v in domain["responses"]["utter_menu_parent"] if not v.get("condition")][0]
    assert page.locator(".choice").all_inner_texts() == [b["title"] for b in dutch["buttons"]]
