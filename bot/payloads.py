"""Button payloads ("/parent") skip the NLU pipeline, so the page's facts must ride along.

Rasa parses a message that starts with "/" as an intent with optional entities
(``/parent{"language": "en"}``) and runs none of the pipeline's components. Without this,
an English page's first button press would get a Dutch answer, and a parents' page would
lose its audience. Entities the payload already names are kept.
"""

from __future__ import annotations

import json
import re
from typing import Any, Mapping

from bot.text import LANGUAGES

# The audiences whose page tells us the person's role (see addons/components.py).
AUDIENCE_ROLES = {"young": "young", "parent": "parent", "professional": "professional"}
# A button names the situation itself ("I'm a parent" on the young people's widget), so
# a payload only takes the role of adults' pages, which never send a child's button.
_PAYLOAD_ROLES = {"parent", "professional"}
_PAYLOAD = re.compile(r"^/(?P<intent>[a-z_]+)(?P<entities>\{.*\})?$", re.DOTALL)


def with_page_facts(message: str, metadata: Mapping[str, Any]) -> str:
    """The payload with the page's language and role added as entities; other text as is."""
    match = _PAYLOAD.match(message)
    if not match:
        return message
    try:
        entities = json.loads(match["entities"] or "{}")
    except ValueError:
        return message
    if not isinstance(entities, dict):
        return message
    if metadata.get("language") in LANGUAGES:
        entities.setdefault("language", metadata["language"])
    role = AUDIENCE_ROLES.get(str(metadata.get("audience")))
    if role in _PAYLOAD_ROLES:
        entities.setdefault("role", role)
    if not entities:
        return message
    return f"/{match['intent']}{json.dumps(entities, ensure_ascii=False)}"
