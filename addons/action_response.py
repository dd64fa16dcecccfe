"""Check the action server's answer with a validator prepared once, not once per turn.

Rasa validates every action server response with ``jsonschema.validate``, which first
checks the (large, fixed) schema itself: about 8 ms of CPU per turn, more than half of the
Rasa server's own work on a signposting turn (measured with py-spy, see docs/bench.md).
This keeps the same validation and the same error, with the schema checked once at start.
"""

from __future__ import annotations

from typing import Any, Dict, Text

from jsonschema import ValidationError
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction

_SCHEMA = RemoteAction.action_response_format_spec()
_VALIDATOR_CLASS = validator_for(_SCHEMA)
_VALIDATOR_CLASS.check_schema(_SCHEMA)
_VALIDATOR = _VALIDATOR_CLASS(_SCHEMA)
_original = RemoteAction._validate_action_result


def _validate_action_result(self: RemoteAction, result: Dict[Text, Any]) -> bool:
    try:
        _VALIDATOR.validate(result)
    except ValidationError:
        return _original(self, result)  # Rasa's own path: the same error and message
    return True


def install() -> None:
    RemoteAction._validate_action_result = _validate_action_result
