"""One test case's outcome, as the kit's pytest plugin records it and the judge reports it.

It lives in the kit (not in :mod:`autograder.judge.report`, which builds reports from it) so
that the plugin, which the learner's self-check also runs, imports nothing from the judge.
"""

from __future__ import annotations

import dataclasses


@dataclasses.dataclass
class TestResult:
    function: str
    name: str
    points: float
    max_points: float
    passed: bool
    message: str = ""
    hidden: bool = False
    # Filled in by the plugin, for scoring and knock-on messages (not part of the JSON):
    test: str = ""  # the suite's test function
    role: str = ""  # public, hidden or check (see autograder.kit.scoring)
    test_points: float = 0.0  # what the whole test function is worth
    detail: str = ""  # the message without its hint
    hint: str = ""

    def to_json(self) -> dict:
        return {
            "function": self.function,
            "name": self.name,
            "points": round(self.points, 4),
            "max_points": round(self.max_points, 4),
            "passed": self.passed,
            "message": self.message,
        }
