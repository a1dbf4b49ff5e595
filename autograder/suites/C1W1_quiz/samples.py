"""The classic mistake in C1W1_quiz, planted in the solution by one edit: the demo's.

A select-all question answered with only some of its right options scores nothing. A quiz has
no catalogue hint (``mistake=None``): the report shows the question's explanation instead.
"""

from __future__ import annotations

from autograder.kit.mistakes import Sample

SAMPLES: list[Sample] = [
    Sample("q2", 'q2 = {"a", "b", "c"}', 'q2 = {"a", "b"}', None, "partial select-all answer"),
]
