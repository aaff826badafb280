"""Tooling for authors and instructors: the notebook runner, exercise builder, checks and environment check."""
