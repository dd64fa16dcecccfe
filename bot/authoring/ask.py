"""``python -m bot ask "text"``: the decision for one message, from the trained model,
without a server. For checking what a new phrase or rule does."""

from __future__ import annotations

import asyncio
from pathlib import Path

from bot import vocabulary
from bot.running.in_process import load_agent, quiet_rasa
from bot.signpost import Signposter, circumstances_for_turn, situation_for_turn


def ask(text: str, model: Path) -> int:
    """Print what the bot understood of ``text`` and which services it would point to."""
    quiet_rasa()
    parse = asyncio.run(load_agent(model).parse_message(text))
    signposter = Signposter.load()
    intent = parse["intent"]
    entities = parse.get("entities", [])
    print(f"intent:     {intent['name']} ({intent['confidence']:.2f})")
    ranking = ", ".join(f"{r['name']} {r['confidence']:.2f}" for r in parse["intent_ranking"][:3])
    print(f"ranking:    {ranking}")
    found = ", ".join(f"{e['entity']}={e['value']}" for e in entities)
    print(f"entities:   {found or '-'}")
    situation = situation_for_turn(intent["name"], parse["intent_ranking"], None)
    if intent["name"] in vocabulary.CRISIS_SITUATIONS:
        print(f"crisis:     {intent['name']} reply comes first")
    if situation is None:
        print("signpost:   none (a conversation reply from domain.yml)")
        return 0
    decision = signposter.decide(circumstances_for_turn(situation, entities, {}))
    known = decision.circumstances
    print(f"known:      language={known.language} age={known.age} "
          f"topics={','.join(sorted(known.topics)) or '-'} role={known.role}")
    print(f"rule:       {decision.rule.id} ({decision.rule.when.describe()})")
    for choice in decision.choices:
        print(f"service:    {choice.service.id} open_now={choice.open_now}"
              f"{' (open alternative)' if choice.alternative else ''}")
    for skip in decision.skipped:
        print(f"skipped:    {skip.service_id}: {skip.reason}")
    card = signposter.sayings.card(decision)
    if card:
        print(f"say:        {card['line']} ({card['opening']})")
    return 0
