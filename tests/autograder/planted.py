"""Plant an assignment's sample mistakes (``suites/<A>/samples.toml``) in its solution, several
per submission where they cannot mask each other, so that a test file grades few notebooks."""

from __future__ import annotations

from autograder.kit.knock_on import called_names
from autograder.kit.mistakes import Sample
from autograder.samples import solution_answers, submission


def answer(assignment: str, sample: Sample) -> str:
    """The answer cell of ``sample.function`` with the mistake planted."""
    if not sample.old:
        return sample.new
    source = solution_answers(assignment)[sample.function]
    assert sample.old in source, f"{assignment}: {sample.old!r} is not in {sample.function}"
    return source.replace(sample.old, sample.new, 1)


def _reach(calls: dict[str, set[str]], function: str) -> set[str]:
    """Every function ``function`` calls, directly or through others."""
    seen, todo = set(), [function]
    while todo:
        for callee in calls.get(todo.pop(), ()):
            if callee in calls and callee not in seen:
                seen.add(callee)
                todo.append(callee)
    return seen


def batches(assignment: str, samples: list[Sample]) -> list[list[Sample]]:
    """``samples`` grouped so that no group holds two mistakes in one function, or a mistake in
    a function that another mistaken function of the group calls (its hint would be a knock-on)."""
    calls = called_names(solution_answers(assignment).values())
    groups: list[list[Sample]] = []
    for sample in samples:
        for group in groups:
            if all(
                other.function != sample.function
                and other.function not in _reach(calls, sample.function)
                and sample.function not in _reach(calls, other.function)
                for other in group
            ):
                group.append(sample)
                break
        else:
            groups.append([sample])
    return groups


def graded_batch(assignment: str, group: list[Sample], grade) -> object:
    """Grade the solution with every sample of ``group`` planted."""
    answers = {sample.function: answer(assignment, sample) for sample in group}
    return grade(submission(assignment, answers), assignment)


def untouched(assignment: str, functions: list[str], group: list[Sample]) -> list[str]:
    """The ``functions`` a grade of ``group`` must leave at full marks: neither mistaken nor
    calling (directly or not) a mistaken one."""
    calls = called_names(solution_answers(assignment).values())
    wrong = {sample.function for sample in group}
    return [f for f in functions if f not in wrong and not wrong & _reach(calls, f)]


def graded_batch_losing_points(assignment: str, group: list[Sample], grade) -> object:
    """Grade ``group`` planted together and assert that each sample's function loses points and
    shows that sample's hint; return the report for further checks."""
    report = graded_batch(assignment, group, grade)
    scores = report.function_scores()
    for sample in group:
        got, available = scores[sample.function]
        assert got < available, f"{assignment}: {sample} kept full marks"
        shown = "\n".join(
            t.message for t in report.tests if t.function == sample.function and not t.passed
        )
        assert sample.mistake in shown, (sample, shown)
    return report
