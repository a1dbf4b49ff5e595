"""Structured grading results: what every command prints, stores or exports.

The JSON form is the command-line contract (see GRADER.md)::

    {"assignment", "score", "max_score",
     "tests": [{"function", "name", "points", "max_points", "passed", "message"}],
     "notes": [...]}
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections import defaultdict

from autograder.kit.results import TestResult
from autograder.kit.scoring import total


@dataclasses.dataclass
class Report:
    assignment: str
    tests: list[TestResult] = dataclasses.field(default_factory=list)
    notes: list[str] = dataclasses.field(default_factory=list)
    sandbox: str = ""

    @property
    def score(self) -> float:
        return total(test.points for test in self.tests)

    @property
    def max_score(self) -> float:
        return total(test.max_points for test in self.tests)

    @property
    def full_marks(self) -> bool:
        return self.max_score > 0 and abs(self.score - self.max_score) < 1e-9

    def by_function(self) -> dict[str, list[TestResult]]:
        groups: dict[str, list[TestResult]] = defaultdict(list)
        for test in self.tests:
            groups[test.function].append(test)
        return dict(groups)

    def function_scores(self) -> dict[str, tuple[float, float]]:
        """``{function: (points, max_points)}`` in suite order."""
        return {
            function: (total(t.points for t in tests), total(t.max_points for t in tests))
            for function, tests in self.by_function().items()
        }

    def to_json(self) -> dict:
        return {
            "assignment": self.assignment,
            "score": self.score,
            "max_score": self.max_score,
            "tests": [test.to_json() for test in self.tests],
            "notes": list(self.notes),
        }

    def dumps(self) -> str:
        return json.dumps(self.to_json(), indent=2)

    @classmethod
    def from_json(cls, data: dict) -> Report:
        report = cls(assignment=data["assignment"], notes=list(data.get("notes", [])))
        for test in data.get("tests", []):
            report.tests.append(
                TestResult(
                    function=test["function"],
                    name=test["name"],
                    points=float(test["points"]),
                    max_points=float(test["max_points"]),
                    passed=bool(test["passed"]),
                    message=test.get("message", ""),
                )
            )
        return report

    def render_text(self, *, color: bool = False) -> str:
        """A human summary: one line per graded function, then the failures, then notes.

        Every piece of text that can come from a student (messages, notes) goes through
        :func:`printable`, so it cannot move the cursor, clear the screen or retitle the
        terminal; only our own colour codes (``color=True``) reach it raw."""
        green, red, dim, reset = (
            ("\033[32m", "\033[31m", "\033[2m", "\033[0m") if color else ("", "", "", "")
        )
        clean = printable
        lines = [f"{clean(self.assignment)}: {_num(self.score)} / {_num(self.max_score)} points"]
        for function, (points, max_points) in self.function_scores().items():
            mark = f"{green}✓{reset}" if abs(points - max_points) < 1e-9 else f"{red}✗{reset}"
            lines.append(f"  {mark} {clean(function):<40} {_num(points):>6} / {_num(max_points)}")
        failures = [test for test in self.tests if not test.passed]
        if failures:
            lines.append("")
            lines.append("What to fix:")
            seen = set()
            for test in failures:
                key = (test.function, test.message)
                if key in seen:
                    continue
                seen.add(key)
                lines.append(
                    f"  {red}- {clean(test.function)}{reset} {dim}({clean(test.name)}){reset}"
                )
                for message_line in test.message.splitlines() or [""]:
                    lines.append(f"      {clean(message_line)}")
        explained = [test for test in self.tests if test.passed and test.message]
        if explained:
            lines.append("")
            lines.append("Explanations:")
            for test in explained:
                lines.append(f"  {green}- {clean(test.function)}{reset}")
                lines += [f"      {clean(line)}" for line in test.message.splitlines()]
        if self.notes:
            lines.append("")
            lines.append("Notes:")
            lines += [f"  - {clean(note)}" for note in self.notes]
        return "\n".join(lines)


def _num(value: float) -> str:
    """Points as the notebook writes them: 2, 1.5, 0.25, 0.6667."""
    return f"{value:.4f}".rstrip("0").rstrip(".")


# C0 controls except tab and newline, DEL, the C1 range (0x80-0x9f: CSI, OSC and friends) and
# the bidirectional overrides and isolates (they reorder what a terminal shows).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_CONTROL_OR_NEWLINE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: object, *, newlines: bool = True) -> str:
    """``text`` with every control character a terminal would act on replaced by a visible
    escape (ESC becomes the four characters ``\\x1b``), so an escape sequence prints as
    harmless text. Tabs are kept, and newlines too unless ``newlines=False`` (a single line)."""
    pattern = _CONTROL if newlines else _CONTROL_OR_NEWLINE
    return pattern.sub(_escape, str(text))
