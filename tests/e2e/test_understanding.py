"""End to end: people as they really write (issue 11), through the real servers."""

from __future__ import annotations

import uuid

import pytest

pytestmark = pytest.mark.server


def new_sender() -> str:
    return f"test-{uuid.uuid4().hex}"


def customs(reply):
    return [m.get("custom") or {} for m in reply]


def first_service(reply):
    for custom in customs(reply)[:1]:
        return (custom.get("services") or [{}])[0].get("id")
    return None


def signpost_of(reply):
    return next(c for c in customs(reply) if c.get("type") == "signpost"
                and c["situation"] not in ("crisis_suicide", "emergency"))


@pytest.mark.parametrize("text, number", [
    ("ik heb pillen gespaard", "113"),
    ("i wrote goodbye letters", "113"),
    ("been giving my stuff away so they have something to remember me by", "113"),
    ("hij bonkt nu op mn raam", "112"),
    ("my friend is passed out at a party and a guy is taking her upstairs", "112"),
])
def test_indirect_crisis_gets_the_crisis_number_first(bot, text, number):
    assert first_service(bot.send(new_sender(), text)) == number


def test_a_crisis_at_the_end_of_a_long_story_comes_first_and_the_story_is_answered(bot):
    story = ("Ik ben 15. Een jongen van insta heeft naaktfoto's van mij en zegt dat hij ze naar "
             "mijn school stuurt als ik niet betaal. Ik heb al 50 euro gestuurd maar hij wil meer. "
             "Ik durf het niet aan mijn ouders te vertellen. Ik wil eigenlijk niet meer leven.")
    reply = bot.send(new_sender(), story)
    assert first_service(reply) == "113"
    assert signpost_of(reply)["services"][0]["id"] == "helpwanted"


@pytest.mark.parametrize("text", ["i need the nutrition facts for ramen",
                                  "do i have calendar events on march 19th",
                                  "dit examen maakt me dood", "schiet mij maar lek"])
def test_ordinary_messages_get_no_service_and_no_crisis(bot, text):
    reply = bot.send(new_sender(), text)
    assert not [c for c in customs(reply) if c.get("type") == "signpost"], reply


def follow_up(bot, question: str, story: str = "iemand dreigt mijn naaktfoto's te delen als ik "
                                                "niet betaal, ik ben 15"):
    sender = new_sender()
    assert signpost_of(bot.send(sender, story))["situation"] == "young_person"
    return bot.send(sender, question)


def test_do_i_have_to_pay_after_sextortion_advice(bot):
    reply = follow_up(bot, "moet ik betalen?")
    assert reply[0]["text"].startswith("Nee, betaal niet")
    assert customs(reply)[0]["type"] == "answer"


def test_will_the_police_tell_my_parents_is_never_a_frightening_yes(bot):
    text = follow_up(bot, "Gaat de politie het aan mijn ouders vertellen?")[0]["text"]
    assert not text.startswith("Ja") and "weet ik niet zeker" in text


def test_afraid_to_call_is_not_danger(bot):
    reply = follow_up(bot, "ik durf niet te bellen")
    assert first_service(reply) not in ("112", "113")
    assert "chatten" in reply[0]["text"]


def test_block_the_account_keeps_the_evidence_first(bot):
    assert "bewijs" in follow_up(bot, "Moet ik zijn account blokkeren?")[0]["text"]


@pytest.mark.parametrize("text", ["😭😭", "???", "ok"])
def test_messages_that_say_nothing_get_a_gentle_question_never_goodbye(bot, text):
    reply = follow_up(bot, text)
    assert reply[0]["text"].startswith("Neem je tijd")
    assert not any(m.get("text", "").startswith("Dag") for m in reply)


def test_an_age_from_an_earlier_turn_keeps_a_teenager_off_the_adult_route(bot):
    sender = new_sender()
    bot.send(sender, "ik ben 16")
    reply = bot.send(sender, "toen ik 8 was heeft mijn oom me misbruikt en ik denk er nog elke "
                             "dag aan")
    assert signpost_of(reply)["situation"] == "young_person"


def test_the_age_of_a_parents_child_changes_the_route(bot):
    sender = new_sender()
    first = signpost_of(bot.send(sender, "mijn zoon wordt afgeperst met een naaktfoto",
                                 audience="parent"))
    assert first["rule"] == "parent"
    later = signpost_of(bot.send(sender, "he is 19 by the way", audience="parent", language="nl"))
    assert later["rule"] == "parent_adult_child"


def test_a_time_from_an_earlier_turn_still_makes_it_a_recent_assault(bot):
    story = "mijn neef zit aan me als niemand kijkt, ik ben 14"
    alone = signpost_of(bot.send(new_sender(), story))
    assert alone["situation"] == "young_person"
    sender = new_sender()
    bot.send(sender, "gisteravond was ik op een feest")
    assert signpost_of(bot.send(sender, story))["situation"] == "acute_assault"
