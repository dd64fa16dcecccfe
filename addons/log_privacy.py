"""Keep what people type out of every log line of the Rasa server and the action server.

Rasa logs message text, entities and sender ids at DEBUG level (its processor and
channels), and Sanic can write an access log with IP addresses. Installed at start-up
(by the channel and the actions module), this:
- drops every record below INFO, so nothing logged at DEBUG can carry content;
- removes content fields (text, entities, slots, sender ids, metadata) from structlog
  events at any level;
- drops Sanic's access log entirely;
- sends Python warnings through logging, without their text: Rasa warns "Failed to parse
  arguments in line '/...'" with the message itself, and warnings bypass logging filters.

Content logging is possible only for local debugging, and only when both
WEGWIJZER_ENVIRONMENT=development and WEGWIJZER_CONTENT_LOGS=1 are set (the run
command's ``--debug`` sets the second and refuses without the first).
"""

from __future__ import annotations

import logging
from typing import Any, MutableMapping

import structlog
from bot import settings

REDACTED = "[redacted]"
_CONTENT_WORDS = ("text", "entit", "sender", "slot", "metadata", "message", "tracker",
                  "events", "user", "payload", "value", "body", "json")
_installed = False


def content_logs_allowed() -> bool:
    """True only on a development machine that asked for content logs on purpose."""
    return settings.from_environment().content_logs


def redact_event(_: Any, __: str, event: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    """structlog processor: blank every field that could hold what a person typed."""
    for key in list(event):
        if key != "event" and any(word in key.lower() for word in _CONTENT_WORDS):
            event[key] = REDACTED
    return event


WARNING_WITHHELD = "A Python warning was raised; its text is not logged, as it may quote a message."


class PrivacyFilter(logging.Filter):
    """Drop DEBUG records and Sanic's access log, blank warnings' text; let the rest through."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name.startswith("sanic.access"):
            return False
        if record.name == "py.warnings":
            record.msg, record.args = WARNING_WITHHELD, ()
        return record.levelno >= logging.INFO


def install() -> None:
    """Install the filters once per process (a no-op when content logs are allowed)."""
    global _installed
    if _installed or content_logs_allowed():
        return
    _installed = True
    logging.captureWarnings(True)  # warnings become "py.warnings" records, filtered below
    privacy = PrivacyFilter()
    root = logging.getLogger()
    root.addFilter(privacy)
    for handler in root.handlers:
        handler.addFilter(privacy)
    for name in list(logging.Logger.manager.loggerDict) + ["sanic.access", "sanic.root",
                                                            "sanic.error", "py.warnings"]:
        logger = logging.getLogger(name)
        logger.addFilter(privacy)
        for handler in logger.handlers:
            handler.addFilter(privacy)
        if logger.level and logger.level < logging.INFO:
            logger.setLevel(logging.INFO)
    if root.level < logging.INFO:
        root.setLevel(logging.INFO)
    config = structlog.get_config()
    structlog.configure(
        processors=[redact_event, *config.get("processors", [])],
        wrapper_class=structlog.make_filtering_bound_logger(logging.INFO),
    )
