"""The reply follows CONTRACT.md: field names, types, and the first service is the best fit."""


from bot.signposting import SITUATIONS, Circumstances
from tests.conftest import MONDAY_NOON, SATURDAY_NIGHT
from tests.helpers import check_contract

def test_every_situation_in_both_languages_follows_the_contract(signposter):
    for situation in SITUATIONS:
        for language in ("nl", "en"):
            message = signposter.message(signposter.decide(Circumstances(situation, language),
                                                           MONDAY_NOON))
            check_contract(message["custom"], situation, language)
            assert message["text"].startswith(message["custom"]["intro"])


def test_text_lists_every_service_with_its_contact(signposter):
    message = signposter.message(signposter.decide(Circumstances("parent", "nl"), MONDAY_NOON))
    assert "Helpwanted" in message["text"] and "0800-2000" in message["text"]


def test_closed_best_fit_is_said_in_words(signposter):
    message = signposter.message(signposter.decide(Circumstances("young_person", "nl"), SATURDAY_NIGHT))
    assert "De Kindertelefoon is nu gesloten." in message["text"]
    assert "Nu wel open: Veilig Thuis." in message["text"]
    english = signposter.message(signposter.decide(Circumstances("young_person", "en"), SATURDAY_NIGHT))
    assert "De Kindertelefoon is closed right now." in english["text"]


def test_explanation_names_rule_and_skipped_services(signposter):
    message = signposter.message(signposter.decide(
        Circumstances("young_person", "en", age=30, topics=frozenset({"grooming"})), MONDAY_NOON))
    explanation = message["custom"]["explanation"]
    assert explanation["facts"]["age"] == 30
    assert explanation["skipped"][0]["id"] == "alles_oke"
    assert "age at least 18" in explanation["rule_conditions"]


