"""The "what you can say" card in a real Chromium (issue 16): the removal route on the
widget, the card's copy button, and that copying sends and stores nothing."""

from __future__ import annotations

import pytest

from tests.browser.conftest import AXE, PHONE, open_context
from tests.helpers import open_widget, say

pytestmark = pytest.mark.server

REMOVAL = "ik ben 15 en er staat een naaktfoto van mij op een site, hoe krijg ik die offline"
LINE = ("Hoi, ik ben 15 en er staan foto's van mij online die daar niet horen. "
        "Ik wil ze laten verwijderen. Kunnen jullie me helpen?")
# Records what the page's copy command put on the clipboard (the fallback path).
RECORD_COPY = """document.addEventListener('copy', (event) => {
    const box = event.composedPath()[0];
    window.copiedByCommand = box && box.value;
}, true);"""
NO_CLIPBOARD_API = "Object.defineProperty(Navigator.prototype, 'clipboard', " \
                   "{get: () => undefined, configurable: true});"


def storage(page) -> dict:
    return page.evaluate("""async () => ({
        cookies: document.cookie,
        local: localStorage.length,
        session: sessionStorage.length,
        databases: (await indexedDB.databases()).length,
    })""")


def open_card(page):
    """Ask for the removal route and open its card; returns the card's body."""
    say(page, open_widget(page), REMOVAL)
    toggle = page.get_by_role("button", name="Wat kun je zeggen als je belt of chat?")
    body = page.locator(".say-body")
    assert body.is_hidden() and toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    assert body.is_visible() and toggle.get_attribute("aria-expanded") == "true"
    return body


def test_the_removal_route_shows_helpwanted_then_take_it_down(browsing):
    page = browsing.page
    page.goto(browsing.url("/voorbeeld"))
    say(page, open_widget(page), REMOVAL)
    cards = page.locator(".card").evaluate_all("cards => cards.map(c => c.dataset.service)")
    assert cards == ["helpwanted", "take_it_down"]
    take_it_down = page.locator('.card[data-service="take_it_down"]')
    assert take_it_down.get_by_role("link").evaluate_all("links => links.map(a => a.href)") == \
        ["https://takeitdown.ncmec.org/"]  # web only: no phone, no separate chat
    assert "betaal niet" in page.locator(".message.signpost").last.inner_text()


def test_copy_puts_the_line_on_the_clipboard_and_sends_or_stores_nothing(browser, bot):
    browsing = open_context(browser, bot)
    page = browsing.page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"],
                                   origin=browsing.origin)
    page.goto(browsing.url("/voorbeeld"))
    body = open_card(page)
    assert body.locator(".say-line").inner_text() == LINE
    notes = body.locator(".say-notes li").all_inner_texts()
    assert notes[0].startswith("Helpwanted: Je praat of chat met iemand van Helpwanted.")
    assert "Niemand: je doet het zelf op de website." in notes[1]
    assert all("Je kunt altijd stoppen." in note for note in notes)
    requests_before = len(browsing.requests)
    body.get_by_role("button", name="Kopieer de zin").click()
    body.get_by_text("Gekopieerd.").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == LINE
    assert len(browsing.requests) == requests_before  # copying sent nothing
    assert storage(page) == {"cookies": "", "local": 0, "session": 0, "databases": 0}
    assert page.context.cookies() == []
    page.context.close()


def test_without_the_clipboard_api_the_copy_command_copies_the_line(browser, bot):
    """A page that is not a secure context has no navigator.clipboard: the fallback."""
    browsing = open_context(browser, bot)
    page = browsing.page
    page.add_init_script(NO_CLIPBOARD_API + RECORD_COPY)
    page.goto(browsing.url("/voorbeeld"))
    assert page.evaluate("navigator.clipboard") is None
    body = open_card(page)
    requests_before = len(browsing.requests)
    copy = body.get_by_role("button", name="Kopieer de zin")
    copy.click()
    body.get_by_text("Gekopieerd.").wait_for()
    assert page.evaluate("window.copiedByCommand") == LINE
    assert page.locator(".copy-buffer").count() == 0  # the helper box is gone again
    assert page.evaluate("document.activeElement.shadowRoot.activeElement.className") == "copy"
    assert len(browsing.requests) == requests_before
    assert storage(page) == {"cookies": "", "local": 0, "session": 0, "databases": 0}
    page.context.close()


def test_when_copying_fails_the_line_is_selected_to_copy_by_hand(browser, bot):
    browsing = open_context(browser, bot)
    page = browsing.page
    page.add_init_script(NO_CLIPBOARD_API + "document.execCommand = () => false;")
    page.goto(browsing.url("/voorbeeld"))
    body = open_card(page)
    body.get_by_role("button", name="Kopieer de zin").click()
    body.get_by_text("Kopiëren lukte niet.").wait_for()
    assert page.evaluate("window.getSelection().toString()") == LINE
    page.context.close()


def test_the_parents_chat_shows_the_card_in_english_when_the_reply_is(browsing):
    page = browsing.page
    page.goto(browsing.url("/ouders"))
    page.get_by_role("button", name="EN, English").click()
    say(page, page.get_by_role("textbox", name="Type your message"),
        "my son is being blackmailed with a video, what do we do")
    page.get_by_role("button", name="What could you say when you call or chat?").click()
    line = page.locator(".say-line").last
    assert line.inner_text().startswith("Hello, I'm a parent.")
    assert page.locator(".say").last.get_attribute("lang") == "en"


def test_the_open_card_has_no_serious_accessibility_problems(browser, bot):
    browsing = open_context(browser, bot, bypass_csp=True, viewport=PHONE)
    page = browsing.page
    page.goto(browsing.url("/voorbeeld"))
    open_card(page)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""() => axe.run(document, {runOnly: {type: 'tag', values:
        ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})""")
    serious = [f"{v['id']}: {v['help']}" for v in result["violations"]
               if v["impact"] in ("serious", "critical")]
    assert serious == []
    for button in page.locator(".say button").all():
        assert button.bounding_box()["height"] >= 44
    page.context.close()
