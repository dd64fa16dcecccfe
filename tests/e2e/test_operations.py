"""Health, readiness, metrics, taps and the daily totals, through the real servers.

The counters are read from /metrics and from the server's totals file before and after
each step, so every test checks what moved, and by how much.
"""

from __future__ import annotations

import json
import uuid
from collections import Counter
from datetime import date

import pytest
from prometheus_client.parser import text_string_to_metric_families

from bot.operations.metrics import LATENCY, SPECS, Vocabulary
from bot.operations.totals import FILE_NAME, read
from tests.helpers import EXPECTED, metrics

pytestmark = pytest.mark.server
CANARY = f"canary{uuid.uuid4().hex[:12]}"
SEXTORTION = "ik word afgeperst met m'n nudes"





def totals(bot) -> Counter:
    """The daily totals file of the test bot, summed over the days."""
    path = bot.config.var_dir / FILE_NAME
    found: Counter = Counter()
    if path.exists():
        for row in read(path, date(2000, 1, 1), date(2100, 1, 1)):
            found[(row.counter, tuple(sorted(row.labels.items())))] += row.n
    return found


def moved(before: Counter, after: Counter) -> dict:
    return {key: after[key] - before[key] for key in after if after[key] != before[key]}


def counters_only(delta: dict) -> dict:
    """The counters of a /metrics delta, named as in the totals (without _total)."""
    return {(name.removesuffix("_total"), labels): n for (name, labels), n in delta.items()
            if name.removesuffix("_total") in SPECS}


def post(bot, path: str, payload) -> tuple[int, object]:
    return bot.post_raw(json.dumps(payload).encode(), path=path)


def new_sender() -> str:
    return f"test-{uuid.uuid4().hex}"


# Health and readiness

def test_health_and_ready_answer_in_small_json(bot):
    status, content_type, body = bot.get("/health")
    assert (status, json.loads(body)) == (200, {"status": "alive"})
    assert content_type.startswith("application/json") and len(body) < 100
    status, _, body = bot.get("/ready")
    assert (status, json.loads(body)) == (200, {"status": "ready", "checks": {
        "model": True, "action_server": True}})


def test_ready_says_no_while_the_action_server_is_away(bot_without_actions):
    assert bot_without_actions.get("/health")[0] == 200
    status, _, body = bot_without_actions.get("/ready")
    assert (status, json.loads(body)) == (503, {"status": "not_ready", "checks": {
        "model": True, "action_server": False}})


@pytest.mark.parametrize("path, method", [("/health", "POST"), ("/ready", "DELETE"),
                                          ("/metrics", "POST"), ("/taps", "GET")])
def test_the_operators_routes_refuse_other_methods(bot, path, method):
    import urllib.error
    import urllib.request

    request = urllib.request.Request(bot.config.url + path, method=method,
                                     data=b"{}" if method != "GET" else None)
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 405
    assert json.loads(refused.value.read())["error"] == "method_not_allowed"


# Metrics

def test_metric_names_and_labels_are_as_intended(bot, signposter):
    bot.send(new_sender(), SEXTORTION)
    vocabulary = Vocabulary.of(signposter.table, signposter.directory)
    families = {family.name: family.type for family in text_string_to_metric_families(
        bot.get("/metrics")[2].decode()) if family.name.startswith("wegwijzer_")}
    assert families == {**{name: "counter" for name in EXPECTED}, LATENCY: "histogram"}
    found = metrics(bot)
    assert {name for name, _ in found} <= {f"{name}_total" for name in EXPECTED} | {
        f"{LATENCY}_{part}" for part in ("bucket", "count", "sum")}
    for name, labels in found:
        spec = SPECS.get(name.removesuffix("_total"))
        expected = set(spec.labels) if spec else {"answered_by", "le"} - (
            set() if name.endswith("_bucket") else {"le"})
        assert {label for label, _ in labels} == expected, name
        for label, value in labels:
            if label != "le":
                assert value in vocabulary.values[label], (name, label)


def test_the_counters_move_when_they_should(bot):
    before, totals_before = metrics(bot), totals(bot)
    sender = new_sender()
    signpost = bot.send(sender, SEXTORTION)[0]["custom"]
    bot.send(sender, "ik ben 15")  # the same conversation: no new one
    bot.send(new_sender(), "/out_of_scope")
    bot.send(new_sender(), "/nlu_fallback")
    bot.send(new_sender(), "/emergency", language="en")
    bot.send(new_sender(), "ik wil niet meer leven, ik wil dood")
    bot.send(new_sender(), SEXTORTION, audience="demo")  # the trainers' demo: a turn only
    assert post(bot, "/webhooks/rest/forget", {"sender": sender, "reason": "quick_exit"})[0] == 200
    assert post(bot, "/webhooks/rest/forget", {"sender": new_sender()})[0] == 200  # not an exit
    assert bot.post_raw(b"{not json")[0] == 400
    after = metrics(bot)
    delta = moved(before, after)
    services = [s["id"] for s in signpost["services"]]
    young = (("language", "nl"), ("rule", signpost["rule"]), ("situation", "young_person"))
    assert delta[("wegwijzer_turns_total", ())] == 7
    assert delta[("wegwijzer_conversations_started_total", ())] == 5
    assert delta[("wegwijzer_signpost_replies_total", young)] == 2  # the age refines it
    for service in services:
        assert delta[("wegwijzer_signposts_total",
                      tuple(sorted(young + (("service", service),))))] == 2
    assert delta[("wegwijzer_crisis_replies_total", (("number", "112"),))] == 1
    assert delta[("wegwijzer_crisis_replies_total", (("number", "113"),))] == 1
    assert delta[("wegwijzer_out_of_scope_answers_total", ())] == 1
    assert delta[("wegwijzer_clarifying_questions_total", (("response", "utter_clarify"),))] == 1
    assert delta[("wegwijzer_quick_exits_total", ())] == 1
    assert delta[("wegwijzer_errors_total", (("reason", "bad_request"),))] == 1
    assert ("wegwijzer_fallback_answers_total", ()) not in delta
    assert delta[(f"{LATENCY}_count", (("answered_by", "dialogue"),))] == 7
    # The same counts went to the daily totals.
    assert moved(totals_before, totals(bot)) == counters_only(delta)


def test_fallback_answers_are_counted(bot_without_actions):
    before = metrics(bot_without_actions)
    reply = bot_without_actions.send(new_sender(), SEXTORTION)
    delta = moved(before, metrics(bot_without_actions))
    assert delta[("wegwijzer_fallback_answers_total", ())] == 1
    assert delta[(f"{LATENCY}_count", (("answered_by", "fallback"),))] == 1
    rule = reply[0]["custom"]["rule"]
    assert delta[("wegwijzer_signpost_replies_total", (
        ("language", "nl"), ("rule", rule), ("situation", "young_person")))] == 1


# Taps

def test_taps_are_counted_without_ids(bot):
    before, totals_before = metrics(bot), totals(bot)
    assert post(bot, "/taps", {"service": "helpwanted", "kind": "call"}) == (200, {"counted": True})
    assert post(bot, "/taps", {"service": "113", "kind": "chat"})[0] == 200
    assert post(bot, "/taps", {"service": "helpwanted", "kind": "call",
                               "sender": new_sender()})[0] == 400
    assert post(bot, "/taps", {"service": "nobody", "kind": "call"})[0] == 400
    assert post(bot, "/taps", {"service": "112", "kind": "chat"})[0] == 400
    delta = moved(before, metrics(bot))
    assert delta == {
        ("wegwijzer_taps_total", (("kind", "call"), ("service", "helpwanted"))): 1,
        ("wegwijzer_taps_total", (("kind", "chat"), ("service", "113"))): 1,
        ("wegwijzer_errors_total", (("reason", "bad_request"),)): 3,
    }
    assert moved(totals_before, totals(bot)) == counters_only(delta)


# No content, no ids

def test_a_canary_text_and_id_never_reach_the_metrics_or_the_totals(bot, bot_without_actions):
    sender = f"{CANARY}-sender"
    for target in (bot, bot_without_actions):
        target.send(sender, f"ik word afgeperst, hij heet {CANARY}")
        post(target, "/webhooks/rest/webhook",  # refused: only a button's "/intent" passes
             {"sender": sender, "message": f"/young_person{{\"topic\": \"{CANARY}\"}}"})
        target.send(f"{CANARY}-2", "ik wil dood", audience=CANARY, language=CANARY)
        post(target, "/taps", {"service": CANARY, "kind": "call"})
        post(target, "/taps", {"service": "helpwanted", "kind": CANARY})
        post(target, "/taps", {"service": "helpwanted", "kind": "call", "sender": CANARY})
        post(target, "/webhooks/rest/forget", {"sender": sender, "reason": CANARY})
        post(target, "/webhooks/rest/forget", {"sender": sender, "reason": "quick_exit"})
        assert CANARY not in target.get("/metrics")[2].decode()
        files = list(target.config.var_dir.iterdir())
        assert any(path.name == FILE_NAME for path in files)
        for path in files:
            assert CANARY.encode() not in path.read_bytes(), path
        for counter, labels in totals(target):
            assert counter in SPECS and CANARY not in repr(labels)
