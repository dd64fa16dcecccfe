"""A real Chromium (Debian's, driven by Playwright) against the real servers.

Every page gets a fresh browser context. Requests to any other origin are recorded and
blocked, so a test can prove that nothing leaves for a third party and no test depends on
the internet; the quick-exit site is answered by a blank stand-in page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest

from bot.paths import ROOT
from tests.helpers import launch_chromium

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
EXIT_URL = "https://www.google.com/search?q=weer"  # the example site's quick-exit address
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


@dataclass
class Browsing:
    """One browser context: its page, and every request it tried to make."""

    page: object
    origin: str
    requests: list[str] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.origin + path

    def foreign_requests(self) -> list[str]:
        return [url for url in self.requests if _origin(url) != self.origin]


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


def open_context(browser, bot, **options) -> Browsing:
    context = browser.new_context(**options)
    browsing = Browsing(context.new_page(), bot.config.url)
    browsing.page.set_default_timeout(15000)

    def route(route) -> None:
        url = route.request.url
        browsing.requests.append(url)
        if _origin(url) == browsing.origin:
            route.continue_()
        elif url == EXIT_URL and route.request.is_navigation_request():
            route.fulfill(status=200, content_type="text/html", body="<title>Weer</title>")
        else:
            route.abort()

    context.route("**/*", route)
    return browsing


@pytest.fixture
def browsing(browser, bot):
    browsing = open_context(browser, bot, viewport=DESKTOP)
    yield browsing
    browsing.page.context.close()
