"""Notice personal details in a message, so the bot can ask people not to share them.

The bot never repeats the details back and never opens a link: this only says *which
kinds* of detail a message seems to hold, for a gentle reminder.
"""

from __future__ import annotations

import re

from bot.text import Text

_PATTERNS = {
    "email": re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+"),
    "link": re.compile(r"\b(?:https?://|www\.)\S+|\b[\w-]+\.(?:nl|com|org|net|be|eu|io|me)"
                       r"(?:/\S*)?\b", re.IGNORECASE),
    "phone": re.compile(r"(?:\+31|0031|\b0)[\s-]?(?:\d[\s-]?){8,9}\b"),
    "address": re.compile(r"\b[A-Z][a-z]+(?:straat|laan|weg|plein|gracht|kade|dijk|singel|"
                          r"steeg|hof|pad|dreef)\s+\d{1,4}[a-zA-Z]?\b|\b\d{4}\s?[A-Z]{2}\b"),
    "username": re.compile(r"(?<![\w.])@[A-Za-z0-9_.]{3,30}\b"),
}
REMINDER = Text(
    nl="Deel hier liever geen persoonlijke gegevens, zoals een telefoonnummer, adres, "
       "e-mailadres, link of gebruikersnaam. Ik heb ze niet nodig om je verder te helpen, "
       "en ik bewaar ze niet.",
    en="Please don't share personal details here, such as a phone number, address, e-mail, "
       "link or username. I don't need them to help you, and I don't keep them.",
)


def mask_details(text: str) -> str:
    """The text with every personal detail blanked out, so a phone number or a link never
    sways the classifier (digits otherwise look like an age) and never reaches a feature."""
    for pattern in _PATTERNS.values():
        text = pattern.sub(" ", text)
    return text


def personal_details(text: str) -> list[str]:
    """The kinds of personal detail found in ``text`` (never the details themselves)."""
    found = []
    for kind, pattern in _PATTERNS.items():
        if pattern.search(text):
            found.append(kind)
    if "email" in found and "username" in found:
        found.remove("username")
    return found
