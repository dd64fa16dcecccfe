"""For operators: the counters of every turn, the daily totals they add up to, and the
reach report made from those totals. Labels only, never text or ids.

Tooling around the domain core: the core (``bot/*.py``) never imports from here.
"""
