"""The parts of ``filmkit grade`` (:mod:`filmkit.classroom.grade`): who handed in what (``roster``, ``collect``),
answers read as data (``records``), answers computed in code run in a sandbox (``sandbox``), written
answers and their pack (``written``) and hand-ins that look copied (``integrity``)."""
