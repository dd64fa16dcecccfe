"""The trained model in this process, without servers: for ``python -m bot ask``, the
tests and the benchmarks.

Rasa is imported only when a function here runs, so importing this module stays cheap.
"""

from __future__ import annotations

import logging
import uuid
from pathlib import Path
from typing import Any

from bot.running.serve import DEFAULT_MODEL

# No action server listens here: a crisis reply must not need one.
DEAD_ACTION_ENDPOINT = "http://127.0.0.1:9/webhook"


def quiet_rasa() -> None:
    """Only Rasa's errors, not its start-up chatter."""
    import structlog

    logging.disable(logging.ERROR)
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.CRITICAL))


def load_agent(model: Path = DEFAULT_MODEL) -> Any:
    """The model as a Rasa Agent, with a dead action endpoint."""
    import skops.io  # noqa: F401  (before Rasa imports TensorFlow: see addons/rasa_cli.py)
    from rasa.core.agent import Agent
    from rasa.utils.endpoints import EndpointConfig

    return Agent.load(str(model), action_endpoint=EndpointConfig(DEAD_ACTION_ENDPOINT))


async def first_service_of_reply(agent: Any, text: str) -> str | None:
    """Run the message through the real dialogue and return the first reply's first service.

    The channel's collector is used, as in production, so a reply's text and its signpost
    payload stay one message.
    """
    from rasa.core.channels.channel import UserMessage

    from addons.channel import MessageCollector

    collector = MessageCollector()
    await agent.handle_message(UserMessage(text, collector, f"eval-{uuid.uuid4().hex}"))
    for reply in collector.messages[:1]:
        services = (reply.get("custom") or {}).get("services") or []
        return services[0]["id"] if services else None
    return None
