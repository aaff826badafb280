"""One import point per module of the course.

Each notebook starts with ``from filmkit.course import <module> as kit`` and calls
``kit.<name>``: the notebook tells the story, the names it uses are listed here.
"""
