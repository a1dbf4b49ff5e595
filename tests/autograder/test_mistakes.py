"""The catalogue of classic mistakes and the samples.toml files that name its entries."""

from __future__ import annotations

import math

import numpy as np
import pytest

from autograder import course
from autograder.kit import mistakes
from autograder.kit.mistakes import Mistake, entry, read_samples
from autograder.kit.plugin import graded_function_names

CATALOGUE = {name: value for name, value in vars(mistakes).items() if isinstance(value, Mistake)}


def test_every_entry_is_found_by_its_name_and_says_something_of_its_own():
    assert len(CATALOGUE) > 20
    for constant, mistake in CATALOGUE.items():
        assert entry(mistake.name) is mistake, constant
    hints = [str(mistake) for mistake in CATALOGUE.values()]
    assert len(set(hints)) == len(hints), "two catalogue entries share one wording"


def test_every_row_of_the_table_became_an_entry():
    plain = [name for name, hint in vars(mistakes).items() if name.isupper() and type(hint) is str]
    assert not plain, f"move {plain} above the last line of kit/mistakes.py, _name_entries(...)"
    assert mistakes.DB_SUM_ALL.name == "db_sum_all" and str(mistakes.DB_SUM_ALL).startswith("db ")


def test_an_unknown_name_is_refused():
    with pytest.raises(KeyError, match="no classic mistake named 'cost_sing'"):
        entry("cost_sing")


def test_read_samples_resolves_mistakes_and_defaults(tmp_path):
    path = tmp_path / "samples.toml"
    path.write_text(
        '[[samples]]\nfunction = "f"\nold = "a / m"\nnew = "a"\nmistake = "cost_no_mean"\n\n'
        '[[samples]]\nfunction = "q1"\nnew = "q1 = \\"b\\""\nlabel = "wrong letter"\n'
    )
    first, second = read_samples(path)
    assert first.mistake is mistakes.COST_NO_MEAN and first.old == "a / m" and first.label == ""
    assert second.mistake is None and second.old == "" and second.new == 'q1 = "b"'


@pytest.mark.parametrize(
    ("row", "complaint"),
    [
        ('function = "f"\nnew = "x"\nmistake = "no_such_thing"', "no classic mistake named"),
        ('function = "f"\nnew = "x"\nhint = "say this"', "expected function, new"),
        ('new = "x"', "expected function, new"),
    ],
)
def test_a_bad_sample_names_its_file_and_number(tmp_path, row, complaint):
    path = tmp_path / "samples.toml"
    path.write_text(f'[[samples]]\nfunction = "g"\nnew = "y"\n\n[[samples]]\n{row}\n')
    with pytest.raises(ValueError, match="samples.toml: sample 2: .*" + complaint):
        read_samples(path)


@pytest.mark.parametrize("assignment", course.known_assignments())
def test_every_sample_plants_a_change_in_a_graded_function(assignment):
    graded = graded_function_names(course.suite_module(assignment))
    for sample in course.samples(assignment):
        assert sample.new != sample.old, sample
        assert sample.function in graded, sample


def test_sigmoid_mistakes_against_values_worked_by_hand():
    """At z = ln 3, exp(-z) = 1/3 and sigmoid(z) = 3/4."""
    got = {
        mistake.name: float(value[0]) for mistake, value in mistakes.sigmoid_mistakes([math.log(3)])
    }
    assert got == pytest.approx(
        {
            "sigmoid_exponent_sign": 1 / 4,
            "sigmoid_is_derivative": 3 / 16,
            "sigmoid_parentheses": 4 / 3,
            "sigmoid_exp_only": 1 / 3,
        }
    )


def test_the_comparisons_wrong_axis_hint_is_the_catalogue_entry():
    """A (1, m) array where an (n, 1) column was expected (a sum over axis 0): the comparison's
    own shape hint is the catalogue's entry, so suites and tests can name it."""
    from autograder.kit.spec import Case, Mismatch
    from autograder.learner.compare import expect_array

    with pytest.raises(Mismatch) as raised:
        expect_array(np.ones((1, 5)), np.ones((3, 1)), name="db", case=Case(np.ones(1)))
    assert raised.value.hint == mistakes.REDUCED_WRONG_AXIS
