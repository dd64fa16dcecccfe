"""Custom NLU components: the safety screen, the language and the facets of a message.

They run inside the trained pipeline (see config.yml) and report what they find as
entities, which Rasa copies into slots. Entity values are labels the bot chose ("nl",
"sextortion", "15"), never a piece of the person's text.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot import language
from bot.facets import facet_matcher, find_facets
from bot.payloads import AUDIENCE_ROLES
from bot.privacy import mask_details
from bot.safety import safety_matcher, screen

METADATA = "metadata"


def _entity(name: str, value: Any, extractor: str) -> Dict[Text, Any]:
    return {"entity": name, "value": value, "extractor": extractor, "confidence": 1.0}


def _add_entities(message: Message, found: List[Dict[Text, Any]]) -> None:
    if found:
        message.set(ENTITIES, message.get(ENTITIES, []) + found, add_to_output=True)


def _metadata(message: Message) -> Dict[Text, Any]:
    metadata = message.get(METADATA)
    return metadata if isinstance(metadata, dict) else {}


class _RuleComponent(GraphComponent):
    """A component with nothing to train: it reads the message and adds what it finds."""

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage,
               resource: Resource, execution_context: ExecutionContext) -> GraphComponent:
        return cls()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            if isinstance(text, str) and text and not text.startswith("/"):
                self.process_one(message, text)
        return messages

    def process_one(self, message: Message, text: str) -> None:
        raise NotImplementedError


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER],
                          is_trainable=False)
class DetailMasker(_RuleComponent):
    """Blanks phone numbers, e-mail addresses, links, street addresses and usernames.

    First in the pipeline, so no later component (and no feature) sees them. The person
    is reminded not to share them by the channel.
    """

    def process_one(self, message: Message, text: str) -> None:
        masked = mask_details(text)
        if masked != text:
            message.set(TEXT, masked)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER],
                          is_trainable=False)
class SafetyScreen(_RuleComponent):
    """Sets the intent to crisis_suicide or emergency when a curated crisis phrase matches.

    Placed after the classifier and the FallbackClassifier, so it overrides both. The
    classifier's ranking is kept below it, so a second situation can still be answered.
    """

    def __init__(self) -> None:
        safety_matcher()  # load the phrase list at start-up, not on the first message

    def process_one(self, message: Message, text: str) -> None:
        hits = screen(text)
        if not hits:
            return
        label = hits[0].label
        intent = {"name": label, "confidence": 1.0}
        ranking = [r for r in message.get(INTENT_RANKING_KEY, []) if r.get("name") != label]
        message.set(INTENT, intent, add_to_output=True)
        message.set(INTENT_RANKING_KEY, [intent] + ranking, add_to_output=True)
        _add_entities(message, [_entity("safety", label, self.__class__.__name__)])


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR],
                          is_trainable=False)
class LanguageDetector(_RuleComponent):
    """Adds a ``language`` entity when the language to answer in is clear.

    No entity means: keep the conversation's language (Dutch by default).
    """

    def process_one(self, message: Message, text: str) -> None:
        intent = (message.get(INTENT) or {}).get("name")
        chosen = language.requested(text) if intent == "switch_language" else None
        chosen = chosen or language.choose(text, _metadata(message).get("language"))
        if chosen:
            _add_entities(message, [_entity("language", chosen, self.__class__.__name__)])


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR],
                          is_trainable=False)
class FacetExtractor(_RuleComponent):
    """Adds ``age``, ``topic`` and ``role`` entities from the curated facet lists.

    The role can also come from the website: a parents' page sends audience "parent".
    """

    def __init__(self) -> None:
        facet_matcher()

    def process_one(self, message: Message, text: str) -> None:
        facets = find_facets(text)
        name = self.__class__.__name__
        found = [_entity("topic", topic, name) for topic in facets.topics]
        if facets.age is not None:
            found.append(_entity("age", facets.age, name))
        role = facets.role or AUDIENCE_ROLES.get(_metadata(message).get("audience"))
        if role:
            found.append(_entity("role", role, name))
        _add_entities(message, found)
