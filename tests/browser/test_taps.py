"""A tap on a service's button is counted, anonymously: in Chromium, against the real servers.

The host page here sends full referrers and the bot's origin has a cookie, so the test can
see that the widget itself drops both from its tap reports (the script's own request, which
the widget does not control, carries them).
"""

from __future__ import annotations

import json
import uuid

import pytest
from tests.helpers import SEXTORTION, metrics, open_widget, say


pytestmark = pytest.mark.server
CANARY = f"canary{uuid.uuid4().hex[:12]}"


def leaky_host_page(route) -> None:
    """/voorbeeld as a host site that sends its full address as referrer everywhere."""
    reply = route.fetch()
    headers = {k: v for k, v in reply.headers.items() if k.lower() != "referrer-policy"}
    page = reply.text().replace('<meta name="referrer" content="no-referrer">', "")
    route.fulfill(response=reply, body=page,
                  headers={**headers, "Referrer-Policy": "unsafe-url"})


def test_a_tap_sends_the_service_and_kind_only(browsing, bot):
    page = browsing.page
    page.context.add_cookies([{"name": "visitor", "value": CANARY, "url": browsing.origin}])
    page.route("**/voorbeeld", leaky_host_page)
    with page.expect_request("**/static/wegwijzer.js") as script:
        page.goto(browsing.url("/voorbeeld"))
    script_headers = script.value.all_headers()
    assert "voorbeeld" in script_headers.get("referer", "")  # the host page would leak it
    assert CANARY in script_headers.get("cookie", "")  # and the cookie is there to send
    say(page, open_widget(page), SEXTORTION)
    card = page.locator('.card[data-service="helpwanted"]')
    before = metrics(bot)
    with page.expect_response("**/taps") as tapped:
        card.get_by_role("link", name="Bel 020-261 52 75").click()
    request = tapped.value.request
    assert tapped.value.status == 200
    assert request.method == "POST"
    assert json.loads(request.post_data) == {"service": "helpwanted", "kind": "call"}
    headers = request.all_headers()
    assert "referer" not in headers and "cookie" not in headers
    with page.expect_response("**/taps") as tapped:
        card.get_by_role("link", name="Website").click()  # opens in a new tab
    assert json.loads(tapped.value.request.post_data) == {"service": "helpwanted",
                                                          "kind": "website"}
    after = metrics(bot)
    for kind in ("call", "website"):
        key = ("wegwijzer_taps_total", (("kind", kind), ("service", "helpwanted")))
        assert after[key] - before[key] == 1


def test_the_quick_exit_says_it_is_one(browsing):
    page = browsing.page
    page.goto(browsing.url("/voorbeeld"))
    say(page, open_widget(page), SEXTORTION)
    with page.expect_request("**/webhooks/rest/forget") as forget:
        page.get_by_role("button", name="Snel weg").click()
    assert set(json.loads(forget.value.post_data)) == {"sender", "reason"}
    assert json.loads(forget.value.post_data)["reason"] == "quick_exit"
