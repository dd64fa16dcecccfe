"""The "what you can say" card (issue 16): an opening line built from labels only, and per
service what happens when you call or chat, from the directory."""

import json

import pytest

from bot.datafile import DataError
from bot.facets import find_facets
from bot.signposting import SITUATIONS, TOPICS, Circumstances, settle
from bot.say import SAY_PATH, load_sayings
from bot.signpost import circumstances_for_turn
from tests.conftest import MONDAY_NOON


def card(signposter, circumstances):
    return signposter.message(signposter.decide(settle(circumstances), MONDAY_NOON))["custom"].get("say")


def test_the_issues_example_line(signposter):
    say = card(signposter, Circumstances("young_person", "nl", age=15, topics=frozenset({"sextortion"})))
    assert say["line"] == ("Hoi, ik ben 15 en iemand dreigt mijn foto's te delen. "
                           "Ik weet niet wat ik moet doen.")
    assert say["opening"] == "young_sextortion"


def test_the_line_is_in_the_persons_language(signposter):
    say = card(signposter, Circumstances("young_person", "en", age=15, topics=frozenset({"sextortion"})))
    assert say["line"].startswith("Hi, I'm 15 and someone is threatening")


def test_without_an_age_the_line_names_none(signposter):
    say = card(signposter, Circumstances("young_person", "nl", topics=frozenset({"image_removal"})))
    assert not any(char.isdigit() for char in say["line"])
    assert "verwijderen" in say["line"]


def test_a_parent_line_names_the_childs_age_not_the_parents(signposter):
    say = card(signposter, Circumstances("parent", "nl", role="parent", child_age=13,
                                 topics=frozenset({"image_removal"})))
    assert "kind van 13" in say["line"] and say["opening"] == "parent_image_removal"


def test_an_adult_gets_the_adult_line(signposter):
    say = card(signposter, Circumstances("young_person", "en", age=24,
                                 topics=frozenset({"image_removal"})))
    assert say["opening"] == "young_image_removal_adult" and "I'm 24" in say["line"]


@pytest.mark.parametrize("situation", ["young_person", "parent"])
def test_every_signpost_for_a_young_person_or_parent_has_a_card(signposter, situation):
    for language in ("nl", "en"):
        for topic in (None,) + TOPICS:
            for age in (None, 12, 17, 18, 30):
                topics = frozenset({topic}) if topic else frozenset()
                circumstances = Circumstances(situation, language, age=age, topics=topics)
                say = card(signposter, circumstances)
                assert say and say["line"], circumstances
                assert "{" not in say["line"], circumstances


@pytest.mark.parametrize("situation", [s for s in SITUATIONS
                                       if s not in ("young_person", "parent")])
def test_other_situations_and_crisis_have_no_card(signposter, situation):
    message = signposter.message(signposter.decide(Circumstances(situation), MONDAY_NOON))
    assert "say" not in message["custom"]


def test_what_happens_comes_from_the_directory_for_each_service(signposter):
    decision = signposter.decide(Circumstances("young_person", "nl", age=15,
                                       topics=frozenset({"sextortion"})), MONDAY_NOON)
    say = signposter.message(decision)["custom"]["say"]
    assert [s["id"] for s in say["services"]] == [c.service.id for c in decision.choices]
    notes = {s["id"]: s["what_happens"] for s in say["services"]}
    directory = signposter.directory
    for service_id, note in notes.items():
        assert note.startswith(directory[service_id].who_answers.nl)
        assert "Je kunt altijd stoppen." in note
    assert "naam niet te noemen" in notes["helpwanted"]  # anonymous: true
    assert "niet anoniem" in notes["politie"]  # anonymous: false


def test_unknown_anonymity_is_not_guessed(signposter):
    say = card(signposter, Circumstances("young_person", "en", age=24,
                                 topics=frozenset({"image_removal"})))
    assert signposter.directory["stopncii"].anonymous is None
    stopncii = next(s for s in say["services"] if s["id"] == "stopncii")
    assert "Feel free to ask whether you need to give your name." in stopncii["what_happens"]
    assert "Nobody: you do it yourself" in stopncii["what_happens"]


def test_the_card_holds_no_words_of_the_message(signposter):
    """Canary: an unusual word in the message appears nowhere in the card or the reply."""
    canary = "Zwoelfkruimel"
    text = f"ik ben 15 en {canary} dreigt mijn nudes te delen als ik niet betaal"
    facets = find_facets(text)
    entities = [{"entity": "age", "value": facets.age}]
    entities += [{"entity": "topic", "value": topic} for topic in facets.topics]
    circumstances = settle(circumstances_for_turn("young_person", entities, {}))
    message = signposter.message(signposter.decide(circumstances, MONDAY_NOON))
    assert message["custom"]["say"]["line"].startswith("Hoi, ik ben 15")  # a card was made
    assert canary.lower() not in json.dumps(message, ensure_ascii=False).lower()


# Validation of data/say.yml -------------------------------------------------------

def _sayings(tmp_path, old, new):
    path = tmp_path / "say.yml"
    text = SAY_PATH.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize("old, new, field, problem", [
    ("Hoi, ik ben {age} en iemand dreigt", "Hoi, ik ben {naam} en iemand dreigt",
     "say_with_age.nl", r"unknown blank \{naam\}"),
    ("nl: Hoi, iemand dreigt", "nl: Hoi {age}, iemand dreigt", "say.nl", "has a blank"),
    ("en: Hi, I'm {age} and someone is threatening", "en: Hi, someone is threatening",
     "say_with_age.en", "needs {age} or {child_age}"),
    ("en: Hi, I'm {age} and someone is threatening", "en: Hi, I'm {child_age} and someone is",
     "say_with_age.en", "same blanks in both languages"),
    ("when: {situation: young_person, topic: sextortion}",
     "when: {situation: [young_person, crisis_suicide], topic: sextortion}",
     "when.situation", "no card"),
    ("when: {situation: young_person, topic: sextortion}",
     "when: {situation: young_person, topic: nudes}", "when.topic", "'nudes' is not one of"),
    ("nl: Hoi, iemand dreigt mijn foto's te delen.", "nl: Hoi, iemand dreigt mijn foto's te delen."
     + " Echt." * 40, "say.nl", "keep it under 200"),
])
def test_mistakes_name_the_field_and_line(tmp_path, old, new, field, problem):
    with pytest.raises(DataError, match=problem) as error:
        load_sayings(_sayings(tmp_path, old, new))
    assert error.value.field.endswith(field) and error.value.line


def test_an_opening_that_can_never_be_used_is_refused(tmp_path):
    path = _sayings(tmp_path, "openings:\n", "openings:\n  - id: everyone\n"
                    "    when: {situation: young_person}\n"
                    "    say: {nl: Hoi., en: Hi.}\n")
    with pytest.raises(DataError, match="'young_person_told_by_parent' can never be used: "
                       "the earlier opening 'everyone'"):
        load_sayings(path)


def test_a_situation_without_a_default_opening_is_refused(tmp_path):
    text = SAY_PATH.read_text(encoding="utf-8")
    start, end = text.index("  - id: parent\n"), text.index("  # A young person")
    path = tmp_path / "say.yml"
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    with pytest.raises(DataError, match="'parent' has no default opening"):
        load_sayings(path)


def test_the_real_file_loads(signposter):
    assert load_sayings().openings == signposter.sayings.openings
