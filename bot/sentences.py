"""Split a message into sentences, so that each one is read on its own.

A long story can hold its point anywhere; reading sentence by sentence finds a crisis in
the last line, and keeps words from different sentences from forming one phrase.
"""

from __future__ import annotations

import re

# A sentence ends at . ! ? or … (maybe with a closing quote or bracket) before a space, or
# at a line break.
_BOUNDARY = re.compile(r"(?<=[.!?…])\s+|(?<=[.!?…][\"')\]])\s+|\s*\n+\s*")


def split(text: str) -> list[str]:
    """The sentences of ``text``, stripped, without empty ones (at least the text itself)."""
    parts = [part.strip() for part in _BOUNDARY.split(text)]
    return [part for part in parts if part] or [text.strip()]
