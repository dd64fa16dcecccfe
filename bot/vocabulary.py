"""The bot's own words for things: every label it may set, store or count, in one place.

Data files are checked against these, the conversation store keeps only these (never free
text), and the metrics accept only these as label values.
"""

from __future__ import annotations

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"

SUICIDE = "crisis_suicide"  # suicidal thoughts: 113
EMERGENCY = "emergency"  # danger now: 112
CRISIS_SITUATIONS = (SUICIDE, EMERGENCY)
CRISIS_NUMBERS = {SUICIDE: "113", EMERGENCY: "112"}
SITUATIONS = (
    "young_person", "parent", "professional", "own_behaviour", "worried_about_other",
    "report_material", "exploitation", "adult_survivor", "acute_assault", *CRISIS_SITUATIONS,
)
TOPICS = ("sextortion", "shared_images", "grooming", "offline_abuse", "not_public", "school",
          "image_removal", "taken_under_18", "others_image")
ROLES = ("young", "parent", "professional")
TIMES = ("recent",)

# Who a page is for (the widget's data-audience, sent as metadata).
PAGE_AUDIENCES = ("young", "parent", "professional", "demo")
# Who a service is for (data/services.yml).
SERVICE_AUDIENCES = ("young", "young_adults", "adults", "parents", "professionals")
# What a person can tap on a service card.
TAP_KINDS = ("call", "chat", "website")
