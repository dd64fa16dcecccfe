"""Thin adapters that plug the Rasa-free ``bot`` package into Rasa.

``components`` are NLU pipeline components, ``channel`` is the REST channel. Each keeps
to translating between Rasa's objects and ``bot``'s plain functions.
"""
