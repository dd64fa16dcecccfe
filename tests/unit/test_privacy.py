import pytest

from bot.privacy import REMINDER, personal_details


@pytest.mark.parametrize("text, kind", [
    ("bel me op 0612345678", "phone"), ("mijn nummer is 06-12 34 56 78", "phone"),
    ("+31 6 12345678", "phone"), ("mail me: iemand@voorbeeld.nl", "email"),
    ("kijk op www.voorbeeld.com/pagina", "link"), ("https://example.org/x", "link"),
    ("ik woon op de Dorpsstraat 12", "address"), ("postcode 1234 AB", "address"),
    ("zijn insta is @stoere_jongen99", "username"),
])
def test_details_are_noticed(text, kind):
    assert kind in personal_details(text)


@pytest.mark.parametrize("text", [
    "ik ben 15 en word afgeperst", "ik heb 0800-0432 gebeld", "someone leaked my pics",
    "het gebeurde in 2023", "i'm 19",
])
def test_ordinary_messages_have_no_details(text):
    assert personal_details(text) == []


def test_reminder_never_repeats_the_detail():
    assert "0612345678" not in REMINDER.nl + REMINDER.en


def test_masking_removes_every_detail_and_keeps_the_rest():
    from bot.privacy import mask_details

    masked = mask_details("ik word afgeperst, bel 0612345678 of mail a@b.nl, @stoere_jongen")
    assert "0612345678" not in masked and "a@b.nl" not in masked and "stoere" not in masked
    assert masked.startswith("ik word afgeperst")
