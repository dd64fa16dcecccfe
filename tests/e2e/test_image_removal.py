"""Issue 16 end to end: the image-removal routes and the "what you can say" card, through
the real Rasa server and action server."""

from __future__ import annotations

import json

import pytest
from tests.helpers import check_contract, new_sender, signposts


pytestmark = pytest.mark.server


def services(custom) -> list[str]:
    return [service["id"] for service in custom["services"]]


def test_under_18_helpwanted_first_then_take_it_down(bot):
    reply = bot.send(new_sender(), "ik ben 15 en mijn naaktfoto's staan online, "
                                   "hoe laat ik ze verwijderen")
    custom = signposts(reply)[0]
    check_contract(custom, "young_person", "nl")
    assert services(custom) == ["helpwanted", "take_it_down"]
    text = reply[0]["text"]
    for part in ("betaal niet", "bewaar het bewijs", "stuur de beelden niet door",
                 "alleen bij platforms die meedoen"):
        assert part in text
    take_it_down = custom["services"][1]
    assert take_it_down["phone"] is None and take_it_down["open_now"] is True
    assert take_it_down["url"] == "https://takeitdown.ncmec.org"


def test_18_and_over_stopncii_and_helpwanted(bot):
    reply = bot.send(new_sender(), "I'm 24 and my ex posted my nudes, how do I get them "
                                   "taken down")
    custom = signposts(reply)[0]
    check_contract(custom, "young_person", "en")
    assert services(custom) == ["stopncii", "helpwanted"]
    assert "only works with platforms that take part" in reply[0]["text"]


def test_an_age_given_later_changes_the_removal_route(bot):
    sender = new_sender()
    first = signposts(bot.send(sender, "how do i remove my nudes from the internet"))[0]
    assert services(first)[:2] == ["helpwanted", "take_it_down"]
    later = signposts(bot.send(sender, "im 19"))[0]
    assert services(later) == ["stopncii", "helpwanted"]


@pytest.mark.parametrize("message", [
    "er gaat een naaktfoto van een meisje uit mijn klas rond, hoe krijg ik die weg",
    "my friend's nudes got leaked, how can we get them taken down",
])
def test_someone_elses_image_goes_to_the_meldpunt(bot, message):
    custom = signposts(bot.send(new_sender(), message))[0]
    assert services(custom)[0] == "meldpunt_kinderporno"
    assert not {"take_it_down", "stopncii"} & set(services(custom))


def test_the_card_comes_with_the_signpost_in_the_persons_language(bot):
    custom = signposts(bot.send(new_sender(), "im 16 and someone is threatening to leak "
                                              "my pics"))[0]
    say = custom["say"]
    assert say["line"] == ("Hi, I'm 16 and someone is threatening to share my pictures. "
                           "I don't know what to do.")
    assert [s["id"] for s in say["services"]] == services(custom)
    assert all("You can stop at any time." in s["what_happens"] for s in say["services"])


def test_a_parent_gets_a_card_with_the_childs_age(bot):
    custom = signposts(bot.send(new_sender(), "hoe krijg ik de naaktfoto's van mijn dochter "
                                              "van 13 offline", audience="parent"))[0]
    assert services(custom) == ["helpwanted", "take_it_down"]
    assert custom["say"]["line"].startswith("Hallo, ik ben ouder van een kind van 13.")


@pytest.mark.parametrize("message", [
    "ik ben 15 en Zwoelfkruimel dreigt mijn nudes te delen als ik niet betaal",
    "im 15 and zwoelfkruimel from snap wants money or he leaks my nudes",
    "Zwoelfkruimel heeft mijn naaktfoto online gezet, hoe krijg ik die offline? ik ben 14",
])
def test_canary_the_card_holds_no_text_of_the_message(bot, message):
    """An unusual word from the message appears nowhere in the reply, and a card was made."""
    reply = bot.send(new_sender(), message)
    say = signposts(reply)[0]["say"]
    assert say["line"] and any(char.isdigit() for char in say["line"])  # the age label
    assert "zwoelfkruimel" not in json.dumps(reply, ensure_ascii=False).lower()


def test_crisis_replies_have_no_card(bot):
    reply = bot.send(new_sender(), "mijn nudes staan online en ik wil dood")
    assert reply[0]["custom"]["situation"] == "crisis_suicide"
    assert "say" not in reply[0]["custom"]
