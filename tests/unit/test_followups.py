"""Follow-up questions get a true answer that fits the situation."""

import pytest

from bot.followups import QUESTIONS, load_followups


@pytest.fixture(scope="module")
def followups():
    return load_followups()


@pytest.mark.parametrize("question", QUESTIONS)
@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_question_has_a_default_answer(followups, question, language):
    assert len(followups.answer(question, None, None, language)) > 40


def test_do_i_have_to_pay_is_no(followups):
    assert followups.answer("ask_pay", "young_person", None, "nl").startswith("Nee, betaal niet")
    assert followups.answer("ask_pay", "young_person", None, "en").startswith("No, do not pay")


def test_a_police_report_is_not_anonymous_but_meld_misdaad_anoniem_is(followups):
    answer = followups.answer("ask_police_anonymous", "young_person", None, "nl")
    assert answer.startswith("Nee.") and "Meld Misdaad Anoniem" in answer and "0800-7000" in answer


def test_will_they_tell_my_parents_says_what_is_not_known(followups):
    answer = followups.answer("ask_tell_parents", "young_person", None, "nl")
    assert "weet ik niet zeker" in answer
    assert not answer.startswith("Ja")


def test_parents_get_their_own_answer(followups):
    answer = followups.answer("ask_fault", "parent", "parent", "nl")
    assert "je kind" in answer and answer != followups.answer("ask_fault", None, None, "nl")


def test_the_situation_chooses_the_answer(followups):
    own = followups.answer("ask_fault", "own_behaviour", None, "nl")
    young = followups.answer("ask_fault", "young_person", None, "nl")
    assert own != young and "Stop it Now" in own


def test_afraid_to_call_offers_chat_and_says_you_can_stop(followups):
    answer = followups.answer("afraid_to_call", "young_person", None, "en")
    assert "chat" in answer and "stop" in answer


def test_block_keeps_the_evidence_first(followups):
    answer = followups.answer("ask_block", "young_person", None, "nl")
    assert answer.index("bewijs") < answer.index("Blokkeer")
