"""The web pages over HTTP: what is served, with which headers, and what is refused."""

from __future__ import annotations

import json
from email.message import Message
import urllib.error
import urllib.request

import pytest

from addons.web import FALLBACK_SERVICES, PAGES

pytestmark = pytest.mark.server


def get(bot, path: str) -> tuple[int, Message, str]:
    try:
        with urllib.request.urlopen(bot.config.url + path, timeout=10) as reply:
            return reply.status, reply.headers, reply.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


@pytest.mark.parametrize("page", sorted(PAGES))
def test_every_page_is_served_with_a_strict_policy(bot, page):
    status, headers, body = get(bot, f"/{page}")
    assert status == 200 and body.startswith("<!doctype html>")
    policy = headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "script-src 'self'" in policy
    assert "unsafe" not in policy
    assert headers["Referrer-Policy"] == "no-referrer"
    assert "Set-Cookie" not in headers
    assert "<script>" not in body and "style=" not in body  # nothing inline


def test_the_widget_script_carries_the_fallback_numbers_from_the_directory(bot, signposter):
    status, headers, body = get(bot, "/static/wegwijzer.js")
    assert status == 200 and headers["Content-Type"].startswith("text/javascript")
    assert headers["Cross-Origin-Resource-Policy"] == "cross-origin"  # other sites embed it
    line = next(row for row in body.splitlines() if row.strip().startswith("var FALLBACK ="))
    fallback = json.loads(line.split("=", 1)[1].strip().rstrip(";"))
    assert [s["id"] for s in fallback] == list(FALLBACK_SERVICES)
    assert [s["phone"] for s in fallback] == \
        [signposter.directory[i].phone for i in FALLBACK_SERVICES]


@pytest.mark.parametrize("path", ["/nothing", "/static/missing.js", "/static/..%2Fpages%2Fdemo.html",
                                  "/static/%2E%2E%2F%2E%2E%2Fendpoints.yml", "/static/page.CSS"])
def test_anything_else_is_a_clean_404(bot, path):
    status, headers, body = get(bot, path)
    assert status == 404
    assert "Traceback" not in body


def test_the_demo_gets_the_scenarios_and_the_live_routing_map(bot):
    status, _, body = get(bot, "/demo/scenarios.json")
    scenarios = json.loads(body)["scenarios"]
    assert status == 200 and len(scenarios) >= 14
    status, headers, svg = get(bot, "/demo/routing-map.svg")
    assert status == 200 and svg.lstrip().startswith("<svg")
    assert headers["Content-Type"] == "image/svg+xml"


@pytest.mark.parametrize("body", [b"", b"{", b'{"scenario": "nope", "step": 0, "reply": []}',
                                  b'{"scenario": 1, "step": "x"}', b"\x00\xff" * 10,
                                  b'{"reply": "' + b"a" * 70000 + b'"}'])
def test_the_demo_check_refuses_bad_input_with_a_400(bot, body):
    status, reply = bot.post_raw(body, path="/demo/check")
    assert status == 400 and reply["error"] == "bad_request"


def test_the_demo_check_says_whether_a_reply_does_what_the_step_expects(bot):
    from bot.demo.scenarios import load_scenarios
    from bot.signpost import Signposter

    signposter = Signposter.load()
    scenario = load_scenarios(signposter.directory, signposter.table)[0]
    step = scenario.steps[0]
    reply = bot.send(f"check-{scenario.id}", step.say, language=scenario.language)
    status, verdict = bot.post_raw(json.dumps({"scenario": scenario.id, "step": 0,
                                                "reply": reply}).encode(), path="/demo/check")
    assert status == 200 and verdict == {"ok": True, "problems": []}
    status, verdict = bot.post_raw(json.dumps({"scenario": scenario.id, "step": 0,
                                                "reply": []}).encode(), path="/demo/check")
    assert status == 200 and verdict["ok"] is False and verdict["problems"]
