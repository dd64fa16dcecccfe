"""Turn a signposting decision into the bot's reply: readable text plus the CONTRACT.md payload.

The text is for clients that only show text (curl, a terminal); the ``custom`` payload is
for the widget, the demo and outside tools. Both come from the same Decision.
"""

from __future__ import annotations

from typing import Any

from bot.signposting import Choice, Decision, RuleTable
from bot.text import Text


def signpost_message(decision: Decision, table: RuleTable,
                     say: dict[str, Any] | None = None) -> dict[str, Any]:
    """One bot message: ``{"text": ..., "custom": {...}}`` as CONTRACT.md describes.

    ``say`` is the "what you can say" card (bot/say.py); it is added to the payload only
    when there is one, so crisis replies keep exactly their fixed form.
    """
    language = decision.circumstances.language
    intro = intro_text(decision, table)
    lines = [intro, ""] + [service_line(choice, table, language) for choice in decision.choices]
    custom = payload(decision, table, intro)
    if say:
        custom["say"] = say
    return {"text": "\n".join(lines).strip(), "custom": custom}


def intro_text(decision: Decision, table: RuleTable) -> str:
    """The rule's opening words, and a notice when the best fit is closed."""
    language = decision.circumstances.language
    parts = [table.intros[decision.rule.message].get(language)]
    if decision.closed_best:
        parts.append(_phrase(table, "closed", language, name=decision.closed_best.name))
        if decision.open_alternative:
            parts.append(_phrase(table, "open_alternative", language,
                                 name=decision.open_alternative.name))
    return " ".join(parts)


def service_line(choice: Choice, table: RuleTable, language: str) -> str:
    """'- Name: why. Call 0800-0432 | Chat: https://... | hours. Open now.'"""
    service = choice.service
    contacts = []
    if service.phone:
        contacts.append(_phrase(table, "call", language, phone=service.phone))
    if service.chat_url:
        contacts.append(_phrase(table, "chat", language, url=service.chat_url))
    else:
        contacts.append(_phrase(table, "website", language, url=service.url))
    hours = service.hours.describe(language)
    badge = open_badge(choice.open_now, table, language)
    details = " | ".join(contacts + [f"{hours} {badge}".strip()])
    return f"- {service.name}: {choice.why.get(language)}\n  {details}"


def open_badge(open_now: bool | None, table: RuleTable, language: str) -> str:
    if open_now is None:
        return ""
    return _phrase(table, "open_now" if open_now else "closed_now", language)


def payload(decision: Decision, table: RuleTable, intro: str) -> dict[str, Any]:
    """The ``custom`` object of CONTRACT.md, extended with ``intro`` and ``explanation``."""
    language = decision.circumstances.language
    return {
        "type": "signpost",
        "situation": decision.circumstances.situation,
        "rule": decision.rule.id,
        "language": language,
        "services": [service_entry(choice, language) for choice in decision.choices],
        "intro": intro,
        "explanation": explanation(decision),
    }


def service_entry(choice: Choice, language: str) -> dict[str, Any]:
    service = choice.service
    return {
        "id": service.id,
        "name": service.name,
        "phone": service.phone,
        "chat_url": service.chat_url,
        "url": service.url,
        "hours": service.hours.describe(language),
        "open_now": choice.open_now,
        "why": choice.why.get(language),
        "for": service.for_whom.get(language),
        "alternative": choice.alternative,
    }


def explanation(decision: Decision) -> dict[str, Any]:
    """Why this reply: the circumstances used, the rule and its conditions, what was left out.

    The circumstances go out under the key ``facts``, the name clients have always read."""
    circumstances = decision.circumstances
    return {
        "facts": {"situation": circumstances.situation, "age": circumstances.age,
                  "topics": sorted(circumstances.topics), "role": circumstances.role},
        "rule_conditions": decision.rule.when.describe(),
        "skipped": [{"id": skip.service_id, "reason": skip.reason} for skip in decision.skipped],
        "closed_best": decision.closed_best.id if decision.closed_best else None,
        "moment": decision.moment.isoformat(timespec="minutes") if decision.moment else None,
    }


def fallback_text(table: RuleTable, language: str) -> str:
    """The crisis numbers, said when the bot cannot give its full answer."""
    return table.phrases["fallback"].get(language)


def _phrase(table: RuleTable, key: str, language: str, **values: str) -> str:
    text: Text = table.phrases[key]
    return text.get(language).format(**values)
