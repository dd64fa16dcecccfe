"""Screenshots of the widget, the parents' chat and the demo page, for docs/ and the README.

    make screenshots        # starts the real servers, writes docs/screenshots/*.png

Each shot is a short made-up conversation in Debian's Chromium, on a phone-sized and a
desktop-sized screen. Open/closed badges show the time the shots were taken.
"""

from __future__ import annotations

import sys

from playwright.sync_api import sync_playwright

from bot.running.serve import ROOT
from tests.helpers import launch_chromium
from tools.browser import running_bot

OUT = ROOT / "docs" / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
WIDE = {"width": 1440, "height": 1000}


def say(page, text: str) -> None:
    answers = page.locator(".message.bot").count()
    box = page.locator("input.input")
    box.fill(text)
    box.press("Enter")
    page.locator(".message.bot").nth(answers).wait_for()
    page.locator(".typing").wait_for(state="hidden")


def widget(page, url: str) -> None:
    page.goto(url + "/voorbeeld")
    page.get_by_role("button", name="Praat met Wegwijzer").click()
    say(page, "ik word afgeperst met m'n nudes, hij wil 200 euro")


def parents(page, url: str) -> None:
    page.goto(url + "/ouders")
    say(page, "mijn dochter van 13 wordt online gechanteerd met een foto")


def say_card(page, url: str) -> None:
    """The widget with the "what you can say" card open: the line to copy, who answers."""
    widget(page, url)
    page.get_by_role("button", name="Wat kun je zeggen als je belt of chat?").last.click()
    page.locator(".say").last.scroll_into_view_if_needed()


def demo(page, url: str) -> None:
    page.goto(url + "/demo")
    page.locator("#scenario option").first.wait_for(state="attached")
    for step in range(2):
        page.get_by_role("button", name="Volgende stap").click()
        page.locator("#turns > li").nth(step).wait_for()


def presentation(page, url: str) -> None:
    demo(page, url)
    page.get_by_role("button", name="Presentatiemodus").click()


SHOTS = [
    ("widget-phone", widget, PHONE), ("widget-desktop", widget, DESKTOP),
    ("say-card-phone", say_card, PHONE),
    ("parents-phone", parents, PHONE), ("parents-desktop", parents, DESKTOP),
    ("demo-desktop", demo, WIDE), ("demo-presentation", presentation, WIDE),
]


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with running_bot() as url, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for name, show, viewport in SHOTS:
            context = browser.new_context(viewport=viewport)
            page = context.new_page()
            show(page, url)
            page.screenshot(path=str(OUT / f"{name}.png"))
            context.close()
            print(f"wrote {OUT.relative_to(ROOT) / name}.png")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
