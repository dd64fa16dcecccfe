import logging

from addons.log_privacy import REDACTED, WARNING_WITHHELD, PrivacyFilter, content_logs_allowed, \
    redact_event


def record(name, level):
    return logging.LogRecord(name, level, __file__, 1, "m", None, None)


def test_debug_records_and_access_log_are_dropped():
    privacy = PrivacyFilter()
    assert not privacy.filter(record("rasa.core.processor", logging.DEBUG))
    assert not privacy.filter(record("sanic.access", logging.INFO))
    assert privacy.filter(record("rasa.core.processor", logging.INFO))
    assert privacy.filter(record("root", logging.ERROR))


def test_structlog_content_fields_are_blanked():
    event = redact_event(None, "debug", {
        "event": "processor.message.parse", "parse_data_text": "secret",
        "parse_data_entities": [{"value": "secret"}], "sender_id": "abc", "text": "secret",
        "model_id": "m1"})
    assert event["event"] == "processor.message.parse"
    assert {event[k] for k in ("parse_data_text", "parse_data_entities", "sender_id", "text")} \
        == {REDACTED}
    assert event["model_id"] == "m1"


def test_content_logs_need_both_keys(monkeypatch):
    monkeypatch.setenv("WEGWIJZER_CONTENT_LOGS", "1")
    monkeypatch.delenv("WEGWIJZER_ENVIRONMENT", raising=False)
    assert not content_logs_allowed()
    monkeypatch.setenv("WEGWIJZER_ENVIRONMENT", "development")
    assert content_logs_allowed()


def test_warnings_keep_no_text():
    warning = logging.LogRecord("py.warnings", logging.WARNING, __file__, 1,
                                "UserWarning: Failed to parse arguments in line '/%s'",
                                ("secret",), None)
    assert PrivacyFilter().filter(warning)
    assert warning.getMessage() == WARNING_WITHHELD
