import pytest

from bot.language import choose, detect, requested


@pytest.mark.parametrize("text", [
    "ik word afgeperst met m'n nudes",
    "mijn dochter van 14 wordt gechanteerd",
    "ik wil dood",
    "hoi",
    "wat moet ik doen als een leerling iets vertelt",
])
def test_dutch_is_recognised(text):
    guess = detect(text)
    assert (guess.language, guess.sure) == ("nl", True)


@pytest.mark.parametrize("text", [
    "someone is threatening to leak my pics",
    "im 15 and a guy wants pics",
    "i want to die",
    "hi",
    "what should I do as a teacher",
])
def test_english_is_recognised(text):
    guess = detect(text)
    assert (guess.language, guess.sure) == ("en", True)


@pytest.mark.parametrize("text", ["ok", "113", "nudes", "help", "?"])
def test_short_messages_are_unsure(text):
    assert detect(text).sure is False


def test_text_wins_over_metadata_and_unsure_keeps_the_conversation_language():
    assert choose("someone is threatening to leak my pics", "nl") == "en"
    assert choose("ok", "en") == "en"
    assert choose("ok", None) is None


@pytest.mark.parametrize("text, language", [
    ("English please", "en"), ("kan het in het engels?", "en"),
    ("can we speak dutch", "nl"), ("Nederlands graag", "nl"), ("hallo", None),
])
def test_requested_language(text, language):
    assert requested(text) == language


@pytest.mark.parametrize("found, conversation, language", [
    ("en", "nl", "en"), (None, "en", "en"), (None, None, "nl"), ("xx", "en", "en"),
    ("xx", "yy", "nl"),
])
def test_the_language_of_a_turn(found, conversation, language):
    from bot.language import of_turn

    assert of_turn(found, conversation) == language
