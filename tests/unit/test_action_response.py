"""The action server's answers are validated exactly as Rasa does, only faster."""

from __future__ import annotations

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction

from addons import action_response


@pytest.fixture
def action():
    action_response.install()
    return RemoteAction("action_signpost", None)


def test_a_good_answer_passes(action):
    answer = {"events": [{"event": "slot", "name": "situation", "value": "parent"}],
              "responses": [{"text": "hoi", "custom": {"type": "signpost"}}]}
    assert action._validate_action_result(answer) is True


def test_a_bad_answer_fails_with_rasas_own_message(action):
    with pytest.raises(ValidationError) as error:
        action._validate_action_result({"events": [{"event": "no_such_event"}], "responses": []})
    assert "Failed to validate Action server response" in error.value.message
    with pytest.raises(ValidationError):
        action._validate_action_result({"responses": "not a list"})


def test_the_schema_is_checked_once_not_per_turn(action, monkeypatch):
    calls = []
    monkeypatch.setattr(type(action_response._VALIDATOR), "check_schema",
                        classmethod(lambda cls, schema: calls.append(schema)))
    action._validate_action_result({"events": [], "responses": []})
    assert calls == []
