"""End to end: the real Rasa server and action server, over HTTP, checked against CONTRACT.md."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest
from tests.helpers import check_contract, new_sender, signposts


pytestmark = pytest.mark.server


def test_greeting_says_it_is_a_program_and_offers_buttons(bot):
    reply = bot.send(new_sender(), "hoi")
    assert "computerprogramma" in reply[0]["text"]
    assert "sla niets op" in reply[0]["text"]
    assert len(reply[0]["buttons"]) == 7
    assert {"title", "payload"} <= set(reply[0]["buttons"][0])


def test_sextortion_in_dutch_youth_language(bot):
    reply = bot.send(new_sender(), "ik word afgeperst met m'n nudes")
    custom = signposts(reply)[0]
    check_contract(custom, "young_person", "nl")
    assert custom["services"][0]["id"] == "helpwanted"
    assert custom["rule"] == "young_sextortion"
    assert reply[0]["text"].startswith("Wat naar dat dit gebeurt")


def test_sextortion_in_english(bot):
    reply = bot.send(new_sender(), "someone is threatening to leak my pics")
    custom = signposts(reply)[0]
    check_contract(custom, "young_person", "en")
    assert custom["services"][0]["id"] == "helpwanted"


def test_age_changes_the_route(bot):
    sender = new_sender()
    first = signposts(bot.send(sender, "mijn stiefvader zit aan me"))[0]
    assert first["services"][0]["id"] == "kindertelefoon"
    later = signposts(bot.send(sender, "ik ben 19"))[0]
    assert "kindertelefoon" not in [s["id"] for s in later["services"]]
    assert later["situation"] == "young_person"


def test_parents_page_never_gets_the_childrens_line(bot):
    reply = bot.send(new_sender(), "er worden naaktfoto's van mijn dochter verspreid",
                     audience="parent")
    custom = signposts(reply)[0]
    assert "kindertelefoon" not in [s["id"] for s in custom["services"]]


def test_crisis_comes_first_in_the_middle_of_another_flow(bot):
    sender = new_sender()
    bot.send(sender, "mijn zoon wordt gechanteerd met een filmpje")
    reply = bot.send(sender, "ik trek het niet meer, ik wil dood")
    first = reply[0]["custom"]
    assert first["situation"] == "crisis_suicide"
    assert first["services"][0]["id"] == "113"
    assert "113" in reply[0]["text"]


def test_danger_gets_112_first_in_english(bot):
    reply = bot.send(new_sender(), "he is outside my door right now and im scared")
    assert reply[0]["custom"]["services"][0]["id"] == "112"
    assert reply[0]["custom"]["language"] == "en"


@pytest.mark.parametrize("message, question", [
    ("help nu", "Ben je nu veilig?"),
    ("help im in danger", "Are you safe right now?"),
])
def test_after_112_the_bot_asks_what_is_going_on(bot, message, question):
    """Someone wrongly taken for being in danger can still find their own help."""
    reply = bot.send(new_sender(), message)
    assert reply[0]["custom"]["services"][0]["id"] == "112"
    assert question in reply[-1]["text"]
    payloads = [b["payload"] for b in reply[-1]["buttons"]]
    assert "/young_person" in payloads and "/emergency" not in payloads


def test_crisis_plus_situation_gets_both_crisis_first(bot):
    reply = bot.send(new_sender(), "ik word afgeperst met mijn nudes en ik wil dood")
    situations = [m["custom"]["situation"] for m in reply if "custom" in m]
    assert situations[0] == "crisis_suicide"


@pytest.mark.parametrize("message, text_part", [
    ("ben jij een echt mens?", "computerprogramma"),
    ("are you a real person", "computer program"),
    ("sla je dit op?", "sla niets op"),
    ("can i stay anonymous", "anonymous"),
    ("wat is de hoofdstad van frankrijk", "niet mee helpen"),
])
def test_conversation_questions(bot, message, text_part):
    reply = bot.send(new_sender(), message)
    assert text_part in reply[0]["text"]
    assert not signposts(reply)


def test_button_payload_routes(bot):
    reply = bot.send(new_sender(), "/parent")
    assert signposts(reply)[0]["situation"] == "parent"


def test_language_switch(bot):
    sender = new_sender()
    bot.send(sender, "hoi")
    reply = bot.send(sender, "english please")
    assert reply[0]["text"].startswith("Sure")
    custom = signposts(bot.send(sender, "/parent"))[0]
    assert custom["language"] == "en"


@pytest.mark.parametrize("body", [
    b"{not json", b"\xff\xfe\x00\x01", b"[]", b"",
    json.dumps({"sender": "x"}).encode(),
    json.dumps({"message": "hoi"}).encode(),
    json.dumps({"sender": "", "message": "hoi"}).encode(),
    json.dumps({"sender": "x", "message": "y" * 5000}).encode(),
])
def test_bad_input_gets_a_4xx_json_error(bot, body):
    status, reply = bot.post_raw(body)
    assert 400 <= status < 500
    assert isinstance(reply, dict) and reply["error"] and reply["message"]
    assert "Traceback" not in json.dumps(reply)


@pytest.mark.parametrize("path", ["/webhooks/rest/webhook", "/webhooks/rest/forget"])
def test_wrong_method_gets_a_json_error(bot, path):
    request = urllib.request.Request(bot.config.url + path, method="GET")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 405
    assert json.loads(refused.value.read())["error"] == "method_not_allowed"


def test_html_is_treated_as_text(bot):
    reply = bot.send(new_sender(), "<script>alert('x')</script><b>hoi</b>")
    assert "<script>" not in json.dumps(reply)
