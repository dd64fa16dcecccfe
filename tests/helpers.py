"""Helpers shared by the tests (fixtures live in the conftest.py files)."""

from __future__ import annotations

import uuid
from collections import Counter

from prometheus_client.parser import text_string_to_metric_families


# The public contract (CONTRACT.md)

def new_sender() -> str:
    return f"test-{uuid.uuid4().hex}"


def signposts(reply):
    return [m["custom"] for m in reply if m.get("custom", {}).get("type") == "signpost"]


SERVICE_FIELDS = {"id", "name", "phone", "chat_url", "url", "hours", "open_now", "why"}


def check_contract(custom, situation, language):
    assert custom["type"] == "signpost"
    assert custom["situation"] == situation
    assert custom["language"] == language
    assert isinstance(custom["rule"], str) and custom["rule"]
    assert custom["services"]
    for service in custom["services"]:
        assert SERVICE_FIELDS <= set(service)
        assert service["open_now"] in (True, False, None)
        assert service["url"].startswith("https://")
        assert service["why"] and service["hours"] and service["name"]


# The operators' metrics

EXPECTED = {
    "wegwijzer_turns": (),
    "wegwijzer_conversations_started": (),
    "wegwijzer_signpost_replies": ("situation", "rule", "language"),
    "wegwijzer_signposts": ("situation", "rule", "service", "language"),
    "wegwijzer_crisis_replies": ("number",),
    "wegwijzer_fallback_answers": (),
    "wegwijzer_clarifying_questions": ("response",),
    "wegwijzer_out_of_scope_answers": (),
    "wegwijzer_quick_exits": (),
    "wegwijzer_taps": ("service", "kind"),
    "wegwijzer_errors": ("reason",),
}


def metrics(bot) -> Counter:
    """Our counters' samples: {(name, ((label, value), ...)): value}."""
    status, content_type, body = bot.get("/metrics")
    assert status == 200 and content_type.startswith("text/plain"), (status, content_type)
    found: Counter = Counter()
    for family in text_string_to_metric_families(body.decode()):
        for sample in family.samples:
            if sample.name.startswith("wegwijzer_"):
                found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


# The widget, in a browser page

SEXTORTION = "ik word afgeperst met m'n nudes, hij wil geld"


def open_widget(page):
    page.get_by_role("button", name="Praat met Wegwijzer").click()
    return page.get_by_role("textbox", name="Typ je bericht")


def say(page, box, text: str) -> None:
    """Type a message, send it with Enter, and wait until the bot's answer is shown."""
    answers = page.locator(".message.bot").count()
    box.fill(text)
    box.press("Enter")
    page.locator(".message.bot").nth(answers).wait_for()
    page.locator(".typing").wait_for(state="hidden")
