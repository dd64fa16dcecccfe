import textwrap

import pytest

from bot.datafile import DataError
from bot.directory import STABLE_IDS, load_directory


def test_directory_has_every_stable_id(signposter):
    assert set(signposter.directory.services) == set(STABLE_IDS)


def test_kindertelefoon_facts(signposter):
    service = signposter.directory["kindertelefoon"]
    assert service.phone == "0800-0432"
    assert (service.min_age, service.max_age) == (8, 18)
    assert service.fits_age(15) and not service.fits_age(19)


def test_unverified_hours_are_not_guessed(signposter):
    for service_id in ("helpwanted", "stop_it_now", "fier", "alles_oke"):
        assert signposter.directory[service_id].hours.verified is False


def _write(tmp_path, body):
    path = tmp_path / "services.yml"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


GOOD_ENTRY = """
  - id: kindertelefoon
    name: De Kindertelefoon
    audience: [young]
    phone: "0800-0432"
    chat_url: null
    url: https://www.kindertelefoon.nl
    hours: {always: true}
    for: {nl: x, en: x}
    why: {nl: x, en: x}
    who_answers: {nl: x, en: x}
    source: s
    verified_on: "2026-11-23"
"""


def test_error_names_file_line_and_field(tmp_path):
    path = _write(tmp_path, "services:" + GOOD_ENTRY.replace('"0800-0432"', '"call us"'))
    with pytest.raises(DataError) as error:
        load_directory(path)
    assert error.value.path == str(path)
    assert error.value.line == 5
    assert error.value.field == "services[0].phone"
    assert f"{path}:5: services[0].phone:" in str(error.value)


@pytest.mark.parametrize("change, field", [
    (("id: kindertelefoon", "id: digiraad"), "services[0].id"),
    (("audience: [young]", "audience: [kids]"), "services[0].audience"),
    (("url: https://www.kindertelefoon.nl", "url: http://x.nl"), "services[0].url"),
    (('verified_on: "2026-11-23"', 'verified_on: "recently"'), "services[0].verified_on"),
    (("hours: {always: true}", "hours: {verified: true}"), "services[0].hours.verified"),
    (("hours: {always: true}", "hours: {weekly: {mon: 9-5}}"), "services[0].hours.weekly"),
    (("source: s", "source: s\n    colour: red"), "services[0].colour"),
    (("    for: {nl: x, en: x}\n", ""), "services[0].for"),
])
def test_invalid_entries_are_refused(tmp_path, change, field):
    path = _write(tmp_path, "services:" + GOOD_ENTRY.replace(*change))
    with pytest.raises(DataError) as error:
        load_directory(path)
    assert error.value.field == field


def test_missing_stable_ids_are_refused(tmp_path):
    path = _write(tmp_path, "services:" + GOOD_ENTRY)
    with pytest.raises(DataError, match="missing stable ids"):
        load_directory(path)


def test_yaml_syntax_error_has_a_line(tmp_path):
    path = _write(tmp_path, "services:\n  - id: [unclosed\n")
    with pytest.raises(DataError, match=r"services.yml:\d+: not valid YAML"):
        load_directory(path)


def test_duplicate_keys_are_refused(tmp_path):
    path = _write(tmp_path, "services:" + GOOD_ENTRY.replace("source: s", "source: s\n    name: again"))
    with pytest.raises(DataError, match="appears twice"):
        load_directory(path)


def test_a_separate_chat_address_needs_a_dated_source(tmp_path):
    from bot.directory import DEFAULT_PATH, load_directory

    text = DEFAULT_PATH.read_text(encoding="utf-8").replace(
        "chat_url: https://www.helpwanted.nl", "chat_url: https://chat.helpwanted.nl", 1)
    path = tmp_path / "services.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError, match="chat_source"):
        load_directory(path)
    path.write_text(text.replace("chat_url: https://chat.helpwanted.nl",
                                 "chat_url: https://chat.helpwanted.nl\n    chat_source: "
                                 "helpwanted.nl/contact, 2026-11-30", 1), encoding="utf-8")
    assert load_directory(path)["helpwanted"].chat_url == "https://chat.helpwanted.nl"
