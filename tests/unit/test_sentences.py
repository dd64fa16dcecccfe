import pytest

from bot.sentences import split


@pytest.mark.parametrize("text, expected", [
    ("Hoi. Ik ben 15!! Hij dreigt...", ["Hoi.", "Ik ben 15!!", "Hij dreigt..."]),
    ("eerste regel\ntweede regel", ["eerste regel", "tweede regel"]),
    ("het kost 3.50 euro? ja", ["het kost 3.50 euro?", "ja"]),
    ("geen punt aan het eind", ["geen punt aan het eind"]),
    ('"Stop." zei ik. Hij ging door', ['"Stop."', "zei ik.", "Hij ging door"]),
])
def test_split(text, expected):
    assert split(text) == expected


def test_a_message_of_only_spaces_is_kept_as_one_sentence():
    assert split("   ") == [""]
