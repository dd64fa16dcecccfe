"""The crisis-only sentence classifier: trains, reads sentences apart, saves without pickle."""

from bot.crisis_model import SentenceCrisisModel

TEXTS = ["ik wil dood", "ik wil niet meer leven", "ik zie geen uitweg meer",
         "hij staat voor de deur", "help hij slaat me nu", "er is iemand in huis",
         "hoe laat is het", "mijn zoon wordt afgeperst", "wat is het weer morgen",
         "ik vond beelden online", "hoi", "bedankt"]
INTENTS = ["crisis_suicide"] * 3 + ["emergency"] * 3 + ["out_of_scope", "parent",
                                                        "out_of_scope", "report_material",
                                                        "greet", "thanks"]


def test_one_verdict_per_sentence_with_the_likelier_crisis_kind():
    model = SentenceCrisisModel.train(TEXTS, INTENTS)
    verdicts = model.verdicts("hoe laat is het. ik wil dood")
    assert len(verdicts) == 2
    assert verdicts[1]["name"] == "crisis_suicide"
    assert verdicts[1]["confidence"] > verdicts[0]["confidence"]


def test_saved_and_loaded_model_gives_the_same_answers(tmp_path):
    model = SentenceCrisisModel.train(TEXTS, INTENTS)
    model.save(tmp_path)
    loaded = SentenceCrisisModel.load(tmp_path)
    text = "hij staat voor de deur. ik ben bang"
    assert loaded.verdicts(text) == model.verdicts(text)
    assert not list(tmp_path.glob("*.pkl"))
