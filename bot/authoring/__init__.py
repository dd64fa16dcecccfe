"""For the people who edit the data: check every data file (``python -m bot validate``),
the training examples and held-out sets, the crisis replies written into domain.yml, and
the decision for one message (``python -m bot ask``).

Tooling around the domain core: the core (``bot/*.py``) never imports from here.
"""
