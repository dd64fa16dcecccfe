"""Custom NLU components: the detail masker, the classifiers and the interpreter.

They run inside the trained pipeline (see config.yml) and report what they find as the
intent and as entities, which Rasa copies into slots. What a message means is decided in
``bot.understanding``; these are thin adapters. Entity values are labels the bot chose ("nl",
"sextortion", "15"), never a piece of the person's text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.crisis_model import SENTENCE_CRISIS, SentenceCrisisModel, contiguous_weights
from bot.facets import facet_matcher
from bot.payloads import AUDIENCE_ROLES
from bot.privacy import mask_details
from bot.safety import safety_matcher
from bot.understanding import interpret, load_settings

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
                          is_trainable=True)
class IntentClassifier(LogisticRegressionClassifier):
    """Rasa's LogisticRegressionClassifier with its weights laid out for fast prediction.

    Prediction multiplies the message's features with the transposed weights; when those are
    not contiguous, scipy copies the whole (features x intents) matrix for every message,
    which took over a millisecond per message. Same model, same results.
    """

    @classmethod
    def load(cls, *args: Any, **kwargs: Any) -> "IntentClassifier":
        component = super().load(*args, **kwargs)
        contiguous_weights(component.clf)
        return component

    def train(self, training_data: TrainingData) -> Resource:
        resource = super().train(training_data)
        contiguous_weights(self.clf)
        return resource


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER],
                          is_trainable=True)
class CrisisSentenceClassifier(GraphComponent):
    """A second, crisis-only classifier that reads every sentence on its own.

    Trained on the same examples as the main classifier, with three labels: crisis_suicide,
    emergency and none. It gives, per sentence, the likelier crisis kind and its confidence
    (``sentence_crisis``), so a crisis line at the end of a long story is not drowned out.
    bot.understanding decides what that means.
    """

    def __init__(self, model_storage: ModelStorage, resource: Resource,
                 model: Optional[SentenceCrisisModel] = None) -> None:
        self._storage, self._resource, self._model = model_storage, resource, model

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage,
               resource: Resource, execution_context: ExecutionContext) -> GraphComponent:
        return cls(model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        examples = [(m.get(TEXT), m.get(INTENT)) for m in training_data.intent_examples]
        self._model = SentenceCrisisModel.train([t for t, _ in examples], [i for _, i in examples])
        with self._storage.write_to(self._resource) as directory:
            self._model.save(Path(directory))
        return self._resource

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> GraphComponent:
        with model_storage.read_from(resource) as directory:
            return cls(model_storage, resource, SentenceCrisisModel.load(Path(directory)))

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            if self._model and isinstance(text, str) and text and not text.startswith("/"):
                message.set(SENTENCE_CRISIS, self._model.verdicts(text))
        return messages


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER],
                          is_trainable=False)
class Interpreter(_RuleComponent):
    """Sets the intent, the facets and the language from ``bot.understanding.interpret``:
    one decision.

    Placed after the classifiers. A crisis (113/112) becomes the intent with the
    classifier's ranking kept below it, so a second situation can still be answered; an
    unsure guess becomes ``nlu_fallback`` (a clarifying question). No ``language`` entity
    means: keep the conversation's language (Dutch by default).
    """

    def __init__(self) -> None:
        load_settings()  # load the phrase lists at start-up, not on the first message
        safety_matcher()
        facet_matcher()

    def process_one(self, message: Message, text: str) -> None:
        ranking = message.get(INTENT_RANKING_KEY) or []
        metadata = _metadata(message)
        understood = interpret(text, ranking, message.get(SENTENCE_CRISIS) or (),
                               page_language=metadata.get("language"))
        intent = {"name": understood.intent, "confidence": understood.confidence}
        ranking = [r for r in ranking if r.get("name") not in understood.crisis]
        crisis = [{"name": kind, "confidence": 1.0} for kind in understood.crisis]
        message.set(INTENT, intent, add_to_output=True)
        message.set(INTENT_RANKING_KEY, crisis + ranking, add_to_output=True)
        name = self.__class__.__name__
        found = [_entity("safety", kind, name) for kind in understood.crisis[:1]]
        facets = understood.facets
        found += [_entity("topic", topic, name) for topic in facets.topics]
        if facets.age is not None:
            found.append(_entity("age", facets.age, name))
        if facets.other_age is not None:
            found.append(_entity("child_age", facets.other_age, name))
        if facets.recent:
            found.append(_entity("time", "recent", name))
        role = facets.role or AUDIENCE_ROLES.get(str(metadata.get("audience")))
        if role:
            found.append(_entity("role", role, name))
        if understood.language:
            found.append(_entity("language", understood.language, name))
        _add_entities(message, found)
