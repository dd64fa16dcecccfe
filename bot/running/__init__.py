"""Running the bot: start and watch its servers (one process, or scaled behind nginx with
Redis), say whether a server is ready, and load the trained model in this process.

Tooling around the domain core: the core (``bot/*.py``) never imports from here.
"""
