"""The classroom jobs an instructor runs: release the exercises, grade the hand-ins, serve the app view
and the class hub, print handouts and slides.

This room sits apart from the authoring tools and the learner's own checks (``filmkit.tools``): the
import contracts in ``pyproject.toml`` keep the course a student opens from ever importing it.
"""
