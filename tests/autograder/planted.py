"""Plant an assignment's sample mistakes (``suites/<A>/samples.toml``) in its solution, several
per submission where they cannot mask each other, so that a test file grades few notebooks."""

from __future__ import annotations

from autograder import course
from autograder.kit.knock_on import called_names, cell_owners, dependencies
from autograder.kit.mistakes import Sample
from autograder.kit.suitecheck import graded_functions
from autograder.samples import solution_answers, submission


def answer(assignment: str, sample: Sample) -> str:
    """The answer cell of ``sample.function`` with the mistake planted."""
    if not sample.old:
        return sample.new
    source = solution_answers(assignment)[sample.function]
    assert sample.old in source, f"{assignment}: {sample.old!r} is not in {sample.function}"
    return source.replace(sample.old, sample.new, 1)


def _reacher(assignment: str):
    """``reach(function)``: every graded function ``function`` relies on, directly or through
    others and the cells' helpers (:func:`autograder.kit.knock_on.dependencies`)."""
    answers = solution_answers(assignment)
    calls = called_names(answers.values())
    graded = graded_functions(assignment) if not course.is_quiz(assignment) else []
    owners = cell_owners(answers.items(), graded)

    def reach(function: str) -> set[str]:
        return dependencies(calls, function, graded=graded, owners=owners, through_graded=True)

    return reach


def batches(assignment: str, samples: list[Sample]) -> list[list[Sample]]:
    """``samples`` grouped so that no group holds two mistakes in one function, or a mistake in
    a function that another mistaken function of the group calls (its hint would be a knock-on)."""
    reach = _reacher(assignment)
    groups: list[list[Sample]] = []
    for sample in samples:
        for group in groups:
            if all(
                other.function != sample.function
                and other.function not in reach(sample.function)
                and sample.function not in reach(other.function)
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
    reach = _reacher(assignment)
    wrong = {sample.function for sample in group}
    return [f for f in functions if f not in wrong and not wrong & reach(f)]


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
