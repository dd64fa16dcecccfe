"""The trainers' demo: the scenarios (``data/scenarios.yml``), playing them against a bot,
and the routing map drawn from the rule table.

Tooling around the domain core: the core (``bot/*.py``) never imports from here.
"""
