"""filmkit: the code behind the teaching kit on generative AI in film production.

Notebooks tell the story; this package holds the data loading, the models and
the widget builders, each small enough to read and tested on its own.
"""

__version__ = "0.1.0"
