from bot.payloads import with_page_facts


def test_a_button_payload_carries_the_pages_language_and_role():
    assert with_page_facts("/parent", {"language": "en", "audience": "parent"}) == \
        '/parent{"language": "en", "role": "parent"}'


def test_entities_the_payload_names_win():
    assert with_page_facts('/young_person{"language": "nl"}', {"language": "en"}) == \
        '/young_person{"language": "nl"}'


def test_typed_text_and_bare_payloads_stay_as_they_are():
    assert with_page_facts("ik ben een ouder", {"language": "en"}) == "ik ben een ouder"
    assert with_page_facts("/greet", {}) == "/greet"
    assert with_page_facts("/greet", {"audience": "demo"}) == "/greet"
    assert with_page_facts("/greet{not json", {"language": "en"}) == "/greet{not json"


def test_the_young_peoples_page_does_not_make_a_parent_button_a_child():
    assert with_page_facts("/parent", {"language": "nl", "audience": "young"}) == \
        '/parent{"language": "nl"}'
