import json

import pytest

from bot.input_guard import MAX_MESSAGE_CHARS, InputError, check_request


def body(**fields):
    return json.dumps(fields).encode()


def test_a_good_request():
    turn = check_request(body(sender="abc", message="hoi", metadata={"language": "en"}))
    assert (turn.sender, turn.message, turn.metadata) == ("abc", "hoi", {"language": "en"})


@pytest.mark.parametrize("raw, status, code", [
    (b"", 400, "empty_body"),
    (b"{not json", 400, "malformed_json"),
    (b"\xff\xfe\x00binary", 400, "malformed_json"),
    (b"[1, 2]", 400, "malformed_json"),
    (body(message="hoi"), 400, "missing_sender"),
    (body(sender="", message="hoi"), 400, "missing_sender"),
    (body(sender="   ", message="hoi"), 400, "missing_sender"),
    (body(sender=123, message="hoi"), 400, "missing_sender"),
    (body(sender="x" * 500, message="hoi"), 400, "invalid_sender"),
    (body(sender="abc"), 400, "missing_message"),
    (body(sender="abc", message=""), 400, "empty_message"),
    (body(sender="abc", message=" \n "), 400, "empty_message"),
    (body(sender="abc", message=["hoi"]), 400, "invalid_message"),
    (body(sender="abc", message="a\x00b"), 400, "invalid_message"),
    (body(sender="abc", message="x" * (MAX_MESSAGE_CHARS + 1)), 413, "message_too_long"),
    (b"x" * 20000, 413, "body_too_large"),
    (body(sender="abc", message="hoi", metadata="nl"), 400, "invalid_metadata"),
])
def test_bad_input_is_refused_with_a_clear_error(raw, status, code):
    with pytest.raises(InputError) as error:
        check_request(raw)
    assert (error.value.status, error.value.code) == (status, code)
    assert error.value.as_json()["message"]


def test_error_never_repeats_the_message():
    secret = "geheim-" + "x" * MAX_MESSAGE_CHARS
    with pytest.raises(InputError) as error:
        check_request(body(sender="abc", message=secret))
    assert "geheim" not in json.dumps(error.value.as_json())


def test_html_is_accepted_as_plain_text():
    assert check_request(body(sender="a", message="<script>alert(1)</script>")).message


def test_kind_words_follow_the_language():
    with pytest.raises(InputError) as error:
        check_request(body(sender="a", message="x" * 2000, metadata={"language": "en"}))
    assert error.value.message.startswith("Your message is too long")


def test_unknown_metadata_is_dropped():
    turn = check_request(body(sender="a", message="hoi",
                              metadata={"language": "fr", "audience": "parent", "x": 1}))
    assert turn.metadata == {"audience": "parent"}


@pytest.mark.parametrize("message", ["/greet{\"language\": \"x\"}", "/sanne", "/restart",
                                     "/inform_age{\"age\": 1e999}", "/ ik wil hulp", "/"])
def test_only_a_buttons_intent_may_start_with_a_slash(message):
    with pytest.raises(InputError) as refused:
        check_request(body(sender="abc", message=message, metadata={"language": "en"}),
                      buttons={"parent", "greet"})
    assert (refused.value.status, refused.value.code) == (400, "reserved_message")
    assert "/" in refused.value.message and "button" in refused.value.message


def test_a_buttons_intent_passes():
    turn = check_request(body(sender="abc", message="/parent"), buttons={"parent", "greet"})
    assert turn.message == "/parent"


# Forgetting a conversation, and taps on a service's buttons

def test_a_forget_request_says_whether_it_is_the_quick_exit():
    from bot.input_guard import check_forget_request

    assert check_forget_request(body(sender="abc")).quick_exit is False
    forget = check_forget_request(body(sender="abc", reason="quick_exit"))
    assert (forget.sender, forget.quick_exit) == ("abc", True)
    with pytest.raises(InputError) as refused:
        check_forget_request(body(sender="abc", reason="canary words"))
    assert refused.value.status == 400 and "canary" not in refused.value.message


@pytest.fixture(scope="module")
def directory():
    from bot.directory import load_directory

    return load_directory()


def test_a_good_tap(directory):
    from bot.input_guard import check_tap_request

    tap = check_tap_request(body(service="helpwanted", kind="call"), directory)
    assert (tap.service, tap.kind) == ("helpwanted", "call")
    assert check_tap_request(body(service="113", kind="chat"), directory).kind == "chat"


@pytest.mark.parametrize("raw, status, code", [
    (b"", 400, "empty_body"),
    (b"{not json", 400, "malformed_json"),
    (body(service="helpwanted"), 400, "invalid_tap"),
    (body(service="helpwanted", kind="call", sender="abc"), 400, "invalid_tap"),
    (body(service="helpwanted", kind="call", referrer="https://example.org/page"), 400,
     "invalid_tap"),
    (body(service="canary-service", kind="call"), 400, "unknown_service"),
    (body(service=["helpwanted"], kind="call"), 400, "unknown_service"),
    (body(service="helpwanted", kind="sms"), 400, "invalid_kind"),
    (body(service="112", kind="chat"), 400, "invalid_kind"),  # 112 has no chat
    (body(service="helpwanted", kind="call", x="y" * 300), 413, "body_too_large"),
])
def test_a_bad_tap_is_refused(directory, raw, status, code):
    from bot.input_guard import check_tap_request

    with pytest.raises(InputError) as refused:
        check_tap_request(raw, directory)
    assert (refused.value.status, refused.value.code) == (status, code)
    assert "canary" not in refused.value.message
