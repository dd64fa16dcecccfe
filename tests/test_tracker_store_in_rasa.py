"""The real Rasa dialogue, in-process, with our tracker store: what does the store hold?"""

import asyncio
import uuid

from rasa.core.agent import Agent
from rasa.utils.endpoints import EndpointConfig

from addons.tracker_store import PrivateTrackerStore
from bot.running.serve import DEFAULT_MODEL

CANARY = f"canary{uuid.uuid4().hex[:10]}"


def test_store_after_real_conversations_holds_no_text(agent):
    store = PrivateTrackerStore(agent.domain)
    private = Agent.load(str(DEFAULT_MODEL), tracker_store=store,
                         action_endpoint=EndpointConfig("http://127.0.0.1:9/webhook"))

    async def talk():
        for text in ("hoi", f"ik word afgeperst met m'n nudes {CANARY}",
                     f"ik ben 15, mijn naam is {CANARY}", f"i want to die {CANARY}",
                     f'/greet{{"language": "{CANARY}"}}'):
            await private.handle_text(text, sender_id="person-1")

    asyncio.run(talk())
    inner = getattr(private.tracker_store, "_tracker_store", private.tracker_store)
    assert inner is store
    held = asyncio.run(store.stored_text())
    assert "person-1" in held and "young_person" in held
    assert CANARY not in held
