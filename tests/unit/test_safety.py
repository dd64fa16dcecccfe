"""The safety screen must find crisis messages whatever the classifier thinks."""

import pytest

from bot.phrases import PhraseMatcher
from bot.safety import screen

SUICIDAL = [
    "ik wil dood", "ik wil niet meer leven", "ik wil er niet meer zijn", "wil echt dooood",
    "ik denk aan zelfmoord", "zelfmoordgedachten", "iedereen is beter af zonder mij",
    "ik ga er een eind aan maken", "ik zie het niet meer zitten",
    "ik word afgeperst en wil dood", "i want to die", "i wanna kms", "thinking about suicide",
    "i dont want to live anymore", "I don't want to be alive", "everyone would be better off without me",
    "im going to kill myself", "i want to end my life", "feeling suicidal",
    "ik ben bang dat ik mezelf iets aandoe", "sucide feels like the only way out",
    "i think about taking my own life", "zelfmoort",
]
DANGER = [
    "hij staat nu voor mijn deur", "ik ben in gevaar", "hij slaat me", "ik word gevolgd",
    "ik zit opgesloten", "he is at my door", "im in danger", "someone is following me",
    "he locked me in", "he is going to kill me", "help me now", "hes gonna hurt me",
    "hij gaat me slaan", "kom snel, hij is hier", "ze komen eraan", "hij zoekt me",
    "ik heb me verstopt in de wc", "come quickly", "theyre outside", "he is coming for me",
    "im hiding from him",
]
NOT_CRISIS = [
    "ik word afgeperst met m'n nudes", "mijn hond is dood", "someone is threatening to leak my pics",
    "my son is being blackmailed", "ik heb beelden gevonden online", "hoe laat is het",
    "i found abuse images on a forum", "ik was als kind misbruikt",
]


@pytest.mark.parametrize("text", SUICIDAL)
def test_suicidal_thoughts_are_caught(text):
    assert screen(text)[0].label == "crisis_suicide"


@pytest.mark.parametrize("text", DANGER)
def test_danger_is_caught(text):
    assert screen(text)[0].label == "emergency"


@pytest.mark.parametrize("text", NOT_CRISIS)
def test_ordinary_messages_pass(text):
    assert screen(text) == []


def test_danger_comes_before_suicide_when_both_match():
    hits = screen("ik wil dood, hij staat voor mijn deur")
    assert [hit.label for hit in hits][:1] == ["emergency"]
    assert "crisis_suicide" in {hit.label for hit in hits}


def test_hits_name_the_pattern_not_the_persons_words():
    hit = screen("Ik wil echt dooood!!")[0]
    assert "dooood" not in hit.pattern


@pytest.mark.parametrize("pattern, text, found", [
    ("zelfmoord*", "zelfmoordgedachten", True),
    ("wil|wilde dood", "wilde dood", True),
    ("[echt] niet meer", "niet meer", True),
    ("[echt] niet meer", "echt niet meer", True),
    ("wil ... dood", "wil echt heel erg dood", True),
    ("wil ... dood", "wil een twee drie vier dood", False),
    ("dont want", "I don't want", True),
])
def test_pattern_syntax(pattern, text, found):
    assert bool(PhraseMatcher({"x": [pattern]}).hits(text)) is found


def test_pattern_of_only_optional_words_is_refused():
    with pytest.raises(Exception, match="at least one word"):
        PhraseMatcher({"x": ["[maybe]"]})
