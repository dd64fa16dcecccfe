"""How many bytes the widget costs a website: what Chromium transfers to show it and answer once.

    .venv/bin/python -m tools.widget_size

Counts every response the example page loads for the widget (script and style sheet) as the
browser received it (headers included), and the first reply, on a fresh browser with no cache.
"""

from __future__ import annotations

import sys

from playwright.sync_api import sync_playwright

from tests.helpers import launch_chromium
from tools.browser import running_bot


def main() -> int:
    with running_bot() as url, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page()
        page.goto(url + "/voorbeeld")
        page.get_by_role("button", name="Praat met Wegwijzer").click()
        page.locator("input.input").fill("ik word afgeperst met mijn nudes")
        page.locator("input.input").press("Enter")
        page.locator(".card").first.wait_for()
        entries = page.evaluate("""() => performance.getEntriesByType('resource').map(
            e => ({name: new URL(e.name).pathname, bytes: e.transferSize, body: e.decodedBodySize}))""")
        browser.close()
    widget = [e for e in entries if e["name"].startswith("/static/wegwijzer")]
    for entry in entries:
        print(f"{entry['name']:<32} {entry['bytes']:>7} bytes transferred ({entry['body']} body)")
    print(f"widget files: {sum(e['bytes'] for e in widget)} bytes transferred, "
          f"{sum(e['body'] for e in widget)} bytes uncompressed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
