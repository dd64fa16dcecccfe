import pytest

from bot.datafile import DataError
from bot.demo.routing_map import DOCS_PATH, render, rule_label
from bot.demo.scenarios import SCENARIOS_PATH, Step, check_step, load_scenarios


def test_scenarios_load_and_cover_every_situation_in_both_languages(signposter):
    scenarios = load_scenarios(signposter.directory, signposter.table)
    assert len(scenarios) >= 14


def _scenarios_with(tmp_path, old, new):
    path = tmp_path / "scenarios.yml"
    path.write_text(SCENARIOS_PATH.read_text(encoding="utf-8").replace(old, new, 1),
                    encoding="utf-8")
    return path


@pytest.mark.parametrize("old, new, field", [
    ("rule: young_sextortion", "rule: no_such_rule", "rule"),
    ("services: [helpwanted, kindertelefoon, politie]", "services: [helpwanted, digiraad]",
     "services"),
    ('crisis: "113"', 'crisis: "911"', "crisis"),
    ("language: nl", "language: de", "language"),
    ('clock: "2026-11-28T23:30"', 'clock: "saturday night"', "clock"),
])
def test_scenario_mistakes_name_the_field(tmp_path, signposter, old, new, field):
    with pytest.raises(DataError) as error:
        load_scenarios(signposter.directory, signposter.table, _scenarios_with(tmp_path, old, new))
    assert error.value.field.endswith(field) and error.value.line


def test_a_situation_without_scenario_is_refused(tmp_path, signposter):
    said = "- say: i was abused by my coach as a child and now at 45 it all comes back\n"
    path = _scenarios_with(tmp_path, said + "        expect:\n          situation: adult_survivor\n"
                           "          rule: adult_survivor\n",
                           said + "        expect:\n          says: x\n")
    with pytest.raises(DataError, match=r"adult_survivor \(en\)"):
        load_scenarios(signposter.directory, signposter.table, path)


def signpost(situation, rule, *ids):
    return {"custom": {"type": "signpost", "situation": situation, "rule": rule,
                       "services": [{"id": i} for i in ids]}}


def test_check_step_passes_and_fails():
    step = Step("x", {"situation": "parent", "rule": "parent",
                      "services": ["helpwanted", "veilig_thuis"]})
    assert check_step(step, [signpost("parent", "parent", "helpwanted", "veilig_thuis")]).ok
    wrong = check_step(step, [signpost("parent", "parent", "veilig_thuis")])
    assert not wrong.ok and "services" in wrong.problems[0]
    assert not check_step(step, [{"text": "hoi"}]).ok


def test_check_step_crisis_must_be_first():
    step = Step("x", {"crisis": "113"})
    crisis = signpost("crisis_suicide", "crisis_suicide", "113")
    assert check_step(step, [crisis, {"text": "x"}]).ok
    assert not check_step(step, [{"text": "x"}, crisis]).ok


def test_routing_map_shows_every_rule_and_service(signposter):
    svg = render(signposter.table, signposter.directory)
    for rule in signposter.table.rules:
        assert rule_label(rule) in svg.replace("&#x27;", "'")
    assert "Kindertelefoon" in svg and "113 Zelfmoordpreventie" in svg
    assert svg == render(signposter.table, signposter.directory)


def test_routing_map_in_docs_is_up_to_date(signposter):
    assert DOCS_PATH.read_text(encoding="utf-8") == render(signposter.table, signposter.directory), \
        "run: .venv/bin/python -m bot routing-map"
