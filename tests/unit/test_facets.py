import pytest

from bot.facets import find_age, find_facets


@pytest.mark.parametrize("text, age", [
    ("ik ben 15 en word afgeperst", 15), ("im 19 and my stepdad touches me", 19),
    ("I am 16", 16), ("19", 19), ("15 jaar", 15), ("14yo", 14),
    ("mijn dochter van 14 wordt gechanteerd", None), ("bel 113", None), ("ik ben 3", None),
])
def test_own_age(text, age):
    assert find_age(text) == age


@pytest.mark.parametrize("text, topic", [
    ("ik word afgeperst met m'n nudes", "sextortion"),
    ("someone is threatening to leak my pics", "sextortion"),
    ("er gaat een nep naaktfoto van mij rond", "shared_images"),
    ("a guy keeps asking for nudes", "grooming"),
    ("mijn stiefvader zit aan me", "offline_abuse"),
    ("ik zag het op telegram", "not_public"),
    ("een collega op school", "school"),
    ("de gymleraar stuurt mijn dochter berichten", "school"),
    ("my daughter's teacher keeps messaging her", "school"),
])
def test_topics(text, topic):
    assert topic in find_facets(text).topics


@pytest.mark.parametrize("text", [
    "ik ben leraar en een leerling vertelde me dat ze misbruikt wordt",
    "als docent maak ik me zorgen", "im a teacher and a pupil told me her uncle touches her",
    "er gaat een naaktfoto van mijn dochter rond op school",
])
def test_school_means_school_staff_not_the_writers_job_or_the_place(text):
    """The school topic sends people to the vertrouwensinspecteur, who is for suspicions
    about school staff; a teacher's own job or a photo going round at school is not that."""
    assert "school" not in find_facets(text).topics


@pytest.mark.parametrize("text, role", [
    ("mijn dochter wordt gechanteerd", "parent"), ("my son got a weird message", "parent"),
    ("een leerling vertelde me iets", "professional"), ("im a teacher", "professional"),
    ("ik word afgeperst", None),
])
def test_role(text, role):
    assert find_facets(text).role == role
