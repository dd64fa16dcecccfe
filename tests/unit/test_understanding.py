"""One interpretation per turn: crisis from the screen and the classifiers, an unsure guess
becomes a clarifying question, messages that say nothing get a gentle question."""

import pytest

from bot.understanding import FALLBACK, UNCLEAR, Settings, interpret, is_unclear, load_settings

SETTINGS = Settings(min_confidence=0.4, min_margin=0.1, crisis_min_confidence=0.7,
                    crisis_sentence_min_confidence=0.6,
                    crisis_long_message_sentence_confidence=0.9,
                    unclear=frozenset({"ok", "oke", "???"}))


def ranked(*pairs):
    return [{"name": name, "confidence": confidence} for name, confidence in pairs]


def sentences(*confidences, kind="crisis_suicide"):
    return [{"name": kind, "confidence": confidence} for confidence in confidences]


def test_a_screen_phrase_is_a_crisis_whatever_the_classifier_says():
    understood = interpret("ik heb pillen gespaard", ranked(("out_of_scope", 0.9)),
                           sentences(0.1), SETTINGS)
    assert understood.intent == "crisis_suicide"
    assert understood.reasons[0].startswith("screen: ")


def test_the_classifiers_together_raise_a_crisis_without_a_phrase():
    understood = interpret("zo moe van alles", ranked(("crisis_suicide", 0.8), ("young_person", 0.1)),
                           sentences(0.7), SETTINGS)
    assert understood.crisis == ("crisis_suicide",)


@pytest.mark.parametrize("whole, sentence", [(0.8, 0.3), (0.5, 0.9)])
def test_one_classifier_alone_is_not_enough(whole, sentence):
    understood = interpret("zo moe van alles", ranked(("crisis_suicide", whole), ("out_of_scope", 0.1)),
                           sentences(sentence), SETTINGS)
    assert not understood.is_crisis


def test_one_very_sure_sentence_of_a_long_message_is_enough():
    text = "Hij heeft mijn foto's. Hij wil geld. Ik zie het echt niet meer zien."
    understood = interpret(text, ranked(("young_person", 0.9)), sentences(0.1, 0.1, 0.95),
                           SETTINGS)
    assert understood.crisis == ("crisis_suicide",)
    assert understood.facets.topics  # the story's topics are still read


def test_an_idiom_stops_the_classifiers_from_raising_a_crisis():
    understood = interpret("dit examen maakt me dood", ranked(("crisis_suicide", 0.95)),
                           sentences(0.95), SETTINGS)
    assert not understood.is_crisis
    assert understood.idioms


def test_an_idiom_early_in_a_long_story_does_not_hide_a_crisis_at_its_end():
    text = "Het was mijn laatste dag op school. Hij heeft mijn foto's. Het is klaar."
    understood = interpret(text, ranked(("young_person", 0.9)), sentences(0.1, 0.1, 0.95),
                           SETTINGS)
    assert understood.idioms and understood.crisis == ("crisis_suicide",)
    same_sentence = interpret("Hij heeft mijn foto's. Ik lach me dood om die video.",
                              ranked(("young_person", 0.9)), sentences(0.1, 0.95), SETTINGS)
    assert not same_sentence.is_crisis


@pytest.mark.parametrize("text", ["Hij heeft me gisteren betast. Ik ben nu thuis bij mijn moeder.",
                                  "A man touched me on the train. I'm not in any danger now."])
def test_when_the_danger_is_over_the_classifiers_alone_do_not_raise_112(text):
    understood = interpret(text, ranked(("emergency", 0.95)), sentences(0.95, 0.95,
                                                                        kind="emergency"), SETTINGS)
    assert not understood.is_crisis
    assert any(reason.startswith("not counted, the danger is over") for reason in understood.reasons)


def test_a_safe_place_does_not_cancel_a_danger_phrase_or_suicidal_thoughts():
    danger = interpret("ik ben nu thuis en hij bonkt op de deur", ranked(("parent", 0.9)), (),
                       SETTINGS)
    assert danger.crisis == ("emergency",)
    suicide = interpret("I'm safe at home now. I keep thinking about killing myself.",
                        ranked(("crisis_suicide", 0.95)), sentences(0.1, 0.95), SETTINGS)
    assert suicide.crisis == ("crisis_suicide",)


def test_danger_comes_first_when_both_kinds_are_found():
    understood = interpret("ik wil dood en hij staat nu voor mijn deur", ranked(("parent", 0.9)),
                           (), SETTINGS)
    assert understood.crisis == ("emergency", "crisis_suicide")
    assert understood.intent == "emergency"


def test_an_unsure_guess_becomes_a_clarifying_question():
    assert interpret("tja", ranked(("parent", 0.3), ("young_person", 0.2)), (),
                     SETTINGS).intent == FALLBACK
    assert interpret("mijn kind", ranked(("parent", 0.45), ("young_person", 0.4)), (),
                     SETTINGS).intent == FALLBACK
    assert interpret("mijn kind", ranked(("parent", 0.8), ("young_person", 0.1)), (),
                     SETTINGS).intent == "parent"


def test_a_crisis_guess_below_its_bar_does_not_become_the_intent():
    understood = interpret("nutrition facts for ramen",
                           ranked(("emergency", 0.5), ("out_of_scope", 0.45)), sentences(0.2),
                           SETTINGS)
    assert understood.intent == "out_of_scope"


@pytest.mark.parametrize("text", ["ok", "OK!", "???", "😭😭", "...", "  ", "Oke."])
def test_messages_that_say_nothing_are_unclear(text):
    assert is_unclear(text, SETTINGS)
    assert interpret(text, ranked(("goodbye", 0.9)), (), SETTINGS).intent == UNCLEAR


@pytest.mark.parametrize("text", ["ok doei", "ik ben 15", "help"])
def test_messages_with_words_are_not_unclear(text):
    assert not is_unclear(text, SETTINGS)


def test_the_settings_file_loads_with_sensible_values():
    settings = load_settings()
    assert 0 < settings.min_confidence < settings.crisis_min_confidence <= 1
    assert {"ok", "oke"} <= settings.unclear
    assert is_unclear("???", settings) and not is_unclear("ik wil hulp", settings)


@pytest.mark.parametrize("text", ["he is 19 by the way", "ik ben 16"])
def test_a_message_that_only_gives_an_age_informs_the_age(text):
    understood = interpret(text, ranked(("out_of_scope", 0.6), ("parent", 0.1)), (), SETTINGS)
    assert understood.intent == "inform_age"


def test_a_story_with_an_age_is_not_only_an_age():
    understood = interpret("mijn oom betast me, ik ben 15",
                           ranked(("inform_age", 0.8), ("young_person", 0.15)), (), SETTINGS)
    assert understood.intent == "young_person"
    assert understood.facets.age == 15


@pytest.mark.parametrize("text, page, language", [
    ("someone is threatening to leak my pics", "nl", "en"),  # the text wins over the page
    ("ik word afgeperst met m'n nudes", "en", "nl"),
    ("nudes", "en", "en"),  # unsure: the page's language
    ("nudes", None, None),  # unsure, no page: keep the conversation's
])
def test_the_language_to_answer_in_is_part_of_the_interpretation(text, page, language):
    understood = interpret(text, ranked(("young_person", 0.9)), (), SETTINGS, page_language=page)
    assert understood.language == language


@pytest.mark.parametrize("text, language", [("English please", "en"), ("in het Nederlands", "nl"),
                                            ("kan het in het engels", "en")])
def test_a_language_switch_answers_in_the_language_it_names(text, language):
    understood = interpret(text, ranked(("switch_language", 0.9)), (), SETTINGS, page_language="nl")
    assert (understood.intent, understood.language) == ("switch_language", language)


def test_only_a_language_switch_takes_the_language_a_message_names():
    understood = interpret("ik wil hulp in het engels", ranked(("young_person", 0.9)), (), SETTINGS)
    assert understood.language == "nl"  # the message is Dutch; it asks for help, not a switch


@pytest.mark.parametrize("text", ["hij is nu naar boven met mijn zusje van 8 en ze huilt",
                                  "ik ben nu bij mijn oom. hij doet heel eng"])
def test_someone_gone_somewhere_is_not_the_danger_being_over(text):
    understood = interpret(text, ranked(("emergency", 0.95)), sentences(0.99, 0.99,
                                                                        kind="emergency"), SETTINGS)
    assert understood.crisis == ("emergency",)


def test_the_danger_being_over_does_not_cancel_suicidal_thoughts_in_the_same_words():
    understood = interpret("i cant promise im safe now", ranked(("out_of_scope", 0.9)), (), SETTINGS)
    assert understood.crisis == ("crisis_suicide",)
