"""Checks on every incoming request, before anything is processed.

Bad input (malformed JSON, binary, no sender, an empty or huge message) is refused with a
4xx and a short, kind JSON error. Nothing of a refused request is kept or logged.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, Collection

from bot.directory import Directory
from bot.text import LANGUAGES
from bot.vocabulary import PAGE_AUDIENCES, TAP_KINDS

MAX_MESSAGE_CHARS = 1000
MAX_BODY_BYTES = 16 * 1024
MAX_SENDER_CHARS = 128
MAX_TAP_BYTES = 256  # {"service": ..., "kind": ...} is about 50
FORGET_REASONS = ("quick_exit",)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CLOCK = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$")

_KIND_WORDS = {
    "message_too_long": {
        "nl": f"Je bericht is te lang (meer dan {MAX_MESSAGE_CHARS} tekens). Vertel het in een "
              "paar zinnen. Noem geen namen of details.",
        "en": f"Your message is too long (over {MAX_MESSAGE_CHARS} characters). Tell me in a "
              "few sentences. Please don't share names or details.",
    },
    "empty_message": {"nl": "Je bericht is leeg. Typ wat er aan de hand is.",
                      "en": "Your message is empty. Type what is going on."},
    "reserved_message": {
        "nl": "Een bericht dat met / begint, is voor de knoppen van de bot. Typ je bericht "
              "zonder / ervoor.",
        "en": "A message that starts with / is for the bot's buttons. Type your message "
              "without the / in front.",
    },
}


class InputError(ValueError):
    """A refused request: HTTP status, a stable code, and a short human message."""

    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message

    def as_json(self) -> dict[str, str]:
        return {"error": self.code, "message": self.message}


@dataclass(frozen=True)
class Turn:
    sender: str
    message: str
    metadata: dict[str, Any] = field(default_factory=dict)


def check_request(body: bytes | None, buttons: Collection[str] = ()) -> Turn:
    """Parse and check a request body of the REST channel; raise InputError when bad.

    ``buttons``: the intents a button may send as "/intent" (Rasa reads any message that
    starts with "/" as an intent with entities, past the whole pipeline, so nothing else
    may start with "/").
    """
    data = _json_object(body)
    metadata = _check_metadata(data.get("metadata"))
    language = metadata.get("language", "nl")
    message = _check_message(data.get("message"), language)
    if message.startswith("/") and message[1:] not in buttons:
        raise InputError(400, "reserved_message", _KIND_WORDS["reserved_message"][language])
    return Turn(_check_sender(data.get("sender")), message, metadata)


@dataclass(frozen=True)
class Forget:
    sender: str
    quick_exit: bool  # the widget's quick exit, counted (a demo's "start again" is not)


def check_forget_request(body: bytes | None) -> Forget:
    """The sender id of a request to forget a conversation, and why it is forgotten."""
    data = _json_object(body)
    sender = _check_sender(data.get("sender"))
    reason = data.get("reason")
    if reason is not None and reason not in FORGET_REASONS:
        raise InputError(400, "invalid_reason",
                         f"The 'reason' may only be {', '.join(FORGET_REASONS)}.")
    return Forget(sender, reason == "quick_exit")


@dataclass(frozen=True)
class Tap:
    service: str
    kind: str  # call | chat | website


def check_tap_request(body: bytes | None, directory: Directory) -> Tap:
    """A tap on a service's button: exactly a known service id and a kind that service
    offers. Anything more (a conversation id, a page address) is refused, not ignored, so no
    client can slip an id into the counts."""
    if body and len(body) > MAX_TAP_BYTES:
        raise InputError(413, "body_too_large", f"A tap is at most {MAX_TAP_BYTES} bytes.")
    data = _json_object(body)
    if set(data) != {"service", "kind"}:
        raise InputError(400, "invalid_tap",
                         "Send exactly {\"service\": id, \"kind\": \"call\" | \"chat\" | "
                         "\"website\"}, nothing else.")
    service, kind = data["service"], data["kind"]
    if not isinstance(service, str) or service not in directory:
        raise InputError(400, "unknown_service", "The 'service' is not a service id of Wegwijzer.")
    if kind not in TAP_KINDS:
        raise InputError(400, "invalid_kind", f"The 'kind' must be one of {', '.join(TAP_KINDS)}.")
    offered = directory[service]
    if (kind == "call" and not offered.phone) or (kind == "chat" and not offered.chat_url):
        raise InputError(400, "invalid_kind", f"That service has no {kind} button.")
    return Tap(service, kind)


def _json_object(body: bytes | None) -> dict[str, Any]:
    if not body:
        raise InputError(400, "empty_body", "The request has no body; send JSON.")
    if len(body) > MAX_BODY_BYTES:
        raise InputError(413, "body_too_large", f"The request is over {MAX_BODY_BYTES} bytes.")
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise InputError(400, "malformed_json", "The request is not valid UTF-8 JSON.") from None
    if not isinstance(data, dict):
        raise InputError(400, "malformed_json", "The request must be a JSON object.")
    return data


def _check_sender(sender: Any) -> str:
    if not isinstance(sender, str) or not sender.strip():
        raise InputError(400, "missing_sender",
                         "Give a 'sender': an opaque id, new for every conversation.")
    if len(sender) > MAX_SENDER_CHARS or _CONTROL.search(sender):
        raise InputError(400, "invalid_sender",
                         f"The 'sender' must be at most {MAX_SENDER_CHARS} plain characters.")
    return sender


def _check_message(message: Any, language: str) -> str:
    if message is None:
        raise InputError(400, "missing_message", "Give a 'message' with the text to send.")
    if not isinstance(message, str):
        raise InputError(400, "invalid_message", "The 'message' must be text.")
    if not message.strip():
        raise InputError(400, "empty_message", _KIND_WORDS["empty_message"][language])
    if len(message) > MAX_MESSAGE_CHARS:
        raise InputError(413, "message_too_long", _KIND_WORDS["message_too_long"][language])
    if _CONTROL.search(message):
        raise InputError(400, "invalid_message", "The 'message' contains control characters.")
    return message


def _check_metadata(metadata: Any) -> dict[str, Any]:
    """Keep only the metadata fields of CONTRACT.md with known values."""
    if metadata is None:
        return {}
    if not isinstance(metadata, dict):
        raise InputError(400, "invalid_metadata", "The 'metadata' must be a JSON object.")
    kept: dict[str, Any] = {}
    if metadata.get("language") in LANGUAGES:
        kept["language"] = metadata["language"]
    if metadata.get("audience") in PAGE_AUDIENCES:
        kept["audience"] = metadata["audience"]
    # The demo's clock ("Saturday 23:30") may only steer demo conversations.
    clock = metadata.get("clock")
    if kept.get("audience") == "demo" and isinstance(clock, str) and _CLOCK.match(clock):
        kept["clock"] = clock
    return kept
