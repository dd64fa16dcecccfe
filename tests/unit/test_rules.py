import shutil
import textwrap

import pytest

from bot.datafile import DataError
from bot.signposting import DEFAULT_PATH, SITUATIONS, Circumstances, load_rules
from tests.conftest import MONDAY_NOON, SATURDAY_NIGHT


def ids(decision):
    return [choice.service.id for choice in decision.choices]


def test_every_situation_has_a_route(signposter):
    for situation in SITUATIONS:
        decision = signposter.decide(Circumstances(situation), MONDAY_NOON)
        assert decision.choices, situation


@pytest.mark.parametrize("circumstances, rule, first", [
    (Circumstances("young_person", topics=frozenset({"sextortion"})), "young_sextortion", "helpwanted"),
    (Circumstances("young_person", age=19, topics=frozenset({"sextortion"})),
     "young_sextortion_adult", "helpwanted"),
    (Circumstances("young_person"), "young_person", "kindertelefoon"),
    (Circumstances("young_person", age=19), "young_person_adult", "helpwanted"),
    (Circumstances("parent"), "parent", "helpwanted"),
    (Circumstances("professional"), "professional", "veilig_thuis"),
    (Circumstances("professional", topics=frozenset({"school", "offline_abuse"})),
     "professional_school", "vertrouwensinspecteur"),
    (Circumstances("own_behaviour"), "own_behaviour", "stop_it_now"),
    (Circumstances("report_material"), "report_material", "meldpunt_kinderporno"),
    (Circumstances("report_material", topics=frozenset({"not_public"})),
     "report_material_not_public", "politie"),
    (Circumstances("acute_assault"), "acute_assault", "centrum_seksueel_geweld"),
    (Circumstances("crisis_suicide"), "crisis_suicide", "113"),
    (Circumstances("emergency"), "emergency", "112"),
])
def test_routes(signposter, circumstances, rule, first):
    decision = signposter.decide(circumstances, MONDAY_NOON)
    assert decision.rule.id == rule
    assert ids(decision)[0] == first


def test_an_adult_is_never_sent_to_the_childrens_line(signposter):
    for topics in (frozenset(), frozenset({"sextortion"}), frozenset({"grooming"}),
                   frozenset({"offline_abuse"}), frozenset({"shared_images"})):
        decision = signposter.decide(Circumstances("young_person", age=19, topics=topics), MONDAY_NOON)
        assert "kindertelefoon" not in ids(decision)


def test_a_parent_is_never_sent_to_a_childrens_line(signposter):
    for situation in SITUATIONS:
        for topics in (frozenset(), frozenset({"offline_abuse"}), frozenset({"sextortion"})):
            decision = signposter.decide(Circumstances(situation, topics=topics, role="parent"),
                                         MONDAY_NOON)
            assert "kindertelefoon" not in ids(decision), situation
            assert "alles_oke" not in ids(decision), situation


def test_age_filter_explains_what_it_left_out(signposter):
    decision = signposter.decide(Circumstances("own_behaviour", age=15), MONDAY_NOON)
    assert decision.rule.id == "own_behaviour_young"
    decision = signposter.decide(Circumstances("young_person", age=30, topics=frozenset({"grooming"})),
                                 MONDAY_NOON)
    assert ids(decision) == ["helpwanted"]
    assert [s.service_id for s in decision.skipped] == ["alles_oke"]
    assert "age 30" in decision.skipped[0].reason


def test_closed_best_fit_gets_an_open_alternative(signposter):
    open_decision = signposter.decide(Circumstances("young_person"), MONDAY_NOON)
    assert open_decision.closed_best is None
    assert ids(open_decision) == ["kindertelefoon", "helpwanted"]
    night = signposter.decide(Circumstances("young_person"), SATURDAY_NIGHT)
    assert night.closed_best.id == "kindertelefoon"
    assert night.choices[0].open_now is False
    assert ids(night) == ["kindertelefoon", "veilig_thuis", "helpwanted"]
    assert night.choices[1].alternative and night.choices[1].open_now is True


def test_topic_priority_comes_from_rule_order(signposter):
    both = frozenset({"offline_abuse", "sextortion"})
    assert signposter.decide(Circumstances("young_person", topics=both), MONDAY_NOON).rule.id == \
        "young_sextortion"


# Validation of the rule table ------------------------------------------------------

def _table(tmp_path, rules_yaml):
    path = tmp_path / "signposting.yml"
    original = DEFAULT_PATH.read_text(encoding="utf-8")
    path.write_text(original.replace(
        "\nrules:\n", "\nrules:\n" + textwrap.indent(textwrap.dedent(rules_yaml), "  "), 1),
                    encoding="utf-8")
    return path


def test_unknown_service_is_refused(tmp_path, signposter):
    path = _table(tmp_path, """
      - id: new_rule
        when: {situation: parent, topic: grooming}
        services: [helpwanted, digiraad]
        message: parent
    """)
    with pytest.raises(DataError, match="unknown service id 'digiraad'") as error:
        load_rules(signposter.directory, path)
    assert error.value.line is not None


def test_shadowed_rule_is_refused(tmp_path, signposter):
    path = _table(tmp_path, """
      - id: every_parent
        when: {situation: parent}
        services: [helpwanted]
        message: parent
    """)
    with pytest.raises(DataError, match="can never fire: the earlier rule 'every_parent'"):
        load_rules(signposter.directory, path)


def test_narrower_age_rule_after_wider_is_refused(tmp_path, signposter):
    path = _table(tmp_path, """
      - id: adults
        when: {situation: exploitation, age: {min: 18}}
        services: [comensha]
        message: exploitation
      - id: older_adults
        when: {situation: exploitation, age: {min: 30}}
        services: [comensha]
        message: exploitation
    """)
    with pytest.raises(DataError, match="'older_adults' can never fire"):
        load_rules(signposter.directory, path)


def test_situation_without_default_rule_is_refused(tmp_path, signposter):
    path = tmp_path / "signposting.yml"
    text = DEFAULT_PATH.read_text(encoding="utf-8")
    start = text.index("  - id: exploitation\n")
    end = text.index("  # An adult survivor")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    with pytest.raises(DataError, match="situation 'exploitation' has no default rule"):
        load_rules(signposter.directory, path)


@pytest.mark.parametrize("when, problem", [
    ("{situation: parents}", "'parents' is not one of"),
    ("{situation: parent, topic: nudes}", "'nudes' is not one of"),
    ("{situation: parent, age: {}}", "needs min, max or both"),
    ("{topic: school}", "situation: is required"),
])
def test_bad_conditions_are_refused(tmp_path, signposter, when, problem):
    path = _table(tmp_path, f"""
      - id: bad
        when: {when}
        services: [helpwanted]
        message: parent
    """)
    with pytest.raises(DataError, match=problem):
        load_rules(signposter.directory, path)


def test_unknown_message_key_is_refused(tmp_path, signposter):
    path = _table(tmp_path, """
      - id: new_rule
        when: {situation: parent, topic: grooming}
        services: [helpwanted]
        message: no_such_text
    """)
    with pytest.raises(DataError, match="'no_such_text' is not a key"):
        load_rules(signposter.directory, path)


def test_rule_that_could_leave_nobody_with_help_is_refused(tmp_path, signposter):
    path = _table(tmp_path, """
      - id: only_children
        when: {situation: parent, topic: grooming}
        services: [kindertelefoon]
        message: parent
    """)
    with pytest.raises(DataError, match="nobody is left with nothing"):
        load_rules(signposter.directory, path)


def test_the_real_table_loads_unchanged(tmp_path, signposter):
    copy = tmp_path / "signposting.yml"
    shutil.copy(DEFAULT_PATH, copy)
    assert len(load_rules(signposter.directory, copy).rules) == len(signposter.table.rules)


# Age and time make sense (issue 11)

from bot.signposting import settle  # noqa: E402


def test_under_18_never_gets_the_adult_survivor_route(signposter):
    circumstances = settle(Circumstances("adult_survivor", age=16))
    assert circumstances.situation == "young_person" and "offline_abuse" in circumstances.topics
    decision = signposter.decide(circumstances, MONDAY_NOON)
    assert decision.rule.id == "young_offline_abuse"


def test_an_adult_survivor_stays_one():
    assert settle(Circumstances("adult_survivor", age=34)).situation == "adult_survivor"
    assert settle(Circumstances("adult_survivor")).situation == "adult_survivor"


def test_abuse_in_the_last_days_is_a_recent_assault():
    known = settle(Circumstances("young_person", age=16, topics=frozenset({"offline_abuse"}),
                                 recent=True))
    assert known.situation == "acute_assault"
    assert settle(Circumstances("young_person", topics=frozenset({"sextortion"}), recent=True)
                  ).situation == "young_person"


def test_a_parent_of_an_adult_child_gets_another_route(signposter):
    assert signposter.decide(Circumstances("parent", role="parent", child_age=19),
                             MONDAY_NOON).rule.id == "parent_adult_child"
    assert signposter.decide(Circumstances("parent", role="parent", child_age=14),
                             MONDAY_NOON).rule.id == "parent"


def test_a_wrong_placeholder_in_messages_is_refused_with_the_right_ones(signposter, tmp_path):
    from bot.signposting import MESSAGES_PATH

    text = MESSAGES_PATH.read_text(encoding="utf-8").replace('"{name} is nu', '"{naam} is nu', 1)
    path = tmp_path / "messages.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError, match=r"unknown placeholder \{naam\}.*\{name\}"):
        load_rules(signposter.directory, DEFAULT_PATH, path)


def test_an_unknown_service_id_lists_the_known_ones(signposter, tmp_path):
    text = DEFAULT_PATH.read_text(encoding="utf-8").replace("[helpwanted, kindertelefoon, politie]",
                                                            "[helpwanted, kindertelefon, politie]", 1)
    path = tmp_path / "signposting.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError, match="kindertelefon.*are: 112, 113, alles_oke"):
        load_rules(signposter.directory, path)
