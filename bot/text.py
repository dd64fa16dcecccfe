"""Texts in Dutch and English, the two languages Wegwijzer answers in."""

from __future__ import annotations

from dataclasses import dataclass

from bot.datafile import Node

from bot.vocabulary import DEFAULT_LANGUAGE, LANGUAGES  # noqa: F401  (where texts look)


@dataclass(frozen=True)
class Text:
    """One text in Dutch and English."""

    nl: str
    en: str

    def get(self, language: str) -> str:
        return self.en if language == "en" else self.nl

    @classmethod
    def read(cls, node: Node, key: str) -> "Text":
        texts = node.child(key)
        texts.check_keys(set(LANGUAGES))
        return cls(nl=texts.text("nl"), en=texts.text("en"))
