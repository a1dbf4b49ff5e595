"""The logistic-regression baselines that C1W3 and C1W4_deep_nn_application ship as weights.

Their notebooks compare a network with C1W2's logistic regression, but the release must not
carry C1W2's graded code, so ``scripts/notebooks/C1W3_baseline.py`` and ``C1W4_baseline.py``
train it with ``dlutils.logistic`` and write only the weights. These tests check that the
committed files are what the scripts write today (rerun the script if one fails), and that the
C1W3 script's split is the one the notebook makes.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import numpy as np
import pytest

REPO = Path(__file__).resolve().parent.parent
SCRIPTS = {
    "C1W3_planar_classification": REPO / "scripts" / "notebooks" / "C1W3_baseline.py",
    "C1W4_deep_nn_application": REPO / "scripts" / "notebooks" / "C1W4_baseline.py",
}


def _load(path: Path):
    spec = importlib.util.spec_from_file_location(f"_baseline_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("assignment", sorted(SCRIPTS))
def test_committed_baseline_is_what_the_script_writes(assignment):
    script = _load(SCRIPTS[assignment])
    committed = json.loads(script.TARGET.read_text(encoding="utf-8"))
    fresh = script.baseline()
    assert committed["trained_with"] == fresh["trained_with"]
    np.testing.assert_allclose(committed["w"], fresh["w"], rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(committed["b"], fresh["b"], rtol=1e-9, atol=1e-12)
    for folder in ("solutions", "assignments"):
        shipped = REPO / folder / assignment / "logistic_baseline.json"
        assert shipped.read_bytes() == script.TARGET.read_bytes(), f"{folder}: run dlcourse release"


def test_c1w3_split_is_the_notebooks():
    script = _load(SCRIPTS["C1W3_planar_classification"])
    notebook = json.loads(
        (
            REPO / "solutions" / "C1W3_planar_classification" / "C1W3_planar_classification.ipynb"
        ).read_text(encoding="utf-8")
    )
    source = "".join(next(c for c in notebook["cells"] if c["id"] == "show-data")["source"])
    assert f"np.random.default_rng({script.SPLIT_SEED}).permutation" in source
    assert f"order[:{script.TRAINING_POINTS}]" in source
    X, Y, X_test, Y_test = script.split()
    assert X.shape == (2, 300) and X_test.shape == (2, 100)
    assert Y.shape == (1, 300) and Y_test.shape == (1, 100)
