"""The crisis replies in domain.yml are written from the rule engine, and drift is found."""

import yaml

from bot.authoring.crisis_block import COMMAND, DOMAIN, drift, rewrite
from tests.conftest import MONDAY_NOON


def test_domain_yml_says_what_the_rule_engine_says(signposter):
    domain = yaml.safe_load(DOMAIN.read_text(encoding="utf-8"))
    assert drift(domain, signposter, MONDAY_NOON) == []


def test_a_changed_number_is_found_and_written_again(signposter):
    text = DOMAIN.read_text(encoding="utf-8")
    broken = text.replace("Call 113 or free 0800-0113", "Call 113 or free 0800-9999", 1)
    problems = drift(yaml.safe_load(broken), signposter, MONDAY_NOON)
    assert len(problems) == 1 and "utter_crisis_suicide (en)" in problems[0]
    assert COMMAND in problems[0]
    assert rewrite(broken, signposter, MONDAY_NOON) == text


def test_the_rest_of_domain_yml_is_untouched(signposter):
    text = DOMAIN.read_text(encoding="utf-8")
    marked = text.replace("responses:\n", "responses:\n  # a comment someone wrote\n", 1)
    assert "# a comment someone wrote" in rewrite(marked, signposter, MONDAY_NOON)
