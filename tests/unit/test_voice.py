"""One voice: Wegwijzer says "je" to everyone, in every Dutch text a person can see (issue 12)."""

import re

import pytest
import yaml

from bot.paths import ROOT

FORMAL = re.compile(r"\b(?:u|uw|U|Uw)\b")
FILES = ["data/messages.yml", "data/followups.yml", "data/signposting.yml", "data/services.yml",
         "domain.yml"]


def dutch_texts(node, path=""):
    """Every text under an "nl" key, and every response text of domain.yml."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "nl" and isinstance(value, str):
                yield path, value
            elif key == "text" and isinstance(value, str):
                yield path, value
            else:
                yield from dutch_texts(value, f"{path}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from dutch_texts(value, f"{path}[{index}]")


@pytest.mark.parametrize("name", FILES)
def test_no_formal_address_in_data(name):
    data = yaml.safe_load((ROOT / name).read_text(encoding="utf-8"))
    assert [(where, text) for where, text in dutch_texts(data) if FORMAL.search(text)] == []


def test_no_formal_address_in_the_widget_or_the_pages():
    script = (ROOT / "web" / "static" / "wegwijzer.js").read_text(encoding="utf-8")
    dutch = script[script.index("nl: {"):script.index("en: {")]
    pages = [(ROOT / "web" / "pages" / name).read_text(encoding="utf-8")
             for name in ("ouders.html", "chat.html", "voorbeeld.html")]
    for text in [dutch, *pages]:
        assert FORMAL.findall(re.sub(r"<[^>]+>|https?://\S+", " ", text)) == []
