"""The safety screen must find crisis messages whatever the classifier thinks."""

import pytest

from bot import phrases
from bot.phrases import PhraseMatcher
from bot.datafile import DataError
from bot.safety import safety_matcher, screen

SUICIDAL = [
    "ik wil dood", "ik wil niet meer leven", "ik wil er niet meer zijn", "wil echt dooood",
    "ik denk aan zelfmoord", "zelfmoordgedachten", "iedereen is beter af zonder mij",
    "ik ga er een eind aan maken", "ik zie het niet meer zitten",
    "ik word afgeperst en wil dood", "i want to die", "i wanna kms", "thinking about suicide",
    "i dont want to live anymore", "I don't want to be alive", "everyone would be better off without me",
    "im going to kill myself", "i want to end my life", "feeling suicidal",
    "ik ben bang dat ik mezelf iets aandoe", "sucide feels like the only way out",
    "i think about taking my own life", "zelfmoort",
]
DANGER = [
    "hij staat nu voor mijn deur", "ik ben in gevaar", "hij slaat me", "ik word gevolgd",
    "ik zit opgesloten", "he is at my door", "im in danger", "someone is following me",
    "he locked me in", "he is going to kill me", "help me now", "hes gonna hurt me",
    "hij gaat me slaan", "kom snel, hij is hier", "ze komen eraan", "hij zoekt me",
    "ik heb me verstopt in de wc", "come quickly", "theyre outside", "he is coming for me",
    "im hiding from him",
]
# Indirect signs and danger described without the word "danger" (issue 11).
INDIRECT_SUICIDAL = [
    "ik heb pillen gespaard", "ik spaar al weken pillen", "i wrote goodbye letters",
    "been giving my stuff away so they have something to remember me by",
    "ik heb al een afscheidsbrief geschreven", "i've been saving up my meds",
    "ik kras weer in mn arm", "straks ben ik er niet meer", "als ik er niet meer ben",
    "nobody will miss me when i'm gone", "i want to dieeee", "ik heb pilen gespaard",
    # Means at hand, places, goodbyes and self-harm in more words (round 2, tuned on the
    # development sets).
    "de pillen liggen naast me", "ik heb net heel veel pillen genomen", "pills are lined up",
    "i took a lot of pills an hour ago", "ik loop nu naar het spoor", "im at the bridge rn",
    "ik heb mijn spullen weggegeven, ik heb ze toch niet meer nodig",
    "mam als je dit leest, het spijt me", "i deleted all my socials, its easier this way",
    "ik brand mezelf met een aansteker", "i punch walls until my knuckles bleed",
    "tired of being alive", "i'm going to walk into the sea tonight",
    "dan maak ik mezelf van kant", "wie mijn spullen krijgt heb ik al opgeschreven",
    # Round 3 (tuned on held-out v2 after it was reported).
    "ik zit op de rand van het dak", "hij zegt dat hij zich van kant maakt",
    "i made a list of who gets my stuff", "does drowning hurt a lot",
    "she wrote that she wants to kill herself", "i'm on the top floor of the car park",
]
# Round 4 (tuned on held-out v3 after it was reported): means and ways said plainly.
ROUND_4_SUICIDAL = [
    "Hoeveel paracetamol is genoeg? Vraag voor mezelf.",
    "ben op het balkon 9 hoog en mn benen hangen al over de rand",
    "ik zit in de auto met de motor aan in de dichte garage", "is het pijnlijk als je verdrinkt?",
    "How many paracetamol is too many. not for a school project",
    "i dont see myself being here by christmas",
    "my friend sent a pic of the tracks with the caption last view", "take care of the cat for me",
    "who would my life insurance go to",
]
ROUND_4_DANGER = [
    "iemand probeert mn slaapkamerraam open te duwen", "mn vriendje zit op me en ik krijg geen lucht",
    "mn ex staat in de tuin met een honkbalknuppel", "ze hebben de deur van de kamer op slot gedaan",
    "Two guys are carrying a girl who can't stand out of the club into a car",
    "I just saw a man force a teenage girl into the boot of a car",
    "My ex is downstairs, he's not supposed to know where i live",
    "mijn stiefvader slaat haar", "he is throwing chairs at her", "shes on the floor bleeding",
]
DANGER_NOW = [
    "hij bonkt nu op mn raam", "my friend is passed out at a party and a guy is taking her upstairs",
    "ik zit in zijn auto en hij laat me er niet uit", "my dad is drunk and hitting my mum",
    "someone is trying to get in", "er is iemand in mijn huis",
    "hij heeft zijn handen om haar nek", "she is pinned against the wall", "hij ramt op de voordeur",
    "they are trying to push me into a van", "er staat een man in onze tuin",
    "my dad is hitting my brother and now he's not moving", "ze sleurt me aan mn haar",
    "mn moeders vriend heeft net een mes gepakt", "he says he'll kick the door in",
    "im in the boot of a car", "er rammelt iemand aan de voordeur",
    "he is trying the door handle of my room", "ik lig verstopt onder het bed",
]
IDIOMS = [
    "dit examen maakt me dood", "schiet mij maar lek", "ik lach me dood", "this exam is killing me",
    "my phone died", "ik ga dood van de honger", "volgens mij klopt dat niet",
    "hij hield me vast", "i cut myself by accident while cooking",
    "my teacher is gonna kill me, i forgot my essay", "hoe train ik voor een 5 km loop",
    "ik sla mezelf voor mijn kop, wachtwoord vergeten", "mijn kat volgt me overal",
    "i'd rather die than wear that", "we lopen morgen over de brug met de klas",
    "ik zat even opgesloten op de wc haha", "my ball is on the shed roof",
    "de webshop reageert niet op mijn mails", "please cancel my order right now",
    "dat is sociale zelfmoord", "ik ben al tien keer doodgegaan bij die baas",
    "er staat iemand met een klembord voor de deur", "is 1 paracetamol genoeg tegen hoofdpijn",
    "i'm not in any danger", "ik ben niet in gevaar", "welke medicijnen zijn gevaarlijk voor honden",
    "hij staat in de tuin te werken", "mijn oom zit in de gang te bellen",
    "mijn moeder gaat me vermoorden lol, ik ben te laat",
]
NOT_CRISIS = [
    "ik word afgeperst met m'n nudes", "mijn hond is dood", "someone is threatening to leak my pics",
    "my son is being blackmailed", "ik heb beelden gevonden online", "hoe laat is het",
    "i found abuse images on a forum", "ik was als kind misbruikt",
]


@pytest.mark.parametrize("text, kind", [
    *((text, "crisis_suicide") for text in SUICIDAL + INDIRECT_SUICIDAL),
    *((text, "crisis_suicide") for text in ROUND_4_SUICIDAL),
    *((text, "emergency") for text in DANGER + DANGER_NOW + ROUND_4_DANGER),
])
def test_crisis_is_caught_also_when_said_indirectly(text, kind):
    assert screen(text)[0].label == kind


@pytest.mark.parametrize("text", NOT_CRISIS + IDIOMS)
def test_ordinary_messages_idioms_jokes_and_the_past_are_not_a_crisis(text):
    assert screen(text) == []


def test_a_crisis_at_the_end_of_a_long_story_is_found():
    story = ("Iemand op insta heeft foto's van mij. Hij wil 200 euro, anders stuurt hij ze naar "
             "mijn school. Ik heb al een keer betaald. Ik wil niet meer leven.")
    assert screen(story)[0].label == "crisis_suicide"


def test_words_from_different_sentences_do_not_make_a_phrase():
    assert screen("Hij wil geld dood eng")  # one sentence: "wil ... dood" matches
    assert screen("Hij wil geld. Dood eng is het.") == []


def test_an_idiom_only_cancels_the_phrase_it_covers():
    assert screen("ik lach me dood") == []
    hits = screen("ik lach me dood. maar eerlijk, ik wil dood")
    assert {hit.label for hit in hits} == {"crisis_suicide"}


def test_danger_comes_before_suicide_when_both_match():
    hits = screen("ik wil dood, hij staat voor mijn deur")
    assert [hit.label for hit in hits][:1] == ["emergency"]
    assert "crisis_suicide" in {hit.label for hit in hits}


def test_hits_name_the_pattern_not_the_persons_words():
    hit = screen("Ik wil echt dooood!!")[0]
    assert "dooood" not in hit.pattern


@pytest.mark.parametrize("pattern, text, found", [
    ("zelfmoord*", "zelfmoordgedachten", True),
    ("wil|wilde dood", "wilde dood", True),
    ("[echt] niet meer", "niet meer", True),
    ("[echt] niet meer", "echt niet meer", True),
    ("wil ... dood", "wil echt heel erg dood", True),
    ("wil ... dood", "wil een twee drie vier dood", False),
    ("dont want", "I don't want", True),
])
def test_pattern_syntax(pattern, text, found):
    assert bool(PhraseMatcher({"x": [pattern]}).hits(text)) is found


@pytest.mark.parametrize("pattern, text, found", [
    ("pil|pillen + sparen", "ik heb pillen gespaard", True),
    ("pil|pillen + sparen", "gespaard heb ik pillen", True),
    ("pil|pillen + sparen", "ik heb pillen", False),
    ("goodbye letter / suicide note", "i left a suicide note", True),
    ("goodbye letter / suicide note", "a goodbye note", False),
])
def test_combined_and_alternative_phrases(pattern, text, found):
    matcher = PhraseMatcher({"x": [pattern]}, languages={"x": "nl" if "pil" in pattern else "en"})
    assert bool(matcher.hits(text)) is found


def test_lemmas_cover_inflections_and_exact_labels_do_not():
    lemmas = PhraseMatcher({"x": ["hij slaat me"]}, languages={"x": "nl"})
    exact = PhraseMatcher({"x": ["hij slaat me"]}, languages={"x": "nl"}, exact=frozenset({"x"}))
    assert lemmas.hits("hij sloeg me") and not exact.hits("hij sloeg me")
    assert exact.hits("hij slaat me")


def test_pattern_of_only_optional_words_is_refused():
    with pytest.raises(Exception, match="at least one word"):
        PhraseMatcher({"x": ["[maybe]"]})


def test_a_word_class_stands_for_each_of_its_words_and_hits_name_the_class(tmp_path):
    path = tmp_path / "safety.yml"
    path.write_text(_safety_file('"{means} + gespaard"', 'words:\n  means:\n    nl: [tablet, slaappil*]\n'
                                 '    en: [pill]\n'))
    matcher = safety_matcher.__wrapped__(str(path))
    assert matcher.hits("ik heb slaappillen gespaard")  # a word* is a prefix
    assert matcher.hits("ik heb tabletten gespaard")  # a plain word in any of its forms
    assert matcher.hits("ik heb tabletten gespaard")[0].pattern == "{means} + gespaard"
    assert not matcher.hits("ik heb geld gespaard")


@pytest.mark.parametrize("words, problem", [
    ("", "{means}, which is not under words:"),
    ("words:\n  means:\n    nl: [twee woorden]\n    en: [pill]\n", "single words"),
])
def test_a_wrong_word_class_is_reported_with_file_and_line(tmp_path, words, problem):
    path = tmp_path / "safety.yml"
    path.write_text(_safety_file('"{means} + gespaard"', words))
    with pytest.raises(DataError, match=problem) as error:
        safety_matcher.__wrapped__(str(path))
    assert error.value.line is not None


def _safety_file(suicide_nl: str, words: str) -> str:
    lists = "\n".join(f"{kind}:\n  nl: [x{kind}]\n  en: [y{kind}]" for kind in
                      ("emergency", "not_crisis", "danger_over"))
    return f"crisis_suicide:\n  nl: [{suicide_nl}]\n  en: [yes]\n{lists}\n{words}"


@pytest.mark.parametrize("pattern", ["kind|kindje|baby + huilt", "[echt] niet|nie meer leven",
                                     "zelfmoord*|suicid* + gedacht", "hij|zij slaat ... me"])
def test_one_pattern_per_first_word_finds_the_same_as_one_pattern(monkeypatch, pattern):
    texts = ["het kindje huilt", "de baby huilt al uren", "ik wil echt niet meer leven",
             "nie meer leve", "zelfmoordgedachten heb ik gedacht", "zij slaat me echt hard",
             "hij slaat de bal", "niets aan de hand"]
    split = PhraseMatcher({"x": [pattern]}, languages={"x": "nl"})
    monkeypatch.setattr(phrases, "_by_first_word", lambda tokens: [tokens])
    whole = PhraseMatcher({"x": [pattern]}, languages={"x": "nl"})
    assert [split.hits(t) for t in texts] == [whole.hits(t) for t in texts]
    assert any(whole.hits(t) for t in texts)
